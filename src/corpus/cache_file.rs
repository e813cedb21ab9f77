//! The corpus cache's files, beside each other in the user's cache:
//!
//! - `corpus-<key>.cache`, the **catalog**: a header (magic, version, CRC-32 and length of the
//!   table), then the table (bincode) of every document file with its size, mtime, CRC and
//!   head (what `list` shows and the index's fingerprint needs). It is small (about 200 bytes a
//!   document) and read in one go; it is rewritten whole and renamed into place on a change.
//! - `corpus-<key>.<n>.pack`, **packs** of blobs: each document's body and mentions, CBOR, with
//!   a CRC-32 of its own in the table. A pack is written once and never changed, so a refresh
//!   writes only the blobs of the files that changed into a new pack, and a reader holding an
//!   older table still finds its blobs. Packs that no table names are removed after a while.

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const MAGIC: &[u8; 8] = b"LECTCORP";
/// Changes whenever the table, the document model or the validation change.
const VERSION: u32 = 6;
/// Header of a framed file: magic, version (u32), CRC-32 of the body (u32), body length (u64).
const FRAME_HEADER: usize = 8 + 4 + 4 + 8;
/// A file modified this close to the cache's writing may have changed unseen within one tick.
pub(super) const RACY_NS: u64 = 2_000_000_000;
/// A table bigger than this is not a table of ours (and is not read into memory).
const MAX_TABLE: u64 = 1 << 32;

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct Table {
    pub(super) written_ns: u64,
    /// The mtime of `documents/` read before its files were listed, when old enough to be
    /// trusted (see [`super::freshness`]).
    pub(super) docs_mtime_ns: Option<u64>,
    pub(super) registry_crc: u32,
    /// The registry as validated against the documents (CBOR), and its problems.
    pub(super) registry: Option<Blob>,
    pub(super) registry_problems: Vec<(PathBuf, usize, String)>,
    pub(super) entries: Vec<Entry>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct Entry {
    /// File name inside `documents/`.
    pub(super) name: String,
    pub(super) size: u64,
    pub(super) mtime_ns: u64,
    /// The inode its directory entry named (see [`super::freshness::list_documents`]).
    pub(super) ino: u64,
    pub(super) crc: u32,
    pub(super) outcome: Outcome,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) enum Outcome {
    /// Parsed: the head, where the body and the mentions are, and the line of a `raw` that
    /// names a missing file.
    Parsed {
        head: super::catalog::Head,
        body: Blob,
        mentions: Blob,
        raw_missing: Option<(usize, String)>,
    },
    /// The file failed validation: line and message.
    Failed { line: usize, message: String },
}

/// Where a blob is: which pack, which bytes, and their CRC-32.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Blob {
    pub(super) pack: u64,
    pub(super) start: u64,
    pub(super) len: u32,
    pub(super) crc: u32,
}

/// The catalog's bytes: header and table.
pub(super) fn encode_table(table: &Table) -> Vec<u8> {
    // Plain structs into a Vec: bincode cannot fail here; an empty table is only a slower cache.
    framed(MAGIC, VERSION, table).unwrap_or_default()
}

