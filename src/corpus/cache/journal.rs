//! The journal and the listing, two small files beside the catalog:
//!
//! - `corpus-<key>.files`, the **listing**: every document file of the table with its inode,
//!   size, mtime, CRC and id (when it is a document of the snapshot), written with the
//!   snapshot. It is what a refresh compares the directory with when it need not read the
//!   32 MB table.
//! - `corpus-<key>.journal`, the **journal**: the entries changed, added or removed since the
//!   table (and its snapshot and listing) were written, with the key, the index digest and the
//!   snapshot positions that change. A refresh that finds a few changes writes the journal
//!   again (aside, then renamed: a reader sees the old journal or the new one) instead of the
//!   table and the snapshot; readers lay it over both ([`apply_to_table`],
//!   [`super::super::snapshot::overlay`]); a refresh that finds it too big, or that must read
//!   the table anyway, folds it into a table written whole.
//!
//! Each names the table it belongs to by the table's `written_ns` ([`Journal::base`]): one
//! that names another table is stale (a table was written since) and is ignored. Both are
//! framed like the table: magic, version, CRC-32 and length, then bincode.

use super::file::{Entry, Outcome, Table};
use crate::corpus::snapshot::{
    Key, Record,
    overlay::{Layer, Problem},
};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::path::{Path, PathBuf};

const JOURNAL_MAGIC: &[u8; 8] = b"LECTJRNL";
const LISTING_MAGIC: &[u8; 8] = b"LECTLIST";
/// Changes whenever the journal's or the listing's layout, or the entry, change.
const VERSION: u32 = 2;
/// A journal or listing bigger than this is not one of ours.
const MAX_LEN: u64 = 1 << 31;

/// A journal holding more changed files than this share of the corpus (or than
/// [`FOLD_AT_LEAST`]) is folded into the table.
pub(super) const FOLD_SHARE: f64 = 0.01;
pub(super) const FOLD_AT_LEAST: usize = 64;

/// The most changed files a journal may hold for a corpus of `files` files.
pub(super) fn capacity(files: usize) -> usize {
    ((files as f64 * FOLD_SHARE) as usize).max(FOLD_AT_LEAST)
}

