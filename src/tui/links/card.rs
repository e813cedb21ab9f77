//! A card for an instrument or entity of the registry: its names in every language, its
//! dates, parties and relations, its facts, each with the document and block that states it,
//! and every place the archive mentions it. Enter on a mention opens it there.

use crate::refs::Target;
use crate::text::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::ids::{BlockNo, DocIx};
use crate::tui::keymap::{Key, Keymap, Mode};
use crate::tui::msg::Msg;
use crate::tui::overlay::{Outcome, Overlay, list_keys};
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub struct CardOverlay {
    pub target: Target,
    title: String,
    /// Facts and names, computed once when the card opens.
    facts: Vec<(String, String)>,
    /// Mentions: (document, block, label).
    mentions: Vec<(DocIx, BlockNo, String)>,
    pub selected: usize,
}

impl CardOverlay {
    pub fn new(app: &App, target: Target) -> CardOverlay {
        let reg = &app.corpus.registry;
        let mut facts = Vec::new();
        for (lang, names) in reg.names_of(target) {
            facts.push((lang.code().to_string(), names.join(" · ")));
        }
        facts.extend(crate::refs::card::facts(reg, target));
        let mentions = app
            .corpus
            .links
            .of_target(target)
            .filter_map(|m| {
                let doc = app.find_document(&m.doc)?;
                let words = crate::refs::mentions::words(app.doc(doc), m)?;
                Some((
                    doc,
                    BlockNo(m.block),
                    format!("{}  ¶{} {}  “{}”", m.doc, m.block, m.lang, words),
                ))
            })
            .collect();
        CardOverlay {
            target,
            title: reg.target_name(target).to_string(),
            facts,
            mentions,
            selected: 0,
        }
    }

    pub fn mention_count(&self) -> usize {
        self.mentions.len()
    }

    fn lines(&self, label: Style, selected: Style) -> Vec<Line<'static>> {
        let mut out: Vec<Line<'static>> = self
            .facts
            .iter()
            .map(|(k, v)| {
                Line::from(vec![
                    Span::styled(format!("{k}: "), label),
                    Span::raw(sanitize(v).into_owned()),
                ])
            })
            .collect();
        out.push(Line::default());
        out.push(Line::styled(
            format!("Mentioned in ({}) — enter opens:", self.mentions.len()),
            label,
        ));
        for (i, (_, _, text)) in self.mentions.iter().enumerate() {
            let style = if i == self.selected {
                selected
            } else {
                Style::default()
            };
            out.push(Line::styled(format!("  {}", sanitize(text)), style));
        }
        out
    }
}

impl Overlay for CardOverlay {
    fn name(&self) -> &'static str {
        "card"
    }

    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome {
        match keymap.action(Mode::Help, Key::from_event(key)) {
            Some(Action::Back | Action::Quit | Action::Help) => Outcome::Close,
            Some(Action::Open) => match self.mentions.get(self.selected) {
                Some(&(doc, block, _)) => Outcome::CloseAndSend(Msg::JumpTo { doc, block }),
                None => Outcome::Consumed,
            },
            Some(action) => {
                list_keys(action, &mut self.selected, self.mentions.len());
                Outcome::Consumed
            }
            None => Outcome::Consumed,
        }
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lines = self.lines(
            app.theme.get("panel_label"),
            app.theme.get("panel_selected"),
        );
        draw_window(
            &format!(" {} ", sanitize(&self.title)),
            lines,
            self.facts.len() + 2 + self.selected,
            app,
            area,
            buf,
        );
    }
}

/// A centred bordered window holding `lines`, scrolled so that line `keep` is visible.
pub fn draw_window(
    title: &str,
    lines: Vec<Line<'static>>,
    keep: usize,
    app: &App,
    area: Rect,
    buf: &mut Buffer,
) {
    if area.width < 4 || area.height < 3 {
        return;
    }
    let height = lines.len() as u16 + 2;
    let inner = crate::tui::overlay::window(app, area, 100, height, title, buf);
    let h = inner.height as usize;
    let scroll = keep
        .saturating_sub(h.saturating_sub(1))
        .min(lines.len().saturating_sub(h));
    Paragraph::new(lines)
        .scroll((scroll as u16, 0))
        .render(inner, buf);
}
