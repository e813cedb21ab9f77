//! Footnotes from the keyboard: `f` goes to the next one and `F` to the previous one, both
//! wrapping around the document's ends with a status message that says they wrapped.

mod tui_support;

use lectern::corpus::Corpus;
use lectern::model::{BlockNo, Footnote, Lang, LangText};
use lectern::tui::App;
use lectern::tui::keymap::Mode;
use tui_support::*;

/// The bundled treaty with two more footnotes, in blocks 9 and 12 (it has one, in block 6).
fn treaty_with_three_notes() -> App {
    let mut doc = app()
        .corpus
        .get(TREATY)
        .cloned()
        .unwrap_or_else(|| panic!("bundled"));
    assert_eq!(doc.footnotes.len(), 1, "the treaty's own note");
    for (id, block) in [("2", 9), ("3", 12)] {
        let text = doc.blocks[block - 1].text.0.entry(Lang::En).or_default();
        text.push_str(&format!("[^{id}]"));
        doc.footnotes.push(Footnote {
            id: id.into(),
            block: BlockNo(block),
            text: LangText([(Lang::En, format!("note {id}"))].into_iter().collect()),
        });
    }
    let mut app = app_with(Corpus::from_documents(vec![doc]));
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    let ix = app
        .find_document(TREATY)
        .unwrap_or_else(|| panic!("in the corpus"));
    app.open_document(ix);
    render(&mut app, &mut term);
    app
}

fn selected(app: &App) -> String {
    app.panel.selected_footnote.clone().unwrap_or_default()
}

#[test]
fn f_goes_through_the_notes_in_order_and_wraps_from_the_last_to_the_first() {
    let mut app = treaty_with_three_notes();
    for want in ["1", "2", "3"] {
        press(&mut app, "f");
        assert_eq!(selected(&app), want);
        assert!(
            !status_text(&app).contains("wrapped"),
            "{}",
            status_text(&app)
        );
    }
    press(&mut app, "f");
    assert_eq!(selected(&app), "1", "wraps to the first");
    let status = status_text(&app);
    assert!(
        status.contains("wrapped") && status.contains("first"),
        "{status}"
    );
    let block = app.reader.as_ref().map(|r| r.cursor);
    assert_eq!(
        block,
        Some(BlockNo(6)),
        "the cursor is on the first note's block"
    );
}

#[test]
fn shift_f_goes_back_through_the_notes_and_wraps_from_the_first_to_the_last() {
    let mut app = treaty_with_three_notes();
    press(&mut app, "G F");
    assert_eq!(selected(&app), "3", "from the end: the last note, no wrap");
    assert!(!status_text(&app).contains("wrapped"));
    press(&mut app, "F");
    assert_eq!(selected(&app), "2");
    press(&mut app, "F");
    assert_eq!(selected(&app), "1");
    press(&mut app, "F");
    assert_eq!(selected(&app), "3", "wraps to the last");
    let status = status_text(&app);
    assert!(
        status.contains("wrapped") && status.contains("last"),
        "{status}"
    );
    // From the top, before any note: F wraps at once.
    press(&mut app, "g F");
    assert_eq!(selected(&app), "3");
    assert!(status_text(&app).contains("wrapped"));
}

#[test]
fn a_document_without_notes_says_so_for_f_and_shift_f() {
    let (mut app, _) = reading(PEOPLES_DAILY, 120, 40);
    for key in ["f", "F"] {
        press(&mut app, key);
        assert!(
            status_text(&app).contains("no footnotes"),
            "{key}: {}",
            status_text(&app)
        );
        assert!(app.panel.selected_footnote.is_none());
    }
}

#[test]
fn the_help_window_lists_both_footnote_keys() {
    let (mut app, mut term) = reading(TREATY, 200, 60);
    press(&mut app, "?");
    render(&mut app, &mut term);
    let shown = rows(&term).join("\n");
    let keys = app.keymap.reverse(Mode::Reader);
    for action in [
        lectern::tui::Action::NextFootnote,
        lectern::tui::Action::PrevFootnote,
    ] {
        let (_, bound) = keys
            .iter()
            .find(|(a, _)| *a == action)
            .unwrap_or_else(|| panic!("{action:?} has a key"));
        assert!(shown.contains(action.describe()), "{action:?}\n{shown}");
        assert!(!bound.is_empty());
    }
    assert!(shown.contains("previous footnote"), "{shown}");
}
