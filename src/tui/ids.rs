//! One identity for a document and one numbering of its blocks, converted in one place.
//!
//! - [`DocIx`]: a document's place in the corpus the reader holds. Ids (`String`) are for
//!   people and files; [`DocIds`] turns one into a `DocIx` through a map built once.
//! - [`BlockNo`]: a block as the model, refs, search, citations and saved positions number it,
//!   from 1 (search uses 0 for the title). The reader's rows index blocks from 0; the only
//!   conversions are [`BlockNo::from_index`] and [`BlockNo::index`].

use crate::model::Document;
use std::collections::HashMap;

/// A document of the reader's corpus, by its index in `corpus.documents`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocIx(pub usize);

/// A block number from 1, as every layer outside the reader's rows counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockNo(pub usize);

impl BlockNo {
    /// The block at reader index `i` (from 0).
    pub fn from_index(i: usize) -> BlockNo {
        BlockNo(i + 1)
    }

    /// The reader index (from 0); block 0 (a search hit in the title) is the first block.
    pub fn index(self) -> usize {
        self.0.saturating_sub(1)
    }

    /// The reader index, or `None` for block 0 (the title, which is not a block).
    pub fn checked_index(self) -> Option<usize> {
        self.0.checked_sub(1)
    }
}

impl std::fmt::Display for BlockNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::ops::Index<DocIx> for Vec<Document> {
    type Output = Document;

    fn index(&self, i: DocIx) -> &Document {
        &self[i.0]
    }
}

impl std::ops::Index<DocIx> for crate::corpus::Docs {
    type Output = Document;

    fn index(&self, i: DocIx) -> &Document {
        &self[i.0]
    }
}

/// Document id → [`DocIx`], built once when the reader starts.
#[derive(Debug, Default)]
pub struct DocIds(HashMap<String, DocIx>);

impl DocIds {
    pub fn new(docs: &crate::corpus::Docs) -> DocIds {
        DocIds(
            (0..docs.len())
                .filter_map(|i| Some((docs.id(i)?.to_string(), DocIx(i))))
                .collect(),
        )
    }

    pub fn get(&self, id: &str) -> Option<DocIx> {
        self.0.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_numbers_and_reader_indices_convert_both_ways() {
        assert_eq!(BlockNo::from_index(0), BlockNo(1));
        assert_eq!(BlockNo(5).index(), 4);
        assert_eq!(BlockNo(0).index(), 0, "the title opens at the first block");
        assert_eq!(BlockNo(0).checked_index(), None);
        assert_eq!(BlockNo(3).checked_index(), Some(2));
    }
}
