//! The catalog snapshot, `corpus-<key>.heads` beside the catalog: the catalog as a command
//! sees it — deduplicated, in date order, with its problems — so that an unchanged corpus
//! opens without matching, sorting or deduplicating 100,000 entries.
//!
//! Layout: a header (magic, version, CRC-32 and length of the index part, length of the file),
//! then the **index part** — `[u64 meta length][meta][n+1 × u64 record offsets][n × u32 record
//! CRCs][n × u32 id ends][n × u32 positions sorted by id][n × u64 index hashes][ids]` — then
//! the **records**, one
//! document's head, blobs and file name each (bincode). Opening reads and checks the index
//! part only (about 30 bytes a document); `show ID` finds its record by binary search of the
//! ids and reads that one; `list` reads the records in order, a chunk at a time, as it writes
//! them; `search` with a current index reads no record at all.
//!
//! A snapshot is derived from the catalog table and names the state of the files it was made
//! from (its [`Key`]); a journal of the few entries changed since may lie over it
//! ([`overlay`], [`super::cache::journal`]); one whose key does not match the files is ignored, and one that fails
//! its checks is rebuilt from the table with a notice. It is written aside and renamed into
//! place like the table. It is read, not memory-mapped: the records a command needs are a few
//! positioned reads, and a map needs `unsafe` (denied in this crate) for no measurable gain.

use super::Problem;
use super::cache_file::Blob;
use super::catalog::Head;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub(super) mod overlay;

const MAGIC: &[u8; 8] = b"LECTHEAD";
/// Changes whenever the layout, the head or the blob change.
const VERSION: u32 = 5;
/// Header: magic, version (u32), CRC-32 of the index part (u32), its length (u64), and the
/// length of the whole file (u64).
const HEADER: usize = 8 + 4 + 4 + 8 + 8;

/// The state of the files a snapshot was made from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Key {
    /// The table's trusted mtime of `documents/` (see [`super::freshness`]).
    pub(super) docs_mtime_ns: Option<u64>,
    pub(super) registry_crc: u32,
    /// When the table was written: a file modified within [`super::cache_file::RACY_NS`] of
    /// it may have changed unseen, so a full check does not trust the snapshot then.
    pub(super) written_ns: u64,
    /// [`stats_digest`] of every document file of the table.
    pub(super) stats: u64,
}

#[derive(Serialize, Deserialize)]
struct Meta {
    key: Key,
    n: u64,
    /// [`crate::fingerprint::pair_sums`] of every (id, index hash): the search index's digest.
    index_sums: (u64, u64),
    registry: Option<Blob>,
    problems: Vec<(PathBuf, usize, String)>,
}

/// One document of the snapshot.
#[derive(Serialize, Deserialize)]
pub(super) struct Record {
    pub(super) head: Head,
    pub(super) body: Blob,
    pub(super) mentions: Blob,
    /// File name inside `documents/`.
    pub(super) name: String,
}

/// A [`Record`] borrowed from the catalog being written: it encodes to the same bytes.
#[derive(Serialize)]
pub(super) struct RecordRef<'a> {
    pub(super) head: &'a Head,
    pub(super) body: Blob,
    pub(super) mentions: Blob,
    pub(super) name: &'a str,
}

impl Record {
    #[cfg(test)]
    fn as_ref(&self) -> RecordRef<'_> {
        RecordRef {
            head: &self.head,
            body: self.body,
            mentions: self.mentions,
            name: &self.name,
        }
    }
}

/// An order-dependent digest of (name, size, mtime) triples, sorted by name.
pub(super) fn stats_digest<'a>(files: impl Iterator<Item = (&'a str, u64, u64)>) -> u64 {
    let mut a = crc32fast::Hasher::new();
    let mut b = crc32fast::Hasher::new_with_initial(0x9e37_79b9);
    for (name, size, mtime) in files {
        for h in [&mut a, &mut b] {
            h.update(name.as_bytes());
            h.update(&size.to_le_bytes());
            h.update(&mtime.to_le_bytes());
        }
    }
    (u64::from(b.finalize()) << 32) | u64::from(a.finalize())
}

