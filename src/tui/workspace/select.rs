//! A selection: a span of one block's text in one language, made with keys (`V`, then
//! `h`/`l`, `w`/`b`, `0`/`$`, `o`) or by dragging the mouse. Offsets are chars of the stored
//! text, the unit of [`crate::workspace::Anchor`]; highlights are given in bytes.

use crate::model::{BlockNo, Document, Lang};
use crate::tui::reader::block_text::{BlockText, PieceKind};
use crate::tui::reader::state::ReaderState;
use std::ops::Range;

/// Where a selection starts (`anchor`) and where it is being extended to (`head`), both
/// chars of block `block` in `lang`; both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub block: BlockNo,
    pub lang: Lang,
    pub anchor: usize,
    pub head: usize,
}

pub use crate::tui::msg::Move;

impl Selection {
    /// The chars selected, `start..end`.
    pub fn chars(&self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head) + 1
    }

    /// The text of the block in the selection's language.
    pub fn text<'a>(&self, doc: &'a Document) -> &'a str {
        doc.block(self.block)
            .and_then(|b| b.text.get(self.lang))
            .unwrap_or("")
    }

    /// The selected text as stored.
    pub fn quote<'a>(&self, doc: &'a Document) -> &'a str {
        let r = self.chars();
        crate::workspace::anchor::char_slice(self.text(doc), r.start, r.end).unwrap_or("")
    }

    /// Moves the head, staying inside the block; `langs` are the languages shown.
    pub fn apply(&mut self, m: Move, doc: &Document, langs: &[Lang]) {
        let chars: Vec<char> = self.text(doc).chars().collect();
        let last = chars.len().saturating_sub(1);
        let h = self.head.min(last);
        self.head = match m {
            Move::Left => h.saturating_sub(1),
            Move::Right => (h + 1).min(last),
            Move::WordRight => {
                let next =
                    (h + 1..chars.len()).find(|&i| is_break(chars[i]) && !is_break(chars[i - 1]));
                next.map_or(last, |i| i.saturating_sub(1).max(h + 1).min(last))
            }
            Move::WordLeft => (0..h.saturating_sub(1))
                .rev()
                .find(|&i| is_break(chars[i]))
                .map_or(0, |i| i + 1),
            Move::Start => 0,
            Move::End => last,
            Move::Swap => {
                let a = self.anchor;
                self.anchor = h;
                a
            }
            Move::OtherLanguage => {
                let have: Vec<Lang> = langs
                    .iter()
                    .copied()
                    .filter(|l| {
                        doc.block(self.block)
                            .is_some_and(|b| b.text.get(*l).is_some())
                    })
                    .collect();
                if let Some(i) = have.iter().position(|l| *l == self.lang) {
                    self.lang = have[(i + 1) % have.len()];
                    self.anchor = 0;
                }
                0
            }
        };
    }
}

/// Where a word ends: spaces, and the punctuation of Chinese and Western text.
fn is_break(c: char) -> bool {
    c.is_whitespace() || "，。；：、！？,.;:!?（）()「」“”\"".contains(c)
}

/// The block, language and char of the stored text under the cell (`x`, `y`) of the reader's
/// body; `None` off the text.
pub fn point_at(
    reader: &ReaderState,
    doc: &Document,
    x: u16,
    y: u16,
) -> Option<(BlockNo, Lang, usize)> {
    let row = reader.layout.rows.get(reader.scroll + y as usize)?;
    let g = reader.layout.geometry;
    for part in row.parts.iter().flatten() {
        let (px, pw) = g.slot(part.slot);
        if x < px || x >= px + pw {
            continue;
        }
        let (laid, line) = reader.layout.text(part)?;
        if laid.fallback {
            return None;
        }
        let at = crate::tui::reader::char_under(line, px, x).map(|i| part.range.start as usize + i);
        // Right of the line's end: its last character.
        let at = at.or_else(|| {
            let end = part.range.end as usize;
            laid.text.display[..end]
                .char_indices()
                .next_back()
                .map(|(i, _)| i)
        })?;
        let block = laid.block_no();
        let stored = doc.block(block)?.text.get(laid.lang)?;
        let byte = stored_offset(&laid.text, stored, at);
        return Some((
            block,
            laid.lang,
            stored.get(..byte).map_or(0, |s| s.chars().count()),
        ));
    }
    None
}

/// The byte of the stored text shown at display byte `at` (a footnote marker: its start).
fn stored_offset(text: &BlockText, stored: &str, at: usize) -> usize {
    let i = text
        .pieces
        .partition_point(|p| (p.at as usize + p.len as usize) <= at);
    let Some(p) = text.pieces.get(i) else {
        return stored.len();
    };
    let (src, start) = (p.src as usize, p.at as usize);
    match p.kind {
        PieceKind::FootnoteRef { .. } => src,
        _ if p.len == p.src_len => src + at.saturating_sub(start),
        _ => {
            let chars = text.display[start..at.max(start)].chars().count();
            let piece = stored.get(src..src + p.src_len as usize).unwrap_or("");
            src + piece
                .char_indices()
                .nth(chars)
                .map_or(piece.len(), |(b, _)| b)
        }
    }
}

/// Byte range of chars `chars` in `text`.
pub fn byte_range(text: &str, chars: Range<usize>) -> Range<usize> {
    let mut it = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let start = it.nth(chars.start).unwrap_or(text.len());
    let end = if chars.end > chars.start {
        it.nth(chars.end - chars.start - 1).unwrap_or(text.len())
    } else {
        start
    };
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_range_of_chars_in_chinese() {
        let t = "中华a人民";
        assert_eq!(&t[byte_range(t, 1..3)], "华a");
        assert_eq!(&t[byte_range(t, 0..5)], t);
        assert_eq!(byte_range(t, 9..12), t.len()..t.len());
    }
}
