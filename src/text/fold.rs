//! Folding for matching names: case, hyphens, apostrophes, `ё` and Latin diacritics are
//! ignored (`KIM IL SUNG`, `Kim Il-sung`, `Hŭngnam`); Han, Hangul and Cyrillic letters stay.
//! The registry's names and the text they are sought in are folded the same way.

/// Case, hyphen and diacritic folding used for names and the text they are sought in.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn push_folded(c: char, out: &mut String) {
    // Most of a corpus is ASCII: one byte in, one byte out, without the Unicode tables.
    if c.is_ascii() {
        out.push(ascii_folded(c));
        return;
    }
    match c {
        '-' | '‐' | '‑' | '–' | '—' | '\u{a0}' | '\n' | '\t' => out.push(' '),
        '’' | 'ʼ' | '‘' => out.push('\''),
        'ё' | 'Ё' => out.push('е'),
        c if is_latin_extended(c) => {
            for f in deunicode::deunicode_char(c).unwrap_or("").chars() {
                out.extend(f.to_lowercase());
            }
        }
        c => out.extend(c.to_lowercase()),
    }
}

/// What [`push_folded`] makes of an ASCII character (always one ASCII character).
fn ascii_folded(c: char) -> char {
    match c {
        '-' | '\n' | '\t' => ' ',
        c => c.to_ascii_lowercase(),
    }
}

fn is_latin_extended(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Text folded for matching, with the original byte offset of every folded byte.
pub struct Folded {
    pub text: String,
    pub origin: Vec<usize>,
}

pub fn fold_with_offsets(text: &str) -> Folded {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            folded.push(ascii_folded(c));
            origin.push(at);
            continue;
        }
        let before = folded.len();
        push_folded(c, &mut folded);
        origin.extend(std::iter::repeat_n(at, folded.len() - before));
    }
    origin.push(text.len());
    Folded {
        text: folded,
        origin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_hyphens_and_diacritics_but_keeps_han() {
        assert_eq!(fold("Kim Il-sung"), "kim il sung");
        assert_eq!(fold("Hŭngnam"), "hungnam");
        assert_eq!(fold("KIM IL SUNG"), "kim il sung");
        assert_eq!(fold("金日成"), "金日成");
        assert_eq!(fold("Хрущёв"), "хрущев");
    }

    /// Folding one character at a time through the Unicode path, as before the ASCII path.
    fn reference(text: &str) -> (String, Vec<usize>) {
        let mut folded = String::new();
        let mut origin = Vec::new();
        for (at, c) in text.char_indices() {
            let before = folded.len();
            match c {
                '-' | '\n' | '\t' => folded.push(' '),
                c if c.is_ascii() => folded.extend(c.to_lowercase()),
                c => push_folded(c, &mut folded),
            }
            origin.extend(std::iter::repeat_n(at, folded.len() - before));
        }
        origin.push(text.len());
        (folded, origin)
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_path_folds_as_the_unicode_path(
            text in "[ -~\t\nŭÀ-ɏ金日成Хрущёв’ʼ‘—–\u{a0}]{0,40}",
        ) {
            let f = fold_with_offsets(&text);
            let (folded, origin) = reference(&text);
            proptest::prop_assert_eq!(f.text, folded);
            proptest::prop_assert_eq!(f.origin, origin);
        }
    }

    #[test]
    fn folded_offsets_point_back_into_the_original() {
        let f = fold_with_offsets("Hŭngnam 兴南");
        let start = f.text.find("兴南").expect("found");
        assert_eq!(f.origin[start], "Hŭngnam ".len());
    }
}
