//! Property: every line of an input page ends up in the body, in the metadata (a field's
//! value, or a line the explanation lists as used), or in the list of lines removed as chrome.
//! Nothing disappears silently.

use lectern::import;
use proptest::prelude::*;

/// Lines of the shapes pages mix: prose, titles, chrome, labels, dates, datelines, noise.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{2,9}( [a-z]{2,9}){4,14}\\.",
        "[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9}){1,6}",
        Just("Skip to content".to_string()),
        Just("Home | News | Archive | Search".to_string()),
        Just("• 12阅读".to_string()),
        Just("Copyright © 2024 Example. All rights reserved.".to_string()),
        Just("-0-".to_string()),
        Just("Leave a Reply".to_string()),
        Just("More from KCNA".to_string()),
        Just("Date: 24/03/2025 | Source: Pyongyang Times".to_string()),
        Just("Original Uploaded Date: 2011-11-14".to_string()),
        Just("Record ID".to_string()),
        Just("Document Information".to_string()),
        Just("发表于: 1956-04-25".to_string()),
        Just("September 14, 1960".to_string()),
        Just("Pyongyang, July 21 (KCNA) -- The talks ended today.".to_string()),
        Just("Article 1".to_string()),
        Just("第一条 双方同意合作。".to_string()),
        "[\\p{Han}]{4,20}[。，]?",
        "[ -~]{1,60}",
        Just(String::new()),
    ]
}

fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphabetic()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_line_is_body_metadata_or_removed(lines in prop::collection::vec(line(), 1..30)) {
        let text = lines.join("\n");
        let Ok(imported) = import::import("raw/prop.txt", &text, None) else {
            // A refusal is allowed; it always says why (checked by the CLI tests).
            return Ok(());
        };
        let body: String = imported
            .doc
            .blocks
            .iter()
            .flat_map(|b| b.text.0.values().map(|t| letters(t)))
            .collect::<Vec<_>>()
            .join("|");
        let mut meta_doc = imported.doc.clone();
        meta_doc.blocks.clear();
        let metadata = letters(&serde_json::to_string(&meta_doc).expect("json"));
        let ex = &imported.explanation;
        for (i, line) in text.lines().enumerate() {
            let no = i + 1;
            let key = letters(line);
            if line.trim().is_empty() || key.is_empty() {
                continue;
            }
            let in_body = body.contains(&key) || metadata.contains(&key);
            let used = ex.used.iter().any(|u| u.line == no);
            let removed = ex.removed.iter().any(|r| r.line == no);
            prop_assert!(
                in_body || used || removed,
                "line {no} {line:?} is lost (format {:?})\n{text}",
                imported.format
            );
        }
    }
}
