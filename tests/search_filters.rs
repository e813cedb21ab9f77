//! Filters, exclusions and the extension hooks, each checked against a direct computation
//! over the documents of a generated corpus.

use lectern::model::{DocKind, Document, Lang};
use lectern::search::synth::Generator;
use lectern::search::{AliasExpander, Hooks, Location, MentionResolver, Pin, SearchIndex};
use std::collections::BTreeSet;
use std::sync::Arc;

type Pins = BTreeSet<(String, usize)>;

fn setup() -> (tempfile::TempDir, Vec<Document>, SearchIndex) {
    let docs = Generator::new().corpus(90, 1800, 17);
    let tmp = tempfile::tempdir().expect("tempdir");
    let (index, _) =
        SearchIndex::open(&Location::at(tmp.path()), &docs, &mut |_, _| {}).expect("index");
    (tmp, docs, index)
}

fn pins(index: &SearchIndex, _docs: &[Document], q: &str) -> Pins {
    let r = index.search(q, 100_000).expect("search");
    assert_eq!(r.total, r.hits.len());
    r.hits.into_iter().map(|h| (h.doc_id, h.block.0)).collect()
}

fn year_of(doc: &Document) -> i32 {
    doc.date().map_or(0, |d| d.year)
}

#[test]
fn kind_and_date_filters_select_exactly_the_documents_they_name() {
    let (_tmp, docs, index) = setup();
    // Filters alone list each matching document once, by its title (block 0).
    let want: Pins = docs
        .iter()
        .filter(|d| d.kind == DocKind::Treaty && (1950..=1990).contains(&year_of(d)))
        .map(|d| (d.id.clone(), 0))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(pins(&index, &docs, "kind:treaty date:1950..1990"), want);

    // A filter narrows a word's hits to those of the documents it names, no more, no less.
    let all = pins(&index, &docs, "Korean");
    let year = year_of(&docs[0]);
    let want: Pins = all
        .iter()
        .filter(|(id, _)| docs.iter().any(|d| &d.id == id && year_of(d) == year))
        .cloned()
        .collect();
    assert!(!want.is_empty());
    assert_eq!(pins(&index, &docs, &format!("Korean year:{year}")), want);
}

#[test]
fn lang_restricts_the_languages_searched_and_exclusions_remove_blocks() {
    let (_tmp, docs, index) = setup();
    let r = index.search("lang:zh 朝鲜", 1000).expect("search");
    assert!(r.total > 0);
    assert!(
        r.hits
            .iter()
            .all(|h| h.snippets.iter().all(|s| s.lang == Lang::Zh))
    );
    assert_eq!(index.search("lang:ru 朝鲜", 10).expect("search").total, 0);

    let with = pins(&index, &docs, "Korean");
    let without = pins(&index, &docs, "Korean -Soviet");
    let soviet = pins(&index, &docs, "Soviet");
    assert!(!without.is_empty() && without.len() < with.len());
    assert_eq!(without, with.difference(&soviet).cloned().collect::<Pins>());
}

#[test]
fn title_filter_keeps_the_documents_whose_title_matches() {
    let (_tmp, docs, index) = setup();
    let in_title: BTreeSet<String> = pins(&index, &docs, "title:Korea")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let want: BTreeSet<String> = docs
        .iter()
        .filter(|d| {
            d.title.get(Lang::En).is_some_and(|t| {
                t.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case("korea"))
            })
        })
        .map(|d| d.id.clone())
        .collect();
    assert!(!want.is_empty());
    assert_eq!(in_title, want);
    // With a word: that word's hits, in those documents only.
    let hits = pins(&index, &docs, "title:Korea 朝鲜");
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|(id, _)| want.contains(id)));
}

struct Aliases;

impl AliasExpander for Aliases {
    fn alternatives(&self, term: &str) -> Vec<String> {
        match term {
            "Zyx" => vec!["朝鲜".to_string()],
            _ => Vec::new(),
        }
    }
}

struct Mentions(Vec<Pin>);

impl MentionResolver for Mentions {
    fn mentions(&self, entity: &str) -> Option<Vec<Pin>> {
        (entity == "someone").then(|| self.0.clone())
    }
}

#[test]
fn alias_and_mention_hooks_plug_in() {
    let (_tmp, docs, mut index) = setup();
    let plain = pins(&index, &docs, "朝鲜");
    assert!(pins(&index, &docs, "Zyx").is_empty());
    index.hooks = Hooks {
        aliases: Some(Arc::new(Aliases)),
        mentions: Some(Arc::new(Mentions(vec![
            Pin {
                doc: docs[1].id.clone(),
                block: Some(lectern::model::BlockNo(2)),
            },
            Pin {
                doc: docs[2].id.clone(),
                block: None,
            },
        ]))),
        own: None,
    };
    assert_eq!(
        pins(&index, &docs, "Zyx"),
        plain,
        "an alias finds what it stands for"
    );
    let r = index.search("Zyx", 3).expect("search");
    assert!(
        r.hits[0]
            .snippets
            .iter()
            .any(|s| s.highlights.iter().any(|h| &s.text[h.clone()] == "朝鲜"))
    );

    let mentioned = pins(&index, &docs, "mentions:someone");
    let want: Pins = std::iter::once((docs[1].id.clone(), 2))
        .chain((0..=docs[2].blocks.len()).map(|b| (docs[2].id.clone(), b)))
        .collect();
    assert_eq!(
        mentioned, want,
        "the pinned block, and every block of the pinned document"
    );
    let r = index.search("mentions:nobody 朝鲜", 10).expect("search");
    assert!(r.notes.iter().any(|n| n.contains("mentions:nobody")));
    assert_eq!(
        r.total,
        plain.len(),
        "an unknown entity is ignored, with a note"
    );
    let r = index.search("mentions:nobody", 10).expect("search");
    assert_eq!(r.total, 0, "nothing left to search by");
}

#[test]
fn a_filtered_word_counts_every_match_however_few_hits_are_asked_for() {
    let (_tmp, docs, index) = setup();
    // Counted in the same pass as the ranking (an intersection): the count of a short answer
    // is the whole answer's.
    for q in [
        "Korean kind:treaty date:1950..1990",
        "Korean date:1960..2000",
        "Korean -treaty",
    ] {
        let full = index.search(q, 100_000).expect("search");
        assert!(full.total > 2, "{q}: {}", full.total);
        assert_eq!(full.total, full.hits.len(), "{q}");
        let short = index.search(q, 2).expect("search");
        assert_eq!(short.total, full.total, "{q}");
        // Ties at the cut may differ in which make it; the best score may not.
        assert_eq!(short.hits[0].score, full.hits[0].score, "{q}");
    }
    // And the filtered count is the word's hits in the documents the filters name.
    let want = pins(&index, &docs, "Korean")
        .into_iter()
        .filter(|(id, _)| {
            docs.iter().any(|d| {
                &d.id == id && d.kind == DocKind::Treaty && (1950..=1990).contains(&year_of(d))
            })
        })
        .count();
    let r = index
        .search("Korean kind:treaty date:1950..1990", 1)
        .expect("search");
    assert_eq!(r.total, want);
}
