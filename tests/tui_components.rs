//! The reader's components driven by `Action` values alone: each `update` changes only its own
//! state and returns what it asks of the others as `Effect` data, which these tests check
//! before `App::apply` carries it out.

mod tui_support;

use lectern::corpus::Corpus;
use lectern::tui::list::List;
use lectern::tui::panel::Panel;
use lectern::tui::{Action, BlockNo, DocIx, Effect};
use tui_support::*;

#[test]
fn opening_the_selected_document_is_asked_for_by_index_and_carried_out_by_the_app() {
    let mut app = app();
    app.list.update(Action::Down);
    let want = app
        .list
        .selected_doc()
        .unwrap_or_else(|| panic!("a second document"));
    let effects = app.list.update(Action::Open);
    assert_eq!(effects, vec![Effect::OpenDocument(want)]);
    assert!(
        app.reader.is_none(),
        "the list does not open the reader itself"
    );
    app.apply(effects);
    assert_eq!(app.reader.as_ref().map(|r| r.doc), Some(want));
}

#[test]
fn a_filter_that_matches_nothing_leaves_nothing_to_open_and_says_so() {
    let corpus = Corpus::bundled();
    let mut list = List::new(&corpus.documents);
    assert!(list.update(Action::Filter).is_empty());
    list.query.push_str("zzzz-no-such-document");
    list.refilter();
    assert!(list.shown.is_empty());
    assert_eq!(
        list.update(Action::Open),
        vec![Effect::Info("no document to open".into())]
    );
}

#[test]
fn the_list_asks_for_the_reader_and_the_app_goes_there_only_when_a_document_is_open() {
    let mut app = app();
    let effects = app.list.update(Action::FocusNext);
    assert_eq!(effects, vec![Effect::ShowReader]);
    app.apply(effects);
    assert_eq!(
        app.screen,
        lectern::tui::focus::Screen::List,
        "nothing is open"
    );
    assert_eq!(
        app.list.update(Action::Timeline),
        vec![Effect::OpenTimeline]
    );
}

#[test]
fn the_panel_sends_the_reader_to_the_block_of_its_selected_footnote() {
    let corpus = Corpus::bundled();
    let (ix, doc) = corpus
        .documents
        .iter()
        .enumerate()
        .find(|(_, d)| d.footnotes.iter().any(|f| f.block > BlockNo::TITLE))
        .unwrap_or_else(|| panic!("the bundled corpus has a document with a footnote"));
    let note = doc
        .footnotes
        .iter()
        .find(|f| f.block > BlockNo::TITLE)
        .unwrap_or_else(|| panic!("found above"));
    let mut panel = Panel::default();
    panel.show_footnote(note.id.clone());
    assert_eq!(
        panel.update(Action::Open, true, Some(doc)),
        vec![Effect::MoveCursor(note.block), Effect::FocusPanel(false)]
    );
    // Through the app: the reader's cursor lands on the note's block.
    let mut app = app();
    app.apply(vec![Effect::OpenDocument(DocIx(ix))]);
    app.apply(vec![Effect::MoveCursor(note.block)]);
    assert_eq!(app.reader.as_ref().map(|r| r.cursor), Some(note.block));
}

#[test]
fn panel_keys_scroll_the_panel_and_hand_the_focus_back_as_an_effect() {
    let corpus = Corpus::bundled();
    let mut panel = Panel::default();
    assert!(
        panel
            .update(Action::PageDown, true, corpus.documents.first())
            .is_empty()
    );
    assert_eq!(panel.scroll, 10);
    assert_eq!(
        panel.update(Action::TogglePanel, true, None),
        vec![Effect::FocusPanel(false)]
    );
    assert!(!panel.open, "a wide panel closes itself");
    assert_eq!(
        panel.update(Action::NextFootnote, false, None),
        vec![Effect::NextFootnote]
    );
}

#[test]
fn a_copy_without_a_worker_comes_back_as_terminal_bytes_and_a_status_line() {
    use lectern::tui::status::Level;
    let mut app = app();
    open(&mut app, TREATY);
    let mut term = terminal(120, 40);
    render(&mut app, &mut term);
    // OSC 52 alone never blocks: the copy is done at once, and its outcome is data.
    app.citation.copier = osc52_only();
    let tx = app.sender();
    let reader = app.reader.as_ref();
    let effects = app
        .citation
        .update(Action::CopyCitation, &app.corpus.documents, reader, &tx);
    match effects.as_slice() {
        [
            Effect::WriteTerminal(bytes),
            Effect::Status(Level::Info, line),
        ] => {
            assert!(bytes.starts_with(b"\x1b]52;"), "OSC 52 bytes: {bytes:?}");
            assert!(line.contains("citation"), "{line}");
        }
        other => panic!("a copy's effects: {other:?}"),
    }
    assert!(
        app.after_frame.is_empty(),
        "nothing is written until the app applies it"
    );
}

