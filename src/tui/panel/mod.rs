//! The notes and source panel, a component: its state ([`state::Panel`]), its update
//! ([`Panel::update`]), its lines (built once per frame in [`Panel::prepare`] and measured with
//! the same wrapping the drawing uses, so scrolling stops exactly at the last line), its
//! sections ([`sections`]) and its drawing ([`view`]). Focus and the reader's cursor belong to
//! others: the panel asks for them with [`Effect`]s.

pub mod sections;
pub mod state;
pub mod view;

pub use state::Panel;

use super::action::Action;
use super::effect::Effect;
use super::theme::Theme;
use crate::model::Document;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use state::SectionContext;

impl Panel {
    /// An action while the panel has the focus. `wide`: the panel sits beside the text;
    /// `doc`: the open document.
    pub fn update(&mut self, action: Action, wide: bool, doc: Option<&Document>) -> Vec<Effect> {
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll += 1,
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll += 10,
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = usize::MAX / 2,
            Action::Back | Action::FocusNext | Action::FocusPrev => {
                return vec![Effect::FocusPanel(false)];
            }
            Action::TogglePanel => {
                if wide {
                    self.open = false;
                }
                return vec![Effect::FocusPanel(false)];
            }
            Action::NextFootnote => return vec![Effect::NextFootnote],
            Action::PrevFootnote => return vec![Effect::PrevFootnote],
            Action::Open => {
                // Back to the text, at the block the selected note belongs to.
                let block = self
                    .selected_footnote
                    .as_ref()
                    .and_then(|id| doc?.footnotes.iter().find(|f| &f.id == id).map(|f| f.block));
                let mut effects: Vec<Effect> = block.map(Effect::MoveCursor).into_iter().collect();
                effects.push(Effect::FocusPanel(false));
                return effects;
            }
            _ => {}
        }
        Vec::new()
    }

    /// Shows the footnote `id` from its top (the reader moved to its block).
    pub fn show_footnote(&mut self, id: String) {
        self.selected_footnote = Some(id);
        self.open = true;
        self.scroll = 0;
    }

    /// Builds the panel's lines for this frame (in `area`, when the panel shows; `ctx` when a
    /// document is open) and keeps its scroll within them.
    pub fn prepare(&mut self, area: Option<Rect>, ctx: Option<&SectionContext<'_>>) {
        let Some(area) = area else {
            self.lines.clear();
            return;
        };
        let lines = ctx.map(|ctx| self.build_lines(ctx)).unwrap_or_default();
        let inner = view::inner(area);
        // Wrapped here, one row a line, so scrolling and drawing count the same rows; at word
        // boundaries, a word too long for the panel cut with "…".
        self.lines = crate::tui::styled_wrap::wrap_lines_whole_words(&lines, inner.width);
        let rows = self.lines.len();
        self.scroll = self.scroll.min(rows.saturating_sub(inner.height as usize));
    }

    /// Every section with something to say, under its title.
    fn build_lines(&self, ctx: &SectionContext<'_>) -> Vec<Line<'static>> {
        let t: &Theme = ctx.theme;
        let mut lines: Vec<Line<'static>> = Vec::new();
        for section in self.sections() {
            let body = section.lines(ctx);
            if body.is_empty() {
                continue;
            }
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.push(Line::from(Span::styled(
                section.title(),
                t.get("panel_heading"),
            )));
            lines.extend(body);
        }
        lines
    }
}
