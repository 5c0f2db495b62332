//! Bad input and index faults (backbone point 7, robustness issue).

use std::fs;

use serde_json::Value;

use crate::env::*;

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
    assert_eq!(run.code, 1, "rejections give exit code 1: {}", run.stderr);
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
    // 13 inputs balance: 5 seeds, 3 bad files, 4 JSONL lines, 1 dangling link =
    // 7 indexed (5 seeds, the Windows-1252 file, one good line) + 6 rejected.
    assert!(err.contains("read 13 inputs from"), "{err}");
    assert!(err.contains("7 indexed, 6 rejected"), "{err}");
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
fn unchanged_articles_are_skipped_and_only_changes_are_parsed() {
    let env = Env::indexed();
    let again = env.netra(&["index", "--quiet"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("0 indexed, 5 unchanged (already indexed), 0 rejected"),
        "{}",
        again.stderr
    );
    let seed = env.path("seeds/001_12474692b2b8d984.txt");
    let text = fs::read_to_string(&seed).expect("read");
    fs::write(&seed, text.replace("netralitas", "netralitas pegawai")).expect("edit");
    let edited = env.netra(&["index", "--quiet"]);
    assert!(
        edited
            .stderr
            .contains("1 indexed, 4 unchanged (already indexed), 0 rejected")
            && edited.stderr.contains("now holds 5 articles"),
        "{}",
        edited.stderr
    );
}

#[test]
fn a_jsonl_file_that_grows_shrinks_or_changes_is_followed_line_by_line() {
    let env = Env::new();
    let feed = env.synthetic_jsonl("feed.jsonl", 30);
    let all = fs::read_to_string(&feed).expect("read");
    let lines: Vec<&str> = all.lines().collect();
    let write = |ls: &[&str]| fs::write(&feed, ls.join("\n") + "\n").expect("write");
    let index = || env.netra(&["index", "feed.jsonl", "--index", "idx", "--quiet"]);
    let total = |q: &str| env.search(q, &["--index", "idx"]).json()["total"].clone();

    write(&lines[..20]);
    assert!(index().stderr.contains("20 indexed, 0 rejected"));
    // Appended lines are the only ones parsed.
    write(&lines);
    let grown = index();
    assert!(
        grown
            .stderr
            .contains("10 indexed, 20 unchanged (already indexed)")
            && grown.stderr.contains("now holds 30 articles"),
        "{}",
        grown.stderr
    );
    // A changed line replaces its article; lines cut from the end leave the index.
    let mut edited: Vec<String> = lines[..25].iter().map(|l| l.to_string()).collect();
    edited[4] = edited[4].replace("kode4.", "kode4 gantiempat.");
    fs::write(&feed, edited.join("\n") + "\n").expect("write");
    let shrunk = index();
    assert!(
        shrunk
            .stderr
            .contains("1 indexed, 24 unchanged (already indexed)")
            && shrunk.stderr.contains("now holds 25 articles"),
        "{}",
        shrunk.stderr
    );
    assert_eq!(total("gantiempat"), 1);
    assert_eq!(total("kode27"), 0);
    assert_eq!(total("kode24"), 1);
    // A line that turns bad loses its old article and is reported.
    edited[7] = "{not json".to_owned();
    fs::write(&feed, edited.join("\n") + "\n").expect("write");
    let broken = index();
    assert_eq!(broken.code, 1);
    assert!(
        broken.stderr.contains("feed.jsonl:8") && broken.stderr.contains("now holds 24 articles"),
        "{}",
        broken.stderr
    );
    assert_eq!(total("kode7"), 0);
}

#[test]
fn a_duplicate_stays_a_duplicate_when_its_original_is_unchanged() {
    let env = Env::with_seeds();
    fs::copy(
        env.path("seeds/000_8b95b8f6524e9c30.txt"),
        env.path("seeds/copy.txt"),
    )
    .expect("copy");
    for _ in 0..3 {
        let run = env.netra(&["index", "--quiet"]);
        assert!(
            run.stderr.contains("skipped seeds/copy.txt: same text as")
                && run.stderr.contains("now holds 5 articles"),
            "{}",
            run.stderr
        );
    }
    let hits = env.search("lombokfokus", &[]).json();
    let paths: Vec<&str> = hits["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["path"].as_str())
        .collect();
    assert!(!paths.contains(&"seeds/copy.txt"), "{paths:?}");
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
    // A copy is reported, and is not input lost: the run succeeds.
    assert_eq!(run.code, 0);
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
    assert_eq!(missing.code, 2);
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
    assert_eq!(old.code, 2);
    assert!(
        old.stderr.contains("format 999") && old.stderr.contains("--rebuild"),
        "{}",
        old.stderr
    );
    let rebuilt = env.netra(&["index", "--rebuild", "--quiet"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    assert_eq!(env.search("\"ikrar\"", &[]).json()["total"], 2);
}

#[test]
fn a_locked_index_is_reported_and_search_still_answers() {
    let env = Env::indexed();
    let store = netra::store::Store::open(&env.path("index")).expect("open");
    let _writer = store.writer(50_000_000).expect("hold the writer lock");
    let run = env.netra(&["index", "--quiet"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is in use by process"),
        "{}",
        run.stderr
    );
    assert_eq!(env.search("\"ikrar\"", &[]).json()["total"], 2);
}

// Robustness issue: inputs that must be handled.

#[test]
fn bom_crlf_latin1_and_mojibake_are_read_as_text() {
    let env = Env::new();
    env.write(
        "in/bom-crlf.txt",
        "\u{feff}Sekda Pimpin Apel Netralitas ASN di Kota Bima\r\n\r\nBIMA - Sekda memimpin apel, Senin (5/2/2024).\r\nASN wajib netral.\r\n",
    );
    env.write(
        "in/latin1.txt",
        b"Camat Ajak Warga Tolak Politik Uang di Desa\n\nCamat meminta warga menolak politik uang di caf\xe9 desa, Selasa (6/2/2024)."
            .as_slice(),
    );
    env.write(
        "in/mojibake.txt",
        "Bawaslu Ingatkan Netralitas Kepala Desa Jelang Pilkada\n\n‚ÄúKepala desa harus netral,‚Äù kata Ketua Bawaslu, Rabu (7/2/2024).",
    );
    let run = env.netra(&["extract", "in", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("in/latin1.txt: not UTF-8"),
        "{}",
        run.stderr
    );
    let records = run.json_lines();
    let by_file = |name: &str| {
        records
            .iter()
            .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let bom = by_file("bom-crlf.txt");
    assert_eq!(
        bom["title"],
        "Sekda Pimpin Apel Netralitas ASN di Kota Bima"
    );
    assert_eq!(bom["dateline"], "Bima");
    // "Senin (5/2/2024)" in the lead: the event's date; the page has no header date.
    assert_eq!(bom["event_date"], "2024-02-05");
    assert_eq!(bom["date"], Value::Null);
    assert!(!bom["body"].as_str().expect("body").contains('\r'));
    assert!(by_file("latin1.txt")["body"]
        .as_str()
        .expect("body")
        .contains("café"));
    assert!(by_file("mojibake.txt")["body"]
        .as_str()
        .expect("body")
        .starts_with("“Kepala desa harus netral,”"));
}

#[test]
fn a_50_mb_article_and_a_20_mb_line_are_indexed_whole() {
    let env = Env::new();
    let paragraph = "Pemerintah daerah mengingatkan seluruh pegawai untuk menjaga netralitas. ";
    let mut big = String::from("Artikel Sangat Panjang Tentang Netralitas ASN\n\n");
    while big.len() < 50_000_000 {
        big.push_str(paragraph);
        big.push('\n');
    }
    big.push_str("Kalimat terakhir menyebut ujungartikel.");
    env.write("in/big.txt", &big);
    let line = format!(
        "{{\"text\": \"{}ujungbaris\"}}",
        "ASN netral dalam pilkada. ".repeat(20_000_000 / 26)
    );
    env.write("in/long-line.jsonl", line); // no trailing newline
    let run = env.netra(&["index", "in", "--index", "idx", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("2 indexed, 0 rejected"),
        "{}",
        run.stderr
    );
    for word in ["ujungartikel", "ujungbaris"] {
        let hits = env.netra(&["search", word, "--index", "idx", "--json"]);
        assert_eq!(hits.json()["total"], 1, "{word}");
    }
}

#[test]
fn jsonl_lines_of_every_kind_are_accounted_for() {
    let env = Env::new();
    env.write(
        "in/feed.jsonl",
        [
            r#"{"id": 17, "title": "Ikrar ASN Kota Kupang", "text": "ASN Kota Kupang mengucapkan ikrar netralitas."}"#,
            r#"{"text": "Deklarasi netralitas camat se-Kabupaten Sikka.", "title": 5, "date": {"y": 2024}}"#,
            r#"{"text": "Apel netralitas di Ende.", "outlet": ["a", "b"], "url": null}"#,
            "",
            "{broken",
            r#"["not", "an", "object"]"#,
            r#"{"title": "no text"}"#,
            r#"{"text": ""}"#,
            r#"{"text": null}"#,
            "   ",
        ]
        .join("\n"),
    );
    let run = env.netra(&["index", "in", "--index", "idx", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("in/feed.jsonl:2: field \"title\" is a number"),
        "{err}"
    );
    assert!(
        err.contains("in/feed.jsonl:2: field \"date\" is an object"),
        "{err}"
    );
    assert!(
        err.contains("in/feed.jsonl:3: field \"outlet\" is an array"),
        "{err}"
    );
    assert!(err.contains("in/feed.jsonl:5: not valid JSON"), "{err}");
    assert!(err.contains("in/feed.jsonl:6: not a JSON object"), "{err}");
    for line in [7, 8, 9] {
        assert!(
            err.contains(&format!("in/feed.jsonl:{line}: no \"text\"")),
            "{err}"
        );
    }
    // 8 non-blank lines = 3 indexed + 5 rejected.
    assert!(err.contains("read 8 inputs from 1 file"), "{err}");
    assert!(err.contains("3 indexed, 5 rejected"), "{err}");
    let hit = env
        .netra(&["search", "kupang", "--index", "idx", "--json"])
        .json();
    assert_eq!(hit["hits"][0]["id"], "17");
}

#[test]
fn symlink_loops_odd_names_and_thousands_of_files() {
    let env = Env::new();
    for i in 0..3000 {
        env.write(
            &format!("in/batch/{:02}/berita-{i}.txt", i % 50),
            format!(
                "Berita Nomor {i} Tentang Netralitas ASN\n\nPegawai nomor{i} menjaga netralitas."
            ),
        );
    }
    env.write(
        "in/folder dengan spasi/Pemilu café ñ.txt",
        "Judul Dengan Nama Berkas Aneh Sekali\n\nIsi tentang netralitas pegawai anehsekali.",
    );
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::os::unix::fs::symlink("..", env.path("in/batch/loop")).expect("symlink loop");
        let latin1_name = std::ffi::OsStr::from_bytes(b"in/nama-\xe9.txt");
        fs::write(
            env.path("").join(latin1_name),
            "Judul Berkas Latin Satu Di Sini\n\nIsi latinsatu.",
        )
        .expect("non-UTF-8 file name");
    }
    let run = env.netra(&["index", "in", "--index", "idx", "--quiet"]);
    let err = &run.stderr;
    #[cfg(unix)]
    {
        assert_eq!(run.code, 1, "the loop is reported: {err}");
        assert!(
            err.contains("in/batch/loop") && err.contains("symbolic link loop"),
            "{err}"
        );
        assert!(err.contains("read 3003 inputs from 3002 files"), "{err}");
        assert!(err.contains("3002 indexed, 1 rejected"), "{err}");
        let latin = env
            .netra(&["search", "latinsatu", "--index", "idx", "--json"])
            .json();
        assert_eq!(latin["total"], 1);
    }
    for (word, total) in [
        ("nomor2999", 1),
        ("anehsekali", 1),
        ("netralitas", 3000 + 1),
    ] {
        let hits = env
            .netra(&["search", word, "--index", "idx", "--json"])
            .json();
        assert_eq!(hits["total"], total, "{word}");
    }
}

#[test]
fn unreadable_files_are_reported() {
    let env = Env::with_seeds();
    let secret = env.write(
        "seeds/secret.txt",
        "Judul Rahasia Yang Tidak Terbaca\n\nIsi.",
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).expect("chmod");
        if fs::read(&secret).is_ok() {
            eprintln!(
                "SKIPPED unreadable_files_are_reported: running with privileges that read \
                 any file (root); a dangling link stands in for an unreadable file"
            );
            fs::remove_file(&secret).expect("rm");
            std::os::unix::fs::symlink("/nonexistent", &secret).expect("dangling link");
        }
    }
    let run = env.netra(&["index", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("skipped seeds/secret.txt: cannot be read"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("5 indexed, 1 rejected"),
        "{}",
        run.stderr
    );
}
