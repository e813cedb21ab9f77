//! One identity for a document and one numbering of its blocks, converted in one place. They
//! live in the model (the ground floor) so that refs, search, citations and the reader all
//! name a document and a block the same way.
//!
//! - [`DocIx`]: a document's place in an open corpus (`Corpus::documents`). Ids (`String`)
//!   are for people and files (the command line's output, JSON, the registry's files, the
//!   search index's stored field); [`DocIds`] turns one into a `DocIx` through a map built
//!   once (`Corpus::ix`).
//! - [`BlockNo`]: a block as the model, refs, search, citations and saved positions number it,
//!   from 1 (search uses 0 for the title). The reader's rows index blocks from 0; the only
//!   conversions are [`BlockNo::from_index`] and [`BlockNo::index`].

use super::Document;
use std::collections::HashMap;

/// A document of the reader's corpus, by its index in `corpus.documents`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocIx(pub usize);

/// A block number from 1, as every layer outside the reader's rows counts. Written as the
/// bare number (JSON, the corpus cache).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
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

/// Document id → [`DocIx`], built once per corpus (see `Corpus::ix`).
#[derive(Clone, Debug, Default)]
pub struct DocIds(HashMap<String, DocIx>);

impl DocIds {
    pub fn new(docs: &[Document]) -> DocIds {
        Self::of_ids(docs.iter().map(|d| Some(d.id.as_str())))
    }

    /// The map of the ids in corpus order (`None`: a place with no id, skipped).
    pub fn of_ids<'a>(ids: impl Iterator<Item = Option<&'a str>>) -> DocIds {
        DocIds(
            ids.enumerate()
                .filter_map(|(i, id)| Some((id?.to_string(), DocIx(i))))
                .collect(),
        )
    }

    pub fn get(&self, id: &str) -> Option<DocIx> {
        self.0.get(id).copied()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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
