//! The reader as the user feels it on a large cached corpus, in process on a 200×50
//! `TestBackend`: open (cache → heads) to the first frame; each keystroke of a list filter to
//! the frame that shows its answer (the filter runs on its worker); opening a document; the
//! first card of a name; and the peak memory of the whole run (VmHWM).
//!
//!   LECTERN_CORPUS=/tmp/lb-100k LECTERN_INDEX_DIR=/tmp/lb-100k.cache \
//!     cargo bench --bench reader
//!
//! The corpus cache must be built (any `lectern` command on the corpus builds it). Figures go
//! to BENCHMARKS.md; benches/reader.sh measures the real binary in tmux.
#![allow(clippy::disallowed_macros)]

mod support;

use crossterm::event::KeyCode;
use lectern::corpus::Corpus;
use lectern::tui::{App, Settings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};
use support::app::{frame, key, ms, status};

/// Handles what the workers post until the list has the answer to its latest query.
fn until_filtered(app: &mut App) {
    while app.list.waiting() {
        match app.next_msg(Duration::from_secs(30)) {
            Some(msg) => app.handle(msg),
            None => panic!("the filter worker did not answer"),
        }
    }
}

/// Then until the whole ranking is in, when the worker sent its first rows ahead of it.
fn until_complete(app: &mut App) {
    while app.list.partial() {
        match app.next_msg(Duration::from_secs(30)) {
            Some(msg) => app.handle(msg),
            None => panic!("the filter worker did not finish its ranking"),
        }
    }
}

fn main() {
    if std::env::var_os("LECTERN_CORPUS").is_none() {
        println!("reader bench: set LECTERN_CORPUS (and LECTERN_INDEX_DIR) to a cached corpus");
        return;
    }
    let start = Instant::now();
    let corpus = Corpus::open_lazy(None, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    let opened = start.elapsed();
    let n = corpus.documents.len();
    let mut app = App::new(corpus, Settings::defaults());
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| match e {});
    frame(&mut app, &mut term);
    let first = start.elapsed();
    println!("reader over {n} documents, 200x50");
    println!(
        "open (heads) {}, first frame at {}  (VmHWM {})",
        ms(opened),
        ms(first),
        status("VmHWM")
    );
    // Let the worker make the haystacks, as it does while the user reads the first screen.
    app.list.warm();
    std::thread::sleep(Duration::from_secs(3));
    key(&mut app, KeyCode::Char('f'));
    frame(&mut app, &mut term);
    let mut times = Vec::new();
    let mut whole = Vec::new();
    for c in "friendship".chars() {
        let t = Instant::now();
        key(&mut app, KeyCode::Char(c));
        until_filtered(&mut app);
        frame(&mut app, &mut term);
        times.push(t.elapsed());
        until_complete(&mut app);
        whole.push(t.elapsed());
    }
    let shown = app.list.shown.len();
    for _ in 0.."friendship".len() {
        let t = Instant::now();
        key(&mut app, KeyCode::Backspace);
        until_filtered(&mut app);
        frame(&mut app, &mut term);
        times.push(t.elapsed());
        until_complete(&mut app);
        whole.push(t.elapsed());
    }
    let each: Vec<String> = times
        .iter()
        .map(|t| format!("{:.0}", t.as_secs_f64() * 1e3))
        .collect();
    println!("each key, ms: {}", each.join(" "));
    times.sort();
    whole.sort();
    println!(
        "keystroke to the whole ranking in (the rows below the screen too): median {}, max {}",
        ms(whole[whole.len() / 2]),
        ms(whole[whole.len() - 1])
    );
    println!(
        "filter keystroke to redrawn list ('friendship' typed then erased, {} keys): median {}, max {} ({shown} shown for the whole word)",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
    key(&mut app, KeyCode::Esc);
    let t = Instant::now();
    key(&mut app, KeyCode::Enter);
    frame(&mut app, &mut term);
    println!(
        "open the selected document to its first frame: {}",
        ms(t.elapsed())
    );
    let t = Instant::now();
    key(&mut app, KeyCode::Char('t'));
    frame(&mut app, &mut term);
    println!(
        "timeline of {n} documents to its first frame: {}",
        ms(t.elapsed())
    );
    key(&mut app, KeyCode::Esc);
    frame(&mut app, &mut term);
    println!(
        "bodies read: {}; every body read: {}",
        app.corpus.documents.bodies_loaded(),
        app.corpus.documents.read_in_full()
    );
    println!(
        "peak memory (VmHWM) {}, now (VmRSS) {}",
        status("VmHWM"),
        status("VmRSS")
    );
}
