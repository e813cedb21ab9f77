//! The terminal's lifetime, in one place: raw mode, the alternate screen and mouse capture are
//! switched on by [`TerminalGuard::enter`] and switched off again on every way out — a normal
//! return, an error (the guard is dropped) and a panic of the reader's own thread (the hook
//! restores the terminal before the previous hook prints the message, so it is readable).
//!
//! A panic in a worker thread does not end the program, so it leaves the terminal alone: the
//! hook keeps its message for [`super::workers`], which reports it in the status line, and
//! prints nothing over the screen while the reader runs.
// The backend writes the frames, whose text every pane sanitizes as it draws.
#![allow(clippy::disallowed_methods)]

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, BufWriter, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Once, OnceLock};
use std::thread::ThreadId;

/// The frames go out through a buffer as large as any frame, flushed once at the end of each
/// draw: one `write` per frame. Stdout alone is a 1 KiB line buffer, so a 200x50 frame
/// (~14 KB) went out in 14 writes, which tmux could take apart (a capture between two of them
/// sees half a frame) and which cost a wake-up of the terminal each.
pub type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Larger than a full frame of a big terminal, so that a frame is never split.
const FRAME_BUFFER: usize = 256 * 1024;

/// Owns the terminal while the reader runs; dropping it restores the terminal.
pub struct TerminalGuard {
    pub terminal: Term,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        let _ = UI_THREAD.set(std::thread::current().id());
        let out = BufWriter::with_capacity(FRAME_BUFFER, io::stdout());
        let terminal = Terminal::new(CrosstermBackend::new(out))?;
        // The guard exists before the terminal is changed, so a failure in any step below
        // still restores it (dropping the guard on `?`).
        let guard = TerminalGuard { terminal };
        TERMINAL_IN_USE.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // Nothing sensible can be done if restoring fails while leaving. Anything still
        // buffered goes before the screen is switched back.
        let _ = self.terminal.backend_mut().flush();
        let _ = restore();
        TERMINAL_IN_USE.store(false, Ordering::SeqCst);
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

/// The thread that entered the terminal: the reader's loop.
static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();
/// Whether a [`TerminalGuard`] holds the terminal now.
static TERMINAL_IN_USE: AtomicBool = AtomicBool::new(false);

/// A panic of the reader's thread restores the terminal, then lets the previous hook report it.
/// A worker's panic is noted for its stop report; it is printed only when no reader holds the
/// terminal (tests, the command line), where printing cannot scribble over a screen.
pub fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            super::workers::note_panic(info);
            let in_use = TERMINAL_IN_USE.load(Ordering::SeqCst);
            let on_ui = UI_THREAD.get() == Some(&std::thread::current().id());
            if in_use && on_ui {
                let _ = restore();
                previous(info);
            } else if !in_use {
                previous(info);
            }
        }));
    });
}
