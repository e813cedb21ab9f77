//! Typography of the reader: the columns of a parallel text balanced by how much text each
//! language holds, and no line longer than the measure on wide screens.

mod tui_support;

use lectern::model::Lang;
use lectern::text::wrap::str_width;
use lectern::tui::reader::layout::{ReaderLayout, Slot};
use tui_support::*;

const JOURNAL: &str = "1960-09-14-journal-soviet-ambassador-dprk";

/// Rows with text in the left and in the right column, over the whole document.
fn column_heights(layout: &ReaderLayout) -> (usize, usize) {
    let has = |slot: Slot| {
        (layout.rows.iter())
            .filter(|r| r.parts.iter().flatten().any(|p| p.slot == slot))
            .count()
    };
    (has(Slot::Left), has(Slot::Right))
}

#[test]
fn the_chinese_column_is_narrower_and_both_columns_end_near_the_same_height() {
    for w in [80u16, 100, 120, 160, 200, 220] {
        let (app, _) = reading(PEOPLES_DAILY, w, 40);
        let reader = app.reader.as_ref().unwrap_or_else(|| panic!("open"));
        assert_eq!(reader.pair, [Lang::Zh, Lang::En]);
        let g = reader.layout.geometry;
        assert!(
            g.left.1 < g.right.1,
            "at {w}: Chinese {} cells, English {}",
            g.left.1,
            g.right.1
        );
        let (zh, en) = column_heights(&reader.layout);
        // Both columns of every block wrap to about the same number of lines: a few rows of
        // difference over the document (each block's last line is part-filled on both sides).
        let tolerance = (zh.max(en) / 8).max(3);
        assert!(
            zh.abs_diff(en) <= tolerance,
            "at {w}: Chinese {zh} rows, English {en} rows (columns {} | {})",
            g.left.1,
            g.right.1
        );
    }
}

#[test]
fn no_line_is_longer_than_the_measure_and_the_text_is_centred_on_a_wide_screen() {
    let mut app = app();
    open(&mut app, JOURNAL);
    // The panel closed: the whole 200 columns are the reader's.
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    press(&mut app, "p");
    render(&mut app, &mut term);
    assert!(!app.panel.open);
    let reader = app.reader.as_ref().unwrap_or_else(|| panic!("open"));
    let layout = &reader.layout;
    let mut longest = 0;
    for row in &layout.rows {
        for part in row.parts.iter().flatten() {
            let (_, line) = layout.text(part).unwrap_or_else(|| panic!("in range"));
            longest = longest.max(str_width(line));
        }
    }
    assert!(
        (80..=90).contains(&longest),
        "the journal's lines fill the measure of 90 and no more: {longest}"
    );
    let g = layout.geometry;
    let right_margin = 200 - (g.full.0 + g.full.1);
    assert!(g.margin.abs_diff(right_margin) <= 1, "centred: {g:?}");
    insta::assert_snapshot!("reader_journal_no_panel_200x50", term.backend());
}

#[test]
fn the_parallel_text_balances_under_the_measure_on_a_very_wide_screen() {
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    let mut term = terminal(260, 40);
    render(&mut app, &mut term);
    press(&mut app, "p");
    render(&mut app, &mut term);
    assert!(!app.panel.open);
    let reader = app.reader.as_ref().unwrap_or_else(|| panic!("open"));
    let g = reader.layout.geometry;
    assert_eq!(g.right.1, 90, "English at the measure: {g:?}");
    assert!(g.left.1 < g.right.1 && g.left.1 >= 45, "{g:?}");
    let (zh, en) = column_heights(&reader.layout);
    assert!(zh.abs_diff(en) <= (zh.max(en) / 8).max(3), "{zh} {en}");
}
