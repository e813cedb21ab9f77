//! Wrapping text to a display width, for Latin and Chinese alike.
//!
//! Widths are terminal cells (`unicode-width`): a Chinese character takes two. Latin text
//! breaks at spaces; between two wide (CJK) characters a break is always allowed; Chinese
//! line-breaking rules (kinsoku) keep closing punctuation such as `，。」` off the start of a
//! line and opening brackets such as `（「` off its end. A word wider than the line is cut at
//! character boundaries. The result is byte ranges into the input, so callers keep their own
//! per-byte information (styles, highlights) without copying text.

use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Display width of one character; controls and combining marks count zero.
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display width of a string.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Characters that must not begin a line (closing punctuation, small marks).
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〉'
            | '》'
            | '〕'
            | '］'
            | '｝'
            | '〗'
            | '〙'
            | '”'
            | '’'
            | '…'
            | '‥'
            | '・'
            | '·'
            | 'ー'
            | '々'
            | '％'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
            | '¹'
            | '²'
            | '³'
            | '⁰'..='⁹'
    )
}

/// Characters that must not end a line (opening brackets and quotes).
fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '【' | '〈' | '《' | '〔' | '［' | '｛' | '〖' | '〘' | '“' | '‘'
    )
}

/// A character that may be broken before and after on its own (CJK ideographs, kana,
/// hangul, fullwidth punctuation): everything two cells wide.
fn is_wide(c: char) -> bool {
    char_width(c) >= 2
}

/// Wraps `text` to lines of at most `width` cells and returns each line as a byte range of
/// `text`. A `\n` always ends a line (and is in no range); spaces where a line was broken are
/// dropped. Every line fits, except a single character wider than `width`, which gets a line
/// of its own. A width of 0 is treated as 1. The empty string is one empty line.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        wrap_line(line, start, width, &mut out);
        start += line.len() + 1;
    }
    out
}

/// One unit the greedy filler places: a run that must stay together, or a run of spaces.
#[derive(Clone, Copy, Debug)]
struct Unit {
    start: usize,
    end: usize,
    width: usize,
    space: bool,
}

/// Splits a line into units: runs of spaces, single wide characters, runs of other
/// characters (words); then glues units together where kinsoku forbids a break.
fn units(line: &str, base: usize) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    for (i, c) in line.char_indices() {
        let (start, end, w) = (base + i, base + i + c.len_utf8(), char_width(c));
        let space = c.is_whitespace();
        let joins_previous = match units.last() {
            Some(prev) if space => prev.space,
            Some(prev) if prev.space => false,
            Some(_) => {
                let p = line[..i].chars().next_back();
                // Latin words stay whole; a closing mark clings to what precedes it; an
                // opening bracket clings to what follows it; zero-width marks to their base.
                // Anything else next to a wide character may be broken.
                (!is_wide(c) && p.is_some_and(|p| !is_wide(p)))
                    || no_line_start(c)
                    || p.is_some_and(no_line_end)
                    || w == 0
            }
            None => false,
        };
        match units.last_mut() {
            Some(prev) if joins_previous => {
                prev.end = end;
                prev.width += w;
            }
            _ => units.push(Unit {
                start,
                end,
                width: w,
                space,
            }),
        }
    }
    units
}

fn wrap_line(line: &str, base: usize, width: usize, out: &mut Vec<Range<usize>>) {
    let first = out.len();
    fill_line(line, base, width, out);
    if out.len() >= first + 2 {
        avoid_a_lone_last_character(line, base, width, out);
    }
}