/// The bytes of a framed cache file (the catalog, the journal, the listing, the links' target
/// index): a header of `magic`, `version`, the CRC-32 and the length of the body, then the
/// body, `value` in bincode.
pub(super) fn framed<T: Serialize + ?Sized>(
    magic: &[u8; 8],
    version: u32,
    value: &T,
) -> bincode::Result<Vec<u8>> {
    let body = bincode::serialize(value)?;
    let mut out = Vec::with_capacity(FRAME_HEADER + body.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// What a framed file at a path holds.
pub(super) enum Framed<T> {
    Absent,
    /// Written by a lectern with this other version of the format.
    OtherVersion(u32),
    Held(T),
}

/// Reads and checks a file written from [`framed`]: its magic (`what` names the file in that
/// error), its length (at most `max_len`), checksum and body. Other errors are short
/// ("truncated"), for the caller to name the file.
pub(super) fn read_framed<T: DeserializeOwned>(
    path: &Path,
    magic: &[u8; 8],
    version: u32,
    max_len: u64,
    what: &str,
) -> Result<Framed<T>, String> {
    let Some((file, header)) = open_with_header::<FRAME_HEADER>(path, magic, what)? else {
        return Ok(Framed::Absent);
    };
    let word = |at: usize| {
        u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    if word(8) != version {
        return Ok(Framed::OtherVersion(word(8)));
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&header[16..24]);
    let len = u64::from_le_bytes(len);
    if len > max_len {
        return Err("bad length".into());
    }
    let mut body = Vec::with_capacity(len as usize);
    file.take(len)
        .read_to_end(&mut body)
        .map_err(|e| e.to_string())?;
    if body.len() as u64 != len {
        return Err("truncated".into());
    }
    if crc32fast::hash(&body) != word(12) {
        return Err("checksum mismatch".into());
    }
    bincode::deserialize(&body)
        .map(Framed::Held)
        .map_err(|e| format!("cannot decode: {e}"))
}

/// Opens one of the cache's files and reads its header of `N` bytes, which must begin with
/// `magic`: `Ok(None)` when there is no such file yet. `what` names it in the error.
pub(super) fn open_with_header<const N: usize>(
    path: &Path,
    magic: &[u8; 8],
    what: &str,
) -> Result<Option<(std::fs::File, [u8; N])>, String> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut header = [0u8; N];
    let read = file.read_exact(&mut header);
    if read.is_err() || &header[..8] != magic {
        return Err(format!("not a lectern {what}"));
    }
    Ok(Some((file, header)))
}

/// How [`read_table`]'s error begins for a cache that an older or newer lectern wrote: not
/// damage, so the notice says so.
pub(super) const OTHER_VERSION: &str = "written by another version of lectern";

/// Reads and checks the catalog at `path`: `Ok(None)` when there is none yet.
pub(super) fn read_table(path: &Path) -> Result<Option<Table>, String> {
    match read_framed(path, MAGIC, VERSION, MAX_TABLE, "corpus cache")? {
        Framed::Absent => Ok(None),
        Framed::OtherVersion(v) => Err(format!(
            "{OTHER_VERSION} (format {v}; this one reads {VERSION})"
        )),
        Framed::Held(table) => Ok(Some(table)),
    }
}

/// The pack files of the catalog at `cache`: `corpus-<key>.<n>.pack` beside it.
#[derive(Debug)]
pub struct Packs {
    /// `corpus-<key>` with its directory.
    stem: PathBuf,
    open: std::sync::Mutex<std::collections::HashMap<u64, std::fs::File>>,
}

impl Packs {
    pub(super) fn of(cache: &Path) -> Self {
        Self {
            stem: cache.with_extension(""),
            open: Default::default(),
        }
    }

    /// The links' target index beside these packs (see [`super::target_index`]).
    pub(super) fn target_index_file(&self) -> PathBuf {
        super::target_index::file_of(&self.stem)
    }

    pub(super) fn path(&self, pack: u64) -> PathBuf {
        let mut name = self.stem.as_os_str().to_owned();
        name.push(format!(".{pack:016x}.pack"));
        PathBuf::from(name)
    }

    /// One blob, checked against its CRC.
    pub(super) fn read(&self, blob: Blob) -> Result<Vec<u8>, String> {
        let mut open = self.open.lock().map_err(|_| "a reader panicked")?;
        let file = match open.entry(blob.pack) {
            std::collections::hash_map::Entry::Occupied(f) => f.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => v.insert(
                std::fs::File::open(self.path(blob.pack)).map_err(|e| format!("pack: {e}"))?,
            ),
        };
        let mut bytes = vec![0; blob.len as usize];
        file.seek(SeekFrom::Start(blob.start))
            .and_then(|_| file.read_exact(&mut bytes))
            .map_err(|e| format!("pack: {e}"))?;
        check(&bytes, blob)?;
        Ok(bytes)
    }

    /// Whole packs, for reading every blob at once.
    pub(super) fn read_all(
        &self,
        packs: impl IntoIterator<Item = u64>,
    ) -> std::collections::HashMap<u64, Vec<u8>> {
        packs
            .into_iter()
            .filter_map(|p| std::fs::read(self.path(p)).ok().map(|b| (p, b)))
            .collect()
    }

    /// Writes `bytes` as a new pack and returns its number. Nothing names it until a table
    /// that does is renamed into place, so it is written under its final name.
    pub(super) fn write(&self, blobs: &PackWriter) -> std::io::Result<u64> {
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let pack = nanos ^ (u64::from(std::process::id()) << 40) ^ n;
        if let Some(parent) = self.stem.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut out =
            std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(self.path(pack))?);
        for piece in &blobs.pieces {
            out.write_all(piece)?;
        }
        out.flush()?;
        Ok(pack)
    }

    /// Removes the packs no table names any more: those `keep` does not hold and that are old
    /// enough that no reader of an older table should still be reading them.
    pub(super) fn remove_unused(&self, keep: &std::collections::HashSet<u64>) {
        let (Some(parent), Some(stem)) = (self.stem.parent(), self.stem.file_name()) else {
            return;
        };
        let prefix = format!("{}.", stem.to_string_lossy());
        let now = SystemTime::now();
        for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(hex) = name
                .strip_prefix(&prefix)
                .and_then(|r| r.strip_suffix(".pack"))
            else {
                continue;
            };
            let Ok(pack) = u64::from_str_radix(hex, 16) else {
                continue;
            };
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > UNUSED_PACK_AFTER);
            if old && !keep.contains(&pack) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// A pack no table names is kept this long, for readers of the table it belonged to.
const UNUSED_PACK_AFTER: std::time::Duration = std::time::Duration::from_secs(120);

/// Checks a blob's bytes against its CRC.
pub(super) fn check(bytes: &[u8], blob: Blob) -> Result<(), String> {
    if bytes.len() != blob.len as usize || crc32fast::hash(bytes) != blob.crc {
        return Err("a blob fails its checksum".into());
    }
    Ok(())
}

/// The bytes of `blob` inside a whole pack.
pub(super) fn slice(pack: &[u8], blob: Blob) -> Result<&[u8], String> {
    let start = usize::try_from(blob.start).map_err(|_| "bad blob")?;
    let bytes = pack
        .get(start..start + blob.len as usize)
        .ok_or("a blob lies outside its pack")?;
    check(bytes, blob)?;
    Ok(bytes)
}

/// Blobs of one pack being written. They are kept apart and written out one after another:
/// a first build's 370 MB of bodies are neither copied into one buffer nor grown into it.
#[derive(Default)]
pub(super) struct PackWriter {
    pieces: Vec<Vec<u8>>,
    /// Bytes appended so far: where the next blob starts.
    len: u64,
    /// Blobs appended, as (start, len, crc); their pack number is known once written.
    pub(super) blobs: Vec<(u64, u32, u32)>,
}

impl PackWriter {
    /// Appends `bytes`, returning the blob's number in this pack.
    pub(super) fn push(&mut self, bytes: Vec<u8>) -> usize {
        self.blobs
            .push((self.len, bytes.len() as u32, crc32fast::hash(&bytes)));
        self.len += bytes.len() as u64;
        self.pieces.push(bytes);
        self.blobs.len() - 1
    }

    pub(super) fn blob(&self, pack: u64, i: usize) -> Blob {
        let (start, len, crc) = self.blobs[i];
        Blob {
            pack,
            start,
            len,
            crc,
        }
    }
}

/// A temporary catalog older than this belongs to a process that died while writing it.
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