/// Writes the snapshot of `records` (in date order) to `path`, aside then renamed.
pub(super) fn write(
    path: &Path,
    key: Key,
    registry: Option<Blob>,
    problems: &[Problem],
    records: &[RecordRef<'_>],
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let meta = Meta {
        key,
        n: records.len() as u64,
        index_sums: crate::fingerprint::pair_sums(
            records
                .iter()
                .map(|r| (r.head.id.as_str(), r.head.index_hash)),
        ),
        registry,
        problems: problems
            .iter()
            .map(|p| (p.file.clone(), p.line, p.message.clone()))
            .collect(),
    };
    let meta = bincode::serialize(&meta).map_err(std::io::Error::other)?;
    let n = records.len();
    // Encoded a chunk per core, then laid end to end.
    let chunks: Vec<(Vec<u8>, Vec<u64>, Vec<u32>)> = records
        .par_chunks(CHUNK * 8)
        .map(|chunk| {
            let mut bytes = Vec::new();
            let mut starts = Vec::with_capacity(chunk.len());
            let mut crcs = Vec::with_capacity(chunk.len());
            for r in chunk {
                let start = bytes.len();
                starts.push(start as u64);
                bincode::serialize_into(&mut bytes, r).map_err(std::io::Error::other)?;
                crcs.push(crc32fast::hash(&bytes[start..]));
            }
            Ok((bytes, starts, crcs))
        })
        .collect::<std::io::Result<_>>()?;
    let mut bodies = Vec::with_capacity(chunks.iter().map(|c| c.0.len()).sum());
    let mut offsets = Vec::with_capacity(n + 1);
    let mut crcs = Vec::with_capacity(n);
    for (bytes, starts, chunk_crcs) in chunks {
        let base = bodies.len() as u64;
        offsets.extend(starts.into_iter().map(|s| base + s));
        crcs.extend(chunk_crcs);
        bodies.extend_from_slice(&bytes);
    }
    offsets.push(bodies.len() as u64);
    let mut ids = Vec::new();
    let mut id_ends = Vec::with_capacity(n);
    for r in records {
        ids.extend_from_slice(r.head.id.as_bytes());
        id_ends.push(u32::try_from(ids.len()).map_err(std::io::Error::other)?);
    }
    let mut by_id: Vec<u32> = (0..n as u32).collect();
    by_id.par_sort_unstable_by(|&x, &y| {
        records[x as usize]
            .head
            .id
            .cmp(&records[y as usize].head.id)
    });
    let hashes: Vec<u64> = records.iter().map(|r| r.head.index_hash).collect();
    let mut index = Vec::with_capacity(8 + meta.len() + n * 28 + ids.len());
    index.extend_from_slice(&(meta.len() as u64).to_le_bytes());
    index.extend_from_slice(&meta);
    offsets
        .iter()
        .for_each(|o| index.extend_from_slice(&o.to_le_bytes()));
    for words in [&crcs, &id_ends, &by_id] {
        words
            .iter()
            .for_each(|w| index.extend_from_slice(&w.to_le_bytes()));
    }
    hashes
        .iter()
        .for_each(|h| index.extend_from_slice(&h.to_le_bytes()));
    index.extend_from_slice(&ids);
    let mut out = Vec::with_capacity(HEADER + index.len() + bodies.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&index).to_le_bytes());
    out.extend_from_slice(&(index.len() as u64).to_le_bytes());
    out.extend_from_slice(&((HEADER + index.len() + bodies.len()) as u64).to_le_bytes());
    out.extend_from_slice(&index);
    out.extend_from_slice(&bodies);
    super::cache_file::write_atomically(path, &out)
}

/// A snapshot opened and its index part checked; records are read (and checked against
/// their own CRC) when asked for.
pub struct Snapshot {
    file: std::fs::File,
    /// The index part: meta, offsets, CRCs, ids and the id table.
    index: Vec<u8>,
    meta: Meta,
    n: usize,
    offsets_at: usize,
    crcs_at: usize,
    id_ends_at: usize,
    by_id_at: usize,
    hashes_at: usize,
    ids_at: usize,
    /// Where the records start in the file.
    records_at: u64,
    /// The journal's entries laid over the records, when there is one.
    overlay: Option<Box<overlay::Overlay>>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot").field("n", &self.n).finish()
    }
}