/// A Chinese paragraph (or headline line) whose last line holds one character alone reads as
/// a stray: Chinese typesetting pulls a second character down from the line above. Here the
/// last unit of the line above moves down when it is a wide character, the line above keeps
/// at least two units, and the last line still fits. Kinsoku holds: units already carry the
/// punctuation that may not start or end a line. Latin text is left alone: one word on the
/// last line is ordinary there.
fn avoid_a_lone_last_character(line: &str, base: usize, width: usize, out: &mut [Range<usize>]) {
    let n = out.len();
    let (prev, last) = (out[n - 2].clone(), out[n - 1].clone());
    let last_text = &line[last.start - base..last.end - base];
    let lone = units(last_text, last.start);
    let [only] = lone.as_slice() else {
        return;
    };
    if only.space || !last_text.chars().next().is_some_and(is_wide) || prev.end != last.start {
        return;
    }
    let above = units(&line[prev.start - base..prev.end - base], prev.start);
    let Some((moved, rest)) = above.split_last() else {
        return;
    };
    let kept = rest.iter().filter(|u| !u.space).count();
    let before = rest.last();
    if moved.space
        || !line[moved.start - base..]
            .chars()
            .next()
            .is_some_and(is_wide)
        || kept < 2
        || before.is_none_or(|u| u.space)
        || moved.width + only.width > width
    {
        return;
    }
    out[n - 2] = prev.start..moved.start;
    out[n - 1] = moved.start..last.end;
}

