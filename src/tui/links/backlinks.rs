//! The backlinks of a document as a window: every mention, in other documents, of the
//! instruments whose text it holds. `b` in the reader or the panel opens it; Enter follows
//! the selected mention (remembered in the link history). Paged like a card: the count is
//! the links' index's, and only the rows on screen are read.

use super::rows::{MentionRow, draw_paged, page};
use crate::corpus::Corpus;
use crate::corpus::MentionList;
use crate::model::ids::DocIx;
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap, Mode};
use crate::tui::msg::Msg;
use crate::tui::overlay::{Outcome, Overlay, OverlayContext, list_keys};
use crate::tui::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use std::sync::Arc;

pub struct BacklinksOverlay {
    /// The backlinks, in registry order of what the document holds, then corpus order.
    pub rows: MentionList,
    pub selected: usize,
    /// The corpus the list was made from, which its positions refer to.
    corpus: Arc<Corpus>,
}

impl BacklinksOverlay {
    pub fn new(corpus: Arc<Corpus>, doc: DocIx) -> BacklinksOverlay {
        BacklinksOverlay {
            rows: MentionList::backlinks(&corpus, doc),
            selected: 0,
            corpus,
        }
    }

    fn line(&self, i: usize, selected: Style) -> Line<'static> {
        let style = if i == self.selected {
            selected
        } else {
            Style::default()
        };
        let corpus = &self.corpus;
        let text = (MentionRow::at(&self.rows, corpus, i))
            .map(|r| r.label(corpus))
            .unwrap_or_default();
        Line::styled(format!("  {text}"), style)
    }

    /// The lines a window with `height` rows inside shows now.
    pub fn page_lines(&self, theme: &Theme, height: usize) -> Vec<Line<'static>> {
        let selected = theme.get("panel_selected");
        page(self.rows.len(), self.selected, height, |i| {
            self.line(i, selected)
        })
    }
}

impl Overlay for BacklinksOverlay {
    fn name(&self) -> &'static str {
        "backlinks"
    }

    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome {
        match keymap.action(Mode::Help, Key::from_event(key)) {
            Some(Action::Back | Action::Quit | Action::Help) => Outcome::Close,
            Some(Action::Open) => match self.rows.get(&self.corpus, self.selected) {
                Some(row) => Outcome::CloseAndSend(Msg::JumpTo {
                    doc: row.doc,
                    block: row.block,
                }),
                None => Outcome::Close,
            },
            Some(action) => {
                list_keys(action, &mut self.selected, self.rows.len());
                Outcome::Consumed
            }
            None => Outcome::Consumed,
        }
    }

    fn draw(&self, ctx: &OverlayContext<'_>, area: Rect, buf: &mut Buffer) {
        let selected = ctx.theme.get("panel_selected");
        let title = format!(
            " Mentioned in {} places elsewhere (enter opens, esc closes) ",
            self.rows.len()
        );
        draw_paged(
            ctx,
            &title,
            self.rows.len(),
            self.selected,
            |i| self.line(i, selected),
            area,
            buf,
        );
    }
}
