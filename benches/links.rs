//! The reader's long lists on a corpus where one name has tens of thousands of mentions, in
//! process on a 200×50 `TestBackend`: each window from the key (or link) that opens it to its
//! first frame, then to the frame at its last row; the bodies read and the peak memory
//! (VmHWM) after each. Driven through `App` messages and keys only, so that the same file
//! measures any commit.
//!
//!   cargo run --release --example gen_corpus -- 35000 /tmp/lb-30k-mentions --bytes 600 \
//!     --mention "Kim Il Sung" \
//!     --mention "Treaty of Friendship, Co-operation and Mutual Assistance"
//!   LECTERN_CORPUS=/tmp/lb-30k-mentions LECTERN_INDEX_DIR=/tmp/lb-30k-mentions.cache \
//!     target/release/lectern list >/dev/null          # builds the corpus cache
//!   LECTERN_CORPUS=… LECTERN_INDEX_DIR=… cargo bench --bench links
//!
//! `LECTERN_NAME` picks the name (default "Kim Il Sung"); the backlinks are those of the
//! document that holds the 1961 treaty's text. With `LECTERN_CONCORDANCE=TERM` it then opens
//! the search index (built if missing: any `lectern search` builds it) and runs the reader's
//! concordance of TERM and a `mentions:` search, with the bodies each reads (on a fresh corpus,
//! so that nothing earlier was read). Figures go to BENCHMARKS.md ("Long lists").
#![allow(clippy::disallowed_macros)]

mod support;

use crossterm::event::KeyCode;
use lectern::corpus::Corpus;
use lectern::model::BlockNo;
use lectern::tui::{App, Msg, Settings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};
use support::app::{frame, key, ms, status};

fn report(what: &str, t: Duration, app: &App) {
    println!(
        "{what}: {}  (bodies read {}, VmHWM {}, VmRSS {})",
        ms(t),
        app.corpus.documents.bodies_loaded(),
        status("VmHWM"),
        status("VmRSS")
    );
}

/// A window's first frame after `open`, then its last row (`G`) and the frame; then `Esc`.
fn window(
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    what: &str,
    open: impl FnOnce(&mut App),
) {
    let t = Instant::now();
    open(app);
    frame(app, term);
    report(&format!("{what}: open to first frame"), t.elapsed(), app);
    println!("  says: {}", heading(term));
    let t = Instant::now();
    key(app, KeyCode::Char('G'));
    frame(app, term);
    report(
        &format!("{what}: G to the frame at its last row"),
        t.elapsed(),
        app,
    );
    key(app, KeyCode::Esc);
    frame(app, term);
}

/// The window's count as the screen shows it: its "Mentioned in …" line or title.
fn heading(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let width = buf.area.width as usize;
    let cells: Vec<&str> = buf.content().iter().map(|c| c.symbol()).collect();
    (cells.chunks(width))
        .map(|row| row.concat())
        .find_map(|row| {
            let at = row.find("Mentioned in").or_else(|| row.find("Timeline"))?;
            Some(
                row[at..]
                    .trim_end_matches([' ', '│', '─', '┐', '┘'])
                    .to_string(),
            )
        })
        .unwrap_or_default()
}

