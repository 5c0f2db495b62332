//! The command line's conventions (shape and hardening issue): grep's exit codes,
//! queries that start with -, dates as articles write them, colour, closed pipes,
//! empty queries, and queries nested deeper than any parser should recurse.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::env::*;

#[test]
fn search_and_facets_exit_0_on_a_match_1_on_none_2_on_an_error() {
    let env = Env::indexed();
    assert_eq!(env.netra(&["search", "netralitas"]).code, 0);

    // Nothing matched: 1, and still the empty result, as text and as JSON.
    let none = env.netra(&["search", "zzzxq"]);
    assert_eq!(none.code, 1);
    assert_eq!(none.stdout, "No article matches: zzzxq\n");
    let none = env.netra(&["search", "zzzxq", "--json"]);
    assert_eq!(none.code, 1);
    let json = none.json();
    assert_eq!(json["total"], 0);
    assert_eq!(json["hits"].as_array().map(Vec::len), Some(0));

    assert_eq!(env.netra(&["facets", "region"]).code, 0);
    let none = env.netra(&["facets", "region", "--query", "zzzxq", "--json"]);
    assert_eq!(none.code, 1);
    assert_eq!(none.json()["counts"].as_array().map(Vec::len), Some(0));

    // Errors, usage errors included: 2.
    for args in [
        &["search", "\"unclosed"][..],
        &["search"],
        &["search", "ikrar", "--limit", "0"],
        &["frobnicate"],
        &["facets", "region", "Atlantis"],
        &["facets", "pledge", "ikrar"],
        &["search", "ikrar", "--index", "nowhere"],
    ] {
        let run = env.netra(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn index_and_extract_exit_1_when_input_was_rejected() {
    let env = Env::with_seeds();
    env.write(
        "in/good.txt",
        "Judul Berita Netralitas ASN\n\nIsi berita tentang ASN.",
    );
    assert_eq!(env.netra(&["index", "in", "--index", "i", "-q"]).code, 0);
    assert_eq!(env.netra(&["extract", "in"]).code, 0);
    env.write("in/empty.txt", "");
    env.netra(&["index", "in", "--index", "i", "-q"])
        .assert_said(1, "skipped in/empty.txt: empty");
    assert_eq!(env.netra(&["extract", "in"]).code, 1);
}

#[test]
fn a_query_that_starts_with_a_minus_is_a_query_in_quotes_or_after_dashes() {
    let env = Env::indexed();
    let quoted = env.search("-kampanye \"ikrar\"", &[]);
    let dashed = env.netra(&["search", "--json", "--", "-kampanye", "\"ikrar\""]);
    assert_eq!(dashed.code, 0, "{}", dashed.stderr);
    assert_eq!(quoted.seed_hits(), dashed.seed_hits());
    assert_eq!(quoted.seed_hits(), strs(&["001", "004"]));
    // Options after the query are still options.
    let limited = env.netra(&["search", "-kampanye ikrar", "--json", "-n", "1"]);
    assert_eq!(limited.code, 0, "{}", limited.stderr);
    // An option may hold a space after `--name=`.
    let region = env.netra(&["search", "\"ikrar\"", "--json", "--region=Lombok Timur"]);
    assert_eq!(region.code, 1, "{}", region.stderr);
    assert_eq!(region.json()["total"], 0);
}

#[test]
fn an_empty_query_lists_every_article_and_so_do_empty_quotes() {
    let env = Env::indexed();
    for q in ["", "\"\""] {
        let all = env.search(q, &["--sort", "date"]).json();
        assert_eq!(all["total"], 5, "{q:?}");
    }
    let ntb = env.search("", &["--region", "NTB"]).json();
    assert_eq!(ntb["total"], 3);
}

#[test]
fn lower_case_or_between_words_is_or() {
    let env = Env::indexed();
    let upper = env.search("apel OR lembor", &[]).seed_hits();
    assert_eq!(env.search("apel or lembor", &[]).seed_hits(), upper);
    assert_eq!(upper, strs(&["003", "004"]));
}

#[test]
fn date_bounds_may_be_written_as_the_articles_write_them() {
    let env = Env::indexed();
    for (since, until) in [
        ("2023-12-01", "2023-12-31"),
        ("01/12/2023", "31/12/2023"),
        ("1 Desember 2023", "31 Desember 2023"),
        ("Desember 2023", "Desember 2023"),
    ] {
        assert_eq!(
            env.search("netralitas", &["--since", since, "--until", until])
                .seed_hits(),
            strs(&["001", "004"]),
            "{since} .. {until}"
        );
    }
    let bad = env.netra(&["search", "netralitas", "--since", "kemarin"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("31/10/2024"), "{}", bad.stderr);
}

#[test]
fn colour_follows_the_terminal_and_the_environment() {
    let env = Env::indexed();
    let q = &["search", "\"politik uang\""][..];
    // Not a terminal: no colour, unless forced.
    assert!(!env.netra(q).stdout.contains('\x1b'));
    let forced = env.netra_env(q, &[("CLICOLOR_FORCE", "1")]);
    assert!(
        forced.stdout.contains("\x1b[33mpolitik uang"),
        "{}",
        forced.stdout
    );
    let refused = env.netra_env(q, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!refused.stdout.contains('\x1b'));
    // --color never wins over the environment; without colour, matches are
    // bracketed.
    let never = env.netra_env(
        &["search", "\"politik uang\"", "--color", "never"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!never.stdout.contains('\x1b') && never.stdout.contains("[politik uang]"));
}

#[test]
fn extract_stops_reading_when_its_reader_closes_the_pipe() {
    let env = Env::new();
    let mut lines = String::new();
    for i in 0..20_000 {
        lines.push_str(&format!(
            "{{\"text\": \"Berita nomor {i} tentang netralitas ASN di daerah.\"}}\n"
        ));
    }
    // The last line warns when it is read: nothing after the closed pipe is
    // printed. (That reading itself stops is tested in `source`.)
    lines.push_str("{\"text\": \"Akhir berkas.\", \"title\": 5}\n");
    env.write("big.jsonl", lines);
    let mut child = Command::new(env!("CARGO_BIN_EXE_netra"))
        .args(["extract", "big.jsonl", "--json"])
        .current_dir(env.path(""))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start netra");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a first line");
    assert!(first.contains("Berita nomor 0"), "{first}");
    // The pipe is closed here (the reader is dropped).
    let out = child.wait_with_output().expect("netra ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn a_query_nested_twenty_thousand_deep_is_an_error_not_a_crash() {
    let env = Env::indexed();
    let deep = format!("{}\"ikrar\"{}", "(".repeat(20_000), ")".repeat(20_000));
    let run = env.netra(&["search", &deep]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("nest too deeply") && run.stderr.contains("at character 101"),
        "{}",
        run.stderr
    );
    let fine = format!("{}\"ikrar\"{}", "(".repeat(100), ")".repeat(100));
    assert_eq!(env.search(&fine, &[]).json()["total"], 2);
}
