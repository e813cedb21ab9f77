//! Draws the panel: the lines `Panel::prepare` built and wrapped for this frame, inside
//! a border on the side that faces the text.

use super::Panel;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

fn border(area: Rect) -> Block<'static> {
    Block::default().borders(if area.x > 0 {
        Borders::LEFT
    } else {
        Borders::TOP
    })
}

/// The area inside the panel's border.
pub fn inner(area: Rect) -> Rect {
    border(area).inner(area)
}

pub fn draw(panel: &Panel, t: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let style = if panel.focused {
        t.get("panel_border_focused")
    } else {
        t.get("panel_border")
    };
    border(area).border_style(style).render(area, buf);
    let scroll = panel.scroll.min(u16::MAX as usize) as u16;
    // `Panel::prepare` wrapped the lines to this width.
    Paragraph::new(panel.lines.clone())
        .scroll((scroll, 0))
        .render(inner(area), buf);
}
