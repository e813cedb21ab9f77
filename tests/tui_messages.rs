//! The reader driven through `Action` and `Msg` values alone, no key presses: what the
//! workers send back (search results, the hits in a document, a copy's outcome, a worker that
//! stopped) is read off the loop's channel as data and checked before the reader handles it.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use lectern::cite::{self, Pinpoint, Style};
use lectern::clipboard::Channel;
use lectern::search::{AliasExpander, Event, Hooks, Location};
use lectern::tui::search::state::{HooksOverride, IndexStatus};
use lectern::tui::workers::WorkerKind;
use lectern::tui::{Action, App, BlockNo, Msg};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tui_support::*;

/// Reads the loop's messages, handing each to the app, until `want` picks one out (which is
/// returned unhandled). Fails after [`PATIENCE`].
fn until<T>(app: &mut App, what: &str, mut want: impl FnMut(&Msg) -> Option<T>) -> (T, Msg) {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        let Some(msg) = app.next_msg(Duration::from_millis(50)) else {
            continue;
        };
        if let Some(found) = want(&msg) {
            return (found, msg);
        }
        app.handle(msg);
    }
    panic!(
        "no message {what} came back; search state: {:?}",
        app.search
    )
}

fn type_query(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle(Msg::SearchKey(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
}

/// The ids of the documents with a block whose text holds `needle`, by a plain scan.
fn holding(app: &App, needle: &str) -> Vec<String> {
    app.docs()
        .iter()
        .filter(|d| {
            d.blocks
                .iter()
                .any(|b| b.text.0.values().any(|t| t.contains(needle)))
        })
        .map(|d| d.id.clone())
        .collect()
}

#[test]
fn a_query_comes_back_as_results_and_opening_a_hit_as_the_hits_of_its_document() {
    let dir = cache();
    let mut app = app();
    app.search.location = Some(Location::at(dir.path()));
    app.update(Action::Search);
    type_query(&mut app, "兴南");

    // The debounce timer answers with the edit it waited for: the last one.
    let (edit, msg) = until(&mut app, "from the debounce timer", |m| match m {
        Msg::SearchDue(edit) => Some(*edit),
        _ => None,
    });
    assert_eq!(edit, app.search.edit, "only the last edit is due");
    app.handle(msg);

    let (results, msg) = until(&mut app, "with results", |m| match m {
        Msg::Search(Event::Results {
            generation,
            results,
        }) => Some((*generation, results.clone())),
        _ => None,
    });
    let (generation, results) = results;
    assert_eq!(generation, app.search.sent, "the answer to the query sent");
    assert_eq!(results.query, "兴南");
    let mut found: Vec<String> = results.hits.iter().map(|h| h.doc_id.clone()).collect();
    found.sort();
    found.dedup();
    let mut expected = holding(&app, "兴南");
    expected.sort();
    assert!(!expected.is_empty(), "the bundled corpus names 兴南");
    assert_eq!(
        found, expected,
        "every document that holds the word, and no other"
    );
    app.handle(msg);

    let opened = results.hits[0].doc_id.clone();
    app.handle(Msg::SearchAction(Action::Open));
    let (doc_id, _) = until(&mut app, "with the hits in the document", |m| match m {
        Msg::Search(Event::DocumentHits { doc, hits, .. }) => {
            assert!(!hits.is_empty(), "the opened document has hits");
            Some(*doc)
        }
        _ => None,
    });
    assert_eq!(app.corpus.documents[doc_id].id, opened);
    assert_eq!(app.document().map(|d| d.id.clone()), Some(opened));
}

#[test]
fn a_copy_inside_tmux_comes_back_as_its_outcome() {
    let mut app = app();
    app.citation.copier = unrunnable_tmux();
    let i = app
        .find_document(TREATY)
        .unwrap_or_else(|| panic!("the treaty is bundled"));
    app.open_document(i);
    app.update(Action::CopyCitation);
    let (done, _) = until(&mut app, "from the copy", |m| match m {
        Msg::Copied(done) => Some((
            done.what.clone(),
            done.text.clone(),
            done.result.as_ref().ok().cloned(),
        )),
        _ => None,
    });
    let (what, text, report) = done;
    let doc = &app.docs()[i.0];
    let expected = cite::render(doc, Style::Treaty, Some(&Pinpoint::Block(BlockNo(1))))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(what, "Treaty (OSCOLA) citation at ¶1");
    assert_eq!(text, expected);
    let report = report.unwrap_or_else(|| panic!("OSC 52 needs nothing to run"));
    assert!(
        matches!(report.via.as_slice(), [Channel::Osc52 { .. }]),
        "{report:?}"
    );
    assert!(
        report.failed.iter().any(|(c, _)| *c == Channel::TmuxBuffer),
        "{report:?}"
    );
}

/// Search hooks whose alias lookup panics: a bug inside the search worker.
struct Broken;

impl AliasExpander for Broken {
    fn alternatives(&self, _term: &str) -> Vec<String> {
        panic!("alias table is broken")
    }
}

#[test]
fn a_search_worker_that_panics_is_reported_and_the_reader_goes_on() {
    let dir = cache();
    let mut app = app();
    app.search.location = Some(Location::at(dir.path()));
    app.search.hooks = HooksOverride(Some(Hooks {
        aliases: Some(Arc::new(Broken)),
        mentions: None,
        own: None,
    }));
    app.update(Action::Search);
    type_query(&mut app, "Moscow");

    let (message, msg) = until(&mut app, "saying the worker stopped", |m| match m {
        Msg::WorkerStopped { worker, message } => {
            assert_eq!(*worker, WorkerKind::Search);
            Some(message.clone())
        }
        _ => None,
    });
    assert!(message.contains("alias table is broken"), "{message}");
    app.handle(msg);
    let status = status_text(&app);
    assert!(
        status.starts_with("search stopped: alias table is broken")
            && status.ends_with("press / to retry"),
        "{status}"
    );
    assert!(app.search.worker.is_none());

    // The reader keeps drawing, and the search window shows why search stopped.
    let mut term = terminal(100, 30);
    render(&mut app, &mut term);
    let screen = rows(&term).join("\n");
    assert!(screen.contains("search stopped"), "{screen}");

    // `/` starts a new worker (here with the registry's hooks again).
    app.search.hooks = HooksOverride(None);
    press(&mut app, "esc");
    app.update(Action::Search);
    assert!(app.search.worker.is_some());
    assert_eq!(app.search.index, IndexStatus::Opening);

    // And `q` still quits.
    press(&mut app, "esc q");
    assert!(app.should_quit);
}
