//! Oracle tests: for many literal strings, the (document, block) pairs the index returns equal
//! those a plain substring scan of the same normalized text finds — on the bundled corpus and
//! on a generated one. Strings that are absent must find nothing.
//!
//! The scan shares only the per-word normalization with the index (lowercase, folding,
//! stemming); how text is cut into units, how CJK runs join across whitespace and where a
//! match may start are re-implemented here, independently of the tokenizer and of tantivy.

use lectern::corpus::Corpus;
use lectern::model::inline::plain_text;
use lectern::model::{Document, Lang};
use lectern::search::analysis::{fold_word, is_cjk};
use lectern::search::synth::{Generator, Rng};
use lectern::search::{Location, SearchIndex};
use std::collections::BTreeSet;

/// The text of every unit (title = block 0), per language, as the index sees it.
fn units(doc: &Document) -> Vec<(usize, Vec<(Lang, String)>)> {
    let mut out = vec![(
        0,
        doc.title
            .0
            .iter()
            .map(|(l, t)| (*l, plain_text(t)))
            .collect(),
    )];
    for (i, b) in doc.blocks.iter().enumerate() {
        out.push((
            i + 1,
            b.text.0.iter().map(|(l, t)| (*l, plain_text(t))).collect(),
        ));
    }
    out
}

fn normalize_word(lang: Lang, word: &str) -> String {
    let mut folded = String::new();
    fold_word(word, &mut folded);
    let algo = match lang {
        Lang::En => frostem::Algorithm::English,
        Lang::Ru => frostem::Algorithm::Russian,
        _ => return folded,
    };
    frostem::Stemmer::new(algo).stem(&folded).into_owned()
}

/// A unit of normalized text: one CJK character (joined to the previous one when only
/// whitespace separates them) or one normalized word.
enum Unit {
    Cjk(char, bool),
    Word(String),
}

