//! The reader driven by key sequences, without a terminal: keys go in, state is checked.

mod tui_support;

use lectern::corpus::Corpus;
use lectern::model::{BlockNo, Lang};
use lectern::tui::focus::{Focus, Screen};
use lectern::tui::reader::layout::View;
use lectern::tui::{App, Settings};
use tui_support::*;

fn reader(app: &App) -> &lectern::tui::reader::state::ReaderState {
    app.reader
        .as_ref()
        .unwrap_or_else(|| panic!("no document open"))
}

#[test]
fn the_list_is_sorted_by_date_and_shows_every_document() {
    let mut app = app();
    let mut t = terminal(120, 40);
    render(&mut app, &mut t);
    let dates: Vec<_> = app
        .list
        .shown
        .iter()
        .map(|&i| app.corpus.documents[i].date())
        .collect();
    assert_eq!(app.list.shown.len(), app.corpus.documents.len());
    assert!(dates.windows(2).all(|w| match (w[0], w[1]) {
        (Some(a), Some(b)) => a <= b,
        (None, Some(_)) => false,
        _ => true,
    }));
}

/// The ids of the documents the list shows, in order.
fn shown_ids(app: &App) -> Vec<&str> {
    app.list
        .shown
        .iter()
        .map(|&i| app.corpus.documents[i].id.as_str())
        .collect()
}

#[test]
fn typing_a_fuzzy_filter_narrows_the_list_to_matching_documents() {
    let mut app = app();
    press(&mut app, "f");
    type_text(&mut app, "treaty friendshp");
    let ids = shown_ids(&app);
    assert_eq!(ids.first(), Some(&TREATY), "{ids:?}");
    // Chinese titles are searched too.
    press(&mut app, "esc");
    assert!(app.list.query.is_empty() && !app.list.editing);
    press(&mut app, "f");
    type_text(&mut app, "联合公报");
    let ids = shown_ids(&app);
    assert_eq!(ids, [PEOPLES_DAILY]);
    // Backspace edits the filter; q is text while typing, not quit.
    type_text(&mut app, "qqqq");
    assert!(!app.should_quit);
    assert!(app.list.shown.is_empty());
    press(&mut app, "backspace backspace backspace backspace");
    assert_eq!(app.list.shown.len(), 1);
}

#[test]
fn the_filter_drops_scattered_letters_and_ranks_whole_words_first() {
    let mut app = app();
    press(&mut app, "f");
    // Only the communiqué's text has the word; no title does, and letters scattered in order
    // through the treaty's or the press release's title are no match.
    type_text(&mut app, "armistice");
    assert!(shown_ids(&app).is_empty(), "{:?}", shown_ids(&app));
    press(&mut app, "esc f");
    // A word found whole ranks above a fuzzy match of the same letters.
    type_text(&mut app, "historic");
    let ids = shown_ids(&app);
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.iter().all(|id| id.contains("historic")), "{ids:?}");
    press(&mut app, "esc f");
    // The Chinese title, in part, and the id.
    type_text(&mut app, "苏朝 合作");
    assert_eq!(shown_ids(&app), [PEOPLES_DAILY]);
    press(&mut app, "esc f");
    type_text(&mut app, "1960-09-14");
    assert_eq!(
        shown_ids(&app),
        ["1960-09-14-journal-soviet-ambassador-dprk"]
    );
}

#[test]
fn enter_opens_a_chinese_english_document_side_by_side_chinese_first() {
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    let r = reader(&app);
    assert_eq!(app.screen, Screen::Reader);
    assert_eq!(r.pair, [Lang::Zh, Lang::En]);
    assert_eq!(r.view, View::SideBySide);
}

#[test]
fn j_and_k_move_the_cursor_block_and_g_and_shift_g_go_to_the_ends() {
    let (mut app, mut t) = reading(PEOPLES_DAILY, 120, 40);
    press(&mut app, "j j down");
    assert_eq!(reader(&app).cursor, BlockNo(4));
    press(&mut app, "k");
    assert_eq!(reader(&app).cursor, BlockNo(3));
    press(&mut app, "G");
    let blocks = app.document().map_or(0, |d| d.blocks.len());
    assert_eq!(reader(&app).cursor, BlockNo(blocks));
    // Never past the end.
    press(&mut app, "j j pagedown");
    render(&mut app, &mut t);
    let r = reader(&app);
    assert_eq!(r.cursor, BlockNo(blocks));
    assert_eq!(r.scroll, r.layout.max_scroll(r.height));
    press(&mut app, "g");
    assert_eq!((reader(&app).cursor, reader(&app).scroll), (BlockNo(1), 0));
}

#[test]
fn paging_scrolls_by_a_screen_and_keeps_the_cursor_on_screen() {
    let (mut app, mut t) = reading(PEOPLES_DAILY, 80, 24);
    press(&mut app, "pagedown");
    render(&mut app, &mut t);
    let r = reader(&app);
    assert!(r.scroll > 0);
    assert!(
        r.layout
            .visible_blocks(r.scroll, r.height)
            .contains(&r.cursor)
    );
    press(&mut app, "pageup pageup");
    assert_eq!(reader(&app).scroll, 0);
}

