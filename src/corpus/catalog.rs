//! The catalog: what the command line needs of every document without its body — id, kind,
//! title, date, languages, number of blocks and the fingerprint of its indexed text — in date
//! order, with the bodies, the mentions and the registry loaded only when asked for.
//!
//! `lectern list` reads nothing else; `show` reads one body; `search` reads the bodies of the
//! documents that changed since the index was last brought up to date. The reader turns the
//! catalog into a whole [`Corpus`] with [`Catalog::into_corpus`].

use super::cache_file::{self as file, Blob, Packs};
use super::{Corpus, Problem};
use crate::model::{DocKind, Document, Lang, LangText, PartialDate};
use crate::refs::{Links, Mention, Registry};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A document without its body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub id: String,
    pub kind: DocKind,
    pub title: LangText,
    pub date: Option<PartialDate>,
    pub languages: Vec<Lang>,
    pub blocks: usize,
    /// Fingerprint of what the search index holds of the document
    /// ([`crate::search::store::doc_hash`]).
    pub index_hash: u64,
}

impl Head {
    pub fn of(doc: &Document) -> Self {
        Self {
            id: doc.id.clone(),
            kind: doc.kind,
            title: doc.title.clone(),
            date: doc.date(),
            languages: doc.languages(),
            blocks: doc.blocks.len(),
            index_hash: crate::fingerprint::doc_hash(doc),
        }
    }

    /// The title in the first of `prefs` it exists in, else any, else the id.
    pub fn display_title(&self, prefs: &[Lang]) -> &str {
        self.title.best(prefs).unwrap_or(&self.id)
    }
}

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
}

pub struct Catalog {
    /// The directory it was read from; `None` for the bundled corpus.
    pub dir: Option<PathBuf>,
    /// Every valid document, in date order (undated last), then by id.
    pub heads: Vec<Head>,
    /// Files that were skipped, each with why.
    pub problems: Vec<Problem>,
    /// One-line notices from opening it (a cache rebuilt, a cache that could not be written).
    pub notices: Vec<String>,
    store: Store,
    by_id: OnceLock<HashMap<String, usize>>,
    looked_up: std::sync::atomic::AtomicBool,
    registry: OnceLock<Registry>,
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
        let heads = corpus.documents.par_iter().map(Head::of).collect();
        Self {
            dir: corpus.dir.clone(),
            heads,
            problems: std::mem::take(&mut corpus.problems),
            notices: std::mem::take(&mut corpus.notices),
            store: Store::Memory(Box::new(corpus)),
            by_id: OnceLock::new(),
            looked_up: Default::default(),
            registry: OnceLock::new(),
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
            heads,
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
        }
    }

    /// One line for the user when files were skipped (as [`Corpus::skipped_summary`]).
    pub fn skipped_summary(&self) -> Option<String> {
        super::skipped_summary(&self.problems)
    }

    /// Position in [`Catalog::heads`] of the document with this id: a scan for the first
    /// look-up (cheaper than a map for one), a map built by the second.
    pub fn position(&self, id: &str) -> Option<usize> {
        if let Some(map) = self.by_id.get() {
            return map.get(id).copied();
        }
        if !self
            .looked_up
            .swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            return self.heads.iter().position(|h| h.id == id);
        }
        self.by_id
            .get_or_init(|| {
                self.heads
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
                let path = &files[i];
                let text = crate::files::read_text(path, crate::files::limits::DOCUMENT)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                Ok(super::format::parse(path, &text)?)
            }
        }
    }

    /// The registry, validated against the documents.
    pub fn registry(&self) -> &Registry {
        self.registry.get_or_init(|| match &self.store {
            Store::Memory(corpus) => corpus.registry.clone(),
            Store::Cache {
                packs, registry, ..
            } => registry
                .and_then(|b| packs.read(b).ok())
                .and_then(|b| ciborium::from_reader(b.as_slice()).ok())
                .unwrap_or_default(),
        })
    }

    /// Every mention of the registry in the documents (read from every document's blob).
    pub fn links(&self) -> Links {
        match &self.store {
            Store::Memory(corpus) => corpus.links.clone(),
            Store::Cache {
                packs, mentions, ..
            } => Links::from_mentions(
                mentions
                    .iter()
                    .flat_map(|b| {
                        packs
                            .read(*b)
                            .ok()
                            .and_then(|b| {
                                ciborium::from_reader::<Vec<Mention>, _>(b.as_slice()).ok()
                            })
                            .unwrap_or_default()
                    })
                    .collect(),
            ),
        }
    }

    /// The whole corpus: every body and mention decoded (in parallel, whole packs read at once).
    /// `Err` says which blob could not be read, so that the caller can rebuild the cache.
    pub fn into_corpus(self) -> Result<Corpus, String> {
        let Catalog {
            dir,
            heads,
            problems,
            notices,
            store,
            registry,
            ..
        } = self;
        let (packs, bodies, mentions, registry_blob) = match store {
            Store::Memory(mut corpus) => {
                corpus.problems = problems;
                corpus.notices = notices;
                return Ok(*corpus);
            }
            Store::Cache {
                packs,
                bodies,
                mentions,
                registry,
                ..
            } => (packs, bodies, mentions, registry),
        };
        let mut wanted: std::collections::HashSet<u64> =
            bodies.iter().chain(&mentions).map(|b| b.pack).collect();
        wanted.extend(registry_blob.map(|b| b.pack));
        let whole = packs.read_all(wanted);
        let decode = |blob: Blob| -> Result<&[u8], String> {
            let pack = whole.get(&blob.pack).ok_or("a pack is missing")?;
            file::slice(pack, blob)
        };
        let documents: Vec<Document> = bodies
            .par_iter()
            .map(|b| ciborium::from_reader(decode(*b)?).map_err(|e| format!("cannot decode: {e}")))
            .collect::<Result<_, String>>()?;
        let found: Vec<Vec<Mention>> = mentions
            .par_iter()
            .map(|b| ciborium::from_reader(decode(*b)?).map_err(|e| format!("cannot decode: {e}")))
            .collect::<Result<_, String>>()?;
        let registry = match registry.into_inner() {
            Some(r) => r,
            None => match registry_blob {
                Some(b) => {
                    ciborium::from_reader(decode(b)?).map_err(|e| format!("cannot decode: {e}"))?
                }
                None => Registry::default(),
            },
        };
        debug_assert_eq!(heads.len(), documents.len());
        Ok(Corpus {
            documents,
            problems,
            dir,
            registry,
            links: Links::from_mentions(found.into_iter().flatten().collect()),
            notices,
            ..Corpus::default()
        })
    }
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

impl Catalog {
    /// Document `i`, borrowed when the catalog holds it in memory, else read from the cache.
    pub fn document_cow(&self, i: usize) -> anyhow::Result<std::borrow::Cow<'_, Document>> {
        match &self.store {
            Store::Memory(corpus) => corpus
                .documents
                .get(i)
                .map(std::borrow::Cow::Borrowed)
                .ok_or_else(|| anyhow::anyhow!("no document at {i}")),
            Store::Cache { .. } => self.document(i).map(std::borrow::Cow::Owned),
        }
    }
}
