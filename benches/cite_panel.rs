//! What the citation panel costs the reader at 200×50 on a `TestBackend`: a frame after the
//! cursor moves to another block (the citation is rendered again for the new pinpoint), a
//! frame after nothing changed (no render: the cached citation is drawn), a frame after the
//! style changes, and the `y` key with an OSC 52-only copier. `cite::warm_up()` runs first, as
//! the reader does at start-up. Run with `cargo bench --bench cite_panel`; figures go to
//! BENCHMARKS.md.
// A build script and benchmarks print only their own figures and directives.
#![allow(clippy::disallowed_macros)]

use lectern::clipboard::{Copier, Env};
use lectern::corpus::Corpus;
use lectern::tui::{Action, App, Settings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

const ROUNDS: usize = 10;

fn main() {
    let start = Instant::now();
    lectern::cite::warm_up();
    println!("warm_up: {}", fmt(start.elapsed()));
    let corpus = Corpus::bundled();
    let mut moved = Vec::new();
    let mut still = Vec::new();
    let mut styled = Vec::new();
    let mut copied = Vec::new();
    let mut renders = 0;
    for i in 0..corpus.documents.len() {
        let mut app = App::new(Corpus::bundled(), Settings::defaults());
        app.citation.copier = Copier {
            env: Env::default(),
            tmux_command: vec!["tmux".into()],
            timeout: Duration::from_secs(1),
        };
        let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| match e {});
        app.open_document(lectern::tui::DocIx(i));
        lectern::tui::frame(&mut app, &mut term).unwrap_or_else(|e| match e {});
        let blocks = app.document().map_or(0, |d| d.blocks.len());
        for _ in 0..ROUNDS {
            app.update(Action::Top);
            lectern::tui::frame(&mut app, &mut term).unwrap_or_else(|e| match e {});
            for _ in 1..blocks {
                moved.push(timed(&mut app, &mut term, Some(Action::Down)));
                still.push(timed(&mut app, &mut term, None));
            }
            styled.push(timed(&mut app, &mut term, Some(Action::CycleStyle)));
            let t = Instant::now();
            app.update(Action::CopyCitation);
            copied.push(t.elapsed());
            app.after_frame.clear();
        }
        renders += app.citation.renders();
    }
    println!("citation renders: {renders}");
    report("frame after a cursor move (new pinpoint)", &mut moved);
    report("frame with nothing changed", &mut still);
    report("frame after a style change", &mut styled);
    report("y (OSC 52 only)", &mut copied);
}

/// `action` (if any) and one frame.
fn timed(app: &mut App, term: &mut Terminal<TestBackend>, action: Option<Action>) -> Duration {
    let start = Instant::now();
    if let Some(a) = action {
        app.update(a);
    }
    lectern::tui::frame(app, term).unwrap_or_else(|e| match e {});
    start.elapsed()
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let median = times[times.len() / 2];
    let p99 = times[times.len() * 99 / 100];
    println!(
        "{what:<44} n={:>5}  median {:>9}  p99 {:>9}",
        times.len(),
        fmt(median),
        fmt(p99)
    );
}

fn fmt(d: Duration) -> String {
    if d >= Duration::from_millis(10) {
        format!("{:.1} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.0} µs", d.as_secs_f64() * 1e6)
    }
}
