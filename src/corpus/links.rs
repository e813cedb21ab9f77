//! The links of a [`Corpus`](super::Corpus) — every mention of the registry — all in memory,
//! or **lazy** for the reader of a cached corpus: a document's mentions are read from the cache
//! when it is shown, and the index of which documents mention each target (built once, on a
//! worker thread after the first screen, or on first use) holds two numbers per document that
//! mentions a target (its position and a running count of the target's mentions) and the
//! block of each mention (for `mentions:` pins), not the 700,000 mentions of a
//! 100,000-document corpus.
//!
//! Call sites use the same three questions as [`Links`]: [`CorpusLinks::in_document`],
//! [`CorpusLinks::of_target`], [`CorpusLinks::backlinks`]. Long lists are read by position
//! ([`CorpusLinks::count_of_target`], [`CorpusLinks::nth_of_target`],
//! [`CorpusLinks::span_in`]), so that a window shows the exact count of a name's 30,000
//! mentions and reads only the ones on screen. Code that needs every mention at once borrows
//! the whole [`Links`] through `Deref`, which a lazy corpus reads in full.

use super::catalog::Catalog;
use super::target_index::{self, DocTargets, Postings};
use crate::model::{BlockNo, DocIx};
use crate::refs::{Found, Links, Mention, Registry, Target};
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

#[derive(Default)]
pub struct CorpusLinks {
    inner: Inner,
}

enum Inner {
    Memory(Links),
    Lazy {
        catalog: Arc<Catalog>,
        /// Each document's mentions, read when asked for.
        per_doc: Vec<OnceLock<Vec<Mention>>>,
        /// Target → the documents that mention it, in corpus order.
        by_target: Arc<OnceLock<target_index::Targets>>,
        /// Every mention, when something asked for the whole [`Links`].
        all: OnceLock<Links>,
    },
}

impl Default for Inner {
    fn default() -> Self {
        Inner::Memory(Links::default())
    }
}

impl From<Links> for CorpusLinks {
    fn from(links: Links) -> Self {
        CorpusLinks {
            inner: Inner::Memory(links),
        }
    }
}

type MentionIter<'a> = Box<dyn Iterator<Item = &'a Mention> + 'a>;

impl CorpusLinks {
    /// The links of a catalog read from the cache, read when asked for.
    pub fn lazy(catalog: Arc<Catalog>) -> CorpusLinks {
        let n = catalog.len();
        CorpusLinks {
            inner: Inner::Lazy {
                catalog,
                per_doc: (0..n).map(|_| OnceLock::new()).collect(),
                by_target: Arc::default(),
                all: OnceLock::new(),
            },
        }
    }

