//! The reader: which document is open, in which view, where the cursor block and the scroll
//! are, the layout cache, and highlights other features lay over the text.

use crate::model::ids::DocIx;
use crate::model::{BlockKind, Document, Lang};
use crate::tui::reader::layout::{LayoutKey, ReaderLayout, View, effective_view, reading_pair};

pub use crate::tui::effect::Highlight;

#[derive(Debug)]
pub struct ReaderState {
    /// The document, by its index in the corpus.
    pub doc: DocIx,
    /// The two reading languages, original first.
    pub pair: Vec<Lang>,
    /// The views the view key cycles through.
    pub views: Vec<View>,
    pub view: View,
    /// The current block, from 0.
    pub cursor: usize,
    /// First row on screen.
    pub scroll: usize,
    /// Rows on screen, from the last frame.
    pub height: usize,
    pub layout: ReaderLayout,
    /// The longest line in cells (the user's `max_measure`; 0 is the default).
    pub max_measure: u16,
    /// Sorted by (block, lang), each with the feature that set it.
    highlights: Vec<(&'static str, Highlight)>,
    /// Indices of the treaty-article heading blocks, so the article of a block is found
    /// without walking the document on every frame.
    articles: Vec<usize>,
    /// A remembered position (cursor block, top block) to apply once the layout exists.
    pending_restore: Option<(usize, usize)>,
    /// An exact position (cursor block, first row) to return to, from the link history.
    pending_scroll: Option<(usize, usize)>,
}

impl ReaderState {
    pub fn open(doc_index: DocIx, doc: &Document) -> ReaderState {
        let pair = reading_pair(doc);
        let mut views = Vec::new();
        if pair.len() >= 2 {
            views.push(View::SideBySide);
            views.push(View::Stacked);
        }
        views.extend(doc.languages().into_iter().map(View::Single));
        if views.is_empty() {
            views.push(View::Single(Lang::En));
        }
        ReaderState {
            doc: doc_index,
            view: views[0],
            views,
            pair,
            cursor: 0,
            scroll: 0,
            height: 0,
            layout: ReaderLayout::default(),
            max_measure: crate::tui::reader::layout::DEFAULT_MAX_MEASURE,
            highlights: Vec::new(),
            articles: doc
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| b.kind == BlockKind::Article)
                .map(|(i, _)| i)
                .collect(),
            pending_restore: None,
            pending_scroll: None,
        }
    }

    /// Makes sure the layout fits a body `width` × `height`; rebuilds it only when the
    /// document, the width or the view changed. Keeps the cursor block where it was on screen.
    pub fn prepare(&mut self, doc: &Document, width: u16, height: u16) {
        self.height = height as usize;
        let key = LayoutKey {
            doc: self.doc,
            width,
            view: effective_view(self.view, width),
            max_measure: self.max_measure,
        };
        if !self.layout.is_for(&key) {
            let had_layout = self.layout.key.is_some();
            let offset = self.cursor_row().saturating_sub(self.scroll);
            let key = LayoutKey {
                view: self.view,
                ..key
            };
            self.layout = ReaderLayout::build_for(doc, &self.pair, key);
            if had_layout {
                self.scroll = self.cursor_row().saturating_sub(offset);
            }
        }
        if let Some((block, top)) = self.pending_restore.take() {
            self.restore(block, top);
        }
        if let Some((cursor, scroll)) = self.pending_scroll.take() {
            self.cursor = cursor.min(self.layout.blocks().saturating_sub(1));
            self.scroll = scroll;
        }
        self.clamp_scroll();
        if self.layout.blocks() > 0 {
            self.cursor = self.cursor.min(self.layout.blocks() - 1);
        }
    }

    fn cursor_row(&self) -> usize {
        self.layout.block_span(self.cursor).start
    }

    pub fn clamp_scroll(&mut self) {
        self.scroll = self.scroll.min(self.layout.max_scroll(self.height));
    }

    /// Scrolls so the cursor block is on screen, its start first.
    pub fn reveal_cursor(&mut self) {
        let span = self.layout.block_span(self.cursor);
        let h = self.height.max(1);
        if span.start < self.scroll {
            self.scroll = span.start;
        } else if span.end > self.scroll + h {
            self.scroll = (span.end - h).min(span.start);
        }
        self.clamp_scroll();
    }