/// One document file of the listing.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct Row {
    pub(super) name: String,
    pub(super) ino: u64,
    pub(super) size: u64,
    pub(super) mtime_ns: u64,
    pub(super) crc: u32,
    /// Its document's id when it is a document of the catalog (valid, the first of its id).
    pub(super) id: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Listing {
    /// The `written_ns` of the table it was made from.
    pub(super) base: u64,
    /// Sorted by name.
    pub(super) rows: Vec<Row>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct Journal {
    /// The `written_ns` of the table (and snapshot and listing) it lies over.
    pub(super) base: u64,
    /// The key of the files as this journal saw them (its `written_ns`: when it was written).
    pub(super) key: Key,
    /// The index digest of the catalog with the journal laid over it.
    pub(super) index_sums: (u64, u64),
    /// Ids of the snapshot's documents that are gone or replaced.
    pub(super) removed: Vec<String>,
    /// Every file changed since the table, sorted by name: its new entry, `None` when gone.
    pub(super) changes: Vec<(String, Option<Entry>)>,
    /// The changed files that parse but whose id an earlier file holds: kept as parsed (so
    /// the table they fold into reports them as [`super::assemble`] does), never laid over
    /// the snapshot as documents.
    pub(super) duplicates: Vec<String>,
    /// Every problem of the catalog with the journal laid over it, as [`super::assemble`]
    /// orders them: the registry's, then the files' by name.
    pub(super) problems: Vec<Problem>,
}

pub(super) fn journal_file(cache: &Path) -> PathBuf {
    cache.with_extension("journal")
}

pub(super) fn listing_file(cache: &Path) -> PathBuf {
    cache.with_extension("files")
}

impl Journal {
    /// What it lays over the snapshot.
    pub(super) fn layer(&self) -> Layer {
        Layer {
            key: self.key.clone(),
            index_sums: self.index_sums,
            removed: self.removed.clone(),
            problems: self.problems.clone(),
            added: self
                .changes
                .iter()
                .filter(|(name, _)| !self.duplicates.contains(name))
                .filter_map(|(name, e)| match e.as_ref().map(|e| &e.outcome) {
                    Some(Outcome::Parsed {
                        head,
                        body,
                        mentions,
                        ..
                    }) => Some(Record {
                        head: head.clone(),
                        body: *body,
                        mentions: *mentions,
                        name: name.clone(),
                    }),
                    _ => None,
                })
                .collect(),
        }
    }
}

/// Lays `journal` over the table it belongs to: its entries replace, join or leave the
/// table's (both sorted by name), and its key's times become the table's.
pub(super) fn apply_to_table(table: &mut Table, journal: Journal) {
    let old = std::mem::take(&mut table.entries);
    let mut changes = journal.changes.into_iter().peekable();
    let mut entries = Vec::with_capacity(old.len() + changes.len());
    for e in old {
        while let Some((_, new)) = changes.next_if(|(name, _)| *name < e.name) {
            entries.extend(new);
        }
        match changes.next_if(|(name, _)| *name == e.name) {
            Some((_, new)) => entries.extend(new),
            None => entries.push(e),
        }
    }
    entries.extend(changes.filter_map(|(_, new)| new));
    table.entries = entries;
    table.docs_mtime_ns = journal.key.docs_mtime_ns;
    table.written_ns = journal.key.written_ns;
}

/// Reads the journal at `path`: `Ok(None)` when there is none, or one of another version.
pub(super) fn read_journal(path: &Path) -> Result<Option<Journal>, String> {
    read_framed(path, JOURNAL_MAGIC, "corpus cache journal")
}

pub(super) fn write_journal(path: &Path, journal: &Journal) -> std::io::Result<()> {
    super::file::write_atomically(path, &framed(JOURNAL_MAGIC, journal)?)
}

pub(super) fn read_listing(path: &Path) -> Result<Option<Listing>, String> {
    read_framed(path, LISTING_MAGIC, "corpus cache listing")
}

pub(super) fn write_listing(path: &Path, listing: &Listing) -> std::io::Result<()> {
    super::file::write_atomically(path, &framed(LISTING_MAGIC, listing)?)
}

fn framed<T: Serialize>(magic: &[u8; 8], value: &T) -> std::io::Result<Vec<u8>> {
    super::file::framed(magic, VERSION, value).map_err(std::io::Error::other)
}

/// A journal or listing of another version is no journal: the table alone is trusted then.
fn read_framed<T: DeserializeOwned>(
    path: &Path,
    magic: &[u8; 8],
    what: &str,
) -> Result<Option<T>, String> {
    use super::file::Framed;
    match super::file::read_framed(path, magic, VERSION, MAX_LEN, what) {
        Ok(Framed::Held(value)) => Ok(Some(value)),
        Ok(Framed::Absent | Framed::OtherVersion(_)) => Ok(None),
        Err(e) => Err(format!("{what}: {e}")),
    }
}

/// The listing of the files of a table written at `base` (all `Cached` by then): which
/// entry is a document of the catalog follows [`super::assemble`]'s rule (the first file of
/// an id).
pub(super) fn listing_of(files: &[super::FileState], base: u64) -> Listing {
    let mut seen = std::collections::HashSet::with_capacity(files.len());
    let rows = files
        .iter()
        .map(|f| {
            let id = match &f.fresh {
                super::Fresh::Cached(Outcome::Parsed { head, .. })
                    if seen.insert(head.id.as_str()) =>
                {
                    Some(head.id.clone())
                }
                _ => None,
            };
            Row {
                name: f.name.clone(),
                ino: f.ino,
                size: f.size,
                mtime_ns: f.mtime_ns,
                crc: f.crc,
                id,
            }
        })
        .collect();
    Listing { base, rows }
}
