//! The catalog: what the command line needs of every document without its body — id, kind,
//! title, date, languages, number of blocks and the fingerprint of its indexed text — in date
//! order, with the bodies, the mentions and the registry loaded only when asked for.
//!
//! `lectern list` reads nothing else; `show` reads one body; `search` reads the bodies of the
//! documents that changed since the index was last brought up to date. The reader turns the
//! catalog into a whole [`Corpus`] with [`Catalog::into_corpus`].

use super::cache_file::{Blob, Packs};
use super::{Corpus, Problem};
use crate::model::Document;
use crate::refs::Registry;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

mod head;
mod one;
mod whole;

pub use head::{Head, HeadDate};

/// Where the bodies come from.
enum Store {
    /// Already in memory (the bundled corpus, or a directory read without a cache).
    Memory(Box<Corpus>),
    /// In the cache's packs, one blob each; `files` are the documents' own files, read when a
    /// blob cannot be (a pack removed under a reader of an older table).
    Cache {
        packs: Packs,
        bodies: Vec<Blob>,
        mentions: Vec<Blob>,
        files: Vec<PathBuf>,
        registry: Option<Blob>,
    },
    /// In the cache's snapshot of the catalog (see [`super::snapshot`]): heads and blobs are
    /// decoded one record at a time, when asked for.
    Snapshot {
        snapshot: super::snapshot::Snapshot,
        packs: Packs,
        docs_dir: PathBuf,
        /// The catalog file, read when a record of the snapshot fails its check.
        cache: PathBuf,
    },
}

pub struct Catalog {
    /// The directory it was read from; `None` for the bundled corpus.
    pub dir: Option<PathBuf>,
    /// Every valid document, in date order (undated last), then by id: see [`Catalog::heads`].
    heads: OnceLock<Vec<Head>>,
    /// Files that were skipped, each with why.
    pub problems: Vec<Problem>,
    /// One-line notices from opening it (a cache rebuilt, a cache that could not be written).
    pub notices: Vec<String>,
    store: Store,
    by_id: OnceLock<HashMap<String, usize>>,
    looked_up: std::sync::atomic::AtomicBool,
    registry: OnceLock<Arc<Registry>>,
    /// When the cache's table was written: a file modified since may differ from its blob.
    pub(super) written_ns: Option<u64>,
}

