//! Where the index lives and how it comes to be there: `<cache>/lectern/index-<fingerprint>`,
//! the fingerprint covering the indexed corpus content and the schema/analyser version.
//!
//! An index is built in a directory of its own (`.tmp-…`, unique per process and attempt) and
//! renamed into place only once committed, so an interrupted build never leaves a half index
//! under the real name. When two processes build the same index at once, the first rename wins
//! and the other process drops its copy and opens the winner's. On open, the fingerprint in the
//! commit payload is checked and every segment file opened; an index that fails is moved aside
//! and rebuilt, with a one-line notice.

use super::analysis::{self, TextField};
use super::guard;
use super::highlight::units;
use super::schema::{self, Fields, SCHEMA_VERSION};
use crate::model::Document;
use crate::model::inline::plain_text;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

/// Indexes whose total size is below this are checksummed in full on open; larger ones only
/// have every file opened (checksumming reads all of it).
const CHECKSUM_LIMIT: u64 = 64 << 20;
/// Indexes of other corpora kept besides the current one (another `--corpus` may use them).
const KEEP_OTHERS: usize = 3;
/// A `.tmp-` build directory older than this belongs to a build that died.
const ABANDONED_AFTER: Duration = Duration::from_secs(3600);

/// The directory that holds the indexes.
#[derive(Clone, Debug)]
pub struct Location {
    pub root: PathBuf,
}

