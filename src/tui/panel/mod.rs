//! The notes and source panel: its keys, and its lines, built once per frame in
//! `App::prepare_panel` and measured with the same wrapping the drawing uses, so scrolling
//! stops exactly at the last line. Its state is [`state::PanelState`], its sections
//! [`sections`], its drawing [`view`].

pub mod sections;
pub mod state;
pub mod view;

use super::action::Action;
use super::app::App;
use super::focus::Focus;
use super::ids::BlockNo;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use state::SectionContext;

impl App {
    /// An action while the panel has the focus.
    pub(super) fn update_panel(&mut self, action: Action) {
        let panel = &mut self.panel;
        match action {
            Action::Up => panel.scroll = panel.scroll.saturating_sub(1),
            Action::Down => panel.scroll += 1,
            Action::PageUp => panel.scroll = panel.scroll.saturating_sub(10),
            Action::PageDown => panel.scroll += 10,
            Action::Top => panel.scroll = 0,
            Action::Bottom => panel.scroll = usize::MAX / 2,
            Action::Back | Action::FocusNext | Action::FocusPrev => self.focus_panel(false),
            Action::TogglePanel => {
                if self.wide() {
                    self.panel.open = false;
                }
                self.focus_panel(false);
            }
            Action::NextFootnote => self.next_footnote(),
            Action::Open => {
                // Back to the text, at the block the selected note belongs to.
                let block = self.panel.selected_footnote.as_ref().and_then(|id| {
                    self.document()?
                        .footnotes
                        .iter()
                        .find(|f| &f.id == id)
                        .map(|f| BlockNo(f.block))
                });
                if let (Some(block), Some(reader)) = (block, self.reader.as_mut()) {
                    reader.cursor = block.index();
                    reader.reveal_cursor();
                }
                self.focus_panel(false);
            }
            _ => {}
        }
    }

    /// Whether the panel sits beside the text (wide screens) rather than taking its place.
    pub(super) fn wide(&self) -> bool {
        super::layout::panel_beside(self.size)
    }

    pub(super) fn focus_panel(&mut self, on: bool) {
        self.panel.focused = on;
        self.focus = if on { Focus::Panel } else { Focus::Reader };
    }

    /// Builds the panel's lines for this frame (in `area`, when the panel shows) and keeps
    /// its scroll within them.
    pub(super) fn prepare_panel(&mut self, area: Option<Rect>) {
        let Some(area) = area else {
            self.panel.lines.clear();
            return;
        };
        let lines = self.panel_lines();
        let inner = view::inner(area);
        let rows = view::paragraph(lines.clone()).line_count(inner.width);
        self.panel.lines = lines;
        self.panel.scroll = self
            .panel
            .scroll
            .min(rows.saturating_sub(inner.height as usize));
    }

    /// Every section with something to say, under its title.
    fn panel_lines(&self) -> Vec<Line<'static>> {
        let (Some(reader), Some(doc)) = (&self.reader, self.document()) else {
            return Vec::new();
        };
        let t = &self.theme;
        let ctx = SectionContext {
            doc,
            visible: reader.layout.visible_blocks(reader.scroll, reader.height),
            cursor: reader.cursor,
            article_block: reader.article_block(),
            selected_footnote: self.panel.selected_footnote.as_deref(),
            theme: t,
        };
        let mut lines: Vec<Line<'static>> = Vec::new();
        for section in self.panel.sections() {
            let body = section.lines(&ctx);
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
