//! Everything a user can ask the reader to do. Keys map to these (see [`super::keymap`]);
//! `App::update` is the one place that carries them out.

use serde::{Deserialize, Serialize};

/// One user intent, independent of the key that asked for it. Names in `keymap.toml` are the
/// snake_case variant names (`page_down`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave lectern (the reading position is saved).
    Quit,
    /// Show the keys of the current pane.
    Help,
    /// Go back: close the reader, leave the panel, clear the filter.
    Back,
    /// Open the selected document; in the reader, jump to the footnote of the current block.
    Open,
    /// Move the focus to the next pane.
    FocusNext,
    /// Move the focus to the previous pane.
    FocusPrev,
    /// Previous item or block.
    Up,
    /// Next item or block.
    Down,
    /// Scroll the view up one line.
    ScrollUp,
    /// Scroll the view down one line.
    ScrollDown,
    /// One screen up.
    PageUp,
    /// One screen down.
    PageDown,
    /// To the beginning.
    Top,
    /// To the end.
    Bottom,
    /// Type to filter the document list.
    Filter,
    /// Sort the document list by the next key: date, title, kind.
    CycleSort,
    /// Cycle the reader's view: side by side, stacked, one language at a time.
    CycleView,
    /// Show or hide the notes and source panel.
    TogglePanel,
    /// Jump to the next footnote marker from the current block.
    NextFootnote,
    /// Jump to the previous footnote marker before the current block.
    PrevFootnote,
    /// Select the next cross-reference link.
    NextLink,
    /// Select the previous cross-reference link.
    PrevLink,
    /// Back to where the reader was before following a link (from the first: to the list).
    HistoryBack,
    /// Forward again after going back.
    HistoryForward,
    /// Documents and instruments by date.
    Timeline,
    /// Open the search overlay (the last query kept).
    Search,
    /// Move to the next block with a search hit.
    NextHit,
    /// Move to the previous block with a search hit.
    PrevHit,
    /// Cite the open document in the next citation style that applies to it.
    CycleStyle,
    /// Copy the citation shown in the panel, with the pinpoint of the current block.
    CopyCitation,
    /// Copy the citation of the whole document, without a pinpoint.
    CopyDocumentCitation,
    /// List every mention elsewhere of what the open document holds, to follow one.
    Backlinks,
    /// Put the sentence cursor on the next sentence: it and its counterpart are highlighted.
    NextSentence,
    /// Put the sentence cursor on the previous sentence.
    PrevSentence,
    /// Start selecting a span of the cursor block (then highlight, note or copy it).
    Select,
    /// Write a Markdown note on the selection or the cursor block.
    Annotate,
    /// Bookmark the cursor block.
    Bookmark,
    /// Find in the open document, in every language shown.
    FindInDocument,
    /// Copy the cursor block in the languages shown, followed by its citation.
    CopyPassage,
    /// Search your own notes and highlights.
    MyNotes,
    /// The documents read last.
    Recent,
    /// Tag the open document (a prompt that completes the tags in use).
    TagDocument,
    /// Put the open document into a collection (a prompt that completes the names in use).
    AddToCollection,
    /// While selecting: one character left.
    SelectLeft,
    /// While selecting: one character right.
    SelectRight,
    /// While selecting: to the start of the word before.
    SelectWordLeft,
    /// While selecting: to the start of the next word.
    SelectWordRight,
    /// While selecting: to the start of the block.
    SelectStart,
    /// While selecting: to the end of the block.
    SelectEnd,
    /// While selecting: move the other end instead.
    SelectSwap,
    /// While selecting: select in the other language of the block.
    SelectOtherLanguage,
    /// Highlight the selection in yellow.
    HighlightYellow,
    /// Highlight the selection in green.
    HighlightGreen,
    /// Highlight the selection in blue.
    HighlightBlue,
    /// Highlight the selection in pink.
    HighlightPink,
    /// Highlight the selection in orange.
    HighlightOrange,
    /// How a word or phrase was rendered across the archive (the selection, a name of the
    /// sentence under the sentence cursor, or typed).
    Concordance,
    /// Set the open document beside another, aligned article by article or block by block.
    Compare,
}

impl Action {
    /// A short description for the help overlay and the status-line hints.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Back => "back",
            Action::Open => "open / follow the selected link / go to note",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::Up => "up",
            Action::Down => "down",
            Action::ScrollUp => "scroll up a line",
            Action::ScrollDown => "scroll down a line",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "to the top",
            Action::Bottom => "to the end",
            Action::Filter => "filter",
            Action::CycleSort => "sort by date / title / kind",
            Action::CycleView => "side by side / stacked / one language",
            Action::TogglePanel => "notes & source panel",
            Action::NextFootnote => "next footnote",
            Action::PrevFootnote => "previous footnote",
            Action::NextLink => "next link",
            Action::PrevLink => "previous link",
            Action::HistoryBack => "back to where a link was followed",
            Action::HistoryForward => "forward again",
            Action::Timeline => "timeline of documents and instruments",
            Action::Search => "search",
            Action::NextHit => "next search hit (find match)",
            Action::PrevHit => "previous search hit (find match)",
            Action::CycleStyle => "next citation style",
            Action::CopyCitation => "copy the citation (with pinpoint)",
            Action::CopyDocumentCitation => "copy the document's citation",
            Action::Backlinks => "where this document is mentioned (enter opens)",
            Action::NextSentence => "next sentence and its counterpart",
            Action::PrevSentence => "previous sentence and its counterpart",
            Action::Select => "select a span (then 1-5 highlight, a note, C copy)",
            Action::Annotate => "note on the selection or block",
            Action::Bookmark => "bookmark the block",
            Action::FindInDocument => "find in the document (n / N, count)",
            Action::CopyPassage => "copy the passage with its citation",
            Action::MyNotes => "search your notes (note: tag: collection:)",
            Action::Recent => "documents read last",
            Action::TagDocument => "tag the document (tab completes)",
            Action::AddToCollection => "add to a collection (tab completes)",
            Action::SelectLeft => "extend the selection a character left",
            Action::SelectRight => "extend the selection a character right",
            Action::SelectWordLeft => "extend to the word before",
            Action::SelectWordRight => "extend to the next word",
            Action::SelectStart => "extend to the start of the block",
            Action::SelectEnd => "extend to the end of the block",
            Action::SelectSwap => "move the other end",
            Action::SelectOtherLanguage => "select in the other language",
            Action::HighlightYellow => "highlight yellow",
            Action::HighlightGreen => "highlight green",
            Action::HighlightBlue => "highlight blue",
            Action::HighlightPink => "highlight pink",
            Action::HighlightOrange => "highlight orange",
            Action::Concordance => "concordance: how a term was rendered",
            Action::Compare => "compare with another document",
        }
    }

    /// The action named as in `keymap.toml`.
    pub fn from_name(name: &str) -> Option<Action> {
        use serde::de::IntoDeserializer;
        let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            name.into_deserializer();
        Action::deserialize(de).ok()
    }
}
