//! Long lists in the reader's windows build only the page they show (issue 10): a name
//! mentioned 30,000 times, and a timeline of thousands of documents. Counted, not timed.

mod tui_support;

use lectern::corpus::Corpus;
use lectern::model::Document;
use lectern::model::ids::DocIds;
use lectern::refs::{Links, Target};
use lectern::tui::links::backlinks::BacklinksOverlay;
use lectern::tui::links::card::CardOverlay;
use lectern::tui::links::timeline::TimelineOverlay;
use lectern::tui::theme::Theme;
use std::sync::Arc;
use tui_support::*;

const MENTIONS: usize = 30_000;
const JOURNAL: &str = "1960-09-14-journal-soviet-ambassador-dprk";

/// The bundled corpus plus a generated document whose every block names the 1961 treaty by
/// one of its registry names (30,000 blocks), and 2,000 one-block documents.
fn generated() -> (Corpus, Target) {
    let mut corpus = Corpus::bundled();
    let treaty = (corpus.registry.instruments.iter())
        .position(|i| i.id == "treaty-1961")
        .map(Target::Instrument)
        .unwrap_or_else(|| panic!("the registry has the 1961 treaty"));
    let journal = corpus
        .get(JOURNAL)
        .cloned()
        .unwrap_or_else(|| panic!("bundled"));
    let name = corpus
        .registry
        .names_of(treaty)
        .get(&lectern::model::Lang::En)
        .and_then(|names| names.first().cloned())
        .unwrap_or_else(|| panic!("the treaty has an English name"));
    let mut block = journal.blocks[0].clone();
    block.kind = lectern::model::BlockKind::Paragraph;
    block.text = lectern::model::LangText::one(
        lectern::model::Lang::En,
        format!("The parties recalled the {name} once more."),
    );
    let mut many: Document = journal.clone();
    many.id = "generated-many-mentions".into();
    many.blocks = vec![block; MENTIONS];
    many.footnotes.clear();
    corpus.documents.push(many);
    let mut small = journal.clone();
    small.blocks.truncate(1);
    small.footnotes.clear();
    for i in 0..2000 {
        let mut d = small.clone();
        d.id = format!("generated-{i:04}");
        corpus.documents.push(d);
    }
    corpus.links = Links::build(&corpus.documents, &corpus.registry).into();
    (corpus, treaty)
}

#[test]
fn a_card_of_a_name_with_30000_mentions_builds_one_page_of_rows() {
    let (corpus, treaty) = generated();
    let corpus = Arc::new(corpus);
    let mut card = CardOverlay::new(corpus.clone(), treaty);
    assert!(card.mention_count() > MENTIONS);
    let theme = Theme::builtin(false);
    assert_eq!(card.page_lines(&theme, 38).len(), 38);
    // At the last mention, the page still holds 38 rows, and the last one is shown.
    card.selected = card.mention_count() - 1;
    let page = card.page_lines(&theme, 38);
    assert_eq!(page.len(), 38);
    let last: String = page[37].spans.iter().map(|s| s.content.as_ref()).collect();
    assert!(last.contains("generated-many-mentions"), "{last}");
}

#[test]
fn backlinks_of_a_document_mentioned_30000_times_cost_the_panel_a_few_lines_and_the_window_one_page()
 {
    let (corpus, _) = generated();
    let ids = DocIds::new(&corpus.documents);
    let treaty = ids.get(TREATY).unwrap_or_else(|| panic!("bundled"));
    let shared = Arc::new(corpus);
    let list = BacklinksOverlay::new(shared.clone(), treaty);
    assert!(list.rows.len() > MENTIONS);
    let theme = Theme::builtin(false);
    assert_eq!(list.page_lines(&theme, 40).len(), 40);
    // In the reader, the panel's lines for the treaty stay a screenful, not 30,000.
    drop(list);
    let corpus = Arc::try_unwrap(shared).unwrap_or_else(|_| panic!("the window is closed"));
    let mut app = app_with(corpus);
    open(&mut app, TREATY);
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    assert!(
        app.panel.lines.len() < 200,
        "{} panel lines",
        app.panel.lines.len()
    );
    let screen = rows(&term).join("\n");
    assert!(screen.contains("more · b lists them all"), "{screen}");
}

#[test]
fn a_timeline_of_thousands_of_documents_builds_one_page_of_rows() {
    let (corpus, _) = generated();
    let mut timeline = TimelineOverlay::new(Arc::new(corpus));
    assert!(timeline.len() > 2000);
    let theme = Theme::builtin(false);
    assert_eq!(timeline.page_lines(&theme, 30).len(), 30);
    timeline.selected = timeline.len() - 1;
    assert_eq!(timeline.page_lines(&theme, 30).len(), 30);
}
