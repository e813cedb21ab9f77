//! What an index is made of ([`Source`]), and the corpus's three forms that are one: the
//! catalog, a corpus's documents (in memory or lazy), and a slice of documents in memory.

use super::doc_hash;
use crate::model::Document;
use std::borrow::Cow;

/// What an index is made of: documents by position, each with its id and the fingerprint of its
/// indexed text ([`doc_hash`]); a body is read only when the index needs to add it.
pub trait Source: Sync {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn id(&self, i: usize) -> &str;
    fn index_hash(&self, i: usize) -> u64;
    fn document(&self, i: usize) -> anyhow::Result<Cow<'_, Document>>;
    /// [`crate::fingerprint::pair_sums`] of every (id, index hash), when the source knows them
    /// without a pass over its documents: a current index then opens without one.
    fn pair_sums(&self) -> Option<(u64, u64)> {
        None
    }
}

impl Source for crate::corpus::Catalog {
    fn len(&self) -> usize {
        crate::corpus::Catalog::len(self)
    }
    fn id(&self, i: usize) -> &str {
        crate::corpus::Catalog::id(self, i).unwrap_or_default()
    }
    fn index_hash(&self, i: usize) -> u64 {
        crate::corpus::Catalog::index_hash(self, i).unwrap_or(0)
    }
    fn pair_sums(&self) -> Option<(u64, u64)> {
        self.index_sums()
    }
    fn document(&self, i: usize) -> anyhow::Result<Cow<'_, Document>> {
        self.document_cow(i)
    }
}

/// A corpus's documents (in memory, or lazy: a body is read only when the index adds it).
impl Source for crate::corpus::Docs {
    fn len(&self) -> usize {
        crate::corpus::Docs::len(self)
    }
    fn id(&self, i: usize) -> &str {
        crate::corpus::Docs::id(self, i).unwrap_or_default()
    }
    fn index_hash(&self, i: usize) -> u64 {
        self.head(i).map_or(0, |h| h.index_hash)
    }
    fn pair_sums(&self) -> Option<(u64, u64)> {
        self.index_sums()
    }
    fn document(&self, i: usize) -> anyhow::Result<Cow<'_, Document>> {
        self.get(i)
            .map(Cow::Borrowed)
            .ok_or_else(|| anyhow::anyhow!("document {i} cannot be read"))
    }
}

/// Documents in memory as a [`Source`].
pub struct Docs<'a>(pub &'a [Document]);

impl Source for Docs<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn id(&self, i: usize) -> &str {
        &self.0[i].id
    }
    fn index_hash(&self, i: usize) -> u64 {
        doc_hash(&self.0[i])
    }
    fn document(&self, i: usize) -> anyhow::Result<Cow<'_, Document>> {
        Ok(Cow::Borrowed(&self.0[i]))
    }
}