// Search, driven by messages: results arrive as `Msg::Search`, keys and `n`/`N` come back as
// effects the test reads before the app applies them.

use lectern::search::highlight::BlockHits;
use lectern::search::{Event, Hit, SearchResults};
use lectern::tui::Msg;
use lectern::tui::search::SearchContext;

fn hit(app: &lectern::tui::App, doc: &str, block: usize) -> Hit {
    let d = app
        .corpus
        .get(doc)
        .unwrap_or_else(|| panic!("{doc} is bundled"));
    Hit {
        doc_id: doc.into(),
        title: d.id.clone(),
        kind: d.kind,
        date: d.date(),
        block: BlockNo(block),
        score: 1.0,
        snippets: Vec::new(),
    }
}

/// Types `query` into the search window (no worker: it is "sent" at once) and posts the
/// answer `hits` as the worker would.
fn search_answered(app: &mut lectern::tui::App, query: &str, hits: Vec<Hit>) {
    app.search.open = true;
    type_text(app, query);
    let generation = app.search.sent;
    let results = SearchResults {
        query: query.into(),
        total: hits.len(),
        hits,
        notes: Vec::new(),
        own: Vec::new(),
    };
    app.handle(Msg::Search(Event::Results {
        generation,
        results,
    }));
}

/// The worker's answer with every hit of the query in the document just opened.
fn document_hits(app: &mut lectern::tui::App, blocks: &[usize]) -> Vec<Effect> {
    let rh = app
        .search
        .reader_hits
        .as_ref()
        .unwrap_or_else(|| panic!("a result was opened"));
    let (generation, doc) = (rh.generation, rh.doc);
    let hits = blocks
        .iter()
        .map(|&block| BlockHits {
            block: BlockNo(block),
            lang: lectern::model::Lang::En,
            ranges: vec![0..1, 2..3],
        })
        .collect();
    let ev = Event::DocumentHits {
        generation,
        doc,
        hits,
    };
    let tx = app.sender();
    let ctx = SearchContext {
        corpus: &app.corpus,
        ids: app.corpus.ids(),
        keymap: &app.keymap,
        reader: None,
        tx: &tx,
    };
    app.search.event(ev, &ctx)
}

fn step_hit(app: &mut lectern::tui::App, forward: bool) -> Vec<Effect> {
    let at = app.reader_at();
    let tx = app.sender();
    let ctx = SearchContext {
        corpus: &app.corpus,
        ids: app.corpus.ids(),
        keymap: &app.keymap,
        reader: at.as_ref(),
        tx: &tx,
    };
    app.search.step_hit(forward, &ctx)
}

