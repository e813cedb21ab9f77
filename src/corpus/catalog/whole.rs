//! The catalog as a whole: the registry, every mention, and the whole [`Corpus`] the reader
//! needs, decoded from the cache's packs (the rest of the catalog reads one head or body).

use super::{Catalog, Store};
use crate::corpus::Corpus;
use crate::corpus::cache_file::{self as file, Blob};
use crate::model::{DocIx, Document};
use crate::refs::{Found, Links, Mention, Registry};
use rayon::prelude::*;
use std::borrow::Cow;
use std::sync::Arc;

impl Catalog {
    /// The registry, validated against the documents.
    pub fn registry(&self) -> &Registry {
        self.registry_cell()
    }

    /// The registry, to share: a corpus made from this catalog holds the same one.
    pub fn shared_registry(&self) -> Arc<Registry> {
        Arc::clone(self.registry_cell())
    }

    fn registry_cell(&self) -> &Arc<Registry> {
        self.registry.get_or_init(|| match &self.store {
            Store::Memory(corpus) => Arc::clone(&corpus.registry),
            Store::Cache {
                packs, registry, ..
            } => registry
                .and_then(|b| packs.read(b).ok())
                .and_then(|b| ciborium::from_reader(b.as_slice()).ok())
                .map(Arc::new)
                .unwrap_or_default(),
            Store::Snapshot {
                packs, snapshot, ..
            } => snapshot
                .registry()
                .and_then(|b| packs.read(b).ok())
                .and_then(|b| ciborium::from_reader(b.as_slice()).ok())
                .map(Arc::new)
                .unwrap_or_default(),
        })
    }

    /// The mentions in document `i` (read from its blob; none when it cannot be read).
    pub fn mentions(&self, i: usize) -> Vec<Mention> {
        let blob = match &self.store {
            Store::Memory(corpus) => {
                return corpus.links.in_document(DocIx(i)).cloned().collect();
            }
            Store::Cache { mentions, .. } => mentions.get(i).copied(),
            Store::Snapshot { snapshot, .. } => snapshot.record(i).ok().map(|r| r.mentions),
        };
        let packs = match &self.store {
            Store::Cache { packs, .. } | Store::Snapshot { packs, .. } => packs,
            Store::Memory(_) => return Vec::new(),
        };
        blob.and_then(|b| packs.read(b).ok())
            .and_then(|b| ciborium::from_reader::<Vec<Found>, _>(b.as_slice()).ok())
            .unwrap_or_default()
            .into_iter()
            .map(|f| f.at(DocIx(i)))
            .collect()
    }

    /// The links of a catalog of a corpus in memory, borrowed from it; `None` for one read
    /// from the cache (see [`Catalog::links`]).
    pub fn links_in_memory(&self) -> Option<&Links> {
        match &self.store {
            Store::Memory(corpus) => Some(corpus.links.as_links()),
            _ => None,
        }
    }

    /// Every mention of the registry in the documents: borrowed from a corpus in memory, else
    /// read from every document's blob.
    pub fn links(&self) -> Cow<'_, Links> {
        if let Some(links) = self.links_in_memory() {
            return Cow::Borrowed(links);
        }
        Cow::Owned(match self.blobs() {
            None => Links::default(),
            Some((packs, _, mentions, _, _)) => Links::from_documents(
                mentions
                    .iter()
                    .map(|b| {
                        packs
                            .read(*b)
                            .ok()
                            .and_then(|b| ciborium::from_reader::<Vec<Found>, _>(b.as_slice()).ok())
                            .unwrap_or_default()
                    })
                    .collect(),
            ),
        })
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
            Store::Snapshot {
                snapshot, packs, ..
            } => {
                let records: Vec<crate::corpus::snapshot::Record> = snapshot
                    .each_chunk()
                    .collect::<Result<Vec<_>, String>>()?
                    .into_iter()
                    .flatten()
                    .collect();
                let bodies = records.iter().map(|r| r.body).collect();
                let mentions = records.iter().map(|r| r.mentions).collect();
                (packs, bodies, mentions, snapshot.registry())
            }
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
        let found: Vec<Vec<Found>> = mentions
            .par_iter()
            .map(|b| ciborium::from_reader(decode(*b)?).map_err(|e| format!("cannot decode: {e}")))
            .collect::<Result<_, String>>()?;
        let registry = match registry.into_inner() {
            Some(r) => r,
            None => Arc::new(match registry_blob {
                Some(b) => {
                    ciborium::from_reader(decode(b)?).map_err(|e| format!("cannot decode: {e}"))?
                }
                None => Registry::default(),
            }),
        };
        debug_assert!(heads.get().is_none_or(|h| h.len() == documents.len()));
        Ok(Corpus {
            documents: documents.into(),
            problems,
            dir,
            registry,
            links: Links::from_documents(found).into(),
            notices,
            ..Corpus::default()
        })
    }
}
