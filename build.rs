//! Expands the stemmer's repair lexicon (src/analysis/roots.txt) at build time into
//! a sorted table, so that no process pays for it at start-up: a one-word search
//! used to spend half a millisecond building it.

use std::env;
use std::fs;
use std::path::Path;

include!("src/analysis/repairs.rs");

fn main() {
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
