//! Long lists in the links windows (a card's mentions, backlinks, the timeline) build only
//! the rows on screen: a [`crate::corpus::MentionList`] knows its exact length from the
//! links' target index and reads mention `i` by position when row `i` is drawn, so a name
//! mentioned 30,000 times costs a window one page of mentions (and their documents' words),
//! never the whole list.

use crate::corpus::Corpus;
use crate::model::Lang;
use crate::model::ids::{BlockNo, DocIx};
use crate::refs::Mention;
use crate::refs::mentions::words_at;
use crate::text::sanitize::sanitize;
use crate::text::wrap::str_width;
use crate::tui::overlay::OverlayContext;
use crate::tui::styled_wrap::{ellipsize_line, line_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use std::ops::Range;

/// One mention in a list: where it is, without its words (read when its row is drawn).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionRow {
    pub doc: DocIx,
    pub block: BlockNo,
    pub lang: Lang,
    pub range: Range<usize>,
}

impl MentionRow {
    /// Row `i` of `list`.
    pub fn at(list: &crate::corpus::MentionList, corpus: &Corpus, i: usize) -> Option<MentionRow> {
        list.get(corpus, i).map(MentionRow::of)
    }

    /// The row of mention `m`.
    pub fn of(m: &Mention) -> MentionRow {
        MentionRow {
            doc: m.doc,
            block: m.block,
            lang: m.lang,
            range: m.range.clone(),
        }
    }

    /// `doc-id  ¶4 en  “the words”`, read from the document now.
    pub fn label(&self, corpus: &Corpus) -> String {
        let doc = corpus.documents.get(self.doc.0);
        let words = (doc.and_then(|d| words_at(d, self.block, self.lang, self.range.clone())))
            .unwrap_or_default();
        format!(
            "{}  {} {}  “{}”",
            sanitize(doc.map_or("?", |d| d.id.as_str())),
            crate::tui::pinpoint::block_pin(self.block),
            self.lang,
            sanitize(words)
        )
    }
}

/// The first of `total` lines to show in `height` rows so that line `keep` is on screen
/// (as far down as needed, never past the end).
pub fn first_shown(keep: usize, total: usize, height: usize) -> usize {
    keep.saturating_sub(height.saturating_sub(1))
        .min(total.saturating_sub(height))
}

/// A centred bordered window `total` lines tall (clamped to `area`), whose lines from
/// `first_shown(keep, …)` are made by `line(i)` for the rows on screen only. Returns how many
/// lines were made.
pub fn draw_paged(
    ctx: &OverlayContext<'_>,
    title: &str,
    total: usize,
    keep: usize,
    line: impl Fn(usize) -> Line<'static>,
    area: Rect,
    buf: &mut Buffer,
) -> usize {
    if area.width < 4 || area.height < 3 {
        return 0;
    }
    let height = (total as u16).saturating_add(2).min(area.height);
    let lines = page(total, keep, height.saturating_sub(2) as usize, line);
    // As wide as the widest row (and the title), up to the screen; a row still too wide ends
    // with "…" rather than being cut mid-word.
    let widest = (lines.iter().map(line_width))
        .chain([str_width(title)])
        .max()
        .unwrap_or(0);
    let width = (widest as u16).saturating_add(2).min(area.width);
    let inner = crate::tui::overlay::window(ctx.theme, area, width, height, title, buf);
    let lines: Vec<Line> = (lines.iter())
        .map(|l| ellipsize_line(l, inner.width as usize))
        .collect();
    let made = lines.len();
    Paragraph::new(lines).render(inner, buf);
    made
}

/// The lines of a `height`-row page of `total` that keeps line `keep` on screen.
pub fn page(
    total: usize,
    keep: usize,
    height: usize,
    line: impl Fn(usize) -> Line<'static>,
) -> Vec<Line<'static>> {
    let first = first_shown(keep, total, height);
    (first..(first + height).min(total)).map(line).collect()
}
