//! Where the index lives and how it stays current: `<cache>/lectern/index-<key>`, one per
//! corpus (the key covers the corpus directory and the schema/analyser version).
//!
//! - **Incremental.** Each document has a fingerprint of what the index holds of it
//!   ([`doc_hash`]; the corpus cache keeps it, so opening hashes no text). The commit payload is
//!   a digest of every (id, fingerprint) pair, and a state file beside the segments lists the
//!   pairs with each document's slot. When the digest differs, only the documents added,
//!   replaced or removed are deleted by id and added again, in one commit; a whole build happens
//!   only the first time, when most of the corpus changed, or when the index is damaged.
//! - **Atomic.** A whole build goes to a directory of its own (`.tmp-…`, unique per process and
//!   attempt) and is renamed into place only once committed; an update is one tantivy commit.
//!   When two processes build at once, the first rename wins and the other opens the winner's;
//!   when two update at once, the second waits for the writer lock and finds the work done.
//! - **Checked.** On open every segment file is opened (and checksummed when small); an index
//!   that fails is moved aside and rebuilt, with a one-line notice.

use super::analysis::{self, TextField};
use super::guard;
use super::schema::{self, Fields, SCHEMA_VERSION};
use crate::fingerprint::Fnv128;
use crate::model::Document;
use crate::model::inline::plain_text;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

mod build;
mod fingerprint;
mod housekeeping;
mod incremental;
mod source;
pub use build::*;
pub use fingerprint::*;
pub use housekeeping::*;
use incremental::*;
pub use source::*;

/// Indexes whose total size is below this are checksummed in full on open; larger ones only
/// have every file opened (checksumming reads all of it).
const CHECKSUM_LIMIT: u64 = 64 << 20;
/// Indexes of other corpora kept besides the current one (another `--corpus` may use them).
const KEEP_OTHERS: usize = 3;
/// A `.tmp-` build directory older than this belongs to a build that died.
const ABANDONED_AFTER: Duration = Duration::from_secs(3600);

pub use crate::paths::Location;

// The index's own place in the cache directory (an inherent impl may live in any module of
// the crate; the hashing and schema version it needs are search's).
impl Location {
    /// The index directory of the corpus with this key (see [`corpus_key`]).
    pub fn index_dir(&self, key: &str) -> PathBuf {
        let mut h = Fnv128::default();
        h.write(SCHEMA_VERSION.as_bytes());
        h.write(key.as_bytes());
        self.root.join(format!("index-{}", &h.hex()[..16]))
    }
}

/// Why an index was (re)built; each says so in one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildReason {
    /// No index yet for any corpus.
    FirstUse,
    /// An index exists, but for other content: the corpus or lectern changed.
    Stale,
    /// The index for this corpus could not be opened: what went wrong.
    Damaged(String),
    /// `lectern index --rebuild`.
    Requested,
    /// The cache dir could not be written: the index was built in memory for this run.
    Unwritable { path: PathBuf, error: String },
}

impl BuildReason {
    pub fn notice(&self) -> String {
        match self {
            BuildReason::FirstUse => "building the search index".into(),
            BuildReason::Stale => {
                "the corpus changed since the search index was built; rebuilding it".into()
            }
            BuildReason::Damaged(why) => {
                format!("the search index was damaged ({why}); rebuilding it")
            }
            BuildReason::Requested => "rebuilding the search index".into(),
            BuildReason::Unwritable { path, error } => format!(
                "cannot write the search index at {} ({error}); built it in memory for this run",
                path.display()
            ),
        }
    }
}

/// The key of a corpus's index: its directory, or `bundled`.
pub fn corpus_key(dir: Option<&Path>) -> String {
    match dir {
        Some(d) => d
            .canonicalize()
            .unwrap_or_else(|_| d.to_path_buf())
            .to_string_lossy()
            .into_owned(),
        None => "bundled".into(),
    }
}

/// The key of indexes opened for a slice of documents with no corpus behind it.
pub const DOCUMENTS_KEY: &str = "documents";

/// An open index: one reader for the life of the program, a fresh searcher per query.
pub struct OpenIndex {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    /// The digest of the documents it holds (its commit payload).
    pub fingerprint: String,
    /// The corpus it belongs to ([`corpus_key`]).
    pub key: String,
    /// Where it lives; for an index built in memory, the cache dir that could not be written.
    pub dir: PathBuf,
    pub in_memory: bool,
    /// What the last update on open changed; `None` when none was needed or it was built.
    pub updated: Option<Update>,
    /// Document id → slot, read from the state file on first use (`mentions:` filters).
    slots: OnceLock<HashMap<String, u64>>,
}

impl OpenIndex {
    /// The slot of the document with this id.
    pub fn slot_of(&self, id: &str) -> Option<u64> {
        self.slots
            .get_or_init(|| {
                read_state(&self.dir, &self.fingerprint)
                    .map(|s| s.into_iter().map(|(id, _, slot)| (id, slot)).collect())
                    .unwrap_or_default()
            })
            .get(id)
            .copied()
    }
}

