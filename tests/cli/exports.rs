//! Exports and inputs (issue 15): every match as CSV, TSV or JSON Lines; a JSON
//! Lines export indexed again; scrapers' CSV and TSV files in, with their bad rows
//! reported by line.

use std::fs;

use serde_json::Value;

use crate::env::*;

const ARTICLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/facets/articles");

/// The seeds and the written articles, indexed into ./index.
fn corpus() -> Env {
    let env = Env::with_seeds();
    let run = env.netra(&["index", "seeds", ARTICLES, "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    env
}

/// A CSV's rows, header first.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn an_export_holds_every_match_with_the_default_columns() {
    let env = corpus();
    let total = env.search("netralitas", &["--pledge", "ikrar"]).json()["total"]
        .as_u64()
        .expect("total") as usize;
    assert!(total > 10, "more matches than a page of hits: {total}");
    let run = env.netra(&["export", "netralitas", "--pledge", "ikrar"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&run.stdout);
    assert_eq!(
        rows[0],
        strs(&[
            "id",
            "date",
            "event_date",
            "outlet",
            "title",
            "regions",
            "officials",
            "leaders",
            "pledges",
            "dateline",
            "url",
            "path"
        ])
    );
    assert_eq!(rows.len() - 1, total, "one row per match, not a page");
    assert!(run
        .stderr
        .contains(&format!("exported {total} of {total} matching articles")));
    for row in &rows[1..] {
        assert!(row[8].split(" | ").any(|p| p == "ikrar"), "{row:?}");
    }
    // Several values in one cell: " | ", officials as facet paths.
    let seed = rows
        .iter()
        .find(|r| r[11].ends_with("004_79d523f8d6890ab8.txt"))
        .expect("seed 004 has an ikrar");
    assert_eq!(seed[8], "ikrar | apel");
    assert_eq!(seed[6], "/Pj Gubernur/Lalu Gita Ariadi");
    // Newest first by default (the event date, else the publication date); undated
    // rows last.
    let dates: Vec<&str> = rows[1..]
        .iter()
        .map(|r| {
            if r[2].is_empty() {
                r[1].as_str()
            } else {
                r[2].as_str()
            }
        })
        .collect();
    let dated = dates.iter().take_while(|d| !d.is_empty()).count();
    assert!(dated > 10, "{dates:?}");
    assert!(dates[dated..].iter().all(|d| d.is_empty()), "{dates:?}");
    // A partial date sorts by its first day: "2023" as 2023-01-01.
    let first_day = |d: &str| format!("{d}{}", &"-01-01"[..10 - d.len().min(10)]);
    assert!(
        dates[..dated]
            .windows(2)
            .all(|w| first_day(w[0]) >= first_day(w[1])),
        "newest first: {dates:?}"
    );
}

#[test]
fn columns_formats_and_the_spreadsheet_mark() {
    let env = corpus();
    // --only and TSV.
    let run = env.netra(&[
        "export",
        "--pledge",
        "apel",
        "--only",
        "title,pledges",
        "--format",
        "tsv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    assert_eq!(lines.next(), Some("title\tpledges"));
    assert!(lines.all(|l| l.contains("apel")));
    // --fields adds; the format follows the file's extension; --bom for Excel.
    let run = env.netra(&[
        "export",
        "ikrar",
        "--sort",
        "relevance",
        "--fields",
        "snippet,score",
        "-o",
        "out.csv",
        "--bom",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = fs::read(env.path("out.csv")).expect("the export file");
    assert!(
        bytes.starts_with(b"\xef\xbb\xbfid,date,"),
        "a BOM, then the header"
    );
    let rows = csv_rows(std::str::from_utf8(&bytes[3..]).expect("UTF-8"));
    assert_eq!(rows[0][12..], strs(&["snippet", "score"]));
    let scores: Vec<f64> = rows[1..]
        .iter()
        .map(|r| r[13].parse().expect("a score"))
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    assert!(
        rows[1][12].to_lowercase().contains("ikrar"),
        "{:?}",
        rows[1]
    );
    // JSON Lines: lists are arrays, officials objects.
    let run = env.netra(&["export", "--format", "jsonl", "--pledge", "ikrar"]);
    let first: Value =
        serde_json::from_str(run.stdout.lines().next().expect("a row")).expect("a JSON line");
    assert!(first["regions"].is_array() && first["pledges"].is_array());
    assert!(first["officials"][0]["role"].is_string());
}

#[test]
fn nothing_matched_and_bad_requests_say_so() {
    let env = corpus();
    let run = env.netra(&["export", "zzzyyyxxx"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 1, "the header row alone");
    let run = env.netra(&["export", "--only", "id,judul"]);
    run.assert_said(2, "no column `judul`");
    let run = env.netra(&["export", "--format", "jsonl", "--bom"]);
    run.assert_said(2, "--bom is for CSV and TSV");
    // A query error leaves no half-written file behind.
    let run = env.netra(&["export", "(((ikrar", "-o", "x.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!env.path("x.csv").exists());
}

/// A JSON Lines export with the body is netra input: indexed again, it gives the
/// same articles, texts and facets.
#[test]
fn a_json_lines_export_indexes_again_into_the_same_articles() {
    let env = corpus();
    let run = env.netra(&[
        "export",
        "--format",
        "jsonl",
        "--fields",
        "body",
        "-o",
        "all.jsonl",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = env.netra(&["index", "all.jsonl", "--index", "copy", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let columns =
        "id,title,date,event_date,outlet,url,dateline,regions,officials,leaders,pledges,body";
    let rows = |index: &str| {
        let run = env.netra(&[
            "export", "--index", index, "--only", columns, "--format", "jsonl",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mut rows: Vec<String> = run.stdout.lines().map(str::to_owned).collect();
        rows.sort();
        rows
    };
    let (before, after) = (rows("index"), rows("copy"));
    assert_eq!(before.len(), 99);
    assert_eq!(before, after);
}

#[test]
fn scrapers_csv_and_tsv_files_are_read_by_their_column_names() {
    let env = Env::new();
    env.write(
        "scrape/berita.csv",
        "No,Judul,Tanggal,Isi Berita,Link,Sumber\n\
         1,ASN Lotim Ikrar Netral,2024-10-03,\"LOMBOK TIMUR - Ratusan ASN Pemkab Lombok Timur mengucapkan ikrar netralitas, Kamis (3/10/2024).\n\nPj Bupati Lombok Timur, Juaini Taofik, memimpin ikrar.\",https://x.test/1,LombokPost\n\
         2,Tanpa Isi,2024-10-04,,https://x.test/2,LombokPost\n\
         3,Camat Ajak ASN Netral,2024-10-05,\"SUMBAWA - Camat Moyo Hilir mengajak ASN netral pada Pilkada, Sabtu (5/10/2024).\",https://x.test/3,SumbawaNews\n",
    );
    env.write(
        "scrape/lain.tsv",
        "naskah\tkepala\nKUPANG - Pj Wali Kota Kupang meminta ASN netral, Senin (7/10/2024).\tASN Kupang Diminta Netral\n",
    );
    let run = env.netra(&["extract", "scrape/berita.csv", "--json"]);
    assert_eq!(run.code, 1, "a row was rejected: {}", run.stderr);
    assert!(
        run.stderr.contains("scrape/berita.csv:5: no \"text\""),
        "the empty row, by the line it starts on: {}",
        run.stderr
    );
    let records = run.json_lines();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["title"], "ASN Lotim Ikrar Netral");
    assert_eq!(records[0]["url"], "https://x.test/1");
    assert_eq!(records[0]["line"], 2);
    assert_eq!(
        records[0]["regions"][0],
        "/Nusa Tenggara Barat/Kabupaten Lombok Timur"
    );
    assert_eq!(records[0]["pledges"][0], "ikrar");
    assert_eq!(
        records[1]["line"], 6,
        "after a quoted field over three lines"
    );
    // Unknown names: one clear error naming the columns seen; --columns maps them.
    let run = env.netra(&["extract", "scrape/lain.tsv"]);
    run.assert_said(
        1,
        "the header has `naskah`, `kepala`; name it with --columns text=",
    );
    let run = env.netra(&[
        "index",
        "scrape",
        "--columns",
        "text=naskah,title=kepala",
        "-q",
    ]);
    assert_eq!(
        run.code, 1,
        "the empty CSV row is still rejected: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 indexed, 1 rejected"),
        "{}",
        run.stderr
    );
    let hits = env.search("netral", &[]).json();
    assert_eq!(hits["total"], 3);
    let run = env.netra(&["index", "scrape", "--columns", "teks=naskah"]);
    run.assert_said(2, "no role `teks`");
}

#[test]
fn broken_csv_loses_only_the_broken_row() {
    let env = Env::new();
    env.write(
        "a.csv",
        "title,text\n\
         Satu,\"ASN Kota Mataram ikrar netral pada Senin (7/10/2024).\"\n\
         Dua,\"ASN Lombok Barat deklarasi netral, quote never closed\n\
         Tiga,ASN Kabupaten Bima apel netralitas pada Selasa (8/10/2024).\n\
         Empat,ASN Kabupaten Dompu ikrar netralitas pada Rabu (9/10/2024).\n",
    );
    env.write("b.csv", b"title,text\nx,\x00\x01\x02binary\xff\n");
    env.write("c.csv", "");
    let run = env.netra(&["extract", "a.csv", "b.csv", "c.csv", "--json"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("a.csv:3: not valid CSV: a quoted field opened on this row is never closed"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("b.csv: binary data"), "{}", run.stderr);
    assert!(run.stderr.contains("c.csv: empty"), "{}", run.stderr);
    let titles: Vec<String> = run
        .json_lines()
        .iter()
        .map(|r| r["title"].as_str().expect("title").to_owned())
        .collect();
    assert_eq!(titles, strs(&["Satu", "Tiga", "Empat"]));
    let lines: Vec<u64> = run
        .json_lines()
        .iter()
        .map(|r| r["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(lines, [2, 4, 5]);
}

#[test]
fn a_csv_edited_between_runs_keeps_one_copy_of_each_row() {
    // Single-line rows; then a row spanning three lines (a quoted body with line
    // breaks) put on top, so that old rows' lines fall inside it: an old row's
    // slot is then no row's start, and an edited row must not stay twice.
    let rows = [
        "\"Ikrar satu\",\"ASN Kabupaten Bogor ikrar netralitas.\"",
        "\"Ikrar dua\",\"ASN Kota Bekasi ikrar netralitas pilkada.\"",
        "\"Ikrar tiga\",\"ASN Kabupaten Garut deklarasi netralitas.\"",
        "\"Ikrar empat\",\"ASN Kota Depok apel netralitas.\"",
    ];
    let env = Env::new();
    env.write(
        "in/berita.csv",
        format!("title,text\n{}\n", rows.join("\n")),
    );
    env.netra(&["index", "in", "-q"]).assert_said(0, "");
    let titles = |env: &Env| -> Vec<String> {
        let mut t: Vec<String> = env
            .netra(&["search", "", "--json", "--all", "--limit", "50"])
            .json()["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| h["title"].as_str().expect("title").to_owned())
            .collect();
        t.sort();
        t
    };
    assert_eq!(
        titles(&env),
        ["Ikrar dua", "Ikrar empat", "Ikrar satu", "Ikrar tiga"]
    );
    let top =
        "\"Ikrar nol\",\"ASN Kabupaten Cianjur apel netralitas.\nBaris kedua.\nBaris ketiga.\"";
    // ... and a row edited at the same time.
    let edited = rows
        .join("\n")
        .replace("Bekasi ikrar", "Bekasi menggelar ikrar");
    env.write("in/berita.csv", format!("title,text\n{top}\n{edited}\n"));
    env.netra(&["index", "in", "-q"]).assert_said(0, "");
    assert_eq!(
        titles(&env),
        [
            "Ikrar dua",
            "Ikrar empat",
            "Ikrar nol",
            "Ikrar satu",
            "Ikrar tiga"
        ]
    );
    // Rows taken out of the middle leave, and nothing else does.
    env.write(
        "in/berita.csv",
        format!("title,text\n{top}\n{}\n{}\n", rows[0], rows[3]),
    );
    env.netra(&["index", "in", "-q"]).assert_said(0, "");
    assert_eq!(titles(&env), ["Ikrar empat", "Ikrar nol", "Ikrar satu"]);
}
