//! The reader over a cached corpus opened lazily (heads only; bodies and mentions read when
//! shown): it gives the same documents, links and screens as the corpus read whole, and
//! using it reads the bodies it shows, not every body. A large corpus's list filter runs on a
//! worker and takes only the latest answer.

mod corpus_support;
mod tui_support;

use lectern::corpus::Corpus;
use lectern::model::Document;
use lectern::refs::Target;
use lectern::search::synth::Generator;
use lectern::tui::Msg;
use lectern::tui::list::List;
use std::time::Duration;
use tui_support::{app_with, press, render, rows, terminal, type_text};

/// The bundled seeds and registry plus `n` synthetic documents.
fn corpus_dir(n: usize) -> tempfile::TempDir {
    corpus_support::seeded_dir(n, 5)
}

#[test]
fn a_lazy_corpus_answers_as_the_corpus_read_whole() {
    let dir = corpus_dir(25);
    let root = tempfile::tempdir().expect("cache");
    let whole = Corpus::load_dir(dir.path()).expect("whole");
    let lazy = corpus_support::lazy(dir.path(), root.path());
    assert!(lazy.documents.is_lazy());
    assert_eq!(lazy.documents.len(), whole.documents.len());
    for (i, doc) in whole.documents.iter().enumerate() {
        assert_eq!(lazy.documents.id(i), Some(doc.id.as_str()));
        assert_eq!(lazy.documents.get(i), Some(doc), "document {i}");
        assert_eq!(lazy.get(&doc.id), Some(doc));
        let ix = lectern::model::DocIx(i);
        let a: Vec<_> = lazy.links.in_document(ix).collect();
        let b: Vec<_> = whole.links.in_document(ix).collect();
        assert_eq!(a, b, "mentions in {}", doc.id);
        assert_eq!(
            lazy.links.backlinks(&lazy.registry, &lazy.documents, ix),
            whole.links.backlinks(&whole.registry, &whole.documents, ix)
        );
    }
    let targets = (0..whole.registry.instruments.len())
        .map(Target::Instrument)
        .chain((0..whole.registry.entities.len()).map(Target::Entity));
    let mut any = 0;
    for t in targets {
        let a: Vec<_> = lazy.links.of_target(t).collect();
        let b: Vec<_> = whole.links.of_target(t).collect();
        assert_eq!(a, b, "mentions of {t:?}");
        assert_eq!(
            lazy.links.documents_mentioning(t),
            whole.links.documents_mentioning(t)
        );
        any += a.len();
    }
    assert!(any > 0, "the seeds mention the registry");
    assert_eq!(lazy.documents.heads(), whole.documents.heads());
    assert!(
        !lazy.documents.read_in_full(),
        "nothing asked for every body"
    );
    assert!(lazy.get("no-such-document").is_none());
}

#[test]
fn the_reader_over_a_lazy_corpus_draws_the_same_screens_and_reads_only_what_it_shows() {
    let dir = corpus_dir(25);
    let root = tempfile::tempdir().expect("cache");
    let mut lazy_app = app_with(corpus_support::lazy(dir.path(), root.path()));
    let mut whole_app = app_with(Corpus::load_dir(dir.path()).expect("whole"));
    let steps: [(&str, &str); 6] = [
        ("", ""),
        ("f", "treaty"),
        ("enter", ""),
        ("j j j", ""),
        ("tab", ""),
        ("esc", ""),
    ];
    for (keys, text) in steps {
        for app in [&mut lazy_app, &mut whole_app] {
            press(app, keys);
            type_text(app, text);
        }
        let (mut a, mut b) = (terminal(100, 30), terminal(100, 30));
        render(&mut lazy_app, &mut a);
        render(&mut whole_app, &mut b);
        assert_eq!(rows(&a), rows(&b), "after '{keys}' '{text}'");
    }
    assert!(lazy_app.document().is_some(), "a document is open");
    let docs = &lazy_app.corpus.documents;
    assert!(!docs.read_in_full(), "the reader never read every body");
    assert!(
        docs.bodies_loaded() <= 3,
        "{} bodies read to show one document",
        docs.bodies_loaded()
    );
}

#[test]
fn a_large_list_is_filtered_on_a_worker_and_only_the_latest_answer_is_taken() {
    let n = lectern::tui::list::state::FILTER_ON_WORKER_FROM;
    let docs: Vec<Document> = Generator::new().documents(n, 200, 9).collect();
    let corpus = Corpus::from_documents(docs);
    let mut inline = List::new(&corpus.documents);
    let mut list = List::new(&corpus.documents);
    let (tx, rx) = std::sync::mpsc::channel();
    list.filter_on_worker(tx);
    let everything = list.shown.clone();
    assert_eq!(everything.len(), n);
    for c in "tre".chars() {
        list.query.push(c);
        list.refilter();
    }
    assert_eq!(
        list.shown, everything,
        "the list waits for the worker's answer"
    );
    inline.query = "tre".into();
    inline.refilter();
    // Answers to "t" and "tr" may come first; only the one to the latest query is taken.
    loop {
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(Msg::ListFiltered {
                generation,
                shown,
                complete,
            }) => {
                list.filtered(generation, shown, complete);
                if !list.partial() && (list.shown != everything || inline.shown == everything) {
                    break;
                }
            }
            Ok(_) => {}
            Err(e) => panic!("no answer from the filter worker: {e}"),
        }
    }
    assert_eq!(list.shown, inline.shown);
    assert!(!list.shown.is_empty() && list.shown.len() < n);
    // A stale answer (to an older query) changes nothing.
    list.filtered(0, Vec::new(), true);
    assert_eq!(list.shown, inline.shown);
}

