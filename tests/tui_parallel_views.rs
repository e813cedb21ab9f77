//! The concordance and compare windows of the reader. The concordance runs on the search
//! worker over a real index (in a temporary cache), lists both places of 朝鲜停战 in the seed
//! article under "Korean armistice", and Enter opens the document at the block with the
//! sentence cursor on the sentence. The comparison sets two treaties written for the tests
//! side by side article by article, marks the changed word, and `y` cites either side.

mod tui_support;

use lectern::corpus::Corpus;
use lectern::model::Lang;
use lectern::tui::compare::{CompareView, Input};
use lectern::tui::concordance::ConcordanceMsg;
use lectern::tui::parallel::SentenceCursor;
use lectern::tui::{Action, App, BlockNo, Effect};
use ratatui::style::Modifier;
use std::path::Path;
use tui_support::*;

/// Handles what the workers post until the concordance of the latest term asked came.
fn concordance_came(app: &mut App) {
    settle(app, "the concordance", |a| a.concordance.ready().is_some());
}

/// The People's Daily article open, the concordance of 朝鲜停战 asked from the window.
fn concordance_of_armistice(cache: &tempfile::TempDir) -> App {
    let mut app = app_in(cache);
    open(&mut app, PEOPLES_DAILY);
    press(&mut app, "K");
    assert_eq!(app.overlays.top_name(), Some("concordance"));
    type_text(&mut app, "朝鲜停战");
    press(&mut app, "enter");
    concordance_came(&mut app);
    app
}

#[test]
fn the_concordance_window_groups_both_places_under_korean_armistice() {
    let cache = cache();
    let mut app = concordance_of_armistice(&cache);
    let c = app.concordance.ready().expect("answered").clone();
    // The search finds the English name too; each pair is listed once, from the Chinese.
    assert_eq!(c.groups.len(), 1, "{c:?}");
    assert_eq!(c.groups[0].rendering.as_deref(), Some("Korean armistice"));
    assert_eq!(c.groups[0].occurrences.len(), 2);
    let mut term = terminal(120, 40);
    render(&mut app, &mut term);
    insta::assert_snapshot!("concordance_armistice_120x40", term.backend());
}

#[test]
fn enter_on_an_entry_asks_to_open_its_document_at_the_block_and_sentence() {
    let cache = cache();
    let mut app = concordance_of_armistice(&cache);
    let pd = app.find_document(PEOPLES_DAILY).expect("bundled");
    let zh = app.corpus.documents[pd.0].blocks[1]
        .text
        .get(Lang::Zh)
        .expect("zh")
        .to_string();
    // The second entry: the sentence of "把朝鲜停战变为".
    let effects = (app.concordance).update(ConcordanceMsg::Action(Action::Down), app.corpus.ids());
    assert!(effects.is_empty());
    let effects = (app.concordance).update(ConcordanceMsg::Action(Action::Open), app.corpus.ids());
    let at = zh.find("把朝鲜停战变为").expect("in block 2");
    let sentence_at = zh[..at].rfind('。').map_or(0, |i| i + '。'.len_utf8());
    assert_eq!(
        effects,
        vec![
            Effect::CloseOverlay("concordance"),
            Effect::JumpTo(pd, BlockNo(2)),
            Effect::SentenceAt {
                block: BlockNo(2),
                lang: Lang::Zh,
                at: sentence_at
            },
        ]
    );
}

