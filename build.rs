//! Expands the stemmer's repair lexicon (src/analysis/roots.txt) and the
//! gazetteer's data files at build time into sorted tables, so that no process
//! pays for them at start-up: a one-word search used to spend half a millisecond
//! building the first, and a search that names a place 6 ms building the second. It also links the netra binary at
//! a fixed address on GNU/Linux, for the same reason (see `main`).

use std::env;
use std::fs;
use std::path::Path;

include!("src/analysis/repairs.rs");
mod gazetteer_tables {
    include!("src/extract/gazetteer_tables.rs");
}

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
    let out_dir = env::var("OUT_DIR").expect("OUT_DIR");
    fs::write(Path::new(&out_dir).join("repairs.rs"), out).expect("write the repair table");
    gazetteer(&out_dir);
}

/// The gazetteer's data files as static tables (src/extract/gazetteer_tables.rs).
fn gazetteer(out_dir: &str) {
    let files = [
        "src/extract/gazetteer.tsv",
        "src/extract/region_aliases.txt",
        "src/extract/display_names.txt",
        "src/extract/gazetteer_tables.rs",
    ];
    for file in files {
        println!("cargo:rerun-if-changed={file}");
    }
    let read = |file: &str| fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let tables = gazetteer_tables::tables(&read(files[0]), &read(files[1]), &read(files[2]))
        .unwrap_or_else(|e| panic!("the gazetteer's data files: {e}"));
    fs::write(Path::new(out_dir).join("gazetteer_tables.rs"), tables)
        .expect("write the gazetteer tables");
}