/// Opens and checks the snapshot at `path`: `Ok(None)` when there is none (or of another
/// version).
pub(super) fn read(path: &Path) -> Result<Option<Snapshot>, String> {
    use std::io::Read as _;
    let Some((mut file, header)) =
        super::cache_file::open_with_header::<HEADER>(path, MAGIC, "catalog snapshot")?
    else {
        return Ok(None);
    };
    if u32_at(&header, 8) != Some(VERSION) {
        return Ok(None);
    }
    let index_len = u64_at(&header, 16).ok_or("truncated")?;
    let total = u64_at(&header, 24).ok_or("truncated")?;
    let actual = file.metadata().map_err(|e| e.to_string())?.len();
    if total != actual || index_len > total.saturating_sub(HEADER as u64) {
        return Err("truncated".into());
    }
    let mut index = vec![0u8; usize::try_from(index_len).map_err(|_| "bad length")?];
    file.read_exact(&mut index).map_err(|_| "truncated")?;
    if crc32fast::hash(&index) != u32_at(&header, 12).ok_or("truncated")? {
        return Err("checksum mismatch".into());
    }
    let meta_len =
        usize::try_from(u64_at(&index, 0).ok_or("truncated")?).map_err(|_| "bad length")?;
    let meta: Meta = bincode::deserialize(
        index
            .get(8..8usize.saturating_add(meta_len))
            .ok_or("truncated")?,
    )
    .map_err(|e| format!("cannot decode: {e}"))?;
    let n = usize::try_from(meta.n).map_err(|_| "bad count")?;
    let words = |k: usize, size: usize| n.checked_add(k)?.checked_mul(size);
    let offsets_at = 8 + meta_len;
    let crcs_at = offsets_at
        .checked_add(words(1, 8).ok_or("bad count")?)
        .ok_or("bad count")?;
    let id_ends_at = crcs_at
        .checked_add(words(0, 4).ok_or("bad count")?)
        .ok_or("bad count")?;
    let by_id_at = id_ends_at
        .checked_add(words(0, 4).ok_or("bad count")?)
        .ok_or("bad count")?;
    let hashes_at = by_id_at
        .checked_add(words(0, 4).ok_or("bad count")?)
        .ok_or("bad count")?;
    let ids_at = hashes_at
        .checked_add(words(0, 8).ok_or("bad count")?)
        .ok_or("bad count")?;
    let snapshot = Snapshot {
        file,
        n,
        meta,
        offsets_at,
        crcs_at,
        id_ends_at,
        by_id_at,
        hashes_at,
        ids_at,
        records_at: HEADER as u64 + index_len,
        index,
        overlay: None,
    };
    // The ids end the index part, and the records the file.
    let ids_end = if n == 0 {
        0
    } else {
        snapshot.word(id_ends_at, n - 1).ok_or("truncated")? as usize
    };
    let records_end = snapshot.offset(n).ok_or("truncated")? as u64;
    if ids_at.checked_add(ids_end) != Some(snapshot.index.len())
        || snapshot.records_at.checked_add(records_end) != Some(total)
    {
        return Err("bad offsets".into());
    }
    Ok(Some(snapshot))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(b))
}

/// Records read at once when they are read in order.
const CHUNK: usize = 512;

#[allow(clippy::len_without_is_empty)]
impl Snapshot {
    /// The key of the files as the journal over it last saw them, else its own.
    pub(super) fn key(&self) -> &Key {
        self.overlay.as_ref().map_or(&self.meta.key, |o| &o.key)
    }

    /// The key of the table it was made from (what a journal names as its base).
    pub(super) fn base_key(&self) -> &Key {
        &self.meta.key
    }

    pub fn len(&self) -> usize {
        self.overlay.as_ref().map_or(self.n, |o| o.slots.len())
    }

    pub(super) fn registry(&self) -> Option<Blob> {
        self.meta.registry
    }

    pub(super) fn index_sums(&self) -> (u64, u64) {
        self.overlay
            .as_ref()
            .map_or(self.meta.index_sums, |o| o.index_sums)
    }

    pub(super) fn problem_count(&self) -> usize {
        self.overlay
            .as_ref()
            .map_or(&self.meta.problems, |o| &o.problems)
            .len()
    }

    pub(super) fn problems(&self) -> Vec<Problem> {
        self.overlay
            .as_ref()
            .map_or(&self.meta.problems, |o| &o.problems)
            .iter()
            .map(|(p, l, m)| Problem::new(p, *l, m.clone()))
            .collect()
    }

