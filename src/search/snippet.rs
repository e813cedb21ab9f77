//! Snippets: a one-line window of a block around its first match, with every match inside the
//! window marked. The window never cuts a match, never starts or ends inside a word, and
//! always falls on char boundaries; whitespace runs (line breaks included) become one space.

use crate::model::Lang;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Display columns of snippet text aimed at (the whole match is kept even if longer).
pub const SNIPPET_WIDTH: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    pub lang: Lang,
    pub text: String,
    /// Byte ranges of `text` that matched.
    pub highlights: Vec<Range<usize>>,
    /// Text of the block was left out before / after the window.
    pub cut_before: bool,
    pub cut_after: bool,
}

/// Cuts a snippet of about `width` columns out of `text` around `matches[0]`.
pub fn make(lang: Lang, text: &str, matches: &[Range<usize>], width: usize) -> Snippet {
    let focus = matches.first().cloned().unwrap_or(0..0);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let w = |c: char| c.width().unwrap_or(0).max(1);
    // Index (in `chars`) of the first and one-past-last char of the focus match.
    let first = chars.partition_point(|(i, _)| *i < focus.start);
    let last = chars.partition_point(|(i, _)| *i < focus.end);
    let mut used: usize = chars[first..last].iter().map(|(_, c)| w(*c)).sum();
    // A third of what is left goes before the match, the rest after it.
    let before_budget = width.saturating_sub(used) / 3;
    let mut lo = first;
    let mut spent = 0;
    while lo > 0 && spent + w(chars[lo - 1].1) <= before_budget {
        lo -= 1;
        spent += w(chars[lo].1);
    }
    used += spent;
    let mut hi = last;
    while hi < chars.len() && used + w(chars[hi].1) <= width {
        used += w(chars[hi].1);
        hi += 1;
    }
    // Do not start or end in the middle of a word: drop the partial word at each cut edge.
    let is_word = |c: char| c.is_alphanumeric() && !super::analysis::is_cjk(c);
    if lo > 0 && is_word(chars[lo - 1].1) {
        while lo < first && is_word(chars[lo].1) {
            lo += 1;
        }
    }
    if hi < chars.len() && is_word(chars[hi].1) {
        while hi > last && is_word(chars[hi - 1].1) {
            hi -= 1;
        }
    }
    let start = chars.get(lo).map_or(text.len(), |(i, _)| *i);
    let end = chars.get(hi).map_or(text.len(), |(i, _)| *i);
    let window = &text[start..end];
    let (collapsed, map) = collapse_whitespace(window);
    let highlights = matches
        .iter()
        .filter(|m| m.start >= start && m.end <= end && m.start < m.end)
        .map(|m| map(m.start - start)..map(m.end - start))
        .collect();
    Snippet {
        lang,
        text: collapsed.trim_end().to_string(),
        highlights,
        cut_before: text[..start].trim().chars().next().is_some(),
        cut_after: text[end..].trim().chars().next().is_some(),
    }
    .trimmed()
}

impl Snippet {
    /// Drops leading whitespace, moving the highlights with it.
    fn trimmed(mut self) -> Self {
        let lead = self.text.len() - self.text.trim_start().len();
        if lead > 0 {
            self.text.drain(..lead);
            for h in &mut self.highlights {
                h.start = h.start.saturating_sub(lead);
                h.end = h.end.saturating_sub(lead);
            }
        }
        let len = self.text.len();
        for h in &mut self.highlights {
            h.end = h.end.min(len);
            h.start = h.start.min(h.end);
        }
        self
    }
}

/// Collapses whitespace runs to one space; returns the text and a map of old → new offsets.
fn collapse_whitespace(s: &str) -> (String, impl Fn(usize) -> usize) {
    let mut out = String::with_capacity(s.len());
    let mut offsets = Vec::with_capacity(s.len() + 1);
    let mut prev_space = false;
    for c in s.chars() {
        // Every byte of this char maps to where the char lands in `out`.
        for _ in 0..c.len_utf8() {
            offsets.push(out.len());
        }
        if c.is_whitespace() {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
        } else {
            out.push(c);
            prev_space = false;
        }
    }
    offsets.push(out.len());
    (out, move |o: usize| offsets.get(o).copied().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_match_is_whole_and_edges_do_not_cut_words() {
        let text = "Premier of the Korean Cabinet Kim Il-sung. The communiqué announced that the Korean government delegation, headed by Kim Il-sung, visited Moscow";
        let m = text.find("Kim Il-sung").map(|s| s..s + "Kim Il-sung".len());
        let Some(m) = m else { panic!("fixture") };
        let s = make(Lang::En, text, &[m], 40);
        let h = &s.highlights[0];
        assert_eq!(&s.text[h.clone()], "Kim Il-sung");
        // The window is a stretch of the original with whole words at both edges.
        let Some(at) = text.find(&s.text) else {
            panic!("not a window: {:?}", s.text)
        };
        let end = at + s.text.len();
        assert!(!text[..at].ends_with(char::is_alphanumeric), "{:?}", s.text);
        assert!(
            !text[end..].starts_with(char::is_alphanumeric),
            "{:?}",
            s.text
        );
        assert!(s.cut_before && s.cut_after);
    }

    #[test]
    fn chinese_windows_fall_on_char_boundaries_and_collapse_line_breaks() {
        let text = "苏朝两国政府发表联合公报\n    双方支持就和平解决朝鲜问题召开国际会议";
        let start = text.find("双方").unwrap_or(0);
        let s = make(
            Lang::Zh,
            text,
            std::slice::from_ref(&(start..start + "双方".len())),
            12,
        );
        assert_eq!(&s.text[s.highlights[0].clone()], "双方");
        assert!(!s.text.contains('\n'));
        assert!(
            s.text
                .chars()
                .map(|c| c.width().unwrap_or(0))
                .sum::<usize>()
                <= 12
        );
    }

    #[test]
    fn a_match_longer_than_the_width_is_kept_whole() {
        let text = "ab 和平解决朝鲜问题 cd";
        let start = text.find('和').unwrap_or(0);
        let end = start + "和平解决朝鲜问题".len();
        let s = make(Lang::Zh, text, std::slice::from_ref(&(start..end)), 4);
        assert_eq!(s.text, "和平解决朝鲜问题");
        assert_eq!(s.highlights, vec![0..s.text.len()]);
    }
}
