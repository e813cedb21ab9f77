//! Shared helpers for the TUI tests: an app over the bundled corpus with default settings,
//! key sequences, and rendering on a `TestBackend`.
#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use lectern::clipboard::{Copier, Env};
use lectern::corpus::Corpus;
use lectern::tui::keymap::Key;
use lectern::tui::{App, Msg, Settings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

/// A copier that only writes OSC 52: no tmux, no display, as over SSH.
pub fn osc52_only() -> Copier {
    Copier {
        env: Env {
            tmux: false,
            ssh: true,
            display: false,
        },
        tmux_command: vec!["tmux".into()],
        timeout: Duration::from_secs(2),
    }
}

/// A copier inside a tmux that cannot be run: its buffer fails, OSC 52 (wrapped for tmux)
/// still goes out.
pub fn unrunnable_tmux() -> Copier {
    Copier {
        env: Env {
            tmux: true,
            ssh: false,
            display: false,
        },
        tmux_command: vec!["/nonexistent/tmux".into()],
        timeout: Duration::from_secs(2),
    }
}

/// A temporary directory for a search index.
pub fn cache() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// An app over the bundled corpus whose search index lives in `cache`.
pub fn app_in(cache: &tempfile::TempDir) -> App {
    let mut app = app();
    app.search.location = Some(lectern::search::Location::at(cache.path()));
    app
}

/// How long a worker may take (the first search builds the index of the bundled corpus).
pub const PATIENCE: Duration = Duration::from_secs(120);

/// Handles the events other threads post until `done` holds; fails after [`PATIENCE`],
/// naming `what` it waited for.
pub fn settle(app: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    loop {
        app.drain_events();
        if done(app) {
            return;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "gave up waiting for {what}; search state: {:?}",
            app.search
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Waits until the answer to `query` (exactly as typed, trimmed) is shown.
pub fn answered(app: &mut App, query: &str) {
    let q = query.trim().to_string();
    settle(app, &format!("the answer to {q:?}"), move |a| {
        a.search.sent_query == q && !a.search.waiting()
    });
}

/// The People's Daily joint communiqué of 14 July 1956 (Chinese OCR + English translation).
pub const PEOPLES_DAILY: &str = "1956-07-14-joint-communique-issued-soviet";
/// The UN Treaty Series text of the 1961 treaty (English/French headers, English body).
pub const TREATY: &str = "1961-07-06-treaty-friendship-co-operation-mutual";

pub fn app() -> App {
    App::new(Corpus::bundled(), Settings::defaults())
}

pub fn app_with(corpus: Corpus) -> App {
    App::new(corpus, Settings::defaults())
}

/// Presses keys named as in keymap.toml, separated by spaces: `"j j enter"`.
pub fn press(app: &mut App, keys: &str) {
    for name in keys.split_whitespace() {
        let key = Key::parse(name).unwrap_or_else(|e| panic!("{e}"));
        app.handle(Msg::Input(Event::Key(KeyEvent::new(key.code, key.mods))));
    }
}

/// Types text character by character (into the filter).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle(Msg::Input(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        ))));
    }
}

/// Opens a document of the bundled corpus by id, through the filter as a user would.
pub fn open(app: &mut App, id: &str) {
    press(app, "f");
    type_text(app, id);
    press(app, "enter");
    assert_eq!(
        app.document().map(|d| d.id.as_str()),
        Some(id),
        "opened by filtering"
    );
}

pub fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| match e {})
}

/// Draws one frame at the terminal's size.
pub fn render(app: &mut App, term: &mut Terminal<TestBackend>) {
    lectern::tui::frame(app, term).unwrap_or_else(|e| match e {});
}

/// The bundled corpus with document `id` open, drawn once on a `w`×`h` terminal.
pub fn reading(id: &str, w: u16, h: u16) -> (App, Terminal<TestBackend>) {
    let mut app = app();
    open(&mut app, id);
    let mut term = terminal(w, h);
    render(&mut app, &mut term);
    (app, term)
}

/// The status line's message, or "" when there is none.
pub fn status_text(app: &App) -> String {
    app.status
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// The screen as text rows (wide characters once, their hidden second cell skipped).
pub fn rows(term: &Terminal<TestBackend>) -> Vec<String> {
    let buf = term.backend().buffer();
    let area = buf.area;
    (0..area.height)
        .map(|y| {
            let mut s = String::new();
            let mut skip = 0;
            for x in 0..area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                s.push_str(sym);
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            }
            s
        })
        .collect()
}
