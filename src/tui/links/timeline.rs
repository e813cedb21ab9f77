//! The timeline: every document and every instrument of the registry by date, marked by
//! whether the archive holds its text (● in the archive, ○ known only from mentions). Enter
//! opens a document, or an instrument's text, or its card. Only the rows on screen are
//! formatted, so a timeline of 100,000 documents draws as fast as one of five.

use super::rows::{draw_paged, page};
use crate::corpus::Corpus;
use crate::corpus::timeline::{Entry, Item, timeline};
use crate::model::ids::{BlockNo, DocIds};
use crate::text::sanitize::sanitize;
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

pub struct TimelineOverlay {
    pub entries: Vec<Entry>,
    pub selected: usize,
    /// What Enter on each entry asks for, resolved once when the timeline opens.
    opens: Vec<Option<Msg>>,
}

impl TimelineOverlay {
    /// Built once when opened, from the corpus the app holds.
    pub fn new(corpus: &Corpus, ids: &DocIds) -> TimelineOverlay {
        let entries = timeline(corpus.documents.heads(), &corpus.registry);
        let opens = entries
            .iter()
            .map(|e| match &e.item {
                Item::Document(id) => ids.get(id).map(|doc| Msg::JumpTo {
                    doc,
                    block: BlockNo::FIRST,
                }),
                Item::Registry(target) => Some(Msg::Follow(*target)),
            })
            .collect();
        TimelineOverlay {
            entries,
            selected: 0,
            opens,
        }
    }

    /// Entry `i` as a line, made only when it is on screen.
    fn line(&self, i: usize, selected: Style, dim: Style) -> Line<'static> {
        let Some(e) = self.entries.get(i) else {
            return Line::default();
        };
        let date = e
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        let mark = if e.in_archive { "●" } else { "○" };
        let inferred = if e.inferred.is_some() {
            " (inferred)"
        } else {
            ""
        };
        let text = format!(
            "{date:<10} {mark} {:<12} {}{inferred}",
            e.kind,
            sanitize(&e.label)
        );
        let style = if i == self.selected {
            selected
        } else if e.in_archive {
            Style::default()
        } else {
            dim
        };
        Line::styled(text, style)
    }

    /// The lines a window with `height` rows inside shows now: a page, never the whole list.
    pub fn page_lines(&self, theme: &Theme, height: usize) -> Vec<Line<'static>> {
        let (selected, dim) = (theme.get("panel_selected"), theme.get("panel_label"));
        page(self.entries.len(), self.selected, height, |i| {
            self.line(i, selected, dim)
        })
    }
}

impl Overlay for TimelineOverlay {
    fn name(&self) -> &'static str {
        "timeline"
    }

    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome {
        match keymap.action(Mode::Help, Key::from_event(key)) {
            Some(Action::Back | Action::Quit | Action::Help) => Outcome::Close,
            Some(Action::Open) => match self.opens.get_mut(self.selected).and_then(Option::take) {
                Some(msg) => Outcome::CloseAndSend(msg),
                // A document not in the reader's corpus: nothing to open, the timeline closes.
                None => Outcome::Close,
            },
            Some(action) => {
                list_keys(action, &mut self.selected, self.entries.len());
                Outcome::Consumed
            }
            None => Outcome::Consumed,
        }
    }

    fn draw(&self, ctx: &OverlayContext<'_>, area: Rect, buf: &mut Buffer) {
        let (selected, dim) = (
            ctx.theme.get("panel_selected"),
            ctx.theme.get("panel_label"),
        );
        draw_paged(
            ctx,
            " Timeline — ● in the archive, ○ named only (enter opens) ",
            self.entries.len(),
            self.selected,
            |i| self.line(i, selected, dim),
            area,
            buf,
        );
    }
}
