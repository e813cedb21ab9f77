//! One document of the catalog: borrowed when in memory, else read from the cache, or from
//! its own file when that changed since the cache was written.

use super::{Catalog, Store, read_document};
use crate::model::Document;

impl Catalog {
    /// The index hash of the document at position `i`, without decoding its head from a
    /// snapshot.
    pub fn index_hash(&self, i: usize) -> Option<u64> {
        match (&self.store, self.heads.get()) {
            (Store::Snapshot { snapshot, .. }, None) => snapshot.index_hash(i),
            _ => self.heads().get(i).map(|h| h.index_hash),
        }
    }

    /// Document `i` as its file says now when the file was modified since the cache was
    /// written (a change the directory's mtime does not show: an edit written in place), else
    /// as the cache holds it. What `show` prints: one stat, not one per document.
    pub fn document_checked(&self, i: usize) -> anyhow::Result<Document> {
        let path = match &self.store {
            Store::Memory(_) => None,
            Store::Cache { files, .. } => files.get(i).cloned(),
            Store::Snapshot {
                snapshot, docs_dir, ..
            } => snapshot.record(i).ok().map(|r| docs_dir.join(r.name)),
        };
        if let (Some(written), Some(path)) = (self.written_ns, path)
            && let Ok(meta) = std::fs::metadata(&path)
            && crate::corpus::freshness::mtime_ns(&meta)
                .saturating_add(crate::corpus::cache_file::RACY_NS)
                >= written
        {
            let doc = read_document(&path)?;
            if Some(doc.id.as_str()) == self.id(i) {
                return Ok(doc);
            }
        }
        self.document(i)
    }

    /// Document `i`, borrowed when the catalog holds it in memory, else read from the cache.
    pub fn document_cow(&self, i: usize) -> anyhow::Result<std::borrow::Cow<'_, Document>> {
        match &self.store {
            Store::Memory(corpus) => corpus
                .documents
                .get(i)
                .map(std::borrow::Cow::Borrowed)
                .ok_or_else(|| anyhow::anyhow!("no document at {i}")),
            _ => self.document(i).map(std::borrow::Cow::Owned),
        }
    }
}
