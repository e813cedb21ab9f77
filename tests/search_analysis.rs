//! The analysers: CJK unigrams and positioned bigrams with char-boundary offsets on mixed
//! text, stemming, and the folding that makes romanization variants meet.

use lectern::model::{Block, BlockKind, DocKind, Document, Lang, LangText, Source};
use lectern::search::analysis::{Mode, RUN_BREAK, TextField, Tok, tokenize};
use lectern::search::{Location, SearchIndex};

fn texts(toks: &[Tok]) -> Vec<(&str, usize)> {
    toks.iter()
        .filter(|t| t.text != RUN_BREAK)
        .map(|t| (t.text.as_str(), t.pos))
        .collect()
}

#[test]
fn chinese_gets_unigrams_and_bigrams_at_the_position_of_their_first_character() {
    let text = "金日成与Kim Il-sung会谈";
    let toks = tokenize(TextField::Zh, Mode::Document, text);
    assert_eq!(
        texts(&toks),
        vec![
            ("金", 0),
            ("金日", 0),
            ("日", 1),
            ("日成", 1),
            ("成", 2),
            ("成与", 2),
            ("与", 3),
            // 4 is the break after the run.
            ("kim", 5),
            ("il", 6),
            ("kim il", 5),
            ("sung", 7),
            ("il sung", 6),
            ("会", 8),
            ("会谈", 8),
            ("谈", 9),
        ]
    );
    for t in &toks {
        assert!(text.is_char_boundary(t.range.start) && text.is_char_boundary(t.range.end));
    }
    let slice = |s: &str| {
        toks.iter()
            .find(|t| t.text == s)
            .map(|t| &text[t.range.clone()])
    };
    assert_eq!(slice("日成"), Some("日成"));
    assert_eq!(slice("kim"), Some("Kim"));
    assert_eq!(slice("sung"), Some("sung"));
}

#[test]
fn whitespace_inside_chinese_does_not_break_the_run_but_punctuation_does() {
    let wrapped = tokenize(TextField::Zh, Mode::Document, "联合\n    公报");
    assert!(wrapped.iter().any(|t| t.text == "合公"));
    let bigram = wrapped
        .iter()
        .find(|t| t.text == "合公")
        .map(|t| t.range.clone());
    assert_eq!(bigram, Some(3.."联合\n    公".len()));
    let broken = tokenize(TextField::Zh, Mode::Document, "联合，公报");
    assert!(!broken.iter().any(|t| t.text == "合公"));
}

#[test]
fn queries_keep_only_what_must_match() {
    assert_eq!(
        texts(&tokenize(TextField::Zh, Mode::Query, "金")),
        vec![("金", 0)]
    );
    assert_eq!(
        texts(&tokenize(TextField::Zh, Mode::Query, "金 日成")),
        vec![("金日", 0), ("日成", 1)]
    );
    // A break between two runs is part of the query; none after the last one.
    let q = tokenize(TextField::Zh, Mode::Query, "济、文化");
    let all: Vec<(&str, usize)> = q.iter().map(|t| (t.text.as_str(), t.pos)).collect();
    assert_eq!(all, vec![("济", 0), (RUN_BREAK, 1), ("文化", 2)]);
}

#[test]
fn english_is_lowercased_folded_and_stemmed() {
    let toks = tokenize(
        TextField::En,
        Mode::Document,
        "Treaties SIGNED négociations",
    );
    assert_eq!(
        texts(&toks),
        vec![
            ("treati", 0),
            ("sign", 1),
            ("treati sign", 0),
            ("negoci", 2),
            ("sign negoci", 1)
        ]
    );
    let query = tokenize(TextField::En, Mode::Query, "treaty signing");
    assert_eq!(texts(&query), vec![("treati sign", 0)]);
}

#[test]
fn neighbouring_words_are_also_indexed_as_pairs_but_not_across_chinese() {
    let toks = tokenize(TextField::En, Mode::Document, "the Korean, people 朝鲜 war");
    let pairs: Vec<(&str, usize)> = texts(&toks)
        .into_iter()
        .filter(|(t, _)| t.contains(' '))
        .collect();
    // Punctuation between words takes no position, so the pair stands across the comma.
    assert_eq!(pairs, vec![("the korean", 0), ("korean peopl", 1)]);
    let pair = toks.iter().find(|t| t.text == "korean peopl");
    assert_eq!(pair.map(|t| (t.range.clone(), t.span)), Some((4..18, 2)));
}

