//! Fingerprints: a stable hash of what the search index holds of a document. The corpus cache
//! stores each document's fingerprint (so opening hashes no text) and the index compares them
//! (so only what changed is indexed again); both find it here, on the ground floor.

use crate::model::{Document, Lang, TITLE_LANGS};

/// What the index holds of one document: its id, kind, date, title and every block's text.
/// 64-bit FNV-1a; stored by the corpus cache so that opening hashes no text.
pub fn doc_hash(doc: &Document) -> u64 {
    let mut h = Fnv128::default();
    h.write(doc.id.as_bytes());
    h.write(doc.kind.code().as_bytes());
    h.write(format!("{:?}", doc.date()).as_bytes());
    h.write(doc.display_title(&TITLE_LANGS).as_bytes());
    for (block, text) in doc.units() {
        h.write(&(block.0 as u64).to_le_bytes());
        for (lang, t) in &text.0 {
            h.write(Lang::code(*lang).as_bytes());
            h.write(t.as_bytes());
        }
    }
    h.a
}

/// Two independent 64-bit FNV-1a lanes: stable across Rust versions and platforms, unlike
/// `DefaultHasher`, and a collision would need both lanes to collide.
pub struct Fnv128 {
    pub a: u64,
    pub b: u64,
}

impl Default for Fnv128 {
    fn default() -> Self {
        Self {
            a: 0xcbf2_9ce4_8422_2325,
            b: 0x6c62_272e_07bb_0142,
        }
    }
}

impl Fnv128 {
    pub fn write(&mut self, bytes: &[u8]) {
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        for &byte in bytes {
            self.a = (self.a ^ u64::from(byte)).wrapping_mul(PRIME);
            self.b = (self.b ^ u64::from(byte.rotate_left(3))).wrapping_mul(PRIME);
        }
        // Separator: ("ab","c") and ("a","bc") must differ.
        self.a = (self.a ^ 0xff).wrapping_mul(PRIME);
        self.b = (self.b ^ 0xfe).wrapping_mul(PRIME);
    }

    pub fn hex(&self) -> String {
        format!("{:016x}{:016x}", self.a, self.b)
    }
}

/// The order-independent sums behind an index digest: for every (id, fingerprint) pair, the
/// FNV-128 of the id's bytes then the fingerprint's, added up. Kept here so that the corpus
/// cache can store them and the search index compare them without a pass over every document.
pub fn pair_sums<'a>(pairs: impl IntoIterator<Item = (&'a str, u64)>) -> (u64, u64) {
    let (mut a, mut b) = (0u64, 0u64);
    for (id, hash) in pairs {
        let mut h = Fnv128::default();
        h.write(id.as_bytes());
        h.write(&hash.to_le_bytes());
        a = a.wrapping_add(h.a);
        b = b.wrapping_add(h.b);
    }
    (a, b)
}