    /// The `i`th u32 of the table at `at`.
    fn word(&self, at: usize, i: usize) -> Option<u32> {
        u32_at(&self.index, at.checked_add(i.checked_mul(4)?)?)
    }

    fn offset(&self, i: usize) -> Option<usize> {
        let at = self.offsets_at.checked_add(i.checked_mul(8)?)?;
        usize::try_from(u64_at(&self.index, at)?).ok()
    }

    /// Records `start..end` of the file (before any journal), read with one read and each
    /// checked against its CRC.
    fn base_records(&self, start: usize, end: usize) -> Result<Vec<Record>, String> {
        use std::os::unix::fs::FileExt as _;
        let end = end.min(self.n);
        if start >= end {
            return Ok(Vec::new());
        }
        let (from, to) = (
            self.offset(start).ok_or("bad offsets")?,
            self.offset(end).ok_or("bad offsets")?,
        );
        let mut bytes = vec![0u8; to.checked_sub(from).ok_or("bad offsets")?];
        self.file
            .read_exact_at(&mut bytes, self.records_at + from as u64)
            .map_err(|e| format!("snapshot: {e}"))?;
        (start..end)
            .map(|i| {
                let (a, b) = (
                    self.offset(i).ok_or("bad offsets")? - from,
                    self.offset(i + 1).ok_or("bad offsets")? - from,
                );
                let slice = bytes.get(a..b).ok_or("bad offsets")?;
                if Some(crc32fast::hash(slice)) != self.word(self.crcs_at, i) {
                    return Err("a record fails its checksum".to_string());
                }
                bincode::deserialize(slice).map_err(|e| format!("cannot decode: {e}"))
            })
            .collect()
    }

    /// Records `start..end` (with the journal's laid over the file's).
    pub(super) fn records(&self, start: usize, end: usize) -> Result<Vec<Record>, String> {
        match &self.overlay {
            None => self.base_records(start, end),
            Some(o) => o.records(self, start, end),
        }
    }

    /// Record `i`.
    pub(super) fn record(&self, i: usize) -> Result<Record, String> {
        self.records(i, i + 1)?
            .pop()
            .ok_or_else(|| "no such record".to_string())
    }