#[test]
fn the_view_key_cycles_side_by_side_stacked_and_each_language() {
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    let mut seen = vec![reader(&app).view];
    for _ in 0..4 {
        press(&mut app, "v");
        seen.push(reader(&app).view);
    }
    assert_eq!(
        seen,
        [
            View::SideBySide,
            View::Stacked,
            View::Single(Lang::Zh),
            View::Single(Lang::En),
            View::SideBySide
        ]
    );
}

#[test]
fn narrow_terminals_stack_the_languages_automatically() {
    let (app, _) = reading(PEOPLES_DAILY, 70, 30);
    let r = reader(&app);
    assert_eq!(r.view, View::SideBySide, "the choice is kept");
    assert_eq!(r.layout.key.as_ref().map(|k| k.view), Some(View::Stacked));
}

#[test]
fn esc_and_backspace_go_back_to_the_list_and_tab_returns_to_the_document() {
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    press(&mut app, "esc");
    assert_eq!((app.screen, app.focus), (Screen::List, Focus::List));
    press(&mut app, "tab");
    assert_eq!(app.screen, Screen::Reader);
    press(&mut app, "backspace");
    assert_eq!(app.screen, Screen::List);
    let selected = app
        .list
        .selected_doc()
        .map(|i| app.corpus.documents[i].id.as_str());
    assert_eq!(
        selected,
        Some(PEOPLES_DAILY),
        "the list keeps the document just read"
    );
}

#[test]
fn ctrl_w_moves_to_the_panel_and_tab_back_to_the_text() {
    // In the text, tab selects links (see tests/tui_links.rs); ctrl-w changes pane.
    let (mut app, _) = reading(PEOPLES_DAILY, 160, 40);
    press(&mut app, "ctrl-w");
    assert_eq!(app.focus, Focus::Panel);
    press(&mut app, "j");
    assert_eq!(
        reader(&app).cursor,
        BlockNo(1),
        "j scrolls the panel, not the text"
    );
    press(&mut app, "tab");
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn the_footnote_key_jumps_to_the_treaty_footnote_and_selects_it() {
    let (mut app, _) = reading(TREATY, 160, 40);
    let doc = app.document().cloned().unwrap_or_else(|| panic!("open"));
    let first = doc
        .footnotes
        .first()
        .unwrap_or_else(|| panic!("the treaty has a footnote"));
    press(&mut app, "f");
    assert_eq!(reader(&app).cursor, first.block);
    assert_eq!(
        app.panel.selected_footnote.as_deref(),
        Some(first.id.as_str())
    );
}

#[test]
fn question_mark_opens_help_and_esc_closes_it_without_leaving_the_reader() {
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    press(&mut app, "?");
    assert_eq!(app.overlays.top_name(), Some("help"));
    press(&mut app, "j");
    assert_eq!(
        reader(&app).cursor,
        BlockNo(1),
        "keys under the help do nothing"
    );
    press(&mut app, "esc");
    assert!(app.overlays.is_empty());
    assert_eq!(app.screen, Screen::Reader);
}

#[test]
fn q_quits_from_the_list_and_from_the_reader() {
    let mut app = app();
    press(&mut app, "q");
    assert!(app.should_quit);
    let mut app = tui_support::app();
    open(&mut app, PEOPLES_DAILY);
    press(&mut app, "q");
    assert!(app.should_quit);
}

#[test]
fn the_reading_position_is_remembered_across_runs() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("positions.toml");
    let settings = || {
        let (positions, warning) = lectern::tui::positions::PositionStore::open(path.clone());
        assert!(warning.is_none());
        Settings {
            positions,
            ..Settings::defaults()
        }
    };
    let mut app = App::new(Corpus::bundled(), settings());
    open(&mut app, PEOPLES_DAILY);
    let mut t = terminal(80, 24);
    render(&mut app, &mut t);
    press(&mut app, "j j j j j");
    render(&mut app, &mut t);
    let (cursor, top) = (reader(&app).cursor, reader(&app).top_block());
    press(&mut app, "q");

    let mut app = App::new(Corpus::bundled(), settings());
    open(&mut app, PEOPLES_DAILY);
    render(&mut app, &mut t);
    assert_eq!(
        (reader(&app).cursor, reader(&app).top_block()),
        (cursor, top)
    );
    assert_eq!(cursor, BlockNo(6));
}

#[test]
fn mouse_wheel_scrolls_and_a_click_selects_the_block_under_it() {
    use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let (mut app, mut t) = reading(PEOPLES_DAILY, 80, 24);
    let mouse = |kind, row| {
        lectern::tui::Msg::Input(Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        }))
    };
    app.handle(mouse(MouseEventKind::ScrollDown, 5));
    assert_eq!(reader(&app).scroll, 3);
    render(&mut app, &mut t);
    let body = app.areas().body;
    let r = reader(&app);
    let row = body.y + 10;
    let expected = r.layout.block_at(r.scroll + 10);
    app.handle(mouse(MouseEventKind::Down(MouseButton::Left), row));
    assert_eq!(Some(reader(&app).cursor), expected);
}

