//! Styles on screen: block kinds and inline marks look different, the cursor block is
//! marked, highlights land on the right characters, and NO_COLOR leaves no colour behind.

mod tui_support;

use lectern::corpus::Corpus;
use lectern::model::Lang;
use lectern::tui::reader::state::Highlight;
use lectern::tui::theme::Theme;
use lectern::tui::{App, Settings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};
use tui_support::*;

const JOURNAL: &str = "1960-09-14-journal-soviet-ambassador-dprk";

/// The first cell (x, y) where `text` starts on screen.
fn find(term: &Terminal<TestBackend>, text: &str) -> Option<(u16, u16)> {
    let buf = term.backend().buffer();
    let first = text.chars().next()?.to_string();
    let len = text.chars().count();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol() != first {
                continue;
            }
            let mut s = String::new();
            let mut cx = x;
            while s.chars().count() < len && cx < buf.area.width {
                let sym = buf[(cx, y)].symbol();
                s.push_str(sym);
                cx += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
            }
            if s == text {
                return Some((x, y));
            }
        }
    }
    None
}

fn cell(term: &Terminal<TestBackend>, at: (u16, u16)) -> Cell {
    term.backend().buffer()[at].clone()
}

#[test]
fn headings_editorial_insertions_and_footnote_markers_are_styled_distinctly() {
    let theme = Theme::builtin(false);
    let (mut app, mut term) = reading(JOURNAL, 200, 50);
    // Find a [sic] on screen by paging through the journal.
    let mut sic = find(&term, "[sic]");
    for _ in 0..20 {
        if sic.is_some() {
            break;
        }
        press(&mut app, "ctrl-e");
        render(&mut app, &mut term);
        sic = find(&term, "[sic]");
    }
    let sic = sic.unwrap_or_else(|| panic!("a [sic] is on screen"));
    assert_eq!(
        cell(&term, sic).fg,
        theme.get("editorial").fg.unwrap_or(Color::Reset)
    );
    assert!(cell(&term, sic).modifier.contains(Modifier::ITALIC));

    let mut app = tui_support::app();
    open(&mut app, TREATY);
    // Tall enough for the first article under the measure-capped body (90 cells a line).
    let mut term = terminal(200, 80);
    render(&mut app, &mut term);
    let marker = find(&term, "MUTUAL ASSISTANCE¹").unwrap_or_else(|| panic!("marker"));
    let marker = (marker.0 + "MUTUAL ASSISTANCE".len() as u16, marker.1);
    assert_eq!(cell(&term, marker).symbol(), "¹");
    assert_eq!(cell(&term, marker).fg, Color::Yellow);
    let article = find(&term, "Article 1").unwrap_or_else(|| panic!("an article heading"));
    assert_eq!(
        cell(&term, article).fg,
        theme.get("article").fg.unwrap_or(Color::Reset)
    );
    let body = find(&term, "Anxious").unwrap_or_else(|| panic!("a paragraph"));
    assert_ne!(cell(&term, body).fg, cell(&term, article).fg);
}

#[test]
fn the_cursor_block_is_marked_in_the_gutter() {
    let (mut app, mut term) = reading(PEOPLES_DAILY, 120, 40);
    press(&mut app, "j");
    render(&mut app, &mut term);
    let two = find(&term, "2 新华社").unwrap_or_else(|| panic!("block 2"));
    assert!(cell(&term, two).modifier.contains(Modifier::REVERSED));
    let one = find(&term, "1 苏朝").unwrap_or_else(|| panic!("block 1"));
    assert!(!cell(&term, one).modifier.contains(Modifier::REVERSED));
}

#[test]
fn a_highlight_covers_exactly_its_characters_in_the_chinese_column() {
    let (mut app, mut term) = reading(PEOPLES_DAILY, 200, 50);
    let doc = app.document().cloned().unwrap_or_else(|| panic!("open"));
    let zh = doc.blocks[1].text.get(Lang::Zh).unwrap_or_default();
    let start = zh
        .find("莫斯科")
        .unwrap_or_else(|| panic!("Moscow in block 2"));
    let style = app.theme.get("search_hit");
    let reader = app.reader.as_mut().unwrap_or_else(|| panic!("open"));
    reader.set_highlights(
        "search",
        vec![Highlight {
            block: 1,
            lang: Lang::Zh,
            range: start..start + "莫斯科".len(),
            style,
        }],
    );
    render(&mut app, &mut term);
    let at = find(&term, "新华社莫斯科").unwrap_or_else(|| panic!("block 2 text"));
    let bg = |dx: u16| cell(&term, (at.0 + dx, at.1)).bg;
    assert_ne!(bg(4), Color::Yellow, "社 is not highlighted");
    assert_eq!(
        (bg(6), bg(8), bg(10)),
        (Color::Yellow, Color::Yellow, Color::Yellow)
    );
    assert_ne!(bg(12), Color::Yellow, "13 is not highlighted");
}

