//! Hashes of documents and the digest of a corpus that names an index.

#[allow(unused_imports)]
use super::*;

pub use crate::fingerprint::doc_hash;

/// The digest of a source: schema version and every (id, fingerprint) pair, in any order (a
/// sum of each pair's hash), as 128-bit hex.
pub fn digest(source: &dyn Source, hashes: &[u64]) -> String {
    let sums = crate::fingerprint::pair_sums(
        hashes
            .iter()
            .enumerate()
            .map(|(i, hash)| (source.id(i), *hash)),
    );
    digest_of_sums(hashes.len(), sums)
}

/// [`digest`] from the count of pairs and their [`crate::fingerprint::pair_sums`].
pub fn digest_of_sums(len: usize, (a, b): (u64, u64)) -> String {
    let mut h = Fnv128::default();
    h.write(SCHEMA_VERSION.as_bytes());
    h.write(&(len as u64).to_le_bytes());
    h.write(&a.to_le_bytes());
    h.write(&b.to_le_bytes());
    h.hex()
}
