//! Sentence splitting per language, as byte ranges of the block text.
//!
//! Chinese ends a sentence at 。！？； (full- and half-width forms) and Latin and Cyrillic
//! text at `.`, `!`, `?` followed by a space and a capital, except after an abbreviation
//! (`Cde.`, `No.`, `Art.`, `тов.`), an initial (`A. M. Puzanov`) or a dotted acronym
//! (`U.S.S.R.`). Closing quotes, brackets and footnote markers after the mark stay with the
//! sentence they close. A line break always ends a sentence: lines inside a block are the
//! source's own lines (heading lines, list items).

use crate::model::Lang;
use std::ops::Range;

/// The sentences of `text`, in order, trimmed of surrounding white space; every non-blank
/// character of the text is in exactly one of them.
pub fn sentences(lang: Lang, text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '\n' {
            push_trimmed(text, start..i, &mut out);
            start = i + 1;
            continue;
        }
        if !is_terminal(c) {
            continue;
        }
        let end = closed_end(text, i + c.len_utf8());
        if ends_sentence(lang, text, i, c, end) {
            push_trimmed(text, start..end, &mut out);
            start = end;
            // Skip what `closed_end` absorbed.
            while iter.peek().is_some_and(|(j, _)| *j < end) {
                iter.next();
            }
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '．' | '｡' | '.' | '!' | '?' | ';' | '…'
    )
}

fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Characters that close a sentence after its mark: quotes, brackets, more marks.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '」'
            | '』'
            | '）'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '］'
            | '｣'
            | '。'
            | '！'
            | '？'
            | '.'
            | '!'
            | '?'
            | '…'
    )
}

/// The end of a sentence whose mark ends at `at`: closers and `[^id]` markers follow it.
fn closed_end(text: &str, mut at: usize) -> usize {
    loop {
        let rest = &text[at..];
        if let Some(c) = rest.chars().next().filter(|c| is_closer(*c)) {
            at += c.len_utf8();
        } else if rest.starts_with("[^")
            && let Some(close) = rest.find(']')
            && !rest[..close].contains(char::is_whitespace)
        {
            at += close + 1;
        } else {
            return at;
        }
    }
}

fn ends_sentence(lang: Lang, text: &str, at: usize, mark: char, end: usize) -> bool {
    if is_cjk_terminal(mark) {
        return true;
    }
    let before = text[..at].chars().next_back();
    let after = text[end..].chars().next();
    let han_before = before.is_some_and(is_han);
    if lang == Lang::Zh && (matches!(mark, '；' | '．') || han_before) {
        // Half-width marks in Chinese OCR: a full stop between digits is a decimal point.
        return !(mark == '.' && after.is_some_and(|c| c.is_ascii_digit()));
    }
    match mark {
        ';' | '；' => false,
        _ => latin_break(text, at, mark, end),
    }
}

/// A Latin or Cyrillic mark ends a sentence before white space and a capital, a digit
/// after `?`/`!`, an opening quote or bracket, or at the end of the text.
fn latin_break(text: &str, at: usize, mark: char, end: usize) -> bool {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\t', '\u{3000}']);
    let Some(next) = trimmed.chars().next() else {
        return true;
    };
    if next == '\n' {
        return true;
    }
    if trimmed.len() == rest.len() {
        // No space after the mark: `U.S.S.R`, `3.5`, `...`.
        return is_han(next);
    }
    let opens = next.is_uppercase()
        || is_han(next)
        || matches!(next, '"' | '“' | '‘' | '«' | '(' | '[' | '„' | '—');
    if !opens {
        return false;
    }
    if mark != '.' && mark != '…' {
        return true;
    }
    !is_abbreviation(word_before(text, at))
}

/// The word that a full stop at `at` closes, without the stop itself.
fn word_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let start = head
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '«' | '‘'))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    &head[start..]
}

/// Abbreviations that are followed by a capital inside a sentence, lowercased, without the
/// stop: titles and ranks (`Cde.`), references (`No.`, `Art.`), months, Russian and French
/// usage. `etc.` is left out: it ends sentences as often as not.
const ABBREVIATIONS: &[&str] = &[
    "cde", "comr", "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "col", "lt", "capt", "maj",
    "sgt", "adm", "gov", "pres", "sen", "rep", "amb", "hon", "rev", "st", "mt", "jr", "sr", "no",
    "nos", "art", "arts", "para", "paras", "sec", "ch", "vol", "vols", "pp", "p", "fig", "ed",
    "eds", "cf", "vs", "viz", "approx", "ca", "inc", "ltd", "co", "corp", "dept", "govt", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "тов", "т", "г",
    "гг", "им", "ул", "стр", "с", "см", "ст", "д", "л", "лл", "оп", "ф", "пр", "проф", "акад",
    "ген", "полк", "св", "м", "mm", "mme", "mlle", "ste",
];

fn is_abbreviation(word: &str) -> bool {
    let letters: Vec<char> = word.chars().collect();
    // An initial: `A.` in `A. M. Puzanov`, `Н.` in `Н. С. Хрущёв`.
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true;
    }
    // A dotted acronym or abbreviation: `U.S.S.R`, `e.g`, `т.е`.
    if word.contains('.') && word.chars().filter(|c| *c != '.').all(char::is_alphabetic) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let part = &text[range.clone()];
    let lead = part.len() - part.trim_start_matches(is_blank).len();
    let trail = part.len() - part.trim_end_matches(is_blank).len();
    if lead < part.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(lang: Lang, text: &str) -> Vec<&str> {
        sentences(lang, text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn chinese_sentences_end_at_full_and_half_width_marks_with_their_closing_quotes() {
        assert_eq!(
            split(
                Lang::Zh,
                "他说：“和平。”双方同意！是否？是；好. 数值3.5不断开。"
            ),
            vec![
                "他说：“和平。”",
                "双方同意！",
                "是否？",
                "是；",
                "好.",
                "数值3.5不断开。"
            ]
        );
        assert_eq!(
            split(Lang::Zh, "（完）新华社13日电　七月十二日，公报发表。"),
            vec!["（完）新华社13日电　七月十二日，公报发表。"]
        );
    }

    #[test]
    fn abbreviations_initials_and_acronyms_do_not_end_a_sentence() {
        assert_eq!(
            split(
                Lang::En,
                "Cde. Kim met A. M. Puzanov. See No. 6045 and Art. 3. The U.S.S.R. Embassy agreed. Why? \"Because.\" Done"
            ),
            vec![
                "Cde. Kim met A. M. Puzanov.",
                "See No. 6045 and Art. 3.",
                "The U.S.S.R. Embassy agreed.",
                "Why?",
                "\"Because.\"",
                "Done"
            ]
        );
        assert_eq!(
            split(
                Lang::Ru,
                "Тов. Пузанов принял Н. С. Хрущёва. Беседа длилась час."
            ),
            vec!["Тов. Пузанов принял Н. С. Хрущёва.", "Беседа длилась час."]
        );
    }

    #[test]
    fn a_lower_case_word_after_a_stop_continues_the_sentence_and_lines_end_one() {
        assert_eq!(
            split(
                Lang::En,
                "about 5 p.m. on Monday, approx. five.\nNext line; same"
            ),
            vec!["about 5 p.m. on Monday, approx. five.", "Next line; same"]
        );
    }

    #[test]
    fn footnote_markers_stay_with_the_sentence_they_follow() {
        assert_eq!(
            split(Lang::En, "It was signed.[^1] Then it was ratified."),
            vec!["It was signed.[^1]", "Then it was ratified."]
        );
    }
}
