//! Frame time of the reader at 200×50 on a `TestBackend` while scrolling, for each bundled
//! document and for a generated ~10 MB bilingual document: the cost of a frame must not
//! grow with the document (the layout is wrapped once and cached; only visible rows are
//! drawn). Run with `cargo bench --bench frame`; figures go to BENCHMARKS.md.
// A build script and benchmarks print only their own figures and directives.
#![allow(clippy::disallowed_macros)]

mod support;

use lectern::corpus::Corpus;
use lectern::model::{Document, Lang};
use lectern::tui::{Action, App, Settings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};
use support::generate;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;
const FRAMES: usize = 3000;

fn main() {
    let bundled = Corpus::bundled();
    println!("reader frame time at {WIDTH}x{HEIGHT}, {FRAMES} frames scrolling one line each");
    println!(
        "{:<52} {:>10} {:>8} {:>12} {:>10} {:>10}",
        "document", "text", "rows", "first frame", "median", "p99"
    );
    for doc in &bundled.documents {
        bench(doc.clone());
    }
    let seed = bundled
        .documents
        .iter()
        .find(|d| d.languages().len() >= 2 && d.languages().contains(&Lang::Zh))
        .cloned()
        .unwrap_or_else(|| panic!("the bundled corpus has a Chinese/English document"));
    bench(generate(&seed, 10 * 1024 * 1024));
}

fn bench(doc: Document) {
    let id = doc.id.clone();
    let text: usize = doc
        .blocks
        .iter()
        .flat_map(|b| b.text.0.values())
        .map(String::len)
        .sum();
    let mut app = App::new(Corpus::from_documents(vec![doc]), Settings::defaults());
    let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap_or_else(|e| match e {});
    app.update(Action::Open);
    let start = Instant::now();
    lectern::tui::frame(&mut app, &mut term).unwrap_or_else(|e| match e {});
    let first = start.elapsed();
    let rows = app.reader.as_ref().map_or(0, |r| r.layout.rows.len());
    let mut times = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES {
        let start = Instant::now();
        // Scroll a line per frame; at the end, back to the top (a jump across the document).
        let at_end = app
            .reader
            .as_ref()
            .is_some_and(|r| r.scroll >= r.layout.max_scroll(r.height));
        app.update(if at_end {
            Action::Top
        } else if i % 10 == 9 {
            Action::Down
        } else {
            Action::ScrollDown
        });
        lectern::tui::frame(&mut app, &mut term).unwrap_or_else(|e| match e {});
        times.push(start.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    let p99 = times[times.len() * 99 / 100];
    println!(
        "{:<52} {:>10} {:>8} {:>12} {:>10} {:>10}",
        id,
        human_bytes(text),
        rows,
        fmt(first),
        fmt(median),
        fmt(p99)
    );
}

fn fmt(d: Duration) -> String {
    if d >= Duration::from_millis(10) {
        format!("{:.0} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.0} µs", d.as_secs_f64() * 1e6)
    }
}

fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MB", n as f64 / (1 << 20) as f64)
    } else {
        format!("{:.1} kB", n as f64 / 1024.0)
    }
}