    /// Every record, in order, `CHUNK` at a time.
    pub(super) fn each_chunk(&self) -> impl Iterator<Item = Result<Vec<Record>, String>> + '_ {
        (0..self.len())
            .step_by(CHUNK)
            .map(|start| self.records(start, start + CHUNK))
    }

    /// Every record's head, in order, the chunks decoded on every core.
    pub(super) fn heads(&self) -> Result<Vec<Head>, String> {
        use rayon::prelude::*;
        let starts: Vec<usize> = (0..self.len()).step_by(CHUNK).collect();
        let chunks: Vec<Vec<Head>> = starts
            .into_par_iter()
            .map(|start| {
                let records = self.records(start, start + CHUNK)?;
                Ok(records.into_iter().map(|r| r.head).collect())
            })
            .collect::<Result<_, String>>()?;
        Ok(chunks.into_iter().flatten().collect())
    }

    /// The id of record `i`, from the index part (or the journal).
    pub fn id(&self, i: usize) -> Option<&str> {
        match &self.overlay {
            None => self.base_id(i),
            Some(o) => o.id(self, i),
        }
    }

    /// The index hash of record `i`, from the index part (or the journal).
    pub fn index_hash(&self, i: usize) -> Option<u64> {
        match &self.overlay {
            None => self.base_index_hash(i),
            Some(o) => o.index_hash(self, i),
        }
    }

    fn base_index_hash(&self, i: usize) -> Option<u64> {
        if i >= self.n {
            return None;
        }
        u64_at(&self.index, self.hashes_at.checked_add(i.checked_mul(8)?)?)
    }

    /// Position of the document with this id, by binary search of the id table.
    pub fn position(&self, id: &str) -> Option<usize> {
        match &self.overlay {
            None => self.base_position(id),
            Some(o) => o.position(self, id),
        }
    }

    fn base_id(&self, i: usize) -> Option<&str> {
        if i >= self.n {
            return None;
        }
        let start = match i {
            0 => 0,
            _ => self.word(self.id_ends_at, i - 1)? as usize,
        };
        let end = self.word(self.id_ends_at, i)? as usize;
        let bytes = self
            .index
            .get(self.ids_at.checked_add(start)?..self.ids_at.checked_add(end)?)?;
        std::str::from_utf8(bytes).ok()
    }

    fn base_position(&self, id: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let pos = self.word(self.by_id_at, mid)? as usize;
            match self.base_id(pos)?.cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(pos),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocKind, LangText};

    fn record(id: &str, n: u64) -> Record {
        let blob = Blob {
            pack: n,
            start: n * 10,
            len: 3,
            crc: 7,
        };
        Record {
            head: Head {
                id: id.into(),
                kind: DocKind::default(),
                title: LangText::default(),
                date: None,
                date_inferred: None,
                dates: Vec::new(),
                languages: Vec::new(),
                blocks: n as usize,
                index_hash: n,
            },
            body: blob,
            mentions: blob,
            name: format!("{id}.toml"),
        }
    }

    fn key() -> Key {
        Key {
            docs_mtime_ns: Some(5),
            registry_crc: 6,
            written_ns: 7,
            stats: 8,
        }
    }

    #[test]
    fn records_ids_and_positions_read_back() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("c.heads");
        let ids = ["m", "b", "z", "a", "q"];
        let records: Vec<Record> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| record(id, i as u64))
            .collect();
        let problems = vec![Problem::new(Path::new("x.toml"), 3, "bad")];
        let refs: Vec<RecordRef<'_>> = records.iter().map(Record::as_ref).collect();
        write(&path, key(), None, &problems, &refs).expect("write");
        let snap = read(&path).expect("read").expect("some");
        assert_eq!(snap.len(), 5);
        assert_eq!(snap.key(), &key());
        assert_eq!(snap.problems(), problems);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(snap.id(i), Some(*id));
            assert_eq!(snap.position(id), Some(i));
            let r = snap.record(i).expect("record");
            assert_eq!(r.head.id, *id);
            assert_eq!(r.name, format!("{id}.toml"));
            assert_eq!(r.body.pack, i as u64);
        }
        assert_eq!(snap.position("nope"), None);
        assert_eq!(snap.id(5), None);
        let chunks: Vec<Record> = snap.each_chunk().flat_map(|c| c.expect("chunk")).collect();
        assert_eq!(chunks.len(), 5);
        assert_eq!(chunks[4].head.id, "q");
        assert_eq!(
            snap.index_sums(),
            crate::fingerprint::pair_sums(ids.iter().enumerate().map(|(i, id)| (*id, i as u64)))
        );
    }

    #[test]
    fn a_damaged_snapshot_is_an_error_and_a_missing_one_none() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("c.heads");
        assert!(read(&path).expect("missing").is_none());
        let records: Vec<Record> = (0..50).map(|i| record(&format!("d{i:03}"), i)).collect();
        let refs: Vec<RecordRef<'_>> = records.iter().map(Record::as_ref).collect();
        write(&path, key(), None, &[], &refs).expect("write");
        let good = std::fs::read(&path).expect("bytes");
        for at in [0, 20, 40, 300] {
            let mut bad = good.clone();
            bad[at] ^= 0x55;
            std::fs::write(&path, &bad).expect("damage");
            assert!(read(&path).is_err(), "flip at {at}");
        }
        // A record is checked when it is read.
        let mut bad = good.clone();
        let last = bad.len() - 3;
        bad[last] ^= 0x55;
        std::fs::write(&path, &bad).expect("damage");
        let snap = read(&path).expect("index part intact").expect("some");
        assert!(snap.record(49).is_err());
        assert!(snap.record(0).is_ok());
        std::fs::write(&path, &good[..good.len() - 9]).expect("truncate");
        assert!(read(&path).is_err(), "truncated");
        std::fs::write(&path, b"").expect("empty");
        assert!(read(&path).is_err(), "empty");
    }

    #[test]
    fn the_stats_digest_sees_a_changed_size_mtime_or_name() {
        let base = [("a.toml", 1, 2), ("b.toml", 3, 4)];
        let d = stats_digest(base.iter().copied());
        for other in [
            [("a.toml", 1, 2), ("b.toml", 3, 5)],
            [("a.toml", 1, 2), ("b.toml", 9, 4)],
            [("a.toml", 1, 2), ("c.toml", 3, 4)],
        ] {
            assert_ne!(d, stats_digest(other.iter().copied()));
        }
    }
}
