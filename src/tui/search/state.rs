//! The search overlay's state: the query being typed, the answer shown, which result is
//! selected, how the index is doing, and the hits of the last opened result for `n`/`N`.
//!
//! Everything here is plain data changed by the event loop; the worker that owns the index
//! (`crate::search::Service`) is held by the update in [`super`]. Answers carry the
//! generation of the query they answer, and only the answer to the latest query sent is kept,
//! so a slow answer to an older query can never replace the results of what is typed now.

use crate::model::ids::{BlockNo, DocIds, DocIx};
use crate::search::{BlockHits, Hooks, Location, SearchResults};
use crate::tui::search::Worker;

/// How the search index is doing, as far as the UI knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum IndexStatus {
    /// Nobody asked for search yet; the worker is not started.
    #[default]
    NotStarted,
    /// The worker is opening the index (quick when it exists).
    Opening,
    /// The index is being built: documents done of total.
    Building {
        done: usize,
        total: usize,
    },
    Ready,
    /// It could not be opened or built: the one-line reason.
    Unavailable(String),
}

impl IndexStatus {
    /// One line for the overlay and the status line while search is not ready.
    pub fn describe(&self) -> Option<String> {
        match self {
            IndexStatus::NotStarted | IndexStatus::Ready => None,
            IndexStatus::Opening => Some("opening the search index…".into()),
            IndexStatus::Building { done, total } => Some(format!(
                "building the search index… {done}/{total} documents"
            )),
            IndexStatus::Unavailable(m) => Some(m.clone()),
        }
    }
}

/// The hits of a query in the document opened from a result, for highlighting and `n`/`N`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReaderHits {
    pub doc: DocIx,
    pub query: String,
    /// Generation of the request; an answer with another generation is ignored.
    pub generation: u64,
    /// `None` until the worker answers.
    pub hits: Option<Vec<BlockHits>>,
    /// Blocks that hold a hit, sorted, without the title.
    pub blocks: Vec<BlockNo>,
    /// Index into `blocks` of the hit last jumped to.
    pub current: Option<usize>,
    /// The block of the result opened; `None` for a hit in the title.
    pub opened: Option<BlockNo>,
    /// The documents of the results this came from, in result order, each with its result
    /// blocks sorted: where `n` / `N` go on after the last / first hit of this document.
    pub trail: Vec<(DocIx, Vec<BlockNo>)>,
    /// Said before the hit count when the hits arrive ("result 2 of 3 documents").
    pub note: Option<String>,
}

impl ReaderHits {
    /// Waiting for the hits of `query` in `doc` (request `generation`), opened from the
    /// result at block `opened`.
    pub fn new(doc: DocIx, query: String, generation: u64, opened: Option<BlockNo>) -> ReaderHits {
        ReaderHits {
            doc,
            query,
            generation,
            hits: None,
            blocks: Vec::new(),
            current: None,
            opened,
            trail: Vec::new(),
            note: None,
        }
    }

    /// Stores the worker's answer and derives the hit blocks (search block 0 is the title,
    /// which the reader does not show as a block).
    pub fn set_hits(&mut self, hits: Vec<BlockHits>) {
        let mut blocks: Vec<BlockNo> = (hits.iter().map(|h| h.block))
            .filter(|&b| b != BlockNo::TITLE)
            .collect();
        blocks.sort_unstable();
        blocks.dedup();
        self.blocks = blocks;
        self.hits = Some(hits);
    }

    /// The hit block after (`forward`) or before `cursor`, wrapping around; its index in
    /// `blocks`. `None` when there is no hit block.
    pub fn step(&self, cursor: BlockNo, forward: bool) -> Option<usize> {
        if self.blocks.is_empty() {
            return None;
        }
        let n = self.blocks.len();
        Some(if forward {
            let i = self.blocks.partition_point(|&b| b <= cursor);
            if i == n { 0 } else { i }
        } else {
            let i = self.blocks.partition_point(|&b| b < cursor);
            if i == 0 { n - 1 } else { i - 1 }
        })
    }
}

