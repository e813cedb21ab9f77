//! Full-text search over the corpus in Chinese, English and Russian, from an embedded tantivy
//! index kept in the user's cache directory.
//!
//! - [`analysis`]: tokens (CJK unigrams + positioned bigrams, folded and stemmed words);
//! - [`query`]: the lenient query language; [`plan`]: query → tantivy query + patterns;
//! - [`store`]: where the index lives, fingerprint, atomic build, damage recovery;
//! - [`highlight`], [`snippet`]: where a query matches inside a text;
//! - [`service`]: a worker thread that owns the index, for the TUI;
//! - [`synth`]: synthetic corpora for tests and benchmarks.
//!
//! The index unit is one block of one document (block 0 is the title), so every hit has a
//! pinpoint. Entity aliases and `mentions:` filters plug in through [`Hooks`].

pub mod analysis;
pub mod guard;
pub mod highlight;
pub mod plan;
pub mod query;
pub mod registry_hooks;
pub mod schema;
pub mod service;
pub mod snippet;
pub mod store;
pub mod synth;
pub mod units;

pub use highlight::{BlockHits, Matcher};
pub use query::{ParsedQuery, parse, parse_cost};
pub use service::{Event, Service};
pub use snippet::Snippet;
pub use store::{BuildReason, Location};

use crate::model::{BlockNo, DocKind, Document, PartialDate};
use highlight::PlainText;
use std::sync::Arc;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value as _;

/// The most hits one search returns: tantivy reserves room for `limit` hits up front, so an
/// unbounded `--limit` would allocate without bound (issue 11).
pub const MAX_HITS: usize = 100_000;
/// The longest query, in bytes: parsing and planning grow with it.
pub const MAX_QUERY_BYTES: usize = 4096;

/// Alternative spellings of a query term (entity aliases: `Kim Il Sung` → `金日成`, `Ким Ир Сен`).
/// Each alternative is analysed in every language field like the term itself.
pub trait AliasExpander: Send + Sync {
    fn alternatives(&self, term: &str) -> Vec<String>;
}

/// Resolves `mentions:ID` to the places that mention the entity.
pub trait MentionResolver: Send + Sync {
    /// `None` when the id is unknown.
    fn mentions(&self, entity: &str) -> Option<Vec<Pin>>;

    /// For a name that is not known whole: the `(id, name)` of each entity it could stand for,
    /// best first (the registry's [`close matches`](crate::refs::Registry::close_matches)).
    fn close_matches(&self, _name: &str) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// The user's own material (notes and highlights, tags and collections: the workspace), for
/// `note:`, `tag:`, `collection:` and for plain words to find notes too.
pub trait OwnMaterial: Send + Sync {
    /// The ids of the documents tagged with every one of `tags` and in every one of
    /// `collections` (both folded to lower case).
    fn documents(&self, tags: &[String], collections: &[String]) -> Vec<String>;
    /// The notes and highlights `query` finds, best first, and one sentence for each part of
    /// the query they could not honour.
    /// At most `limit` are returned (a note says how many more matched).
    fn find(&self, query: &ParsedQuery, limit: usize) -> (Vec<OwnHit>, Vec<String>);
}

/// A note or highlight a search found: what it is on and what it says.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct OwnHit {
    pub doc_id: String,
    pub title: String,
    /// `m3`: the mark's id within its document.
    pub mark_id: String,
    /// Block from 1 as the reader numbers it; `None` for a note on the whole document.
    pub block: Option<crate::model::BlockNo>,
    /// The text the mark is on, as quoted when it was made.
    pub quote: String,
    /// The note's Markdown; empty for a highlight.
    pub note: String,
}

/// A place in the corpus: a block of a document, or the whole document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pin {
    pub doc: String,
    pub block: Option<BlockNo>,
}

/// What the registry adds to search (alias expansion, mentions resolved to targets), filled
/// in by `registry_hooks`; empty by default (a corpus without a registry).
#[derive(Clone, Default)]
pub struct Hooks {
    pub aliases: Option<Arc<dyn AliasExpander>>,
    pub mentions: Option<Arc<dyn MentionResolver>>,
    /// The workspace: notes found alongside documents, `tag:` / `collection:` resolved.
    pub own: Option<Arc<dyn OwnMaterial>>,
}

