//! One filtering of the list, with everything it needs so that it can run on the worker's
//! thread: which documents a query lets through, in what order, and the first rows of that
//! answer when they can be told cheaply ([`Request::first_rows`]).

use super::rank::{self, Haystacks, Narrowing};
use super::state::{Made, Order, SortKey};
use crate::model::ids::DocIx;
use rayon::prelude::*;
use std::sync::{Arc, OnceLock};

/// What a query's documents were matched against: the haystacks and labels (the same
/// allocations, so an answer over a list since reloaded is never reused).
pub(super) struct Sources(Arc<OnceLock<Haystacks>>, Arc<Vec<Vec<String>>>);

impl PartialEq for Sources {
    fn eq(&self, other: &Sources) -> bool {
        Arc::ptr_eq(&self.0, &other.0) && Arc::ptr_eq(&self.1, &other.1)
    }
}

/// What the worker keeps between queries.
pub(super) type Seen = Narrowing<Sources>;

/// One filtering: everything it needs, so that it can run on another thread.
pub(super) struct Request {
    pub(super) query: String,
    pub(super) count: usize,
    pub(super) haystacks: Arc<OnceLock<Haystacks>>,
    pub(super) texts: Option<Made<Haystacks>>,
    pub(super) labels: Arc<Vec<Vec<String>>>,
    pub(super) order: Order,
    pub(super) sort_keys: Arc<OnceLock<Vec<SortKey>>>,
    pub(super) keys_from: Option<Made<Vec<SortKey>>>,
    /// How many rows a first answer must hold (see [`Request::first_rows`]).
    pub(super) rows: usize,
}

/// The fewest rows a first answer holds, whatever the height of the last frame.
pub(super) const MIN_ROWS: usize = 50;

impl Request {
    /// The documents the query lets through, best match first (date order when it has no
    /// words).
    /// Makes the haystacks now, if they are not made yet.
    pub(super) fn prepare(&self) {
        self.haystacks();
    }

    fn haystacks(&self) -> &Haystacks {
        (self.haystacks).get_or_init(|| {
            crate::trace!("haystacks start");
            let made = self.texts.as_ref().map(|f| (f.0)()).unwrap_or_default();
            crate::trace!("haystacks made");
            made
        })
    }

    /// The answer, at once (a small corpus, or a query of no words).
    pub(super) fn answer(&self) -> Vec<DocIx> {
        self.answer_in(&mut Seen::default(), &|| false)
            .unwrap_or_default()
    }

    /// What a remembered answer was computed over (the haystacks and labels in use).
    fn sources(&self) -> Sources {
        Sources(self.haystacks.clone(), self.labels.clone())
    }

