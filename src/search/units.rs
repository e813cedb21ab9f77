//! A lean search: which blocks match, best first, as (document ordinal, block) only. No
//! snippet, title or date is built, so a caller that reads the blocks itself (the translation
//! concordance) pays only for the index lookup. Same ranking and limits as
//! [`SearchIndex::search`].

use super::{MAX_HITS, MAX_QUERY_BYTES};
use super::{Matcher, SearchIndex, guard, parse, plan, schema, top_units};
use crate::model::Document;

/// The blocks a query matches, and the patterns to find it inside them.
pub struct BlockMatches {
    /// Matching units over the whole corpus (titles included), not only those returned.
    pub total: usize,
    /// (document ordinal, block number from 1; 0 for a title), best first.
    pub units: Vec<(usize, usize)>,
    pub matcher: Matcher,
}

impl SearchIndex {
    /// The best `limit` matching units of `query` over `docs` (the documents the index was
    /// built from), without snippets. Errors as [`SearchIndex::search`] does.
    pub fn matching_blocks(
        &self,
        docs: &[Document],
        query: &str,
        limit: usize,
    ) -> anyhow::Result<BlockMatches> {
        let limit = limit.min(MAX_HITS);
        if query.len() > MAX_QUERY_BYTES {
            anyhow::bail!(
                "the query is {} bytes long; at most {MAX_QUERY_BYTES} are searched",
                query.len()
            );
        }
        guard::contain(|| {
            let searcher = self.open.reader.searcher();
            let plan = plan::plan(
                &parse(query),
                &self.open.fields,
                &searcher,
                docs,
                &self.hooks,
            )?;
            if !plan.searchable {
                return Ok(BlockMatches {
                    total: 0,
                    units: Vec::new(),
                    matcher: plan.matcher,
                });
            }
            let (total, top) = top_units(&searcher, &*plan.query, limit.max(1), plan.has_phrase)?;
            let units: Vec<(usize, usize)> = top
                .into_iter()
                .take(limit)
                .map(|(_, unit)| schema::split_unit(unit))
                .collect();
            if units.iter().any(|(ordinal, _)| *ordinal >= docs.len()) {
                anyhow::bail!(
                    "the search index does not belong to this corpus (rebuild with `lectern index --rebuild`)"
                );
            }
            Ok(BlockMatches {
                total,
                units,
                matcher: plan.matcher,
            })
        })
    }
}