/// The answer to one query.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Blocks that match, over the whole corpus (not only those returned).
    pub total: usize,
    pub hits: Vec<Hit>,
    /// What in the query was not understood and how it was read instead.
    pub notes: Vec<String>,
    /// The user's own notes and highlights that match, after the documents' hits.
    pub own: Vec<OwnHit>,
}

/// One matching block, best first.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Hit {
    pub doc_id: String,
    pub title: String,
    pub kind: DocKind,
    pub date: Option<PartialDate>,
    /// The block; [`BlockNo::TITLE`] (0) when the hit is in the title.
    pub block: BlockNo,
    pub score: f32,
    /// One per language of the block that matched, in language order.
    pub snippets: Vec<Snippet>,
}

/// An open index with the hooks to search it.
pub struct SearchIndex {
    pub open: store::OpenIndex,
    pub hooks: Hooks,
}

impl SearchIndex {
    /// Opens (building or updating it if needed) the index of `docs` at `loc`. The reason is
    /// `Some` when it was built whole, for a one-line notice.
    pub fn open(
        loc: &Location,
        docs: &[Document],
        progress: store::Progress<'_>,
    ) -> anyhow::Result<(Self, Option<BuildReason>)> {
        let (open, reason) = store::open_or_build(loc, docs, false, progress)?;
        Ok((
            Self {
                open,
                hooks: Hooks::default(),
            },
            reason,
        ))
    }

    /// [`SearchIndex::open`] for the corpus with this key ([`store::corpus_key`]), from any
    /// [`store::Source`] (the corpus cache's catalog reads only the bodies the index lacks).
    pub fn open_source(
        loc: &Location,
        key: &str,
        source: &dyn store::Source,
        progress: store::Progress<'_>,
    ) -> anyhow::Result<(Self, Option<BuildReason>)> {
        let (open, reason) = store::open_source(loc, key, source, false, progress)?;
        Ok((
            Self {
                open,
                hooks: Hooks::default(),
            },
            reason,
        ))
    }

    /// Runs `query`; the hits come from the index alone (it stores what they show). A panic
    /// inside tantivy (a corrupt file its checks missed) is an error for which
    /// [`guard::is_damaged`] holds: rebuild with [`store::rebuild_damaged`] and ask again.
    pub fn search(&self, query: &str, limit: usize) -> anyhow::Result<SearchResults> {
        let limit = limit.min(MAX_HITS);
        if query.len() > MAX_QUERY_BYTES {
            anyhow::bail!(
                "the query is {} bytes long; at most {MAX_QUERY_BYTES} are searched",
                query.len()
            );
        }
        guard::contain(|| self.search_unguarded(query, limit))
    }

