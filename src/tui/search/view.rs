//! The `/` window: a query line, one line saying how the search went (count, a note on how
//! the query was read, or why search is unavailable), and the results, each a line with date,
//! pinpoint and title followed by a snippet per language with the matches highlighted.
//!
//! The window is the search component's view: it reads only [`SearchState`] and the theme.
//! It sits above the overlay stack while it shows (`SearchState::open`), and its keys go to
//! `SearchState::key`.

use crate::search::{Hit, OwnHit, SearchResults, Snippet};
use crate::text::sanitize::sanitize;
use crate::tui::search::state::SearchState;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Snippet lines shown per result (the languages of the block, in language order).
const SNIPPETS_PER_HIT: usize = 2;

/// Draws the window over `area` (the whole screen) from the search state alone.
pub fn draw(s: &SearchState, t: &Theme, area: Rect, buf: &mut Buffer) {
    if area.width < 10 || area.height < 5 {
        return;
    }
    let width = area.width.saturating_sub(4).min(140);
    let height = area.height.saturating_sub(2);
    let inner = crate::tui::overlay::window(
        t,
        area,
        width,
        height,
        " Search (enter opens, esc closes) ",
        buf,
    );
    let mut lines = vec![
        Line::from(vec![
            Span::styled("/ ", t.get("help_key")),
            Span::styled(one_line(&s.query), t.get("filter")),
            Span::raw("▏"),
        ]),
        info_line(s, t),
    ];
    let list_height = (inner.height as usize).saturating_sub(lines.len());
    if let Some(results) = &s.results {
        lines.extend(result_lines(results, s.selected, list_height, t));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// Text from the user or a document on one line, safe for the terminal.
fn one_line(text: &str) -> String {
    sanitize(text).replace('\n', " ")
}

/// The line under the query: what is going on, or how many results there are.
fn info_line(s: &SearchState, t: &Theme) -> Line<'static> {
    if let Some(status) = s.index.describe() {
        let style = match s.index {
            crate::tui::search::state::IndexStatus::Unavailable(_) => t.get("status_error"),
            _ => t.get("status_info"),
        };
        return Line::styled(one_line(&status), style);
    }
    if let Some(failure) = &s.failure {
        return Line::styled(one_line(failure), t.get("status_error"));
    }
    if s.query.trim().is_empty() {
        return Line::styled(
            "words, \"phrases\", OR, -word, kind: lang: year: date:1956..1961 title: note: tag: collection:",
            t.get("status_hint"),
        );
    }
    let Some(r) = &s.results else {
        return Line::styled("searching…", t.get("status_hint"));
    };
    let mut spans = vec![Span::styled(count(r), t.get("status_info"))];
    if s.waiting() {
        spans.push(Span::styled(" · searching…", t.get("status_hint")));
    }
    // How the parser read what it did not understand: on this line, never a screen of its own.
    if !r.notes.is_empty() {
        spans.push(Span::styled(
            format!(" · {}", one_line(&r.notes.join("; "))),
            t.get("status_warn"),
        ));
    }
    Line::from(spans)
}

fn count(r: &SearchResults) -> String {
    let docs = match (r.total, r.hits.len()) {
        (0, _) if !r.own.is_empty() => String::new(),
        (0, _) => "no results".into(),
        (1, _) => "1 result".into(),
        (t, n) if n < t => format!("{t} results, the best {n} shown"),
        (t, _) => format!("{t} results"),
    };
    let own = match r.own.len() {
        0 => String::new(),
        1 => "1 of your notes".into(),
        n => format!("{n} of your notes"),
    };
    match (docs.is_empty(), own.is_empty()) {
        (false, false) => format!("{docs} · {own}"),
        (true, _) => own,
        (false, true) => docs,
    }
}

/// One result row: a document's hit, or a note of the user's (listed after the hits).
enum Row<'a> {
    Doc(&'a Hit),
    Own(&'a OwnHit),
}

impl Row<'_> {
    fn lines(&self, selected: bool, t: &Theme) -> Vec<Line<'static>> {
        match self {
            Row::Doc(hit) => {
                let mut out = vec![header(hit, selected, t)];
                for snip in hit.snippets.iter().take(SNIPPETS_PER_HIT) {
                    out.push(snippet_line(snip, t));
                }
                out
            }
            Row::Own(own) => own_lines(own, selected, t),
        }
    }
}

