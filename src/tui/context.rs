//! What a component may know of the reader without holding it: a read-only summary that
//! `App` builds from the reader's state for the components that need it (search, links), so
//! that they import neither the reader nor the app.

use super::effect::Place;
use crate::model::Lang;
use crate::model::ids::{BlockNo, DocIx};
use std::ops::Range;

/// The open document as the reader shows it now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderAt {
    pub doc: DocIx,
    /// The cursor's block.
    pub cursor: BlockNo,
    /// First row on screen.
    pub scroll: usize,
    /// Blocks with a row on screen.
    pub visible: Range<BlockNo>,
    /// The languages shown, in column order (one for a single-language view).
    pub langs: Vec<Lang>,
    /// Whether the reader is the screen showing (not the list).
    pub on_screen: bool,
}

impl ReaderAt {
    /// Where the reader is, for the link history; `None` when the list shows.
    pub fn place(&self) -> Option<Place> {
        self.on_screen.then_some(Place {
            doc: self.doc,
            cursor: self.cursor,
            scroll: self.scroll,
        })
    }
}
