//! One spelling of a pinpoint on screen (`¶9`): the panel, the status line, the copy message
//! and the backlinks window all write a block number the same way, whatever the citation
//! style writes inside the citation itself ("para 1" in OSCOLA).

mod tui_support;

use ratatui::layout::Rect;
use tui_support::*;

/// The text of `area` on screen, row by row, wide characters once.
fn text_of(term: &ratatui::Terminal<ratatui::backend::TestBackend>, area: Rect) -> String {
    let all = rows(term);
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let row: String = all[y as usize].chars().collect();
        // Columns are cells; count them by display width.
        let mut col = 0u16;
        for c in row.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) as u16;
            if col >= area.left() && col < area.right() {
                out.push(c);
            }
            col += w.max(1);
        }
        out.push('\n');
    }
    out
}

/// Every pinpoint spelling on `screen`: the `¶` with what follows it up to the digits.
fn spellings(screen: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in screen.match_indices('¶') {
        let rest = &screen[i..];
        let end = rest
            .char_indices()
            .skip(1)
            .find(|(_, c)| c.is_ascii_digit())
            .map_or(rest.len(), |(j, _)| j + 1);
        out.push(rest[..end].to_string());
    }
    out
}

#[test]
fn panel_status_line_and_backlinks_spell_a_pinpoint_the_same_way() {
    let mut app = app();
    app.citation.copier = osc52_only();
    open(&mut app, TREATY);
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    press(&mut app, "y");
    render(&mut app, &mut term);
    let a = app.areas();
    let panel = text_of(
        &term,
        a.panel.unwrap_or_else(|| panic!("the panel is beside")),
    );
    let status = text_of(&term, a.status);
    press(&mut app, "b");
    render(&mut app, &mut term);
    let backlinks = rows(&term).join("\n");
    assert!(backlinks.contains("Journal of Soviet Ambassador") || backlinks.contains("1960-09-14"));

    let mut seen = Vec::new();
    for (what, screen, must) in [
        ("panel", &panel, &["pinpoint: ¶1", "¶9 (en)"][..]),
        ("status line", &status, &["citation at ¶1", "¶1/32"][..]),
        ("backlinks", &backlinks, &["¶9 en"][..]),
    ] {
        for m in must {
            assert!(screen.contains(m), "{what} shows {m:?}:\n{screen}");
        }
        let found = spellings(screen);
        assert!(!found.is_empty(), "{what} shows a pinpoint");
        seen.extend(found.into_iter().map(|s| (what, s)));
    }
    for (what, s) in &seen {
        assert!(
            s.chars().nth(1).is_some_and(|c| c.is_ascii_digit()),
            "{what} spells a pinpoint {s:?}, not as ¶9: {seen:?}"
        );
    }
}
