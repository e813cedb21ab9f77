//! The timeline: every document and every instrument of the registry by date, marked by
//! whether the archive holds its text (● in the archive, ○ known only from mentions). Enter
//! opens a document, or an instrument's text, or its card.

use super::card::draw_window;
use crate::refs::timeline::{Entry, Item, timeline};
use crate::text::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::ids::BlockNo;
use crate::tui::keymap::{Key, Keymap, Mode};
use crate::tui::msg::Msg;
use crate::tui::overlay::{Outcome, Overlay, list_keys};
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
    pub fn new(app: &App) -> TimelineOverlay {
        let entries = timeline(app.docs(), &app.corpus.registry);
        let opens = entries
            .iter()
            .map(|e| match &e.item {
                Item::Document(id) => app.find_document(id).map(|doc| Msg::JumpTo {
                    doc,
                    block: BlockNo(1),
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

    fn lines(&self, selected: Style, dim: Style) -> Vec<Line<'static>> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
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
            })
            .collect()
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

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lines = self.lines(
            app.theme.get("panel_selected"),
            app.theme.get("panel_label"),
        );
        draw_window(
            " Timeline — ● in the archive, ○ named only (enter opens) ",
            lines,
            self.selected,
            app,
            area,
            buf,
        );
    }
}
