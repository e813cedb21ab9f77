//! Hashes of documents and the digest of a corpus that names an index.

#[allow(unused_imports)]
use super::*;

pub use crate::fingerprint::doc_hash;

/// The digest of a source: schema version and every (id, fingerprint) pair, in any order (a
/// sum of each pair's hash), as 128-bit hex.
pub fn digest(source: &dyn Source, hashes: &[u64]) -> String {
    let (mut a, mut b) = (0u64, 0u64);
    for (i, hash) in hashes.iter().enumerate() {
        let mut h = Fnv128::default();
        h.write(source.id(i).as_bytes());
        h.write(&hash.to_le_bytes());
        a = a.wrapping_add(h.a);
        b = b.wrapping_add(h.b);
    }
    let mut h = Fnv128::default();
    h.write(SCHEMA_VERSION.as_bytes());
    h.write(&(hashes.len() as u64).to_le_bytes());
    h.write(&a.to_le_bytes());
    h.write(&b.to_le_bytes());
    h.hex()
}
