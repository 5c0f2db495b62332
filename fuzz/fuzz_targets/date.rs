//! A string → every date parser (metadata, text, date lines, bounds).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        netra::fuzzing::date(text);
    }
});
