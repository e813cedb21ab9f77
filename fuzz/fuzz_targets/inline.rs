//! Inline parsing on any text: no panic, a linear number of steps, and the segments put
//! back together give the text.
#![no_main]

use lectern::model::inline::{Segment, scan_cost, segments};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    assert!(scan_cost(text) <= 4 * text.len() as u64 + 16);
    let rebuilt: String = segments(text)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) | Segment::Editorial(t) => t.to_string(),
            Segment::FootnoteRef(id) => format!("[^{id}]"),
        })
        .collect();
    assert_eq!(rebuilt, text);
});
