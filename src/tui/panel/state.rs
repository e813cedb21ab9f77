//! The side panel: notes of what is on screen and the document's source, in sections that
//! other features can add to (a citation section is reserved, see [`SectionSlot`]).

use crate::model::Document;
use crate::model::ids::{BlockNo, DocIx};
use crate::tui::theme::Theme;
use ratatui::text::Line;
use std::ops::Range;

/// What a section sees when it is drawn.
pub struct SectionContext<'a> {
    /// The open document and its corpus index.
    pub ix: DocIx,
    pub doc: &'a Document,
    /// Blocks with a row on screen.
    pub visible: Range<BlockNo>,
    /// The current block.
    pub cursor: BlockNo,
    /// The treaty article heading block the current block belongs to.
    pub article_block: Option<BlockNo>,
    /// The footnote the reader jumped to, if any.
    pub selected_footnote: Option<&'a str>,
    pub theme: &'a Theme,
}

/// One section of the panel. `lines` is called once per frame: keep it cheap (it sees only
/// what is on screen) and pass every document string through `sanitize`.
pub trait PanelSection {
    /// Shown as the section's heading.
    fn title(&self) -> String;
    /// The section's lines; no lines hides the section.
    fn lines(&self, ctx: &SectionContext<'_>) -> Vec<Line<'static>>;
}

/// Where a section goes, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SectionSlot {
    Notes,
    /// Reserved for the citation of the current block (the `cite` feature).
    Citation,
    Source,
    /// Anything added later, below the rest.
    Extra,
}

pub struct Panel {
    /// Whether the panel is shown (it is hidden on narrow screens unless focused).
    pub open: bool,
    pub focused: bool,
    pub scroll: usize,
    /// Id of the footnote jumped to.
    pub selected_footnote: Option<String>,
    /// The lines of this frame, built by `Panel::prepare`.
    pub lines: Vec<Line<'static>>,
    sections: Vec<(SectionSlot, Box<dyn PanelSection>)>,
}

impl std::fmt::Debug for Panel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Panel")
            .field("open", &self.open)
            .field("focused", &self.focused)
            .field("scroll", &self.scroll)
            .field("selected_footnote", &self.selected_footnote)
            .field("sections", &self.sections.len())
            .finish()
    }
}

impl Default for Panel {
    fn default() -> Self {
        Panel {
            open: true,
            focused: false,
            scroll: 0,
            selected_footnote: None,
            lines: Vec::new(),
            sections: Vec::new(),
        }
    }
}

impl Panel {
    /// Adds a section in `slot`; sections in the same slot keep the order they were added in.
    /// Adding to `SectionSlot::Citation` replaces whatever was there.
    pub fn add_section(&mut self, slot: SectionSlot, section: Box<dyn PanelSection>) {
        if slot == SectionSlot::Citation {
            self.sections.retain(|(s, _)| *s != SectionSlot::Citation);
        }
        let at = self.sections.partition_point(|(s, _)| *s <= slot);
        self.sections.insert(at, (slot, section));
    }

    pub fn sections(&self) -> impl Iterator<Item = &dyn PanelSection> {
        self.sections.iter().map(|(_, s)| s.as_ref())
    }
}
