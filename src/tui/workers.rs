//! The reader's worker threads (search, debounce, copy) and what happens when one panics: the
//! panic is caught where the thread unwinds and posted to the loop as
//! [`Msg::WorkerStopped`], the status line says which worker stopped and how to retry, and
//! the reader goes on. The terminal is restored only when the program itself ends (see
//! [`super::terminal`]).

// `WorkerKind` is part of a `Msg`, so it lives in msg.rs (no import loop); this name stays.
use super::msg::Msg;
pub use super::msg::WorkerKind;
use std::cell::RefCell;
use std::sync::mpsc::Sender;

thread_local! {
    /// The message of the panic this thread is unwinding from, set by the panic hook.
    static PANIC_MESSAGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Called by the panic hook on the panicking thread: keeps the message for [`StopReport`].
pub(crate) fn note_panic(info: &std::panic::PanicHookInfo<'_>) {
    let payload = info.payload();
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string());
    let message = match info.location() {
        Some(at) => format!("{text} ({}:{})", at.file(), at.line()),
        None => text,
    };
    PANIC_MESSAGE.with(|m| *m.borrow_mut() = Some(message));
}

/// Lives inside a worker thread (in a closure the thread owns). Dropped while the thread
/// unwinds from a panic, it posts [`Msg::WorkerStopped`]; dropped on a normal end, nothing.
pub struct StopReport {
    worker: WorkerKind,
    tx: Sender<Msg>,
}

impl StopReport {
    pub fn new(worker: WorkerKind, tx: Sender<Msg>) -> StopReport {
        StopReport { worker, tx }
    }

    /// Whether the loop still listens (for closures that own the report and post through it).
    pub fn send(&self, msg: Msg) -> bool {
        self.tx.send(msg).is_ok()
    }
}

impl Drop for StopReport {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            return;
        }
        let message = PANIC_MESSAGE
            .with(|m| m.borrow_mut().take())
            .unwrap_or_else(|| "it panicked".to_string());
        // The loop may have ended meanwhile; then nobody needs to know.
        let _ = self.tx.send(Msg::WorkerStopped {
            worker: self.worker,
            message,
        });
    }
}
