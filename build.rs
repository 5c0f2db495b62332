//! Expands the stemmer's repair lexicon (src/analysis/roots.txt) at build time into
//! a sorted table, so that no process pays for it at start-up: a one-word search
//! used to spend half a millisecond building it. It also links the netra binary at
//! a fixed address on GNU/Linux, for the same reason (see `main`).

use std::env;
use std::fs;
use std::path::Path;

include!("src/analysis/repairs.rs");

fn main() {
    // The netra binary is linked at a fixed address (not position-independent):
    // a PIE carries 21,000 relocations the loader applies at every start, 8% of
    // a cold `netra search`. Address randomisation of the executable's own code is
    // the price (libraries, heap and stack are still randomised); Rust code does
    // not rely on it for memory safety.
    // (GNU/Linux only: the flag is the GCC/Clang driver's.)
    let target = |key: &str| env::var(key).unwrap_or_default();
    if target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=src/analysis/roots.txt");
    println!("cargo:rerun-if-changed=src/analysis/repairs.rs");
    let roots = fs::read_to_string("src/analysis/roots.txt").expect("src/analysis/roots.txt");
    let repairs = Repairs::parse(&roots);
    let mut table: Vec<(&String, &String)> = repairs.map.iter().collect();
    table.sort();
    let mut out = String::from(
        "/// The repair lexicon expanded: (surface form, stem), sorted by form.\n\
         static REPAIRS: &[(&str, &str)] = &[\n",
    );
    for (form, stem) in table {
        out.push_str(&format!("    ({form:?}, {stem:?}),\n"));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("repairs.rs");
    fs::write(dest, out).expect("write the repair table");
}
