//! The notes and source panel: its sections, one after another, each under its title.

use crate::tui::app::App;
use crate::tui::state::panel::SectionContext;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let (Some(reader), Some(doc)) = (&app.reader, app.document()) else {
        return;
    };
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
    block.render(area, buf);
    let ctx = SectionContext {
        doc,
        visible: reader.layout.visible_blocks(reader.scroll, reader.height),
        cursor: reader.cursor,
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
    // Scrolling stops at the last line (an estimate of wrapped rows is enough for that).
    let w = inner.width.max(1) as usize;
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(w).max(1)).sum();
    let scroll = app
        .panel
        .scroll
        .min(rows.saturating_sub(inner.height as usize));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll.min(u16::MAX as usize) as u16, 0))
        .render(inner, buf);
}
