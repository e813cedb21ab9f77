//! What the in-process reader benches share: keys and frames on a `TestBackend`, and the
//! process's memory from `/proc`.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use lectern::tui::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;

/// One key press, as the terminal would send it.
pub fn key(app: &mut App, code: KeyCode) {
    app.handle(Msg::Input(Event::Key(KeyEvent::new(
        code,
        KeyModifiers::NONE,
    ))));
}

/// One frame drawn, as the reader's loop draws it.
pub fn frame(app: &mut App, term: &mut Terminal<TestBackend>) {
    lectern::tui::frame(app, term).unwrap_or_else(|e| match e {});
}

/// A line of `/proc/self/status` (`VmHWM`, `VmRSS`) as "N kB".
pub fn status(field: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_string() + " kB")
        .unwrap_or_default()
}

/// A duration in milliseconds, one decimal.
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
