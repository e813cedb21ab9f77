//! Everything that comes back to the reader's loop: terminal input, and the answers of the
//! workers, the debounce timer, the overlays and the clipboard. One enum, plain data: no
//! closure travels as a message, so every hop can be printed, matched in a test and followed
//! by reading [`super::App::handle`], the one place that takes them apart.

use super::action::Action;
use super::status::Level;
use crate::clipboard::{CopyError, CopyReport};
use crate::refs::Target;
use crate::workspace::Colour;
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
        doc: crate::model::ids::DocIx,
        block: crate::model::ids::BlockNo,
    },
    /// Go where a registry target leads: its text in the archive, or its card.
    Follow(Target),
    /// A copy finished on its worker thread.
    Copied(CopyDone),
    /// What a workspace overlay (selection, note editor, find bar, picker) asks for.
    Notes(NotesMsg),
    /// The concordance window's keys, and the worker's answer to a concordance.
    Concordance(ConcordanceMsg),
    /// A key in the compare window (its state says what it means).
    CompareKey(KeyEvent),
    /// The list filter's worker answered query number `generation` (a large corpus):
    /// `complete` false for the first rows only, the whole ranking to follow.
    ListFiltered {
        generation: u64,
        shown: Vec<crate::model::DocIx>,
        complete: bool,
    },
    /// The full check after the first screen found files changed on disk: the corpus read
    /// again from the refreshed cache, or why it could not be.
    CorpusReloaded(Result<Box<Reloaded>, String>),
    /// A worker thread panicked. The reader goes on without it; the message says why.
    WorkerStopped { worker: WorkerKind, message: String },
}

/// The corpus read again after files changed on disk, and how many did.
#[derive(Debug)]
pub struct Reloaded {
    pub corpus: crate::corpus::Corpus,
    /// Documents read again that were there before (edited, or now unreadable).
    pub changed: usize,
    pub added: usize,
    pub deleted: usize,
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

/// What the workspace's overlays send back (through `Msg::Notes`); named here so that the
/// messages import no feature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotesMsg {
    Move(Move),
    Highlight(Colour),
    /// Write a note on the selection (or the cursor block).
    StartNote,
    NoteKey(KeyEvent),
    SaveNote,
    CancelNote,
    CancelSelection,
    CopySelection,
    FindKey(KeyEvent),
    FindStep(bool),
    /// Esc in the find bar: the find ends, its highlights go.
    FindClose,
    PickerKey(KeyEvent),
    PickerStep(isize),
    PickerOpen,
    /// A key typed into the tag / collection prompt.
    LabelKey(KeyEvent),
    /// Tab (1) or shift-Tab (-1): the next or previous name in use.
    LabelComplete(isize),
    LabelSave,
    LabelCancel,
}

/// A move of the selection's head.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Left,
    Right,
    WordRight,
    WordLeft,
    Start,
    End,
    /// Swap the two ends, to extend the other way.
    Swap,
    /// To the next language of the block shown (the selection starts again there).
    OtherLanguage,
}

/// What the window and the worker send back (through `Msg::Concordance`).
#[derive(Debug)]
pub enum ConcordanceMsg {
    /// A key the window does not bind: it edits the term line.
    Key(KeyEvent),
    /// Move, open, close (as the window's keys give).
    Action(Action),
    /// The select bar's key: the concordance of the workspace's selection.
    OfSelection,
    /// Tab: the next name of the sentence under the sentence cursor.
    NextSuggestion,
    /// The worker's answer to request `generation`.
    Answer {
        generation: u64,
        result: Result<crate::parallel::concordance::Concordance, String>,
    },
}
