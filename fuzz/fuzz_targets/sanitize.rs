//! The output layer on any text: nothing unsafe comes out, as text or as JSON, and JSON keeps
//! the value.
#![no_main]

use lectern::output::Safe;
use lectern::text::sanitize::is_unsafe;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    assert!(!Safe::text(text).as_str().chars().any(is_unsafe));
    let json = Safe::json(text).expect("a string serializes");
    assert!(!json.as_str().chars().any(is_unsafe));
    let back: String = serde_json::from_str(json.as_str()).expect("valid JSON");
    assert_eq!(back, text);
});
