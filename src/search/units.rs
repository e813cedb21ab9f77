//! A lean search for callers that read the blocks themselves (the translation concordance):
//! which blocks match, best first, as (slot, document id, block), without titles. Title units
//! are left out by the `unit` fast field, and only the ids of the blocks returned are read
//! from the store; no snippet, title or date is built.

use super::{MAX_HITS, MAX_QUERY_BYTES};
use super::{Matcher, SearchIndex, guard, parse, plan, schema, top_units};
use tantivy::schema::Value as _;

/// One matching block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockMatch {
    /// The document's slot in the index (its position in the corpus on a fresh build).
    pub slot: u64,
    pub doc_id: String,
    /// Block number, from 1.
    pub block: usize,
}

/// The blocks a query matches, and the patterns to find it inside them.
pub struct BlockMatches {
    /// Matching units over the whole corpus (titles included), not only those returned.
    pub total: usize,
    /// Best first; equal scores by document id and block.
    pub blocks: Vec<BlockMatch>,
    pub matcher: Matcher,
}

impl SearchIndex {
    /// The best `limit` matching blocks of `query` (titles left out), without snippets.
    /// Errors as [`SearchIndex::search`] does.
    pub fn matching_blocks(&self, query: &str, limit: usize) -> anyhow::Result<BlockMatches> {
        let limit = limit.min(MAX_HITS);
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
            if !plan.searchable {
                out.matcher = plan.matcher;
                return Ok(out);
            }
            // Titles rank among the blocks: ask for more units until `limit` are blocks.
            let mut asked = limit.max(1);
            let (total, top) = loop {
                let (total, top) = top_units(&searcher, &*plan.query, asked, plan.has_phrase)?;
                let blocks = top.iter().filter(|t| schema::split_unit(t.2).1 > 0).count();
                if blocks >= limit || top.len() >= total || asked >= MAX_HITS {
                    break (total, top);
                }
                asked = asked.saturating_mul(4).min(MAX_HITS);
            };
            out.total = total;
            let mut scored = Vec::new();
            for (score, addr, unit) in top {
                let (slot, block) = schema::split_unit(unit);
                if block == 0 {
                    continue;
                }
                let doc: tantivy::TantivyDocument = searcher.doc(addr)?;
                let Some(id) = doc.get_first(self.open.fields.id).and_then(|v| v.as_str()) else {
                    anyhow::bail!("the search index lacks the id of a hit");
                };
                let id = id.to_string();
                scored.push((
                    score,
                    BlockMatch {
                        slot,
                        doc_id: id,
                        block,
                    },
                ));
                if scored.len() >= limit {
                    break;
                }
            }
            scored.sort_by(|a, b| {
                (b.0.total_cmp(&a.0))
                    .then_with(|| a.1.doc_id.cmp(&b.1.doc_id))
                    .then(a.1.block.cmp(&b.1.block))
            });
            out.blocks = scored.into_iter().map(|(_, m)| m).collect();
            out.matcher = plan.matcher;
            Ok(out)
        })
    }
}
