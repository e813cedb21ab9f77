//! One identity for a document and one numbering of its blocks, converted in one place. They
//! live in the model (the ground floor) so that refs, search, citations and the reader all
//! name a document and a block the same way.
//!
//! - [`DocIx`]: a document's place in an open corpus (`Corpus::documents`). Ids (`String`)
//!   are for people and files (the command line's output, JSON, the registry's files, the
//!   search index's stored field); [`DocIds`] turns one into a `DocIx` through a map built
//!   once (`Corpus::ix`).
//! - [`BlockNo`]: a block, numbered from 1 as people cite it ([`BlockNo::TITLE`], 0, is where
//!   search places a hit in the title). Footnotes, search hits, mentions, sentence alignments,
//!   saved positions and every position in the reader (the cursor, the top block, highlights,
//!   find matches, selections) are `BlockNo`s. A `Vec` of blocks (`doc.blocks`, the layout's
//!   rows) is indexed only through [`BlockNo::index`] / [`BlockNo::from_index`] or
//!   `Document::block`; the number is written for people by `Display` (`5`, or `¶5` with
//!   `{:#}`) and [`BlockNo::place`] (`¶5` or `title`).

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
    /// Where search places a hit in the title, which is not a block.
    pub const TITLE: BlockNo = BlockNo(0);
    /// A document's first block.
    pub const FIRST: BlockNo = BlockNo(1);

    /// The last block of a document of `count` blocks (the first when it has none).
    pub fn last_of(count: usize) -> BlockNo {
        BlockNo(count.max(1))
    }

    /// The block after this one.
    pub fn next(self) -> BlockNo {
        BlockNo(self.0 + 1)
    }

    /// The block before this one; the first stays the first.
    pub fn prev(self) -> BlockNo {
        BlockNo(self.0.saturating_sub(1)).max(BlockNo::FIRST)
    }

    /// `delta` blocks on (back when negative), kept within the first block and `last`.
    pub fn step(self, delta: isize, last: BlockNo) -> BlockNo {
        BlockNo(self.0.saturating_add_signed(delta)).clamp(BlockNo::FIRST, last.max(BlockNo::FIRST))
    }

    /// The blocks of `range`, in order (a `Range<BlockNo>` cannot iterate on stable Rust).
    pub fn each(range: std::ops::Range<BlockNo>) -> impl DoubleEndedIterator<Item = BlockNo> {
        (range.start.0..range.end.0).map(BlockNo)
    }

    /// Where a search hit stands, as people read it: `¶5`, or `title` for block 0.
    pub fn place(self) -> String {
        if self == BlockNo::TITLE {
            "title".to_string()
        } else {
            format!("{self:#}")
        }
    }

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

    /// Whether a document of `count` blocks has this block (block 0, the title, is none).
    pub fn is_within(self, count: usize) -> bool {
        self.checked_index().is_some_and(|i| i < count)
    }

    /// How many blocks there are from the first through this one (0 for the title).
    pub fn count_through(self) -> usize {
        self.0
    }

    /// This block, or the last of a document of `count` blocks when it lies past it (block 0
    /// when the document has none).
    pub fn at_most_last(self, count: usize) -> BlockNo {
        BlockNo(self.0.min(count))
    }

    /// `n` blocks back, never before the first.
    pub fn back(self, n: usize) -> BlockNo {
        BlockNo(self.0.saturating_sub(n)).max(BlockNo::FIRST)
    }

    /// `n` blocks on (with no end: bound it with `min`).
    pub fn ahead(self, n: usize) -> BlockNo {
        BlockNo(self.0.saturating_add(n))
    }

    /// How many blocks apart two blocks are.
    pub fn distance(self, other: BlockNo) -> usize {
        self.0.abs_diff(other.0)
    }
}

/// The number as people read it: `5`; with `{:#}`, the pinpoint `¶5`.
impl std::fmt::Display for BlockNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Through `pad` and the number's own `fmt`, so widths (the gutter's `{:>3}`) hold.
        if f.alternate() {
            f.pad(&format!("¶{}", self.0))
        } else {
            self.0.fmt(f)
        }
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
        assert!(BlockNo(3).is_within(3) && !BlockNo(4).is_within(3));
        assert!(!BlockNo::TITLE.is_within(3) && !BlockNo::FIRST.is_within(0));
        assert_eq!(BlockNo(3).count_through(), 3);
    }

    #[test]
    fn steps_stay_inside_the_document() {
        let last = BlockNo(4);
        assert_eq!(BlockNo(2).step(5, last), last);
        assert_eq!(BlockNo(2).step(-5, last), BlockNo::FIRST);
        assert_eq!(BlockNo(2).step(1, last), BlockNo(3));
        assert_eq!(BlockNo::FIRST.prev(), BlockNo::FIRST);
        assert_eq!(BlockNo::last_of(0), BlockNo::FIRST);
        assert_eq!(BlockNo(9).at_most_last(4), last);
        assert_eq!(BlockNo(2).at_most_last(4), BlockNo(2));
        assert_eq!(BlockNo(2).at_most_last(0), BlockNo::TITLE);
        assert_eq!(
            (BlockNo(2).back(5), BlockNo(7).back(2)),
            (BlockNo::FIRST, BlockNo(5))
        );
        assert_eq!(BlockNo(7).ahead(2), BlockNo(9));
        assert_eq!(
            (
                BlockNo(7).distance(BlockNo(3)),
                BlockNo(3).distance(BlockNo(7))
            ),
            (4, 4)
        );
        let all: Vec<_> = BlockNo::each(BlockNo(2)..BlockNo(4)).collect();
        assert_eq!(all, [BlockNo(2), BlockNo(3)]);
        assert_eq!(format!("{} {:#}", BlockNo(7), BlockNo(7)), "7 ¶7");
        assert_eq!(
            format!("{:>3}|{:<4}|", BlockNo(7), format!("{:#}", BlockNo(7))),
            "  7|¶7  |"
        );
        assert_eq!(
            (BlockNo::TITLE.place(), BlockNo(2).place()),
            ("title".into(), "¶2".into())
        );
    }
}
