//! The reader: its keys, clicks, and opening, closing and remembering documents. Its state
//! is [`state::ReaderState`], its layout cache [`layout`], its drawing [`view`]; footnotes are
//! in `footnotes`.

pub mod block_text;
mod footnotes;
pub mod layout;
pub mod state;
pub mod view;

use super::action::Action;
use super::app::App;
use super::focus::{Focus, Screen};
use super::ids::{BlockNo, DocIx};
use super::positions::Position;
use super::reader::state::ReaderState;
use block_text::PieceKind;

impl App {
    /// An action while the reader has the focus.
    pub(super) fn update_reader(&mut self, action: Action) {
        let Some(reader) = self.reader.as_mut() else {
            self.focus = Focus::List;
            return;
        };
        match action {
            Action::Up => reader.move_cursor(-1),
            Action::Down => reader.move_cursor(1),
            Action::ScrollUp => reader.scroll_by(-1),
            Action::ScrollDown => reader.scroll_by(1),
            Action::PageUp => reader.page(false),
            Action::PageDown => reader.page(true),
            Action::Top => reader.to_top(),
            Action::Bottom => reader.to_bottom(),
            Action::CycleView => {
                reader.cycle_view();
                let label = reader.view.label();
                self.status.info(format!("view: {label}"));
                self.link.selected = None;
                self.refresh_link_highlights();
            }
            Action::Back => self.close_reader(),
            Action::TogglePanel => {
                if self.wide() {
                    self.panel.open = !self.panel.open;
                } else {
                    self.panel.open = true;
                    self.focus_panel(true);
                }
            }
            Action::FocusNext | Action::FocusPrev => {
                self.panel.open = true;
                self.focus_panel(true);
            }
            Action::NextFootnote => self.next_footnote(),
            // Enter follows the selected link; on a block without one, shows its note.
            Action::Open if !self.follow_selected_link() => self.footnote_of_cursor(),
            Action::NextLink => self.step_link(true),
            Action::PrevLink => self.step_link(false),
            Action::HistoryBack => self.history_step(true),
            Action::HistoryForward => self.history_step(false),
            Action::Timeline => self.open_timeline(),
            Action::NextHit => self.step_search_hit(true),
            Action::PrevHit => self.step_search_hit(false),
            _ => {}
        }
    }

    /// Opens document `i` of the corpus at its remembered position.
    pub fn open_document(&mut self, i: DocIx) {
        let corpus = std::sync::Arc::clone(&self.corpus);
        let Some(doc) = corpus.documents.get(i.0) else {
            return;
        };
        let opened = self.reader.as_ref().is_none_or(|r| r.doc != i);
        if opened {
            self.save_position();
            let mut reader = ReaderState::open(i, doc);
            if let Some(pos) = self.positions.get(&doc.id) {
                reader.restore_later(BlockNo(pos.block).index(), BlockNo(pos.top).index());
            }
            self.reader = Some(reader);
            let effects = self.parallel.open(i, doc, &corpus.registry);
            self.apply(effects);
            self.panel.scroll = 0;
            self.panel.selected_footnote = None;
        }
        self.screen = Screen::Reader;
        self.focus = Focus::Reader;
        self.panel.focused = false;
        self.after_document_change();
        if opened {
            self.route_notes(|notes, ctx| notes.opened(ctx));
        }
    }

    /// Opens document `i` with the cursor on `block`, shown at the top: for search hits,
    /// cross-references and citations that point into a document.
    pub fn open_at(&mut self, i: DocIx, block: BlockNo) {
        self.open_document(i);
        if let Some(reader) = self.reader.as_mut().filter(|r| r.doc == i) {
            reader.restore_later(block.index(), block.index());
        }
    }

    fn close_reader(&mut self) {
        self.save_position();
        self.screen = Screen::List;
        self.focus = Focus::List;
        self.panel.focused = false;
        // Keep the list's selection on the document just read.
        if let Some(r) = &self.reader
            && let Some(p) = self.list.shown.iter().position(|&d| d == r.doc)
        {
            self.list.selected = p;
            self.list.clamp();
        }
    }

    /// Remembers where the reader is in the open document (and writes it to disk).
    pub fn save_position(&mut self) {
        let Some(reader) = &self.reader else { return };
        if reader.layout.key.is_none() {
            return; // never shown: nothing new to remember
        }
        let Some(doc) = self.corpus.documents.get(reader.doc.0) else {
            return;
        };
        let pos = Position {
            block: BlockNo::from_index(reader.cursor).0,
            top: BlockNo::from_index(reader.top_block()).0,
        };
        if let Err(e) = self.positions.set(&doc.id, pos) {
            self.status
                .error(format!("reading position not saved: {e}"));
        }
    }

    /// A click at (`x`, `y`) inside the reader's body: selects the block there; on a footnote
    /// marker, jumps to the footnote.
    pub(super) fn click_text(&mut self, x: u16, y: u16) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let Some(row) = r.layout.rows.get(r.scroll + y as usize) else {
            return;
        };
        r.cursor = row.block as usize;
        let g = r.layout.geometry;
        let mut footnote = None;
        let mut sentence = None;
        for part in row.parts.iter().flatten() {
            let (px, pw) = g.slot(part.slot);
            if x < px || x >= px + pw {
                continue;
            }
            let Some((laid, line)) = r.layout.text(part) else {
                continue;
            };
            // The character under the click, by display width.
            let mut col = px;
            let mut at = None;
            for (i, c) in line.char_indices() {
                let w = crate::text::wrap::char_width(c) as u16;
                if x < col + w.max(1) {
                    at = Some(part.range.start as usize + i);
                    break;
                }
                col += w;
            }
            let Some(at) = at else { continue };
            let stored = super::parallel::stored_offset(&laid.text, at);
            sentence = Some((laid.block as usize, laid.lang, stored));
            if let Some((_, PieceKind::FootnoteRef { index })) =
                laid.text.pieces_in(at..at + 1).next()
            {
                footnote = laid.text.footnote_ids.get(index as usize).cloned();
            }
        }
        if let Some(id) = footnote {
            self.footnote_clicked(id);
        } else if let Some((block, lang, at)) = sentence {
            let effects = self.parallel.click(block, lang, at, &self.theme);
            self.apply(effects);
        }
    }
}