/// The results that fit in `height` rows, scrolled so the selected one is whole on screen.
fn result_lines(
    r: &SearchResults,
    selected: usize,
    height: usize,
    t: &Theme,
) -> Vec<Line<'static>> {
    let rows: Vec<Row<'_>> = (r.hits.iter().map(Row::Doc))
        .chain(r.own.iter().map(Row::Own))
        .collect();
    let heights: Vec<usize> = rows.iter().map(|row| row.lines(false, t).len()).collect();
    // The first result to show: as late as needed for the selected one to end on screen.
    let mut first = selected.min(rows.len().saturating_sub(1));
    let mut used = heights.get(first).copied().unwrap_or(0);
    while first > 0 && used + heights[first - 1] <= height {
        first -= 1;
        used += heights[first];
    }
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(first) {
        if out.len() >= height {
            break;
        }
        out.extend(row.lines(i == selected, t));
    }
    out.truncate(height);
    out
}

/// `▶ note       ¶2  Title`, the quote, the note's first line: a note shown as a note.
fn own_lines(own: &OwnHit, selected: bool, t: &Theme) -> Vec<Line<'static>> {
    let what = if own.note.is_empty() {
        "highlight"
    } else {
        "note"
    };
    let at = own
        .block
        .map_or_else(|| "doc".to_string(), crate::tui::pinpoint::block_pin);
    let head = Line::from(vec![
        Span::raw(if selected { "▶ " } else { "  " }),
        Span::styled(format!("{what:<10}"), t.get("status_info")),
        Span::styled(format!("  {at:<5} "), t.get("gutter")),
        Span::styled(one_line(&own.title), t.get("list_title")),
    ]);
    let mut out = vec![if selected {
        head.style(t.get("selected"))
    } else {
        head
    }];
    if !own.quote.is_empty() {
        out.push(Line::from(vec![
            Span::styled("    “", t.get("lang_tag")),
            Span::raw(one_line(&own.quote)),
            Span::styled("”", t.get("lang_tag")),
        ]));
    }
    if let Some(first) = own.note.lines().find(|l| !l.trim().is_empty()) {
        out.push(Line::from(vec![
            Span::styled("    ✎ ", t.get("lang_tag")),
            Span::raw(one_line(first)),
        ]));
    }
    out
}

/// `▶ 1956-07-14  ¶12  Title`.
fn header(hit: &Hit, selected: bool, t: &Theme) -> Line<'static> {
    let date = hit
        .date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "undated".into());
    let at = hit.block.place();
    let line = Line::from(vec![
        Span::raw(if selected { "▶ " } else { "  " }),
        Span::styled(format!("{date:<10}"), t.get("list_date")),
        Span::styled(format!("  {at:<5} "), t.get("gutter")),
        Span::styled(one_line(&hit.title), t.get("list_title")),
    ]);
    if selected {
        line.style(t.get("selected"))
    } else {
        line
    }
}

/// `    zh …text with the match highlighted…`.
fn snippet_line(s: &Snippet, t: &Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!("    {} ", s.lang.code()),
        t.get("lang_tag"),
    )];
    if s.cut_before {
        spans.push(Span::raw("…"));
    }
    let hit_style = t.get("search_hit");
    let mut at = 0;
    for r in &s.highlights {
        let (Some(before), Some(hit)) = (s.text.get(at..r.start), s.text.get(r.clone())) else {
            continue;
        };
        spans.push(Span::raw(one_line(before)));
        spans.push(Span::styled(one_line(hit), hit_style));
        at = r.end;
    }
    spans.push(Span::raw(one_line(s.text.get(at..).unwrap_or(""))));
    if s.cut_after {
        spans.push(Span::raw("…"));
    }
    Line::from(spans).style(Style::default())
}
