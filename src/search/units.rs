//! A lean search for callers that read the blocks themselves (the translation concordance):
//! which blocks match, best first, as (slot, block), without titles. Titles are left out in
//! the collector by the `unit` fast field (one pass, however many titles outrank the blocks),
//! and nothing is read from the doc store: the slot and block come from that fast field, and
//! the caller finds the document at its slot ([`SearchIndex::slot_of`] checks it). Only where
//! that check fails is the id read from the store ([`SearchIndex::stored_id`]).

use super::{MAX_HITS, MAX_QUERY_BYTES};
use super::{Matcher, SearchIndex, guard, parse, plan, schema};
use tantivy::collector::{Count, FilterCollector, TopDocs};
use tantivy::schema::Value as _;

/// One matching block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockMatch {
    /// The document's slot in the index (its position in the corpus on a fresh build).
    pub slot: u64,
    pub block: crate::model::BlockNo,
    /// Where the unit is stored, to read its id when the slot does not say it.
    pub addr: tantivy::DocAddress,
}

/// The blocks a query matches, and the patterns to find it inside them.
pub struct BlockMatches {
    /// Matching blocks over the whole corpus (titles not counted), not only those returned.
    pub total: usize,
    /// Best first; equal scores by slot and block.
    pub blocks: Vec<BlockMatch>,
    pub matcher: Matcher,
}

impl SearchIndex {
    /// The best `limit` matching blocks of `query` (titles left out), without snippets.
    /// Errors as [`SearchIndex::search`] does.
    pub fn matching_blocks(&self, query: &str, limit: usize) -> anyhow::Result<BlockMatches> {
        let limit = limit.clamp(1, MAX_HITS);
        if query.len() > MAX_QUERY_BYTES {
            anyhow::bail!(
                "the query is {} bytes long; at most {MAX_QUERY_BYTES} are searched",
                query.len()
            );
        }
        guard::contain(|| {
            let searcher = self.open.reader.searcher();
            let slot_of = |id: &str| self.open.slot_of(id);
            let plan = plan::plan(
                &parse(query),
                &self.open.fields,
                &searcher,
                &slot_of,
                &self.hooks,
            )?;
            let mut out = BlockMatches {
                total: 0,
                blocks: Vec::new(),
                matcher: Matcher::default(),
            };
            if plan.searchable {
                // Block 0 of a unit is the title.
                let mask = (1u64 << schema::BLOCK_BITS) - 1;
                let collector = FilterCollector::new(
                    "unit".to_string(),
                    move |unit: u64| unit & mask != 0,
                    (Count, TopDocs::with_limit(limit).order_by_score()),
                );
                let (total, top) = searcher.search(&*plan.query, &collector)?;
                let mut scored = Vec::with_capacity(top.len());
                for (score, addr) in top {
                    let unit = searcher
                        .segment_reader(addr.segment_ord)
                        .fast_fields()
                        .u64("unit")?
                        .first(addr.doc_id);
                    if let Some((slot, block)) = unit.map(schema::split_unit) {
                        scored.push((score, BlockMatch { slot, block, addr }));
                    }
                }
                scored.sort_by(|a, b| {
                    (b.0.total_cmp(&a.0))
                        .then(a.1.slot.cmp(&b.1.slot))
                        .then(a.1.block.cmp(&b.1.block))
                });
                out.total = total;
                out.blocks = scored.into_iter().map(|(_, m)| m).collect();
            }
            out.matcher = plan.matcher;
            Ok(out)
        })
    }

    /// The slot of the document with this id, as the index's state file records it.
    pub fn slot_of(&self, id: &str) -> Option<u64> {
        self.open.slot_of(id)
    }

    /// The document id stored with a matching block (a read of the doc store).
    pub fn stored_id(&self, hit: &BlockMatch) -> anyhow::Result<String> {
        guard::contain(|| {
            let searcher = self.open.reader.searcher();
            let doc: tantivy::TantivyDocument = searcher.doc(hit.addr)?;
            match doc.get_first(self.open.fields.id).and_then(|v| v.as_str()) {
                Some(id) => Ok(id.to_string()),
                None => anyhow::bail!("the search index lacks the id of a hit"),
            }
        })
    }
}