impl Catalog {
    /// Opens `dir`, or the directory named by `LECTERN_CORPUS`, or the bundled corpus, as
    /// [`Corpus::open`] does, but without reading any body.
    pub fn open(
        dir: Option<&Path>,
        progress: &mut (dyn FnMut(usize, usize) + Send),
    ) -> std::io::Result<Self> {
        let Some(dir) = dir
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os(super::CORPUS_ENV).map(PathBuf::from))
        else {
            return Ok(Self::from_corpus(Corpus::bundled()));
        };
        let Ok(loc) = crate::paths::Location::user_cache() else {
            return Ok(Self::from_corpus(Corpus::load_dir(&dir)?));
        };
        let cache = super::cache::cache_file(&loc.root, &dir);
        let (mut catalog, refresh) = super::cache::refresh(&dir, &cache, progress)?;
        catalog.notices.extend(refresh.notice);
        if let Some(why) = refresh.unwritable {
            catalog.notices.push(format!(
                "cannot write the corpus cache ({why}); the corpus will be read in full next time"
            ));
        }
        Ok(catalog)
    }

    /// The catalog of a corpus already in memory.
    pub fn from_corpus(mut corpus: Corpus) -> Self {
        let heads: Vec<Head> = corpus.documents.par_iter().map(Head::of).collect();
        Self {
            dir: corpus.dir.clone(),
            heads: OnceLock::from(heads),
            problems: std::mem::take(&mut corpus.problems),
            notices: std::mem::take(&mut corpus.notices),
            store: Store::Memory(Box::new(corpus)),
            by_id: OnceLock::new(),
            looked_up: Default::default(),
            registry: OnceLock::new(),
            written_ns: None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn from_cache(
        dir: PathBuf,
        heads: Vec<Head>,
        problems: Vec<Problem>,
        packs: Packs,
        bodies: Vec<Blob>,
        mentions: Vec<Blob>,
        files: Vec<PathBuf>,
        registry: Option<Blob>,
    ) -> Self {
        Self {
            dir: Some(dir),
            heads: OnceLock::from(heads),
            problems,
            notices: Vec::new(),
            store: Store::Cache {
                packs,
                bodies,
                mentions,
                files,
                registry,
            },
            by_id: OnceLock::new(),
            looked_up: Default::default(),
            registry: OnceLock::new(),
            written_ns: None,
        }
    }

    /// The catalog of a snapshot: nothing is decoded until asked for.
    pub(super) fn from_snapshot(
        dir: PathBuf,
        snapshot: super::snapshot::Snapshot,
        cache: PathBuf,
    ) -> Self {
        let packs = Packs::of(&cache);
        let written_ns = Some(snapshot.key().written_ns);
        Self {
            dir: Some(dir.clone()),
            heads: OnceLock::new(),
            problems: snapshot.problems(),
            notices: Vec::new(),
            store: Store::Snapshot {
                snapshot,
                packs,
                docs_dir: dir.join("documents"),
                cache,
            },
            by_id: OnceLock::new(),
            looked_up: Default::default(),
            registry: OnceLock::new(),
            written_ns,
        }
    }

    /// Every valid document's head, in date order (undated last), then by id. Decoded whole
    /// on first use from a snapshot; [`Catalog::head`] reads one.
    pub fn heads(&self) -> &[Head] {
        self.heads.get_or_init(|| match &self.store {
            Store::Snapshot {
                snapshot, cache, ..
            } => match traced_heads(snapshot) {
                Ok(heads) => heads,
                Err(why) => {
                    // Checked when read: the table answers, and the snapshot is made again.
                    crate::errln!("lectern: {}", snapshot_damaged(cache, &why));
                    let dir = self.dir.clone().unwrap_or_default();
                    super::cache::refresh_table(&dir, cache)
                        .map(|c| c.heads().to_vec())
                        .unwrap_or_default()
                }
            },
            // Set when made.
            _ => Vec::new(),
        })
    }

    /// Every head, if decoded already (see [`Catalog::heads`]); `None` while they are not.
    pub fn heads_decoded(&self) -> Option<&[Head]> {
        self.heads.get().map(Vec::as_slice)
    }

    /// Whether it was read from the corpus cache (its bodies are there, not in memory).
    pub fn is_cached(&self) -> bool {
        !matches!(self.store, Store::Memory(_))
    }

    /// How many documents.
    pub fn len(&self) -> usize {
        match (&self.store, self.heads.get()) {
            (_, Some(heads)) => heads.len(),
            (Store::Snapshot { snapshot, .. }, None) => snapshot.len(),
            _ => self.heads().len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The head at position `i`, decoded alone from a snapshot.
    pub fn head(&self, i: usize) -> Option<std::borrow::Cow<'_, Head>> {
        match (&self.store, self.heads.get()) {
            (Store::Snapshot { snapshot, .. }, None) => snapshot
                .record(i)
                .ok()
                .map(|r| std::borrow::Cow::Owned(r.head)),
            _ => self.heads().get(i).map(std::borrow::Cow::Borrowed),
        }
    }

    /// Calls `f` with every head in order, reading a snapshot a chunk at a time, so that a
    /// caller that stops early (a closed pipe) has read only what it used.
    pub fn each_head(
        &self,
        mut f: impl FnMut(&Head) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        match (&self.store, self.heads.get()) {
            (
                Store::Snapshot {
                    snapshot, cache, ..
                },
                None,
            ) => {
                let mut done = 0;
                for chunk in snapshot.each_chunk() {
                    match chunk {
                        Ok(records) => {
                            for record in records {
                                f(&record.head)?;
                                done += 1;
                            }
                        }
                        Err(why) => {
                            // Checked when read: the table answers the rest.
                            crate::errln!("lectern: {}", snapshot_damaged(cache, &why));
                            let dir = self.dir.clone().unwrap_or_default();
                            let table = super::cache::refresh_table(&dir, cache)?;
                            return table.heads().iter().skip(done).try_for_each(f);
                        }
                    }
                }
                Ok(())
            }
            _ => self.heads().iter().try_for_each(f),
        }
    }

    /// The id at position `i`, without decoding the head.
    pub fn id(&self, i: usize) -> Option<&str> {
        match (&self.store, self.heads.get()) {
            (Store::Snapshot { snapshot, .. }, None) => snapshot.id(i),
            _ => self.heads().get(i).map(|h| h.id.as_str()),
        }
    }

    /// [`crate::fingerprint::pair_sums`] of every (id, index hash), when known without a pass
    /// over the heads.
    pub fn index_sums(&self) -> Option<(u64, u64)> {
        match &self.store {
            Store::Snapshot { snapshot, .. } => Some(snapshot.index_sums()),
            _ => None,
        }
    }

    /// One line for the user when files were skipped (as [`Corpus::skipped_summary`]).
    pub fn skipped_summary(&self) -> Option<String> {
        super::skipped_summary(&self.problems)
    }

    /// Position in [`Catalog::heads`] of the document with this id: a scan for the first
    /// look-up (cheaper than a map for one), a map built by the second.
    pub fn position(&self, id: &str) -> Option<usize> {
        if let Store::Snapshot { snapshot, .. } = &self.store {
            return snapshot.position(id);
        }
        if let Some(map) = self.by_id.get() {
            return map.get(id).copied();
        }
        if !self
            .looked_up
            .swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            return self.heads().iter().position(|h| h.id == id);
        }
        self.by_id
            .get_or_init(|| {
                self.heads()
                    .iter()
                    .enumerate()
                    .map(|(i, h)| (h.id.clone(), i))
                    .collect()
            })
            .get(id)
            .copied()
    }

    /// The whole document at position `i`: its blob in the cache, or its file when the blob
    /// cannot be read.
    pub fn document(&self, i: usize) -> anyhow::Result<Document> {
        match &self.store {
            Store::Memory(corpus) => corpus
                .documents
                .get(i)
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("no document at {i}")),
            Store::Cache {
                packs,
                bodies,
                files,
                ..
            } => {
                let blob = *bodies
                    .get(i)
                    .ok_or_else(|| anyhow::anyhow!("no document at {i}"))?;
                if let Some(doc) = packs
                    .read(blob)
                    .ok()
                    .and_then(|b| ciborium::from_reader::<Document, _>(b.as_slice()).ok())
                {
                    return Ok(doc);
                }
                read_document(&files[i])
            }
            Store::Snapshot {
                snapshot,
                packs,
                docs_dir,
                ..
            } => {
                let record = snapshot
                    .record(i)
                    .map_err(|e| anyhow::anyhow!("no document at {i}: {e}"))?;
                if let Some(doc) = packs
                    .read(record.body)
                    .ok()
                    .and_then(|b| ciborium::from_reader::<Document, _>(b.as_slice()).ok())
                {
                    return Ok(doc);
                }
                read_document(&docs_dir.join(&record.name))
            }
        }
    }

    /// The blobs of every document and of the registry, with the documents' files.
    fn blobs(&self) -> Option<BlobsOf<'_>> {
        match &self.store {
            Store::Memory(_) => None,
            Store::Cache {
                packs,
                bodies,
                mentions,
                files,
                registry,
            } => Some((
                packs,
                bodies.clone(),
                mentions.clone(),
                files.clone(),
                *registry,
            )),
            Store::Snapshot {
                snapshot,
                packs,
                docs_dir,
                ..
            } => {
                let records: Vec<super::snapshot::Record> = snapshot
                    .each_chunk()
                    .flat_map(|c| c.unwrap_or_default())
                    .collect();
                let bodies = records.iter().map(|r| r.body).collect();
                let mentions = records.iter().map(|r| r.mentions).collect();
                let files = records.iter().map(|r| docs_dir.join(&r.name)).collect();
                Some((packs, bodies, mentions, files, snapshot.registry()))
            }
        }
    }

    /// What the links' target index of a cached catalog is keyed by: its file, the
    /// registry's blob and every document's mentions blob (the snapshot's records read on
    /// every core); `None` for a catalog in memory.
    pub(super) fn target_index_key(&self) -> Option<(PathBuf, Option<Blob>, Vec<Blob>)> {
        match &self.store {
            Store::Memory(_) => None,
            Store::Cache {
                packs,
                mentions,
                registry,
                ..
            } => Some((packs.target_index_file(), *registry, mentions.clone())),
            Store::Snapshot {
                snapshot, packs, ..
            } => {
                const CHUNK: usize = 4096;
                let starts: Vec<usize> = (0..snapshot.len()).step_by(CHUNK).collect();
                let chunks: Vec<Vec<Blob>> = starts
                    .into_par_iter()
                    .map(|s| {
                        let records = snapshot.records(s, s + CHUNK).ok()?;
                        Some(records.into_iter().map(|r| r.mentions).collect())
                    })
                    .collect::<Option<_>>()?;
                let mentions = chunks.into_iter().flatten().collect();
                Some((packs.target_index_file(), snapshot.registry(), mentions))
            }
        }
    }

    /// Writes the links' target index of a catalog just written to the cache, from the
    /// targets of the mentions found by its writing (see [`super::target_index::write_with`]).
    pub(super) fn write_target_index(&self, written: &super::target_index::Written) {
        if let Some((path, registry, mentions)) = self.target_index_key() {
            super::target_index::write_with(&path, registry, &mentions, written);
        }
    }

    /// Writes the snapshot of a catalog read from the cache's table (see [`super::snapshot`]).
    pub(super) fn write_snapshot(
        &self,
        path: &Path,
        key: super::snapshot::Key,
    ) -> std::io::Result<()> {
        let Store::Cache {
            bodies,
            mentions,
            files,
            registry,
            ..
        } = &self.store
        else {
            return Ok(());
        };
        let records: Vec<super::snapshot::RecordRef<'_>> = self
            .heads()
            .iter()
            .zip(bodies.iter().zip(mentions))
            .zip(files)
            .map(
                |((head, (body, mentions)), file)| super::snapshot::RecordRef {
                    head,
                    body: *body,
                    mentions: *mentions,
                    name: file
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or_default(),
                },
            )
            .collect();
        super::snapshot::write(path, key, *registry, &self.problems, &records)
    }
}

