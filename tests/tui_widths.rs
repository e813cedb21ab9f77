//! Every seed document in the reader at every width from 20 to 220 columns: no wide glyph
//! in the last column of the screen (a terminal would wrap it into the gutter of the next
//! row), no wide glyph whose second half another pane overwrote, and the panel's border
//! intact on every row it spans.

mod tui_support;

use lectern::tui::layout::areas;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tui_support::*;

fn check(buf: &Buffer, app: &lectern::tui::App, what: &str) {
    let area = buf.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let sym = buf[(x, y)].symbol();
            if unicode_width::UnicodeWidthStr::width(sym) < 2 {
                continue;
            }
            assert!(
                x + 1 < area.width,
                "{what}: wide {sym:?} in the last column at row {y}"
            );
            let next = buf[(x + 1, y)].symbol();
            assert!(
                next.trim().is_empty(),
                "{what}: wide {sym:?} at ({x},{y}) has its second half overwritten by {next:?}"
            );
        }
    }
    let a = areas(
        Rect::new(0, 0, area.width, area.height),
        app.screen,
        app.panel.open,
        app.panel.focused,
    );
    if let Some(p) = a.panel.filter(|p| p.x > 0) {
        for y in p.y..p.bottom() {
            assert_eq!(
                buf[(p.x, y)].symbol(),
                "│",
                "{what}: the panel border at row {y}"
            );
        }
    }
}

#[test]
fn no_cell_leaves_its_column_at_any_width_for_any_seed() {
    let ids: Vec<String> = app().docs().iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids.len(), 5, "the five seeds");
    for id in &ids {
        let mut app = app();
        open(&mut app, id);
        for w in 20..=220u16 {
            for keys in ["", "j", "j j j", "G"] {
                press(&mut app, keys);
                // A fresh terminal each time: the backend keeps stale cells under the second
                // half of a wide glyph, which a real terminal covers.
                let mut term = terminal(w, 40);
                render(&mut app, &mut term);
                check(
                    term.backend().buffer(),
                    &app,
                    &format!("{id} at {w}x40 after {keys:?}"),
                );
            }
            press(&mut app, "g");
        }
    }
}

#[test]
fn the_panel_gives_way_before_the_parallel_text_stacks() {
    use lectern::tui::reader::layout::View;
    for w in 80..=220u16 {
        let (app, _) = reading(PEOPLES_DAILY, w, 40);
        let reader = app.reader.as_ref().unwrap_or_else(|| panic!("open"));
        let view = reader.layout.key.as_ref().map(|k| k.view);
        assert_eq!(view, Some(View::SideBySide), "at {w} columns");
    }
}
