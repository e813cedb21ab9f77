//! The citation of what the reader shows: the open document in the chosen style, pointing at
//! the block under the cursor. Rendering is kept out of drawing: [`CitationState::refresh`]
//! renders only when the document, the cursor's block or the style changed (a render takes
//! about a millisecond, the very first one about 0.3 s unless `cite::warm_up` ran), and the
//! panel section reads the result through a shared handle.

use crate::cite::{self, Facts, Pinpoint, Style};
use crate::clipboard::Copier;
use crate::model::Document;
use crate::model::ids::{BlockNo, DocIx};
use crate::tui::reader::state::ReaderState;
use std::cell::RefCell;
use std::rc::Rc;

/// What the citation depends on: document, block and style.
pub type CitationKey = (DocIx, BlockNo, Style);

/// A rendered citation, as the panel shows it and `y` copies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// Document, block and style: the panel shows it only for the document and block it draws.
    pub key: CitationKey,
    pub style: Style,
    /// Where the style stands among those that apply to the document (from 1), and how many.
    pub position: (usize, usize),
    pub pin: Pinpoint,
    /// The citation, or why the style cannot cite this document.
    pub text: Result<String, String>,
}

/// The shared handle the panel section reads (the app and the panel run on one thread).
pub type ShownHandle = Rc<RefCell<Option<Shown>>>;

pub struct CitationState {
    /// The style the user cycled to; documents it does not apply to use their default.
    pub chosen: Option<Style>,
    /// How `y` copies: the detected environment by default; tests put their own here.
    pub copier: Copier,
    /// Facts of the open document, taken once per document.
    facts: Option<(DocIx, Facts)>,
    shown: ShownHandle,
    /// How many citations were rendered: lets tests see that drawing does not render.
    renders: usize,
}

impl std::fmt::Debug for CitationState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CitationState")
            .field("chosen", &self.chosen)
            .field("shown", &self.shown.borrow())
            .field("renders", &self.renders)
            .finish()
    }
}

impl Default for CitationState {
    fn default() -> Self {
        CitationState {
            chosen: None,
            copier: Copier::default(),
            facts: None,
            shown: Rc::new(RefCell::new(None)),
            renders: 0,
        }
    }
}

impl CitationState {
    /// The handle for the panel section.
    pub fn handle(&self) -> ShownHandle {
        Rc::clone(&self.shown)
    }

    /// Takes the facts of document `doc` (corpus index) when the document changed.
    fn ensure_facts(&mut self, doc: DocIx, d: &Document) {
        if self.facts.as_ref().is_none_or(|(i, _)| *i != doc) {
            self.facts = Some((doc, Facts::of(d)));
        }
    }

    /// The open document's facts and current style.
    fn facts_and_style<'a>(
        &mut self,
        docs: &'a crate::corpus::Docs,
        reader: Option<&ReaderState>,
    ) -> Option<(DocIx, &'a Document, &Facts, Style)> {
        let r = reader?;
        let d = docs.get(r.doc.0)?;
        self.ensure_facts(r.doc, d);
        let (_, facts) = self.facts.as_ref()?;
        Some((r.doc, d, facts, style_for(self.chosen, facts)))
    }

    /// Brings the citation up to date with the reader; renders only when its key changed.
    pub fn refresh(&mut self, docs: &crate::corpus::Docs, reader: Option<&ReaderState>) {
        let block = reader.map_or(BlockNo::FIRST, |r| r.cursor);
        let shown = Rc::clone(&self.shown);
        let Some((i, d, facts, style)) = self.facts_and_style(docs, reader) else {
            return;
        };
        let key = (i, block, style);
        if shown.borrow().as_ref().is_some_and(|s| s.key == key) {
            return;
        }
        let pin = Pinpoint::for_block(d, block);
        let text = cite::render_facts(facts, style, Some(&pin)).map_err(|e| e.to_string());
        let styles = Style::for_doc(facts);
        let at = styles.iter().position(|s| *s == style).map_or(0, |p| p + 1);
        *shown.borrow_mut() = Some(Shown {
            key,
            style,
            position: (at, styles.len()),
            pin,
            text,
        });
        self.renders += 1;
    }

    /// The citation for the reader's current block (refreshed first).
    pub fn current(
        &mut self,
        docs: &crate::corpus::Docs,
        reader: Option<&ReaderState>,
    ) -> Option<Shown> {
        self.refresh(docs, reader);
        let shown = self.shown.borrow().clone();
        shown.filter(|s| reader.is_some_and(|r| r.doc == s.key.0))
    }

    /// Moves to the next style that applies to the open document; returns it.
    pub fn cycle(
        &mut self,
        docs: &crate::corpus::Docs,
        reader: Option<&ReaderState>,
    ) -> Option<Style> {
        let (_, _, facts, style) = self.facts_and_style(docs, reader)?;
        let next = style.next_for(facts);
        self.chosen = Some(next);
        self.refresh(docs, reader);
        Some(next)
    }

    /// The citation of the whole open document (no pinpoint) in the current style.
    pub fn document_citation(
        &mut self,
        docs: &crate::corpus::Docs,
        reader: Option<&ReaderState>,
    ) -> Option<(Style, Result<String, String>)> {
        let (_, _, facts, style) = self.facts_and_style(docs, reader)?;
        let text = cite::render_facts(facts, style, None).map_err(|e| e.to_string());
        Some((style, text))
    }

    /// How many pinpointed citations were rendered so far.
    pub fn renders(&self) -> usize {
        self.renders
    }
}

/// The style a document is cited in: the chosen one where it applies, else the document's
/// default (the treaty form for treaties, the Chicago note otherwise).
pub fn style_for(chosen: Option<Style>, facts: &Facts) -> Style {
    chosen
        .filter(|s| s.applies_to(facts))
        .unwrap_or_else(|| Style::default_for(facts))
}

/// Whether the style's text carries the pinpoint: the Chicago bibliography entry cites the
/// whole work (see [`Style::ChicagoBibliography`]).
pub fn takes_pinpoint(style: Style) -> bool {
    style != Style::ChicagoBibliography
}

/// The pinpoint as a reader names it: the one UI spelling, [`crate::tui::pinpoint`].
pub use crate::tui::pinpoint::pin_label;