/// What an update changed, in documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Update {
    pub added: usize,
    pub replaced: usize,
    pub removed: usize,
}

/// Progress of a build: documents done, of total.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Opens the index for `docs` (no corpus behind them: key [`DOCUMENTS_KEY`]), building or
/// updating it first as needed. Returns the reason when it was built whole.
pub fn open_or_build(
    loc: &Location,
    docs: &[Document],
    rebuild: bool,
    progress: Progress<'_>,
) -> anyhow::Result<(OpenIndex, Option<BuildReason>)> {
    open_source(loc, DOCUMENTS_KEY, &Docs(docs), rebuild, progress)
}

/// Opens the index of corpus `key` for `source`: as it is when it holds exactly the source's
/// documents, updated in place when some changed, built whole when it is missing, damaged,
/// `rebuild` is asked for, or most of the corpus changed. Returns the reason when it was built.
pub fn open_source(
    loc: &Location,
    key: &str,
    source: &dyn Source,
    rebuild: bool,
    progress: Progress<'_>,
) -> anyhow::Result<(OpenIndex, Option<BuildReason>)> {
    // The digest known at once: a current index opens without a pass over the documents.
    if !rebuild && let Some(sums) = source.pair_sums() {
        let fp = digest_of_sums(source.len(), sums);
        let dir = loc.index_dir(key);
        if dir.exists()
            && let Ok(open) = guard::contain(|| open_checked(&dir, key))
            && open.fingerprint == fp
        {
            clean_leftovers(loc);
            crate::diag::timing("index opened");
            return Ok((open, None));
        }
    }
    crate::diag::timing("index is not current");
    let hashes: Vec<u64> = (0..source.len())
        .into_par_iter()
        .map(|i| source.index_hash(i))
        .collect();
    let fp = digest(source, &hashes);
    crate::diag::timing("index digest");
    let dir = loc.index_dir(key);
    // At every start, not only before a build: a killed build's leftovers go at the next run.
    clean_leftovers(loc);
    let reason = if rebuild {
        BuildReason::Requested
    } else if dir.exists() {
        // The payload alone says whether an update is due; the update checks what it opens.
        let opened = match guard::contain(|| payload_of(&dir)) {
            Ok(payload) if payload.as_deref() != Some(fp.as_str()) => Ok(None),
            _ => guard::contain(|| open_checked(&dir, key)).map(Some),
        };
        match opened {
            Ok(Some(open)) if open.fingerprint == fp => return Ok((open, None)),
            Ok(_) => match guard::contain(|| update(&dir, key, source, &hashes, &fp)) {
                Ok(Some(open)) => return Ok((open, None)),
                Ok(None) => BuildReason::Stale,
                Err(e) if guard::is_damaged(&e) => BuildReason::Damaged(guard::damage_of(&e)),
                // A read-only cache dir holds a stale index: build this run's in memory.
                Err(e) if is_unwritable(&e) => {
                    return in_memory(
                        &loc.root,
                        &e.to_string(),
                        source,
                        &hashes,
                        &fp,
                        key,
                        progress,
                    );
                }
                Err(e) => BuildReason::Damaged(format!("{e:#}")),
            },
            Err(e) => BuildReason::Damaged(format!("{e:#}")),
        }
    } else if other_indexes(loc, &dir).is_empty() {
        BuildReason::FirstUse
    } else {
        BuildReason::Stale
    };
    if let Err(e) = std::fs::create_dir_all(&loc.root) {
        return in_memory(
            &loc.root,
            &e.to_string(),
            source,
            &hashes,
            &fp,
            key,
            progress,
        );
    }
    let tmp = unique_sibling(loc, ".tmp", &fp);
    // A cache dir that exists but cannot be written (read-only, full) is found here.
    if let Err(e) = std::fs::create_dir(&tmp) {
        return in_memory(
            &loc.root,
            &e.to_string(),
            source,
            &hashes,
            &fp,
            key,
            progress,
        );
    }
    if let Err(e) = write_source(&tmp, source, &hashes, &fp, progress) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if dir.exists() && !matches!(reason, BuildReason::FirstUse) {
        discard(loc, &dir, &fp);
    }
    if let Err(e) = std::fs::rename(&tmp, &dir) {
        let _ = std::fs::remove_dir_all(&tmp);
        if !dir.exists() {
            return Err(anyhow::Error::new(e)
                .context(format!("cannot move the index into {}", dir.display())));
        }
        // Another process put its index in place first: use that one (updated if need be).
        let open = guard::contain(|| open_checked(&dir, key))?;
        if open.fingerprint != fp {
            drop(open);
            if let Some(open) = update(&dir, key, source, &hashes, &fp)? {
                return Ok((open, Some(reason)));
            }
            anyhow::bail!("another process replaced the search index; try again");
        }
        return Ok((open, Some(reason)));
    }
    prune_others(loc, &dir);
    let open = guard::contain(|| open_checked(&dir, key))?;
    Ok((open, Some(reason)))
}

