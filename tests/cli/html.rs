//! Saved HTML pages (issue 15): the fixtures of `tests/html/` (written by the
//! team in the shapes of Indonesian outlets' pages) against their gold file, and
//! pages that are not pages.

use std::fs;

use serde_json::Value;

use crate::env::*;

const PAGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/html/pages");
const GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/html/expected.jsonl");

fn officials(v: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = v
        .as_array()
        .expect("officials")
        .iter()
        .map(|o| {
            (
                o["role"].as_str().expect("role").to_owned(),
                o["name"].as_str().expect("name").to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

fn sorted(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .expect("a list")
        .iter()
        .map(|x| x.as_str().expect("a string").to_owned())
        .collect();
    out.sort();
    out
}

#[test]
fn saved_pages_give_their_article_metadata_and_facets() {
    let env = Env::new();
    let run = env.netra(&["extract", PAGES, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = run.json_lines();
    let gold: Vec<Value> = fs::read_to_string(GOLD)
        .expect("gold")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a gold line"))
        .collect();
    assert!(gold.len() >= 10);
    assert_eq!(records.len(), gold.len(), "one article a page");
    let mut wrong = Vec::new();
    for want in &gold {
        let file = want["file"].as_str().expect("file");
        let got = record_for(&records, file);
        for key in [
            "title",
            "outlet",
            "url",
            "date",
            "event_date",
            "dateline",
            "regions",
        ] {
            if got[key] != want[key] {
                wrong.push(format!(
                    "{file} {key}: got {}, want {}",
                    got[key], want[key]
                ));
            }
        }
        if sorted(&got["pledges"]) != sorted(&want["pledges"]) {
            wrong.push(format!("{file} pledges: got {}", got["pledges"]));
        }
        if officials(&got["officials"]) != officials(&want["officials"]) {
            wrong.push(format!("{file} officials: got {}", got["officials"]));
        }
        let body = got["body"]
            .as_str()
            .expect("body")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for phrase in want["body_includes"].as_array().expect("includes") {
            let phrase = phrase.as_str().expect("phrase");
            if !body.contains(phrase) {
                wrong.push(format!("{file}: body lost `{phrase}`"));
            }
        }
        for junk in want["body_excludes"].as_array().expect("excludes") {
            let junk = junk.as_str().expect("junk");
            if body.contains(junk) {
                wrong.push(format!("{file}: body keeps `{junk}`"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn pages_that_are_not_pages_are_reported_and_the_rest_read() {
    let env = Env::new();
    env.write("in/binary.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    env.write(
        "in/empty.htm",
        "<html><head><title></title></head><body></body></html>",
    );
    fs::copy(
        format!("{PAGES}/09_khatulistiwanews_truncated_sambas.html"),
        env.path("in/cut.html"),
    )
    .expect("copy");
    let run = env.netra(&["index", "in", "-q"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("in/binary.html: binary data"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("in/empty.htm: empty"), "{}", run.stderr);
    assert!(
        run.stderr.contains("1 indexed, 2 rejected"),
        "{}",
        run.stderr
    );
    // The cut page is searchable as far as it goes.
    let hits = env
        .search("deklarasi netralitas", &["--region", "Sambas"])
        .json();
    assert_eq!(hits["total"], 1);
}
