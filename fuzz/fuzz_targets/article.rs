//! Bytes of a scraped file → decoded text → Article → record → tokens → snippet.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    netra::fuzzing::article(data);
});
