//! The links of a corpus: every mention, by document and by target, and the backlinks of a
//! document (every mention, elsewhere, of the instrument whose text it holds).
//!
//! Mentions are kept in corpus order, so a document's are one run of them: the runs are
//! indexed by [`DocIx`], and no map from ids is needed.

use super::mentions::{Found, Matcher, Mention, find_in_document};
use super::registry::{Registry, Target};
use crate::model::{DocIx, Document};
use std::collections::HashMap;
use std::ops::Range;

#[derive(Clone, Debug, Default)]
pub struct Links {
    pub mentions: Vec<Mention>,
    /// The mentions of document `i` are `mentions[runs[i].clone()]`.
    runs: Vec<Range<usize>>,
    by_target: HashMap<Target, Vec<usize>>,
}

impl Links {
    pub fn build(documents: &[Document], registry: &Registry) -> Self {
        let matcher = Matcher::new(registry);
        Self::from_documents(
            documents
                .iter()
                .map(|d| find_in_document(d, registry, &matcher))
                .collect(),
        )
    }

    /// [`Links::build`] on every core.
    pub fn build_parallel(documents: &[Document], registry: &Registry) -> Self {
        use rayon::prelude::*;
        let matcher = Matcher::new(registry);
        Self::from_documents(
            documents
                .par_iter()
                .map(|d| find_in_document(d, registry, &matcher))
                .collect(),
        )
    }

    /// Links from the mentions already found in each document, one list per document in
    /// corpus order (the corpus cache keeps each document's, so that only changed documents
    /// are searched again): list `i` is placed at [`DocIx`] `i`.
    pub fn from_documents(found: Vec<Vec<Found>>) -> Self {
        let mut mentions = Vec::with_capacity(found.iter().map(Vec::len).sum());
        let mut runs = Vec::with_capacity(found.len());
        for (i, list) in found.into_iter().enumerate() {
            let start = mentions.len();
            mentions.extend(list.into_iter().map(|f| f.at(DocIx(i))));
            runs.push(start..mentions.len());
        }
        let mut by_target: HashMap<Target, Vec<usize>> = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            by_target.entry(m.target).or_default().push(i);
        }
        Self {
            mentions,
            runs,
            by_target,
        }
    }

    /// Mentions in a document, in reading order.
    pub fn in_document(&self, doc: DocIx) -> impl Iterator<Item = &Mention> + '_ {
        let run = self.runs.get(doc.0).cloned().unwrap_or_default();
        self.mentions[run].iter()
    }

    /// Every mention of a target, in corpus order.
    pub fn of_target(&self, target: Target) -> impl Iterator<Item = &Mention> + '_ {
        self.by_target
            .get(&target)
            .into_iter()
            .flatten()
            .map(|&i| &self.mentions[i])
    }

    /// How many times the corpus mentions `target`.
    pub fn count_of_target(&self, target: Target) -> usize {
        self.by_target.get(&target).map_or(0, Vec::len)
    }

    /// Mention `k` of [`Links::of_target`].
    pub fn nth_of_target(&self, target: Target, k: usize) -> Option<&Mention> {
        let i = *self.by_target.get(&target)?.get(k)?;
        self.mentions.get(i)
    }

    /// The positions in [`Links::of_target`] of the mentions in document `doc` (one run, as
    /// mentions are in corpus order; empty where they would be when it has none).
    pub fn span_in(&self, target: Target, doc: DocIx) -> Range<usize> {
        let run = self.runs.get(doc.0).cloned().unwrap_or_default();
        let list = self.by_target.get(&target).map_or(&[][..], Vec::as_slice);
        list.partition_point(|&i| i < run.start)..list.partition_point(|&i| i < run.end)
    }

    /// The instruments whose text the document holds.
    pub fn held_by<'a>(registry: &'a Registry, doc: &'a str) -> impl Iterator<Item = Target> + 'a {
        registry
            .instruments
            .iter()
            .enumerate()
            .filter(move |(_, i)| i.text.as_ref().is_some_and(|t| t.doc == doc))
            .map(|(i, _)| Target::Instrument(i))
    }

    /// Mentions, in other documents, of the instruments the document at `doc` holds (its id
    /// is read from `documents`, as the registry names documents by id).
    pub fn backlinks<'a>(
        &'a self,
        registry: &'a Registry,
        documents: &'a [Document],
        doc: DocIx,
    ) -> Vec<&'a Mention> {
        let Some(id) = documents.get(doc.0).map(|d| d.id.as_str()) else {
            return Vec::new();
        };
        Self::held_by(registry, id)
            .flat_map(|t| self.of_target(t))
            .filter(|m| m.doc != doc)
            .collect()
    }
}
