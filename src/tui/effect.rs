//! What one feature asks of another, as plain data. A component's `update` changes only its
//! own state and returns these; `App::apply` carries each out by calling the feature that owns
//! it. So no feature reads or writes another's fields, and a test can assert on what a key
//! asked for without a terminal.

use super::status::Level;
use crate::model::Lang;
use crate::model::ids::{BlockNo, DocIx};
use crate::refs::Target;
use ratatui::style::Style;
use std::ops::Range;

/// One request from a feature to the rest of the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Open this document in the reader, where it was last read.
    OpenDocument(DocIx),
    /// Open this document with the cursor on this block, shown at the top (a search hit, a
    /// followed link).
    OpenAt(DocIx, BlockNo),
    /// Open the document of `Place` with cursor and first row exactly as they were (the link
    /// history).
    ReturnTo(Place),
    /// Close the reader and go back to the list.
    CloseReader,
    /// Back to the open document from the list (nothing when none is open).
    ShowReader,
    /// Show the timeline overlay.
    OpenTimeline,
    /// Show the card of a registry target.
    ShowCard(Target),
    /// Show every mention elsewhere of what the open document holds (its backlinks).
    ShowBacklinks(DocIx),
    /// Give the keys to the panel (`true`) or to the text (`false`).
    FocusPanel(bool),
    /// Jump to the next footnote from the reader's current block.
    NextFootnote,
    /// Jump to the previous footnote from the reader's current block.
    PrevFootnote,
    /// Show this footnote in the panel (the reader has put its cursor on the footnote's block).
    ShowFootnote(String),
    /// Open (`true`) or close the panel.
    ShowPanel(bool),
    /// The reader's view changed (languages, columns): links and marks are laid again.
    ViewChanged,
    /// A click on a sentence of the text: block, language, stored byte offset.
    SentenceClicked {
        block: BlockNo,
        lang: Lang,
        at: usize,
    },
    /// Put the reader's cursor on this block and scroll it into view.
    MoveCursor(BlockNo),
    /// Replace the highlights that `owner` laid over document `doc` with `marks`.
    Highlight {
        doc: DocIx,
        owner: &'static str,
        marks: Vec<Mark>,
    },
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
    /// The user's tags or collections changed: the list's `tag:` / `collection:` filters
    /// read them again.
    LibraryChanged,
    /// Open a document at a block, remembering where the reader was.
    JumpTo(DocIx, BlockNo),
    /// Bytes for the terminal itself (OSC 52), written by the loop after the next frame.
    WriteTerminal(Vec<u8>),
    /// Save the position and end the reader.
    Quit,
    /// Put the sentence cursor on the sentence of the open document's block `block` in
    /// `lang` that holds byte `at` of its stored text (a concordance entry opened).
    SentenceAt {
        block: BlockNo,
        lang: Lang,
        at: usize,
    },
    /// Ask the search worker for the concordance of `term`; the answer comes back as
    /// `Msg::Concordance` with `generation`.
    Concordance { term: String, generation: u64 },
    /// Copy the citation of document `doc` with the pinpoint of `block` (a compared side).
    CopyCitationAt(DocIx, BlockNo),
    /// Close the overlay on top if it is the one of this name.
    CloseOverlay(&'static str),
}

/// A styled range in one block's stored text in one language (a search hit, a link).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub block: BlockNo,
    pub lang: Lang,
    /// Byte range of the stored text, footnote markers included.
    pub range: Range<usize>,
    /// The theme's name for its style ("search_hit", "link_selected").
    pub style: &'static str,
}

/// Where the reader is: document, cursor block and first row on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub doc: DocIx,
    /// The cursor's block.
    pub cursor: BlockNo,
    pub scroll: usize,
}

/// A styled range inside one block's stored text in one language: a search hit, a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub block: BlockNo,
    pub lang: Lang,
    /// Byte range of the stored text (`block.text.get(lang)`), footnote markers included.
    pub range: Range<usize>,
    pub style: Style,
}

/// The workspace's overlays, opened by [`Effect::OpenLayer`] (the workspace's; named here so that effects import no feature).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Select,
    NoteEditor,
    Find,
    /// The picker: your notes (`M`) or what was read last (`R`).
    Picker,
    /// The prompt that tags the document or adds it to a collection.
    Label,
}
