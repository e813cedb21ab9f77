//! The documents of a [`Corpus`](super::Corpus): all in memory (the bundled corpus, a
//! directory read in full, tests), or **lazy** — the reader's view of a cached corpus, where
//! only the heads (id, title, date, kind, languages) are decoded at open and a body is read
//! from the cache the first time it is asked for ([`Docs::get`]).
//!
//! The reader of a 100,000-document corpus thus holds the heads (tens of MB) and the bodies it
//! opened, not 1.3 GB of decoded text. Code that walks every document uses [`Docs::iter`]
//! (or `for d in &docs`), which reads each body into its own slot; the rare code that needs
//! one slice of them ([`Docs::as_slice`], or through `Deref`) makes a lazy corpus read them
//! all into a vector of its own, and [`Docs::read_in_full`] says so (the reader's tests check
//! that it never does).

use super::catalog::{Catalog, Head};
use crate::model::Document;
use rayon::prelude::*;
use std::sync::{Arc, OnceLock};

#[derive(Default)]
pub struct Docs {
    inner: Inner,
    /// The heads of an in-memory corpus, made on first use.
    heads: OnceLock<Arc<Vec<Head>>>,
}

/// The heads, held beyond a borrow of the documents (the list makes its sort keys and
/// haystacks from them when first asked): shared with the corpus, never copied.
#[derive(Clone)]
pub enum SharedHeads {
    Memory(Arc<Vec<Head>>),
    Lazy(Arc<Catalog>),
}

impl SharedHeads {
    pub fn get(&self) -> &[Head] {
        match self {
            SharedHeads::Memory(h) => h,
            SharedHeads::Lazy(catalog) => catalog.heads(),
        }
    }
}

enum Inner {
    Memory(Vec<Document>),
    Lazy {
        catalog: Arc<Catalog>,
        /// Bodies read so far, by position.
        slots: Vec<OnceLock<Box<Document>>>,
        /// Heads read one by one before the catalog decoded them all (the first screen).
        head_slots: Vec<OnceLock<Box<Head>>>,
        /// Every body, when something asked for the slice.
        all: OnceLock<Vec<Document>>,
    },
}

impl Default for Inner {
    fn default() -> Self {
        Inner::Memory(Vec::new())
    }
}

impl From<Vec<Document>> for Docs {
    fn from(documents: Vec<Document>) -> Self {
        Docs {
            inner: Inner::Memory(documents),
            heads: OnceLock::new(),
        }
    }
}

impl Docs {
    /// The documents of a catalog read from the cache, bodies read when asked for.
    pub fn lazy(catalog: Arc<Catalog>) -> Docs {
        let n = catalog.len();
        Docs {
            inner: Inner::Lazy {
                catalog,
                slots: (0..n).map(|_| OnceLock::new()).collect(),
                head_slots: (0..n).map(|_| OnceLock::new()).collect(),
                all: OnceLock::new(),
            },
            heads: OnceLock::new(),
        }
    }

    pub fn len(&self) -> usize {
        match &self.inner {
            Inner::Memory(v) => v.len(),
            Inner::Lazy { slots, .. } => slots.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether bodies are read when asked for (a cached corpus opened for the reader).
    pub fn is_lazy(&self) -> bool {
        matches!(self.inner, Inner::Lazy { .. })
    }

    /// Document `i` with its body, read from the cache on first use. `None` past the end, or
    /// when the cache and the document's file both fail (the reader then shows nothing rather
    /// than a wrong text).
    pub fn get(&self, i: usize) -> Option<&Document> {
        match &self.inner {
            Inner::Memory(v) => v.get(i),
            Inner::Lazy {
                catalog,
                slots,
                all,
                ..
            } => {
                // The whole slice serves only while it is aligned with the slots: a body that
                // could not be read is missing from it, which would shift every later index.
                if let Some(all) = all.get()
                    && all.len() == slots.len()
                {
                    return all.get(i);
                }
                let slot = slots.get(i)?;
                if let Some(doc) = slot.get() {
                    return Some(doc);
                }
                let doc = catalog.document(i).ok()?;
                Some(slot.get_or_init(|| Box::new(doc)))
            }
        }
    }

    /// How many bodies are in memory (a lazy corpus: those read so far).
    pub fn bodies_loaded(&self) -> usize {
        match &self.inner {
            Inner::Memory(v) => v.len(),
            Inner::Lazy { slots, all, .. } => match all.get() {
                Some(all) => all.len(),
                None => slots.iter().filter(|s| s.get().is_some()).count(),
            },
        }
    }

    /// Whether a lazy corpus had to read every body (something borrowed the whole slice).
    pub fn read_in_full(&self) -> bool {
        match &self.inner {
            Inner::Memory(_) => true,
            Inner::Lazy { all, .. } => all.get().is_some(),
        }
    }

    /// Every head, in corpus order: the catalog's, or made from the documents in memory.
    pub fn heads(&self) -> &[Head] {
        match &self.inner {
            Inner::Memory(v) => self
                .heads
                .get_or_init(|| Arc::new(v.par_iter().map(Head::of).collect())),
            Inner::Lazy { catalog, .. } => catalog.heads(),
        }
    }

    /// The heads, to keep (see [`SharedHeads`]).
    pub fn shared_heads(&self) -> SharedHeads {
        match &self.inner {
            Inner::Memory(_) => {
                self.heads();
                SharedHeads::Memory(self.heads.get().map(Arc::clone).unwrap_or_default())
            }
            Inner::Lazy { catalog, .. } => SharedHeads::Lazy(Arc::clone(catalog)),
        }
    }

    /// The search index's digest of every (id, index hash), when the cache knows it.
    pub fn index_sums(&self) -> Option<(u64, u64)> {
        match &self.inner {
            Inner::Memory(_) => None,
            Inner::Lazy { catalog, .. } => catalog.index_sums(),
        }
    }

    /// Head `i`. While a lazy corpus's heads are still being decoded, it is read alone,
    /// so that the first screen does not wait for all of them.
    pub fn head(&self, i: usize) -> Option<&Head> {
        match &self.inner {
            Inner::Lazy {
                catalog,
                head_slots,
                ..
            } if catalog.heads_decoded().is_none() => {
                let slot = head_slots.get(i)?;
                if let Some(head) = slot.get() {
                    return Some(head);
                }
                let head = catalog.head(i)?.into_owned();
                Some(slot.get_or_init(|| Box::new(head)))
            }
            _ => self.heads().get(i),
        }
    }

    /// The id of document `i`, without reading its body.
    pub fn id(&self, i: usize) -> Option<&str> {
        match &self.inner {
            Inner::Memory(v) => v.get(i).map(|d| d.id.as_str()),
            Inner::Lazy { catalog, .. } => catalog.id(i),
        }
    }

    /// Position of the document with this id in a lazy corpus (binary search of the cache's
    /// ids); `None` for one in memory, which has its own map.
    pub(super) fn lazy_position(&self, id: &str) -> Option<Option<usize>> {
        match &self.inner {
            Inner::Memory(_) => None,
            Inner::Lazy { catalog, .. } => Some(catalog.position(id)),
        }
    }

    /// Every document with its body, one at a time: the bodies of a lazy corpus are read as
    /// they are reached and kept in their own slots (no second copy, unlike [`Docs::as_slice`]).
    /// This is what `for d in &docs` and `docs.iter()` use.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            docs: self,
            ahead: 0..self.len(),
        }
    }

