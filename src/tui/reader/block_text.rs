//! The text of one block in one language as the screen shows it: sanitized, footnote
//! references turned into markers (`¹`, `[a]`), with a map back to the stored text so that
//! styles and highlights given as byte ranges of the stored text land on the right cells.

use crate::model::inline::{Segment, segments};
use crate::text::sanitize::sanitize;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PieceKind {
    Text,
    /// `[sic]`, `[signature]`: words an editor put in.
    Editorial,
    /// A footnote marker; its id is in [`BlockText::footnote_ids`] at `index`.
    FootnoteRef {
        index: u16,
    },
}

/// A run of display text that comes from one run of the stored text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset in the display text.
    pub at: u32,
    pub len: u32,
    /// Byte offset and length in the stored text.
    pub src: u32,
    pub src_len: u32,
    pub kind: PieceKind,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockText {
    pub display: String,
    pub pieces: Vec<Piece>,
    /// Ids of the footnotes referenced, in order of appearance.
    pub footnote_ids: Vec<String>,
}

impl BlockText {
    pub fn build(stored: &str) -> BlockText {
        let mut out = BlockText::default();
        for seg in segments(stored) {
            let (piece_src, shown, kind): (&str, String, PieceKind) = match seg {
                Segment::Text(t) => (t, sanitize(t).into_owned(), PieceKind::Text),
                Segment::Editorial(t) => (t, sanitize(t).into_owned(), PieceKind::Editorial),
                Segment::FootnoteRef(id) => {
                    let index = u16::try_from(out.footnote_ids.len()).unwrap_or(u16::MAX);
                    out.footnote_ids.push(id.to_string());
                    (id, marker(id), PieceKind::FootnoteRef { index })
                }
            };
            // Segments borrow from `stored`, so their offset is their address difference.
            let mut src = piece_src.as_ptr() as usize - stored.as_ptr() as usize;
            let mut src_len = piece_src.len();
            if matches!(kind, PieceKind::FootnoteRef { .. }) {
                // Include the `[^` and `]` around the id.
                src = src.saturating_sub(2);
                src_len += 3;
            }
            out.pieces.push(Piece {
                at: to_u32(out.display.len()),
                len: to_u32(shown.len()),
                src: to_u32(src),
                src_len: to_u32(src_len),
                kind,
            });
            out.display.push_str(&shown);
        }
        out
    }

    /// The display offset of a byte offset of the stored text (`stored` is that text). Inside a
    /// footnote marker it is the marker's start; offsets are moved to char boundaries.
    pub fn display_offset(&self, stored: &str, src_offset: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|p| (p.src as usize + p.src_len as usize) <= src_offset);
        let Some(p) = self.pieces.get(i) else {
            return self.display.len();
        };
        let (src, at) = (p.src as usize, p.at as usize);
        if src_offset <= src {
            return at;
        }
        match p.kind {
            PieceKind::FootnoteRef { .. } => at,
            _ if p.len == p.src_len => floor_boundary(&self.display, at + (src_offset - src)),
            _ => {
                // Sanitizing replaced characters one for one but with other byte lengths:
                // count characters instead of bytes.
                let stored_piece = stored.get(src..src + p.src_len as usize).unwrap_or("");
                let chars = stored_piece
                    .char_indices()
                    .take_while(|(b, _)| src + b < src_offset)
                    .count();
                let shown = &self.display[at..at + p.len as usize];
                at + shown
                    .char_indices()
                    .nth(chars)
                    .map_or(shown.len(), |(b, _)| b)
            }
        }
    }

    /// The pieces overlapping `range` of the display text, clipped to it.
    pub fn pieces_in(
        &self,
        range: Range<usize>,
    ) -> impl Iterator<Item = (Range<usize>, PieceKind)> + '_ {
        let first = self
            .pieces
            .partition_point(|p| (p.at as usize + p.len as usize) <= range.start);
        self.pieces[first..]
            .iter()
            .take_while(move |p| (p.at as usize) < range.end)
            .map(move |p| {
                let start = (p.at as usize).max(range.start);
                let end = (p.at as usize + p.len as usize).min(range.end);
                (start..end, p.kind)
            })
            .filter(|(r, _)| !r.is_empty())
    }
}

/// `1` → `¹`, `12` → `¹²`; other ids in brackets.
pub fn marker(id: &str) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    if !id.is_empty() && id.len() <= 3 && id.bytes().all(|b| b.is_ascii_digit()) {
        id.bytes().map(|b| SUP[(b - b'0') as usize]).collect()
    } else {
        format!("[{}]", sanitize(id))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The stored byte offset under display offset `at` of a laid-out block text.
pub fn stored_offset(text: &BlockText, at: usize) -> usize {
    let i = text
        .pieces
        .partition_point(|p| (p.at as usize + p.len as usize) <= at);
    let Some(p) = text.pieces.get(i) else {
        return text
            .pieces
            .last()
            .map_or(0, |p| (p.src + p.src_len) as usize);
    };
    let inside = at.saturating_sub(p.at as usize);
    if p.len == p.src_len {
        p.src as usize + inside
    } else {
        p.src as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_references_become_superscript_markers() {
        let t = BlockText::build("ASSISTANCE[^1] BETWEEN");
        assert_eq!(t.display, "ASSISTANCE¹ BETWEEN");
        assert_eq!(t.footnote_ids, ["1"]);
        assert_eq!(marker("a"), "[a]");
    }

    #[test]
    fn stored_offsets_map_to_display_offsets_across_markers_and_controls() {
        let stored = "ab[^1]朝鲜\x1b[sic]x";
        let t = BlockText::build(stored);
        assert_eq!(t.display, "ab¹朝鲜␛[sic]x");
        let at = |s: &str| stored.find(s).map(|o| t.display_offset(stored, o));
        assert_eq!(at("朝"), t.display.find("朝"));
        assert_eq!(at("\x1b"), t.display.find("␛"));
        assert_eq!(at("[sic]"), t.display.find("[sic]"));
        assert_eq!(at("x"), t.display.find('x'));
        assert_eq!(t.display_offset(stored, stored.len()), t.display.len());
    }

    #[test]
    fn pieces_are_clipped_to_a_line() {
        let t = BlockText::build("one [sic] two");
        let got: Vec<_> = t.pieces_in(2..7).collect();
        assert_eq!(
            got,
            vec![(2..4, PieceKind::Text), (4..7, PieceKind::Editorial)]
        );
    }
}
