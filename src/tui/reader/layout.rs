//! The reader's layout cache: a document wrapped once for one width and one view, as a list
//! of screen rows. Drawing then slices the visible rows, so the cost of a frame does not
//! depend on the length of the document.
//!
//! Rows keep byte ranges into each block's display text ([`BlockText`]) rather than copies,
//! and remember which block and language they show, so highlights given per block and
//! language can be laid over them at draw time.

use super::block_text::BlockText;
use crate::model::ids::DocIx;
use crate::model::{Document, Lang};
use crate::text::wrap::wrap;
use std::ops::Range;

/// How the languages of a document are arranged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    /// The two reading languages in two columns, aligned block by block.
    SideBySide,
    /// Each block in one language, then in the other, full width.
    Stacked,
    /// One language; blocks without it show what they have, marked.
    Single(Lang),
}

impl View {
    pub fn label(self) -> String {
        match self {
            View::SideBySide => "side by side".into(),
            View::Stacked => "stacked".into(),
            View::Single(l) => l.name().to_lowercase(),
        }
    }
}

/// Below this body width two columns are too narrow to read: side by side becomes stacked.
pub const MIN_SIDE_BY_SIDE_WIDTH: u16 = 80;
pub use super::geometry::{COLUMN_GAP, ColumnWeights, DEFAULT_MAX_MEASURE, Geometry};

/// What a layout was computed for; a different key means the layout must be rebuilt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutKey {
    pub doc: DocIx,
    pub width: u16,
    pub view: View,
    /// The longest line (the user's `max_measure`; 0 is the default).
    pub max_measure: u16,
}

/// Where a line goes horizontally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Left,
    Right,
    Full,
}

/// One line of one block's text: `range` of `texts[text].text.display`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub text: u32,
    pub range: Range<u32>,
    pub slot: Slot,
}

/// One screen row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Index (from 0) of the block this row belongs to.
    pub block: u32,
    /// The block's first row: where its number goes.
    pub first: bool,
    /// A language label for the gutter (the second language of a stacked block).
    pub tag: Option<Lang>,
    pub parts: [Option<Part>; 2],
}

/// A block's text in one language, ready to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaidText {
    pub block: u32,
    pub lang: Lang,
    /// Shown in place of the chosen language, which this block lacks.
    pub fallback: bool,
    pub text: BlockText,
}

#[derive(Clone, Debug, Default)]
pub struct ReaderLayout {
    pub key: Option<LayoutKey>,
    pub geometry: Geometry,
    pub rows: Vec<Row>,
    /// First row of each block.
    pub block_rows: Vec<u32>,
    pub texts: Vec<LaidText>,
}

/// The view actually used at `width`: side by side falls back to stacked on narrow bodies.
pub fn effective_view(view: View, width: u16) -> View {
    match view {
        View::SideBySide if width < MIN_SIDE_BY_SIDE_WIDTH => View::Stacked,
        v => v,
    }
}

impl ReaderLayout {
    /// Wraps every block of `doc` (corpus index `ix`) for a body `width` cells wide. `pair`
    /// are the two reading languages, original first (one language or none for a monolingual
    /// document).
    /// Lines are at most [`DEFAULT_MAX_MEASURE`] cells; see [`ReaderLayout::build_for`].
    pub fn build(ix: DocIx, doc: &Document, pair: &[Lang], width: u16, view: View) -> ReaderLayout {
        let key = LayoutKey {
            doc: ix,
            width,
            view,
            max_measure: DEFAULT_MAX_MEASURE,
        };
        ReaderLayout::build_for(doc, pair, key)
    }

    /// Wraps every block of `doc` for `key` (its view is narrowed by [`effective_view`]).
    pub fn build_for(doc: &Document, pair: &[Lang], key: LayoutKey) -> ReaderLayout {
        let view = effective_view(key.view, key.width);
        let two_columns = view == View::SideBySide && pair.len() >= 2;
        let weights = two_columns.then(|| column_weights(doc, pair[0], pair[1]));
        let geometry = Geometry::new(key.width, doc.blocks.len(), weights, key.max_measure);
        let mut out = ReaderLayout {
            key: Some(LayoutKey { view, ..key }),
            geometry,
            rows: Vec::new(),
            block_rows: Vec::with_capacity(doc.blocks.len()),
            texts: Vec::new(),
        };
        for (i, block) in doc.blocks.iter().enumerate() {
            let b = i as u32;
            if i > 0 {
                // A blank row between blocks, counted with the block above.
                out.rows.push(Row {
                    block: b - 1,
                    first: false,
                    tag: None,
                    parts: [None, None],
                });
            }
            out.block_rows.push(out.rows.len() as u32);
            let start = out.rows.len();
            let has = |l: &Lang| block.text.get(*l).is_some();
            match view {
                View::SideBySide if two_columns && has(&pair[0]) && has(&pair[1]) => {
                    out.add_columns(doc, b, pair[0], pair[1]);
                }
                View::SideBySide | View::Stacked => {
                    let mut shown: Vec<Lang> = pair.iter().copied().filter(has).collect();
                    if shown.is_empty() {
                        // A block only in a third language (a Russian dateline in an English
                        // document) is shown as it is.
                        shown.extend(block.text.langs().take(1));
                    }
                    for (n, lang) in shown.into_iter().enumerate() {
                        let tag = (n > 0 || !pair.contains(&lang)).then_some(lang);
                        out.add_full(doc, b, lang, false, tag);
                    }
                }
                View::Single(lang) => {
                    if has(&lang) {
                        out.add_full(doc, b, lang, false, None);
                    } else if let Some(other) = block.text.langs().next() {
                        out.add_full(doc, b, other, true, Some(other));
                    }
                }
            }
            if out.rows.len() == start {
                // A block without text still takes a row, so its number stays visible.
                out.rows.push(Row {
                    block: b,
                    first: true,
                    tag: None,
                    parts: [None, None],
                });
            }
        }
        out
    }