#[test]
fn with_no_color_the_screen_has_no_colours_but_keeps_reverse_and_bold() {
    let settings = Settings {
        theme: Theme::builtin(true),
        ..Settings::defaults()
    };
    let mut app = App::new(Corpus::bundled(), settings);
    let mut term = terminal(120, 40);
    render(&mut app, &mut term);
    let selected = find(&term, "1956-07-14").unwrap_or_else(|| panic!("first row"));
    assert!(cell(&term, selected).modifier.contains(Modifier::REVERSED));
    open(&mut app, TREATY);
    // Tall enough for the first article under the measure-capped body (90 cells a line).
    let mut term = terminal(200, 80);
    render(&mut app, &mut term);
    for c in term.backend().buffer().content() {
        assert_eq!((c.fg, c.bg), (Color::Reset, Color::Reset), "{c:?}");
    }
    let article = find(&term, "Article 1").unwrap_or_else(|| panic!("an article heading"));
    assert!(cell(&term, article).modifier.contains(Modifier::BOLD));
}

/// Relative luminance of a fixed colour; a colour left to the terminal is a failure here.
fn luminance(c: Color) -> f32 {
    match c {
        Color::Rgb(r, g, b) => (0.2126 * r as f32 + 0.7152 * g as f32 + 0.0722 * b as f32) / 255.0,
        Color::Black => 0.0,
        Color::White => 1.0,
        other => panic!("the cursor block leaves a colour to the terminal: {other:?}"),
    }
}

#[test]
fn the_cursor_block_text_is_readable_in_the_dark_and_the_light_theme() {
    use lectern::tui::theme::Background;
    for bg in [Background::Dark, Background::Light] {
        let settings = Settings {
            theme: Theme::builtin_for(bg, false),
            ..Settings::defaults()
        };
        let mut app = App::new(Corpus::bundled(), settings);
        open(&mut app, PEOPLES_DAILY);
        let mut term = terminal(120, 40);
        render(&mut app, &mut term);
        press(&mut app, "j");
        render(&mut app, &mut term);
        let two = find(&term, "2 新华社").unwrap_or_else(|| panic!("block 2"));
        let at = (two.0 + 2, two.1);
        let c = cell(&term, at);
        let (fg, back) = (luminance(c.fg), luminance(c.bg));
        assert!((fg - back).abs() > 0.6, "{bg:?}: {:?} on {:?}", c.fg, c.bg);
        assert_eq!(
            back < 0.5,
            bg == Background::Dark,
            "{bg:?}: block suits the terminal"
        );
    }
}

#[test]
fn an_insertion_with_over_closed_nested_brackets_is_styled_to_its_last_bracket() {
    let theme = Theme::builtin(false);
    let (mut app, mut term) = reading(JOURNAL, 200, 50);
    // The journal's handwritten note: `[handwritten … "delo [file]] 035" … "17 October 1960"]`.
    let mut end = find(&term, "1960\"]");
    for _ in 0..40 {
        if end.is_some() {
            break;
        }
        press(&mut app, "ctrl-e");
        render(&mut app, &mut term);
        end = find(&term, "1960\"]");
    }
    let end = end.unwrap_or_else(|| panic!("the note's end is on screen"));
    let editorial = theme.get("editorial").fg.unwrap_or(Color::Reset);
    for dx in 0..6 {
        let c = cell(&term, (end.0 + dx, end.1));
        assert_eq!(c.fg, editorial, "{:?} at +{dx}", c.symbol());
        assert!(c.modifier.contains(Modifier::ITALIC));
    }
    // The panel lists the insertion whole, not cut at the inner `]]`.
    let shown = rows(&term).join("\n");
    assert_eq!(shown.matches("1960\"]").count(), 2, "{shown}");
}
