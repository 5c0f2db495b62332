//! Bad input and index faults (backbone point 7, robustness issue).

use std::fs;

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
        run.stderr.contains("is in use by process"),
        "{}",
        run.stderr
    );
    assert_eq!(env.search("ikrar", &[]).json()["total"], 2);
}
