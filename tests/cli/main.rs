//! End-to-end tests of the `netra` binary on the seed articles and on fixtures
//! written here. Each test runs the real binary in its own temporary folder.
//!
//! Golden files: `tests/golden/seed-fields.jsonl` holds the expected title, outlet,
//! dateline, date and body exclusions of each seed (transcribed from the team's
//! seed gold); `tests/golden/seeds/*.json` hold the whole `extract --json` output
//! of each seed. After an intended change to extraction, regenerate the latter with
//! `NETRA_BLESS=1 cargo test --test cli golden` and review the diff.

mod browser;
mod conventions;
mod env;
mod exports;
mod facets;
mod faults;
mod fuzz;
mod html;
mod index;
mod parsing;
mod robust;
mod search;
mod serve;
mod understanding;
