//! Property tests over the entry points that take open-ended input (issue 11): the importers,
//! the query parser and the sanitizer never panic on any input; their output is bounded by
//! their input; the generic importer accounts for every line it is given.

use lectern::import::{Format, import};
use lectern::model::inline::plain_text;
use lectern::search::parse;
use lectern::text::sanitize::{escape_json, is_unsafe, neutralise, sanitize};
use proptest::prelude::*;

/// Lines in the shapes the importers look for, with controls and bidi marks mixed in.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.:;'\"()\\[\\]^#*-]{0,60}",
        "[朝鲜苏联 人民日报。，]{0,30}",
        Just("Original: 1956-07-14".to_string()),
        Just("第5版()".to_string()),
        Just("No. 6045. TREATY OF FRIENDSHIP".to_string()),
        Just("Signed at Moscow, on 6 July 1961".to_string()),
        Just("Citation:".to_string()),
        Just("---".to_string()),
        Just("[^1]: a note".to_string()),
        "[\u{1b}\u{7}\u{9b}\u{7f}\u{202e}\u{61c}\t\r a\\[]{0,10}",
    ]
}

fn source() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..40).prop_map(|lines| lines.join("\n"))
}

fn format() -> impl Strategy<Value = Option<Format>> {
    prop_oneof![
        Just(None),
        prop::sample::select(Format::ALL.to_vec()).prop_map(Some)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_importers_never_panic(text in source(), format in format()) {
        let _ = import("raw/x.txt", &text, format);
    }

    /// Every line with words is in the document (title or a block) or named by a warning.
    #[test]
    fn the_generic_importer_accounts_for_every_line(
        lines in prop::collection::vec("[a-zA-Z]{1,8}( [a-zA-Z]{1,8}){0,6}", 1..30)
    ) {
        let text = lines.join("\n\n");
        let Ok(imported) = import("raw/x.txt", &text, Some(Format::Generic)) else {
            return Ok(());
        };
        let doc = &imported.doc;
        let mut held: Vec<String> = doc.title.0.values().cloned().collect();
        held.extend(doc.blocks.iter().flat_map(|b| b.text.0.values().map(|t| plain_text(t))));
        let all = held.join("\n");
        for (i, line) in text.lines().enumerate() {
            let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if words.is_empty() {
                continue;
            }
            let warned = imported.warnings.iter().any(|w| w.line == i + 1);
            // A line the importer removed as chrome or read as metadata is accounted for too,
            // and listed by `--explain`.
            let ex = &imported.explanation;
            let listed = ex.removed.iter().any(|r| r.line == i + 1)
                || ex.used.iter().any(|u| u.line == i + 1);
            prop_assert!(
                all.split_whitespace().collect::<Vec<_>>().join(" ").contains(&words)
                    || warned
                    || listed,
                "line {} {:?} is lost", i + 1, line
            );
        }
    }

    /// The parse of any query is no larger than the query: every term comes from its words.
    #[test]
    fn the_query_parser_never_panics_and_stays_within_its_input(
        q in "[a-z朝 \"'()\\-:*^~.,0-9]{0,200}|(lang|kind|date|title|mentions):[a-z0-9.\\-]{0,12}( OR | -|\")?[a-z]{0,8}"
    ) {
        let parsed = parse(&q);
        let terms: usize = parsed.groups.iter().map(Vec::len).sum::<usize>() + parsed.excluded.len();
        prop_assert!(terms <= q.len() + 1, "{} terms from {} bytes", terms, q.len());
        let term_bytes: usize = parsed
            .groups
            .iter()
            .flatten()
            .chain(&parsed.excluded)
            .map(|t| t.text.len())
            .sum();
        // Lower-casing can grow a char (İ), never more than three-fold.
        prop_assert!(term_bytes <= 3 * q.len(), "{} bytes of terms from {}", term_bytes, q.len());
    }

    /// Neutralised text has no unsafe character, one char per input char (so its size is
    /// linear), keeps newlines and tabs, and is unchanged by a second pass.
    #[test]
    fn the_sanitizer_leaves_nothing_unsafe(text in any::<String>()) {
        let out = neutralise(&text);
        prop_assert!(!out.chars().any(is_unsafe));
        prop_assert_eq!(out.chars().count(), text.chars().count());
        prop_assert_eq!(out.matches('\n').count(), text.matches('\n').count());
        let again = neutralise(&out).into_owned();
        prop_assert_eq!(again.as_str(), out.as_ref());
        let grid = sanitize(&text);
        prop_assert!(!grid.chars().any(|c| c == '\t' || is_unsafe(c)));
    }

    /// Escaped JSON decodes to the same value and shows no unsafe character.
    #[test]
    fn escaped_json_keeps_the_value(text in any::<String>()) {
        let json = serde_json::to_string(&text).unwrap_or_default();
        let escaped = escape_json(&json);
        prop_assert!(!escaped.chars().any(is_unsafe));
        let back: String = serde_json::from_str(&escaped).unwrap_or_default();
        prop_assert_eq!(back, text);
    }
}
