//! Parallel-text benchmark: sentence alignment of a 10 MB bilingual document, and the
//! concordance of a common term over a synthetic archive.
//!
//! `cargo bench --bench parallel` aligns the 10 MB document and runs the concordance at
//! 100 000 documents; `-- 10000` (or `LECTERN_BENCH_DOCS=10000`) runs it at 10 000.
//! The 10 MB document repeats the seed article's bilingual blocks 2–10 (real zh↔en text), once
//! as ~1 KB blocks and once as ~100 KB blocks (hundreds of sentences per block, where the
//! band of the aligner matters). The archive is the search bench's synthetic corpus, with
//! the seed's block 2 (which holds 朝鲜停战 twice) as the first block of every tenth document.
// Tests and benches print their figures for the reader of the output.
#![allow(clippy::disallowed_macros)]

use lectern::corpus::Corpus;
use lectern::model::{Block, BlockKind, Document, LangText};
use lectern::parallel::Aligner;
use lectern::parallel::concordance;
use lectern::search::synth::Generator;
use lectern::search::{SearchIndex, store};
use std::time::{Duration, Instant};

const SEED: &str = "1956-07-14-joint-communique-issued-soviet";
const RUNS: usize = 5;
const QUERY_RUNS: usize = 50;

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .or_else(|| std::env::var("LECTERN_BENCH_DOCS").ok()?.parse().ok())
        .unwrap_or(100_000);
    let corpus = Corpus::bundled();
    let seed = corpus
        .get(SEED)
        .expect("the seed article is bundled")
        .clone();
    let aligner = Aligner::new(&corpus.registry);

    for per_block in [1, 100] {
        let doc = big_document(&seed, 10_000_000, per_block);
        let bytes: usize = doc
            .blocks
            .iter()
            .flat_map(|b| b.text.0.values())
            .map(String::len)
            .sum();
        let mut times = Vec::new();
        let mut pairs = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            let a = aligner.document(&doc)?;
            times.push(t.elapsed());
            pairs = a.blocks.iter().map(|b| b.pairs.len()).sum();
        }
        let p50 = median(&mut times);
        println!(
            "align: {:.1} MB, {} blocks of ~{:.0} KB, {pairs} pairs: p50 {:.0} ms over {RUNS} runs = {:.1} MB/s",
            bytes as f64 / 1e6,
            doc.blocks.len(),
            bytes as f64 / doc.blocks.len() as f64 / 1e3,
            p50.as_secs_f64() * 1e3,
            bytes as f64 / 1e6 / p50.as_secs_f64()
        );
    }

    let t = Instant::now();
    let mut docs = Generator::new().corpus(n, 3000, 2026);
    let term_block = seed.blocks[1].clone();
    for doc in docs.iter_mut().step_by(10) {
        doc.blocks[0] = term_block.clone();
    }
    let work = tempfile::tempdir()?;
    let dir = work.path().join("index");
    store::write_index(&dir, &docs, &mut |_, _| {})?;
    let index = SearchIndex {
        open: store::open_checked(&dir, store::DOCUMENTS_KEY)?,
        hooks: Default::default(),
    };
    println!(
        "archive: {n} documents generated and indexed in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    for (term, limit) in [
        ("朝鲜停战", 200),
        ("朝鲜停战", 1000),
        ("Korean", 200),
        ("Korean", 1000),
    ] {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..QUERY_RUNS {
            let t = Instant::now();
            last = Some(concordance::find(
                &index,
                &docs[..],
                &aligner,
                &corpus.registry,
                term,
                limit,
            )?);
            times.push(t.elapsed());
        }
        let c = last.expect("ran");
        // The search alone (the blocks and the matcher), to tell its share from the reading.
        let phrase = if term.contains(' ') {
            format!("\"{term}\"")
        } else {
            term.to_string()
        };
        let mut search = Vec::new();
        for _ in 0..QUERY_RUNS {
            let t = Instant::now();
            std::hint::black_box(index.matching_blocks(&phrase, limit)?);
            search.push(t.elapsed());
        }
        times.sort();
        let p99 = times[times.len() * 99 / 100];
        let top = c
            .groups
            .first()
            .and_then(|g| g.rendering.clone())
            .unwrap_or_default();
        println!(
            "concordance {term:?} --limit {limit}: {} matching blocks, {} read, {} groups (first: {top:?} ×{}); p50 {:.1} ms, p99 {:.1} ms (the search alone: p50 {:.1} ms)",
            c.blocks_matching,
            c.blocks_examined,
            c.groups.len(),
            c.groups.first().map_or(0, |g| g.occurrences.len()),
            median(&mut times).as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3,
            median(&mut search).as_secs_f64() * 1e3
        );
    }
    Ok(())
}

/// The seed's bilingual paragraphs repeated to `bytes`, `per_block` of them joined per block.
fn big_document(seed: &Document, bytes: usize, per_block: usize) -> Document {
    let paragraphs: Vec<&Block> = seed.blocks[1..].iter().collect();
    let mut doc = seed.clone();
    doc.blocks.clear();
    let mut total = 0;
    let mut k = 0;
    while total < bytes {
        let mut text = LangText::default();
        for lang in seed.languages() {
            let joined: Vec<&str> = (0..per_block)
                .filter_map(|i| paragraphs[(k + i) % paragraphs.len()].text.get(lang))
                .collect();
            let sep = if lang == lectern::model::Lang::Zh {
                ""
            } else {
                " "
            };
            text.set(lang, joined.join(sep));
        }
        k += per_block;
        total += text.0.values().map(String::len).sum::<usize>();
        doc.blocks.push(Block {
            kind: BlockKind::Paragraph,
            text,
        });
    }
    doc
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}
