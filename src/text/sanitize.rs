//! Document text never reaches the terminal as control sequences: ESC, BEL, C0 and C1 controls
//! and DEL become visible placeholders (the Unicode "control pictures" where one exists).

use std::borrow::Cow;

/// Replaces every control character except `\n` by a visible placeholder; tabs become a space.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_control(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                c if is_control(c) => placeholder(c),
                c => c,
            })
            .collect(),
    )
}

fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// U+2400 + code for C0 controls (␛ for ESC, ␇ for BEL), ␡ for DEL, and U+FFFD for C1 controls
/// and bidirectional overrides, which have no picture of their own.
fn placeholder(c: char) -> char {
    match c as u32 {
        code @ 0x00..=0x1F => char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("a\x1b[31mred\x07"), "a␛[31mred␇");
        assert_eq!(sanitize("osc\x1b]52;c;AAAA\x1b\\"), "osc␛]52;c;AAAA␛\\");
        assert_eq!(sanitize("c1\u{9b}2J"), "c1\u{FFFD}2J");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        assert!(matches!(sanitize("苏朝两国\n政府"), Cow::Borrowed(_)));
    }
}
