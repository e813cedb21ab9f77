//! Finding where a query matches inside a text: the byte ranges the reader and the snippets
//! highlight. Matching re-runs the index's own analysis on the text and looks for each pattern
//! (a token sequence at given relative positions), so a highlight covers the whole phrase or
//! Chinese string, never single bigrams, and agrees with what the index matched.

use super::analysis::{TextField, is_cjk, tokens_where};
use crate::model::inline::{Segment, segments};
use crate::model::{BlockNo, Document, Lang};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A token sequence to find: (position relative to the first token, token text).
pub type Pattern = Vec<(usize, String)>;

/// Every pattern of a query, per text field; title patterns apply to block 0 only.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    pub(crate) body: HashMap<TextField, Vec<Pattern>>,
    pub(crate) title: HashMap<TextField, Vec<Pattern>>,
    /// When the query names languages (`lang:`), only those are highlighted.
    pub(crate) langs: Vec<Lang>,
}

/// The hits inside one block (0 = the title) in one language, as byte ranges of the block text
/// as stored in the document (footnote markers included), sorted, not overlapping.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BlockHits {
    /// From 1; 0 is the title.
    pub block: BlockNo,
    pub lang: Lang,
    pub ranges: Vec<Range<usize>>,
}

impl Matcher {
    pub fn is_empty(&self) -> bool {
        self.body.values().all(Vec::is_empty) && self.title.values().all(Vec::is_empty)
    }

    /// Match ranges in `text` (already plain, without footnote markers) of block `block`.
    pub fn ranges(&self, block: BlockNo, lang: Lang, text: &str) -> Vec<Range<usize>> {
        if !self.langs.is_empty() && !self.langs.contains(&lang) {
            return Vec::new();
        }
        let field = TextField::of(lang);
        let mut patterns: Vec<&Pattern> = self.body.get(&field).into_iter().flatten().collect();
        if block == BlockNo::TITLE {
            patterns.extend(self.title.get(&field).into_iter().flatten());
        }
        if patterns.is_empty() {
            return Vec::new();
        }
        let named: HashSet<&str> = patterns
            .iter()
            .flat_map(|p| p.iter().map(|(_, t)| t.as_str()))
            .collect();
        // A Chinese query against the English or Russian text of a hit: analysing that text
        // (stems, word pairs) would only find that none of its tokens is a CJK one.
        if named.iter().all(|t| t.chars().all(is_cjk)) && !may_yield_cjk(text) {
            return Vec::new();
        }
        let toks = tokens_where(field, text, |t| named.contains(t));
        find(text, &toks, &patterns)
    }

    /// Every hit of the query in a document, block by block and language by language, as
    /// ranges into the stored text, for the reader to highlight.
    pub fn document_hits(&self, doc: &Document) -> Vec<BlockHits> {
        let mut out = Vec::new();
        for (block, text) in doc.units() {
            for (lang, raw) in &text.0 {
                let plain = PlainText::new(raw);
                let ranges: Vec<Range<usize>> = self
                    .ranges(block, *lang, &plain.text)
                    .into_iter()
                    .map(|r| plain.to_source(r))
                    .collect();
                if !ranges.is_empty() {
                    out.push(BlockHits {
                        block,
                        lang: *lang,
                        ranges,
                    });
                }
            }
        }
        out
    }
}

/// Characters that give no token holding a CJK character: ASCII, Latin with its diacritics,
/// Cyrillic and general punctuation (they fold to Latin or Cyrillic letters, or separate
/// words). Other characters may (`㊀` folds to `一`); the test checks every one of these.
fn yields_no_cjk(c: char) -> bool {
    matches!(c, '\0'..='\u{024F}' | '\u{0400}'..='\u{04FF}' | '\u{2000}'..='\u{206F}')
}

/// Whether analysing `text` may give a token holding a CJK character.
fn may_yield_cjk(text: &str) -> bool {
    !text.chars().all(yields_no_cjk)
}

/// Finds every occurrence of every pattern among the tokens; overlapping ranges are merged.
fn find(text: &str, toks: &[super::analysis::Tok], patterns: &[&Pattern]) -> Vec<Range<usize>> {
    let mut at: HashMap<(usize, &str), &super::analysis::Tok> = HashMap::with_capacity(toks.len());
    for t in toks {
        at.insert((t.pos, t.text.as_str()), t);
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for pattern in patterns {
        let Some((first_off, first_text)) = pattern.first() else {
            continue;
        };
        for t in toks.iter().filter(|t| &t.text == first_text) {
            let Some(base) = t.pos.checked_sub(*first_off) else {
                continue;
            };
            let mut range = t.range.clone();
            let all =
                pattern
                    .iter()
                    .all(|(off, text)| match at.get(&(base + off, text.as_str())) {
                        Some(m) => {
                            range.start = range.start.min(m.range.start);
                            range.end = range.end.max(m.range.end);
                            true
                        }
                        None => false,
                    });
            if all {
                ranges.push(range);
            }
        }
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            // Overlapping, or next to each other with only spaces or hyphens between: one
            // highlight, so that `Kim Il Sung` typed as three words marks `Kim Il-sung` whole.
            Some(last) if r.start <= last.end || joinable(text.get(last.end..r.start)) => {
                last.end = last.end.max(r.end)
            }
            _ => merged.push(r),
        }
    }
    merged
}

