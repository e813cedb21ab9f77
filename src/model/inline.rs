//! Inline marks inside block text: footnote references `[^id]` and bracketed editorial
//! insertions such as `[sic]` or `[signature]`.

/// A run of block text, as the reader, the index and the citations see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    /// `[^1]` in the text: a reference to the footnote with id `1`.
    FootnoteRef(&'a str),
    /// `[sic]`, `[signature]`, `[handwritten …]`: words an editor or translator put in,
    /// brackets included.
    Editorial(&'a str),
}

/// Splits text into plain runs, footnote references and editorial insertions.
/// Brackets nest (`[… delo [file] …]`); an unclosed `[` is plain text.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'['
            && let Some(end) = closing_bracket(text, i)
        {
            if plain_start < i {
                out.push(Segment::Text(&text[plain_start..i]));
            }
            let inner = &text[i + 1..end];
            out.push(match inner.strip_prefix('^') {
                Some(id) if !id.is_empty() && !id.contains(char::is_whitespace) => {
                    Segment::FootnoteRef(id)
                }
                _ => Segment::Editorial(&text[i..=end]),
            });
            i = end + 1;
            plain_start = i;
            continue;
        }
        i += 1;
    }
    if plain_start < text.len() {
        out.push(Segment::Text(&text[plain_start..]));
    }
    out
}

/// Byte index of the `]` that closes the `[` at `open`, counting nested pairs.
fn closing_bracket(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate().skip(open) {
        match b {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The text as read, without footnote markers: what search indexes and citations quote.
pub fn plain_text(text: &str) -> String {
    segments(text)
        .into_iter()
        .filter_map(|s| match s {
            Segment::Text(t) | Segment::Editorial(t) => Some(t),
            Segment::FootnoteRef(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Segment::*;

    #[test]
    fn footnote_references_and_insertions_are_told_apart() {
        assert_eq!(
            segments("ASSISTANCE[^1] BETWEEN Ri He-sun [sic] and"),
            vec![
                Text("ASSISTANCE"),
                FootnoteRef("1"),
                Text(" BETWEEN Ri He-sun "),
                Editorial("[sic]"),
                Text(" and")
            ]
        );
    }

    #[test]
    fn nested_brackets_make_one_insertion_and_unclosed_ones_stay_text() {
        assert_eq!(segments("[a [file] b]"), vec![Editorial("[a [file] b]")]);
        assert_eq!(
            segments("[a [file]] 035]"),
            vec![Editorial("[a [file]]"), Text(" 035]")]
        );
        assert_eq!(segments("a [b"), vec![Text("a [b")]);
    }

    #[test]
    fn plain_text_drops_only_footnote_markers() {
        assert_eq!(plain_text("朝鲜[^2]停战 [sic]"), "朝鲜停战 [sic]");
    }
}
