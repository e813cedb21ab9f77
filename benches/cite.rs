//! How long citing takes, for the reader's citation panel (it re-renders when the cursor moves
//! or the style changes): the first citation of a Chinese title (loads the word segmenter's
//! dictionary once), then every style of every document, and the BibTeX export of the corpus.
//!
//! Run: `cargo bench --bench cite`. Figures go to BENCHMARKS.md.
// A build script and benchmarks print only their own figures and directives.
#![allow(clippy::disallowed_macros)]

use lectern::cite::{self, Facts, Format, Pinpoint, Style};
use lectern::corpus::Corpus;
use std::time::Instant;

fn main() {
    let corpus = Corpus::bundled();
    let docs: Vec<_> = corpus.documents.iter().collect();

    // First use: jieba's dictionary and the CSL styles and locales are loaded here.
    let start = Instant::now();
    for doc in &docs {
        let f = Facts::of(doc);
        let _ = cite::render_facts(&f, Style::ChicagoNote, None);
    }
    println!(
        "first citation of each of {} documents (cold: dictionary, styles, locales): {:.1} ms",
        docs.len(),
        start.elapsed().as_secs_f64() * 1e3
    );

    let rounds = 20;
    let mut renders = 0u32;
    let start = Instant::now();
    for _ in 0..rounds {
        for doc in &docs {
            let f = Facts::of(doc);
            for style in Style::for_doc(&f) {
                let pin =
                    Pinpoint::for_block(doc, lectern::model::BlockNo(3.min(doc.blocks.len())));
                let text = cite::render_facts(&f, style, Some(&pin));
                assert!(text.is_ok_and(|t| !t.is_empty()));
                renders += 1;
            }
        }
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / f64::from(renders);
    println!("warm: facts + render with a pinpoint, mean over {renders} renders: {per:.0} µs");

    let start = Instant::now();
    for _ in 0..rounds {
        let out = cite::export(&docs, Format::Bibtex);
        assert!(!out.is_empty());
    }
    println!(
        "BibTeX export of the corpus, mean of {rounds}: {:.2} ms",
        start.elapsed().as_secs_f64() * 1e3 / f64::from(rounds)
    );
}
