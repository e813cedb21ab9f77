//! Where a highlight, note or bookmark sits in a document, so that it survives a re-import
//! that changes the text around it.
//!
//! An [`Anchor`] holds two things, as Web Annotation does: a position (block number, language,
//! char range) and a quote selector (the quoted text with a little context either side). The
//! position is fast and exact while the text is unchanged; the quote finds the passage again
//! after the text changed. [`Anchor::locate`] tries, in order: the stored position; the quote
//! in the same block; in the blocks nearby; anywhere in the document, with the context to
//! choose among repeats. When the quote is nowhere, the anchor is orphaned: [`Anchor::locate`]
//! returns `None`, and the caller keeps the anchor and shows it as orphaned (never drops it).
//!
//! Offsets are in chars (Unicode scalar values) of the block's text in one language, never
//! bytes: every text here may be Chinese.

use crate::model::{BlockNo, Document, Lang};
use serde::{Deserialize, Serialize};

/// Chars of context kept either side of a quote.
pub const CONTEXT: usize = 32;
/// Chars of a block's opening kept to find a whole-block anchor (a bookmark) again.
pub const OPENING: usize = 48;
/// How many blocks either side count as "nearby" when the quote has moved.
pub const NEARBY: usize = 5;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Block number from 1, as the model numbers them (see [`Document::block`]).
    pub block: BlockNo,
    pub lang: Lang,
    /// Char range `start..end` in the block's text in `lang`.
    pub start: usize,
    pub end: usize,
    /// The quoted text. For a whole-block anchor, the block's opening words.
    pub quote: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
    /// The anchor is on the whole block (a bookmark, a note on a paragraph), not on a span.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub whole_block: bool,
}