    /// After scrolling: the cursor follows if its block left the screen.
    fn cursor_follows(&mut self) {
        let visible = self.layout.visible_blocks(self.scroll, self.height);
        if !visible.contains(&self.cursor) && !visible.is_empty() {
            self.cursor = if self.cursor < visible.start {
                // The first block that starts on screen, else the one the screen starts in.
                (visible.start..visible.end)
                    .find(|&b| self.layout.block_span(b).start >= self.scroll)
                    .unwrap_or(visible.start)
            } else {
                visible.end - 1
            };
        }
    }

    pub fn move_cursor(&mut self, delta: isize) {
        let last = self.layout.blocks().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.reveal_cursor();
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta);
        self.clamp_scroll();
        self.cursor_follows();
    }

    pub fn page(&mut self, down: bool) {
        let page = self.height.saturating_sub(1).max(1) as isize;
        let before = self.scroll;
        self.scroll_by(if down { page } else { -page });
        if self.scroll == before {
            // Already at an end: the cursor goes there too.
            if down {
                self.to_bottom()
            } else {
                self.to_top()
            }
        } else {
            // The cursor goes to the first block that starts on the new screen.
            let visible = self.layout.visible_blocks(self.scroll, self.height);
            if let Some(b) = visible
                .clone()
                .find(|&b| self.layout.block_span(b).start >= self.scroll)
            {
                self.cursor = b;
            }
        }
    }

    pub fn to_top(&mut self) {
        self.cursor = 0;
        self.scroll = 0;
    }

    pub fn to_bottom(&mut self) {
        self.cursor = self.layout.blocks().saturating_sub(1);
        self.scroll = self.layout.max_scroll(self.height);
    }

    pub fn cycle_view(&mut self) {
        let i = self.views.iter().position(|v| *v == self.view).unwrap_or(0);
        self.view = self.views[(i + 1) % self.views.len()];
    }

    /// Returns to a remembered position as soon as the layout is known.
    pub fn restore_later(&mut self, block: usize, top: usize) {
        self.pending_restore = Some((block, top));
    }

    /// Returns to an exact cursor block and first row once the layout is known (the link
    /// history: back lands where the reader left, row for row).
    pub fn restore_scroll_later(&mut self, cursor: usize, scroll: usize) {
        self.pending_restore = None;
        self.pending_scroll = Some((cursor, scroll));
    }

    /// Puts the cursor on `block` and `top` at the top of the screen when the layout allows.
    pub fn restore(&mut self, block: usize, top: usize) {
        self.cursor = block.min(self.layout.blocks().saturating_sub(1));
        self.scroll = self.layout.block_span(top).start;
        self.clamp_scroll();
        self.reveal_cursor();
    }

    /// The article heading block (from 0) that the current block belongs to, if any.
    pub fn article_block(&self) -> Option<usize> {
        let i = self.articles.partition_point(|&a| a <= self.cursor);
        i.checked_sub(1).map(|i| self.articles[i])
    }

    /// The block at the top of the screen, from 0.
    pub fn top_block(&self) -> usize {
        self.layout.block_at(self.scroll).unwrap_or(0)
    }

    /// Replaces the highlights `owner` ("search", "links") set before with `ranges`, leaving
    /// other owners' highlights alone. They are laid over the text at draw time.
    pub fn set_highlights(&mut self, owner: &'static str, ranges: Vec<Highlight>) {
        self.highlights.retain(|(o, _)| *o != owner);
        self.highlights
            .extend(ranges.into_iter().map(|h| (owner, h)));
        self.highlights.sort_by_key(|(_, h)| (h.block, h.lang));
    }

    /// Highlights of one block in one language.
    pub fn highlights_of(&self, block: usize, lang: Lang) -> impl Iterator<Item = &Highlight> {
        let start = self
            .highlights
            .partition_point(|(_, h)| (h.block, h.lang) < (block, lang));
        self.highlights[start..]
            .iter()
            .take_while(move |(_, h)| h.block == block && h.lang == lang)
            .map(|(_, h)| h)
    }
}