/// Hooks that replace the registry's in the worker; `None`: the registry's.
#[derive(Clone, Default)]
pub struct HooksOverride(pub Option<Hooks>);

impl std::fmt::Debug for HooksOverride {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "HooksOverride(set)"
        } else {
            "HooksOverride(none)"
        })
    }
}

#[derive(Debug, Default)]
pub struct SearchState {
    /// Whether the `/` window shows (it takes every key while it does).
    pub open: bool,
    /// The query line as typed.
    pub query: String,
    /// Generation of the latest edit of `query` (debounce: only the last edit is sent).
    pub edit: u64,
    /// Generation of the latest query sent to the worker (0: none).
    pub sent: u64,
    /// The query text of generation `sent`.
    pub sent_query: String,
    /// The answer to `sent`, once it came.
    pub results: Option<SearchResults>,
    /// The document of each row of `results` (its hits, then its notes), resolved from the
    /// index's ids once when the answer came; `None` for one no longer in the corpus.
    docs: Vec<Option<DocIx>>,
    /// A query that failed inside the index: its one-line message.
    pub failure: Option<String>,
    /// Selected result (index into `results.hits`).
    pub selected: usize,
    pub index: IndexStatus,
    /// Hits of the last result opened, in its document.
    pub reader_hits: Option<ReaderHits>,
    /// Where the index lives; `None`: the user's cache dir (tests set a temporary one).
    pub location: Option<Location>,
    /// Search hooks to use instead of the registry's (tests put their own here).
    pub hooks: HooksOverride,
    /// The worker, once search was first used.
    pub worker: Option<Worker>,
    /// The user's workspace, searched beside the documents (`note:`, `tag:`, `collection:`).
    pub workspace: Option<crate::workspace::Workspace>,
    /// The last generation given to a request to the worker.
    generation: u64,
}

impl SearchState {
    /// Search that finds the notes kept in `workspace` beside the documents.
    pub fn over(workspace: Option<crate::workspace::Workspace>) -> SearchState {
        SearchState {
            workspace,
            ..SearchState::default()
        }
    }

    /// The number of rows to choose from: the documents' hits, then the user's notes.
    pub fn result_count(&self) -> usize {
        self.results
            .as_ref()
            .map_or(0, |r| r.hits.len() + r.own.len())
    }

    /// Whether an answer to the latest query sent is still awaited.
    pub fn waiting(&self) -> bool {
        self.sent > 0
            && self
                .results
                .as_ref()
                .is_none_or(|r| r.query != self.sent_query)
            && self.failure.is_none()
    }

