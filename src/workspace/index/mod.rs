//! The search index of the user's own material: one tantivy unit per highlight or note, in
//! the cache directory beside the documents' index (`<cache>/lectern/own-<key>`), analysed as
//! the documents are ([`crate::search::analysis`]: CJK unigrams and bigrams, traditional
//! folded to simplified, English and Russian words folded and stemmed), so that a word finds a
//! note as it finds a block.
//!
//! # Kept current, file by file
//! The workspace files stay the truth; the index is a cache of them. Its commit payload is
//! the [`State`]: for every `documents/*.toml` file its size, modification time and a
//! fingerprint of its bytes. Before each query the folder is listed; a file whose size or time
//! differs is read again and, if its bytes changed, its units are deleted (by file name) and
//! added again; a file that is gone loses its units. So a note saved a second ago, in this
//! process or another, is found, and a deleted one is not. The update is one commit: another
//! process sees the index before or after it, never half.
//!
//! # Built aside, rebuilt when wrong
//! A whole build goes to a `.tmp-` directory of its own and is renamed into place once
//! committed (the documents' index does the same, see [`crate::search::store`]); when two
//! processes build at once, the first rename wins and the other uses it. An index that does
//! not open, fails its checks, or was built by another version is moved aside and rebuilt,
//! with a one-line notice. When two processes update at once, the second waits for tantivy's
//! writer lock and then finds the work done. A cache dir that cannot be written gets an index
//! in memory for the run.

pub mod query;
mod schema;

use schema::add_units;
pub use schema::{Fields, schema};

use super::{DocNotes, Workspace, store};
use crate::fingerprint::Fnv128;
use crate::paths::Location;
use crate::search::analysis;
use anyhow::Context as _;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

/// Changes whenever the schema or what a unit holds changes: an index of another version is
/// rebuilt (and its directory name differs, so two versions never share one).
pub const VERSION: &str = "lectern-own-v3";
/// How long an update waits for another process's writer.
const LOCK_WAIT: Duration = Duration::from_secs(60);
/// Indexes below this size are checksummed in full when opened (reading all of a larger one
/// costs more than the query; its files are still opened and their footers checked).
const CHECKSUM_LIMIT: u64 = 2 << 20;

