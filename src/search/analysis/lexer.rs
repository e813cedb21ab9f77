//! The lexer shared by every field: CJK runs and words, and the folding of words.

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Scripts written without spaces between words, analysed by characters.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x3134F  // extensions B–G
        | 0x3005..=0x3007    // 々 〆 〇
        | 0x3040..=0x30FF    // hiragana, katakana
        | 0x1100..=0x11FF    // Hangul jamo
        | 0x3130..=0x318F    // Hangul compatibility jamo
        | 0xAC00..=0xD7AF    // Hangul syllables
    )
}

/// Letters and digits outside CJK, plus combining marks that continue a word.
fn is_word_char(c: char) -> bool {
    // ASCII first: most characters of English text, and none of them CJK or a mark.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_cjk(c) && (c.is_alphanumeric() || is_combining_mark(c))
}

/// A lexical piece of text: a CJK run (each char with its byte range) or a word (byte range).
#[derive(Debug)]
pub enum Piece<'a> {
    Run(&'a [(char, Range<usize>)]),
    Word(Range<usize>),
}

/// Splits text into CJK runs and words, in order; everything else separates them. Calls
/// `each` for every piece; a run's characters are folded ([`fold_run`]) and lent from `run`,
/// a buffer the caller keeps between texts, so that lexing allocates nothing per piece.
pub fn each_piece(
    text: &str,
    run: &mut Vec<(char, Range<usize>)>,
    mut each: impl FnMut(Piece<'_>),
) {
    fn flush_run(run: &mut Vec<(char, Range<usize>)>, each: &mut impl FnMut(Piece<'_>)) {
        if !run.is_empty() {
            fold_run(run);
            each(Piece::Run(run));
            run.clear();
        }
    }
    run.clear();
    // True while only whitespace has followed the last CJK run, which may then continue.
    let mut run_open = false;
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            run_open = false;
            flush_run(run, &mut each);
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            each(Piece::Word(start..i));
        }
        if is_cjk(c) {
            if !run_open {
                flush_run(run, &mut each);
            }
            run.push((c, i..i + c.len_utf8()));
            run_open = true;
        } else if !c.is_whitespace() {
            run_open = false;
            flush_run(run, &mut each);
        }
    }
    if let Some(start) = word_start {
        each(Piece::Word(start..text.len()));
    }
    flush_run(run, &mut each);
}

/// Splits text into CJK runs and words; everything else separates them (see [`each_piece`]).
#[cfg(test)]
pub fn pieces(text: &str) -> Vec<OwnedPiece> {
    let mut out = Vec::new();
    each_piece(text, &mut Vec::new(), |piece| {
        out.push(match piece {
            Piece::Run(chars) => OwnedPiece::Run(chars.to_vec()),
            Piece::Word(range) => OwnedPiece::Word(range),
        })
    });
    out
}

/// A [`Piece`] that owns its run, for tests.
#[cfg(test)]
#[derive(Debug, PartialEq, Eq)]
pub enum OwnedPiece {
    Run(Vec<(char, Range<usize>)>),
    Word(Range<usize>),
}

/// Traditional characters become simplified (`朝鮮` → `朝鲜`, `蘇聯` → `苏联`), in documents and
/// queries alike, so that either script finds both. The table is fast2s's (one simplified
/// character for each traditional one, chosen by its neighbours where that decides it), so
/// each character keeps its place and its byte range in the original text.
fn fold_run(chars: &mut [(char, Range<usize>)]) {
    let run: String = chars.iter().map(|(c, _)| *c).collect();
    let simplified = fast2s::convert(&run);
    if simplified.chars().count() != chars.len() {
        return; // Never expected: the table maps one character to one.
    }
    for ((c, _), s) in chars.iter_mut().zip(simplified.chars()) {
        *c = s;
    }
}

/// Lowercases and folds a word so that spelling variants of a name meet.
pub fn fold_word(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in word.chars() {
        for lower in c.to_lowercase() {
            fold_char(lower, out);
        }
    }
}

fn fold_char(c: char, out: &mut String) {
    match c {
        c if c.is_ascii() => out.push(c),
        // Full-width ASCII forms (ＫＩＭ, １９５６) as typed with a CJK input method.
        '\u{FF01}'..='\u{FF5E}' => {
            if let Some(a) = char::from_u32(c as u32 - 0xFEE0) {
                out.extend(a.to_lowercase());
            }
        }
        'ё' => out.push('е'),
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'ø' => out.push('o'),
        'ł' => out.push('l'),
        'đ' | 'ð' => out.push('d'),
        'þ' => out.push_str("th"),
        'ı' => out.push('i'),
        // Latin letters with diacritics (Hŭngnam, Pyŏngyang, Corée): decompose, drop the marks.
        // Only Latin: the same treatment would turn Russian й into и.
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
            out.extend(std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)))
        }
        c if is_combining_mark(c) => {}
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::{OwnedPiece as Piece, fold_run, is_cjk, is_word_char, pieces};
    use proptest::prelude::*;
    use std::ops::Range;

    /// The lexer as it was before it streamed: every piece collected first, runs folded after.
    fn collected_pieces(text: &str) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::new();
        let mut run_open = false;
        let mut word_start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                run_open = false;
                word_start.get_or_insert(i);
                continue;
            }
            if let Some(start) = word_start.take() {
                out.push(Piece::Word(start..i));
            }
            if is_cjk(c) {
                let range: Range<usize> = i..i + c.len_utf8();
                match out.last_mut() {
                    Some(Piece::Run(chars)) if run_open => chars.push((c, range)),
                    _ => out.push(Piece::Run(vec![(c, range)])),
                }
                run_open = true;
            } else if !c.is_whitespace() {
                run_open = false;
            }
        }
        if let Some(start) = word_start {
            out.push(Piece::Word(start..text.len()));
        }
        for piece in &mut out {
            if let Piece::Run(chars) = piece {
                fold_run(chars);
            }
        }
        out
    }

    proptest! {
        #[test]
        fn streaming_gives_the_pieces_collecting_gave(
            text in proptest::collection::vec(
                prop_oneof![
                    Just("金"), Just("日成"), Just("蘇聯"), Just("朝鮮"), Just("の"), Just("한"),
                    Just(" "), Just("  "), Just("\n"), Just("、"), Just(","), Just("-"),
                    Just("Kim"), Just("Il"), Just("Хрущёв"), Just("Pyŏngyang"), Just("e\u{301}"),
                    Just("\u{301}"), Just("ＫＩＭ"), Just("1956"), Just("ß"),
                ],
                0..24,
            ).prop_map(|parts| parts.concat())
        ) {
            prop_assert_eq!(pieces(&text), collected_pieces(&text));
        }
    }

    #[test]
    fn traditional_runs_fold_to_simplified_in_place() {
        let text = "蘇聯和朝鮮 停戰";
        let mut folded = String::new();
        for piece in pieces(text) {
            if let Piece::Run(chars) = piece {
                for (c, range) in chars {
                    // Each character keeps the byte range of the one it stands for.
                    assert_eq!(text[range].chars().count(), 1);
                    folded.push(c);
                }
            }
        }
        assert_eq!(folded, "苏联和朝鲜停战");
    }
}
