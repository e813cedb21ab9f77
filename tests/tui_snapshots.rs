//! Snapshots of the screens on a `TestBackend` at 200×50, 120×40, 80×24 and 20×5: the
//! document list and the People's Daily communiqué in the reader. Review changes with
//! `cargo insta review`.

mod tui_support;

use tui_support::*;

const SIZES: [(u16, u16); 4] = [(200, 50), (120, 40), (80, 24), (20, 5)];

fn snapshot(name: &str, w: u16, h: u16, setup: impl Fn(&mut lectern::tui::App)) {
    let mut app = app();
    setup(&mut app);
    let mut term = terminal(w, h);
    render(&mut app, &mut term);
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), term.backend());
}

#[test]
fn the_document_list_shows_date_kind_languages_and_title_at_every_size() {
    for (w, h) in SIZES {
        snapshot("list", w, h, |_| {});
    }
}

#[test]
fn the_peoples_daily_communique_reads_chinese_beside_english_at_every_size() {
    for (w, h) in SIZES {
        snapshot("reader_peoples_daily", w, h, |app| open(app, PEOPLES_DAILY));
    }
}

#[test]
fn the_treaty_shows_bilingual_headers_in_columns_and_the_english_body_full_width() {
    snapshot("reader_treaty", 200, 50, |app| open(app, TREATY));
}

#[test]
fn the_help_overlay_lists_the_reader_keys() {
    snapshot("help_reader", 120, 40, |app| {
        open(app, PEOPLES_DAILY);
        press(app, "?");
    });
}