/// Where an anchor was found in the current text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Located {
    pub block: BlockNo,
    /// Char range in the block's text (the whole block for a whole-block anchor).
    pub start: usize,
    pub end: usize,
    pub how: Found,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Found {
    /// At the stored position: the text is unchanged there.
    InPlace,
    /// In the same block, elsewhere.
    SameBlock,
    /// Within [`NEARBY`] blocks.
    NearbyBlock,
    /// Further away in the document.
    Elsewhere,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AnchorError {
    #[error("{id} has no block {block} (it has {count})")]
    NoSuchBlock {
        id: String,
        block: BlockNo,
        count: usize,
    },
    #[error("block {block} of {id} has no text in {lang} (it has: {have})")]
    NoSuchLanguage {
        id: String,
        block: BlockNo,
        lang: Lang,
        have: String,
    },
    #[error("block {block} of {id} does not contain the quote \"{quote}\"")]
    QuoteNotFound {
        id: String,
        block: BlockNo,
        quote: String,
    },
    #[error("char range {start}..{end} is not inside block {block} ({len} chars)")]
    BadRange {
        block: BlockNo,
        start: usize,
        end: usize,
        len: usize,
    },
}

impl Anchor {
    /// An anchor on the first occurrence of `quote` in block `block`, in `lang` (default: the
    /// first language of the block whose text holds the quote).
    pub fn on_quote(
        doc: &Document,
        block: BlockNo,
        lang: Option<Lang>,
        quote: &str,
    ) -> Result<Anchor, AnchorError> {
        let holder = doc.block(block).and_then(|b| {
            b.text
                .0
                .iter()
                .find(|(_, t)| !quote.is_empty() && t.contains(quote))
                .map(|(l, _)| *l)
        });
        let (lang, text) = block_text(doc, block, lang.or(holder))?;
        let at = text
            .find(quote)
            .filter(|_| !quote.is_empty())
            .ok_or_else(|| AnchorError::QuoteNotFound {
                id: doc.id.clone(),
                block,
                quote: quote.to_string(),
            })?;
        let start = text[..at].chars().count();
        Anchor::on_range(doc, block, Some(lang), start, start + quote.chars().count())
    }

    /// An anchor on chars `start..end` of block `block` in `lang` (what the reader's
    /// selection gives).
    pub fn on_range(
        doc: &Document,
        block: BlockNo,
        lang: Option<Lang>,
        start: usize,
        end: usize,
    ) -> Result<Anchor, AnchorError> {
        let (lang, text) = block_text(doc, block, lang)?;
        let chars: Vec<char> = text.chars().collect();
        if start >= end || end > chars.len() {
            return Err(AnchorError::BadRange {
                block,
                start,
                end,
                len: chars.len(),
            });
        }
        Ok(Anchor {
            block,
            lang,
            start,
            end,
            quote: chars[start..end].iter().collect(),
            prefix: chars[start.saturating_sub(CONTEXT)..start].iter().collect(),
            suffix: chars[end..(end + CONTEXT).min(chars.len())]
                .iter()
                .collect(),
            whole_block: false,
        })
    }

    /// An anchor on block `block` as a whole, found again by its opening words.
    pub fn on_block(
        doc: &Document,
        block: BlockNo,
        lang: Option<Lang>,
    ) -> Result<Anchor, AnchorError> {
        let (lang, text) = block_text(doc, block, lang)?;
        let quote: String = text.chars().take(OPENING).collect();
        Ok(Anchor {
            block,
            lang,
            start: 0,
            end: quote.chars().count(),
            quote,
            prefix: String::new(),
            suffix: String::new(),
            whole_block: true,
        })
    }

    /// Where the anchored passage is in `doc` now; `None` when its text is gone (orphaned).
    /// Never panics, whatever the stored offsets say.
    pub fn locate(&self, doc: &Document) -> Option<Located> {
        let text_of = |b: BlockNo| doc.block(b).and_then(|b| b.text.get(self.lang));
        let found = |block: BlockNo, start: usize, end: usize, how: Found| {
            let (start, end) = if self.whole_block {
                (0, text_of(block).map_or(0, |t| t.chars().count()))
            } else {
                (start, end)
            };
            Some(Located {
                block,
                start,
                end,
                how,
            })
        };
        if self.quote.is_empty() {
            // Nothing to search for: the block, if it still has text in the language.
            return text_of(self.block).and_then(|_| found(self.block, 0, 0, Found::InPlace));
        }
        if let Some(text) = text_of(self.block)
            && char_slice(text, self.start, self.end) == Some(self.quote.as_str())
        {
            return found(self.block, self.start, self.end, Found::InPlace);
        }
        let quote_len = self.quote.chars().count();
        let search = |blocks: &mut dyn Iterator<Item = BlockNo>| -> Option<(BlockNo, usize)> {
            let mut best: Option<((usize, usize), (BlockNo, usize))> = None;
            for b in blocks {
                let Some(text) = text_of(b) else {
                    continue;
                };
                for (at, _) in text.match_indices(self.quote.as_str()) {
                    let start = text[..at].chars().count();
                    let score = self.context_score(text, at);
                    let distance = b
                        .distance(self.block)
                        .saturating_mul(1_000_000)
                        .saturating_add(start.abs_diff(self.start));
                    // Best context first; then nearest to where it was.
                    let key = (score, usize::MAX - distance);
                    if best.is_none_or(|(k, _)| key > k) {
                        best = Some((key, (b, start)));
                    }
                }
            }
            best.map(|(_, at)| at)
        };
        let last = BlockNo::last_of(doc.blocks.len());
        if doc.block(self.block).is_some()
            && let Some((b, start)) = search(&mut std::iter::once(self.block))
        {
            return found(b, start, start + quote_len, Found::SameBlock);
        }
        let nearby = self.block.back(NEARBY)..self.block.ahead(NEARBY).min(last).next();
        let mut near = BlockNo::each(nearby.clone()).filter(|b| *b != self.block);
        if let Some((b, start)) = search(&mut near) {
            return found(b, start, start + quote_len, Found::NearbyBlock);
        }
        let mut far = BlockNo::each(BlockNo::FIRST..last.next()).filter(|b| !nearby.contains(b));
        let (b, start) = search(&mut far)?;
        found(b, start, start + quote_len, Found::Elsewhere)
    }

    /// How many chars of the stored context agree with the text around byte `at`.
    fn context_score(&self, text: &str, at: usize) -> usize {
        let before = text[..at].chars().rev();
        let prefix_agrees = before
            .zip(self.prefix.chars().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let after = text[at + self.quote.len()..].chars();
        let suffix_agrees = after
            .zip(self.suffix.chars())
            .take_while(|(a, b)| a == b)
            .count();
        prefix_agrees + suffix_agrees
    }
}

/// The text of block `block` in `lang`, or in the first language of the document it has.
fn block_text(
    doc: &Document,
    block: BlockNo,
    lang: Option<Lang>,
) -> Result<(Lang, &str), AnchorError> {
    let b = doc.block(block).ok_or_else(|| AnchorError::NoSuchBlock {
        id: doc.id.clone(),
        block,
        count: doc.blocks.len(),
    })?;
    let lang = match lang {
        Some(l) => l,
        None => doc
            .languages()
            .into_iter()
            .find(|l| b.text.get(*l).is_some())
            .or_else(|| b.text.langs().next())
            .unwrap_or(Lang::En),
    };
    match b.text.get(lang) {
        Some(text) => Ok((lang, text)),
        None => Err(AnchorError::NoSuchLanguage {
            id: doc.id.clone(),
            block,
            lang,
            have: b
                .text
                .langs()
                .map(Lang::code)
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Chars `start..end` of `text`, if both lie inside it.
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let mut bounds = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let from = bounds.nth(start)?;
    let to = if end == start {
        from
    } else {
        bounds.nth(end - start - 1)?
    };
    Some(&text[from..to])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind, LangText};

    fn doc(paragraphs: &[&str]) -> Document {
        let mut d = crate::corpus::Corpus::bundled().documents[0].clone();
        d.blocks = paragraphs
            .iter()
            .map(|p| Block {
                kind: BlockKind::Paragraph,
                text: LangText::one(Lang::En, *p),
            })
            .collect();
        d
    }

    #[test]
    fn char_slices_count_chars_not_bytes() {
        assert_eq!(char_slice("苏朝两国", 1, 3), Some("朝两"));
        assert_eq!(char_slice("苏朝", 2, 2), Some(""));
        assert_eq!(char_slice("苏朝", 1, 3), None);
        assert_eq!(char_slice("苏朝", 2, 1), None);
    }

    #[test]
    fn an_unchanged_text_finds_the_anchor_in_place() {
        let d = doc(&["One. Two words here. Three."]);
        let a = Anchor::on_quote(&d, BlockNo(1), None, "Two words").expect("anchor");
        assert_eq!((a.start, a.end), (5, 14));
        let at = a.locate(&d).expect("found");
        assert_eq!(
            (at.block, at.start, at.end, at.how),
            (BlockNo(1), 5, 14, Found::InPlace)
        );
    }

    #[test]
    fn context_chooses_among_repeats() {
        let d = doc(&["the treaty said: peace. Later the protocol said: peace."]);
        let a = Anchor::on_range(&d, BlockNo(1), None, 49, 54).expect("anchor");
        assert_eq!(a.quote, "peace");
        let changed = doc(&["Preface. the treaty said: peace. Later the protocol said: peace."]);
        let at = a.locate(&changed).expect("found");
        assert_eq!((at.start, at.how), (58, Found::SameBlock));
    }

    #[test]
    fn a_quote_that_moved_blocks_is_found_nearby_then_anywhere() {
        let d = doc(&["a", "b", "the quoted words", "c"]);
        let a = Anchor::on_quote(&d, BlockNo(3), None, "quoted").expect("anchor");
        let moved = doc(&["a", "new", "b", "c", "the quoted words"]);
        assert_eq!(
            a.locate(&moved).map(|l| (l.block, l.how)),
            Some((BlockNo(5), Found::NearbyBlock))
        );
        let mut far: Vec<&str> = vec!["x"; 20];
        far.push("the quoted words");
        assert_eq!(
            a.locate(&doc(&far)).map(|l| (l.block, l.how)),
            Some((BlockNo(21), Found::Elsewhere))
        );
        assert_eq!(a.locate(&doc(&["a", "b", "c"])), None);
    }

    #[test]
    fn a_whole_block_anchor_covers_the_block_it_finds() {
        let d = doc(&["a", "Bookmarked paragraph, long enough."]);
        let a = Anchor::on_block(&d, BlockNo(2), None).expect("anchor");
        let moved = doc(&["new", "a", "Bookmarked paragraph, long enough."]);
        let at = a.locate(&moved).expect("found");
        assert_eq!((at.block, at.start, at.end), (BlockNo(3), 0, 34));
    }
}
