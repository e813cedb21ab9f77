//! Parallel text below the block: sentences, their alignment, and what the alignment lets a
//! reader ask of a translation.
//!
//! - [`split`]: sentences per language; [`anchors`]: numbers, dates and names in each;
//! - [`gale_church`]: the length-and-anchor aligner;
//! - [`checks`]: translation questions per block; [`concordance`]: how a term was rendered
//!   across the archive; [`compare`]: two documents side by side.
//!
//! Blocks are already aligned by the importer; this module aligns the sentences inside each
//! block that has text in both languages of the document's pair. [`Aligner::document`] does a
//! whole document at once (computed when a document is opened or indexed, never while drawing);
//! its result is plain data ([`DocAlignment`]) that serialises and can be cached by document.

pub mod anchors;
pub mod checks;
pub mod compare;
pub mod concordance;
pub mod gale_church;
pub mod split;

use crate::model::{BlockNo, Document, Lang, Origin};
use crate::refs::Registry;
use crate::refs::mentions::Matcher as NameMatcher;
use anchors::Anchor;
use gale_church::{LengthModel, Unit};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One sentence of a block text in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Byte offsets into the block text as stored (footnote markers included).
    pub bytes: Range<usize>,
    /// The same span in characters, for readers that count characters.
    pub chars: Range<usize>,
}

/// Why a pair was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The block holds one sentence on each side: the block alignment is the pairing.
    Block,
    /// Lengths, with numbers, dates or names that both sides share.
    Anchors,
    /// Lengths alone: no anchor confirms it.
    Length,
}

/// Sentences of the left language (by index) paired with sentences of the right language.
/// One side may be empty: a sentence the other side has no counterpart for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentencePair {
    pub left: Range<usize>,
    pub right: Range<usize>,
    /// Probability of this pairing under the alignment model, 0..1.
    pub confidence: f32,
    pub basis: Basis,
}

impl SentencePair {
    pub fn by_length_only(&self) -> bool {
        self.basis == Basis::Length
    }
}

/// The sentences of one block in both languages, and how they pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlockAlignment {
    pub block: BlockNo,
    pub left: Vec<Sentence>,
    pub right: Vec<Sentence>,
    pub pairs: Vec<SentencePair>,
}

impl BlockAlignment {
    /// The pair that holds sentence `index` of the side `left` (true) or right.
    pub fn pair_of(&self, left: bool, index: usize) -> Option<&SentencePair> {
        self.pairs.iter().find(|p| {
            let side = if left { &p.left } else { &p.right };
            side.contains(&index)
        })
    }

    /// Byte span of a run of sentences on one side (empty for an empty run).
    pub fn span(&self, left: bool, run: &Range<usize>) -> Range<usize> {
        let side = if left { &self.left } else { &self.right };
        match (
            side.get(run.start),
            run.end.checked_sub(1).and_then(|e| side.get(e)),
        ) {
            (Some(a), Some(b)) if !run.is_empty() => a.bytes.start..b.bytes.end,
            _ => 0..0,
        }
    }
}

/// The sentence alignment of a whole document: every block with text in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocAlignment {
    pub doc: String,
    /// The original (or source) language, shown on the left.
    pub left: Lang,
    pub right: Lang,
    pub blocks: Vec<BlockAlignment>,
}

impl DocAlignment {
    pub fn block(&self, number: BlockNo) -> Option<&BlockAlignment> {
        self.blocks.iter().find(|b| b.block == number)
    }
}

/// Why a document has no sentence alignment.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotParallel {
    #[error("{doc} has text in one language only ({}): there is no parallel text", lang.map_or("none".to_string(), |l| l.name().to_string()))]
    OneLanguage { doc: String, lang: Option<Lang> },
    #[error("{doc} has no block with text in both {} and {}", .left.name(), .right.name())]
    NoSharedBlock {
        doc: String,
        left: Lang,
        right: Lang,
    },
}

/// The two languages a document pairs: the original first (the language a translation is
/// `from`, or one marked original or OCR), then the other language with most blocks.
pub fn language_pair(doc: &Document) -> Result<(Lang, Lang), NotParallel> {
    let langs = doc.languages();
    let (Some(&first), true) = (langs.first(), langs.len() >= 2) else {
        return Err(NotParallel::OneLanguage {
            doc: doc.id.clone(),
            lang: langs.first().copied(),
        });
    };
    let original = doc
        .texts
        .iter()
        .find_map(|t| t.from.filter(|l| langs.contains(l)))
        .or_else(|| {
            doc.texts
                .iter()
                .find(|t| {
                    matches!(t.origin, Origin::Original | Origin::Ocr) && langs.contains(&t.lang)
                })
                .map(|t| t.lang)
        })
        .unwrap_or(first);
    let other = langs
        .iter()
        .copied()
        .find(|l| *l != original)
        .unwrap_or(first);
    Ok((original, other))
}

/// Aligns sentences, with the registry's names as anchors when it has one.
pub struct Aligner {
    names: Option<NameMatcher>,
}

impl Aligner {
    pub fn new(registry: &Registry) -> Self {
        Self {
            names: Some(NameMatcher::new(registry)),
        }
    }

    /// Numbers and dates as anchors, no names.
    pub fn without_names() -> Self {
        Self { names: None }
    }

