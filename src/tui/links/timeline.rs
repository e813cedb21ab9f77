//! The timeline: every document and every instrument of the registry by date, marked by
//! whether the archive holds its text (● in the archive, ○ known only from mentions). Enter
//! opens a document, or an instrument's text, or its card. Opening sorts one small value per
//! row ([`Timeline`]); only the rows on screen are made and formatted, so a timeline of
//! 100,000 documents draws as fast as one of five.

use super::rows::{draw_paged, page};
use crate::corpus::Corpus;
use crate::corpus::timeline::{Source, Timeline};
use crate::model::ids::BlockNo;
use crate::refs::Target;
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
use std::sync::Arc;

pub struct TimelineOverlay {
    pub timeline: Timeline,
    pub selected: usize,
    /// The corpus the timeline was sorted from, whose heads its rows are made of.
    corpus: Arc<Corpus>,
}

impl TimelineOverlay {
    /// Sorted once when opened, from the corpus the app holds.
    pub fn new(corpus: Arc<Corpus>) -> TimelineOverlay {
        TimelineOverlay {
            timeline: Timeline::new(corpus.documents.heads(), &corpus.registry),
            selected: 0,
            corpus,
        }
    }

    /// How many rows the timeline has.
    pub fn len(&self) -> usize {
        self.timeline.len()
    }

    pub fn is_empty(&self) -> bool {
        self.timeline.is_empty()
    }

    /// What Enter on row `i` asks for; `None` for a document not in the reader's corpus.
    fn open(&self, i: usize) -> Option<Msg> {
        match self.timeline.source(i)? {
            Source::Document(d) => {
                let id = self.corpus.documents.id(d)?;
                let doc = self.corpus.ids().get(id)?;
                Some(Msg::JumpTo {
                    doc,
                    block: BlockNo::FIRST,
                })
            }
            Source::Instrument(n) => Some(Msg::Follow(Target::Instrument(n))),
        }
    }

    /// Entry `i` as a line, made only when it is on screen.
    fn line(&self, i: usize, selected: Style, dim: Style) -> Line<'static> {
        let corpus = &self.corpus;
        let Some(e) = (self.timeline).entry(i, corpus.documents.heads(), &corpus.registry) else {
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
        page(self.len(), self.selected, height, |i| {
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
            Some(Action::Open) => match self.open(self.selected) {
                Some(msg) => Outcome::CloseAndSend(msg),
                // A document not in the reader's corpus: nothing to open, the timeline closes.
                None => Outcome::Close,
            },
            Some(action) => {
                let len = self.len();
                list_keys(action, &mut self.selected, len);
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
            self.len(),
            self.selected,
            |i| self.line(i, selected, dim),
            area,
            buf,
        );
    }
}
