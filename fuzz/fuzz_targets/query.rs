//! Bytes → a query string, bare and wrapped in groups as deep as the first byte
//! says → Expr → tantivy query and highlight terms → a snippet.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    netra::fuzzing::query_bytes(data);
});
