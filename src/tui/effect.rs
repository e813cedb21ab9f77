//! What one feature asks of another, as plain data. A component's `update` changes only its
//! own state and returns these; `App::apply` carries each out by calling the feature that owns
//! it. So no feature reads or writes another's fields, and a test can assert on what a key
//! asked for without a terminal.

use super::ids::{BlockNo, DocIx};
use super::reader::state::Highlight;
use super::status::Level;
use super::workspace::Layer;

/// One request from a feature to the rest of the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Open this document in the reader, where it was last read.
    OpenDocument(DocIx),
    /// Back to the open document from the list (nothing when none is open).
    ShowReader,
    /// Show the timeline overlay.
    OpenTimeline,
    /// Give the keys to the panel (`true`) or to the text (`false`).
    FocusPanel(bool),
    /// Jump to the next footnote from the reader's current block.
    NextFootnote,
    /// Put the reader's cursor on this block and scroll it into view.
    MoveCursor(BlockNo),
    /// An informational line for the status line.
    Info(String),
    /// A line for the status line at `Level`.
    Status(Level, String),
    /// Replace the reader highlights of this owner (marks, a selection, find matches).
    Highlights(&'static str, Vec<Highlight>),
    /// Show one of the workspace's overlays.
    OpenLayer(Layer),
    /// Copy this passage followed by the citation with the pinpoint of the cursor block.
    CopyPassage(String),
    /// Open a document at a block, remembering where the reader was.
    JumpTo(DocIx, BlockNo),
    /// Bytes for the terminal itself (OSC 52), written by the loop after the next frame.
    WriteTerminal(Vec<u8>),
}
