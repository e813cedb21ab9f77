//! Finds the mentions of registry names in document text, in every language, once when the
//! corpus loads. Matching ignores case, hyphens and Latin diacritics (`KIM IL SUNG`,
//! `Kim Il-sung`, `Hŭngnam`), prefers the longest name at a place (`Moscow Declaration` over
//! `Moscow`), and takes Latin and Cyrillic names only as whole words, so that no common word
//! or part of a word is linked. Descriptive mentions recorded in the registry win over names.

use super::registry::{Registry, Target};
use crate::model::{BlockNo, DocIx, Document, Lang};
use crate::text::fold::{fold, fold_with_offsets};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::ops::Range;

/// One mention of a registry target in a block of a document of the open corpus: a [`Found`]
/// that [`Links`](super::Links) placed at its document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub target: Target,
    pub doc: DocIx,
    pub block: BlockNo,
    pub lang: Lang,
    /// Byte range in the block's text for `lang`.
    pub range: Range<usize>,
    /// For a descriptive mention, its index in the instrument's `descriptions`.
    pub description: Option<usize>,
}

/// A mention as its document's text holds it, before the document has a place in a corpus:
/// what [`find_in_document`] returns and what the corpus cache keeps with each document (a
/// document's place changes when others are added; what its text mentions does not).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Found {
    pub target: Target,
    pub block: BlockNo,
    pub lang: Lang,
    /// Byte range in the block's text for `lang`.
    pub range: Range<usize>,
    /// For a descriptive mention, its index in the instrument's `descriptions`.
    pub description: Option<usize>,
}

impl Found {
    /// This mention, in the document at `doc`.
    pub fn at(self, doc: DocIx) -> Mention {
        let Found {
            target,
            block,
            lang,
            range,
            description,
        } = self;
        Mention {
            target,
            doc,
            block,
            lang,
            range,
            description,
        }
    }
}

/// The words of a mention as they stand in its document's text (`documents` is the corpus
/// the mention was found in); `None` when the text no longer holds them.
pub fn words<'a>(documents: &'a [Document], m: &Mention) -> Option<&'a str> {
    words_at(documents.get(m.doc.0)?, m.block, m.lang, m.range.clone())
}

/// The text of `doc` at block `block`, language `lang`, byte range `range`: the words of a
/// mention wherever one is kept (here, the reader's rows).
pub fn words_at(doc: &Document, block: BlockNo, lang: Lang, range: Range<usize>) -> Option<&str> {
    doc.block(block)?.text.get(lang)?.get(range)
}

/// A compiled matcher over every name of every target.
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    targets: Vec<Target>,
}

impl Matcher {
    pub fn new(registry: &Registry) -> Self {
        let mut patterns = Vec::new();
        let mut targets = Vec::new();
        let all = (0..registry.instruments.len())
            .map(Target::Instrument)
            .chain((0..registry.entities.len()).map(Target::Entity));
        for target in all {
            for name in registry.names_of(target).values().flatten() {
                let folded = fold(name);
                if folded.chars().count() >= 2 {
                    patterns.push(folded);
                    targets.push(target);
                }
            }
        }
        // A DFA first: every document's every block is scanned on a first open, and a DFA
        // scans faster than the NFA the builder picks for more than a hundred names. A registry
        // too large for the DFA's size limit falls back to the builder's own choice.
        let build = |kind| {
            AhoCorasick::builder()
                .kind(kind)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
        };
        let automaton = build(Some(AhoCorasickKind::DFA))
            .or_else(|_| build(None))
            .ok();
        Self { automaton, targets }
    }

    /// Mentions of names in one text.
    pub fn find(&self, text: &str) -> Vec<(Target, Range<usize>)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let folded = fold_with_offsets(text);
        let mut out = Vec::new();
        for m in automaton.find_iter(&folded.text) {
            if !whole_word(&folded.text, m.start(), m.end()) {
                continue;
            }
            let range = folded.origin[m.start()]..folded.origin[m.end()];
            out.push((self.targets[m.pattern().as_usize()], range));
        }
        out
    }
}

/// Names in alphabetic scripts must not start or end inside a word; Chinese has no spaces
/// between words, so a Han name stands anywhere.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let is_word = |c: char| c.is_alphanumeric() && !is_han(c) && !is_hangul(c);
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let left_ok = !first.is_some_and(is_word) || !before.is_some_and(is_word);
    let right_ok = !last.is_some_and(is_word) || !after.is_some_and(is_word);
    left_ok && right_ok
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}')
}

/// Every mention in a document: names found by the matcher, and the descriptive mentions the
/// registry records for it, which replace any name mention they overlap.
pub fn find_in_document(doc: &Document, registry: &Registry, matcher: &Matcher) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        for (lang, text) in &block.text.0 {
            for (target, range) in matcher.find(text) {
                found.push(Found {
                    target,
                    block: BlockNo::from_index(i),
                    lang: *lang,
                    range,
                    description: None,
                });
            }
        }
    }
    for (index, instrument) in registry.instruments.iter().enumerate() {
        for (d, desc) in instrument
            .descriptions
            .iter()
            .enumerate()
            .filter(|(_, d)| d.at.doc == doc.id)
        {
            let Some(block) = doc.block(desc.at.block) else {
                continue;
            };
            for (lang, text) in &block.text.0 {
                if let Some(start) = text.find(&desc.text) {
                    let range = start..start + desc.text.len();
                    let at = desc.at.block;
                    found.retain(|m| {
                        !(m.block == at && m.lang == *lang && overlaps(&m.range, &range))
                    });
                    found.push(Found {
                        target: Target::Instrument(index),
                        block: at,
                        lang: *lang,
                        range,
                        description: Some(d),
                    });
                }
            }
        }
    }
    found.sort_by_key(|m| (m.block, m.lang, m.range.start));
    found
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_matched_whole_in_latin_and_anywhere_in_han() {
        let t = "Moscowitz met 金日成同志";
        assert!(!whole_word(t, 0, "Moscow".len()));
        let han = t.find("金日成").expect("han");
        assert!(whole_word(t, han, han + "金日成".len()));
    }
}
