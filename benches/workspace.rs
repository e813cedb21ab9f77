//! The workspace's two scans, measured where a user feels them:
//! - find in the document (`ctrl-f`) on a generated ~10 MB Chinese/English document: each
//!   keystroke of a Chinese and of an English term, from the key to the counted matches drawn
//!   (key handled, messages drained, one frame at 200×50), then `n` to the next match;
//! - your own material in the main search: one query through the search's hook
//!   ([`lectern::workspace::search::Own`]) at 5 000 and 50 000 notes: through the index of your
//!   notes (its first build, a query after one note was saved, then p50/p99 per query), and
//!   with `LECTERN_BENCH_SCAN=1` also by the scan of the files that it replaced.
//!
//! Run with `cargo bench --bench workspace`; figures go to BENCHMARKS.md.
//! `LECTERN_BENCH_SKIP_FIND=1` measures your own material only; `LECTERN_BENCH_KEEP=DIR`
//! keeps the generated workspaces for `hyperfine` over `lectern search`.
// A benchmark prints only its own figures.
#![allow(clippy::disallowed_macros)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
mod support;

use lectern::corpus::Corpus;
use lectern::model::{Document, Lang};
use lectern::search::OwnMaterial;
use lectern::tui::{Action, App, Msg, Settings};
use lectern::workspace::{Anchor, DocNotes, Mark, SCHEMA, Workspace};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};
use support::generate;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;
/// Repetitions of each measured sequence (the median is reported).
const RUNS: usize = 15;
/// Queries of your own material per measured query (p50 and p99 are reported).
const OWN_RUNS: usize = 30;

fn main() {
    let bundled = Corpus::bundled();
    let seed = bundled
        .documents
        .iter()
        .find(|d| d.languages().contains(&Lang::Zh) && d.languages().contains(&Lang::En))
        .cloned()
        .unwrap_or_else(|| panic!("the bundled corpus has a Chinese/English document"));
    let doc = generate(&seed, 10 * 1024 * 1024);
    if std::env::var_os("LECTERN_BENCH_SKIP_FIND").is_none() {
        find_in_document(doc);
    }
    own_material(&seed, 500, 10);
    own_material(&seed, 5_000, 10);
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.handle(Msg::Input(Event::Key(KeyEvent::new(code, mods))));
    app.drain_events();
}