#[test]
fn the_index_keeps_a_characters_own_token_only_at_the_ends_of_its_run() {
    use tantivy::tokenizer::{TokenStream, Tokenizer};
    let mut tokenizer = lectern::search::analysis::LecternTokenizer::new(TextField::Zh);
    let mut stream = tokenizer.token_stream("金日成与，苏 联");
    let mut indexed = Vec::new();
    while stream.advance() {
        let t = stream.token();
        if t.text != RUN_BREAK {
            indexed.push((t.text.clone(), t.position));
        }
    }
    let own = |v: &[(&str, usize)]| {
        v.iter()
            .map(|(t, p)| (t.to_string(), *p))
            .collect::<Vec<_>>()
    };
    // 日 and 成 stand inside their run: each begins a bigram (日成, 成与) instead.
    assert_eq!(
        indexed,
        own(&[
            ("金", 0),
            ("金日", 0),
            ("日成", 1),
            ("成与", 2),
            ("与", 3),
            ("苏", 5),
            ("苏联", 5),
            ("联", 6),
        ])
    );
    // What queries and highlights match against keeps every character.
    let whole = tokenize(TextField::Zh, Mode::Document, "金日成与");
    assert!(whole.iter().any(|t| t.text == "日" && t.pos == 1));
    // Words keep every pair in the index, names' as well as stop words'.
    let mut words = lectern::search::analysis::LecternTokenizer::new(TextField::En);
    let mut stream = words.token_stream("Kim Il Sung of the");
    let mut pairs = Vec::new();
    while stream.advance() {
        let t = stream.token();
        if t.text.contains(' ') {
            pairs.push((t.text.clone(), t.position));
        }
    }
    let pairs: Vec<(&str, usize)> = pairs.iter().map(|(t, p)| (t.as_str(), *p)).collect();
    assert_eq!(
        pairs,
        vec![("kim il", 0), ("il sung", 1), ("sung of", 2), ("of the", 3)]
    );
}

#[test]
fn a_query_is_the_fewest_tokens_that_span_all_its_positions() {
    let q = |field, s| {
        tokenize(field, Mode::Query, s)
            .into_iter()
            .map(|t| (t.text, t.pos))
            .collect::<Vec<_>>()
    };
    let own = |v: &[(&str, usize)]| {
        v.iter()
            .map(|(t, p)| (t.to_string(), *p))
            .collect::<Vec<_>>()
    };
    // Two words: one pair. Three: two pairs overlapping on the middle word. Four: two pairs.
    assert_eq!(q(TextField::En, "of the"), own(&[("of the", 0)]));
    assert_eq!(
        q(TextField::En, "of the people"),
        own(&[("of the", 0), ("the peopl", 1)])
    );
    assert_eq!(
        q(TextField::En, "the people of Korea"),
        own(&[("the peopl", 0), ("of korea", 2)])
    );
    // Chinese: bigrams every other character, the last one overlapping.
    assert_eq!(
        q(TextField::Zh, "朝鲜人民"),
        own(&[("朝鲜", 0), ("人民", 2)])
    );
    assert_eq!(
        q(TextField::Zh, "朝鲜人民军"),
        own(&[("朝鲜", 0), ("人民", 2), ("民军", 3)])
    );
    // A word next to a Chinese run: no pair across them.
    assert_eq!(
        q(TextField::Zh, "UN安理会"),
        own(&[("un", 0), ("安理", 1), ("理会", 2)])
    );
}

#[test]
fn russian_is_lowercased_and_stemmed_and_yo_is_folded() {
    let a = tokenize(TextField::Ru, Mode::Document, "Договором, дружбе, ещё");
    let b = tokenize(TextField::Ru, Mode::Document, "договор дружба еще");
    assert_eq!(
        a.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
        b.iter().map(|t| t.text.as_str()).collect::<Vec<_>>()
    );
    // Folding must not strip the breve off й, a letter of its own.
    let mut folded = String::new();
    lectern::search::analysis::fold_word("Йошкар-Ола", &mut folded);
    assert_eq!(folded, "йошкар-ола");
}

fn doc(id: &str, en: &str) -> Document {
    Document {
        id: id.into(),
        kind: DocKind::Article,
        title: LangText::one(Lang::En, id),
        dates: Vec::new(),
        parties: Vec::new(),
        summary: None,
        source: Source {
            raw: "raw/x.txt".into(),
            ..Source::default()
        },
        texts: Vec::new(),
        notes: Vec::new(),
        inferred: Default::default(),
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            text: LangText::one(Lang::En, en),
        }],
        footnotes: Vec::new(),
    }
}

#[test]
fn romanization_variants_find_each_other() {
    let docs = vec![
        doc("hyphen", "headed by Kim Il-sung, visited Moscow"),
        doc(
            "spaced",
            "I visited Kim Il Sung in accordance with instructions",
        ),
        doc("plain", "the Hungnam Mineral Fertilizer Factory"),
        doc("breve", "the Hŭngnam works and Pyŏngyang"),
        doc("other", "Kim Jong Il and a sung hymn"),
    ];
    let tmp = tempfile::tempdir().expect("tempdir");
    let (index, _) =
        SearchIndex::open(&Location::at(tmp.path()), &docs, &mut |_, _| {}).expect("index");
    let ids = |q: &str| -> Vec<String> {
        let mut v: Vec<String> = index
            .search(q, 10)
            .expect("search")
            .hits
            .into_iter()
            .filter(|h| h.block.0 > 0)
            .map(|h| h.doc_id)
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids("\"Kim Il Sung\""), vec!["hyphen", "spaced"]);
    assert_eq!(ids("\"Kim Il-sung\""), vec!["hyphen", "spaced"]);
    assert_eq!(ids("Kim Il-sung"), vec!["hyphen", "spaced"]);
    assert_eq!(ids("Hŭngnam"), vec!["breve", "plain"]);
    assert_eq!(ids("Hungnam"), vec!["breve", "plain"]);
    assert_eq!(ids("pyongyang"), vec!["breve"]);
}