    fn lay(
        &mut self,
        doc: &Document,
        block: u32,
        lang: Lang,
        fallback: bool,
        width: u16,
    ) -> (u32, Vec<Range<usize>>) {
        let stored = doc.blocks[block as usize].text.get(lang).unwrap_or("");
        let text = BlockText::build(stored);
        let lines = wrap(&text.display, width as usize);
        self.texts.push(LaidText {
            block,
            lang,
            fallback,
            text,
        });
        ((self.texts.len() - 1) as u32, lines)
    }

    fn add_columns(&mut self, doc: &Document, block: u32, a: Lang, b: Lang) {
        let (ta, la) = self.lay(doc, block, a, false, self.geometry.left.1);
        let (tb, lb) = self.lay(doc, block, b, false, self.geometry.right.1);
        let part = |text: u32, r: &Range<usize>, slot: Slot| Part {
            text,
            range: r.start as u32..r.end as u32,
            slot,
        };
        for n in 0..la.len().max(lb.len()) {
            self.rows.push(Row {
                block,
                first: n == 0,
                tag: None,
                parts: [
                    la.get(n).map(|r| part(ta, r, Slot::Left)),
                    lb.get(n).map(|r| part(tb, r, Slot::Right)),
                ],
            });
        }
    }

    fn add_full(
        &mut self,
        doc: &Document,
        block: u32,
        lang: Lang,
        fallback: bool,
        tag: Option<Lang>,
    ) {
        let first_of_block = self
            .block_rows
            .last()
            .is_some_and(|&r| r as usize == self.rows.len());
        let (t, lines) = self.lay(doc, block, lang, fallback, self.geometry.full.1);
        for (n, r) in lines.iter().enumerate() {
            self.rows.push(Row {
                block,
                first: n == 0 && first_of_block,
                tag: if n == 0 { tag } else { None },
                parts: [
                    Some(Part {
                        text: t,
                        range: r.start as u32..r.end as u32,
                        slot: Slot::Full,
                    }),
                    None,
                ],
            });
        }
    }

    /// Whether this layout was made for `key`.
    pub fn is_for(&self, key: &LayoutKey) -> bool {
        self.key.as_ref() == Some(key)
    }

    pub fn blocks(&self) -> usize {
        self.block_rows.len()
    }

    /// Rows of block `block` (from 0), without the blank row after it.
    pub fn block_span(&self, block: usize) -> Range<usize> {
        let start = self.block_rows.get(block).map_or(0, |r| *r as usize);
        let end = self
            .block_rows
            .get(block + 1)
            .map_or(self.rows.len(), |r| (*r as usize).saturating_sub(1));
        start..end.max(start)
    }

    /// The block shown at `row`.
    pub fn block_at(&self, row: usize) -> Option<usize> {
        self.rows.get(row).map(|r| r.block as usize)
    }

    /// The largest top row that still fills a view `height` rows tall: never past the end.
    pub fn max_scroll(&self, height: usize) -> usize {
        self.rows.len().saturating_sub(height)
    }

    /// Blocks with at least one row in `scroll..scroll+height`.
    pub fn visible_blocks(&self, scroll: usize, height: usize) -> Range<usize> {
        let (Some(first), Some(last)) = (
            self.block_at(scroll),
            self.block_at((scroll + height.max(1) - 1).min(self.rows.len().saturating_sub(1))),
        ) else {
            return 0..0;
        };
        first..last + 1
    }

    pub fn text(&self, part: &Part) -> Option<(&LaidText, &str)> {
        let laid = self.texts.get(part.text as usize)?;
        let s = laid
            .text
            .display
            .get(part.range.start as usize..part.range.end as usize)?;
        Some((laid, s))
    }
}

/// How many cells of text each language of `pair` holds in the blocks that have both: what
/// the balanced split of the columns weighs (see [`super::geometry`]).
fn column_weights(doc: &Document, left: Lang, right: Lang) -> ColumnWeights {
    use crate::text::wrap::str_width;
    let mut w = ColumnWeights::default();
    for block in &doc.blocks {
        if let (Some(a), Some(b)) = (block.text.get(left), block.text.get(right)) {
            w.left += str_width(a) as u64;
            w.right += str_width(b) as u64;
        }
    }
    w
}