fn main() {
    if std::env::var_os("LECTERN_CORPUS").is_none() {
        println!("links bench: set LECTERN_CORPUS (and LECTERN_INDEX_DIR) to a cached corpus");
        return;
    }
    let name = std::env::var("LECTERN_NAME").unwrap_or_else(|_| "Kim Il Sung".into());
    let start = Instant::now();
    let corpus = Corpus::open_lazy(None, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    let n = corpus.documents.len();
    let target = corpus
        .registry
        .find(&name)
        .unwrap_or_else(|| panic!("the registry knows no {name}"));
    let held = (corpus.registry.instruments.iter())
        .find(|i| i.id == "treaty-1961")
        .and_then(|i| i.text.as_ref())
        .map(|t| t.doc.clone())
        .unwrap_or_else(|| panic!("the registry holds the 1961 treaty's text"));
    let treaty_doc = (0..n)
        .find(|&i| corpus.documents.id(i) == Some(held.as_str()))
        .map(lectern::model::DocIx)
        .unwrap_or_else(|| panic!("the corpus holds {held}"));
    let mut app = App::new(corpus, Settings::defaults());
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| match e {});
    frame(&mut app, &mut term);
    println!(
        "links over {n} documents, 200x50; first frame at {}",
        ms(start.elapsed())
    );
    // The links' target index, which the reader builds on a worker after its first screen.
    let t = Instant::now();
    app.corpus.links.warm_up();
    report(
        "target index (the reader's worker, after the first screen)",
        t.elapsed(),
        &app,
    );
    window(&mut app, &mut term, &format!("card of {name}"), |app| {
        app.handle(Msg::Follow(target))
    });
    window(&mut app, &mut term, "timeline", |app| {
        key(app, KeyCode::Char('t'))
    });
    app.handle(Msg::JumpTo {
        doc: treaty_doc,
        block: BlockNo(1),
    });
    frame(&mut app, &mut term);
    report(
        "the 1961 treaty opened (its panel lists a few backlinks)",
        Duration::ZERO,
        &app,
    );
    window(&mut app, &mut term, "backlinks of the 1961 treaty", |app| {
        key(app, KeyCode::Char('b'))
    });
    println!(
        "every body read: {}; peak memory (VmHWM) {}",
        app.corpus.documents.read_in_full(),
        status("VmHWM")
    );
    drop(app);
    if let Ok(term) = std::env::var("LECTERN_CONCORDANCE") {
        concordance_and_mentions(&term, &name);
    }
}

/// The reader's concordance of `term` (its limit, 200 blocks) and a `mentions:NAME` search,
/// on a freshly opened lazy corpus: time and bodies read by each.
fn concordance_and_mentions(term: &str, name: &str) {
    use lectern::search::{Location, SearchIndex, store};
    let corpus = std::sync::Arc::new(
        Corpus::open_lazy(None, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}")),
    );
    let loc = Location::user_cache().unwrap_or_else(|e| panic!("{e}"));
    let key = store::corpus_key(corpus.dir.as_deref());
    let t = Instant::now();
    let (mut index, reason) =
        SearchIndex::open_source(&loc, &key, &corpus.documents, &mut |_, _| {})
            .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "search index opened in {} ({}); bodies read {}",
        ms(t.elapsed()),
        reason.map_or("current".to_string(), |r| r.notice()),
        corpus.documents.bodies_loaded()
    );
    // A fresh corpus, so that a build of the index just now does not count.
    let corpus = std::sync::Arc::new(
        Corpus::open_lazy(None, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}")),
    );
    let before = corpus.documents.bodies_loaded();
    let aligner = lectern::parallel::Aligner::new(&corpus.registry);
    let t = Instant::now();
    let found = lectern::parallel::concordance::find(
        &index,
        &*corpus,
        &aligner,
        &corpus.registry,
        term,
        200,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "concordance of {term}: {} ({} blocks match, {} examined); bodies read {} of {}; every body read: {}",
        ms(t.elapsed()),
        found.blocks_matching,
        found.blocks_examined,
        corpus.documents.bodies_loaded() - before,
        corpus.documents.len(),
        corpus.documents.read_in_full()
    );
    index.hooks = lectern::search::registry_hooks::shared_hooks(corpus.clone());
    let id = corpus
        .registry
        .find(name)
        .map(|t| corpus.registry.target_id(t).to_string())
        .unwrap_or_default();
    // The links' target index, which the reader builds on a worker after its first screen.
    let t = Instant::now();
    corpus.links.warm_up();
    println!("target index of the fresh corpus: {}", ms(t.elapsed()));
    let before = corpus.documents.bodies_loaded();
    let t = Instant::now();
    let query = format!("{term} mentions:{id}");
    let results = index.search(&query, 20).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "search `{query}` --limit 20: {} ({} blocks); bodies read {}; every body read: {}; VmHWM {}",
        ms(t.elapsed()),
        results.total,
        corpus.documents.bodies_loaded() - before,
        corpus.documents.read_in_full(),
        status("VmHWM")
    );
    // Where the search's time goes: the pins from the target index (what the search does
    // now), then the same pins from every mentioning document's mentions (what it did before
    // keys7), on this corpus, whose documents' mentions no one has read yet.
    if let Some(target) = corpus.registry.find(name) {
        let t = Instant::now();
        let pins = corpus.links.blocks_of_target(target).len();
        println!("{pins} pins from the target index: {}", ms(t.elapsed()));
        let t = Instant::now();
        let read = corpus.links.of_target(target).count();
        println!(
            "{read} pins from the documents' mentions (before keys7): {}",
            ms(t.elapsed())
        );
    }
}