fn fill_line(line: &str, base: usize, width: usize, out: &mut Vec<Range<usize>>) {
    let mut line_start = base;
    let mut line_end = base; // end of the last non-space unit placed on the current line
    let mut used = 0usize; // width up to line_end
    let mut pending_space: Option<Unit> = None;
    let mut empty = true;
    for unit in units(line, base) {
        if unit.space {
            if empty && line_start == base {
                // Indentation at the start of the text line is kept when it fits.
                if unit.width <= width {
                    used = unit.width;
                    line_end = unit.end;
                }
                continue;
            }
            if !empty {
                pending_space = Some(unit);
            }
            continue;
        }
        let space_w = pending_space.map_or(0, |s| s.width);
        if used + space_w + unit.width <= width {
            used += space_w + unit.width;
            line_end = unit.end;
            empty = false;
            pending_space = None;
            continue;
        }
        // Does not fit: close the current line if it holds anything.
        if !empty || line_end > line_start {
            out.push(line_start..line_end);
        }
        pending_space = None;
        line_start = unit.start;
        line_end = unit.start;
        used = 0;
        empty = true;
        if unit.width <= width {
            used = unit.width;
            line_end = unit.end;
            empty = false;
            continue;
        }
        // Wider than a line: cut at character boundaries.
        for (i, c) in line[unit.start - base..unit.end - base].char_indices() {
            let w = char_width(c);
            let at = unit.start + i;
            if used + w > width && !empty {
                out.push(line_start..at);
                line_start = at;
                used = 0;
            }
            used += w;
            line_end = at + c.len_utf8();
            empty = false;
        }
    }
    out.push(line_start..line_end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn latin_text_breaks_at_spaces_and_drops_them() {
        assert_eq!(
            lines("Both sides support the proposal", 10),
            ["Both sides", "support", "the", "proposal"]
        );
    }

    #[test]
    fn chinese_breaks_between_any_two_characters_by_display_width() {
        assert_eq!(lines("苏朝两国政府发表", 6), ["苏朝两", "国政府", "发表"]);
        assert_eq!(lines("苏朝两国政府发表", 7), ["苏朝两", "国政府", "发表"]);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        // Width 6 would put "，" first on line two; it clings to the previous character.
        let got = lines("七月十二日，苏联政府", 10);
        // (and 府 does not end the paragraph alone: 政 comes down with it).
        assert_eq!(got, ["七月十二", "日，苏联", "政府"]);
        for text in [
            "双方表示，它们将。",
            "（朝鲜）问题」结束』。",
            "新华社莫斯科13日电。",
        ] {
            // From width 6 up every glued run (at most three characters) fits on a line.
            for w in 6..14 {
                for l in lines(text, w) {
                    let first = l.chars().next();
                    assert!(
                        !first.is_some_and(no_line_start),
                        "{l:?} starts a line at width {w}"
                    );
                }
            }
        }
    }

    #[test]
    fn no_line_ends_with_an_opening_bracket() {
        let got = lines("苏联「朝鲜」问题", 6);
        assert!(got.iter().all(|l| !l.ends_with('「')), "{got:?}");
        assert_eq!(got.concat(), "苏联「朝鲜」问题");
    }

    #[test]
    fn mixed_chinese_and_latin_keep_words_whole() {
        let text = "新华社Moscow电 July 13th 公报";
        let got = lines(text, 8);
        for l in &got {
            assert!(str_width(l) <= 8, "{l:?}");
        }
        assert!(got.contains(&"Moscow电"), "{got:?}");
        assert!(got.iter().any(|l| l.contains("July")), "{got:?}");
    }

    #[test]
    fn words_longer_than_the_line_are_cut_at_char_boundaries() {
        assert_eq!(
            lines("internationalisation", 8),
            ["internat", "ionalisa", "tion"]
        );
        assert_eq!(lines("ab 朝鲜民主主义", 4), ["ab", "朝鲜", "民主", "主义"]);
    }

    #[test]
    fn width_one_puts_each_character_on_its_own_line() {
        assert_eq!(lines("ab", 1), ["a", "b"]);
        // A wide character cannot fit: it gets a line of its own rather than vanishing.
        assert_eq!(lines("朝鲜", 1), ["朝", "鲜"]);
    }

    #[test]
    fn width_zero_terminates_and_behaves_as_width_one() {
        assert_eq!(wrap("ab 朝", 0), wrap("ab 朝", 1));
        assert_eq!(lines("", 0), [""]);
    }

    #[test]
    fn newlines_end_lines_and_empty_lines_survive() {
        assert_eq!(lines("a b\n\nc", 10), ["a b", "", "c"]);
        assert_eq!(lines("", 5), [""]);
    }

    #[test]
    fn every_line_fits_and_nothing_but_spaces_is_lost() {
        let text = "The communiqué stated that 苏朝两国的全面的友好联系，符合于两国人民的利益，\
                    有助于巩固世界和平 (especially peace and security in the Far East).";
        for w in 1..40 {
            let got = wrap(text, w);
            let joined: String = got.iter().map(|r| &text[r.clone()]).collect();
            let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(squash(&joined), squash(text), "width {w}");
            for r in &got {
                let l = &text[r.clone()];
                assert!(
                    str_width(l) <= w || l.chars().count() == 1,
                    "{l:?} wider than {w}"
                );
            }
        }
    }

    #[test]
    fn a_chinese_line_never_ends_with_one_character_alone() {
        // The People's Daily headline at 80 columns: 19 characters in a column of 18.
        let head = "双方支持就和平解决朝鲜问题召开国际会议";
        assert_eq!(
            lines(head, 36),
            ["双方支持就和平解决朝鲜问题召开国际", "会议"]
        );
        // From three characters a line (two would leave the line above alone instead).
        for width in 6..60 {
            for text in [
                head,
                "决定进一步扩大两国在经济文化方面的合作。",
                "苏朝两国政府发表联合公报",
            ] {
                let got = lines(text, width);
                let last = got.last().copied().unwrap_or("");
                if got.len() >= 2 {
                    let hanzi = last.chars().filter(|c| is_wide(*c) && !no_line_start(*c));
                    assert!(hanzi.count() >= 2, "{width}: {got:?}");
                }
                assert_eq!(got.concat(), text, "nothing lost at {width}");
                assert!(
                    got.iter().all(|l| str_width(l) <= width),
                    "{width}: {got:?}"
                );
            }
        }
        // Latin text keeps a last word alone.
        assert_eq!(lines("one two three four", 14), ["one two three", "four"]);
    }

    #[test]
    fn leading_indentation_is_kept_on_the_first_line() {
        assert_eq!(lines("  indented text", 20), ["  indented text"]);
    }
}
