//! The reader's long lists read by position (issue 10): a card's mentions, a document's
//! backlinks and the timeline give, row by row, exactly the full lists in their order, with
//! exact counts, over a corpus in memory and one read lazily from the cache; and over a lazy
//! corpus the concordance and a `mentions:` filter read only the bodies they need.

mod corpus_support;

use lectern::corpus::MentionList;
use lectern::corpus::timeline::{Entry, Item, Timeline, timeline};
use lectern::corpus::{Corpus, Head};
use lectern::model::{DocIx, PartialDate};
use lectern::parallel::Aligner;
use lectern::parallel::concordance;
use lectern::refs::{Registry, Target};
use lectern::search::SearchIndex;
use lectern::search::store::Location;
use lectern::tui::links::card::CardOverlay;
use lectern::tui::theme::Theme;
use std::sync::Arc;

fn targets(registry: &Registry) -> Vec<Target> {
    (0..registry.instruments.len())
        .map(Target::Instrument)
        .chain((0..registry.entities.len()).map(Target::Entity))
        .collect()
}

/// Every list read by position equals the full list, and its first rows are the full list's
/// first rows.
fn lists_equal_the_full_lists(corpus: &Corpus) -> usize {
    let mut seen = 0;
    for t in targets(&corpus.registry) {
        let full: Vec<_> = corpus.links.of_target(t).collect();
        let list = MentionList::of_target(corpus, t);
        assert_eq!(list.len(), full.len(), "count of {t:?}");
        assert_eq!(corpus.links.count_of_target(t), full.len());
        let paged: Vec<_> = (0..list.len()).map(|i| list.get(corpus, i)).collect();
        let first: Vec<_> = (0..list.len().min(3))
            .map(|i| list.get(corpus, i))
            .collect();
        assert_eq!(
            paged,
            full.iter().map(|m| Some(*m)).collect::<Vec<_>>(),
            "{t:?}"
        );
        assert_eq!(first[..], paged[..first.len()]);
        assert_eq!(list.get(corpus, list.len()), None, "nothing past the end");
        seen += full.len();
    }
    for i in 0..corpus.documents.len() {
        let doc = DocIx(i);
        let full = corpus
            .links
            .backlinks(&corpus.registry, &corpus.documents, doc);
        let list = MentionList::backlinks(corpus, doc);
        assert_eq!(list.len(), full.len(), "backlinks of document {i}");
        let paged: Vec<_> = (0..list.len())
            .filter_map(|k| list.get(corpus, k))
            .collect();
        assert_eq!(paged, full, "backlinks of document {i}");
    }
    seen
}

#[test]
fn mention_and_backlink_lists_read_by_position_are_the_full_lists_in_memory_and_lazily() {
    let dir = corpus_support::seeded_dir(25, 5);
    let root = tempfile::tempdir().expect("cache");
    let whole = Corpus::load_dir(dir.path()).expect("whole");
    let lazy = corpus_support::lazy(dir.path(), root.path());
    let a = lists_equal_the_full_lists(&whole);
    let b = lists_equal_the_full_lists(&lazy);
    assert!(a > 0 && a == b, "{a} mentions in memory, {b} lazily");
    // The bundled treaty is mentioned in its own text and elsewhere: its backlinks leave out
    // its own mentions, which sit in the middle of the target's list.
    let bundled = Corpus::bundled();
    assert!(lists_equal_the_full_lists(&bundled) > 0);
}

