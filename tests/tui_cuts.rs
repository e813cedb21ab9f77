//! Text too long for its place wraps where there is room and ends with "…" where there is
//! none: never cut mid-word without a mark (help, timeline, cards, list and header titles).

mod tui_support;

use lectern::tui::keymap::Mode;
use tui_support::*;

fn screen(term: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    rows(term).join("\n")
}

/// The screen's rows with spaces and the window's borders squeezed out, joined: wrapped
/// text reads as one string.
fn flat(term: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    rows(term)
        .iter()
        .map(|r| r.trim_matches(|c: char| c == ' ' || c == '│').to_string())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn help_is_as_wide_as_its_lines_and_g_reaches_its_last_line() {
    let (mut app, mut term) = reading(TREATY, 200, 60);
    press(&mut app, "?");
    render(&mut app, &mut term);
    let shown = screen(&term);
    let first = app.keymap.reverse(Mode::Reader);
    for (action, _) in first.iter().take(20) {
        assert!(
            shown.contains(action.describe()),
            "{}\n{shown}",
            action.describe()
        );
    }
    // At 80×24 the lines wrap, and G shows the very last one (the last global key).
    let mut term = terminal(80, 24);
    render(&mut app, &mut term);
    press(&mut app, "G");
    render(&mut app, &mut term);
    let globals = app.keymap.reverse(Mode::Global);
    let (last, _) = globals.last().unwrap_or_else(|| panic!("global keys"));
    assert!(flat(&term).contains(last.describe()), "{}", screen(&term));
    // and g the first.
    press(&mut app, "g");
    render(&mut app, &mut term);
    assert!(screen(&term).contains("Reader:"), "{}", screen(&term));
}

#[test]
fn timeline_titles_show_whole_at_200_columns_and_end_with_an_ellipsis_at_80() {
    let mut app = app();
    let entries =
        lectern::corpus::timeline::timeline(app.corpus.documents.heads(), &app.corpus.registry);
    let mut term = terminal(200, 60);
    render(&mut app, &mut term);
    press(&mut app, "t");
    render(&mut app, &mut term);
    let shown = screen(&term);
    for e in entries.iter().take(50) {
        // Whole when it fits the screen (the window had been 100 columns wide), else cut
        // with a mark.
        let whole = shown.contains(&e.label);
        let start: String = e.label.chars().take(40).collect();
        let marked = rows(&term)
            .iter()
            .any(|r| r.contains(&start) && r.contains('…'));
        assert!(
            whole || (e.label.len() > 170 && marked),
            "{}\n{shown}",
            e.label
        );
    }
    let mut term = terminal(80, 24);
    render(&mut app, &mut term);
    let cut = rows(&term).iter().filter(|r| r.contains('…')).count();
    assert!(cut > 0, "{}", screen(&term));
    // Every row of the window ends at its border, whole or with "…".
    for r in rows(&term) {
        if let Some(inner) = r.trim().strip_prefix('│') {
            let inner = inner.trim_end_matches('│').trim_end();
            let whole = entries.iter().any(|e| inner.ends_with(e.label.as_str()));
            assert!(
                whole || inner.ends_with('…') || inner.ends_with("(inferred)"),
                "{inner}"
            );
        }
    }
}

#[test]
fn a_card_wraps_an_inferred_dates_reason_instead_of_cutting_it() {
    for (w, h) in [(200, 50), (80, 24)] {
        let mut app = app();
        let mut term = terminal(w, h);
        render(&mut app, &mut term);
        // The first timeline entry is the 1949 agreement, dated by inference.
        press(&mut app, "t enter");
        render(&mut app, &mut term);
        assert_eq!(app.overlays.top_name(), Some("card"));
        let text = flat(&term);
        assert!(
            text.contains("marks March 17 as the day that opened the new chapter (block 1)"),
            "{w}×{h}\n{}",
            screen(&term)
        );
    }
}

#[test]
fn list_and_header_titles_too_long_for_the_row_end_with_an_ellipsis() {
    let mut app = app();
    let mut term = terminal(80, 24);
    render(&mut app, &mut term);
    let row = rows(&term)
        .into_iter()
        .find(|r| r.contains("Joint Communiqué"))
        .unwrap_or_else(|| panic!("{}", screen(&term)));
    assert!(row.trim_end().ends_with('…'), "{row}");
    open(&mut app, PEOPLES_DAILY);
    render(&mut app, &mut term);
    let header = rows(&term).remove(0);
    assert!(header.trim_end().ends_with('…'), "{header}");
}
