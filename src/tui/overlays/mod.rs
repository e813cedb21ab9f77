//! The overlays lectern ships with, and the bordered window they are drawn in.

pub mod card;
pub mod help;
pub mod search;
pub mod timeline;

use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

/// Clears a `width` × `height` window centred in `area` (both clamped to it), draws its
/// border and title, and returns the inside to draw into.
pub fn window(
    app: &App,
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
    buf: &mut Buffer,
) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.get("border"))
        .title(title.to_string());
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}