/// What the index holds: the commit payload, as JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct State {
    pub version: String,
    /// By file name in `documents/`.
    pub files: BTreeMap<String, FileState>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileState {
    pub stamp: Stamp,
    /// FNV-128 of the file's bytes.
    pub hash: String,
    /// Why the file does not read (it has no units then), said with every query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// Size and modification time (seconds, nanoseconds): what tells that a file changed (a
/// save replaces the file by a rename, which gives it a new time).
pub type Stamp = (u64, u64, u32);

/// The index opened, with what it holds now.
pub struct Opened {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    /// The opstamp the reader was last reloaded at.
    opstamp: u64,
    /// What the index holds, as of that commit.
    pub state: State,
    /// `meta.json` (none in memory) and what it was when `state` was read: while it is the
    /// same file, neither it nor the reader needs reading again.
    meta: Option<(PathBuf, Option<MetaStamp>)>,
}

/// Size, time and inode of `meta.json`: tantivy replaces it whole at each commit.
type MetaStamp = (Stamp, u64);

/// The own-material index of one workspace, opened on first use and kept current.
pub struct OwnIndex {
    root: PathBuf,
    dir: PathBuf,
    workspace: Workspace,
}

impl OwnIndex {
    /// The index of `workspace`'s material in cache dir `loc`.
    pub fn new(loc: &Location, workspace: Workspace) -> OwnIndex {
        let mut h = Fnv128::default();
        h.write(VERSION.as_bytes());
        let ws = workspace.dir();
        h.write(
            ws.canonicalize()
                .unwrap_or_else(|_| ws.to_path_buf())
                .to_string_lossy()
                .as_bytes(),
        );
        OwnIndex {
            root: loc.root.clone(),
            dir: loc.root.join(format!("own-{}", &h.hex()[..16])),
            workspace,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Opens the index, building it (aside, then renamed into place) when it is missing,
    /// damaged or of another version; the notice says why it was rebuilt.
    pub fn open(&self) -> anyhow::Result<(Opened, Option<String>)> {
        if !self.dir.exists() {
            return self.build(None);
        }
        match crate::search::guard::contain(|| open_checked(&self.dir)) {
            Ok(open) => Ok((open, None)),
            Err(e) => self.build(Some(format!("{e:#}"))),
        }
    }

    /// Builds the index whole, aside, and puts it in place of the one there, which was
    /// damaged (`why`), when it is given.
    pub fn build(&self, why: Option<String>) -> anyhow::Result<(Opened, Option<String>)> {
        let notice =
            why.map(|why| format!("the index of your notes could not be used ({why}); rebuilt it"));
        if let Err(e) = std::fs::create_dir_all(&self.root) {
            return self.in_memory(e.into());
        }
        let tmp = temporary(&self.root);
        if let Err(e) = std::fs::create_dir(&tmp) {
            return self.in_memory(e.into());
        }
        let built = Index::create_in_dir(&tmp, schema().0)
            .map_err(anyhow::Error::from)
            .and_then(|index| self.fill(&index));
        if let Err(e) = built {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e.context(format!("cannot build {}", tmp.display())));
        }
        if notice.is_some() {
            discard(&self.root, &self.dir);
        }
        if std::fs::rename(&tmp, &self.dir).is_err() {
            // Another process put its index in place first: use that one.
            let _ = std::fs::remove_dir_all(&tmp);
        }
        let open = crate::search::guard::contain(|| open_checked(&self.dir))?;
        Ok((open, notice))
    }

    /// An index in memory for this run, when the cache dir cannot be written.
    fn in_memory(&self, why: anyhow::Error) -> anyhow::Result<(Opened, Option<String>)> {
        let index = Index::create_in_ram(schema().0);
        self.fill(&index)?;
        let open = opened(index, None)?;
        Ok((
            open,
            Some(format!(
                "cannot write the index of your notes in {} ({why:#}); built it in memory for this run",
                self.root.display()
            )),
        ))
    }

    /// Indexes every workspace file into the empty `index` and commits.
    fn fill(&self, index: &Index) -> anyhow::Result<()> {
        analysis::register(index);
        let fields = schema().1;
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 50_000_000)?;
        let mut state = State {
            version: VERSION.into(),
            files: BTreeMap::new(),
        };
        for (name, stamp) in self.listing() {
            let file = self.index_file(&writer, &fields, &name, stamp)?;
            state.files.insert(name, file);
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&serde_json::to_string(&state)?);
        commit.commit()?;
        writer.wait_merging_threads()?;
        Ok(())
    }

    /// The `documents/*.toml` files now, by name, with their stamps.
    pub fn listing(&self) -> BTreeMap<String, Stamp> {
        let mut out = BTreeMap::new();
        for entry in std::fs::read_dir(self.workspace.dir().join("documents"))
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".toml") || name.starts_with('.') {
                continue;
            }
            let Ok(meta) = entry.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            out.insert(name, stamp_of(&meta));
        }
        out
    }

    /// Reads one file and adds its units; what it was, for the state.
    fn index_file(
        &self,
        writer: &tantivy::IndexWriter<TantivyDocument>,
        fields: &Fields,
        name: &str,
        stamp: Stamp,
    ) -> anyhow::Result<FileState> {
        let path = self.workspace.dir().join("documents").join(name);
        let hash = file_hash(&path);
        let problem = match store::read::<DocNotes>(&path) {
            Ok(Some(notes)) => {
                add_units(writer, fields, name, &notes)?;
                None
            }
            Ok(None) => None,
            Err(p) => Some(p.to_string()),
        };
        Ok(FileState {
            stamp,
            hash,
            problem,
        })
    }

    /// Brings `open` up to the files as they are now (`open.state` then says what it holds).
    pub fn refresh(&self, open: &mut Opened) -> anyhow::Result<()> {
        let listing = self.listing();
        open.sync(false)?;
        if same_stamps(&open.state, &listing) {
            return Ok(());
        }
        let waited = std::time::Instant::now();
        let mut writer = loop {
            match open
                .index
                .writer_with_num_threads::<TantivyDocument>(1, 15_000_000)
            {
                Ok(w) => break w,
                Err(tantivy::TantivyError::LockFailure(..)) if waited.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => return Err(e.into()),
            }
        };
        // The writer is ours: what the index holds now (another process may have updated it).
        open.sync(true)?;
        let listing = self.listing();
        if same_stamps(&open.state, &listing) {
            return Ok(());
        }
        let mut state = open.state.clone();
        let file_term = |name: &str| tantivy::Term::from_field_text(open.fields.file, name);
        state.files.retain(|name, _| {
            let keep = listing.contains_key(name);
            if !keep {
                writer.delete_term(file_term(name));
            }
            keep
        });
        for (name, stamp) in &listing {
            let known = state.files.get(name);
            if known.is_some_and(|f| f.stamp == *stamp) {
                continue;
            }
            let path = self.workspace.dir().join("documents").join(name);
            // Same bytes under a new time (touched, or saved unchanged): only the stamp moves.
            if let Some(f) = state.files.get_mut(name)
                && f.problem.is_none()
                && f.hash == file_hash(&path)
            {
                f.stamp = *stamp;
                continue;
            }
            writer.delete_term(file_term(name));
            let file = self.index_file(&writer, &open.fields, name, *stamp)?;
            state.files.insert(name.clone(), file);
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&serde_json::to_string(&state)?);
        commit.commit()?;
        writer.wait_merging_threads()?;
        open.sync(true)
    }
}