fn joinable(gap: Option<&str>) -> bool {
    gap.is_some_and(|g| g.len() <= 3 && g.chars().all(|c| c == ' ' || c == '-'))
}

/// Block text without footnote markers (what is indexed), with the way back to the source
/// offsets so that the reader can highlight its own text.
pub struct PlainText {
    pub text: String,
    /// (start in plain text, start in source) of each kept segment, in order.
    map: Vec<(usize, usize)>,
}

impl PlainText {
    pub fn new(source: &str) -> Self {
        let mut text = String::with_capacity(source.len());
        let mut map = Vec::new();
        for seg in segments(source) {
            if let Segment::Text(s) | Segment::Editorial(s) = seg {
                // Segments are slices of `source`: their address gives their offset.
                let src_start = s.as_ptr() as usize - source.as_ptr() as usize;
                map.push((text.len(), src_start));
                text.push_str(s);
            }
        }
        Self { text, map }
    }

    fn to_source_offset(&self, offset: usize, is_end: bool) -> usize {
        // An end offset belongs to the segment holding the byte before it.
        let probe = if is_end {
            offset.saturating_sub(1)
        } else {
            offset
        };
        let i = self
            .map
            .partition_point(|(plain, _)| *plain <= probe)
            .saturating_sub(1);
        match self.map.get(i) {
            Some((plain, src)) => src + (offset - plain),
            None => offset,
        }
    }

    pub fn to_source(&self, r: Range<usize>) -> Range<usize> {
        self.to_source_offset(r.start, false)..self.to_source_offset(r.end, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analysis::{Mode, tokenize};

    fn pat(field: TextField, s: &str) -> Pattern {
        let toks = tokenize(field, Mode::Query, s);
        let base = toks.first().map_or(0, |t| t.pos);
        toks.into_iter().map(|t| (t.pos - base, t.text)).collect()
    }

    #[test]
    fn a_chinese_string_is_highlighted_whole_and_only_where_it_stands() {
        let text = "朝鲜内阁首相金日成签署，金日。日成";
        let p = pat(TextField::Zh, "金日成");
        let r = find(text, &tokenize(TextField::Zh, Mode::Document, text), &[&p]);
        assert_eq!(r.len(), 1);
        assert_eq!(&text[r[0].clone()], "金日成");
    }

    #[test]
    fn characters_said_to_yield_no_cjk_give_no_cjk_token_in_any_field() {
        let safe = ('\0'..=char::MAX).filter(|&c| yields_no_cjk(c));
        for c in safe {
            // Alone, inside a word, doubled and after a combining mark.
            let texts = [
                format!("{c}"),
                format!("a{c}b"),
                format!("{c}{c}"),
                format!("e\u{301}{c}"),
            ];
            for field in TextField::ALL {
                for text in &texts {
                    let toks = tokenize(field, Mode::Document, text);
                    assert!(
                        toks.iter().all(|t| !t.text.chars().any(is_cjk)),
                        "{c:?} in {field:?}: {toks:?}"
                    );
                }
            }
        }
        // A CJK character alone is a CJK token, so widening the set over one fails above.
        assert!(may_yield_cjk("Kim 金") && !may_yield_cjk("Ким Ир Сен — «Pyŏngyang»"));
    }

    #[test]
    fn a_chinese_query_finds_nothing_in_text_without_cjk_and_still_finds_it_in_chinese() {
        let mut m = Matcher::default();
        for field in TextField::ALL {
            m.body.insert(field, vec![pat(field, "金日成")]);
        }
        assert!(
            m.ranges(BlockNo(1), Lang::En, "Kim Il Sung signed")
                .is_empty()
        );
        let zh = "首相金日成签署";
        let r = m.ranges(BlockNo(1), Lang::Zh, zh);
        assert_eq!(
            r.iter().map(|r| &zh[r.clone()]).collect::<Vec<_>>(),
            vec!["金日成"]
        );
        // Chinese inside an English text is still found there.
        let en = "Premier Kim (金日成) signed";
        let r = m.ranges(BlockNo(1), Lang::En, en);
        assert_eq!(
            r.iter().map(|r| &en[r.clone()]).collect::<Vec<_>>(),
            vec!["金日成"]
        );
    }

    #[test]
    fn a_hyphenated_name_is_one_highlight() {
        let text = "Premier Kim Il-sung signed";
        let p = pat(TextField::En, "Kim Il Sung");
        let r = find(text, &tokenize(TextField::En, Mode::Document, text), &[&p]);
        assert_eq!(
            r.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            vec!["Kim Il-sung"]
        );
    }

    #[test]
    fn offsets_map_back_over_footnote_markers() {
        let src = "朝鲜[^2]停战 and 停战";
        let plain = PlainText::new(src);
        assert_eq!(plain.text, "朝鲜停战 and 停战");
        let p = pat(TextField::Zh, "停战");
        let hits: Vec<&str> = find(
            &plain.text,
            &tokenize(TextField::Zh, Mode::Document, &plain.text),
            &[&p],
        )
        .into_iter()
        .map(|r| &src[plain.to_source(r)])
        .collect();
        assert_eq!(hits, vec!["停战", "停战"]);
        // A match across the marker spans it in the source.
        let p = pat(TextField::Zh, "鲜停");
        let r = find(
            &plain.text,
            &tokenize(TextField::Zh, Mode::Document, &plain.text),
            &[&p],
        );
        assert_eq!(&src[plain.to_source(r[0].clone())], "鲜[^2]停");
    }
}
