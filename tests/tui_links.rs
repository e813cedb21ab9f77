//! Following cross-references in the reader: links are highlighted, tab selects them, enter
//! follows, backspace comes back to the same place; cards, backlinks and the timeline.

mod tui_support;

use lectern::model::{BlockNo, Lang};
use lectern::tui::focus::Screen;
use tui_support::*;

const JOURNAL: &str = "1960-09-14-journal-soviet-ambassador-dprk";

fn reader(app: &lectern::tui::App) -> &lectern::tui::reader::state::ReaderState {
    app.reader.as_ref().expect("a document is open")
}

fn open_doc_id(app: &lectern::tui::App) -> String {
    app.document().map(|d| d.id.clone()).unwrap_or_default()
}

/// Presses tab until the selected link names `target`; panics after a full round.
fn select_link_to(app: &mut lectern::tui::App, target: &str) {
    for _ in 0..200 {
        press(app, "tab");
        let selected = app
            .selected_link_target()
            .map(|t| app.corpus.registry.target_id(t).to_string());
        if selected.as_deref() == Some(target) {
            return;
        }
    }
    panic!("no link to {target}");
}

#[test]
fn every_link_of_the_open_document_is_highlighted_in_its_language() {
    let (app, _) = reading(PEOPLES_DAILY, 160, 40);
    // Block 4 names Kim Il Sung in both languages.
    let zh: Vec<_> = reader(&app)
        .highlights_of(BlockNo(4), Lang::Zh)
        .map(|h| h.range.clone())
        .collect();
    let en: Vec<_> = reader(&app)
        .highlights_of(BlockNo(4), Lang::En)
        .map(|h| h.range.clone())
        .collect();
    let doc = app.document().expect("open");
    let zh_text = doc.blocks[3].text.get(Lang::Zh).unwrap_or_default();
    let en_text = doc.blocks[3].text.get(Lang::En).unwrap_or_default();
    assert!(zh.iter().any(|r| &zh_text[r.clone()] == "金日成"), "{zh:?}");
    assert!(
        en.iter().any(|r| &en_text[r.clone()] == "Kim Il-sung"),
        "{en:?}"
    );
}

#[test]
fn following_the_journals_treaty_mention_opens_the_treaty_and_backspace_returns_to_the_same_place()
{
    let (mut app, mut t) = reading(JOURNAL, 120, 30);
    select_link_to(&mut app, "treaty-1961");
    render(&mut app, &mut t);
    let (cursor, scroll) = (reader(&app).cursor, reader(&app).scroll);
    assert_eq!(cursor, BlockNo(9), "the mention is in block 9");
    press(&mut app, "enter");
    render(&mut app, &mut t);
    assert_eq!(open_doc_id(&app), TREATY);
    assert_eq!(
        reader(&app).cursor,
        BlockNo(6),
        "the treaty's text starts at block 6"
    );
    press(&mut app, "backspace");
    render(&mut app, &mut t);
    assert_eq!(open_doc_id(&app), JOURNAL);
    assert_eq!((reader(&app).cursor, reader(&app).scroll), (cursor, scroll));
    // …and forward again.
    press(&mut app, "]");
    render(&mut app, &mut t);
    assert_eq!(open_doc_id(&app), TREATY);
    // Back past the first jump leaves the reader for the list.
    press(&mut app, "backspace backspace");
    assert_eq!(app.screen, Screen::List);
}

#[test]
fn an_entity_link_opens_its_card_and_the_card_opens_a_mention() {
    let (mut app, mut t) = reading(PEOPLES_DAILY, 160, 40);
    select_link_to(&mut app, "hungnam");
    press(&mut app, "enter");
    assert_eq!(app.overlays.top_name(), Some("card"));
    render(&mut app, &mut t);
    let screen = rows(&t).join("\n");
    assert!(
        screen.contains("兴南"),
        "the card lists the Chinese name:\n{screen}"
    );
    assert!(
        screen.contains("Hungnam Mineral Fertilizer Factory"),
        "a sourced fact:\n{screen}"
    );
    press(&mut app, "enter");
    assert!(app.overlays.is_empty());
    assert_eq!(open_doc_id(&app), PEOPLES_DAILY);
    assert_eq!(
        reader(&app).cursor,
        BlockNo(9),
        "the first mention is in block 9"
    );
}

#[test]
fn the_treaty_panel_lists_the_journal_among_its_backlinks() {
    let (_, t) = reading(TREATY, 200, 50);
    let screen = rows(&t).join("\n");
    assert!(screen.contains("Mentioned in"), "{screen}");
    // By its title, which wraps in the panel (tests/tui_panel.rs checks it whole).
    assert!(screen.contains("Journal of Soviet Ambassador"), "{screen}");
    assert!(screen.contains("¶9 (en)"), "{screen}");
    assert!(!screen.contains(JOURNAL), "no id: {screen}");
}

#[test]
fn the_timeline_opens_documents_and_cards_of_instruments_outside_the_archive() {
    let mut app = app();
    let mut t = terminal(160, 40);
    render(&mut app, &mut t);
    press(&mut app, "t");
    assert_eq!(app.overlays.top_name(), Some("timeline"));
    render(&mut app, &mut t);
    let screen = rows(&t).join("\n");
    assert!(
        screen.contains("1949-03-17") && screen.contains("○"),
        "{screen}"
    );
    // The first entry is the 1949 agreement, known only from mentions: enter shows its card.
    press(&mut app, "enter");
    assert_eq!(app.overlays.top_name(), Some("card"));
    press(&mut app, "esc");
    // Walk down the timeline to the 1961 treaty, whose text the archive holds: enter opens it.
    let entries =
        lectern::corpus::timeline::timeline(app.corpus.documents.heads(), &app.corpus.registry);
    let at = entries
        .iter()
        .position(|e| e.label.starts_with("Treaty of Friendship, Co-operation"))
        .expect("the 1961 treaty");
    assert!(entries[at].in_archive);
    press(&mut app, "t");
    for _ in 0..at {
        press(&mut app, "j");
    }
    press(&mut app, "enter");
    render(&mut app, &mut t);
    assert!(app.overlays.is_empty());
    assert_eq!(open_doc_id(&app), TREATY);
    assert_eq!(reader(&app).cursor, BlockNo(6), "at the treaty's text");
}
