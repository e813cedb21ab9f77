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
    segments_counted(text, &mut 0)
}

/// The bytes [`segments`] visits for `text`: what the tests bound to prove it linear.
#[doc(hidden)]
pub fn scan_cost(text: &str) -> u64 {
    let mut steps = 0;
    segments_counted(text, &mut steps);
    steps
}

fn segments_counted<'a>(text: &'a str, steps: &mut u64) -> Vec<Segment<'a>> {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'[') {
        *steps += bytes.len() as u64;
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Segment::Text(text)]
        };
    }
    let closing = closing_brackets(bytes, steps);
    let mut out = Vec::new();
    let mut plain_start = 0;
    let mut opened = 0; // how many `[` the scan has passed: the index into `closing`
    let mut i = 0;
    while i < bytes.len() {
        *steps += 1;
        if bytes[i] != b'[' {
            i += 1;
            continue;
        }
        let end = closing.get(opened).copied().flatten();
        opened += 1;
        let Some(end) = end else {
            i += 1;
            continue;
        };
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
        // The brackets inside belong to this insertion: skip past them, counting them.
        opened += bytes[i + 1..=end].iter().filter(|b| **b == b'[').count();
        *steps += (end - i) as u64;
        i = end + 1;
        plain_start = i;
    }
    if plain_start < text.len() {
        out.push(Segment::Text(&text[plain_start..]));
    }
    out
}

/// For the n-th `[` of the text, the byte index of the `]` that closes it (nested pairs
/// counted), or `None` when it is never closed. One pass with a stack: linear, where
/// searching forward from every `[` was quadratic on a run of unclosed ones.
///
/// A `]` that closes nothing, after an insertion that held nested brackets and before the
/// next `[`, is that insertion's own end: sources over-close the inner pair
/// (`[… "delo [file]] 035" …]`), and the editor's words run to the last `]`.
fn closing_brackets(bytes: &[u8], steps: &mut u64) -> Vec<Option<usize>> {
    let mut closing = Vec::new();
    let mut open: Vec<usize> = Vec::new(); // indices into `closing` of unclosed `[`
    // The last outermost insertion closed, if brackets nested inside it.
    let mut last_nested: Option<usize> = None;
    let mut nested = false; // whether the open outermost insertion holds a `[`
    for (i, b) in bytes.iter().enumerate() {
        *steps += 1;
        match b {
            b'[' => {
                if open.is_empty() {
                    last_nested = None;
                    nested = false;
                } else {
                    nested = true;
                }
                open.push(closing.len());
                closing.push(None);
            }
            b']' => match open.pop() {
                Some(n) => {
                    closing[n] = Some(i);
                    if open.is_empty() && nested {
                        last_nested = Some(n);
                    }
                }
                None => {
                    if let Some(n) = last_nested {
                        closing[n] = Some(i);
                    }
                }
            },
            _ => {}
        }
    }
    closing
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
            segments("[a [file]] 035] b"),
            vec![Editorial("[a [file]] 035]"), Text(" b")]
        );
        // A stray `]` after an insertion without nesting, or after a new `[`, stays text.
        assert_eq!(segments("[sic] a]"), vec![Editorial("[sic]"), Text(" a]")]);
        assert_eq!(
            segments("[a [b]] [c] d]"),
            vec![
                Editorial("[a [b]]"),
                Text(" "),
                Editorial("[c]"),
                Text(" d]")
            ]
        );
        assert_eq!(segments("a [b"), vec![Text("a [b")]);
    }

    #[test]
    fn plain_text_drops_only_footnote_markers() {
        assert_eq!(plain_text("朝鲜[^2]停战 [sic]"), "朝鲜停战 [sic]");
    }
}
