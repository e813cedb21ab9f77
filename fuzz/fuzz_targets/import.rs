//! Every importer, and format detection, on any text: no panic.
#![no_main]

use lectern::import::{Format, import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let format = Format::ALL
        .get(usize::from(pick) % (Format::ALL.len() + 1))
        .copied();
    let _ = import("raw/fuzz.txt", &text, format);
});
