//! The `?` window: the keys of the pane below it, generated from the keymap so it always
//! shows the keys that really work.

use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::overlay::{Outcome, Overlay, OverlayContext};
use crate::tui::styled_wrap::{line_width, wrap_lines};
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub struct HelpOverlay {
    /// The mode whose keys are listed (where the user was).
    pub mode: Mode,
    pub scroll: usize,
    /// The furthest `scroll` can go, from the last frame (the lines wrap to its width).
    max_scroll: std::cell::Cell<usize>,
}

impl HelpOverlay {
    pub fn new(mode: Mode) -> HelpOverlay {
        HelpOverlay {
            mode,
            scroll: 0,
            max_scroll: std::cell::Cell::new(usize::MAX),
        }
    }

    /// `keys  description` lines for the mode, then the global keys.
    pub fn lines(&self, keymap: &Keymap, key_style: ratatui::style::Style) -> Vec<Line<'static>> {
        let mut out = Vec::new();
        let mut sections = vec![(self.mode, keymap.reverse(self.mode))];
        if self.mode == Mode::Reader {
            sections.push((Mode::Select, keymap.reverse(Mode::Select)));
        }
        if self.mode != Mode::Filter {
            sections.push((Mode::Global, keymap.reverse(Mode::Global)));
        }
        for (mode, bindings) in sections {
            if !out.is_empty() {
                out.push(Line::default());
            }
            out.push(Line::from(format!("{}:", heading(mode))));
            for (action, keys) in bindings {
                let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
                out.push(Line::from(vec![
                    Span::styled(format!("  {:<22}", keys.join(" ")), key_style),
                    Span::raw(action.describe()),
                ]));
            }
            if mode == self.mode && matches!(mode, Mode::List | Mode::Reader) {
                // The list and the header mark a date the corpus works out (`list::view`).
                out.push(Line::from(vec![
                    Span::styled(format!("  {:<22}", "date?  (1956?)"), key_style),
                    Span::raw("a date inferred: the source states none (reason in the panel)"),
                ]));
            }
        }
        if self.mode == Mode::Filter {
            out.push(Line::from("  other keys type into the filter"));
        }
        out
    }
}

fn heading(mode: Mode) -> &'static str {
    match mode {
        Mode::Global => "Everywhere",
        Mode::List => "Document list",
        Mode::Filter => "Filter",
        Mode::Reader => "Reader",
        Mode::Panel => "Notes and source panel",
        Mode::Help => "Help",
        Mode::Select => "While selecting (after select)",
    }
}

impl Overlay for HelpOverlay {
    fn name(&self) -> &'static str {
        "help"
    }

    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome {
        let key = crate::tui::keymap::Key::from_event(key);
        self.scroll = self.scroll.min(self.max_scroll.get());
        match keymap.action(Mode::Help, key) {
            Some(Action::Back | Action::Help | Action::Quit) => Outcome::Close,
            Some(Action::Down) => {
                self.scroll += 1;
                Outcome::Consumed
            }
            Some(Action::Up) => {
                self.scroll = self.scroll.saturating_sub(1);
                Outcome::Consumed
            }
            Some(Action::PageDown) => {
                self.scroll += 10;
                Outcome::Consumed
            }
            Some(Action::PageUp) => {
                self.scroll = self.scroll.saturating_sub(10);
                Outcome::Consumed
            }
            Some(Action::Top) => {
                self.scroll = 0;
                Outcome::Consumed
            }
            Some(Action::Bottom) => {
                self.scroll = self.max_scroll.get();
                Outcome::Consumed
            }
            // A modal window: other keys do nothing rather than act unseen beneath it.
            _ => Outcome::Consumed,
        }
    }

    fn draw(&self, ctx: &OverlayContext<'_>, area: Rect, buf: &mut Buffer) {
        let lines = self.lines(ctx.keymap, ctx.theme.get("help_key"));
        // As wide as the longest line, up to the screen; lines wider than that wrap.
        let widest = lines.iter().map(line_width).max().unwrap_or(0);
        let width = (widest as u16).saturating_add(2).min(area.width);
        let lines = wrap_lines(&lines, width.saturating_sub(2).max(1));
        let height = (lines.len() as u16).saturating_add(2);
        let inner =
            crate::tui::overlay::window(ctx.theme, area, width, height, " Keys (esc closes) ", buf);
        let max = lines.len().saturating_sub(inner.height as usize);
        self.max_scroll.set(max);
        let scroll = self.scroll.min(max);
        let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
        Paragraph::new(shown).render(inner, buf);
    }
}
