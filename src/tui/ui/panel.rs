//! The notes and source panel: its sections, one after another, each under its title.

use crate::tui::app::App;
use crate::tui::state::panel::SectionContext;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

/// The area inside the panel's border.
fn frame(app: &App, area: Rect) -> (Block<'static>, Rect) {
    let t = &app.theme;
    let border = if app.panel.focused {
        t.get("panel_border_focused")
    } else {
        t.get("panel_border")
    };
    let block = Block::default()
        .borders(if area.x > 0 {
            Borders::LEFT
        } else {
            Borders::TOP
        })
        .border_style(border);
    let inner = block.inner(area);
    (block, inner)
}

/// The panel's lines: every section with something to say, under its title.
fn content(app: &App) -> Vec<Line<'static>> {
    let (Some(reader), Some(doc)) = (&app.reader, app.document()) else {
        return Vec::new();
    };
    let t = &app.theme;
    let ctx = SectionContext {
        doc,
        visible: reader.layout.visible_blocks(reader.scroll, reader.height),
        cursor: reader.cursor,
        article_block: reader.article_block(),
        selected_footnote: app.panel.selected_footnote.as_deref(),
        theme: t,
    };
    let mut lines: Vec<Line<'static>> = Vec::new();
    for section in app.panel.sections() {
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

/// Rows the lines take when wrapped to `width` (an estimate: enough to stop scrolling at
/// the end).
fn rows(lines: &[Line<'_>], width: u16) -> usize {
    let w = width.max(1) as usize;
    lines.iter().map(|l| l.width().div_ceil(w).max(1)).sum()
}

/// The panel's inner area and how many rows its content takes there.
pub fn measure(app: &App, area: Rect) -> (Rect, usize) {
    let (_, inner) = frame(app, area);
    (inner, rows(&content(app), inner.width))
}

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let (block, inner) = frame(app, area);
    block.render(area, buf);
    let lines = content(app);
    let scroll = app
        .panel
        .scroll
        .min(rows(&lines, inner.width).saturating_sub(inner.height as usize));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll.min(u16::MAX as usize) as u16, 0))
        .render(inner, buf);
}