    /// The mentions in document `i` of a lazy corpus.
    fn of_doc<'a>(
        catalog: &Catalog,
        per_doc: &'a [OnceLock<Vec<Mention>>],
        i: usize,
    ) -> &'a [Mention] {
        per_doc
            .get(i)
            .map_or(&[], |slot| slot.get_or_init(|| catalog.mentions(i)))
    }

    /// Mentions in a document, in reading order.
    pub fn in_document(&self, doc: DocIx) -> MentionIter<'_> {
        match &self.inner {
            Inner::Memory(links) => Box::new(links.in_document(doc)),
            Inner::Lazy {
                catalog, per_doc, ..
            } => Box::new(Self::of_doc(catalog, per_doc, doc.0).iter()),
        }
    }

    /// Every mention of a target, in corpus order; a lazy corpus reads the mentions of each
    /// document as the iterator reaches it, so that taking a page reads a page.
    pub fn of_target(&self, target: Target) -> MentionIter<'_> {
        match &self.inner {
            Inner::Memory(links) => Box::new(links.of_target(target)),
            Inner::Lazy {
                catalog, per_doc, ..
            } => {
                let docs = (self.targets().get(&target)).map_or(&[][..], |p| p.docs.as_slice());
                Box::new(docs.iter().flat_map(move |&i| {
                    (Self::of_doc(catalog, per_doc, i as usize).iter())
                        .filter(move |m| m.target == target)
                }))
            }
        }
    }

    /// The document and block of every mention of `target`, in the order of
    /// [`CorpusLinks::of_target`] (a lazy corpus: from the target index, without reading any
    /// document's mentions).
    pub fn blocks_of_target(&self, target: Target) -> Vec<(DocIx, BlockNo)> {
        match &self.inner {
            Inner::Memory(links) => links.of_target(target).map(|m| (m.doc, m.block)).collect(),
            Inner::Lazy { .. } => {
                let Some(p) = self.targets().get(&target) else {
                    return Vec::new();
                };
                (p.docs.iter().enumerate())
                    .flat_map(|(j, &doc)| {
                        (p.before(j)..p.ends[j] as usize)
                            .map(move |k| (DocIx(doc as usize), BlockNo(p.blocks[k] as usize)))
                    })
                    .collect()
            }
        }
    }

    /// How many documents mention `target` (a lazy corpus: without reading their mentions).
    pub fn documents_mentioning(&self, target: Target) -> usize {
        match &self.inner {
            Inner::Memory(links) => {
                let mut docs: Vec<DocIx> = links.of_target(target).map(|m| m.doc).collect();
                docs.dedup();
                docs.len()
            }
            Inner::Lazy { .. } => self.targets().get(&target).map_or(0, |p| p.docs.len()),
        }
    }

    /// How many times the corpus mentions `target` (a lazy corpus: from the target index,
    /// without reading any document's mentions).
    pub fn count_of_target(&self, target: Target) -> usize {
        match &self.inner {
            Inner::Memory(links) => links.count_of_target(target),
            Inner::Lazy { .. } => self.targets().get(&target).map_or(0, Postings::total),
        }
    }

    /// Mention `k` of [`CorpusLinks::of_target`] (a lazy corpus reads the mentions of the one
    /// document that holds it).
    pub fn nth_of_target(&self, target: Target, k: usize) -> Option<&Mention> {
        match &self.inner {
            Inner::Memory(links) => links.nth_of_target(target, k),
            Inner::Lazy {
                catalog, per_doc, ..
            } => {
                let p = self.targets().get(&target)?;
                let j = p.ends.partition_point(|&e| e as usize <= k);
                let doc = *p.docs.get(j)? as usize;
                (Self::of_doc(catalog, per_doc, doc).iter())
                    .filter(|m| m.target == target)
                    .nth(k - p.before(j))
            }
        }
    }

    /// The positions in [`CorpusLinks::of_target`] of the mentions in document `doc` (empty,
    /// at the place they would be, when it has none): one run, as the list is in corpus order.
    pub fn span_in(&self, target: Target, doc: DocIx) -> Range<usize> {
        match &self.inner {
            Inner::Memory(links) => links.span_in(target, doc),
            Inner::Lazy { .. } => {
                let Some(p) = self.targets().get(&target) else {
                    return 0..0;
                };
                match p.docs.binary_search(&(doc.0 as u32)) {
                    Ok(j) => p.before(j)..p.ends[j] as usize,
                    Err(j) => p.before(j)..p.before(j),
                }
            }
        }
    }

    /// Mentions, in other documents, of the instruments the document at `doc` holds (its id
    /// is read from `documents`, as the registry names documents by id).
    pub fn backlinks<'a>(
        &'a self,
        registry: &'a Registry,
        documents: &'a super::Docs,
        doc: DocIx,
    ) -> Vec<&'a Mention> {
        let Some(id) = documents.id(doc.0) else {
            return Vec::new();
        };
        Links::held_by(registry, id)
            .flat_map(|t| self.of_target(t))
            .filter(|m| m.doc != doc)
            .collect()
    }

    /// Builds the target index of a lazy corpus now (the reader calls it on a worker thread
    /// after its first screen, so that the first card or backlinks do not wait for it).
    pub fn warm_up(&self) {
        if let Inner::Lazy { .. } = self.inner {
            crate::trace!("links targets start");
            self.targets();
            crate::trace!("links targets made");
        }
    }

    /// Target → documents of a lazy corpus: the index kept in the corpus cache, completed from
    /// the mentions of the documents changed since; without one, every document's mentions
    /// read once, on every core, and dropped.
    fn targets(&self) -> &target_index::Targets {
        static EMPTY: OnceLock<target_index::Targets> = OnceLock::new();
        let Inner::Lazy {
            catalog,
            per_doc,
            by_target,
            ..
        } = &self.inner
        else {
            return EMPTY.get_or_init(HashMap::new);
        };
        by_target.get_or_init(|| {
            // Each document's mentions as (target, block), in reading order.
            let decode = |i: usize| -> DocTargets {
                match per_doc[i].get() {
                    Some(ms) => target_index::of_mentions(ms),
                    None => target_index::of_mentions(&catalog.mentions(i)),
                }
            };
            match catalog.target_index_key() {
                // Kept in the cache: read, completed for the documents changed since.
                Some((path, registry, mentions)) if mentions.len() == per_doc.len() => {
                    target_index::load(&path, registry, &mentions, &decode)
                }
                _ => target_index::build(per_doc.len(), &decode),
            }
        })
    }

    /// Every mention; a lazy corpus reads them all (once).
    pub fn as_links(&self) -> &Links {
        match &self.inner {
            Inner::Memory(links) => links,
            Inner::Lazy {
                catalog,
                per_doc,
                all,
                ..
            } => all.get_or_init(|| {
                let found: Vec<Vec<Found>> = (0..per_doc.len())
                    .into_par_iter()
                    .map(|i| {
                        let ms = Self::of_doc_copy(catalog, per_doc, i);
                        ms.into_iter()
                            .map(|m| Found {
                                target: m.target,
                                block: m.block,
                                lang: m.lang,
                                range: m.range,
                                description: m.description,
                            })
                            .collect()
                    })
                    .collect();
                Links::from_documents(found)
            }),
        }
    }

    fn of_doc_copy(
        catalog: &Catalog,
        per_doc: &[OnceLock<Vec<Mention>>],
        i: usize,
    ) -> Vec<Mention> {
        match per_doc[i].get() {
            Some(ms) => ms.clone(),
            None => catalog.mentions(i),
        }
    }
}

impl std::ops::Deref for CorpusLinks {
    type Target = Links;
    fn deref(&self) -> &Links {
        self.as_links()
    }
}

impl std::fmt::Debug for CorpusLinks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.inner {
            Inner::Memory(links) => links.fmt(f),
            Inner::Lazy { per_doc, .. } => {
                write!(f, "CorpusLinks::Lazy({} documents)", per_doc.len())
            }
        }
    }
}
