//! Inline parsing is linear (issue 11): 80,000 unclosed `[` took 2.8 s and 1,000,000 took
//! minutes, on every corpus load. The work is counted (bytes visited), not timed.

use lectern::model::inline::{plain_text, scan_cost, segments};
use proptest::prelude::*;

/// Visits per byte the scan may make: a constant, whatever the text.
const PER_BYTE: u64 = 4;

#[test]
fn a_million_unclosed_brackets_cost_a_linear_scan() {
    for n in [80_000usize, 1_000_000] {
        let text = "[".repeat(n);
        let cost = scan_cost(&text);
        assert!(
            cost <= PER_BYTE * n as u64 + 16,
            "{n} unclosed '[' cost {cost} steps"
        );
        assert_eq!(plain_text(&text), text, "unclosed brackets stay text");
    }
}

#[test]
fn nested_and_alternating_brackets_cost_a_linear_scan() {
    let n = 100_000;
    for text in [
        "[".repeat(n) + &"]".repeat(n),
        "[]".repeat(n),
        "[a ".repeat(n) + "]",
        "]".repeat(n) + &"[".repeat(n),
        "[^".repeat(n),
    ] {
        let cost = scan_cost(&text);
        assert!(cost <= PER_BYTE * text.len() as u64 + 16, "cost {cost}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any mix of brackets, carets and text: no panic, a linear cost, and the segments put
    /// back together give the text again (footnote references with their `[^` `]`).
    #[test]
    fn segments_cover_the_text_in_linear_time(text in "[\\[\\]^a 朝\n]{0,400}") {
        let cost = scan_cost(&text);
        prop_assert!(cost <= PER_BYTE * text.len() as u64 + 16, "cost {}", cost);
        let rebuilt: String = segments(&text)
            .into_iter()
            .map(|s| match s {
                lectern::model::inline::Segment::Text(t)
                | lectern::model::inline::Segment::Editorial(t) => t.to_string(),
                lectern::model::inline::Segment::FootnoteRef(id) => format!("[^{id}]"),
            })
            .collect();
        prop_assert_eq!(rebuilt, text);
    }
}

/// The former quadratic search, kept here as the reference the linear scan must agree with:
/// from each `[`, the first `]` where the count of open brackets returns to zero; when
/// brackets nested inside, a stray `]` before the next `[` ends it instead (an over-closed
/// inner pair, as in `[… "delo [file]] 035" …]`).
fn reference_close(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in bytes.iter().enumerate().skip(open) {
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

fn reference_editorials(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'['
            && let Some(mut end) = reference_close(bytes, i)
        {
            if bytes[i + 1..end].contains(&b'[') {
                for (j, b) in bytes.iter().enumerate().skip(end + 1) {
                    match b {
                        b'[' => break,
                        b']' => end = j,
                        _ => {}
                    }
                }
            }
            out.push(text[i..=end].to_string());
            i = end + 1;
            continue;
        }
        i += 1;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_linear_scan_finds_the_insertions_the_quadratic_one_found(text in "[\\[\\]^a ]{0,60}") {
        let found: Vec<String> = segments(&text)
            .into_iter()
            .filter_map(|s| match s {
                lectern::model::inline::Segment::Editorial(t) => Some(t.to_string()),
                lectern::model::inline::Segment::FootnoteRef(id) => Some(format!("[^{id}]")),
                lectern::model::inline::Segment::Text(_) => None,
            })
            .collect();
        prop_assert_eq!(found, reference_editorials(&text));
    }
}