    fn search_unguarded(&self, query: &str, limit: usize) -> anyhow::Result<SearchResults> {
        let parsed = parse(query);
        let searcher = self.open.reader.searcher();
        let fields = &self.open.fields;
        let slot_of = |id: &str| self.open.slot_of(id);
        let plan = plan::plan(&parsed, fields, &searcher, &slot_of, &self.hooks)?;
        let (own, own_notes) = match &self.hooks.own {
            Some(own) => own.find(&parsed, limit),
            None => (Vec::new(), Vec::new()),
        };
        let mut results = SearchResults {
            query: query.to_string(),
            total: 0,
            hits: Vec::new(),
            notes: plan.notes,
            own,
        };
        results.notes.extend(own_notes);
        if !plan.searchable {
            return Ok(results);
        }
        let (total, top) = top_units(
            &searcher,
            &*plan.query,
            limit.max(1),
            plan.count_while_ranking,
        )?;
        results.total = total;
        for (score, addr, unit) in top {
            let (_, block) = schema::split_unit(unit);
            let doc: tantivy::TantivyDocument = searcher.doc(addr)?;
            let id = doc.get_first(fields.id).and_then(|v| v.as_str());
            let stored = doc
                .get_first(fields.stored)
                .and_then(|v| v.as_bytes())
                .and_then(|b| ciborium::from_reader::<schema::StoredUnit<'static>, _>(b).ok());
            let (Some(id), Some(stored)) = (id, stored) else {
                anyhow::bail!("the search index lacks the stored text of a hit");
            };
            results
                .hits
                .push(hit(id, stored, block, score, &plan.matcher));
        }
        // Equal scores by date, id and block: the same order however the index was built or
        // updated (slots and segments differ between a fresh build and an updated index).
        results.hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| date_order(a.date, b.date))
                .then_with(|| a.doc_id.cmp(&b.doc_id))
                .then(a.block.cmp(&b.block))
        });
        results.hits.truncate(limit);
        Ok(results)
    }

    /// The patterns of a query, to find every hit in a document (see [`Matcher::document_hits`]).
    pub fn matcher(&self, query: &str) -> anyhow::Result<Matcher> {
        let searcher = self.open.reader.searcher();
        let slot_of = |id: &str| self.open.slot_of(id);
        Ok(plan::plan(
            &parse(query),
            &self.open.fields,
            &searcher,
            &slot_of,
            &self.hooks,
        )?
        .matcher)
    }
}

/// Dated before undated, earlier first.
fn date_order(a: Option<PartialDate>, b: Option<PartialDate>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// A unit that made the top: score, address and `unit` value.
type Ranked = (f32, tantivy::DocAddress, u64);

/// The number of matching units and the best `limit` as (score, address, unit), best first.
fn top_units(
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
    limit: usize,
    count_while_ranking: bool,
) -> tantivy::Result<(usize, Vec<Ranked>)> {
    let (total, docs) = if count_while_ranking {
        // Counting walks what ranking walks (positions, intersections): one pass.
        searcher.search(query, &(Count, TopDocs::with_limit(limit).order_by_score()))?
    } else {
        // Terms only: counting reads document frequencies or bare postings, and ranking can
        // skip whole blocks that cannot make the top (block-max WAND); two passes are cheaper.
        let total = searcher.search(query, &Count)?;
        let docs = searcher.search(query, &TopDocs::with_limit(limit).order_by_score())?;
        (total, docs)
    };
    // Opening a segment's `unit` column decodes its header: once per segment, not per hit.
    let mut columns: Vec<Option<tantivy::columnar::Column<u64>>> =
        vec![None; searcher.segment_readers().len()];
    let mut top = Vec::with_capacity(docs.len());
    for (score, addr) in docs {
        let slot = &mut columns[addr.segment_ord as usize];
        let column = match slot {
            Some(column) => column,
            None => slot.insert(
                searcher
                    .segment_reader(addr.segment_ord)
                    .fast_fields()
                    .u64("unit")?,
            ),
        };
        top.extend(column.first(addr.doc_id).map(|u| (score, addr, u)));
    }
    Ok((total, top))
}

fn hit(
    id: &str,
    stored: schema::StoredUnit<'_>,
    block: BlockNo,
    score: f32,
    matcher: &Matcher,
) -> Hit {
    let text = &stored.text;
    let mut snippets = Vec::new();
    for (lang, raw) in &text.0 {
        let plain = PlainText::new(raw);
        let ranges = matcher.ranges(block, *lang, &plain.text);
        if !ranges.is_empty() {
            snippets.push(snippet::make(
                *lang,
                &plain.text,
                &ranges,
                snippet::SNIPPET_WIDTH,
            ));
        }
    }
    // Filter-only queries match no words: show the start of the first language.
    if snippets.is_empty()
        && let Some((lang, raw)) = text.0.iter().next()
    {
        let plain = PlainText::new(raw);
        snippets.push(snippet::make(
            *lang,
            &plain.text,
            &[],
            snippet::SNIPPET_WIDTH,
        ));
    }
    Hit {
        doc_id: id.to_string(),
        title: stored.title.into_owned(),
        kind: stored.kind,
        date: stored.date,
        block,
        score,
        snippets,
    }
}
