//! Replays the inputs kept in `tests/fuzz/<target>/` through the fuzz targets' entry
//! points (`netra::fuzzing`). Each file is an input that once crashed a stage or is
//! kept as an edge case; a panic fails the test and names the file.
//!
//! To fuzz (not in CI; needs the nightly toolchain and `cargo install cargo-fuzz`):
//! `cd fuzz && cargo +nightly fuzz run article -- -max_total_time=600` (likewise
//! `query`, `date`). Copy any crash from `fuzz/artifacts/<target>/` here.

use std::fs;

const INPUTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz");

fn replay(target: &str, run: impl Fn(&[u8])) {
    let dir = format!("{INPUTS}/{target}");
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
        let path = entry.expect("entry").path();
        let bytes = fs::read(&path).expect("read input");
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&bytes)));
        assert!(outcome.is_ok(), "{} panics", path.display());
        count += 1;
    }
    assert!(count > 0, "no inputs in {dir}");
}

#[test]
fn kept_article_inputs_do_not_panic() {
    replay("article", netra::fuzzing::article);
}

#[test]
fn kept_query_inputs_do_not_panic() {
    replay("query", |b| {
        netra::fuzzing::query(&String::from_utf8_lossy(b))
    });
}

#[test]
fn kept_date_inputs_do_not_panic() {
    replay("date", |b| {
        netra::fuzzing::date(&String::from_utf8_lossy(b))
    });
}
