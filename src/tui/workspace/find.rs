//! Find in the open document (`ctrl-f`): every occurrence of the typed text in every language
//! the reader shows, case folded, counted and stepped through with `n`/`N`.
//!
//! Built to stay fast on a 10 MB document without touching the draw path:
//! - the folded text of each block is made once per document and set of languages (on the
//!   first find), never per key or per frame;
//! - folding keeps every byte offset ([`fold`]), so a match in the folded text is a byte range
//!   of the stored text, as reader highlights want;
//! - typing more letters only filters the matches already found ([`Finder::search`]): a match
//!   of `abc` starts where a match of `ab` started, so no full scan runs while a word grows.
//!   Matches may overlap, so the filtered list is the full scan's, exactly.

use crate::model::ids::{BlockNo, DocIx};
use crate::model::{Document, Lang};
use std::ops::Range;

/// One occurrence: block, language, byte range of the stored text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub block: BlockNo,
    pub lang: Lang,
    pub range: Range<usize>,
}

/// Lower case where that keeps the character's byte length (every letter of Latin, Cyrillic
/// and Greek scripts; Chinese has no case), so offsets in the folded text are offsets in the
/// original. ASCII texts and the caseless CJK ranges skip the case tables: folding a 10 MB
/// document is the one cost of a find that is not per key (BENCHMARKS.md, "The workspace").
pub fn fold(text: &str) -> String {
    let mut out = text.to_ascii_lowercase();
    if text.is_ascii() {
        return out;
    }
    // The other cased letters, rewritten in place (their lower case has the same length).
    let changes: Vec<(usize, char)> = (text.char_indices())
        .filter(|(_, c)| !c.is_ascii() && !is_caseless_cjk(*c))
        .filter_map(|(i, c)| Some((i, fold_char(c))).filter(|(_, l)| *l != c))
        .collect();
    if changes.is_empty() {
        return out;
    }
    let mut bytes = std::mem::take(&mut out).into_bytes();
    for (i, l) in changes {
        l.encode_utf8(&mut bytes[i..i + l.len_utf8()]);
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.chars().map(fold_char).collect())
}

fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if is_caseless_cjk(c) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// CJK radicals to Yi, and Hangul syllables: no character there has a case (a test checks).
fn is_caseless_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7AF}')
}

/// The folded texts of one document in some languages.
#[derive(Debug)]
struct Folded {
    doc: DocIx,
    langs: Vec<Lang>,
    texts: Vec<(BlockNo, Lang, String)>,
}

/// The find state: the query, its matches in document order, the current one.
#[derive(Debug, Default)]
pub struct Finder {
    pub query: String,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
    folded: Option<Folded>,
    /// For each match, the index of its folded text.
    slots: Vec<usize>,
    /// The folded query the matches are for.
    searched: String,
    /// Bytes compared or scanned by the last search: lets tests see the incremental path.
    pub last_work: usize,
}

impl Finder {
    /// Whether a find is in force (matches are shown, `n`/`N` step through them).
    pub fn active(&self) -> bool {
        !self.query.is_empty()
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.slots.clear();
        self.searched.clear();
        self.matches.clear();
        self.current = None;
    }

    /// Finds `self.query` in `doc` (corpus index `ix`) in `langs`; the current match becomes
    /// the first at or after block `from`.
    pub fn search(&mut self, ix: DocIx, doc: &Document, langs: &[Lang], from: BlockNo) {
        if self
            .folded
            .as_ref()
            .is_none_or(|f| f.doc != ix || f.langs != langs)
        {
            self.folded = Some(fold_document(ix, doc, langs));
            self.searched.clear();
            self.matches.clear();
            self.slots.clear();
        }
        let Some(folded) = self.folded.as_ref() else {
            return;
        };
        let query = fold(&self.query);
        self.last_work = 0;
        if query.is_empty() {
            self.matches.clear();
            self.slots.clear();
        } else if !self.searched.is_empty() && query.starts_with(&self.searched) {
            // The text grew: only the old matches can still match.
            let (mut matches, mut slots) = (Vec::new(), Vec::new());
            for (m, &slot) in self.matches.iter().zip(&self.slots) {
                let text = &folded.texts[slot].2;
                if text[m.range.start..].starts_with(&query) {
                    let start = m.range.start;
                    matches.push(Match {
                        range: start..start + query.len(),
                        ..m.clone()
                    });
                    slots.push(slot);
                }
            }
            self.last_work = self.matches.len() * query.len();
            (self.matches, self.slots) = (matches, slots);
        } else {
            (self.matches, self.slots) = scan(&folded.texts, &query);
            self.last_work = folded.texts.iter().map(|(_, _, t)| t.len()).sum();
        }
        self.searched = query;
        self.current = if self.matches.is_empty() {
            None
        } else {
            Some(self.matches.partition_point(|m| m.block < from) % self.matches.len())
        };
    }

    /// Steps to the next (or previous) match, around the ends; returns it.
    pub fn step(&mut self, forward: bool) -> Option<&Match> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let i = self.current.unwrap_or(0);
        let i = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        self.current = Some(i);
        self.matches.get(i)
    }

    /// "3 of 17", or "no match".
    pub fn count(&self) -> String {
        match self.current {
            Some(i) => format!("{} of {}", i + 1, self.matches.len()),
            None => "no match".into(),
        }
    }
}

/// The folded texts, blocks folded in parallel (the first key of a find waits for this).
fn fold_document(ix: DocIx, doc: &Document, langs: &[Lang]) -> Folded {
    use rayon::prelude::*;
    let texts = (doc.blocks.par_iter().enumerate())
        .flat_map_iter(|(i, b)| {
            (langs.iter()).filter_map(move |&lang| {
                b.text
                    .get(lang)
                    .map(|t| (BlockNo::from_index(i), lang, fold(t)))
            })
        })
        .collect();
    Folded {
        doc: ix,
        langs: langs.to_vec(),
        texts,
    }
}

/// Every occurrence of `query`, overlapping ones included. One searcher is built for the
/// query and reused over every text (building one per text and per match cost more than the
/// scan itself on a 10 MB document: BENCHMARKS.md, "The workspace").
fn scan(texts: &[(BlockNo, Lang, String)], query: &str) -> (Vec<Match>, Vec<usize>) {
    let (mut out, mut slots) = (Vec::new(), Vec::new());
    let finder = memchr::memmem::Finder::new(query.as_bytes());
    for (slot, (block, lang, text)) in texts.iter().enumerate() {
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(at) = finder.find(&bytes[from..]) {
            let start = from + at;
            out.push(Match {
                block: *block,
                lang: *lang,
                range: start..start + query.len(),
            });
            slots.push(slot);
            // On by one character, so overlapping occurrences count too (a match of a
            // whole UTF-8 query starts on a character boundary).
            from = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    (out, slots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_byte_offsets() {
        for s in ["ÀÉÎ Москва", "İstanbul ẞ", "中华人民共和国 KIM"] {
            assert_eq!(fold(s).len(), s.len(), "{s}");
        }
        assert_eq!(fold("Москва KIM"), "москва kim");
        assert_eq!(fold("ÀB 朝鲜 Ｋ"), "àb 朝鲜 ｋ");
    }

    #[test]
    fn the_caseless_ranges_have_no_case() {
        for c in ('\u{2E80}'..='\u{A4CF}').chain('\u{AC00}'..='\u{D7AF}') {
            assert!(is_caseless_cjk(c));
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
        }
    }
}
