//! A query string → Expr → tantivy query and highlight terms → a snippet.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(query) = std::str::from_utf8(data) {
        netra::fuzzing::query(query);
    }
});
