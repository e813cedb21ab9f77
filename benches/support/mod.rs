//! What more than one bench needs: a large generated document, and (`app`) the in-process
//! reader benches' keys, frames and memory figures.
// Each bench uses some of these, so the rest is unused in its crate.
#![allow(dead_code)]

pub mod app;

use lectern::model::Document;

/// A bilingual document of at least `bytes` of text: the seed's blocks repeated in a
/// shuffled order (a fixed-seed generator, so every run measures the same document).
pub fn generate(seed: &Document, bytes: usize) -> Document {
    let mut doc = seed.clone();
    doc.id = "generated-10mb-bilingual".into();
    doc.footnotes.clear();
    let mut blocks = Vec::new();
    let mut total = 0;
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    while total < bytes {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let block = seed.blocks[(state % seed.blocks.len() as u64) as usize].clone();
        total += block.text.0.values().map(String::len).sum::<usize>();
        blocks.push(block);
    }
    doc.blocks = blocks;
    doc
}
