//! A list of mentions read by position, so that a card or a backlinks window of a name with
//! tens of thousands of mentions counts them exactly (from the links' target index) and reads
//! only the rows it draws. Plain data over the corpus, below the reader's features and panel,
//! which both page through it.

use super::Corpus;
use crate::model::ids::DocIx;
use crate::refs::{Links, Mention, Target};
use std::ops::Range;

/// A list of mentions read by position: the mentions of each target in turn, in corpus order,
/// less those in one document (the backlinks of a document leave out its own).
#[derive(Clone, Debug, Default)]
pub struct MentionList {
    parts: Vec<Part>,
    len: usize,
}

#[derive(Clone, Debug)]
struct Part {
    target: Target,
    /// Positions in the target's mentions left out (those in the document itself).
    skip: Range<usize>,
    len: usize,
}

impl MentionList {
    /// Every mention of `target`, as [`crate::corpus::CorpusLinks::of_target`] lists them.
    pub fn of_target(corpus: &Corpus, target: Target) -> MentionList {
        let mut list = MentionList::default();
        list.push(corpus, target, 0..0);
        list
    }

    /// The backlinks of document `doc`: the mentions, in other documents, of the instruments
    /// whose text it holds, in registry order and then corpus order (as
    /// [`crate::corpus::CorpusLinks::backlinks`] lists them).
    pub fn backlinks(corpus: &Corpus, doc: DocIx) -> MentionList {
        let mut list = MentionList::default();
        let Some(id) = corpus.documents.id(doc.0) else {
            return list;
        };
        for target in Links::held_by(&corpus.registry, id) {
            list.push(corpus, target, corpus.links.span_in(target, doc));
        }
        list
    }

    fn push(&mut self, corpus: &Corpus, target: Target, skip: Range<usize>) {
        let len = corpus.links.count_of_target(target) - skip.len();
        self.len += len;
        self.parts.push(Part { target, skip, len });
    }

    /// How many mentions the list holds (exact, from the links' index).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Mention `i` of the list, read now.
    pub fn get<'a>(&self, corpus: &'a Corpus, mut i: usize) -> Option<&'a Mention> {
        for part in &self.parts {
            if i < part.len {
                let k = if i >= part.skip.start {
                    i + part.skip.len()
                } else {
                    i
                };
                return corpus.links.nth_of_target(part.target, k);
            }
            i -= part.len;
        }
        None
    }
}
