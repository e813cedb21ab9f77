//! The document list: `s` sorts by date, title or kind (the header says which), an inferred
//! date is marked `?` in the list, the reader's header and `list --json`, and the Chinese
//! title shows after the English one where the row has room.

mod tui_support;

use lectern::corpus::Corpus;
use lectern::model::{Lang, TITLE_LANGS};
use lectern::tui::App;
use tui_support::*;

const POST: &str = "2021-historic-event-propelling-dprk-russia";

fn titles(app: &App) -> Vec<String> {
    app.list
        .shown
        .iter()
        .map(|&i| {
            app.corpus.documents[i.0]
                .display_title(&TITLE_LANGS)
                .to_lowercase()
        })
        .collect()
}

/// The bundled corpus and one undated document.
fn with_undated() -> App {
    let mut docs = app().corpus.documents.to_vec();
    let mut undated = docs[0].clone();
    undated.id = "undated-copy".into();
    undated.dates.clear();
    undated
        .title
        .0
        .insert(Lang::En, "A copy without a date".into());
    docs.push(undated);
    app_with(Corpus::from_documents(docs))
}

#[test]
fn s_cycles_date_title_kind_and_back_and_the_header_says_which() {
    let mut app = with_undated();
    let mut term = terminal(120, 20);
    render(&mut app, &mut term);
    let date_order = app.list.shown.clone();
    assert_eq!(
        app.corpus.documents[date_order.last().map_or(0, |d| d.0)].id,
        "undated-copy",
        "undated last in date order"
    );
    assert!(rows(&term)[0].contains("by date"), "{}", rows(&term)[0]);

    press(&mut app, "s");
    render(&mut app, &mut term);
    assert!(rows(&term)[0].contains("by title"), "{}", rows(&term)[0]);
    let t = titles(&app);
    assert!(t.windows(2).all(|w| w[0] <= w[1]), "{t:?}");
    assert_eq!(t.first().map(String::as_str), Some("a copy without a date"));

    press(&mut app, "s");
    render(&mut app, &mut term);
    assert!(rows(&term)[0].contains("by kind"), "{}", rows(&term)[0]);
    let kinds: Vec<&str> = app
        .list
        .shown
        .iter()
        .map(|&i| app.corpus.documents[i.0].kind.label())
        .collect();
    assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "{kinds:?}");

    press(&mut app, "s");
    render(&mut app, &mut term);
    assert!(rows(&term)[0].contains("by date"));
    assert_eq!(
        app.list.shown, date_order,
        "back to date order, the same as at first"
    );
}

#[test]
fn the_selection_stays_on_its_document_when_the_order_changes() {
    let mut app = app();
    press(&mut app, "j j");
    let before = app.list.selected_doc();
    press(&mut app, "s");
    assert_eq!(app.list.selected_doc(), before);
}

#[test]
fn a_filter_ranks_best_match_first_and_the_header_says_so() {
    let mut app = app();
    let mut term = terminal(120, 20);
    press(&mut app, "s f");
    type_text(&mut app, "苏朝");
    render(&mut app, &mut term);
    assert!(
        rows(&term)[0].contains("best match first"),
        "{}",
        rows(&term)[0]
    );
    assert_eq!(
        app.list
            .selected_doc()
            .map(|i| app.corpus.documents[i.0].id.clone()),
        Some(PEOPLES_DAILY.to_string()),
        "the filter still matches the Chinese title"
    );
}

#[test]
fn an_inferred_date_is_marked_in_the_list_and_the_reader_header() {
    let mut app = app();
    let mut term = terminal(120, 20);
    render(&mut app, &mut term);
    let screen = rows(&term);
    let row = screen
        .iter()
        .find(|r| r.contains("Historic Event Propelling"))
        .unwrap_or_else(|| panic!("{screen:?}"));
    assert!(row.contains(" 2021? "), "{row}");
    // Stated dates carry no mark.
    let treaty = screen
        .iter()
        .find(|r| r.contains("1961-07-06"))
        .unwrap_or_else(|| panic!("{screen:?}"));
    assert!(!treaty.contains("1961-07-06?"), "{treaty}");
    open(&mut app, POST);
    render(&mut app, &mut term);
    assert!(
        rows(&term)[0].contains("2021?  Historic Event"),
        "{}",
        rows(&term)[0]
    );
    // The legend is in the help window.
    let mut term = terminal(120, 80);
    press(&mut app, "?");
    render(&mut app, &mut term);
    assert!(rows(&term).join("\n").contains("a date inferred"));
}

#[test]
fn the_chinese_title_follows_the_english_one_where_there_is_room() {
    for w in [200u16, 120, 80] {
        let mut app = app();
        let mut term = terminal(w, 12);
        render(&mut app, &mut term);
        let screen = rows(&term);
        let row = screen
            .iter()
            .find(|r| r.contains("Joint Commun"))
            .unwrap_or_else(|| panic!("{w}: {screen:?}"));
        assert!(row.contains("苏朝"), "{w}: {row}");
        assert!(row.trim_end().ends_with('…'), "{w}: cut with a mark: {row}");
    }
    // Too narrow for two titles: the English one alone.
    let mut app = app();
    let mut term = terminal(50, 12);
    render(&mut app, &mut term);
    assert!(!rows(&term).join("\n").contains("苏朝"));
}