fn infos(effects: &[Effect]) -> String {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Info(t) => Some(t.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn search_results_arriving_as_a_message_are_opened_by_index_and_their_hits_come_back_as_highlights()
{
    let mut app = app();
    let journal = "1960-09-14-journal-soviet-ambassador-dprk";
    let hits = vec![hit(&app, journal, 3)];
    search_answered(&mut app, "treaty", hits);
    assert_eq!(
        app.search.results.as_ref().map(|r| r.hits.len()),
        Some(1),
        "the answer to the query sent is kept"
    );
    let effects = app.search.action(Action::Open);
    let want = app
        .corpus
        .ids()
        .get(journal)
        .unwrap_or_else(|| panic!("bundled"));
    assert_eq!(effects[0], Effect::OpenAt(want, BlockNo(3)));
    assert!(!app.search.open, "enter closes the window");
    assert!(
        app.reader.is_none(),
        "search does not open the reader itself"
    );
    app.apply(effects);
    assert_eq!(app.reader.as_ref().map(|r| r.doc), Some(want));
    let effects = document_hits(&mut app, &[3, 7]);
    match effects.as_slice() {
        [Effect::Highlight { doc, owner, marks }, Effect::Info(line)] => {
            assert_eq!((*doc, *owner), (want, "search"));
            assert_eq!(marks.len(), 4, "two ranges in each of two blocks");
            assert_eq!(marks[0].style, "search_hit_current", "the hit opened");
            assert_eq!(marks[1].style, "search_hit_current");
            assert_eq!(marks[2].style, "search_hit");
            assert!(line.starts_with("hit 1 of 2"), "{line}");
        }
        other => panic!("effects of the document's hits: {other:?}"),
    }
}

#[test]
fn n_goes_on_past_the_last_hit_to_the_next_document_of_the_results_and_says_when_it_wraps() {
    let mut app = app();
    let mut term = terminal(120, 40);
    let (journal, treaty) = ("1960-09-14-journal-soviet-ambassador-dprk", TREATY);
    let hits = vec![hit(&app, journal, 2), hit(&app, treaty, 4)];
    search_answered(&mut app, "friendship", hits);
    press(&mut app, "enter");
    render(&mut app, &mut term);
    let (j, t) = (app.corpus.ids().get(journal), app.corpus.ids().get(treaty));
    assert_eq!(app.reader.as_ref().map(|r| r.doc), j);
    let e = document_hits(&mut app, &[2]);
    app.apply(e);
    // The journal's only hit is where the cursor is: n goes on to the treaty.
    let effects = step_hit(&mut app, true);
    assert_eq!(
        effects.first(),
        t.map(|t| Effect::OpenAt(t, BlockNo(4))).as_ref(),
        "{effects:?}"
    );
    assert!(
        infos(&effects).contains("result document 2 of 2"),
        "{effects:?}"
    );
    app.apply(effects);
    render(&mut app, &mut term);
    assert_eq!(app.reader.as_ref().map(|r| r.doc), t);
    let e = document_hits(&mut app, &[4]);
    app.apply(e);
    // Past the treaty, the last document: round to the first result, and said so.
    let effects = step_hit(&mut app, true);
    assert_eq!(
        effects.first(),
        j.map(|j| Effect::OpenAt(j, BlockNo(2))).as_ref()
    );
    assert!(
        infos(&effects).contains("wrapped to the first result"),
        "{effects:?}"
    );
    app.apply(effects);
    render(&mut app, &mut term);
    let e = document_hits(&mut app, &[2]);
    app.apply(e);
    // And N from the first goes back round to the last.
    let effects = step_hit(&mut app, false);
    assert_eq!(
        effects.first(),
        t.map(|t| Effect::OpenAt(t, BlockNo(4))).as_ref()
    );
    assert!(
        infos(&effects).contains("wrapped to the last result"),
        "{effects:?}"
    );
}

#[test]
fn n_inside_a_document_alone_in_the_results_wraps_and_says_so() {
    let mut app = app();
    let mut term = terminal(120, 40);
    let hits = vec![hit(&app, TREATY, 2)];
    search_answered(&mut app, "treaty", hits);
    press(&mut app, "enter");
    render(&mut app, &mut term);
    let e = document_hits(&mut app, &[2, 5]);
    app.apply(e);
    let effects = step_hit(&mut app, true);
    assert_eq!(effects.first(), Some(&Effect::MoveCursor(BlockNo(5))));
    app.apply(effects);
    let effects = step_hit(&mut app, true);
    assert_eq!(effects.first(), Some(&Effect::MoveCursor(BlockNo(2))));
    assert!(
        infos(&effects).contains("hit 1 of 2 · wrapped to the first hit"),
        "{effects:?}"
    );
}

// Links, driven by actions.

use lectern::tui::links::LinkContext;

fn link_update(app: &mut lectern::tui::App, action: Action) -> Vec<Effect> {
    let at = app.reader_at();
    let ctx = LinkContext {
        corpus: &app.corpus,
        ids: app.corpus.ids(),
        reader: at.as_ref(),
    };
    app.link.update(action, &ctx)
}

fn moved_to(effects: &[Effect]) -> BlockNo {
    match effects.first() {
        Some(Effect::MoveCursor(b)) => *b,
        other => panic!("tab moves the cursor to the link: {other:?}"),
    }
}

#[test]
fn tab_selects_the_first_link_from_the_cursor_block_not_the_one_after_the_last_selected() {
    let (mut app, mut term) = reading(PEOPLES_DAILY, 160, 40);
    let stops = app.link_stops();
    let mut blocks: Vec<BlockNo> = stops.iter().map(|s| s.block).collect();
    blocks.dedup();
    assert!(
        blocks.len() >= 3,
        "links in three blocks at least: {blocks:?}"
    );
    // A link selected at the top, then the cursor moves down to the third linked block.
    let first = link_update(&mut app, Action::NextLink);
    assert_eq!(moved_to(&first), blocks[0]);
    app.apply(first);
    app.apply(vec![Effect::MoveCursor(blocks[2])]);
    render(&mut app, &mut term);
    let next = link_update(&mut app, Action::NextLink);
    assert_eq!(moved_to(&next), blocks[2], "from the cursor block");
    // After G, the next link is one on screen or below, never back at the top.
    app.apply(next);
    press(&mut app, "G");
    render(&mut app, &mut term);
    let at = app.reader_at().unwrap_or_else(|| panic!("open"));
    let after_g = moved_to(&link_update(&mut app, Action::NextLink));
    assert!(
        after_g >= at.visible.start,
        "after G: {after_g} is above the screen {:?}",
        at.visible
    );
}

#[test]
fn a_name_in_both_columns_is_one_tab_stop() {
    let (mut app, _term) = reading(PEOPLES_DAILY, 160, 40);
    let doc = app.reader.as_ref().unwrap_or_else(|| panic!("open")).doc;
    let mentions = app.corpus.links.in_document(doc).count();
    let mut pairs: Vec<(BlockNo, lectern::refs::Target)> = (app.corpus.links.in_document(doc))
        .map(|m| (m.block, m.target))
        .collect();
    pairs.sort_by_key(|(b, t)| (*b, format!("{t:?}")));
    pairs.dedup();
    assert!(
        pairs.len() < mentions,
        "names appear in both columns: {mentions} mentions"
    );
    let effects = link_update(&mut app, Action::NextLink);
    let line = infos(&effects);
    assert!(
        line.starts_with(&format!("link 1 of {}:", pairs.len())),
        "{line}"
    );
    // The stop marks the name in both columns.
    let both = app
        .link_stops()
        .into_iter()
        .find(|s| s.marks.iter().any(|(l, _)| *l != s.marks[0].0))
        .unwrap_or_else(|| panic!("a stop with marks in two languages"));
    assert!(both.marks.len() >= 2);
}

#[test]
fn backlinks_are_followable_from_the_reader_as_an_effect_and_open_the_mention() {
    let (mut app, _term) = reading(TREATY, 200, 50);
    let effects = link_update(&mut app, Action::Backlinks);
    let treaty = app
        .corpus
        .ids()
        .get(TREATY)
        .unwrap_or_else(|| panic!("bundled"));
    assert_eq!(effects, vec![Effect::ShowBacklinks(treaty)]);
    app.apply(effects);
    assert_eq!(app.top_window(), Some("backlinks"));
    press(&mut app, "enter");
    assert!(app.overlays.is_empty());
    let opened = app.document().map(|d| d.id.clone()).unwrap_or_default();
    assert!(
        opened != TREATY && !opened.is_empty(),
        "a mention elsewhere opens: {opened}"
    );
    // The way back is in the link history.
    press(&mut app, "backspace");
    assert_eq!(app.document().map(|d| d.id.as_str()), Some(TREATY));
}

// The reader, driven by `Action` values alone: `ReaderState::update` moves its own cursor and
// returns what it asks of the panel, the links and the status line as effects.

use lectern::model::Document;
use lectern::tui::reader::ReaderContext;
use lectern::tui::reader::state::ReaderState;

/// The first bundled document with a footnote on a block (not the title), its index and
/// that footnote's id and block.
fn footnoted(corpus: &Corpus) -> (DocIx, &Document, String, BlockNo) {
    let (ix, doc) = corpus
        .documents
        .iter()
        .enumerate()
        .find(|(_, d)| d.footnotes.iter().any(|f| f.block > BlockNo::TITLE))
        .unwrap_or_else(|| panic!("the bundled corpus has a document with a footnote"));
    let note = (doc.footnotes.iter().find(|f| f.block > BlockNo::TITLE))
        .unwrap_or_else(|| panic!("found above"));
    (DocIx(ix), doc, note.id.clone(), note.block)
}

fn reader_ctx(doc: &Document, wide: bool) -> ReaderContext<'_> {
    ReaderContext {
        doc,
        wide,
        panel_open: false,
        selected_footnote: None,
    }
}

#[test]
fn the_reader_moves_its_own_cursor_and_asks_for_the_rest_as_effects() {
    let corpus = Corpus::bundled();
    let (ix, doc, _, _) = footnoted(&corpus);
    let mut reader = ReaderState::open(ix, doc);
    reader.prepare(doc, 120, 30);
    let ctx = reader_ctx(doc, true);
    assert_eq!(reader.update(Action::Down, &ctx), vec![]);
    assert_eq!(reader.cursor, BlockNo(2), "a move is the reader's own");
    let effects = reader.update(Action::CycleView, &ctx);
    assert_eq!(
        effects,
        vec![
            Effect::Info(format!("view: {}", reader.view.label())),
            Effect::ViewChanged
        ]
    );
    assert_eq!(reader.update(Action::Back, &ctx), vec![Effect::CloseReader]);
    // Beside the text the panel toggles; on a narrow screen it takes the keys.
    assert_eq!(
        reader.update(Action::TogglePanel, &ctx),
        vec![Effect::ShowPanel(true)]
    );
    assert_eq!(
        reader.update(Action::TogglePanel, &reader_ctx(doc, false)),
        vec![Effect::ShowPanel(true), Effect::FocusPanel(true)]
    );
}

#[test]
fn the_next_footnote_moves_the_cursor_to_its_block_and_asks_the_panel_to_show_it() {
    let corpus = Corpus::bundled();
    let (ix, doc, id, block) = footnoted(&corpus);
    let mut reader = ReaderState::open(ix, doc);
    reader.prepare(doc, 120, 30);
    let shown = vec![
        Effect::Info(format!("footnote {id} (block {block})")),
        Effect::ShowFootnote(id.clone()),
    ];
    assert_eq!(
        reader.update(Action::NextFootnote, &reader_ctx(doc, true)),
        shown
    );
    assert_eq!(reader.cursor, block);
    // Narrow: the panel takes the place of the text, and the keys with it.
    reader.cursor = BlockNo(1);
    let mut narrow = shown.clone();
    narrow.push(Effect::FocusPanel(true));
    assert_eq!(
        reader.update(Action::NextFootnote, &reader_ctx(doc, false)),
        narrow
    );
    // Enter on a block without a footnote says so, and nothing moves.
    let bare = (1..=doc.blocks.len())
        .map(BlockNo)
        .find(|b| doc.footnotes.iter().all(|f| f.block != *b))
        .unwrap_or_else(|| panic!("a block without a footnote"));
    reader.cursor = bare;
    assert_eq!(
        reader.update(Action::Open, &reader_ctx(doc, true)),
        vec![Effect::Info(format!("block {bare} has no footnote"))]
    );
    assert_eq!(reader.cursor, bare);
}

#[test]
fn a_click_on_the_text_selects_its_block_and_asks_for_the_sentence_under_it() {
    let corpus = Corpus::bundled();
    let (ix, doc, _, _) = footnoted(&corpus);
    let mut reader = ReaderState::open(ix, doc);
    reader.prepare(doc, 120, 30);
    // The first row on screen that has text, and the column where that text starts.
    let (y, row) = (reader.layout.rows.iter().enumerate())
        .find(|(_, r)| r.block > 0 && r.parts.iter().flatten().any(|p| !p.range.is_empty()))
        .unwrap_or_else(|| panic!("a row of text"));
    let part = row.parts.iter().flatten().find(|p| !p.range.is_empty());
    let part = part.unwrap_or_else(|| panic!("found above"));
    let (x, _) = reader.layout.geometry.slot(part.slot);
    let (block, start) = (row.block_no(), part.range.start as usize);
    let effects = reader.click(x, y as u16, &reader_ctx(doc, true));
    assert_eq!(reader.cursor, block);
    match effects.as_slice() {
        [Effect::SentenceClicked { block: b, at, .. }] => {
            assert_eq!(*b, block);
            assert_eq!(*at, start, "the first char of the line");
        }
        // A footnote marker at the very start of the line is a footnote, not a sentence.
        [Effect::Info(_), Effect::ShowFootnote(_)] => {}
        other => panic!("a click asks for a sentence or a footnote, got {other:?}"),
    }
    assert_eq!(
        reader.click(x, 10_000, &reader_ctx(doc, true)),
        vec![],
        "below the text"
    );
}

#[test]
fn the_app_carries_out_what_the_reader_asked_the_panel() {
    let mut app = app();
    let (ix, id) = {
        let (ix, _, id, _) = footnoted(&app.corpus);
        (ix, id)
    };
    app.open_document(ix);
    app.apply(vec![
        Effect::ShowPanel(true),
        Effect::ShowFootnote(id.clone()),
    ]);
    assert!(app.panel.open);
    assert_eq!(app.panel.selected_footnote.as_deref(), Some(id.as_str()));
    app.apply(vec![Effect::CloseReader]);
    assert_eq!(app.screen, lectern::tui::focus::Screen::List);
}