/// The two languages to read a document in: the two that cover most blocks, the original (or
/// OCR of the original) first.
pub fn reading_pair(doc: &Document) -> Vec<Lang> {
    use crate::model::Origin;
    let mut langs: Vec<Lang> = doc.languages().into_iter().take(2).collect();
    let is_original = |l: &Lang| {
        doc.origin_of(*l)
            .is_some_and(|o| matches!(o.origin, Origin::Original | Origin::Ocr))
    };
    // Stable: among equals the coverage order stays.
    langs.sort_by_key(|l| !is_original(l));
    langs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind, DocKind, LangText, Source};

    fn doc(blocks: Vec<LangText>) -> Document {
        Document {
            id: "t".into(),
            kind: DocKind::Treaty,
            title: LangText::one(Lang::En, "T"),
            dates: vec![],
            parties: vec![],
            summary: None,
            source: Source::default(),
            texts: vec![],
            notes: vec![],
            inferred: Default::default(),
            blocks: blocks
                .into_iter()
                .map(|text| Block {
                    kind: BlockKind::Paragraph,
                    text,
                })
                .collect(),
            footnotes: vec![],
        }
    }

    fn both(zh: &str, en: &str) -> LangText {
        let mut t = LangText::one(Lang::Zh, zh);
        t.set(Lang::En, en);
        t
    }

    #[test]
    fn block_pairs_start_on_the_same_row_and_the_shorter_side_is_padded() {
        let d = doc(vec![
            both(
                "双方满意地指出，朝鲜停战在缓和亚洲和全世界的紧张局势方面起了重大的作用。",
                "Both sides.",
            ),
            both(
                "双方",
                "The communiqué stated that further expanding the comprehensive friendly ties is in the interests of the two peoples.",
            ),
        ]);
        let l = ReaderLayout::build(DocIx(0), &d, &[Lang::Zh, Lang::En], 100, View::SideBySide);
        let s0 = l.block_span(0);
        let s1 = l.block_span(1);
        assert!(s0.len() > 1, "the Chinese side wraps");
        assert!(l.rows[s0.start].parts[0].is_some() && l.rows[s0.start].parts[1].is_some());
        // The English side of block 1 is short: padded with empty cells, not pulled up.
        assert!(l.rows[s0.start + 1].parts[1].is_none());
        assert_eq!(s1.start, s0.end + 1);
        assert!(l.rows[s1.start].first && l.rows[s1.start].parts.iter().all(Option::is_some));
    }

    #[test]
    fn a_block_in_one_language_spans_the_full_width() {
        let d = doc(vec![
            both("甲", "A"),
            LangText::one(Lang::En, "Article 1 only in English"),
        ]);
        let l = ReaderLayout::build(DocIx(0), &d, &[Lang::Zh, Lang::En], 100, View::SideBySide);
        let row = &l.rows[l.block_span(1).start];
        assert_eq!(row.parts[0].as_ref().map(|p| p.slot), Some(Slot::Full));
        assert!(row.first);
    }

    #[test]
    fn narrow_bodies_stack_and_every_row_fits() {
        let d = doc(vec![both(
            "苏朝两国政府发表联合公报",
            "Joint communiqué of the two governments",
        )]);
        let l = ReaderLayout::build(DocIx(0), &d, &[Lang::Zh, Lang::En], 30, View::SideBySide);
        assert_eq!(l.key.as_ref().map(|k| k.view), Some(View::Stacked));
        let tags: Vec<_> = l.rows.iter().filter_map(|r| r.tag).collect();
        assert_eq!(tags, [Lang::En]);
        for row in &l.rows {
            for part in row.parts.iter().flatten() {
                let (_, s) = l.text(part).unwrap_or_else(|| panic!("part out of range"));
                assert!(crate::text::wrap::str_width(s) <= l.geometry.full.1 as usize);
            }
        }
    }

    #[test]
    fn one_language_view_marks_blocks_shown_in_another() {
        let d = doc(vec![both("甲", "A"), LangText::one(Lang::En, "B")]);
        let l = ReaderLayout::build(
            DocIx(0),
            &d,
            &[Lang::Zh, Lang::En],
            100,
            View::Single(Lang::Zh),
        );
        let fallback: Vec<_> = l.texts.iter().map(|t| (t.lang, t.fallback)).collect();
        assert_eq!(fallback, [(Lang::Zh, false), (Lang::En, true)]);
    }

    #[test]
    fn tiny_widths_and_empty_documents_do_not_panic() {
        let d = doc(vec![both("苏朝", "Soviet"), LangText::default()]);
        for w in 0..12 {
            for v in [View::SideBySide, View::Stacked, View::Single(Lang::En)] {
                let l = ReaderLayout::build(DocIx(0), &d, &[Lang::Zh, Lang::En], w, v);
                assert_eq!(l.blocks(), 2);
                assert_eq!(l.visible_blocks(0, 1), 0..1);
            }
        }
        let empty = doc(vec![]);
        let l = ReaderLayout::build(DocIx(0), &empty, &[], 80, View::SideBySide);
        assert!(l.rows.is_empty());
        assert_eq!(l.visible_blocks(0, 10), 0..0);
        assert_eq!(l.max_scroll(10), 0);
    }
}
