//! The concordance window: the term line, one line on what was found, then the groups (the
//! rendering, its count and dates) and their entries: where (date, document, block, how sure
//! the sentence pair is), then the keyword in context beside the counterpart sentence with the
//! rendering marked. Drawn by `ui` from the state alone ([`ConcordanceWindow::draw_window`]).

use super::ConcordanceMsg;
use super::state::{Answer, ConcordanceView};
use crate::parallel::concordance::{Concordance, Occurrence};
use crate::text::sanitize::sanitize;
use crate::text::wrap::char_width;
use crate::tui::keymap::{Key, Keymap, Mode};
use crate::tui::msg::Msg;
use crate::tui::overlay::{FeatureWindow, Outcome, Overlay, OverlayContext, window};
use crate::tui::theme::Theme;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

/// The overlay's name (tests and `Effect::CloseOverlay`).
pub const NAME: &str = "concordance";

/// The window over the reader; its state is the app's [`ConcordanceView`].
pub struct ConcordanceWindow;

impl Overlay for ConcordanceWindow {
    fn name(&self) -> &'static str {
        NAME
    }

    /// The keymap's `filter` table (as the search window): moves, Enter, Esc; other keys
    /// edit the term line.
    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome {
        if key.code == crossterm::event::KeyCode::Tab {
            return Outcome::Send(Msg::Concordance(ConcordanceMsg::NextSuggestion));
        }
        match keymap.action(Mode::Filter, Key::from_event(key)) {
            Some(crate::tui::action::Action::Back) => Outcome::Close,
            Some(action) => Outcome::Send(Msg::Concordance(ConcordanceMsg::Action(action))),
            None => Outcome::Send(Msg::Concordance(ConcordanceMsg::Key(*key))),
        }
    }

    fn feature_window(&self) -> Option<FeatureWindow> {
        Some(FeatureWindow::Concordance)
    }
}

impl ConcordanceWindow {
    /// Draws the window from the concordance's state (`ui` calls it for this [`FeatureWindow`]).
    pub fn draw_window(
        view: &ConcordanceView,
        ctx: &OverlayContext<'_>,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let inner = window(
            ctx.theme,
            area,
            area.width.saturating_sub(4),
            area.height.saturating_sub(2),
            " Translation concordance · enter asks / opens · tab next name · esc closes ",
            buf,
        );
        if inner.width < 4 || inner.height == 0 {
            return;
        }
        let mut lines = vec![
            Line::from(vec![
                Span::styled("term: ", ctx.theme.get("panel_label")),
                Span::raw(format!("{}▏", sanitize(&view.term))),
            ]),
            summary(view, ctx.theme),
            Line::default(),
        ];
        let head = lines.len();
        let (body, selected_row) = match view.ready() {
            Some(c) => rows(c, view.selected, inner.width, ctx.theme),
            None => (Vec::new(), 0),
        };
        let room = (inner.height as usize).saturating_sub(head);
        // The selected entry (two rows) stays on screen.
        let skip = (selected_row + 2).saturating_sub(room);
        lines.extend(body.into_iter().skip(skip).take(room));
        for (i, line) in lines.iter().take(inner.height as usize).enumerate() {
            buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
        }
    }
}

/// One line on the state of the answer.
fn summary(view: &ConcordanceView, theme: &Theme) -> Line<'static> {
    let hint = theme.get("status_hint");
    let text = match &view.answer {
        Answer::None => "type a word or phrase in either language, then enter".to_string(),
        Answer::Waiting => format!("looking for “{}” in the index…", sanitize(&view.asked)),
        Answer::Failed(e) => {
            return Line::styled(sanitize(e).into_owned(), theme.get("status_error"));
        }
        Answer::Ready(c) => found(c),
    };
    Line::styled(text, hint)
}

