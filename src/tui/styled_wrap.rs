//! Wrapping styled lines ([`Line`]) to a width with the reader's own line breaker
//! ([`crate::text::wrap`]), which measures by display width. ratatui's `Paragraph` wrap can
//! leave a line one cell too wide when a wide (CJK) character does not fit the rest of the
//! row, so the last glyph spills into the next row of the terminal; text wrapped here never
//! does. A line too long for `max_rows` rows ends with "…".

use crate::text::wrap::{str_width, wrap};
use ratatui::text::{Line, Span};

/// Wraps every line to `width` cells. Styles, the line's own style and its alignment stay.
pub fn wrap_lines(lines: &[Line<'_>], width: u16) -> Vec<Line<'static>> {
    lines
        .iter()
        .flat_map(|line| wrap_line(line, width))
        .collect()
}

/// One line wrapped to `width` cells, as many rows as it needs.
pub fn wrap_line(line: &Line<'_>, width: u16) -> Vec<Line<'static>> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    // Byte offset where each span starts in `text`.
    let mut starts = Vec::with_capacity(line.spans.len());
    let mut at = 0;
    for s in &line.spans {
        starts.push(at);
        at += s.content.len();
    }
    wrap(&text, width as usize)
        .into_iter()
        .map(|range| {
            let mut spans = Vec::new();
            for (i, s) in line.spans.iter().enumerate() {
                let (s0, s1) = (starts[i], starts[i] + s.content.len());
                let (a, b) = (range.start.max(s0), range.end.min(s1));
                if a < b {
                    spans.push(Span::styled(text[a..b].to_string(), s.style));
                }
            }
            let mut out = Line::from(spans).style(line.style);
            out.alignment = line.alignment;
            out
        })
        .collect()
}

/// Like [`wrap_lines`], but a word wider than the whole width is cut with "…" instead of
/// being broken over rows: for labels and titles, where half a word reads as two words.
/// Chinese text, which breaks between any two characters, is wrapped as usual.
pub fn wrap_lines_whole_words(lines: &[Line<'_>], width: u16) -> Vec<Line<'static>> {
    lines
        .iter()
        .flat_map(|line| wrap_line(&ellipsize_long_words(line, width as usize), width))
        .collect()
}

/// `line` with every word (a run without spaces or wide characters) wider than `width`
/// cut to `width` with "…".
fn ellipsize_long_words(line: &Line<'_>, width: usize) -> Line<'static> {
    let spans = line.spans.iter().map(|s| {
        let mut out = String::with_capacity(s.content.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            if str_width(word) > width {
                out.push_str(&ellipsize(word, width));
            } else {
                out.push_str(word);
            }
            word.clear();
        };
        for c in s.content.chars() {
            if c.is_whitespace() || crate::text::wrap::char_width(c) > 1 {
                flush(&mut word, &mut out);
                out.push(c);
            } else {
                word.push(c);
            }
        }
        flush(&mut word, &mut out);
        Span::styled(out, s.style)
    });
    let mut out = Line::from(spans.collect::<Vec<_>>()).style(line.style);
    out.alignment = line.alignment;
    out
}

/// `text` cut to at most `width` cells, ending with "…" when anything was cut.
pub fn ellipsize(text: &str, width: usize) -> String {
    if str_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = crate::text::wrap::char_width(c);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// How many cells `line` takes.
pub fn line_width(line: &Line<'_>) -> usize {
    line.spans.iter().map(|s| str_width(&s.content)).sum()
}

/// `line` cut to at most `width` cells, ending with "…" when anything was cut; styles stay.
pub fn ellipsize_line(line: &Line<'_>, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    if line_width(line) <= width {
        spans.extend((line.spans.iter()).map(|s| Span::styled(s.content.to_string(), s.style)));
    } else {
        let mut room = width;
        for s in &line.spans {
            let w = str_width(&s.content);
            if w < room {
                spans.push(Span::styled(s.content.to_string(), s.style));
                room -= w;
            } else {
                // The last span that shows: cut it and end with "…" (room ≥ 1 here).
                spans.push(Span::styled(ellipsize(&s.content, room), s.style));
                break;
            }
        }
    }
    let mut out = Line::from(spans).style(line.style);
    out.alignment = line.alignment;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    #[test]
    fn wide_text_never_exceeds_the_width_and_keeps_its_styles() {
        let line = Line::from(vec![
            Span::raw("ab "),
            Span::styled("定进一步扩大两国在经济文化方面的合作", Style::new().bold()),
        ]);
        for w in 1..40u16 {
            let rows = wrap_line(&line, w);
            for r in &rows {
                assert!(r.width() <= w as usize || r.width() == 2, "{w}: {r:?}");
            }
            let all: String = rows.iter().map(|r| r.to_string()).collect();
            assert_eq!(
                all.replace(' ', ""),
                "ab定进一步扩大两国在经济文化方面的合作"
            );
        }
        let rows = wrap_line(&line, 35);
        assert!(rows.iter().all(|r| r.width() <= 35));
        assert!(rows[0].spans.iter().any(|s| s.style == Style::new().bold()));
    }

    #[test]
    fn whole_word_wrapping_cuts_a_word_wider_than_the_line_with_an_ellipsis_only() {
        let line = Line::from(vec![
            Span::raw("see "),
            Span::raw("1960-09-14-journal-soviet-ambassador-dprk ¶9 苏朝两国政府发表"),
        ]);
        let rows: Vec<String> = wrap_lines_whole_words(&[line], 12)
            .iter()
            .map(|r| r.to_string())
            .collect();
        assert_eq!(
            rows,
            ["see", "1960-09-14-…", "¶9 苏朝两国", "政府发表"],
            "the long id is cut once, the short words and the Chinese wrap"
        );
    }

    #[test]
    fn ellipsize_ends_with_an_ellipsis_only_when_cut() {
        assert_eq!(ellipsize("short", 10), "short");
        assert_eq!(ellipsize("a long title", 8), "a long…");
        assert_eq!(str_width(&ellipsize("苏朝两国政府发表联合公报", 9)), 9);
        assert_eq!(ellipsize("x", 0), "");
        let line = Line::from(vec![Span::raw("key  "), Span::raw("a long description")]);
        let cut = ellipsize_line(&line, 12);
        assert_eq!(line_width(&cut), 12);
        assert_eq!(cut.spans[1].content, "a long…");
    }
}
