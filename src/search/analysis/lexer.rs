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
    !is_cjk(c) && (c.is_alphanumeric() || is_combining_mark(c))
}

/// A lexical piece of text: a CJK run (each char with its byte range) or a word (byte range).
#[derive(Debug)]
pub enum Piece {
    Run(Vec<(char, Range<usize>)>),
    Word(Range<usize>),
}

/// Splits text into CJK runs and words; everything else separates them.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    // True while only whitespace has followed the last CJK run, which may then continue.
    let mut run_open = false;
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if is_word_char(c) {
            run_open = false;
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            out.push(Piece::Word(start..i));
        }
        if is_cjk(c) {
            match out.last_mut() {
                Some(Piece::Run(chars)) if run_open => chars.push((c, i..end)),
                _ => out.push(Piece::Run(vec![(c, i..end)])),
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
    use super::{Piece, pieces};

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
