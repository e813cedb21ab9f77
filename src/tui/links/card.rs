//! A card for an instrument or entity of the registry: its names in every language, its
//! dates, parties and relations, its facts, each with the document and block that states it,
//! and every place the archive mentions it. Enter on a mention opens it there. The mentions
//! are a [`MentionList`]: counted from the links' index, and only the rows on screen are read
//! and formatted.

use super::rows::{MentionRow, draw_paged, page};
use crate::corpus::Corpus;
use crate::corpus::MentionList;
use crate::refs::Target;
use crate::text::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap, Mode};
use crate::tui::msg::Msg;
use crate::tui::overlay::{Outcome, Overlay, OverlayContext, list_keys};
use crate::tui::styled_wrap::wrap_line;
use crate::tui::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::sync::Arc;

/// The widest a fact's line runs before it wraps.
const FACT_MEASURE: u16 = 98;

pub struct CardOverlay {
    pub target: Target,
    /// The corpus the card was made from, which its list positions refer to.
    corpus: Arc<Corpus>,
    title: String,
    /// Facts and names, computed once when the card opens.
    facts: Vec<(String, String)>,
    mentions: MentionList,
    pub selected: usize,
}

impl CardOverlay {
    pub fn new(corpus: Arc<Corpus>, target: Target) -> CardOverlay {
        let reg = &corpus.registry;
        let mut facts = Vec::new();
        for (lang, names) in reg.names_of(target) {
            facts.push((lang.code().to_string(), names.join(" · ")));
        }
        facts.extend(crate::refs::card::facts(reg, target));
        let mentions = MentionList::of_target(&corpus, target);
        CardOverlay {
            target,
            title: reg.target_name(target).to_string(),
            facts,
            mentions,
            selected: 0,
            corpus,
        }
    }

    pub fn mention_count(&self) -> usize {
        self.mentions.len()
    }

    /// The facts as lines wrapped to `width` cells: a long reason (an inferred date's) is
    /// read whole, not cut at the window's edge.
    fn fact_lines(&self, label: Style, width: u16) -> Vec<Line<'static>> {
        (self.facts.iter())
            .flat_map(|(k, v)| {
                let line = Line::from(vec![
                    Span::styled(format!("{k}: "), label),
                    Span::raw(sanitize(v).into_owned()),
                ]);
                wrap_line(&line, width)
            })
            .collect()
    }

    /// Every line of the card: the facts, a blank line, a heading, one line per mention.
    fn total(&self, facts: &[Line<'static>]) -> usize {
        facts.len() + 2 + self.mentions.len()
    }

    /// Line `i` of the card, made only when it is on screen.
    fn line(
        &self,
        i: usize,
        facts: &[Line<'static>],
        label: Style,
        selected: Style,
    ) -> Line<'static> {
        let f = facts.len();
        if let Some(line) = facts.get(i) {
            return line.clone();
        }
        if i == f {
            return Line::default();
        }
        if i == f + 1 {
            return Line::styled(
                format!("Mentioned in ({}) — enter opens:", self.mentions.len()),
                label,
            );
        }
        let m = i - f - 2;
        let style = if m == self.selected {
            selected
        } else {
            Style::default()
        };
        let corpus = &self.corpus;
        let text = (MentionRow::at(&self.mentions, corpus, m))
            .map(|r| r.label(corpus))
            .unwrap_or_default();
        Line::styled(format!("  {text}"), style)
    }

    /// The lines a window with `height` rows inside shows now: a page, never the whole list.
    pub fn page_lines(&self, theme: &Theme, height: usize) -> Vec<Line<'static>> {
        let (label, selected) = (theme.get("panel_label"), theme.get("panel_selected"));
        let facts = self.fact_lines(label, u16::MAX);
        let keep = facts.len() + 2 + self.selected;
        page(self.total(&facts), keep, height, |i| {
            self.line(i, &facts, label, selected)
        })
    }
}

impl Overlay for CardOverlay {
    fn name(&self) -> &'static str {
        "card"
    }

    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome {
        match keymap.action(Mode::Help, Key::from_event(key)) {
            Some(Action::Back | Action::Quit | Action::Help) => Outcome::Close,
            Some(Action::Open) => match self.mentions.get(&self.corpus, self.selected) {
                Some(row) => Outcome::CloseAndSend(Msg::JumpTo {
                    doc: row.doc,
                    block: row.block,
                }),
                None => Outcome::Consumed,
            },
            Some(action) => {
                list_keys(action, &mut self.selected, self.mentions.len());
                Outcome::Consumed
            }
            None => Outcome::Consumed,
        }
    }

    fn draw(&self, ctx: &OverlayContext<'_>, area: Rect, buf: &mut Buffer) {
        let (label, selected) = (
            ctx.theme.get("panel_label"),
            ctx.theme.get("panel_selected"),
        );
        // Facts wrap at a readable measure, inside the screen.
        let facts = self.fact_lines(label, area.width.saturating_sub(2).min(FACT_MEASURE));
        draw_paged(
            ctx,
            &format!(" {} ", sanitize(&self.title)),
            self.total(&facts),
            facts.len() + 2 + self.selected,
            |i| self.line(i, &facts, label, selected),
            area,
            buf,
        );
    }
}