impl Location {
    /// `$XDG_CACHE_HOME/lectern` (or the platform cache dir), or `LECTERN_INDEX_DIR` if set.
    pub fn user_cache() -> anyhow::Result<Self> {
        if let Some(dir) = std::env::var_os("LECTERN_INDEX_DIR") {
            return Ok(Self::at(dir));
        }
        let cache = dirs::cache_dir().ok_or_else(|| {
            anyhow::anyhow!("no cache directory (set XDG_CACHE_HOME or LECTERN_INDEX_DIR)")
        })?;
        Ok(Self::at(cache.join("lectern")))
    }

    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn index_dir(&self, fingerprint: &str) -> PathBuf {
        self.root.join(format!("index-{fingerprint}"))
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

/// An open index: one reader for the life of the program, a fresh searcher per query.
pub struct OpenIndex {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub fingerprint: String,
    /// Where it lives; for an index built in memory, the cache dir that could not be written.
    pub dir: PathBuf,
    pub in_memory: bool,
}

/// Progress of a build: documents done, of total.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Opens the index for `docs`, building it first if it is missing, stale or damaged.
/// Returns the reason when it was built.
pub fn open_or_build(
    loc: &Location,
    docs: &[Document],
    rebuild: bool,
    progress: Progress<'_>,
) -> anyhow::Result<(OpenIndex, Option<BuildReason>)> {
    let fp = fingerprint(docs);
    let dir = loc.index_dir(&fp);
    // At every start, not only before a build: a killed build's leftovers go at the next run.
    clean_leftovers(loc);
    let reason = if rebuild {
        BuildReason::Requested
    } else if dir.exists() {
        match guard::contain(|| open_checked(&dir, &fp)) {
            Ok(open) => return Ok((open, None)),
            Err(e) => BuildReason::Damaged(format!("{e:#}")),
        }
    } else if other_indexes(loc, &fp).is_empty() {
        BuildReason::FirstUse
    } else {
        BuildReason::Stale
    };
    if let Err(e) = std::fs::create_dir_all(&loc.root) {
        return in_memory(&loc.root, &e, docs, &fp, progress);
    }
    let tmp = unique_sibling(loc, ".tmp", &fp);
    // A cache dir that exists but cannot be written (read-only, full) is found here.
    if let Err(e) = std::fs::create_dir(&tmp) {
        return in_memory(&loc.root, &e, docs, &fp, progress);
    }
    if let Err(e) = write_index(&tmp, docs, &fp, progress) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if dir.exists() && (rebuild || matches!(reason, BuildReason::Damaged(_))) {
        discard(loc, &dir, &fp);
    }
    if let Err(e) = std::fs::rename(&tmp, &dir) {
        let _ = std::fs::remove_dir_all(&tmp);
        if !dir.exists() {
            return Err(anyhow::Error::new(e)
                .context(format!("cannot move the index into {}", dir.display())));
        }
        // Another process put its index in place first: use that one.
    }
    prune_others(loc, &fp);
    let open = guard::contain(|| open_checked(&dir, &fp))?;
    Ok((open, Some(reason)))
}

/// Rebuilds an index that turned out damaged while searching (a contained panic), once:
/// the caller retries its query on the new one. The reason says what was wrong.
pub fn rebuild_damaged(
    loc: &Location,
    damaged: &OpenIndex,
    docs: &[Document],
    why: String,
    progress: Progress<'_>,
) -> anyhow::Result<(OpenIndex, BuildReason)> {
    if damaged.in_memory {
        anyhow::bail!("the search index built in memory is damaged ({why})");
    }
    let (open, reason) = open_or_build(loc, docs, true, progress)?;
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
    error: &std::io::Error,
    docs: &[Document],
    fp: &str,
    progress: Progress<'_>,
) -> anyhow::Result<(OpenIndex, Option<BuildReason>)> {
    let (schema, _) = schema::build();
    let index = Index::create(
        tantivy::directory::RamDirectory::create(),
        schema,
        tantivy::IndexSettings::default(),
    )?;
    fill_index(&index, docs, fp, progress)?;
    let mut open = guard::contain(|| checked(index, root, fp))?;
    open.in_memory = true;
    Ok((
        open,
        Some(BuildReason::Unwritable {
            path: root.to_path_buf(),
            error: error.to_string(),
        }),
    ))
}

/// Opens an index and checks that it is whole and built for `fp`. It is opened read-only:
/// a read-only cache dir still serves its index.
pub fn open_checked(dir: &Path, fp: &str) -> anyhow::Result<OpenIndex> {
    let index = Index::open(guard::ReadOnly::open(dir)?)?;
    let size: u64 = dir_size(dir);
    if size < CHECKSUM_LIMIT {
        let bad = index.validate_checksum()?;
        if !bad.is_empty() {
            anyhow::bail!("{} file(s) fail their checksum", bad.len());
        }
    }
    checked(index, dir, fp)
}

/// Checks the payload, the schema and every segment file of an open index.
fn checked(mut index: Index, dir: &Path, fp: &str) -> anyhow::Result<OpenIndex> {
    // Segments are searched in parallel: the heavy queries (frequent phrases) then use every
    // core. A small corpus has one segment and gains nothing, loses nothing.
    index.set_multithread_executor(cores())?;
    let metas = index.load_metas()?;
    if metas.payload.as_deref() != Some(fp) {
        anyhow::bail!("it was built for other content");
    }
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
        for f in [fields.unit, fields.doc, fields.block, fields.date] {
            segment.inverted_index(f)?;
        }
        segment.fast_fields().u64("unit")?;
        segment.fast_fields().i64("date")?;
    }
    Ok(OpenIndex {
        index,
        reader,
        fields,
        fingerprint: fp.to_string(),
        dir: dir.to_path_buf(),
        in_memory: false,
    })
}

/// Writes a complete index of `docs` into `dir` (created), committed with `fp` as payload.
pub fn write_index(
    dir: &Path,
    docs: &[Document],
    fp: &str,
    progress: Progress<'_>,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let (schema, _) = schema::build();
    let index = Index::create_in_dir(dir, schema)?;
    fill_index(&index, docs, fp, progress)
}

/// Indexes every block of `docs` into the empty `index` and commits with `fp` as payload.
fn fill_index(
    index: &Index,
    docs: &[Document],
    fp: &str,
    progress: Progress<'_>,
) -> anyhow::Result<()> {
    let fields = schema::build().1;
    analysis::register(index);
    let threads = cores();
    let mut writer =
        index.writer_with_num_threads::<TantivyDocument>(threads, threads * 96_000_000)?;
    // The index is written once and never updated, so merging segments would only cost build
    // time; and a few segments are searched on all cores at once.
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let total = docs.len();
    for (ordinal, doc) in docs.iter().enumerate() {
        let kind = doc.kind.code();
        let date = doc.date().map(schema::date_key);
        for (block, text) in units(doc) {
            let mut d = TantivyDocument::new();
            let mut any = false;
            for (lang, raw) in &text.0 {
                let plain = plain_text(raw);
                if plain.trim().is_empty() {
                    continue;
                }
                any = true;
                d.add_text(fields.text(TextField::of(*lang)), &plain);
                d.add_text(fields.lang, lang.code());
            }
            if !any {
                continue;
            }
            d.add_u64(fields.unit, schema::unit(ordinal, block));
            d.add_u64(fields.doc, ordinal as u64);
            d.add_u64(fields.block, block as u64);
            if let Some(date) = date {
                d.add_i64(fields.date, date);
            }
            d.add_text(fields.kind, kind);
            writer.add_document(d)?;
        }
        if (ordinal + 1) % 500 == 0 || ordinal + 1 == total {
            progress(ordinal + 1, total);
        }
    }
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(fp);
    commit.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// Fingerprint of what the index holds: schema version and every indexed field of every
/// document, in order (ordinals are part of the index). 128-bit FNV-1a, hex.
pub fn fingerprint(docs: &[Document]) -> String {
    let mut h = Fnv128::default();
    h.write(SCHEMA_VERSION.as_bytes());
    h.write(&(docs.len() as u64).to_le_bytes());
    for doc in docs {
        h.write(doc.id.as_bytes());
        h.write(doc.kind.code().as_bytes());
        h.write(&doc.date().map_or(-1, schema::date_key).to_le_bytes());
        for (block, text) in units(doc) {
            h.write(&(block as u64).to_le_bytes());
            for (lang, t) in &text.0 {
                h.write(lang.code().as_bytes());
                h.write(&(t.len() as u64).to_le_bytes());
                h.write(t.as_bytes());
            }
        }
    }
    h.hex()
}

/// Two independent 64-bit FNV-1a lanes: stable across Rust versions and platforms, unlike
/// `DefaultHasher`, and a collision would need both lanes to collide.
struct Fnv128 {
    a: u64,
    b: u64,
}

impl Default for Fnv128 {
    fn default() -> Self {
        Self {
            a: 0xcbf2_9ce4_8422_2325,
            b: 0x6c62_272e_07bb_0142,
        }
    }
}

impl Fnv128 {
    fn write(&mut self, bytes: &[u8]) {
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        for &byte in bytes {
            self.a = (self.a ^ u64::from(byte)).wrapping_mul(PRIME);
            self.b = (self.b ^ u64::from(byte.rotate_left(3))).wrapping_mul(PRIME);
        }
        // Separator: ("ab","c") and ("a","bc") must differ.
        self.a = (self.a ^ 0xff).wrapping_mul(PRIME);
        self.b = (self.b ^ 0xfe).wrapping_mul(PRIME);
    }

    fn hex(&self) -> String {
        format!("{:016x}{:016x}", self.a, self.b)
    }
}

fn unique_sibling(loc: &Location, prefix: &str, fp: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    loc.root
        .join(format!("{prefix}-{fp}-{}-{nanos}-{n}", std::process::id()))
}

/// `index-*` directories for other fingerprints, newest first.
fn other_indexes(loc: &Location, fp: &str) -> Vec<PathBuf> {
    let own = format!("index-{fp}");
    let mut found: Vec<(SystemTime, PathBuf)> = std::fs::read_dir(&loc.root)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("index-") && name != own
        })
        .map(|e| {
            let t = e
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            (t, e.path())
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.into_iter().map(|(_, p)| p).collect()
}

/// Keeps the few most recent indexes of other corpora; removes the rest.
fn prune_others(loc: &Location, fp: &str) {
    for old in other_indexes(loc, fp).into_iter().skip(KEEP_OTHERS) {
        let _ = std::fs::remove_dir_all(old);
    }
}

/// Removes what dead builds left: old `.tmp-` directories and any `.trash-` one.
fn clean_leftovers(loc: &Location) {
    let now = SystemTime::now();
    for entry in std::fs::read_dir(&loc.root)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .unwrap_or_default();
        // `.tmp-{fp}-{pid}-{nanos}-{n}`: a build whose process is gone died (issue 11).
        let owner_gone = name
            .rsplit('-')
            .nth(2)
            .and_then(|pid| pid.parse::<u32>().ok())
            .is_some_and(|pid| pid != std::process::id() && crate::files::process_is_gone(pid));
        if name.starts_with(".trash-")
            || (name.starts_with(".tmp-") && (age > ABANDONED_AFTER || owner_gone))
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Threads for building and searching: the cores there are, at most four.
fn cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
}

pub fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