/// The timeline as it was sorted before rows were made one at a time: every entry made,
/// then a stable sort by date and label.
fn reference_timeline(heads: &[Head], registry: &Registry) -> Vec<Entry> {
    let mut entries = timeline(heads, registry);
    // Re-sorting the entries themselves must not move any (the order is already this one).
    entries.sort_by(|a, b| match (a.date, b.date) {
        (Some(x), Some(y)) => x.cmp(&y).then(a.label.cmp(&b.label)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.label.cmp(&b.label),
    });
    entries
}

#[test]
fn the_timeline_made_row_by_row_keeps_the_full_sort_with_ties_in_corpus_order() {
    let dir = corpus_support::seeded_dir(40, 9);
    let whole = Corpus::load_dir(dir.path()).expect("whole");
    let mut heads = whole.documents.heads().to_vec();
    // Ties: copies of one head under other ids, same date and title, in corpus order.
    let one = heads[0].clone();
    for i in 0..30 {
        let mut h = one.clone();
        h.id = format!("tie-{i:02}");
        heads.push(h);
    }
    let line = Timeline::new(&heads, &whole.registry);
    let rows: Vec<Entry> = (0..line.len())
        .filter_map(|i| line.entry(i, &heads, &whole.registry))
        .collect();
    assert_eq!(rows.len(), line.len());
    assert_eq!(rows, reference_timeline(&heads, &whole.registry));
    let ties: Vec<&str> = (rows.iter())
        .filter_map(|e| match &e.item {
            Item::Document(id) if id.starts_with("tie-") => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let mut sorted = ties.clone();
    sorted.sort();
    assert_eq!(ties.len(), 30);
    assert_eq!(ties, sorted, "equal dates and labels stay in corpus order");
    let dated: Vec<PartialDate> = rows.iter().filter_map(|e| e.date).collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn a_card_over_a_lazy_corpus_reads_the_bodies_of_one_page_and_counts_from_the_index() {
    let dir = corpus_support::seeded_dir(60, 3);
    let root = tempfile::tempdir().expect("cache");
    let corpus = Arc::new(corpus_support::lazy(dir.path(), root.path()));
    corpus.links.warm_up();
    let reg = &corpus.registry;
    let most = (targets(reg).into_iter())
        .max_by_key(|t| corpus.links.count_of_target(*t))
        .expect("a target");
    let count = corpus.links.count_of_target(most);
    assert!(count > 20, "{count} mentions of the most mentioned name");
    let before = corpus.documents.bodies_loaded();
    let card = CardOverlay::new(corpus.clone(), most);
    assert_eq!(
        corpus.documents.bodies_loaded(),
        before,
        "opening reads no body"
    );
    let lines = card.page_lines(&Theme::builtin(false), 10);
    assert_eq!(lines.len(), 10);
    let read = corpus.documents.bodies_loaded() - before;
    assert!(
        (1..=10).contains(&read),
        "{read} bodies read for a page of 10 lines"
    );
    let heading = lines.iter().find_map(|l| {
        let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        s.starts_with("Mentioned in").then_some(s)
    });
    assert_eq!(
        heading,
        Some(format!("Mentioned in ({count}) — enter opens:")),
        "the count is exact before the rows are read"
    );
    assert!(!corpus.documents.read_in_full());
}

#[test]
fn a_concordance_and_a_mentions_filter_over_a_lazy_corpus_read_only_the_bodies_they_need() {
    let dir = corpus_support::seeded_dir(60, 4);
    let root = tempfile::tempdir().expect("cache");
    let index_dir = tempfile::tempdir().expect("index");
    let loc = Location::at(index_dir.path());
    {
        // The first build reads every body; a second open of a current index reads none.
        let corpus = corpus_support::lazy(dir.path(), root.path());
        SearchIndex::open_source(&loc, "k", &corpus.documents, &mut |_, _| {}).expect("build");
    }
    let corpus = Arc::new(corpus_support::lazy(dir.path(), root.path()));
    let (index, _) =
        SearchIndex::open_source(&loc, "k", &corpus.documents, &mut |_, _| {}).expect("open");
    assert_eq!(
        corpus.documents.bodies_loaded(),
        0,
        "a current index reads no body"
    );
    let aligner = Aligner::new(&corpus.registry);
    let limit = 5;
    let found = concordance::find(&index, &*corpus, &aligner, &corpus.registry, "友好", limit)
        .expect("concordance");
    let read = corpus.documents.bodies_loaded();
    assert!(found.blocks_examined > 0, "the seeds' text holds 友好");
    assert!(
        found.blocks_matching > limit,
        "{} blocks match",
        found.blocks_matching
    );
    assert!(
        (1..=limit).contains(&read),
        "{read} bodies read for {limit} blocks"
    );
    assert!(!corpus.documents.read_in_full());

    // `mentions:` answers from the links' target index and the heads.
    let fresh = Arc::new(corpus_support::lazy(dir.path(), root.path()));
    let hooks = lectern::search::registry_hooks::shared_hooks(fresh.clone());
    let resolver = hooks.mentions.expect("a resolver");
    let pins = resolver.mentions("Kim Il Sung").expect("a known name");
    let kim = fresh.registry.find("Kim Il Sung").expect("registry");
    assert_eq!(pins.len(), fresh.links.count_of_target(kim));
    assert!(!pins.is_empty());
    assert_eq!(fresh.documents.bodies_loaded(), 0, "no body read");
}

/// `mentions:` pins every mention's block from the target index alone; the blocks are those
/// the documents' own mentions give, in the same order, for every target.
#[test]
fn the_target_index_gives_every_mentions_block_as_the_documents_mentions_do() {
    let dir = corpus_support::seeded_dir(60, 5);
    let root = tempfile::tempdir().expect("cache");
    let from_index = corpus_support::lazy(dir.path(), root.path());
    let from_documents = corpus_support::lazy(dir.path(), root.path());
    let mut pinned = 0;
    for t in targets(&from_index.registry) {
        let expected: Vec<_> = (from_documents.links.of_target(t))
            .map(|m| (m.doc, m.block))
            .collect();
        let before = from_index.documents.bodies_loaded();
        assert_eq!(from_index.links.blocks_of_target(t), expected);
        assert_eq!(from_index.documents.bodies_loaded(), before, "no body read");
        pinned += expected.len();
    }
    assert!(pinned > 100, "{pinned} mentions in the seeded corpus");
}
