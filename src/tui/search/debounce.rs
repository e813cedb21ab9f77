//! The search window's debounce timer: only a query line left unchanged for [`DEBOUNCE`]
//! is searched.

use super::DEBOUNCE;
use crate::tui::msg::Msg;
use crate::tui::workers::{StopReport, WorkerKind};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};

/// A timer thread: after each edit generation it receives, waits until [`DEBOUNCE`] passes
/// without a newer one, then posts [`Msg::SearchDue`] for the last.
pub(super) fn spawn_debouncer(tx: Sender<Msg>) -> std::io::Result<Sender<u64>> {
    let (edits, rx) = channel::<u64>();
    let report = StopReport::new(WorkerKind::Debounce, tx);
    std::thread::Builder::new()
        .name("lectern-debounce".into())
        .spawn(move || {
            while let Ok(mut edit) = rx.recv() {
                loop {
                    match rx.recv_timeout(DEBOUNCE) {
                        Ok(newer) => edit = newer,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                if !report.send(Msg::SearchDue(edit)) {
                    return;
                }
            }
        })?;
    Ok(edits)
}