#[test]
fn enter_opens_the_document_there_with_the_sentence_cursor_on_the_sentence() {
    let cache = cache();
    let mut app = concordance_of_armistice(&cache);
    // From another document, so opening is seen to happen.
    open_other(&mut app);
    press(&mut app, "K");
    assert_eq!(app.overlays.top_name(), Some("concordance"));
    press(&mut app, "down enter");
    render(&mut app, &mut terminal(200, 50));
    assert_eq!(app.overlays.top_name(), None, "the window closed");
    assert_eq!(app.document().map(|d| d.id.as_str()), Some(PEOPLES_DAILY));
    assert_eq!(app.reader.as_ref().map(|r| r.cursor), Some(BlockNo(2)));
    let (c, _) = app.parallel.current_pair().expect("a sentence cursor");
    assert_eq!((c.block, c.left), (BlockNo(2), true), "{c:?}");
    let doc = app.document().expect("open");
    let a = lectern::parallel::Aligner::new(&app.corpus.registry)
        .document(doc)
        .expect("aligned");
    let s = &a.block(BlockNo(2)).expect("block 2").left[c.sentence];
    let text = doc.blocks[1].text.get(Lang::Zh).expect("zh");
    assert!(text[s.bytes.clone()].contains("把朝鲜停战变为"), "{c:?}");
    // And back where the reader was, through the link history.
    press(&mut app, "backspace");
    assert_ne!(app.document().map(|d| d.id.as_str()), Some(PEOPLES_DAILY));
}

/// Opens the treaty of the bundled corpus from the list.
fn open_other(app: &mut App) {
    press(app, "esc esc");
    open(app, TREATY);
}

#[test]
fn without_a_selection_the_window_offers_the_names_of_the_cursor_sentence() {
    let cache = cache();
    let mut app = app_in(&cache);
    open(&mut app, PEOPLES_DAILY);
    render(&mut app, &mut terminal(200, 50));
    // Block 2, its first sentence: the dateline's Moscow, then the armistice.
    press(&mut app, "j )");
    assert_eq!(
        app.parallel.cursor,
        Some(SentenceCursor {
            block: BlockNo(2),
            left: true,
            sentence: 0
        })
    );
    press(&mut app, "K");
    assert_eq!(app.concordance.suggestions, ["莫斯科", "朝鲜停战"]);
    assert_eq!(app.concordance.term, "莫斯科");
    press(&mut app, "tab");
    assert_eq!(app.concordance.term, "朝鲜停战");
    concordance_came(&mut app);
    let c = app.concordance.ready().expect("answered");
    assert_eq!(c.term, "朝鲜停战");
    assert_eq!(c.groups[0].occurrences.len(), 2);
}

#[test]
fn the_selection_is_the_term_from_the_select_bar() {
    let cache = cache();
    let mut app = app_in(&cache);
    open(&mut app, PEOPLES_DAILY);
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    // Block 2 in English: select "Korean armistice" by its characters.
    press(&mut app, "j");
    let doc = app.document().expect("open").clone();
    let en = doc.blocks[1].text.get(Lang::En).expect("en");
    let at = en.find("Korean armistice").expect("in block 2");
    let start = en[..at].chars().count();
    app.notes.selection = Some(lectern::tui::workspace::select::Selection {
        block: BlockNo(2),
        lang: Lang::En,
        anchor: start,
        head: start + "Korean armistice".chars().count() - 1,
    });
    app.overlays.push(lectern::tui::workspace::view::overlay(
        lectern::tui::workspace::Layer::Select,
    ));
    press(&mut app, "K");
    assert_eq!(app.overlays.top_name(), Some("concordance"));
    assert!(app.notes.selection.is_none(), "the selection ended");
    concordance_came(&mut app);
    let c = app.concordance.ready().expect("answered");
    assert_eq!(c.term, "Korean armistice");
    assert_eq!(c.groups[0].rendering.as_deref(), Some("朝鲜停战"));
}

fn treaties() -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parallel/treaties");
    let corpus = Corpus::load_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut app = app_with(corpus);
    app.citation.copier = osc52_only();
    app
}

/// Borea's treaty open, compared with Calyx's through the list's filter.
fn compared() -> App {
    let mut app = treaties();
    open(&mut app, "treaty-aster-borea");
    press(&mut app, "=");
    assert_eq!(app.overlays.top_name(), Some("compare"));
    type_text(&mut app, "calyx");
    press(&mut app, "enter");
    assert!(matches!(app.compare, CompareView::Showing(_)));
    app
}

