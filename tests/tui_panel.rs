//! The panel speaks to a reader, not a developer: documents by their titles (wrapped at
//! word boundaries), fields by their names, each fact once, and every inferred fact marked
//! as inferred with its reason, where it is shown.

mod tui_support;

use lectern::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_support::*;

const JOURNAL: &str = "1960-09-14-journal-soviet-ambassador-dprk";
const PRESS: &str = "2022-08-05-historic-declaration-demonstrating-strong";

/// The panel's rows on screen, inside its border.
fn panel_rows(app: &App, term: &Terminal<TestBackend>) -> Vec<String> {
    let area = app
        .areas()
        .panel
        .unwrap_or_else(|| panic!("the panel is shown at {:?}", app.size));
    let buf = term.backend().buffer();
    let (left, top) = if area.x > 0 {
        (area.left() + 1, area.top())
    } else {
        (area.left(), area.top() + 1)
    };
    (top..area.bottom())
        .map(|y| (left..area.right()).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// The panel's text, rows joined by a space and whitespace collapsed: a word broken across
/// two rows shows as two words.
fn panel_text(app: &App, term: &Terminal<TestBackend>) -> String {
    collapse(&panel_rows(app, term).join(" "))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn panel_of(id: &str, w: u16, h: u16) -> String {
    let (app, term) = reading(id, w, h);
    panel_text(&app, &term)
}

#[test]
fn mentions_name_the_mentioning_document_by_its_whole_title_at_every_width() {
    let mut app = app();
    let journal = app
        .corpus
        .get(JOURNAL)
        .unwrap_or_else(|| panic!("bundled"))
        .display_title(&[lectern::model::Lang::En])
        .to_string();
    open(&mut app, TREATY);
    for w in (lectern::tui::layout::PANEL_BESIDE_MIN_WIDTH..=220).step_by(6) {
        let mut term = terminal(w, 120);
        render(&mut app, &mut term);
        let text = panel_text(&app, &term);
        assert!(text.contains("Mentioned in"), "{w}: {text}");
        assert!(
            text.contains(&collapse(&journal)),
            "{w}: {journal} in {text}"
        );
        assert!(!text.contains(JOURNAL), "{w}: no id in {text}");
    }
}

#[test]
fn no_field_is_named_by_its_path_and_every_inferred_fact_shows_its_reason() {
    let corpus = app().corpus;
    for doc in &corpus.documents {
        let text = panel_of(&doc.id, 200, 150);
        for (path, why) in &doc.inferred {
            assert!(
                !text.contains(path.as_str()),
                "{}: {path} in {text}",
                doc.id
            );
            let shown = format!("(inferred: {})", collapse(why));
            assert!(text.contains(&shown), "{}: {shown} in {text}", doc.id);
        }
        assert!(!text.contains("inferred "), "{}: {text}", doc.id);
    }
}

#[test]
fn each_inferred_fact_is_marked_on_the_line_of_the_field_it_qualifies() {
    let journal = panel_of(JOURNAL, 200, 150);
    assert!(
        journal.contains("English text: translation from Russian (inferred: the archival"),
        "{journal}"
    );
    let treaty = panel_of(TREATY, 200, 150);
    assert!(
        treaty.contains("page: 760 (inferred: a bare number"),
        "{treaty}"
    );
    let press = panel_of(PRESS, 200, 150);
    assert!(
        press.contains(
            "published by: Website of the DPRK mission in Khabarovsk (inferred: the page names no publisher"
        ),
        "{press}"
    );
}

#[test]
fn archive_is_named_once() {
    let journal = panel_of(JOURNAL, 200, 150);
    assert_eq!(journal.matches("archive:").count(), 1, "{journal}");
    assert!(
        journal.contains("archive: AVPRF fond 0102, opis 16, delo 7, p.102-129"),
        "{journal}"
    );
    assert!(
        journal.contains("published by: Wilson Center Digital Archive"),
        "{journal}"
    );
}
