//! The compare window, drawn by `ui` from the state alone ([`CompareWindow::draw_window`]): while
//! choosing, the filter line and the documents that match; then the two documents side by
//! side, pair by pair from the one selected, each with its labels, similarity and the two
//! texts, what the first has alone struck out and what the second has alone in bold.

use super::state::{CompareView, Picking, Showing};
use crate::parallel::compare::{Change, Pair, Piece, Side};
use crate::text::sanitize::sanitize;
use crate::tui::keymap::Keymap;
use crate::tui::msg::Msg;
use crate::tui::overlay::{FeatureWindow, Outcome, Overlay, OverlayContext, window};
use crate::tui::styled_wrap::wrap_line;
use crate::tui::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The overlay's name (tests and `Effect::CloseOverlay`).
pub const NAME: &str = "compare";

/// The window over the reader; its state is the app's [`CompareView`].
pub struct CompareWindow;

impl Overlay for CompareWindow {
    fn name(&self) -> &'static str {
        NAME
    }

    fn handle_key(&mut self, key: &KeyEvent, _: &Keymap) -> Outcome {
        Outcome::Send(Msg::CompareKey(*key))
    }

    fn feature_window(&self) -> Option<FeatureWindow> {
        Some(FeatureWindow::Compare)
    }
}

impl CompareWindow {
    /// Draws the window from the comparison's state (`ui` calls it for this [`FeatureWindow`]).
    pub fn draw_window(
        compare: &CompareView,
        ctx: &OverlayContext<'_>,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let title = match compare {
            CompareView::Picking(_) => " Compare with… · type to filter · enter compares · esc ",
            _ => " Compare · j/k pair · h/l or tab side · y cite that side · enter open it · esc ",
        };
        let inner = window(
            ctx.theme,
            area,
            area.width.saturating_sub(2),
            area.height.saturating_sub(2),
            title,
            buf,
        );
        if inner.width < 8 || inner.height == 0 {
            return;
        }
        let lines = match compare {
            CompareView::Closed => Vec::new(),
            CompareView::Picking(p) => picking(p, ctx, inner.height as usize),
            CompareView::Showing(s) => showing(s, ctx, inner.width),
        };
        for (i, line) in lines.iter().take(inner.height as usize).enumerate() {
            buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
        }
    }
}

fn picking(p: &Picking, ctx: &OverlayContext<'_>, height: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let first = ctx.corpus.documents.get(p.first.0);
    let mut out = vec![
        Line::from(vec![
            Span::styled("compare ", theme.get("panel_label")),
            Span::raw(first.map_or(String::new(), |d| sanitize(&d.id).into_owned())),
            Span::styled(" with: ", theme.get("panel_label")),
            Span::raw(format!("{}▏", sanitize(&p.filter))),
        ]),
        Line::styled(
            format!(
                "{} document{}",
                p.matches.len(),
                if p.matches.len() == 1 { "" } else { "s" }
            ),
            theme.get("status_hint"),
        ),
    ];
    let room = height.saturating_sub(out.len());
    let skip = (p.selected + 1).saturating_sub(room);
    for (i, ix) in p.matches.iter().enumerate().skip(skip).take(room) {
        let Some(d) = ctx.corpus.documents.get(ix.0) else {
            continue;
        };
        let title = d.display_title(&crate::model::TITLE_LANGS);
        let style = if i == p.selected {
            theme.get("selected")
        } else {
            Style::default()
        };
        out.push(Line::styled(
            format!("  {}  {}", sanitize(&d.id), sanitize(title)),
            style,
        ));
    }
    out
}

fn showing(s: &Showing, ctx: &OverlayContext<'_>, width: u16) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let c = &s.comparison;
    let lang = c.lang.map_or_else(
        || "no language in common: no diff".to_string(),
        |l| format!("compared in {}", l.name()),
    );
    let mut out = vec![
        Line::from(vec![
            Span::styled(sanitize(&c.a).into_owned(), theme.get("title")),
            Span::raw("  ↔  "),
            Span::styled(sanitize(&c.b).into_owned(), theme.get("title")),
        ]),
        Line::styled(
            format!(
                "paired {} · {lang} · pair {} of {}",
                c.by.label(),
                (s.selected + 1).min(c.pairs.len()),
                c.pairs.len()
            ),
            theme.get("status_hint"),
        ),
        Line::default(),
    ];
    let half = width.saturating_sub(3) / 2;
    for (i, pair) in c.pairs.iter().enumerate().skip(s.selected) {
        let chosen = (i == s.selected).then_some(s.right);
        out.push(heading(pair, chosen, half, theme));
        let (left, right) = columns(pair, theme);
        let (l, r) = (wrap_all(&left, half), wrap_all(&right, half));
        for k in 0..l.len().max(r.len()) {
            let mut spans = padded(l.get(k), half);
            spans.push(Span::styled(" │ ", theme.get("separator")));
            spans.extend(padded(r.get(k), half));
            out.push(Line::from(spans));
        }
        out.push(Line::default());
    }
    out
}

