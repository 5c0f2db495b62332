//! Indexing, parsing and extraction (backbone points 1–3).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::env::*;

// 1. Indexing: folders, .txt and .jsonl, defaults, summary.

#[test]
fn index_defaults_to_seeds_into_index_and_summarises() {
    let env = Env::with_seeds();
    let run = env.netra(&["index", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(env.path("index/meta.json").is_file());
    assert!(
        run.stderr.contains("read 5 inputs from 5 files")
            && run.stderr.contains("5 indexed, 0 rejected"),
        "{}",
        run.stderr
    );
}

#[test]
fn index_reads_folders_recursively_and_jsonl_lines() {
    let env = Env::new();
    env.write(
        "scrape/2024/a.txt",
        "Bupati Ajak ASN Jaga Netralitas Pilkada\n\nKUPANG - Bupati mengajak ASN menjaga netralitas, Senin (2/9/2024).",
    );
    env.write(
        "scrape/feed.jsonl",
        concat!(
            r#"{"id": "j1", "title": "Ikrar Netralitas di Sleman", "date": "2024-02-01", "outlet": "kompas.com", "text": "Ratusan ASN mengucapkan ikrar netralitas."}"#,
            "\n",
            r#"{"text": "Camat memimpin apel netralitas ASN di kantor kecamatan.", "url": "https://example.test/x"}"#,
            "\n"
        ),
    );
    env.write("scrape/notes.md", "not an article");
    let run = env.netra(&["index", "scrape", "--index", "idx", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("read 3 inputs from 2 files"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 indexed, 0 rejected"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ignored 1 files"), "{}", run.stderr);

    let hits = env
        .netra(&["search", "ikrar", "--index", "idx", "--json"])
        .json();
    assert_eq!(hits["total"], 1);
    let hit = &hits["hits"][0];
    assert_eq!(hit["id"], "j1");
    assert_eq!(hit["path"], "scrape/feed.jsonl");
    assert_eq!(hit["line"], 1);
    assert_eq!(hit["outlet"], "Kompas.com");
    assert_eq!(hit["date"], "2024-02-01");
    assert_eq!(hit["title"], "Ikrar Netralitas di Sleman");
}

#[test]
fn netra_index_env_names_the_index_folder() {
    let env = Env::with_seeds();
    let run = env.netra_env(&["index", "--quiet"], &[("NETRA_INDEX", "elsewhere")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(env.path("elsewhere/meta.json").is_file());
    let hits = env.netra_env(
        &["search", "\"ikrar\"", "--json"],
        &[("NETRA_INDEX", "elsewhere")],
    );
    assert_eq!(hits.json()["total"], 2);
}

// 2. Parsing: the seed gold fields, and the whole extraction as golden files.

#[test]
fn extract_meets_the_seed_gold_fields() {
    let env = Env::with_seeds();
    let run = env.netra(&["extract", "seeds", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = run.json_lines();
    assert_eq!(records.len(), 5);
    for expected in seed_gold() {
        let file = expected["file"].as_str().expect("file");
        let got = record_for(&records, file);
        for field in ["title", "outlet", "dateline"] {
            assert_eq!(got[field], expected[field], "{file}: {field}");
        }
        // The gold's date is the one the article is filed under: the event date
        // the lead gives, else the publication date.
        let when = match &got["event_date"] {
            Value::Null => &got["date"],
            event => event,
        };
        assert_eq!(when, &expected["date"], "{file}: date");
        let body = got["body"].as_str().expect("body");
        for excluded in expected["body_excludes"].as_array().expect("excludes") {
            let excluded = excluded.as_str().expect("string");
            assert!(
                !body.contains(excluded),
                "{file}: body still has {excluded:?}"
            );
        }
    }
}

#[test]
fn extract_output_matches_the_golden_files() {
    let env = Env::with_seeds();
    let run = env.netra(&["extract", "seeds", "--json"]);
    let bless = std::env::var_os("NETRA_BLESS").is_some();
    for record in run.json_lines() {
        let name = Path::new(record["path"].as_str().expect("path"))
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("name")
            .to_owned();
        let golden = PathBuf::from(format!("{GOLDEN}/seeds/{name}.json"));
        let got = serde_json::to_string_pretty(&record).expect("json") + "\n";
        if bless {
            fs::create_dir_all(golden.parent().expect("parent")).expect("mkdir");
            fs::write(&golden, &got).expect("bless");
            continue;
        }
        let want = fs::read_to_string(&golden)
            .unwrap_or_else(|_| panic!("{} missing: run with NETRA_BLESS=1", golden.display()));
        if got != want {
            let first = got
                .lines()
                .zip(want.lines())
                .find(|(g, w)| g != w)
                .map(|(g, w)| format!("\n  got:  {g}\n  want: {w}"))
                .unwrap_or_default();
            panic!("{name}: extraction changed{first}\n(if intended: NETRA_BLESS=1 cargo test --test cli golden)");
        }
    }
}

// 3. extract: the JSON keys, without indexing.

#[test]
fn extract_json_has_every_key_and_writes_no_index() {
    let env = Env::with_seeds();
    let run = env.netra(&["extract", "seeds/004_79d523f8d6890ab8.txt", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let record = &run.json_lines()[0];
    // Always there, never null.
    for key in ["id", "path", "body"] {
        assert!(record[key].is_string(), "{key}: {}", record[key]);
    }
    for key in ["regions", "officials", "pledges"] {
        assert!(record[key].is_array(), "{key}: {}", record[key]);
    }
    // Always there, null when the article does not say.
    for key in ["title", "outlet", "dateline", "date"] {
        assert!(record.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(record["title"], Value::Null);
    assert_eq!(record["outlet"], "ANTARA");
    assert!(!env.path("index/meta.json").exists());

    let text = env.netra(&["extract", "seeds/004_79d523f8d6890ab8.txt"]);
    assert!(text.stdout.contains("outlet:   ANTARA"), "{}", text.stdout);
}
