//! The parallel-text state of the open document: its sentence alignment and translation
//! questions, computed once when the document is opened (never while drawing), and the
//! sentence cursor.

use crate::model::ids::{BlockNo, DocIx};
use crate::parallel::checks::Question;
use crate::parallel::{BlockAlignment, DocAlignment, NotParallel, SentencePair};
use std::cell::RefCell;
use std::rc::Rc;

/// What was computed for one document.
#[derive(Debug)]
pub struct Loaded {
    pub doc: DocIx,
    /// The sentence alignment, or why there is none (one language only).
    pub alignment: Result<DocAlignment, NotParallel>,
    /// The translation questions, in block order.
    pub questions: Vec<Question>,
}

impl Loaded {
    /// The alignment of block `number`, if it has text in both languages.
    pub fn block(&self, number: BlockNo) -> Option<&BlockAlignment> {
        let a = self.alignment.as_ref().ok()?;
        let i = a.blocks.binary_search_by_key(&number, |b| b.block).ok()?;
        a.blocks.get(i)
    }

    /// Whether block `number` holds a translation question.
    pub fn flagged(&self, number: BlockNo) -> bool {
        let i = self.questions.partition_point(|q| q.block < number);
        self.questions.get(i).is_some_and(|q| q.block == number)
    }

    /// Pairs in the document, and how many of them rest on lengths alone.
    pub fn pair_counts(&self) -> (usize, usize) {
        let Ok(a) = &self.alignment else {
            return (0, 0);
        };
        let pairs = a.blocks.iter().flat_map(|b| &b.pairs);
        pairs.fold((0, 0), |(n, l), p| {
            (n + 1, l + usize::from(p.by_length_only()))
        })
    }
}

/// Shared with the panel section, which only reads it.
pub type LoadedHandle = Rc<RefCell<Option<Loaded>>>;

/// A sentence of one side of an aligned block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentenceCursor {
    pub block: BlockNo,
    /// The left (original) column, else the right one.
    pub left: bool,
    /// Sentence index on that side.
    pub sentence: usize,
}

#[derive(Default)]
pub struct Parallel {
    pub loaded: LoadedHandle,
    /// The sentence cursor; shown only while the reader's cursor is on its block.
    pub cursor: Option<SentenceCursor>,
    /// Built on first use (the registry's name matcher).
    pub(super) aligner: Option<crate::parallel::Aligner>,
}

impl std::fmt::Debug for Parallel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parallel")
            .field("cursor", &self.cursor)
            .finish()
    }
}

impl Parallel {
    /// The pair the sentence cursor is in, with its block.
    pub fn current_pair(&self) -> Option<(SentenceCursor, SentencePair)> {
        let c = self.cursor?;
        let loaded = self.loaded.borrow();
        let pair = loaded
            .as_ref()?
            .block(c.block)?
            .pair_of(c.left, c.sentence)?
            .clone();
        Some((c, pair))
    }
}