    /// Every document with its body as one slice, for the few callers that need a slice (a
    /// test's comparison, a tool that edits): a lazy corpus reads them all (once, on every
    /// core) into a vector of its own, beside the bodies already read; a body that cannot be
    /// read is left out. Walking the documents wants [`Docs::iter`] instead.
    pub fn as_slice(&self) -> &[Document] {
        match &self.inner {
            Inner::Memory(v) => v,
            Inner::Lazy {
                catalog,
                slots,
                all,
                ..
            } => all.get_or_init(|| {
                (0..slots.len())
                    .into_par_iter()
                    .filter_map(|i| match slots[i].get() {
                        Some(d) => Some(Document::clone(d)),
                        None => catalog.document(i).ok(),
                    })
                    .collect()
            }),
        }
    }

    /// The documents to change (tests, tools): a lazy corpus is read in full first.
    pub fn as_mut_vec(&mut self) -> &mut Vec<Document> {
        if let Inner::Lazy { .. } = self.inner {
            self.inner = Inner::Memory(self.as_slice().to_vec());
        }
        self.heads = OnceLock::new();
        match &mut self.inner {
            Inner::Memory(v) => v,
            Inner::Lazy { .. } => unreachable!("made whole above"),
        }
    }

    /// Adds a document (see [`Docs::as_mut_vec`]).
    pub fn push(&mut self, doc: Document) {
        self.as_mut_vec().push(doc);
    }
}

impl std::ops::Deref for Docs {
    type Target = [Document];
    fn deref(&self) -> &[Document] {
        self.as_slice()
    }
}

impl std::ops::DerefMut for Docs {
    fn deref_mut(&mut self) -> &mut [Document] {
        self.as_mut_vec()
    }
}

impl std::ops::Index<crate::model::DocIx> for Docs {
    type Output = Document;
    fn index(&self, i: crate::model::DocIx) -> &Document {
        &self[i.0]
    }
}

impl std::ops::Index<usize> for Docs {
    type Output = Document;
    fn index(&self, i: usize) -> &Document {
        match self.get(i) {
            Some(d) => d,
            None => panic!("no document at {i} of {}", self.len()),
        }
    }
}

impl<'a> IntoIterator for &'a Docs {
    type Item = &'a Document;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The documents one by one, each body read into its own slot as it is reached
/// ([`Docs::iter`]): walking a lazy corpus never copies it into a second, whole vector.
pub struct Iter<'a> {
    docs: &'a Docs,
    ahead: std::ops::Range<usize>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Document;
    fn next(&mut self) -> Option<&'a Document> {
        // A body that cannot be read is passed over, as `as_slice` leaves it out.
        self.ahead.by_ref().find_map(|i| self.docs.get(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.ahead.len()))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let docs = self.docs;
        self.ahead.by_ref().rev().find_map(|i| docs.get(i))
    }
}

impl IntoIterator for Docs {
    type Item = Document;
    type IntoIter = std::vec::IntoIter<Document>;
    fn into_iter(mut self) -> Self::IntoIter {
        std::mem::take(self.as_mut_vec()).into_iter()
    }
}

impl PartialEq for Docs {
    fn eq(&self, other: &Docs) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl std::fmt::Debug for Docs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.inner {
            Inner::Memory(v) => v.fmt(f),
            Inner::Lazy { slots, .. } => write!(
                f,
                "Docs::Lazy({} documents, {} bodies read)",
                slots.len(),
                self.bodies_loaded()
            ),
        }
    }
}
