//! Analysis, the query language, search output and the main job (backbone points 4–6).

use serde_json::Value;

use crate::env::*;

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
    // "menetralkan" stems to netral (Snowball alone says "etral"): the seeds that
    // say netral or netralnya. Netralitas keeps its own stem (another meaning of
    // netral is a colour's).
    assert_eq!(
        env.search("menetralkan", &[]).seed_hits(),
        strs(&["000", "002", "003"])
    );
    assert_eq!(env.search("netralitas", &[]).json()["total"], 5);
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

#[test]
fn a_word_finds_its_stem_written_bare_or_with_affixes() {
    // The index marks a stem only where it is not the word ("netralitas" gives
    // "#netral", "netral" gives only itself): a search reads both as one term.
    let env = Env::new();
    env.write(
        "a.txt",
        "Judul Berita Satu Tentang ASN\n\nSemua ASN harus netral.",
    );
    env.write(
        "b.txt",
        "Judul Berita Dua Tentang ASN\n\nNetralitas ASN dijaga.",
    );
    env.write(
        "c.txt",
        "Judul Berita Tiga Tentang ASN\n\nBupati menetralkan suasana, netral dan netral.",
    );
    env.write(
        "d.txt",
        "Judul Berita Empat Tentang ASN\n\nASN wajib hadir.",
    );
    env.netra(&["index", ".", "--index", "idx", "--quiet"]);
    let paths = |q: &str| -> Vec<String> {
        env.netra(&["search", q, "--index", "idx", "--json"]).json()["hits"]
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
            .collect()
    };
    let sorted = |q: &str| {
        let mut found = paths(q);
        found.sort();
        found
    };
    // netral: its forms (three in c, one in a), and one way, netralitas (b).
    assert_eq!(sorted("netral"), strs(&["a.txt", "b.txt", "c.txt"]));
    assert_eq!(
        paths("menetralkan")[0],
        "c.txt",
        "three forms of netral in c"
    );
    // netralitas keeps its own stem: not the colour's netral.
    assert_eq!(sorted("netralitas"), strs(&["b.txt"]));
    assert_eq!(sorted("kenetralan"), strs(&["a.txt", "c.txt"]));
    // The exact word alone, quoted: only where it is written bare.
    let mut bare = paths("\"netral\"");
    bare.sort();
    assert_eq!(bare, strs(&["a.txt", "c.txt"]));
}

// 5. search: flags, boolean syntax, output.

#[test]
fn boolean_syntax_or_and_exclusion() {
    let env = Env::indexed();
    assert_eq!(
        env.search("\"ikrar\" OR \"pakta integritas\"", &[])
            .seed_hits(),
        strs(&["001", "004"])
    );
    assert_eq!(
        env.search("\"deklarasi\" -lombok", &[]).seed_hits(),
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
    // Sorted by the date each is filed under: the event's, else the publication's.
    let dates: Vec<&str> = sorted["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            h["event_date"]
                .as_str()
                .or(h["date"].as_str())
                .expect("a date")
        })
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
fn words_standing_close_together_rank_first() {
    let env = Env::new();
    let filler = "Warga desa berkumpul di balai pada pagi hari untuk mendengar arahan.";
    // Same words, same counts, same length: only the distance differs. The far
    // article is indexed first, so a tie would put it first.
    env.write(
        "a_far.txt",
        format!("Berita Satu Hari Ini\n\nKampanye bersih. {filler} {filler} Tolak suap."),
    );
    env.write(
        "b_near.txt",
        format!("Berita Dua Hari Ini\n\nKampanye tolak suap. {filler} {filler} Bersih."),
    );
    let run = env.netra(&["index", ".", "--index", "idx", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = env.search("kampanye suap", &["--index", "idx"]).json();
    assert_eq!(r["total"], 2);
    assert_eq!(r["hits"][0]["path"], "./b_near.txt", "{r}");
    assert!(r["hits"][0]["score"].as_f64() > r["hits"][1]["score"].as_f64());
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
        out.contains(
            "2024-10-03 · LombokJournal.com · Kabupaten Lombok Timur, Nusa Tenggara Barat"
        ),
        "{out}"
    );
    assert!(out.contains("seeds/002_79a728709b280e4b.txt"), "{out}");
    assert!(out.contains("menolak [politik uang]"), "{out}");
    assert!(out.contains("(no title) Penjabat (Pj) Gubernur"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when not a terminal");

    let coloured = env.netra(&["search", "\"politik uang\"", "--color", "always"]);
    assert!(
        coloured
            .stdout
            .contains("\x1b[1m\x1b[33mpolitik uang\x1b[0m"),
        "{}",
        coloured.stdout
    );
}

#[test]
fn a_bad_query_is_one_line_and_a_failure() {
    let env = Env::indexed();
    for query in ["\"politik uang", "(ikrar", "-netral", "ikrar)", "!!!"] {
        let run = env.netra(&["search", "--", query]);
        assert_eq!(run.code, 2, "{query}");
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
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("netra index <FOLDER>"),
        "{}",
        run.stderr
    );
}
