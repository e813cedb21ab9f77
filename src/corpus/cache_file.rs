//! The corpus cache's file: a header (magic, version, CRC-32 of the rest, table length), a
//! CBOR table of entries, then the blobs the entries point into; and how it is replaced.

use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::Path;
use std::time::SystemTime;

const MAGIC: &[u8; 8] = b"LECTCORP";
/// Changes whenever the entries, the document model or the validation change.
const VERSION: u32 = 1;
/// Header: magic, version (u32), CRC-32 of everything after the header (u32), table length (u64).
const HEADER: usize = 8 + 4 + 4 + 8;
/// A file modified this close to the cache's writing may have changed unseen within one tick.
pub(super) const RACY_NS: u64 = 2_000_000_000;

#[derive(Serialize, Deserialize)]
pub(super) struct Table {
    pub(super) written_ns: u64,
    pub(super) registry_crc: u32,
    pub(super) entries: Vec<Entry>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct Entry {
    /// File name inside `documents/`.
    pub(super) name: String,
    pub(super) size: u64,
    pub(super) mtime_ns: u64,
    pub(super) crc: u32,
    pub(super) outcome: Outcome,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) enum Outcome {
    /// Parsed: byte ranges of the document and of its mentions in the blob area, and the line
    /// of a `raw` that names a missing file.
    Parsed {
        doc: Range<usize>,
        mentions: Range<usize>,
        raw_missing: Option<usize>,
    },
    /// The file failed validation: line and message.
    Failed { line: usize, message: String },
}

/// Header, table and blobs as one file's bytes.
pub(super) fn frame(table: &[u8], blobs: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + table.len() + blobs.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(table.len() as u64).to_le_bytes());
    out.extend_from_slice(table);
    out.extend_from_slice(blobs);
    let crc = crc32fast::hash(&out[HEADER..]);
    out[12..16].copy_from_slice(&crc.to_le_bytes());
    out
}

/// Checks the header and decodes the table.
pub(super) fn decode_table(bytes: &[u8]) -> Result<Table, String> {
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err("not a lectern corpus cache".into());
    }
    let word =
        |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    if word(8) != VERSION {
        return Err(format!("version {} instead of {VERSION}", word(8)));
    }
    if crc32fast::hash(&bytes[HEADER..]) != word(12) {
        return Err("checksum mismatch".into());
    }
    let len = table_len(bytes).ok_or("bad table length")?;
    let table = bytes.get(HEADER..HEADER + len).ok_or("truncated")?;
    ciborium::from_reader(table).map_err(|e| format!("cannot decode: {e}"))
}

fn table_len(bytes: &[u8]) -> Option<usize> {
    let raw: [u8; 8] = bytes.get(16..24)?.try_into().ok()?;
    usize::try_from(u64::from_le_bytes(raw)).ok()
}

/// The blob area of a valid cache.
pub(super) fn blob_area<'a>(bytes: &'a [u8], table: Option<&Table>) -> Option<&'a [u8]> {
    table?;
    bytes.get(HEADER + table_len(bytes)?..)
}

/// A temporary cache file older than this belongs to a process that died while writing it.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(600);

/// Writes `bytes` beside `path` under a unique name, then renames it over `path`; removes
/// what killed writers left beside it.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
        remove_abandoned(parent, path);
    }
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = path.with_extension(format!("cache.{}-{n}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn remove_abandoned(parent: &Path, path: &Path) {
    let Some(stem) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let now = SystemTime::now();
    for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > ABANDONED_AFTER);
        if old && name.starts_with(&stem) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