#[test]
fn a_worker_narrowing_each_longer_query_gives_every_answer_a_full_filter_gives() {
    let n = lectern::tui::list::state::FILTER_ON_WORKER_FROM;
    let docs: Vec<Document> = Generator::new().documents(n, 200, 11).collect();
    let corpus = Corpus::from_documents(docs);
    let mut inline = List::new(&corpus.documents);
    let mut list = List::new(&corpus.documents);
    let (tx, rx) = std::sync::mpsc::channel();
    list.filter_on_worker(tx);
    // Each answer, and the first rows the worker sent before it, if it did.
    let answer_to = |list: &mut List, query: &str| {
        list.query = query.into();
        list.refilter();
        let mut first = None;
        while list.waiting() || list.partial() {
            match rx.recv_timeout(Duration::from_secs(60)) {
                Ok(Msg::ListFiltered {
                    generation,
                    shown,
                    complete,
                }) => {
                    list.filtered(generation, shown, complete);
                    if list.partial() {
                        first = Some(list.shown.clone());
                    }
                }
                Ok(_) => {}
                Err(e) => panic!("no answer from the filter worker: {e}"),
            }
        }
        (list.shown.clone(), first)
    };
    // Typed on a key at a time (each answer narrows the last), a second word, typos, then
    // erased back: each answer is the one the whole list filtered afresh gives.
    let typed = "friendshp treaty jsa";
    let mut queries: Vec<String> = (1..=typed.len()).map(|k| typed[..k].to_string()).collect();
    queries.extend((1..typed.len()).rev().map(|k| typed[..k].to_string()));
    queries.extend(["sov", "sovet", "sovi", "朝", "朝鲜"].map(String::from));
    let mut matched_some = false;
    let mut firsts = 0;
    for q in &queries {
        let (got, first) = answer_to(&mut list, q);
        inline.query = q.clone();
        inline.refilter();
        assert_eq!(got, inline.shown, "query {q:?}");
        matched_some |= !got.is_empty() && got.len() < n;
        // The first rows sent ahead are the whole ranking's first rows, enough to fill the
        // screen and a page.
        if let Some(first) = first {
            assert!(first.len() >= 2 * list.height.max(1), "query {q:?}");
            assert_eq!(
                first[..],
                inline.shown[..first.len()],
                "first rows of {q:?}"
            );
            firsts += 1;
        }
    }
    assert!(matched_some);
    assert!(
        firsts > 0,
        "no query's first rows came ahead of its ranking"
    );
}

/// The reader's background jobs after its first screen wait for the filter's haystacks
/// (`List::warm_then`): started once they are made, never lost when a query typed at once
/// takes the warm-up's place on the worker, and then after that query's answer.
#[test]
fn the_jobs_after_the_warm_up_start_once_and_after_a_query_that_came_first() {
    use lectern::tui::status::Level;
    let n = lectern::tui::list::state::FILTER_ON_WORKER_FROM;
    let docs: Vec<Document> = Generator::new().documents(n, 200, 13).collect();
    let corpus = Corpus::from_documents(docs);
    let marker = |tx: &std::sync::mpsc::Sender<Msg>| {
        let tx = tx.clone();
        Box::new(move || {
            let _ = tx.send(Msg::Status(Level::Info, "follow-up".into()));
        })
    };
    let next = |rx: &std::sync::mpsc::Receiver<Msg>| {
        rx.recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|e| panic!("nothing from the worker: {e}"))
    };
    // Alone: the follow-up runs.
    let mut list = List::new(&corpus.documents);
    let (tx, rx) = std::sync::mpsc::channel();
    list.filter_on_worker(tx.clone());
    list.warm_then(marker(&tx));
    assert!(matches!(next(&rx), Msg::Status(_, t) if t == "follow-up"));
    // A query sent at once, which may take the warm-up's place on the worker: answered, and
    // the follow-up still runs, once.
    let mut list = List::new(&corpus.documents);
    let (tx, rx) = std::sync::mpsc::channel();
    list.filter_on_worker(tx.clone());
    list.warm_then(marker(&tx));
    list.query = "tre".into();
    list.refilter();
    drop(list);
    drop(tx);
    // Every message, until the worker and the follow-up have let go of the channel.
    let all: Vec<Msg> = rx.iter().collect();
    let follow_ups = (all.iter())
        .filter(|m| matches!(m, Msg::Status(_, t) if t == "follow-up"))
        .count();
    assert_eq!(follow_ups, 1, "the follow-up runs once");
    assert!(
        (all.iter()).any(
            |m| matches!(m, Msg::ListFiltered { complete: true, shown, .. } if !shown.is_empty())
        ),
        "the query is answered"
    );
}