#[test]
fn highlights_set_by_a_feature_are_kept_per_owner() {
    use lectern::tui::reader::state::Highlight;
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    let style = app.theme.get("search_hit");
    let r = app.reader.as_mut().unwrap_or_else(|| panic!("open"));
    let hit = |block| Highlight {
        block,
        lang: Lang::Zh,
        range: 0..6,
        style,
    };
    r.set_highlights("search", vec![hit(BlockNo(1)), hit(BlockNo(2))]);
    r.set_highlights("links", vec![hit(BlockNo(1))]);
    r.set_highlights("search", vec![hit(BlockNo(3))]);
    assert_eq!(r.highlights_of(BlockNo(1), Lang::Zh).count(), 1);
    assert_eq!(r.highlights_of(BlockNo(2), Lang::Zh).count(), 0);
    assert_eq!(r.highlights_of(BlockNo(3), Lang::Zh).count(), 1);
}

#[test]
fn a_message_posted_from_another_thread_reaches_the_status_line() {
    let mut app = app();
    let tx = app.sender();
    std::thread::spawn(move || {
        let _ = tx.send(lectern::tui::Msg::Status(
            lectern::tui::status::Level::Info,
            "index ready".into(),
        ));
    })
    .join()
    .unwrap_or_else(|_| panic!("thread"));
    assert!(app.drain_events());
    assert_eq!(
        app.status.message().map(|m| m.text.as_str()),
        Some("index ready")
    );
    press(&mut app, "j");
    press(&mut app, "j");
    assert!(
        app.status.message().is_none(),
        "messages go away after a key"
    );
}

#[test]
fn clicking_a_footnote_marker_jumps_to_its_note() {
    use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let (mut app, t) = reading(TREATY, 200, 50);
    // Where the ¹ is on screen.
    let screen = rows(&t);
    let (y, line) = screen
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains("ASSISTANCE¹"))
        .unwrap_or_else(|| panic!("the marker is on screen"));
    let byte = line.find('¹').unwrap_or_default();
    let x = unicode_width::UnicodeWidthStr::width(&line[..byte]) as u16;
    let click = |column| {
        lectern::tui::Msg::Input(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row: y as u16,
            modifiers: KeyModifiers::NONE,
        }))
    };
    app.handle(click(x - 1));
    assert_eq!(
        app.panel.selected_footnote, None,
        "a click beside the marker selects only the block"
    );
    app.handle(click(x));
    let expected = app
        .document()
        .and_then(|d| d.footnotes.first())
        .map(|f| f.id.clone());
    assert!(expected.is_some());
    assert_eq!(app.panel.selected_footnote, expected);
}

#[test]
fn the_panel_scrolls_no_further_than_its_content() {
    let (mut app, mut t) = reading(PEOPLES_DAILY, 160, 16);
    press(&mut app, "ctrl-w G");
    render(&mut app, &mut t);
    let at_end = app.panel.scroll;
    assert!(
        at_end > 0 && at_end < 100,
        "clamped to the content, not {at_end}"
    );
    press(&mut app, "k");
    render(&mut app, &mut t);
    assert_eq!(
        app.panel.scroll,
        at_end.saturating_sub(1),
        "one key up moves up at once"
    );
}

#[test]
fn the_pinpoint_names_the_treaty_article_of_the_current_block() {
    let (mut app, mut t) = reading(TREATY, 200, 50);
    let doc = app.document().cloned().unwrap_or_else(|| panic!("open"));
    // Move to the block after the third article heading.
    let third = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == lectern::model::BlockKind::Article)
        .map(|(i, _)| i)
        .nth(2)
        .unwrap_or_else(|| panic!("the treaty has articles"));
    for _ in 0..=third {
        press(&mut app, "j");
    }
    render(&mut app, &mut t);
    assert_eq!(
        reader(&app).article_block(),
        Some(BlockNo::from_index(third))
    );
    assert_eq!(
        doc.article_of(BlockNo::from_index(third).next()),
        doc.blocks[third].text.get(Lang::En),
        "agrees with the model's own lookup"
    );
    let screen = rows(&t).join("\n");
    let article = doc.blocks[third].text.get(Lang::En).unwrap_or_default();
    // The citation section names the article it points at.
    assert!(screen.contains(&format!("pinpoint: {article}")), "{screen}");
}

#[test]
fn another_feature_can_open_a_document_at_a_block() {
    let mut app = app();
    let i = app
        .find_document(TREATY)
        .unwrap_or_else(|| panic!("the treaty is bundled"));
    app.open_at(i, lectern::tui::BlockNo(13));
    let mut t = terminal(120, 40);
    render(&mut app, &mut t);
    let r = reader(&app);
    assert_eq!((r.cursor, r.top_block()), (BlockNo(13), BlockNo(13)));
    let screen = rows(&t).join("\n");
    assert!(
        screen.contains(" 13 "),
        "block 13's number is on screen:\n{screen}"
    );
    // Also when the document is already open.
    app.open_at(i, lectern::tui::BlockNo(3));
    render(&mut app, &mut t);
    assert_eq!(reader(&app).cursor, BlockNo(3));
}
