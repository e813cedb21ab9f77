//! The index schema: one index document per block of a corpus document (block 0 is the title),
//! so that every hit carries its pinpoint. Each unit stores what its hit shows (the document's
//! id, title, kind and date, and the block's text), so that a search answers from the index
//! alone without loading the corpus. Documents are numbered by a *slot* that stays theirs
//! while the index is updated in place (see [`super::store`]).

use super::analysis::TextField;
use crate::model::{BlockNo, PartialDate};
use std::borrow::Cow;
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// What one unit stores for its hit: the block's text and its document's head. Borrowed
/// when written, so that a build does not copy every block's text once more; owned when read.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct StoredUnit<'a> {
    pub title: Cow<'a, str>,
    pub kind: crate::model::DocKind,
    pub date: Option<PartialDate>,
    pub text: Cow<'a, crate::model::LangText>,
}

/// Changes whenever the schema or an analyser changes, so that old indexes are rebuilt.
/// Part of the corpus fingerprint.
pub const SCHEMA_VERSION: &str = "lectern-search-v7";

/// Bits of `unit` that hold the block number; the document ordinal sits above them.
pub const BLOCK_BITS: u32 = 20;

#[derive(Clone, Debug)]
pub struct Fields {
    /// `slot << BLOCK_BITS | block`: which block of which document (fast field).
    pub unit: Field,
    /// The document's slot.
    pub doc: Field,
    /// The document's id: deleted by when the document is replaced or removed (stored).
    pub id: Field,
    /// What a hit shows, as a [`StoredUnit`] (stored only).
    pub stored: Field,
    /// Block number; 0 for the title.
    pub block: Field,
    /// The document's date as `yyyymmdd`, unknown month or day as 00 (fast, for ranges).
    pub date: Field,
    pub kind: Field,
    /// Languages the block has text in.
    pub lang: Field,
    pub text: [Field; 4],
}

impl Fields {
    pub fn text(&self, field: TextField) -> Field {
        self.text[field as usize]
    }
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let unit = b.add_u64_field("unit", INDEXED | tantivy::schema::FAST);
    let doc = b.add_u64_field("doc", INDEXED);
    let id = b.add_text_field("id", STRING | STORED);
    let stored = b.add_bytes_field("stored", STORED);
    let block = b.add_u64_field("block", INDEXED);
    let date = b.add_i64_field("date", INDEXED | tantivy::schema::FAST);
    let kind = b.add_text_field("kind", STRING);
    let lang = b.add_text_field("lang", STRING);
    let text = TextField::ALL.map(|f| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(f.tokenizer_name())
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        b.add_text_field(
            f.name(),
            TextOptions::default().set_indexing_options(indexing),
        )
    });
    let fields = Fields {
        unit,
        doc,
        id,
        stored,
        block,
        date,
        kind,
        lang,
        text,
    };
    (b.build(), fields)
}

pub fn unit(slot: u64, block: BlockNo) -> u64 {
    (slot << BLOCK_BITS) | block.0 as u64
}

pub fn split_unit(unit: u64) -> (u64, BlockNo) {
    (
        unit >> BLOCK_BITS,
        BlockNo((unit & ((1 << BLOCK_BITS) - 1)) as usize),
    )
}

/// `yyyymmdd` with 00 for an unknown month or day: sorts and ranges like the dates themselves.
pub fn date_key(date: PartialDate) -> i64 {
    i64::from(date.year) * 10_000
        + i64::from(date.month.unwrap_or(0)) * 100
        + i64::from(date.day.unwrap_or(0))
}