/// The packs, the bodies' and mentions' blobs, the documents' files and the registry's blob.
type BlobsOf<'a> = (&'a Packs, Vec<Blob>, Vec<Blob>, Vec<PathBuf>, Option<Blob>);

/// Removes a snapshot that failed a check, so that the next open makes it again from the table,
/// and says so.
fn snapshot_damaged(cache: &Path, why: &str) -> String {
    let _ = std::fs::remove_file(super::cache::snapshot_file(cache));
    format!("the corpus cache was damaged ({why}); rebuilding it")
}

/// A document read from its own file, when its blob cannot be.
pub(super) fn read_document(path: &Path) -> anyhow::Result<Document> {
    let text = crate::files::read_text(path, crate::files::limits::DOCUMENT)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(super::format::parse(path, &text)?)
}

/// Date order (undated last), then by id: the order of [`Catalog::heads`].
pub(super) fn head_order(a: &Head, b: &Head) -> std::cmp::Ordering {
    match (a.date, b.date) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
    }
}

/// The snapshot's heads, decoded, with their time in `LECTERN_TRACE`.
fn traced_heads(snapshot: &super::snapshot::Snapshot) -> Result<Vec<Head>, String> {
    crate::trace!("heads decode start");
    let heads = snapshot.heads();
    crate::trace!("heads decoded");
    heads
}
