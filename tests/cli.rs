//! End-to-end tests of the `netra` binary on the seed articles and on fixtures
//! written here. Each test runs the real binary in its own temporary folder.
//!
//! Golden files: `tests/golden/seed-fields.jsonl` holds the expected title, outlet,
//! dateline, date and body exclusions of each seed (transcribed from the team's
//! seed gold); `tests/golden/seeds/*.json` hold the whole `extract --json` output
//! of each seed. After an intended change to extraction, regenerate the latter with
//! `NETRA_BLESS=1 cargo test --test cli golden` and review the diff.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");

/// A temporary working folder with the seeds copied in, and a way to run netra there.
struct Env {
    dir: tempfile::TempDir,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }

    /// The seed numbers ("000".."004") of a search's hits, sorted.
    fn seed_hits(&self) -> Vec<String> {
        let mut seeds: Vec<String> = self.json()["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| seed_number(h["path"].as_str().expect("path")))
            .collect();
        seeds.sort();
        seeds
    }
}

fn seed_number(path: &str) -> String {
    Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .map(|n| n[..3].to_owned())
        .expect("a seed file name")
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn with_seeds() -> Env {
        let env = Env::new();
        let seeds = env.path("seeds");
        fs::create_dir(&seeds).expect("mkdir seeds");
        for entry in fs::read_dir(SEEDS).expect("seeds folder") {
            let entry = entry.expect("entry");
            fs::copy(entry.path(), seeds.join(entry.file_name())).expect("copy seed");
        }
        env
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(&path, bytes).expect("write fixture");
        path
    }

    fn netra(&self, args: &[&str]) -> Run {
        self.netra_env(args, &[])
    }

    fn netra_env(&self, args: &[&str], vars: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_netra"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_remove("NETRA_INDEX")
            .env_remove("NO_COLOR");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let Output {
            status,
            stdout,
            stderr,
        } = cmd.output().expect("run netra");
        let run = Run {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "netra panicked on {args:?}:\n{}",
            run.stderr
        );
        run
    }

    /// Indexes the seeds into ./index and returns the run.
    fn indexed() -> Env {
        let env = Env::with_seeds();
        let run = env.netra(&["index", "--quiet"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        env
    }

    fn search(&self, query: &str, extra: &[&str]) -> Run {
        let mut args = vec!["search", query, "--json"];
        args.extend_from_slice(extra);
        let run = self.netra(&args);
        assert_eq!(run.code, 0, "search {query:?} failed: {}", run.stderr);
        run
    }
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

// 1. Indexing: folders, .txt and .jsonl, defaults, summary.

#[test]
fn index_defaults_to_seeds_into_index_and_summarises() {
    let env = Env::with_seeds();
    let run = env.netra(&["index", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(env.path("index/meta.json").is_file());
    assert!(
        run.stderr.contains("read 5 files")
            && run.stderr.contains("5 articles indexed, 0 rejected"),
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
    assert!(run.stderr.contains("3 articles indexed"), "{}", run.stderr);
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
        &["search", "ikrar", "--json"],
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
    let gold = fs::read_to_string(format!("{GOLDEN}/seed-fields.jsonl")).expect("gold");
    for expected in gold
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("gold line"))
    {
        let file = expected["file"].as_str().expect("file");
        let got = records
            .iter()
            .find(|r| r["path"].as_str().expect("path").ends_with(file))
            .unwrap_or_else(|| panic!("no record for {file}"));
        for field in ["title", "outlet", "dateline", "date"] {
            assert_eq!(got[field], expected[field], "{file}: {field}");
        }
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
    for key in [
        "id",
        "path",
        "title",
        "outlet",
        "dateline",
        "date",
        "body",
        "regions",
        "officials",
        "pledges",
    ] {
        assert!(record.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(record["title"], Value::Null);
    assert!(!env.path("index/meta.json").exists());

    let text = env.netra(&["extract", "seeds/004_79d523f8d6890ab8.txt"]);
    assert!(text.stdout.contains("outlet:   ANTARA"), "{}", text.stdout);
}

// 4. Analysis: stems for words, exact words for phrases, reduplication.

#[test]
fn the_issue_queries_on_the_seeds() {
    let env = Env::indexed();
    assert_eq!(
        env.search("\"politik uang\"", &[]).seed_hits(),
        strs(&["002", "004"])
    );
    assert_eq!(
        env.search("netralitas", &[]).seed_hits(),
        strs(&["000", "001", "002", "003", "004"])
    );
    assert_eq!(
        env.search("deklarasikan", &[]).seed_hits(),
        strs(&["000", "002", "003", "004"])
    );
    assert_eq!(
        env.search("\"politik dan uang\"", &[]).seed_hits(),
        Vec::<String>::new()
    );
}

#[test]
fn phrase_slop_allows_words_between() {
    let env = Env::new();
    env.write(
        "a.txt",
        "Judul Berita Tentang Pemilu Daerah\n\nWarga menolak politik dan uang suap.",
    );
    env.write(
        "b.txt",
        "Judul Berita Lain Tentang Pemilu\n\nWarga menolak politik uang.",
    );
    env.netra(&["index", ".", "--index", "idx", "--quiet"]);
    let paths = |q: &str| -> Vec<String> {
        let mut p: Vec<String> = env.netra(&["search", q, "--index", "idx", "--json"]).json()
            ["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| {
                h["path"]
                    .as_str()
                    .expect("path")
                    .trim_start_matches("./")
                    .to_owned()
            })
            .collect();
        p.sort();
        p
    };
    assert_eq!(paths("\"politik uang\""), strs(&["b.txt"]));
    assert_eq!(paths("\"politik uang\"~1"), strs(&["a.txt", "b.txt"]));
}

#[test]
fn stemming_repairs_and_reduplication_through_search() {
    let env = Env::indexed();
    // "menetralkan" stems to netral (Snowball alone says "etral"), found in all five.
    assert_eq!(env.search("menetralkan", &[]).json()["total"], 5);
    // "pegawai" is not cut to "gawa": 004 says "pegawai ASN".
    assert_eq!(env.search("kepegawaian", &[]).seed_hits(), strs(&["004"]));
    // Reduplication is searchable whole and by its part.
    assert_eq!(
        env.search("masing-masing", &[]).seed_hits(),
        strs(&["001", "004"])
    );
    assert_eq!(env.search("masing", &[]).seed_hits(), strs(&["001", "004"]));
    // "ditandatangani" and "menandatangani" share one stem: 001 says "menandatangani".
    assert_eq!(
        env.search("ditandatangani", &[]).seed_hits(),
        strs(&["001"])
    );
}

// 5. search: flags, boolean syntax, output.

#[test]
fn boolean_syntax_or_and_exclusion() {
    let env = Env::indexed();
    assert_eq!(
        env.search("ikrar OR \"pakta integritas\"", &[]).seed_hits(),
        strs(&["001", "004"])
    );
    assert_eq!(
        env.search("deklarasi -lombok", &[]).seed_hits(),
        strs(&["003", "004"])
    );
    assert_eq!(
        env.search("netralitas lebak", &[]).seed_hits(),
        strs(&["001"])
    );
}

#[test]
fn date_bounds_and_date_sort() {
    let env = Env::indexed();
    assert_eq!(
        env.search("netralitas", &["--since", "2024"]).seed_hits(),
        strs(&["000", "002", "003"])
    );
    // 004 is dated only "2023": it overlaps December 2023.
    assert_eq!(
        env.search(
            "netralitas",
            &["--since", "2023-12-01", "--until", "2023-12-31"]
        )
        .seed_hits(),
        strs(&["001", "004"])
    );
    let sorted = env.search("netralitas", &["--sort", "date"]).json();
    let dates: Vec<&str> = sorted["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["date"].as_str().expect("date"))
        .collect();
    assert_eq!(
        dates,
        [
            "2024-10-03",
            "2024-10-03",
            "2024-09-19",
            "2023-12-15",
            "2023"
        ]
    );
    assert_eq!(sorted["hits"][0]["score"], Value::Null);
}

#[test]
fn limit_caps_hits_but_not_total() {
    let env = Env::indexed();
    let r = env.search("netralitas", &["--limit", "2"]).json();
    assert_eq!(r["total"], 5);
    assert_eq!(r["hits"].as_array().expect("hits").len(), 2);
}

#[test]
fn json_output_has_the_documented_shape() {
    let env = Env::indexed();
    let r = env.search("\"politik uang\"", &[]).json();
    for key in ["query", "total", "hits", "facets"] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    let hit = &r["hits"][0];
    for key in [
        "id",
        "path",
        "title",
        "outlet",
        "date",
        "regions",
        "officials",
        "pledges",
        "score",
        "snippet",
    ] {
        assert!(hit.get(key).is_some(), "missing hit key {key}");
    }
    // Highlights are character ranges of the snippet, on the phrase itself.
    let snippet: Vec<char> = hit["snippet"].as_str().expect("snippet").chars().collect();
    let (a, b) = (
        hit["highlights"][0][0].as_u64().expect("start") as usize,
        hit["highlights"][0][1].as_u64().expect("end") as usize,
    );
    assert_eq!(
        snippet[a..b].iter().collect::<String>().to_lowercase(),
        "politik uang"
    );
}

#[test]
fn title_matches_rank_above_body_matches() {
    let env = Env::indexed();
    // "komitmen" is in the titles of 001 and 003 and only in the bodies of 000 and
    // 004 (000 says it twice): the title matches come first.
    let r = env.search("komitmen", &[]).json();
    assert_eq!(r["total"], 4);
    let order: Vec<String> = r["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| seed_number(h["path"].as_str().expect("path")))
        .collect();
    let mut top_two = order[..2].to_vec();
    top_two.sort();
    assert_eq!(top_two, strs(&["001", "003"]), "order {order:?}");
}

#[test]
fn terminal_output_shows_rank_date_outlet_region_title_path_snippet() {
    let env = Env::indexed();
    let run = env.netra(&["search", "\"politik uang\""]);
    assert_eq!(run.code, 0);
    let out = &run.stdout;
    assert!(
        out.starts_with("2 articles match: \"politik uang\"\n"),
        "{out}"
    );
    assert!(
        out.contains("  1. Netralitas ASN Jadi Indikator Kualitas Demokrasi"),
        "{out}"
    );
    assert!(
        out.contains("2024-10-03 · LombokJournal.com · Lombok Timur"),
        "{out}"
    );
    assert!(out.contains("seeds/002_79a728709b280e4b.txt"), "{out}");
    assert!(out.contains("menolak [politik uang]"), "{out}");
    assert!(out.contains("(no title) Penjabat (Pj) Gubernur"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when not a terminal");

    let coloured = env.netra(&["search", "\"politik uang\"", "--color", "always"]);
    assert!(coloured.stdout.contains("\x1b[1;33mpolitik uang\x1b[0m"));
}

#[test]
fn a_bad_query_is_one_line_and_a_failure() {
    let env = Env::indexed();
    for query in ["\"politik uang", "(ikrar", "-netral", "ikrar)", "!!!"] {
        let run = env.netra(&["search", "--", query]);
        assert_eq!(run.code, 1, "{query}");
        assert_eq!(run.stderr.lines().count(), 1, "{query}: {}", run.stderr);
        assert!(run.stderr.starts_with("netra: "), "{}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}

// 6. The main job on a fresh clone.

#[test]
fn first_search_builds_the_default_index_from_seeds() {
    let env = Env::with_seeds();
    let run = env.netra(&["search", "\"politik uang\""]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("does not exist yet: building it from seeds/"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.starts_with("2 articles match"));
    let again = env.netra(&["search", "\"politik uang\""]);
    assert!(
        again.stderr.is_empty(),
        "second search rebuilt: {}",
        again.stderr
    );
}

#[test]
fn no_seeds_and_no_index_is_a_clear_error() {
    let env = Env::new();
    let run = env.netra(&["search", "ikrar"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("netra index <FOLDER>"),
        "{}",
        run.stderr
    );
}

// 7. Bad input never loses other input; index errors are explained.

#[test]
fn bad_files_are_reported_and_the_rest_indexed() {
    let env = Env::with_seeds();
    env.write(
        "seeds/cp1252.txt",
        b"Apel Netralitas ASN di Kota Bima\n\nASN \x93netral\x94 dalam pemilu, kata Sekda."
            .as_slice(),
    );
    env.write("seeds/empty.txt", "");
    env.write(
        "seeds/photo.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".as_slice(),
    );
    env.write(
        "seeds/mixed.jsonl",
        concat!(
            r#"{"text": "Ikrar netralitas ASN Kabupaten Bogor."}"#,
            "\n{not json\n",
            r#"{"title": "tanpa teks"}"#,
            "\n",
            r#"{"text": 42}"#,
            "\n"
        ),
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink("/nonexistent/target.txt", env.path("seeds/dangling.txt"))
        .expect("symlink");

    let run = env.netra(&["index", "--quiet"]);
    assert_eq!(run.code, 2, "rejections give exit code 2: {}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("warning: seeds/cp1252.txt: not UTF-8: read as Windows-1252"),
        "{err}"
    );
    assert!(err.contains("skipped seeds/empty.txt: empty"), "{err}");
    assert!(err.contains("skipped seeds/photo.txt: binary"), "{err}");
    assert!(
        err.contains("skipped seeds/mixed.jsonl:2: not valid JSON"),
        "{err}"
    );
    assert!(
        err.contains("skipped seeds/mixed.jsonl:3: no \"text\""),
        "{err}"
    );
    assert!(
        err.contains("skipped seeds/mixed.jsonl:4: no \"text\""),
        "{err}"
    );
    #[cfg(unix)]
    assert!(err.contains("seeds/dangling.txt"), "{err}");
    // 5 seeds + the Windows-1252 file + the good JSONL line.
    assert!(err.contains("7 articles indexed"), "{err}");
    assert_eq!(
        env.search("\"netral\"", &[]).json()["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .filter(|h| h["path"] == "seeds/cp1252.txt")
            .count(),
        1
    );
}

#[test]
fn reindexing_does_not_duplicate_and_replaces_edited_files() {
    let env = Env::indexed();
    let again = env.netra(&["index", "--quiet"]);
    assert!(
        again.stderr.contains("now holds 5 articles"),
        "{}",
        again.stderr
    );

    let seed = env.path("seeds/003_f8318f46ffd7935e.txt");
    let text = fs::read_to_string(&seed)
        .expect("read")
        .replace("Raimundus", "Raymundus");
    fs::write(&seed, text).expect("edit");
    let edited = env.netra(&["index", "--quiet"]);
    assert!(
        edited.stderr.contains("now holds 5 articles"),
        "{}",
        edited.stderr
    );
    assert_eq!(env.search("raymundus", &[]).json()["total"], 1);
    assert_eq!(env.search("raimundus", &[]).json()["total"], 0);
}

#[test]
fn the_same_article_in_two_files_is_indexed_once() {
    let env = Env::with_seeds();
    fs::copy(
        env.path("seeds/000_8b95b8f6524e9c30.txt"),
        env.path("seeds/copy.txt"),
    )
    .expect("copy");
    let run = env.netra(&["index", "--quiet"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("skipped seeds/copy.txt: same text as seeds/000_8b95b8f6524e9c30.txt"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("now holds 5 articles"),
        "{}",
        run.stderr
    );
}

#[test]
fn index_errors_are_explained() {
    let env = Env::indexed();
    let missing = env.netra(&["search", "ikrar", "--index", "nowhere"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("no index at nowhere"),
        "{}",
        missing.stderr
    );

    fs::write(
        env.path("index/netra.json"),
        r#"{"format": 999, "netra": "9.0.0"}"#,
    )
    .expect("write");
    let old = env.netra(&["search", "ikrar"]);
    assert_eq!(old.code, 1);
    assert!(
        old.stderr.contains("format 999") && old.stderr.contains("--rebuild"),
        "{}",
        old.stderr
    );
    let rebuilt = env.netra(&["index", "--rebuild", "--quiet"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    assert_eq!(env.search("ikrar", &[]).json()["total"], 2);
}

#[test]
fn a_locked_index_is_reported_and_search_still_answers() {
    let env = Env::indexed();
    let store = netra::store::Store::open(&env.path("index")).expect("open");
    let _writer = store.writer(50_000_000).expect("hold the writer lock");
    let run = env.netra(&["index", "--quiet"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("in use by another writer"),
        "{}",
        run.stderr
    );
    assert_eq!(env.search("ikrar", &[]).json()["total"], 2);
}