impl Opened {
    /// Reads the state and reloads the reader when the index has a newer commit than it
    /// shows (always when `force`).
    fn sync(&mut self, force: bool) -> anyhow::Result<()> {
        let now = self.meta.as_ref().map(|(path, _)| meta_stamp(path));
        if !force
            && let (Some(Some(now)), Some((_, Some(was)))) = (now, &self.meta)
            && now == *was
        {
            return Ok(());
        }
        // State and opstamp from one read of the metas, and the reader reloaded after it, so
        // the reader is never older than the state says (another process may commit between
        // two reads, and a state newer than the reader would hide its new notes).
        let metas = self.index.load_metas()?;
        self.state = payload(&metas)?;
        if metas.opstamp != self.opstamp {
            self.reader.reload()?;
            self.opstamp = metas.opstamp;
        }
        if let (Some((_, was)), Some(now)) = (self.meta.as_mut(), now) {
            *was = now;
        }
        Ok(())
    }
}

fn meta_stamp(path: &Path) -> Option<MetaStamp> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some((stamp_of(&meta), inode))
}

/// Whether the index holds exactly these files at these stamps.
fn same_stamps(state: &State, listing: &BTreeMap<String, Stamp>) -> bool {
    state.files.len() == listing.len()
        && (state.files.iter()).all(|(name, f)| listing.get(name) == Some(&f.stamp))
}

/// The state an index was committed with; an error when it has none or another version's.
fn payload(metas: &tantivy::IndexMeta) -> anyhow::Result<State> {
    let text = metas
        .payload
        .as_deref()
        .context("it holds no record of the files it indexed")?;
    let state: State = serde_json::from_str(text).context("its record of files is damaged")?;
    if state.version != VERSION {
        anyhow::bail!("it was built by another version of lectern");
    }
    Ok(state)
}

/// Opens the index in `dir` and checks it whole: schema, version, every segment's files.
fn open_checked(dir: &Path) -> anyhow::Result<Opened> {
    let index = Index::open_in_dir(dir)?;
    if index.schema() != schema().0 {
        anyhow::bail!("its schema differs");
    }
    if crate::search::store::dir_size(dir) < CHECKSUM_LIMIT {
        let bad = index.validate_checksum()?;
        if !bad.is_empty() {
            anyhow::bail!("{} file(s) fail their checksum", bad.len());
        }
    }
    analysis::register(&index);
    let open = opened(index, Some(dir))?;
    let fields = &open.fields;
    for segment in open.reader.searcher().segment_readers() {
        for f in [fields.all, fields.note_text].concat() {
            segment.inverted_index(f)?;
        }
        for f in [fields.file, fields.doc, fields.lang, fields.has_note] {
            segment.inverted_index(f)?;
        }
        segment.fast_fields().u64("seq")?;
        segment.fast_fields().str("doc")?;
        segment.get_store_reader(0)?;
    }
    Ok(open)
}

/// The index with its reader; `dir` is where it lives (`None`: in memory).
fn opened(index: Index, dir: Option<&Path>) -> anyhow::Result<Opened> {
    analysis::register(&index);
    let meta = dir.map(|d| d.join("meta.json"));
    let stamp = meta.as_deref().and_then(meta_stamp);
    // The metas before the reader: the reader then holds at least the commit the state
    // describes (see `Opened::sync`).
    let metas = index.load_metas()?;
    let state = payload(&metas)?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(Opened {
        index,
        reader,
        fields: schema().1,
        opstamp: metas.opstamp,
        state,
        meta: meta.map(|m| (m, stamp)),
    })
}

fn stamp_of(meta: &std::fs::Metadata) -> Stamp {
    let time = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .unwrap_or_default();
    (meta.len(), time.as_secs(), time.subsec_nanos())
}

/// FNV-128 of a file's bytes; empty when it cannot be read (it then counts as changed).
fn file_hash(path: &Path) -> String {
    match std::fs::read(path) {
        Ok(bytes) => {
            let mut h = Fnv128::default();
            h.write(&bytes);
            h.hex()
        }
        Err(_) => String::new(),
    }
}

/// `.tmp-own…-{pid}-{nanos}-{n}` in `root`: unique per process and attempt, and in the form
/// the documents' index sweeps when the process that made it is gone.
fn temporary(root: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    root.join(format!(".tmp-own-{}-{nanos}-{n}", std::process::id()))
}

/// Moves a damaged index out of the way (a rename cannot replace a non-empty directory) and
/// removes it.
fn discard(root: &Path, dir: &Path) {
    let trash = temporary(root).with_file_name(format!(
        ".trash-own-{}",
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    if std::fs::rename(dir, &trash).is_ok() {
        let _ = std::fs::remove_dir_all(&trash);
    }
}