    /// A new generation for a request to the worker (searches and document hits share one
    /// sequence, as the worker's failures name only the generation).
    pub fn next_generation(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    /// The query line changed: returns the edit generation to debounce on.
    pub fn edited(&mut self) -> u64 {
        self.edit += 1;
        self.edit
    }

    /// Records that `query` is sent as generation `generation`.
    pub fn sending(&mut self, generation: u64, query: &str) {
        self.sent = generation;
        self.sent_query = query.to_string();
        self.failure = None;
    }

    /// An answer arrived. Kept only if it answers the latest query sent; returns whether kept.
    /// The one place where the ids the index answers with become the reader's [`DocIx`].
    pub fn accept_results(
        &mut self,
        generation: u64,
        results: SearchResults,
        ids: &DocIds,
    ) -> bool {
        if generation != self.sent {
            return false;
        }
        let same_query = self
            .results
            .as_ref()
            .is_some_and(|r| r.query == results.query);
        if !same_query {
            self.selected = 0;
        }
        let rows = results.hits.len() + results.own.len();
        self.selected = self.selected.min(rows.saturating_sub(1));
        self.docs = (results.hits.iter().map(|h| &h.doc_id))
            .chain(results.own.iter().map(|o| &o.doc_id))
            .map(|id| ids.get(id))
            .collect();
        self.results = Some(results);
        self.failure = None;
        true
    }

    /// A query failed. Kept only if it is the latest one sent; returns whether kept.
    pub fn accept_failure(&mut self, generation: u64, message: String) -> bool {
        if generation != self.sent {
            return false;
        }
        self.failure = Some(message);
        true
    }

    /// The query line was emptied: nothing to search, nothing to show.
    pub fn clear_results(&mut self) {
        self.results = None;
        self.docs.clear();
        self.failure = None;
        self.selected = 0;
    }

    /// The document of result row `row` (the documents' hits, then the user's notes).
    pub fn hit_doc(&self, row: usize) -> Option<DocIx> {
        self.docs.get(row).copied().flatten()
    }

    /// The documents of the current results in result order, each with its result blocks.
    pub fn trail(&self) -> Vec<(DocIx, Vec<BlockNo>)> {
        let mut trail: Vec<(DocIx, Vec<BlockNo>)> = Vec::new();
        for (row, hit) in self.results.iter().flat_map(|r| &r.hits).enumerate() {
            let Some(doc) = self.hit_doc(row) else {
                continue;
            };
            match trail.iter_mut().find(|(d, _)| *d == doc) {
                Some((_, blocks)) => blocks.push(hit.block),
                None => trail.push((doc, vec![hit.block])),
            }
        }
        for (_, blocks) in &mut trail {
            blocks.sort_unstable();
            blocks.dedup();
        }
        trail
    }

    pub fn move_selection(&mut self, delta: isize) {
        let n = self.result_count();
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(n.saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    fn results(query: &str) -> SearchResults {
        SearchResults {
            query: query.into(),
            total: 0,
            hits: Vec::new(),
            notes: Vec::new(),
            own: Vec::new(),
        }
    }

    #[test]
    fn only_the_answer_to_the_latest_query_sent_is_kept() {
        let mut s = SearchState::default();
        s.sending(1, "金");
        s.sending(2, "金日");
        assert!(!s.accept_results(1, results("金"), &DocIds::default()));
        assert!(s.results.is_none() && s.waiting());
        assert!(s.accept_results(2, results("金日"), &DocIds::default()));
        assert!(!s.waiting());
        // A late answer to an even older query, or a failure of one, changes nothing.
        assert!(!s.accept_results(1, results("金"), &DocIds::default()));
        assert!(!s.accept_failure(1, "boom".into()));
        assert_eq!(s.results.as_ref().map(|r| r.query.as_str()), Some("金日"));
        assert!(s.failure.is_none());
    }

    #[test]
    fn hit_blocks_skip_the_title_and_step_wraps_both_ways() {
        let bh = |block| BlockHits {
            block: BlockNo(block),
            lang: Lang::Zh,
            ranges: vec![0..3, 6..9],
        };
        let mut h = ReaderHits::new(DocIx(0), String::new(), 0, None);
        h.set_hits(vec![bh(0), bh(3), bh(3), bh(7), bh(12)]);
        assert_eq!(h.blocks, [BlockNo(3), BlockNo(7), BlockNo(12)]);
        assert_eq!(h.step(BlockNo(1), true), Some(0));
        assert_eq!(h.step(BlockNo(3), true), Some(1));
        assert_eq!(h.step(BlockNo(12), true), Some(0), "wraps to the first");
        assert_eq!(h.step(BlockNo(21), true), Some(0));
        assert_eq!(h.step(BlockNo(7), false), Some(0));
        assert_eq!(h.step(BlockNo(3), false), Some(2), "wraps to the last");
        assert_eq!(h.step(BlockNo(8), false), Some(1));
        assert_eq!(
            ReaderHits::new(DocIx(0), String::new(), 0, None).step(BlockNo(4), true),
            None
        );
    }
}
