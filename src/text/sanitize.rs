//! Text from a document, a file name or an argument never reaches the terminal as a control
//! sequence. One predicate, [`is_unsafe`], names the characters that must not be printed raw;
//! the functions here turn them into visible placeholders (the Unicode "control pictures" where
//! one exists) or, in JSON, into `\u` escapes that keep the value intact for a program.
//!
//! Neutralised: every C0 control but newline and tab, DEL, every C1 control (U+0080–U+009F,
//! which some terminals read as CSI, OSC …), the bidirectional controls (embeddings, overrides,
//! isolates, marks, and U+061C ARABIC LETTER MARK: "Trojan Source", CVE-2021-42574), the line
//! and paragraph separators, and the invisible format characters that hide or smuggle text
//! (zero width space, word joiner and invisible operators, the byte-order mark, the deprecated
//! shaping controls, interlinear annotations, the Mongolian vowel separator, and the tag
//! characters U+E0000–U+E007F). Zero width (non-)joiners stay: emoji and several scripts need
//! them, and they change nothing but the shaping of the letters on either side.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as itself. Newline and tab are safe.
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        // C0, DEL, C1.
        c if c.is_control() => true,
        // Bidi controls: ALM, LRM, RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI.
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => true,
        // Line and paragraph separators: a line break the terminal does not know of.
        '\u{2028}' | '\u{2029}' => true,
        // Invisible format characters.
        '\u{180E}'
        | '\u{200B}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}' => true,
        _ => false,
    }
}

/// For text drawn into a fixed grid (the reader): every unsafe character becomes a visible
/// placeholder, and a tab a space, since a tab would move the cursor past cells it does not own.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\t' || is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if is_unsafe(c) => placeholder(c),
                c => c,
            })
            .collect(),
    )
}

/// For text printed as a stream (stdout, stderr): unsafe characters become placeholders;
/// newlines and tabs are kept, since scripts split `lectern list` on them.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe(c) { placeholder(c) } else { c })
            .collect(),
    )
}

/// Serialized JSON with every unsafe character written as a `\u` escape (a surrogate pair
/// beyond the BMP). serde_json already escapes C0; DEL, C1 and the format characters it leaves
/// raw. They can only stand inside JSON strings, so the escaped text decodes to the same value.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// U+2400 + code for C0 controls (␛ for ESC, ␇ for BEL), ␡ for DEL, and U+FFFD for C1 controls
/// and the format characters, which have no picture of their own.
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
        assert!(matches!(neutralise("a\tb\nc"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_arabic_letter_mark_and_other_bidi_controls_are_neutralised() {
        for c in ['\u{061C}', '\u{200F}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            assert_eq!(
                neutralise(&format!("a{c}b")),
                "a\u{FFFD}b",
                "{:04x}",
                c as u32
            );
        }
    }

    #[test]
    fn streams_keep_tabs_and_newlines_but_the_grid_turns_tabs_into_spaces() {
        assert_eq!(neutralise("a\tb\r\n"), "a\tb␍\n");
        assert_eq!(sanitize("a\tb\n"), "a b\n");
    }

    #[test]
    fn joiners_that_scripts_need_are_kept_and_tags_are_not() {
        assert_eq!(neutralise("a\u{200D}b\u{200C}c"), "a\u{200D}b\u{200C}c");
        assert_eq!(neutralise("x\u{E0041}"), "x\u{FFFD}");
    }

    #[test]
    fn json_escapes_what_serde_json_leaves_raw() {
        let json =
            serde_json::to_string("a\u{7f}\u{9b}\u{202E}\u{E0041}\u{1b}").unwrap_or_default();
        let escaped = escape_json(&json);
        assert_eq!(escaped, r#""a\u007f\u009b\u202e\udb40\udc41\u001b""#);
        let back: String = serde_json::from_str(&escaped).unwrap_or_default();
        assert_eq!(back, "a\u{7f}\u{9b}\u{202E}\u{E0041}\u{1b}");
    }
}