fn find_in_document(doc: Document) {
    let text: usize = (doc.blocks.iter().flat_map(|b| b.text.0.values()))
        .map(String::len)
        .sum();
    println!(
        "find in the document: {:.1} MB, {} blocks, {WIDTH}x{HEIGHT}, median of {RUNS} runs",
        text as f64 / (1 << 20) as f64,
        doc.blocks.len()
    );
    println!(
        "{:<10} {:<6} {:>10} {:>14} {:>10} {:>10}",
        "term", "key", "matches", "key → drawn", "of which", "frame"
    );
    let mut app = App::new(Corpus::from_documents(vec![doc]), Settings::defaults());
    let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap_or_else(|e| match e {});
    app.update(Action::Open);
    lectern::tui::frame(&mut app, &mut term).unwrap_or_else(|e| match e {});
    for word in ["朝鲜", "Korea"] {
        let chars: Vec<char> = word.chars().collect();
        // Per keystroke (and `n`): (total, handling alone) of every run.
        let mut times: Vec<Vec<(Duration, Duration)>> = vec![Vec::new(); chars.len() + 1];
        let mut counts = vec![0; chars.len() + 1];
        for run in 0..RUNS {
            key(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
            for (i, &c) in chars.iter().enumerate() {
                let start = Instant::now();
                key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
                let handled = start.elapsed();
                lectern::tui::frame(&mut app, &mut term).unwrap_or_else(|e| match e {});
                times[i].push((start.elapsed(), handled));
                counts[i] = app.notes.find.matches.len();
            }
            // Enter keeps the find; `n` steps to the next match.
            key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
            lectern::tui::frame(&mut app, &mut term).unwrap_or_else(|e| match e {});
            let start = Instant::now();
            key(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
            let handled = start.elapsed();
            lectern::tui::frame(&mut app, &mut term).unwrap_or_else(|e| match e {});
            times[chars.len()].push((start.elapsed(), handled));
            counts[chars.len()] = app.notes.find.matches.len();
            assert!(
                app.notes.find.current.is_some(),
                "run {run}: {word} has matches"
            );
            // End this find: back in the bar, Esc ends it and its highlights go.
            key(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
            key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
            assert!(app.notes.find.query.is_empty(), "the find ended");
            lectern::tui::frame(&mut app, &mut term).unwrap_or_else(|e| match e {});
        }
        // The very first key folds the document's text once (kept for later finds).
        let (first, _) = times[0][0];
        println!(
            "{:<10} {:<6} {:>10} {:>14}   (first key of the first find: folds the text once)",
            word,
            format!("'{}'", chars[0]),
            "",
            fmt(first)
        );
        for (i, mut t) in times.into_iter().enumerate() {
            t.sort();
            let (total, handled) = t[t.len() / 2];
            let label = match chars.get(i) {
                Some(c) => format!("'{c}'"),
                None => "n".into(),
            };
            println!(
                "{:<10} {:<6} {:>10} {:>14} {:>10} {:>10}",
                word,
                label,
                counts[i],
                fmt(total),
                fmt(handled),
                fmt(total.saturating_sub(handled))
            );
        }
    }
}

/// `docs` documents with `per_doc` notes each, written as the workspace writes them, then
/// one query through the main search's hook: files read, parsed and scanned.
fn own_material(seed: &Document, docs: usize, per_doc: usize) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // LECTERN_BENCH_KEEP=DIR keeps each workspace as DIR/<notes>, for whole commands
    // (`hyperfine` over `lectern search` with LECTERN_WORKSPACE set to it).
    let dir = match std::env::var_os("LECTERN_BENCH_KEEP") {
        Some(keep) => std::path::PathBuf::from(keep).join((docs * per_doc).to_string()),
        None => tmp.path().to_path_buf(),
    };
    let ws = Workspace::at(dir.clone());
    let folder = dir.join("documents");
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    let mut corpus_docs = Vec::new();
    for d in 0..docs {
        let mut doc = seed.clone();
        doc.id = format!("doc-{d:05}");
        let marks: Vec<Mark> = (0..per_doc)
            .map(|m| {
                let block = lectern::model::BlockNo::from_index((d + m) % seed.blocks.len());
                let anchor = Anchor::on_range(&doc, block, None, 0, 40)
                    .or_else(|_| {
                        Anchor::on_range(&doc, lectern::model::BlockNo::FIRST, None, 0, 10)
                    })
                    .ok();
                Mark {
                    id: format!("m{}", m + 1),
                    created: "20261201T093000Z".into(),
                    colour: None,
                    note: format!("note {m} on document {d}: compare the drafts, see ¶{block}"),
                    anchor,
                }
            })
            .collect();
        let notes = DocNotes {
            schema: SCHEMA,
            id: doc.id.clone(),
            marks,
            bookmarks: Vec::new(),
        };
        let file = folder.join(lectern::workspace::store::file_name(&doc.id));
        let text = toml::to_string(&notes).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(file, text).unwrap_or_else(|e| panic!("{e}"));
        doc.blocks.truncate(1);
        corpus_docs.push(doc);
    }
    let bytes: u64 = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    let size = format!(
        "{:>6} notes in {docs} files ({:.1} MB)",
        docs * per_doc,
        bytes as f64 / (1 << 20) as f64
    );
    let cache = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let loc = lectern::search::Location::at(cache.path());
    let own = lectern::workspace::search::Own::of_corpus(ws.clone(), &corpus_docs).indexed(&loc);
    let first = lectern::search::parse("drafts");
    let start = Instant::now();
    own.find(&first, LIMIT);
    println!(
        "your own material, index: {size}: first query (builds the index) {}",
        fmt(start.elapsed())
    );
    // One note saved: the next query re-reads that file and updates the index.
    let mut saved = Vec::new();
    for i in 0..OWN_RUNS {
        let id = &corpus_docs[i % docs].id;
        let anchor = Anchor::on_range(
            &corpus_docs[i % docs],
            lectern::model::BlockNo::FIRST,
            None,
            0,
            10,
        )
        .ok();
        ws.add_mark(
            id,
            lectern::workspace::NewMark {
                anchor,
                colour: None,
                note: format!("saved {i}"),
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let start = Instant::now();
        own.find(&first, LIMIT);
        saved.push(start.elapsed());
    }
    report(
        &format!("your own material, index: {size}: a query after one note was saved"),
        saved,
    );
    measure(&own, &format!("your own material, index: {size}"));
    if std::env::var_os("LECTERN_BENCH_SCAN").is_some() {
        let scan = lectern::workspace::search::Own::of_corpus(ws, &corpus_docs);
        measure(&scan, &format!("your own material, scan:  {size}"));
    }
}

/// Hits a query of your own material returns (the command line's default `--limit`).
const LIMIT: usize = 20;

fn measure(own: &lectern::workspace::search::Own, label: &str) {
    for query in ["drafts", "note:compare", "朝鲜"] {
        let parsed = lectern::search::parse(query);
        let mut times = Vec::new();
        let mut said = Vec::new();
        for _ in 0..OWN_RUNS {
            let start = Instant::now();
            said = own.find(&parsed, LIMIT).1;
            times.push(start.elapsed());
        }
        let total = said
            .iter()
            .find(|n| n.contains("match"))
            .cloned()
            .unwrap_or_default();
        report(&format!("{label}: query {query:<14} ({total})"), times);
    }
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{label}  p50 {:>8}  p99 {:>8}",
        fmt(times[times.len() / 2]),
        fmt(times[(times.len() * 99).div_ceil(100) - 1])
    );
}

fn fmt(d: Duration) -> String {
    if d >= Duration::from_millis(10) {
        format!("{:.0} ms", d.as_secs_f64() * 1e3)
    } else if d >= Duration::from_micros(1000) {
        format!("{:.1} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.0} µs", d.as_secs_f64() * 1e6)
    }
}
