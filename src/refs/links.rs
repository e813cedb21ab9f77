//! The links of a corpus: every mention, by document and by target, and the backlinks of a
//! document (every mention, elsewhere, of the instrument whose text it holds).

use super::mentions::{Matcher, Mention, find_in_document};
use super::registry::{Registry, Target};
use crate::model::Document;
use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub struct Links {
    pub mentions: Vec<Mention>,
    by_doc: HashMap<String, Vec<usize>>,
    by_target: HashMap<Target, Vec<usize>>,
}

impl Links {
    pub fn build(documents: &[Document], registry: &Registry) -> Self {
        let matcher = Matcher::new(registry);
        let mentions: Vec<Mention> = documents
            .iter()
            .flat_map(|d| find_in_document(d, registry, &matcher))
            .collect();
        Self::from_mentions(mentions)
    }

    /// [`Links::build`] on every core.
    pub fn build_parallel(documents: &[Document], registry: &Registry) -> Self {
        use rayon::prelude::*;
        let matcher = Matcher::new(registry);
        let found: Vec<Vec<Mention>> = documents
            .par_iter()
            .map(|d| find_in_document(d, registry, &matcher))
            .collect();
        Self::from_mentions(found.into_iter().flatten().collect())
    }

    /// Links from mentions already found, in corpus order (the corpus cache keeps each
    /// document's mentions, so that only changed documents are searched again).
    pub fn from_mentions(mentions: Vec<Mention>) -> Self {
        let mut by_doc: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_target: HashMap<Target, Vec<usize>> = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            by_doc.entry(m.doc.clone()).or_default().push(i);
            by_target.entry(m.target).or_default().push(i);
        }
        Self {
            mentions,
            by_doc,
            by_target,
        }
    }

    /// Mentions in a document, in reading order.
    pub fn in_document<'a>(&'a self, doc: &str) -> impl Iterator<Item = &'a Mention> + 'a {
        self.by_doc
            .get(doc)
            .into_iter()
            .flatten()
            .map(|&i| &self.mentions[i])
    }

    /// Every mention of a target, in corpus order.
    pub fn of_target(&self, target: Target) -> impl Iterator<Item = &Mention> + '_ {
        self.by_target
            .get(&target)
            .into_iter()
            .flatten()
            .map(|&i| &self.mentions[i])
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

    /// Mentions, in other documents, of the instruments this document holds.
    pub fn backlinks<'a>(&'a self, registry: &'a Registry, doc: &'a str) -> Vec<&'a Mention> {
        Self::held_by(registry, doc)
            .flat_map(|t| self.of_target(t))
            .filter(|m| m.doc != doc)
            .collect()
    }
}
