//! Every sentence of each seed's document body reaches its imported document, and none of the
//! site chrome around it does. The body of each seed is marked here by its first and last
//! words, read off the raw file by a person; sentences are cut at sentence punctuation.

use lectern::corpus::Corpus;
use lectern::model::{Document, inline};

struct Seed {
    raw: &'static str,
    /// The body runs from the line starting with `first` to the line holding `last`.
    first: &'static str,
    last: &'static str,
    /// Lines inside that range that are page furniture, not document text.
    skip: &'static [&'static str],
    chrome: &'static [&'static str],
}

const SEEDS: [Seed; 5] = [
    Seed {
        raw: "000_019bcfc5ce5a24a3.txt",
        first: "Xinhua News Agency",
        last: "双方同意在最近期间签订一项文化合作协定",
        skip: &[
            "<hr />",
            "Original:",
            "1956-07-14",
            "第5版()",
            "专栏：",
            "###",
        ],
        chrome: &["<hr", "Original:", "第5版", "专栏", "Page: 5"],
    },
    Seed {
        raw: "001_78758ff57c64ac5e.txt",
        first: "MFA stamp:",
        last: "30 September 1960",
        skip: &[],
        chrome: &[
            "Search in",
            "get citation",
            "share document",
            "English HTML",
            "Digital Archive International History Declassified",
            "made possible with support",
        ],
    },
    Seed {
        raw: "002_669c83794a5684ce.txt",
        first: "March 17 is the meaningful day",
        last: "defending the truth.",
        skip: &[],
        chrome: &[
            "Leave a Reply",
            "Fill in your details",
            "WordPress.com",
            "You are commenting using",
            "Twitter picture",
            "Facebook photo",
            "Connecting to %s",
            "bloggers like this",
            "Log Out",
        ],
    },
    Seed {
        raw: "003_b5ece0f25f3e42c4.txt",
        first: "August 4, 2001 is the day",
        last: "г. Хабаровск, «05» августа",
        skip: &[],
        chrome: &[
            "680000",
            "Дикопольцева",
            "Тел.",
            "Факс",
            "You can comment this article",
            "Оставить комментарий",
        ],
    },
    Seed {
        raw: "004_df94f2d4f29a19fa.txt",
        first: "**UNION OF SOVIET SOCIALIST REPUBLICS",
        last: "KIM IL SUNG",
        skip: &["---", "[TRANSLATION — TRADUCTION]"],
        chrome: &["**", "<sup>", "####", "---"],
    },
];

fn normalize(text: &str) -> String {
    let t = text
        .replace("<sup>1</sup>", "")
        .replace("**", "")
        .replace("####", "")
        .replace('*', "");
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Everything the document holds as text, every language, footnote markers removed.
fn document_text(doc: &Document) -> String {
    let mut all = String::new();
    for block in &doc.blocks {
        for t in block.text.0.values() {
            all.push_str(&inline::plain_text(t));
            all.push(' ');
        }
    }
    for note in &doc.footnotes {
        for t in note.text.0.values() {
            all.push_str(t);
            all.push(' ');
        }
    }
    normalize(&all)
}

fn sentences(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in body.chars() {
        current.push(c);
        if matches!(c, '.' | '!' | '?' | ';' | '。' | '！' | '？' | '；' | '\n') {
            let s = normalize(&current);
            if s.chars().filter(|c| c.is_alphanumeric()).count() > 1 {
                out.push(s);
            }
            current.clear();
        }
    }
    let s = normalize(&current);
    if !s.is_empty() {
        out.push(s);
    }
    out
}

fn seed_body(seed: &Seed) -> String {
    let raw = std::fs::read_to_string(format!(
        "{}/corpus/raw/{}",
        env!("CARGO_MANIFEST_DIR"),
        seed.raw
    ))
    .expect("seed file");
    let lines: Vec<&str> = raw.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with(seed.first))
        .expect("body start marker");
    let end = lines
        .iter()
        .rposition(|l| l.contains(seed.last))
        .expect("body end marker");
    lines[start..=end]
        .iter()
        .filter(|l| !seed.skip.iter().any(|s| l.trim().starts_with(s)))
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

fn doc_for(corpus: &Corpus, raw: &str) -> Document {
    corpus
        .documents
        .iter()
        .find(|d| d.source.raw.ends_with(raw))
        .cloned()
        .unwrap_or_else(|| panic!("no document imported from {raw}"))
}

#[test]
fn every_sentence_of_every_seed_body_is_in_its_document() {
    let corpus = Corpus::bundled();
    for seed in &SEEDS {
        let doc = doc_for(&corpus, seed.raw);
        let text = document_text(&doc);
        let body = seed_body(seed);
        let all = sentences(&body);
        assert!(
            all.len() > 5,
            "{}: too few sentences found ({})",
            seed.raw,
            all.len()
        );
        let missing: Vec<&String> = all.iter().filter(|s| !text.contains(s.as_str())).collect();
        assert!(
            missing.is_empty(),
            "{}: sentences lost on import: {missing:#?}",
            seed.raw
        );
    }
}

#[test]
fn no_site_chrome_reaches_a_document_body() {
    let corpus = Corpus::bundled();
    for seed in &SEEDS {
        let doc = doc_for(&corpus, seed.raw);
        let text = document_text(&doc);
        for chrome in seed.chrome {
            assert!(
                !text.contains(chrome),
                "{}: chrome {chrome:?} is in the body",
                seed.raw
            );
        }
    }
}