    /// Every anchor of a text: numbers, date parts and registry names.
    pub fn anchors(&self, lang: Lang, text: &str) -> Vec<Anchor> {
        let mut out = anchors::numbers(lang, text);
        if let Some(names) = &self.names {
            out.extend(anchors::names(names, text));
        }
        out.sort_by_key(|a| a.bytes.start);
        out
    }

    /// Registry names in a text, as the targets they name (none without a registry).
    pub fn names(&self, text: &str) -> Vec<(crate::refs::Target, Range<usize>)> {
        self.names.as_ref().map_or_else(Vec::new, |m| m.find(text))
    }

    /// The sentence alignment of every block of `doc` that has both languages of its pair.
    pub fn document(&self, doc: &Document) -> Result<DocAlignment, NotParallel> {
        let (left, right) = language_pair(doc)?;
        let model = length_model(doc, left, right);
        let blocks: Vec<BlockAlignment> = doc
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| {
                let (l, r) = (b.text.get(left)?, b.text.get(right)?);
                Some(self.block(BlockNo::from_index(i), (left, l), (right, r), model))
            })
            .collect();
        if blocks.is_empty() {
            return Err(NotParallel::NoSharedBlock {
                doc: doc.id.clone(),
                left,
                right,
            });
        }
        Ok(DocAlignment {
            doc: doc.id.clone(),
            left,
            right,
            blocks,
        })
    }

    /// The sentence alignment of one block, given the texts of both sides.
    pub fn block(
        &self,
        number: BlockNo,
        (left_lang, left): (Lang, &str),
        (right_lang, right): (Lang, &str),
        model: LengthModel,
    ) -> BlockAlignment {
        let (ls, lu) = self.units(left_lang, left);
        let (rs, ru) = self.units(right_lang, right);
        let single = ls.len() == 1 && rs.len() == 1;
        let pairs = gale_church::align(&lu, &ru, model)
            .into_iter()
            .map(|bead| SentencePair {
                basis: if single {
                    Basis::Block
                } else if bead.shared > 0 {
                    Basis::Anchors
                } else {
                    Basis::Length
                },
                confidence: if single { 1.0 } else { bead.confidence as f32 },
                left: bead.left,
                right: bead.right,
            })
            .collect();
        BlockAlignment {
            block: number,
            left: ls,
            right: rs,
            pairs,
        }
    }

    fn units(&self, lang: Lang, text: &str) -> (Vec<Sentence>, Vec<Unit>) {
        let anchors = self.anchors(lang, text);
        let mut sentences = Vec::new();
        let mut units = Vec::new();
        let mut chars_before = 0;
        let mut counted_to = 0;
        for bytes in split::sentences(lang, text) {
            chars_before += text[counted_to..bytes.start].chars().count();
            let chars = text[bytes.clone()].chars().count();
            let len = text[bytes.clone()]
                .chars()
                .filter(|c| !c.is_whitespace())
                .count();
            units.push(Unit {
                len: len.max(1) as f64,
                anchors: anchors
                    .iter()
                    .filter(|a| bytes.contains(&a.bytes.start))
                    .map(|a| a.key.agreement())
                    .collect(),
            });
            sentences.push(Sentence {
                chars: chars_before..chars_before + chars,
                bytes: bytes.clone(),
            });
            chars_before += chars;
            counted_to = bytes.end;
        }
        (sentences, units)
    }
}

/// Characters of English per character of Chinese, and the variance of that ratio per
/// character, measured on the seed People's Daily article (blocks 2–10, white space not
/// counted; `tests/parallel_alignment.rs` measures them again and checks these values).
pub const ZH_EN: LengthModel = LengthModel {
    ratio: 3.56,
    variance: 9.4,
};

/// Gale & Church's values for languages of one script family (English, French, German).
const SAME_FAMILY: LengthModel = LengthModel {
    ratio: 1.0,
    variance: 6.8,
};

/// How many characters of a document's own text outweigh the prior ratio by half.
const PRIOR_WEIGHT: f64 = 400.0;

/// The length model for a document: the prior for its pair of languages, moved towards the
/// ratio of the document's own aligned blocks as it gets longer.
pub fn length_model(doc: &Document, left: Lang, right: Lang) -> LengthModel {
    let prior = prior_model(left, right);
    let count = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count() as f64;
    let (mut l, mut r) = (0.0, 0.0);
    for b in &doc.blocks {
        if let (Some(a), Some(c)) = (b.text.get(left), b.text.get(right)) {
            l += count(a);
            r += count(c);
        }
    }
    let ratio = (prior.ratio * PRIOR_WEIGHT + r) / (PRIOR_WEIGHT + l);
    LengthModel {
        ratio,
        variance: prior.variance * ratio / prior.ratio,
    }
}

fn prior_model(left: Lang, right: Lang) -> LengthModel {
    let dense = |l: Lang| matches!(l, Lang::Zh);
    match (dense(left), dense(right)) {
        (true, false) => ZH_EN,
        // From English to Chinese: c' = 1/c, and s²' = s²/c³ keeps δ the same.
        (false, true) => LengthModel {
            ratio: 1.0 / ZH_EN.ratio,
            variance: ZH_EN.variance / ZH_EN.ratio.powi(3),
        },
        _ => SAME_FAMILY,
    }
}