fn is_unwritable(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| {
            matches!(
                io.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            )
        }) || c.to_string().contains("Permission denied")
            || c.to_string().contains("Read-only file system")
    })
}

/// Rebuilds an index that turned out damaged while searching (a contained panic), once:
/// the caller retries its query on the new one. The reason says what was wrong.
pub fn rebuild_damaged(
    loc: &Location,
    damaged: &OpenIndex,
    source: &dyn Source,
    why: String,
    progress: Progress<'_>,
) -> anyhow::Result<(OpenIndex, BuildReason)> {
    if damaged.in_memory {
        anyhow::bail!("the search index built in memory is damaged ({why})");
    }
    let (open, reason) = open_source(loc, &damaged.key, source, true, progress)?;
    let reason = match reason {
        Some(BuildReason::Unwritable { path, error }) => BuildReason::Unwritable { path, error },
        _ => BuildReason::Damaged(why),
    };
    Ok((open, reason))
}

/// Moves a damaged or replaced index out of the way (a rename cannot replace a non-empty
/// directory) and removes it.
pub fn discard(loc: &Location, dir: &Path, fp: &str) {
    let trash = unique_sibling(loc, ".trash", fp);
    if std::fs::rename(dir, &trash).is_ok() {
        let _ = std::fs::remove_dir_all(&trash);
    }
}

/// Builds the index in memory when `root` cannot be written, and says so.
fn in_memory(
    root: &Path,
    error: &str,
    source: &dyn Source,
    hashes: &[u64],
    fp: &str,
    key: &str,
    progress: Progress<'_>,
) -> anyhow::Result<(OpenIndex, Option<BuildReason>)> {
    let (schema, _) = schema::build();
    let index = Index::create(
        tantivy::directory::RamDirectory::create(),
        schema,
        tantivy::IndexSettings::default(),
    )?;
    let state = fill_index(&index, source, hashes, fp, progress)?;
    let mut open = guard::contain(|| checked(index, root, key))?;
    open.in_memory = true;
    let _ = open
        .slots
        .set(state.into_iter().map(|(id, _, slot)| (id, slot)).collect());
    Ok((
        open,
        Some(BuildReason::Unwritable {
            path: root.to_path_buf(),
            error: error.to_string(),
        }),
    ))
}

/// The commit payload of the index in `dir` (its fingerprint), read from its meta file alone.
fn payload_of(dir: &Path) -> anyhow::Result<Option<String>> {
    let index = Index::open(guard::ReadOnly::open(dir)?)?;
    Ok(index.load_metas()?.payload)
}

/// Opens an index read-only and checks that it is whole: a read-only cache dir still serves
/// its index. Its fingerprint is its payload, for the caller to compare.
pub fn open_checked(dir: &Path, key: &str) -> anyhow::Result<OpenIndex> {
    let index = Index::open(guard::ReadOnly::open(dir)?)?;
    let size: u64 = dir_size(dir);
    if size < CHECKSUM_LIMIT {
        let bad = index.validate_checksum()?;
        if !bad.is_empty() {
            anyhow::bail!("{} file(s) fail their checksum", bad.len());
        }
    }
    checked(index, dir, key)
}

/// Checks the schema and every segment file of an open index.
fn checked(mut index: Index, dir: &Path, key: &str) -> anyhow::Result<OpenIndex> {
    // Segments are searched in parallel: the heavy queries (frequent phrases) then use every
    // core. A small corpus has one segment and gains nothing, loses nothing.
    index.set_multithread_executor(cores())?;
    let metas = index.load_metas()?;
    let Some(fp) = metas.payload.clone() else {
        anyhow::bail!("it was built for other content");
    };
    let (expected, fields) = schema::build();
    if index.schema() != expected {
        anyhow::bail!("its schema differs");
    }
    analysis::register(&index);
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    // Open every file of every segment now, so a missing or truncated one shows here and not
    // in the middle of a search.
    for segment in searcher.segment_readers() {
        for tf in TextField::ALL {
            segment.inverted_index(fields.text(tf))?;
        }
        for f in [
            fields.unit,
            fields.doc,
            fields.id,
            fields.block,
            fields.date,
        ] {
            segment.inverted_index(f)?;
        }
        segment.fast_fields().u64("unit")?;
        segment.fast_fields().i64("date")?;
        segment.get_store_reader(0)?;
    }
    Ok(OpenIndex {
        index,
        reader,
        fields,
        fingerprint: fp,
        key: key.to_string(),
        dir: dir.to_path_buf(),
        in_memory: false,
        updated: None,
        slots: OnceLock::new(),
    })
}
