//! The timeline: every document and every instrument of the registry by date, marked by
//! whether the archive holds its text (● in the archive, ○ known only from mentions). Enter
//! opens a document, or an instrument's text, or its card.

use super::card::draw_window;
use crate::refs::timeline::{Entry, Item, timeline};
use crate::text::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Key, Keymap, Mode};
use crate::tui::overlay::{Outcome, Overlay};
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

pub struct TimelineOverlay {
    pub entries: Vec<Entry>,
    pub selected: usize,
}

impl TimelineOverlay {
    /// Built once when opened, from the corpus the app holds.
    pub fn new(app: &App) -> TimelineOverlay {
        TimelineOverlay {
            entries: timeline(&app.docs, &app.registry),
            selected: 0,
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
        let last = self.entries.len().saturating_sub(1);
        match keymap.action(Mode::Help, Key::from_event(key)) {
            Some(Action::Back | Action::Quit | Action::Help) => return Outcome::Close,
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::PageDown | Action::Bottom) => self.selected = last,
            Some(Action::PageUp | Action::Top) => self.selected = 0,
            Some(Action::Open) => {
                let Some(entry) = self.entries.get(self.selected) else {
                    return Outcome::Consumed;
                };
                let item = entry.item.clone();
                return Outcome::CloseAndRun(Box::new(move |app: &mut App| match item {
                    Item::Document(id) => {
                        if let Some(doc) = app.find_document(&id) {
                            app.jump_to(doc, 0);
                        }
                    }
                    Item::Registry(target) => app.follow(target),
                }));
            }
            _ => {}
        }
        Outcome::Consumed
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