    /// The documents a query can match: those an earlier, shorter query's answer left
    /// ([`Seen::candidates`]), or every document when none applies.
    fn candidates<'s>(
        &self,
        seen: &'s Seen,
        needles: &[rank::Needle],
        labels: &[String],
    ) -> std::borrow::Cow<'s, [u32]> {
        match seen.candidates(&self.sources(), needles, labels) {
            Some(docs) => std::borrow::Cow::Borrowed(docs),
            None => std::borrow::Cow::Owned((0..self.haystacks().len() as u32).collect()),
        }
    }

    /// The first rows of [`Request::answer_in`]'s answer when they can be told without the
    /// fuzzy matcher, the costly part of a ranking: no document scores above one that has
    /// every word whole at a word start ([`rank::has_best_score`]) and equal scores go in corpus
    /// order, so the first documents in corpus order that reach it are the answer's first
    /// rows. Looked for a slice of candidates at a time, on every core, stopping when there
    /// are enough; `None` when there are fewer than the rows on screen plus a page (then the
    /// whole ranking is the first answer), when the query has no words, or when typed over.
    pub(super) fn first_rows(
        &self,
        seen: &Seen,
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<DocIx>> {
        let (labels, words) = self.words();
        if words.is_empty() {
            return None;
        }
        let haystacks = self.haystacks();
        let needles = rank::needles(&words);
        let from = self.candidates(seen, &needles, &labels);
        let mut first = Vec::with_capacity(self.rows);
        for slice in from.chunks(8192) {
            if stale() {
                return None;
            }
            let best: Vec<u32> = slice
                .par_iter()
                .copied()
                .filter(|&i| {
                    self.allowed(&labels, i as usize)
                        && rank::has_best_score(&needles, haystacks.get(i as usize))
                })
                .collect();
            first.extend(best.into_iter().map(|i| DocIx(i as usize)));
            if first.len() >= self.rows {
                first.truncate(self.rows);
                return Some(first);
            }
        }
        None
    }

    /// The query's `tag:`/`collection:` words (lower case) and the rest, matched as typed.
    fn words(&self) -> (Vec<String>, Vec<&str>) {
        let (labels, words): (Vec<&str>, Vec<&str>) = self
            .query
            .split_whitespace()
            .partition(|w| w.starts_with("tag:") || w.starts_with("collection:"));
        (labels.iter().map(|l| l.to_lowercase()).collect(), words)
    }

    /// Whether document `i` has every label of `labels`.
    fn allowed(&self, labels: &[String], i: usize) -> bool {
        labels
            .iter()
            .all(|l| self.labels.get(i).is_some_and(|have| have.contains(l)))
    }

    /// The documents the query lets through, best match first (date order when it has no
    /// words), looking only at the documents an earlier query in `seen` narrows it to.
    /// `None` when `stale` says a newer query came in meanwhile: the work is dropped.
    pub(super) fn answer_in(
        &self,
        seen: &mut Seen,
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<DocIx>> {
        // `tag:` and `collection:` words restrict; the rest is matched as typed.
        let (labels, words) = self.words();
        let allowed = |i: usize| self.allowed(&labels, i);
        if words.is_empty() {
            let mut shown: Vec<usize> = (0..self.count).filter(|&i| allowed(i)).collect();
            if self.order != Order::Date {
                let keys = self.sort_keys.get_or_init(|| {
                    (self.keys_from.as_ref())
                        .map(|f| (f.0)())
                        .unwrap_or_default()
                });
                let key = |i: usize| keys.get(i);
                // Stable sorts over the corpus order, which is date order: ties stay by date.
                match self.order {
                    Order::Date => {}
                    Order::Title => {
                        shown.sort_by(|&a, &b| key(a).map(|k| &k.0).cmp(&key(b).map(|k| &k.0)))
                    }
                    Order::Kind => {
                        shown.sort_by(|&a, &b| key(a).map(|k| k.1).cmp(&key(b).map(|k| k.1)))
                    }
                }
            }
            return Some(shown.into_iter().map(DocIx).collect());
        }
        let haystacks = self.haystacks();
        let needles = rank::needles(&words);
        let from = self.candidates(seen, &needles, &labels);
        // On every core: a large corpus is filtered on the worker, and each core takes a share.
        // Each document: `None` when the words' letters are not in it in order, else its score.
        let looked: Vec<(u32, Option<u32>)> = from
            .par_iter()
            .filter(|&&i| allowed(i as usize))
            .map_init(rank::matcher, |matcher, &i| {
                if stale() {
                    return None;
                }
                rank::score_needles(&needles, haystacks.get(i as usize), matcher).map(|s| (i, s))
            })
            .flatten()
            .collect();
        if stale() {
            return None;
        }
        let mut scored: Vec<(u32, u32)> = (looked.iter())
            .filter_map(|&(i, s)| Some((s?, i)))
            .collect();
        seen.remember(
            self.sources(),
            &needles,
            labels,
            looked.into_iter().map(|l| l.0).collect(),
        );
        // Best first; equal scores in date order (the corpus order).
        scored.par_sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        Some(scored.into_iter().map(|(_, i)| DocIx(i as usize)).collect())
    }
}
