//! Everything that comes back to the reader's loop: terminal input, and the answers of the
//! workers, the debounce timer, the overlays and the clipboard. One enum, plain data: no
//! closure travels as a message, so every hop can be printed, matched in a test and followed
//! by reading [`super::App::handle`], the one place that takes them apart.

use super::action::Action;
use super::status::Level;
use crate::clipboard::{CopyError, CopyReport};
use crate::refs::Target;
use crossterm::event::{Event, KeyEvent};

/// One message for the loop. The loop redraws after each batch.
#[derive(Debug)]
pub enum Msg {
    /// A key, a mouse event or a resize from the terminal.
    Input(Event),
    /// A line for the status line, from any thread.
    Status(Level, String),
    /// The search worker reported (index progress, results, hits in a document).
    Search(crate::search::Event),
    /// The query line stayed unchanged for the debounce time since edit number `0`.
    SearchDue(u64),
    /// A key the search overlay does not bind: it edits the query line.
    SearchKey(KeyEvent),
    /// An action while the search overlay is on top (move, open a result).
    SearchAction(Action),
    /// Open document `doc` at `block`, remembering where the reader was (a card's mention, a
    /// timeline entry).
    JumpTo {
        doc: super::ids::DocIx,
        block: super::ids::BlockNo,
    },
    /// Go where a registry target leads: its text in the archive, or its card.
    Follow(Target),
    /// A copy finished on its worker thread.
    Copied(CopyDone),
    /// What a workspace overlay (selection, note editor, find bar, picker) asks for.
    Notes(super::workspace::NotesMsg),
    /// The concordance window's keys, and the worker's answer to a concordance.
    Concordance(super::concordance::ConcordanceMsg),
    /// A key in the compare window (its state says what it means).
    CompareKey(KeyEvent),
    /// A worker thread panicked. The reader goes on without it; the message says why.
    WorkerStopped { worker: WorkerKind, message: String },
}

/// The outcome of a copy, as the clipboard worker posts it back.
#[derive(Debug)]
pub struct CopyDone {
    /// What was copied, for the status line ("Chicago note citation at ¶ 5").
    pub what: String,
    /// The text copied.
    pub text: String,
    /// OSC 52 bytes for the terminal, written between frames.
    pub osc52: Vec<u8>,
    pub result: Result<CopyReport, CopyError>,
}

/// Which worker stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerKind {
    /// The search worker, which also opens or builds the index.
    Search,
    /// The timer that waits for the query line to settle.
    Debounce,
    /// A copy to tmux or the desktop clipboard.
    Copy,
}

impl WorkerKind {
    pub fn label(self) -> &'static str {
        match self {
            WorkerKind::Search => "search",
            WorkerKind::Debounce => "search typing",
            WorkerKind::Copy => "copy",
        }
    }
}
