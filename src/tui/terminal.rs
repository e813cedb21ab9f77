//! The terminal's lifetime, in one place: raw mode, the alternate screen and mouse capture are
//! switched on by [`TerminalGuard::enter`] and switched off again on every way out — a normal
//! return, an error (the guard is dropped) and a panic (the hook restores the terminal before
//! the previous hook prints the message, so the message is readable).
// The backend writes the frames, whose text every pane sanitizes as it draws.
#![allow(clippy::disallowed_methods)]

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout};
use std::sync::Once;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Owns the terminal while the reader runs; dropping it restores the terminal.
pub struct TerminalGuard {
    pub terminal: Term,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        // The guard exists before the terminal is changed, so a failure in any step below
        // still restores it (dropping the guard on `?`).
        let guard = TerminalGuard { terminal };
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // Nothing sensible can be done if restoring fails while leaving.
        let _ = restore();
    }
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() -> io::Result<()> {
    let raw = disable_raw_mode();
    execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    )?;
    raw
}

/// Restores the terminal, then lets the previous hook report the panic.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}