fn scan_units(lang: Lang, text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut joinable = false;
    for c in text.chars().chain(std::iter::once('\u{0}')) {
        let is_word = !is_cjk(c) && (c.is_alphanumeric() || is_combining(c));
        if is_word {
            word.push(c);
            joinable = false;
            continue;
        }
        if !word.is_empty() {
            out.push(Unit::Word(normalize_word(lang, &word)));
            word.clear();
        }
        if is_cjk(c) {
            out.push(Unit::Cjk(c, joinable));
            joinable = true;
        } else if !c.is_whitespace() {
            joinable = false;
        }
    }
    out
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Units written out: joined CJK characters touch, every other boundary is one space.
fn render(units: &[Unit]) -> String {
    let mut s = String::new();
    for (i, u) in units.iter().enumerate() {
        match u {
            Unit::Cjk(c, joined) => {
                if i > 0 && !joined {
                    s.push(' ');
                }
                s.push(*c);
            }
            Unit::Word(w) => {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(w);
            }
        }
    }
    s
}

/// The needle to scan for: a word at either end must sit on a unit boundary (space).
fn needle(lang: Lang, query: &str) -> Option<String> {
    let units = scan_units(lang, query);
    let first_word = matches!(units.first()?, Unit::Word(_));
    let last_word = matches!(units.last()?, Unit::Word(_));
    let mut n = render(&units);
    // A CJK run at the start of the query was not joined to anything before it.
    if first_word {
        n.insert(0, ' ');
    }
    if last_word {
        n.push(' ');
    }
    Some(n)
}

/// Every unit's normalized text per language, padded with spaces: what the scan runs over.
/// (document id, block, normalized text per language).
type HayUnit = (String, usize, Vec<(Lang, String)>);

struct Hay(Vec<HayUnit>);

impl Hay {
    fn new(docs: &[Document]) -> Self {
        Self(
            docs.iter()
                .flat_map(|doc| {
                    units(doc).into_iter().map(|(block, texts)| {
                        let hay = texts
                            .iter()
                            .map(|(lang, text)| {
                                (*lang, format!(" {} ", render(&scan_units(*lang, text))))
                            })
                            .collect();
                        (doc.id.clone(), block, hay)
                    })
                })
                .collect(),
        )
    }

    /// Blocks where every group matches (a group is one string, matched in any language).
    fn scan(&self, groups: &[&str]) -> BTreeSet<(String, usize)> {
        let mut found = BTreeSet::new();
        for (id, block, texts) in &self.0 {
            let all = groups.iter().all(|g| {
                texts
                    .iter()
                    .any(|(lang, hay)| needle(*lang, g).is_some_and(|n| hay.contains(&n)))
            });
            if all {
                found.insert((id.clone(), *block));
            }
        }
        found
    }
}

fn searched(index: &SearchIndex, _docs: &[Document], query: &str) -> BTreeSet<(String, usize)> {
    let results = index.search(query, 100_000).expect("search runs");
    let got: BTreeSet<_> = results
        .hits
        .iter()
        .map(|h| (h.doc_id.clone(), h.block.0))
        .collect();
    assert_eq!(results.total, got.len(), "total vs hits for {query:?}");
    got
}

/// Literal strings drawn from the texts: CJK substrings of 1, 2, 3 and more characters, word
/// windows (names, phrases) and raw substrings of any text.
fn samples(docs: &[Document], rng: &mut Rng, n: usize) -> Vec<String> {
    let texts: Vec<(Lang, String)> = docs.iter().flat_map(units).flat_map(|(_, t)| t).collect();
    let zh: Vec<&str> = texts
        .iter()
        .filter(|(l, _)| *l == Lang::Zh)
        .map(|(_, t)| t.as_str())
        .collect();
    let other: Vec<&str> = texts
        .iter()
        .filter(|(l, _)| *l != Lang::Zh)
        .map(|(_, t)| t.as_str())
        .collect();
    let mut out = Vec::new();
    for i in 0..n {
        let pick_zh = i % 3 != 2 && !zh.is_empty();
        let pool = if pick_zh { &zh } else { &other };
        let text = pool[rng.below(pool.len())];
        let chars: Vec<char> = text.chars().collect();
        if chars.is_empty() {
            continue;
        }
        let s: String = if pick_zh {
            // 1, 2, 3, 4–8 characters from anywhere (punctuation and line breaks included).
            let len = [1, 2, 3, 4 + rng.below(5)][i % 4].min(chars.len());
            let start = rng.below(chars.len() - len + 1);
            chars[start..start + len].iter().collect()
        } else {
            // 1–4 whole words, or a raw character window.
            let words: Vec<&str> = text.split_whitespace().collect();
            if i % 2 == 0 && !words.is_empty() {
                let len = (1 + rng.below(4)).min(words.len());
                let start = rng.below(words.len() - len + 1);
                words[start..start + len].join(" ")
            } else {
                let len = (3 + rng.below(20)).min(chars.len());
                let start = rng.below(chars.len() - len + 1);
                chars[start..start + len].iter().collect()
            }
        };
        if !s.contains('"') {
            out.push(s);
        }
    }
    out
}

fn check(docs: &[Document], queries: &[String], dir: &std::path::Path) -> (usize, usize) {
    let (index, _) =
        SearchIndex::open(&Location::at(dir), docs, &mut |_, _| {}).expect("index builds");
    let hay = Hay::new(docs);
    let mut nonempty = 0;
    let mut compared = 0;
    for q in queries {
        // Quoted: the whole string as one phrase.
        let want = hay.scan(&[q.as_str()]);
        if needle(Lang::En, q).is_none() {
            continue; // nothing searchable in it (punctuation only)
        }
        let got = searched(&index, docs, &format!("\"{q}\""));
        assert_eq!(got, want, "query \"{q}\"");
        compared += 1;
        nonempty += usize::from(!want.is_empty());
    }
    (compared, nonempty)
}

#[test]
fn bundled_corpus_matches_a_substring_scan() {
    let corpus = Corpus::bundled();
    assert!(
        !corpus.documents.is_empty(),
        "the bundled corpus has documents"
    );
    let docs = &corpus.documents;
    let mut rng = Rng::new(seed() + 7);
    let mut queries = samples(docs, &mut rng, 240);
    queries.extend(
        [
            "金日成",
            "朝鲜",
            "金",
            "苏朝两国",
            "和平解决朝鲜问题",
            "Kim Il Sung",
            "Kim Il-sung",
            "peaceful resolution",
            "Hungnam",
            "Хабаровск",
        ]
        .map(String::from),
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let (compared, nonempty) = check(docs, &queries, tmp.path());
    assert!(
        compared > 200 && nonempty > 150,
        "{compared} compared, {nonempty} found"
    );
}

#[test]
fn generated_corpus_matches_a_substring_scan() {
    let docs = Generator::new().corpus(120, 1800, seed());
    let mut rng = Rng::new(seed() + 9);
    let queries = samples(&docs, &mut rng, 240);
    let tmp = tempfile::tempdir().expect("tempdir");
    let (compared, nonempty) = check(&docs, &queries, tmp.path());
    assert!(
        compared > 200 && nonempty > 150,
        "{compared} compared, {nonempty} found"
    );
}

#[test]
fn absent_strings_find_nothing_and_unquoted_words_all_must_match() {
    let docs = Generator::new().corpus(60, 1800, 5);
    let tmp = tempfile::tempdir().expect("tempdir");
    let (index, _) =
        SearchIndex::open(&Location::at(tmp.path()), &docs, &mut |_, _| {}).expect("index builds");
    // Strings made of characters the corpus has, in orders it may not have.
    let chars: Vec<char> = docs
        .iter()
        .flat_map(|d| d.blocks.iter())
        .filter_map(|b| b.text.get(Lang::Zh))
        .flat_map(|t| t.chars())
        .filter(|c| is_cjk(*c))
        .collect();
    let hay = Hay::new(&docs);
    let mut rng = Rng::new(11);
    let mut absent = 0;
    for _ in 0..200 {
        let len = 2 + rng.below(3);
        let q: String = (0..len).map(|_| chars[rng.below(chars.len())]).collect();
        let want = hay.scan(&[q.as_str()]);
        assert_eq!(searched(&index, &docs, &q), want, "query {q:?}");
        absent += usize::from(want.is_empty());
    }
    assert!(absent > 50, "only {absent} absent strings were tried");
    for q in ["Kim Il-sung Moscow", "government 朝鲜 Korea", "苏联 朝鲜"] {
        let groups: Vec<&str> = if q == "苏联 朝鲜" {
            vec!["苏联朝鲜"]
        } else {
            q.split(' ').collect()
        };
        assert_eq!(searched(&index, &docs, q), hay.scan(&groups), "query {q:?}");
    }
}

/// Phrases cut from the texts at random (runs of whole words, which hold many common words,
/// and CJK strings of 1 to 5 characters): the index, which keeps a character's own token only
/// at the ends of its run, finds what the scan finds.
#[test]
fn random_phrases_drawn_from_the_texts_match_a_scan() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let docs = Generator::new().corpus(80, 1800, seed() + 3);
    let tmp = tempfile::tempdir().expect("tempdir");
    let (index, _) =
        SearchIndex::open(&Location::at(tmp.path()), &docs, &mut |_, _| {}).expect("index builds");
    let hay = Hay::new(&docs);
    let texts: Vec<(Lang, String)> = docs.iter().flat_map(units).flat_map(|(_, t)| t).collect();
    let mut runner = TestRunner::new(Config {
        cases: 300,
        failure_persistence: None,
        ..Config::default()
    });
    let phrase = (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        1usize..7,
    );
    let compared = std::cell::Cell::new(0);
    runner
        .run(&phrase, |(text, start, len)| {
            let (lang, text) = text.get(&texts);
            let q: String = if *lang == Lang::Zh {
                let chars: Vec<char> = text.chars().collect();
                let len = len.min(5).min(chars.len());
                let at = start.index(chars.len() - len + 1);
                chars[at..at + len].iter().collect()
            } else {
                let words: Vec<&str> = text.split_whitespace().collect();
                let len = len.min(words.len());
                let at = start.index(words.len() - len + 1);
                words[at..at + len].join(" ")
            };
            if q.contains('"') || needle(Lang::En, &q).is_none() {
                return Ok(());
            }
            let want = hay.scan(&[q.as_str()]);
            prop_assert_eq!(searched(&index, &docs, &format!("\"{q}\"")), want, "{}", q);
            compared.set(compared.get() + 1);
            Ok(())
        })
        .expect("every phrase matches what the scan finds");
    assert!(
        compared.get() > 200,
        "only {} phrases compared",
        compared.get()
    );
}

/// `LECTERN_ORACLE_SEED` varies the generated corpus and the samples for a wider search.
fn seed() -> u64 {
    std::env::var("LECTERN_ORACLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(42)
}
