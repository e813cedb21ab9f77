//! The search worker: opens the index off the calling thread, answers the newest query of a
//! burst, and finds every hit of a query in one document for the reader.

use lectern::corpus::Corpus;
use lectern::model::Lang;
use lectern::search::service::{Event, Service};
use lectern::search::{Hooks, Location};
use std::sync::Arc;
use std::time::Duration;

fn next(rx: &std::sync::mpsc::Receiver<Event>) -> Event {
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the worker answers")
}

#[test]
fn the_worker_opens_the_index_and_answers_the_latest_query() {
    let cache = tempfile::tempdir().expect("tempdir");
    let corpus = Arc::new(Corpus::bundled());
    let (service, rx) =
        Service::start_with_channel(corpus.clone(), Location::at(cache.path()), Hooks::default())
            .expect("the worker thread starts");
    for (generation, q) in ["金", "金日", "金日成"].iter().enumerate() {
        service.submit(*q, generation as u64, 10);
    }
    let mut ready = false;
    let mut answered = Vec::new();
    while answered.last() != Some(&2) {
        match next(&rx) {
            Event::Ready { notice } => {
                ready = true;
                assert!(notice.is_some_and(|n| n.contains("search index")));
            }
            Event::Results {
                generation,
                results,
            } => {
                assert!(ready, "results come after the index is ready");
                if generation == 2 {
                    assert!(!results.hits.is_empty());
                    for h in &results.hits {
                        assert!(
                            h.snippets.iter().any(|s| s
                                .highlights
                                .iter()
                                .any(|r| &s.text[r.clone()] == "金日成"))
                        );
                    }
                }
                answered.push(generation);
            }
            Event::Progress { .. } => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    // Requests sent while the index was being built wait for it; of those, only the newest
    // is run (how many were waiting depends on timing, so only the order is checked).
    assert!(answered.windows(2).all(|w| w[0] < w[1]), "{answered:?}");

    let doc = "1956-07-14-joint-communique-issued-soviet";
    let ix = corpus.ix(doc).expect("bundled");
    service.document_hits("金日成", ix, 3);
    match next(&rx) {
        Event::DocumentHits {
            generation,
            doc: answered,
            hits,
        } => {
            assert_eq!((generation, answered), (3, ix));
            let d = corpus.get(doc).expect("doc");
            assert!(!hits.is_empty());
            for h in &hits {
                let text = d
                    .block(h.block)
                    .and_then(|b| b.text.get(h.lang))
                    .expect("block text");
                assert_eq!(h.lang, Lang::Zh);
                for r in &h.ranges {
                    assert_eq!(&text[r.clone()], "金日成");
                }
            }
            let total: usize = hits.iter().map(|h| h.ranges.len()).sum();
            let expected: usize = d
                .blocks
                .iter()
                .filter_map(|b| b.text.get(Lang::Zh))
                .map(|t| t.matches("金日成").count())
                .sum();
            assert_eq!(total, expected);
        }
        other => panic!("unexpected {other:?}"),
    }
}