/// "Article 3 (¶7)  similarity 1.00 │ Article 3 (¶9)", the chosen side styled as selected.
fn heading(pair: &Pair, chosen: Option<bool>, half: u16, theme: &Theme) -> Line<'static> {
    // The chosen side is marked in text too, for a terminal without colours.
    let label = |side: &Option<Side>, right: bool| {
        let mark = if chosen == Some(right) { "▸ " } else { "" };
        side.as_ref().map_or_else(
            || format!("{mark}— no counterpart"),
            |s| {
                format!(
                    "{mark}{} ({})",
                    sanitize(&s.label),
                    crate::tui::pinpoint::block_pin(s.block)
                )
            },
        )
    };
    let style = |right: bool| {
        if chosen == Some(right) {
            theme.get("selected")
        } else {
            theme.get("article")
        }
    };
    let score = if pair.a.is_some() && pair.b.is_some() {
        format!("  similarity {:.2}", pair.similarity)
    } else {
        String::new()
    };
    let mut spans = padded(
        Some(&Line::from(vec![
            Span::styled(label(&pair.a, false), style(false)),
            Span::styled(score, theme.get("panel_label")),
        ])),
        half,
    );
    spans.push(Span::styled(" │ ", theme.get("separator")));
    spans.push(Span::styled(label(&pair.b, true), style(true)));
    Line::from(spans)
}

/// The two texts as lines of styled spans: the diff's pieces where there is one.
fn columns(pair: &Pair, theme: &Theme) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let plain = |side: &Option<Side>| match side {
        Some(s) => lines(&[(s.text(), Style::default())]),
        None => vec![Line::styled("—", theme.get("fallback"))],
    };
    match &pair.diff {
        Some(pieces) => (
            lines(&side_of(pieces, Change::Removed, theme.get("diff_removed"))),
            lines(&side_of(pieces, Change::Added, theme.get("diff_added"))),
        ),
        None => (plain(&pair.a), plain(&pair.b)),
    }
}

/// The pieces one side has: the same ones, and its own in `style`.
fn side_of(pieces: &[Piece], own: Change, style: Style) -> Vec<(&str, Style)> {
    pieces
        .iter()
        .filter(|p| p.change == Change::Same || p.change == own)
        .map(|p| {
            let s = if p.change == own {
                style
            } else {
                Style::default()
            };
            (p.text.as_str(), s)
        })
        .collect()
}

/// Styled runs of text split into lines at each newline.
fn lines(runs: &[(&str, Style)]) -> Vec<Line<'static>> {
    let mut out = vec![Line::default()];
    for (text, style) in runs {
        for (k, part) in sanitize_keep_newlines(text).split('\n').enumerate() {
            if k > 0 {
                out.push(Line::default());
            }
            if !part.is_empty()
                && let Some(last) = out.last_mut()
            {
                last.spans.push(Span::styled(part.to_string(), *style));
            }
        }
    }
    out
}

/// The text with control characters made visible, its line breaks kept.
fn sanitize_keep_newlines(text: &str) -> String {
    text.split('\n')
        .map(|l| sanitize(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn wrap_all(lines: &[Line<'static>], width: u16) -> Vec<Line<'static>> {
    lines
        .iter()
        .flat_map(|l| {
            let rows = wrap_line(l, width);
            if rows.is_empty() {
                vec![Line::default()]
            } else {
                rows
            }
        })
        .collect()
}

/// A row's spans, padded with spaces to `width` cells.
fn padded(line: Option<&Line<'static>>, width: u16) -> Vec<Span<'static>> {
    let mut spans = line.map_or_else(Vec::new, |l| l.spans.clone());
    let used: usize = spans
        .iter()
        .map(|s| crate::text::wrap::str_width(&s.content))
        .sum();
    let width = width as usize;
    if used > width {
        // Only a heading can be too wide: cut it at the column.
        let mut kept = Vec::new();
        let mut w = 0;
        for s in spans {
            let mut t = String::new();
            for ch in s.content.chars() {
                let cw = crate::text::wrap::char_width(ch);
                if w + cw > width {
                    break;
                }
                w += cw;
                t.push(ch);
            }
            kept.push(Span::styled(t, s.style));
        }
        spans = kept;
    }
    let used: usize = spans
        .iter()
        .map(|s| crate::text::wrap::str_width(&s.content))
        .sum();
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
    spans
}
