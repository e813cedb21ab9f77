//! The reader: a component like the others. Its state is [`state::ReaderState`] (the open
//! document's cursor, scroll, view and layout cache, [`layout`]); [`ReaderState::update`] takes
//! an action with a read-only [`ReaderContext`] and returns [`Effect`]s for what belongs to
//! other features (the panel, the status line, the sentence cursor); its drawing is [`view`],
//! which reads only the reader's state and a [`view::ReaderView`]; footnotes are in
//! `footnotes`. Opening, closing and remembering documents is routing (`routing.rs`).

pub mod block_text;
mod footnotes;
pub mod geometry;
pub mod layout;
pub mod state;
pub mod view;

use super::action::Action;
use super::effect::Effect;
use super::reader::state::ReaderState;
use crate::model::Document;
use block_text::PieceKind;

/// What the reader may know of the rest while it updates: read-only.
pub struct ReaderContext<'a> {
    /// The open document.
    pub doc: &'a Document,
    /// Whether the panel sits beside the text (wide screens) rather than taking its place.
    pub wide: bool,
    pub panel_open: bool,
    /// The footnote the panel shows, if any.
    pub selected_footnote: Option<&'a str>,
}

impl ReaderState {
    /// An action while the reader has the focus. Links, search hits and the sentence cursor
    /// are routed to their own features before this; what is left is the reader's.
    pub fn update(&mut self, action: Action, ctx: &ReaderContext<'_>) -> Vec<Effect> {
        match action {
            Action::Up => self.move_cursor(-1),
            Action::Down => self.move_cursor(1),
            Action::ScrollUp => self.scroll_by(-1),
            Action::ScrollDown => self.scroll_by(1),
            Action::PageUp => self.page(false),
            Action::PageDown => self.page(true),
            Action::Top => self.to_top(),
            Action::Bottom => self.to_bottom(),
            Action::CycleView => {
                self.cycle_view();
                let label = self.view.label();
                return vec![Effect::Info(format!("view: {label}")), Effect::ViewChanged];
            }
            Action::Back => return vec![Effect::CloseReader],
            Action::TogglePanel if ctx.wide => return vec![Effect::ShowPanel(!ctx.panel_open)],
            Action::TogglePanel | Action::FocusNext | Action::FocusPrev => {
                return vec![Effect::ShowPanel(true), Effect::FocusPanel(true)];
            }
            Action::NextFootnote => return self.next_footnote(ctx),
            Action::PrevFootnote => return self.prev_footnote(ctx),
            // Enter on a block without a link to follow: its note.
            Action::Open => return self.footnote_of_cursor(ctx),
            _ => {}
        }
        Vec::new()
    }

    /// A click at (`x`, `y`) inside the reader's body: selects the block there; on a footnote
    /// marker, jumps to the footnote; on a sentence, asks for it ([`Effect::SentenceClicked`]).
    pub fn click(&mut self, x: u16, y: u16, ctx: &ReaderContext<'_>) -> Vec<Effect> {
        let Some(row) = self.layout.rows.get(self.scroll + y as usize) else {
            return Vec::new();
        };
        self.cursor = row.block as usize;
        let g = self.layout.geometry;
        let mut footnote = None;
        let mut sentence = None;
        for part in row.parts.iter().flatten() {
            let (px, pw) = g.slot(part.slot);
            if x < px || x >= px + pw {
                continue;
            }
            let Some((laid, line)) = self.layout.text(part) else {
                continue;
            };
            let at = char_under(line, px, x).map(|i| part.range.start as usize + i);
            let Some(at) = at else { continue };
            let stored = block_text::stored_offset(&laid.text, at);
            sentence = Some((laid.block as usize, laid.lang, stored));
            if let Some((_, PieceKind::FootnoteRef { index })) =
                laid.text.pieces_in(at..at + 1).next()
            {
                footnote = laid.text.footnote_ids.get(index as usize).cloned();
            }
        }
        if let Some(id) = footnote {
            self.footnote_clicked(id, ctx)
        } else if let Some((block, lang, at)) = sentence {
            vec![Effect::SentenceClicked { block, lang, at }]
        } else {
            Vec::new()
        }
    }
}

/// The byte offset in `line` (drawn from column `from`) of the character under column `x`, by
/// display width; `None` right of its end. Clicks and mouse selection both read it.
pub fn char_under(line: &str, from: u16, x: u16) -> Option<usize> {
    let mut col = from;
    for (i, c) in line.char_indices() {
        let w = crate::text::wrap::char_width(c) as u16;
        if x < col + w.max(1) {
            return Some(i);
        }
        col += w;
    }
    None
}