#[test]
fn two_treaties_stand_side_by_side_article_by_article_with_the_changed_word_marked() {
    let mut app = compared();
    let CompareView::Showing(s) = &app.compare else {
        unreachable!("showing")
    };
    let labels: Vec<(Option<String>, Option<String>)> = (s.comparison.pairs)
        .iter()
        .map(|p| {
            (
                p.a.as_ref().map(|x| x.label.clone()),
                p.b.as_ref().map(|x| x.label.clone()),
            )
        })
        .collect();
    let art = |n: u32| Some(format!("Article {n}"));
    assert_eq!(labels[1], (art(1), art(1)));
    assert_eq!(labels[3], (art(3), art(3)), "by number, not by place");
    assert_eq!(labels.last(), Some(&(None, art(6))));
    // Article 2: "immediately" became "promptly".
    press(&mut app, "j j");
    let mut term = terminal(120, 40);
    render(&mut app, &mut term);
    insta::assert_snapshot!("compare_treaties_article_2_120x40", term.backend());
    let buf = term.backend().buffer();
    let styled = |word: &str, m: Modifier| {
        let rows = rows(&term);
        rows.iter().enumerate().any(|(y, row)| {
            row.find(word).is_some_and(|at| {
                let x = unicode_width::UnicodeWidthStr::width(&row[..at]) as u16;
                buf[(x, y as u16)].modifier.contains(m)
            })
        })
    };
    assert!(styled("immediately", Modifier::CROSSED_OUT));
    assert!(styled("promptly", Modifier::BOLD));
    assert!(!styled("assistance", Modifier::CROSSED_OUT));
}

#[test]
fn y_cites_the_side_chosen_with_its_pinpoint() {
    let mut app = compared();
    let borea = app.find_document("treaty-aster-borea").expect("loaded");
    let calyx = app.find_document("treaty-aster-calyx").expect("loaded");
    let corpus = std::sync::Arc::clone(&app.corpus);
    let docs = &corpus.documents;
    // Article 3: ¶7 in the first, ¶9 in the second.
    for _ in 0..3 {
        app.compare.update(Input::Action(Action::Down), docs);
    }
    let cite = Input::Action(Action::CopyCitation);
    assert_eq!(
        app.compare.update(cite, docs),
        vec![Effect::CopyCitationAt(borea, BlockNo(7))]
    );
    app.compare.update(Input::Side(true), docs);
    assert_eq!(
        app.compare.update(cite, docs),
        vec![Effect::CopyCitationAt(calyx, BlockNo(9))]
    );
    // By the keys: the copy goes out (OSC 52 here) and says what it cited.
    press(&mut app, "y");
    let status = status_text(&app);
    assert!(
        status.contains("citation of treaty-aster-calyx at Article 3"),
        "{status}"
    );
    assert!(!app.after_frame.is_empty(), "OSC 52 bytes for the terminal");
    // A side without a counterpart has nothing to cite.
    press(&mut app, "G");
    app.compare.update(Input::Side(false), docs);
    assert!(matches!(
        app.compare.update(cite, docs).as_slice(),
        [Effect::Info(_)]
    ));
    // Enter opens the side chosen at its block.
    press(&mut app, "l enter");
    render(&mut app, &mut terminal(120, 40));
    assert_eq!(app.overlays.top_name(), None);
    assert_eq!(
        app.document().map(|d| d.id.as_str()),
        Some("treaty-aster-calyx")
    );
    assert_eq!(app.reader.as_ref().map(|r| r.cursor), Some(BlockNo(13)));
}

#[test]
fn the_windows_draw_at_any_size_without_panicking() {
    let cache = cache();
    let mut app = concordance_of_armistice(&cache);
    for (w, h) in [(200, 50), (80, 24), (20, 5), (3, 2)] {
        let mut term = terminal(w, h);
        render(&mut app, &mut term);
    }
    let mut app = compared();
    for (w, h) in [(200, 50), (80, 24), (20, 5), (3, 2)] {
        let mut term = terminal(w, h);
        render(&mut app, &mut term);
    }
}
