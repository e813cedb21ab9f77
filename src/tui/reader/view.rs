//! The reader pane: the visible rows of the cached layout, with block numbers in the gutter,
//! block kinds and inline marks styled, the cursor block highlighted, and highlights from
//! other features laid over the text. Cost depends on the screen size only.

use crate::model::{BlockKind, Lang};
use crate::model::{BlockNo, Document};
use crate::tui::reader::block_text::PieceKind;
use crate::tui::reader::layout::{Part, Slot};
use crate::tui::reader::state::ReaderState;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use std::ops::Range;

/// What the reader's drawing reads besides its own state: read-only.
pub struct ReaderView<'a> {
    /// The open document.
    pub doc: &'a Document,
    pub theme: &'a Theme,
    /// Whether block number `n` (from 1) has a translation question (the gutter's mark).
    pub flagged: &'a dyn Fn(usize) -> bool,
}

pub fn draw(reader: &ReaderState, v: &ReaderView<'_>, area: Rect, buf: &mut Buffer) {
    let doc = v.doc;
    if area.is_empty() {
        return;
    }
    let layout = &reader.layout;
    // A layout made for another width (no `prepare` since a resize) is not drawn.
    if layout.key.as_ref().is_none_or(|k| k.width != area.width) {
        return;
    }
    let t = v.theme;
    let g = layout.geometry;
    let cursor_style = t.get("cursor");
    // The gutter sits against the text, which is centred on wide bodies.
    let gutter_x = area.x + g.margin;
    let rows = layout
        .rows
        .iter()
        .skip(reader.scroll)
        .take(area.height as usize);
    for (dy, row) in rows.enumerate() {
        let y = area.y + dy as u16;
        let block = row.block as usize;
        let on_cursor = block == reader.cursor;
        if on_cursor {
            buf.set_style(
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                cursor_style,
            );
        }
        // Gutter: the block number (the pinpoint) on its first row, or a language label.
        if g.gutter > 0 {
            let width = (g.gutter - 1) as usize;
            if row.first {
                let style = if on_cursor {
                    t.get("cursor_gutter")
                } else {
                    t.get("gutter")
                };
                let number = BlockNo::from_index(block);
                buf.set_stringn(gutter_x, y, format!("{number:>width$}"), width, style);
                // A translation question: a ? in the space after the number, never a verdict.
                if (v.flagged)(number.0) {
                    buf.set_stringn(gutter_x + width as u16, y, "?", 1, t.get("question"));
                }
            } else if let Some(lang) = row.tag {
                let style = t.get("lang_tag").patch(if on_cursor {
                    cursor_style
                } else {
                    Style::default()
                });
                buf.set_stringn(
                    gutter_x,
                    y,
                    format!("{:>width$}", lang.code()),
                    width,
                    style,
                );
            }
        }
        let two_columns = row.parts.iter().flatten().any(|p| p.slot != Slot::Full);
        if two_columns {
            let x = area.x + g.left.0 + g.left.1 + 1;
            if x < area.right() {
                buf.set_stringn(x, y, "│", 1, t.get("separator"));
            }
        }
        let kind = doc
            .blocks
            .get(block)
            .map_or(BlockKind::Paragraph, |b| b.kind);
        let mut base = t.get(kind_style(kind));
        if on_cursor {
            base = base.patch(cursor_style);
        }
        for part in row.parts.iter().flatten() {
            let (x, w) = g.slot(part.slot);
            let x = area.x + x;
            let w = (w as usize).min(area.right().saturating_sub(x) as usize);
            if w > 0 {
                draw_part(v, reader, part, block, base, x, y, w, buf);
            }
        }
    }
}

fn kind_style(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Heading => "heading",
        BlockKind::Article => "article",
        BlockKind::Paragraph => "paragraph",
        BlockKind::Dateline => "dateline",
        BlockKind::Signature => "signature",
        BlockKind::List => "list",
        BlockKind::Stamp => "stamp",
        BlockKind::Annotation => "annotation",
        BlockKind::Editorial => "editorial",
    }
}

/// Draws one line of one block's text, styled run by run.
#[allow(clippy::too_many_arguments)]
fn draw_part(
    v: &ReaderView<'_>,
    reader: &ReaderState,
    part: &Part,
    block: usize,
    base: Style,
    x: u16,
    y: u16,
    width: usize,
    buf: &mut Buffer,
) {
    let Some((laid, _)) = reader.layout.text(part) else {
        return;
    };
    let t = v.theme;
    let base = if laid.fallback {
        base.patch(t.get("fallback"))
    } else {
        base
    };
    let range = part.range.start as usize..part.range.end as usize;
    let overlays = highlight_ranges(v, reader, block, laid.lang, &laid.text, range.clone());
    let mut x = x;
    let end_x = x + width as u16;
    for (piece, kind) in laid.text.pieces_in(range) {
        let style = base.patch(piece_style(t, kind));
        for (sub, extra) in split_by(piece, &overlays) {
            if x >= end_x {
                return;
            }
            let text = &laid.text.display[sub];
            let (nx, _) = buf.set_stringn(x, y, text, (end_x - x) as usize, style.patch(extra));
            x = nx;
        }
    }
}

fn piece_style(t: &Theme, kind: PieceKind) -> Style {
    match kind {
        PieceKind::Text => Style::default(),
        PieceKind::Editorial => t.get("editorial"),
        PieceKind::FootnoteRef { .. } => t.get("footnote_marker"),
    }
}

/// The highlights of this block and language, as display ranges clipped to `line`.
fn highlight_ranges(
    v: &ReaderView<'_>,
    reader: &ReaderState,
    block: usize,
    lang: Lang,
    text: &crate::tui::reader::block_text::BlockText,
    line: Range<usize>,
) -> Vec<(Range<usize>, Style)> {
    let stored = (v.doc.blocks.get(block))
        .and_then(|b| b.text.get(lang))
        .unwrap_or("");
    reader
        .highlights_of(block, lang)
        .filter_map(|h| {
            let start = text.display_offset(stored, h.range.start).max(line.start);
            let end = text.display_offset(stored, h.range.end).min(line.end);
            (start < end).then_some((start..end, h.style))
        })
        .collect()
}

/// Splits `range` where highlights begin or end; each part with the highlight styles that
/// cover it.
fn split_by(range: Range<usize>, overlays: &[(Range<usize>, Style)]) -> Vec<(Range<usize>, Style)> {
    if overlays.is_empty() {
        return vec![(range, Style::default())];
    }
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for (r, _) in overlays {
        for c in [r.start, r.end] {
            if range.contains(&c) {
                cuts.push(c);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let style = overlays
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(Style::default(), |s, (_, h)| s.patch(*h));
            (w[0]..w[1], style)
        })
        .collect()
}