fn found(c: &Concordance) -> String {
    let n: usize = c.groups.iter().map(|g| g.occurrences.len()).sum();
    if n == 0 {
        return format!(
            "“{}” is in no block with a parallel text",
            sanitize(&c.term)
        );
    }
    let mut docs: Vec<&str> = c
        .groups
        .iter()
        .flat_map(|g| &g.occurrences)
        .map(|o| o.doc.as_str())
        .collect();
    docs.sort_unstable();
    docs.dedup();
    let more = if c.blocks_matching > c.blocks_examined {
        format!(
            " (the best {} of {} matching blocks)",
            c.blocks_examined, c.blocks_matching
        )
    } else {
        String::new()
    };
    format!(
        "{n} occurrence{} in {} aligned block{} of {} document{}{more} · {} rendering{}",
        plural(n),
        c.blocks_examined,
        plural(c.blocks_examined),
        docs.len(),
        plural(docs.len()),
        c.groups.len(),
        plural(c.groups.len()),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The groups and entries as rows, and the row of the selected entry.
fn rows(
    c: &Concordance,
    selected: usize,
    width: u16,
    theme: &Theme,
) -> (Vec<Line<'static>>, usize) {
    let mut out = Vec::new();
    let mut entry = 0;
    let mut selected_row = 0;
    let half = (width as usize).saturating_sub(3) / 2;
    for g in &c.groups {
        let label = g.rendering.as_deref().map_or_else(
            || "(rendering not found)".to_string(),
            |r| format!("“{}”", sanitize(r)),
        );
        let dates = match (&g.first, &g.last) {
            (Some(a), Some(b)) if a == b => format!(" · {a}"),
            (Some(a), Some(b)) => format!(" · {a} – {b}"),
            _ => String::new(),
        };
        out.push(Line::from(vec![
            Span::styled(label, theme.get("heading")),
            Span::raw(format!(" — {}{dates}", g.occurrences.len())),
        ]));
        for o in &g.occurrences {
            if entry == selected {
                selected_row = out.len();
            }
            let style = if entry == selected {
                theme.get("selected")
            } else {
                theme.get("panel_label")
            };
            out.push(Line::styled(where_(o), style));
            let mut spans = kwic(&o.sentence, &o.hit, half, theme.get("search_hit"));
            spans.push(Span::styled(" │ ", theme.get("separator")));
            spans.extend(counterpart(o, half, theme));
            out.push(Line::from(spans));
            entry += 1;
        }
        out.push(Line::default());
    }
    (out, selected_row)
}

/// "  1956-07-14  doc-id ¶2 · zh → en · sentence pair 0.97".
fn where_(o: &Occurrence) -> String {
    let date = o.date.map_or("undated".to_string(), |d| d.to_string());
    let sure = if o.by_length_only {
        format!("paired by length alone ({:.2})", o.confidence)
    } else {
        format!("sentence pair {:.2}", o.confidence)
    };
    format!(
        "  {date}  {} {} · {} → {} · {sure}",
        sanitize(&o.doc),
        crate::tui::pinpoint::block_pin(o.block),
        o.lang.code(),
        o.counterpart_lang.code()
    )
}

fn counterpart(o: &Occurrence, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    if o.counterpart.trim().is_empty() {
        return vec![Span::styled(
            format!("(no {} counterpart)", o.counterpart_lang.code()),
            theme.get("fallback"),
        )];
    }
    match &o.rendered_at {
        Some(r) => kwic(&o.counterpart, r, width, theme.get("counterpart")),
        None => kwic(&o.counterpart, &(0..0), width, Style::default()),
    }
}

/// `text` cut to `width` cells around `key`: what stands before it, the key styled, what
/// follows; each side cut with "…". White space runs become one space.
pub fn kwic(text: &str, key: &Range<usize>, width: usize, style: Style) -> Vec<Span<'static>> {
    let part = |r: Range<usize>| flat(text.get(r).unwrap_or(""));
    let (before, mid, after) = (
        part(0..key.start),
        part(key.clone()),
        part(key.end..text.len()),
    );
    let mid = take_front(&mid, width);
    let used = width_of(&mid);
    let room = width.saturating_sub(used);
    // The key stands a third of the way in when the text before it is long.
    let left_room = if mid.is_empty() {
        0
    } else {
        (room / 3).max(room.saturating_sub(width_of(&after)))
    };
    let before = take_back(&before, left_room.min(room));
    let after = take_front(&after, room.saturating_sub(width_of(&before)));
    let mut spans = vec![Span::raw(before)];
    if !mid.is_empty() {
        spans.push(Span::styled(mid, style));
    }
    spans.push(Span::raw(after.clone()));
    let pad = width.saturating_sub(spans.iter().map(|s| width_of(&s.content)).sum());
    spans.push(Span::raw(" ".repeat(pad)));
    spans
}

fn flat(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in sanitize(s).chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !space {
            out.push(' ');
        }
        space = c.is_whitespace();
    }
    out
}

fn width_of(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// The start of `s` in at most `width` cells, "…" at the end when cut.
fn take_front(s: &str, width: usize) -> String {
    if width_of(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        if w + char_width(c) + 1 > width {
            break;
        }
        w += char_width(c);
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The end of `s` in at most `width` cells, "…" at the start when cut.
fn take_back(s: &str, width: usize) -> String {
    if width_of(s) <= width {
        return s.to_string();
    }
    let mut rev = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        if w + char_width(c) + 1 > width {
            break;
        }
        w += char_width(c);
        rev.push(c);
    }
    let mut out = String::new();
    if width > 0 {
        out.push('…');
    }
    out.extend(rev.into_iter().rev());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_keyword_stays_in_view_and_the_line_fits_its_width() {
        let s = "On the question of the Korean armistice both sides held the same view throughout.";
        let at = s.find("Korean armistice").expect("in");
        let spans = kwic(s, &(at..at + 16), 30, Style::default());
        let line = text(&spans);
        assert!(line.contains("Korean armistice"), "{line}");
        assert_eq!(width_of(&line), 30, "{line}");
        assert!(
            line.starts_with('…') && line.trim_end().ends_with('…'),
            "{line}"
        );
        let zh = "双方在朝鲜停战问题上的意见完全一致。";
        let at = zh.find("朝鲜停战").expect("in");
        let line = text(&kwic(zh, &(at..at + 12), 16, Style::default()));
        assert!(line.contains("朝鲜停战"), "{line}");
        assert!(width_of(&line) <= 16, "{line}");
    }
}
