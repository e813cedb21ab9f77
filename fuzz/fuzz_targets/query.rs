//! The query parser on any input: no panic, no more terms than bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|q: &str| {
    let parsed = lectern::search::parse(q);
    let terms: usize = parsed.groups.iter().map(Vec::len).sum::<usize>() + parsed.excluded.len();
    assert!(terms <= q.len() + 1);
});
