//! Facets (facets issue): the seeds' expected regions and pledges, filtering by
//! region and pledge with the words users type, and counts.

use std::fs;

use serde_json::Value;

use crate::env::*;

#[test]
fn extract_meets_the_seed_gold_regions_and_pledges() {
    let env = Env::with_seeds();
    let records = env.netra(&["extract", "seeds", "--json"]).json_lines();
    for expected in seed_gold() {
        let file = expected["file"].as_str().expect("file");
        let got = record_for(&records, file);
        let accepted = [&expected["regions"], &expected["regions_also_accepted"]];
        assert!(
            accepted.contains(&&got["regions"]),
            "{file}: regions {}",
            got["regions"]
        );
        let set = |v: &Value| {
            let mut items: Vec<String> = v
                .as_array()
                .expect("array")
                .iter()
                .map(|s| s.as_str().expect("string").to_owned())
                .collect();
            items.sort();
            items
        };
        assert_eq!(
            set(&got["pledges"]),
            set(&expected["pledges"]),
            "{file}: pledges"
        );
    }
}

#[test]
fn region_filters_take_aliases_names_and_paths() {
    let env = Env::indexed();
    for (region, seeds) in [
        ("NTB", &["000", "002", "004"][..]),
        ("Lotim", &["000", "002"][..]),
        ("Lombok Timur", &["000", "002"][..]),
        ("Manggarai Barat", &["003"][..]),
        ("/Banten/Kabupaten Lebak", &["001"][..]),
        ("Banten", &["001"][..]),
        ("Lembor", &["003"][..]),
    ] {
        let hits = env.search("netralitas", &["--region", region]).seed_hits();
        assert_eq!(hits, strs(seeds), "--region {region}");
    }
    let either = env.search("netralitas", &["--region", "Lebak", "--region", "Lembor"]);
    assert_eq!(either.seed_hits(), strs(&["001", "003"]));
}

#[test]
fn ambiguous_and_unknown_regions_are_explained() {
    let env = Env::indexed();
    let bogor = env.netra(&["search", "netralitas", "--region", "Bogor", "--json"]);
    // No seed is about Bogor: nothing matched, and the empty result is JSON.
    assert_eq!(bogor.code, 1);
    assert_eq!(bogor.json()["total"], 0);
    assert!(
        bogor
            .stderr
            .contains("/Jawa Barat/Kabupaten Bogor, /Jawa Barat/Kota Bogor"),
        "{}",
        bogor.stderr
    );
    let unknown = env.netra(&["search", "netralitas", "--region", "Lombok Timor"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown region `Lombok Timor`")
            && unknown
                .stderr
                .contains("/Nusa Tenggara Barat/Kabupaten Lombok Timur"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn pledge_filters_accept_the_misspelt_pact() {
    let env = Env::indexed();
    assert_eq!(
        env.search("netralitas", &["--pledge", "ikrar"]).seed_hits(),
        strs(&["001", "004"])
    );
    assert_eq!(
        env.search("netralitas", &["--pledge", "fakta integritas"])
            .seed_hits(),
        strs(&["001"])
    );
    assert_eq!(
        env.search("netralitas", &["--pledge", "apel", "--region", "NTB"])
            .seed_hits(),
        strs(&["004"])
    );
    let bad = env.netra(&["search", "netralitas", "--pledge", "sumpah"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("unknown pledge type `sumpah`: use one of deklarasi"),
        "{}",
        bad.stderr
    );
}

#[test]
fn facets_show_the_region_hierarchy_with_counts() {
    let env = Env::indexed();
    let run = env.netra(&["facets", "region"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<String> = run
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        lines,
        [
            "Nusa Tenggara Barat 3",
            "Kabupaten Lombok Timur 2",
            "Banten 1",
            "Kabupaten Lebak 1",
            "Nusa Tenggara Timur 1",
            "Kabupaten Manggarai Barat 1",
            "Lembor 1",
        ]
    );
    let ntb = env
        .netra(&["facets", "region", "/Nusa Tenggara Barat", "--json"])
        .json();
    assert_eq!(
        ntb["counts"][0]["path"],
        "/Nusa Tenggara Barat/Kabupaten Lombok Timur"
    );
    assert_eq!(ntb["counts"][0]["count"], 2);
    let pledges = env
        .netra(&["facets", "pledge", "--query", "\"ikrar\"", "--json"])
        .json();
    let counted: Vec<(&str, u64)> = pledges["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .map(|c| {
            (
                c["path"].as_str().expect("path"),
                c["count"].as_u64().expect("count"),
            )
        })
        .collect();
    assert_eq!(counted[0], ("/ikrar", 2));
}

#[test]
fn search_json_carries_facet_counts_for_the_query_and_filters() {
    let env = Env::indexed();
    let r = env.search("netralitas", &["--region", "NTB"]).json();
    assert_eq!(r["facets"]["region"]["/Nusa Tenggara Barat"], 3);
    assert_eq!(r["facets"]["pledge"]["/deklarasi"], 2);
    assert_eq!(r["facets"]["pledge"]["/ikrar"], 1);
    let hit = r["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .find(|h| {
            h["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("002_79a728709b280e4b.txt"))
        })
        .expect("002");
    assert_eq!(
        hit["regions"][0],
        "/Nusa Tenggara Barat/Kabupaten Lombok Timur"
    );
    assert_eq!(hit["pledges"][0], "deklarasi");
}

fn role_names(officials: &Value, with_spellings: bool) -> Vec<String> {
    let mut out: Vec<String> = officials
        .as_array()
        .expect("officials")
        .iter()
        .map(|o| {
            let mut s = format!(
                "{} / {}",
                o["role"].as_str().expect("role"),
                o["name"].as_str().expect("name")
            );
            if with_spellings {
                s.push_str(&format!(" {}", o["as_written"]));
            }
            s
        })
        .collect();
    out.sort();
    out
}

#[test]
fn extract_finds_each_seed_official_as_written() {
    let env = Env::with_seeds();
    let records = env.netra(&["extract", "seeds", "--json"]).json_lines();
    for expected in seed_gold() {
        let file = expected["file"].as_str().expect("file");
        let got = record_for(&records, file);
        // One article alone cannot know a fuller spelling from another article:
        // compare roles and spellings as written here.
        let written = |v: &Value| -> Vec<String> {
            let mut w: Vec<String> = v
                .as_array()
                .expect("officials")
                .iter()
                .map(|o| format!("{} {}", o["role"].as_str().expect("role"), o["as_written"]))
                .collect();
            w.sort();
            w
        };
        assert_eq!(
            written(&got["officials"]),
            written(&expected["officials"]),
            "{file}"
        );
    }
}

#[test]
fn search_names_each_seed_official_as_one_person_across_the_corpus() {
    let env = Env::indexed();
    let hits = env.search("netralitas", &[]).json();
    for expected in seed_gold() {
        let file = expected["file"].as_str().expect("file");
        let hit = record_for(hits["hits"].as_array().expect("hits"), file);
        assert_eq!(
            role_names(&hit["officials"], false),
            role_names(&expected["officials"], false),
            "{file}"
        );
    }
}

#[test]
fn official_filters_take_roles_names_and_variants() {
    let env = Env::indexed();
    for (official, seeds) in [
        ("Hassanudin", &["000", "002"][..]),
        ("Hasanudin", &["000", "002"][..]),
        ("Pj Bupati", &["000", "002"][..]),
        ("Juaini Taofik", &["000", "002"][..]),
        ("Pj Gubernur Lalu Gita Ariadi", &["004"][..]),
        ("/Sekda/Budi Santoso", &["001"][..]),
        ("Ketua Panwascam", &["003"][..]),
    ] {
        let hits = env
            .search("netralitas", &["--official", official])
            .seed_hits();
        assert_eq!(hits, strs(seeds), "--official {official}");
    }
    let unknown = env.netra(&["search", "netralitas", "--official", "Hasanuddinn Putra"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no official `Hasanuddinn Putra`"),
        "{}",
        unknown.stderr
    );
    assert!(
        unknown.stderr.contains("/Pj Gubernur/Hassanudin"),
        "{}",
        unknown.stderr
    );

    let counts = env
        .netra(&["facets", "official", "/Pj Gubernur", "--json"])
        .json();
    assert_eq!(counts["counts"][0]["path"], "/Pj Gubernur/Hassanudin");
    assert_eq!(counts["counts"][0]["count"], 2);
}

/// Who led a pledge (read it out, led it, signed first) is a facet of its own:
/// `netra facets leader` lists them, and each hit names its leaders.
#[test]
fn the_officials_who_led_pledges_are_listed() {
    let env = Env::indexed();
    let counts = env.netra(&["facets", "leader", "--json"]).json();
    let mut leaders: Vec<String> = counts["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .flat_map(|role| role["children"].as_array().expect("people").clone())
        .map(|p| p["path"].as_str().expect("path").to_owned())
        .collect();
    leaders.sort();
    // Seed 001: "Penandatanganan tersebut diawali oleh Sekretaris Daerah (Sekda)
    // Kabupaten Lebak, Budi Santoso"; seed 004: the Pj Gubernur led the apel.
    assert_eq!(
        leaders,
        strs(&["/Pj Gubernur/Lalu Gita Ariadi", "/Sekda/Budi Santoso"])
    );
    let hit = env.search("pakta integritas", &[]).json()["hits"][0].clone();
    assert_eq!(seed_number(hit["path"].as_str().expect("path")), "001");
    assert_eq!(hit["leaders"][0]["name"], "Budi Santoso", "{hit}");
    let text = env.netra(&["facets", "leader"]);
    assert!(text.stdout.contains("Budi Santoso"), "{}", text.stdout);
}

/// A whole hierarchy is counted in one pass, each article once under each place
/// above its regions: an article of two regencies of one province counts once for
/// the province. (The regions are given with the articles, as an export carries
/// them.)
#[test]
fn a_hierarchy_counts_each_article_once_per_place() {
    let env = Env::new();
    env.write(
        "given.jsonl",
        concat!(
            r#"{"id": "a", "text": "ASN netral.", "regions": ["/Jawa Barat/Kabupaten Garut", "/Jawa Barat/Kota Bogor"]}"#,
            "\n",
            r#"{"id": "b", "text": "ASN netral lagi.", "regions": ["/Jawa Barat/Kabupaten Garut/Tarogong Kidul"]}"#,
            "\n",
            r#"{"id": "c", "text": "ASN netral sekali.", "regions": ["/Banten"], "officials": [{"role": "Pj Bupati", "name": "Budi"}]}"#,
            "\n"
        ),
    );
    env.netra(&["index", "given.jsonl", "-q"])
        .assert_said(0, "");
    let tree = env.netra(&["facets", "region", "--json"]).json();
    let count = |path: &str| -> u64 {
        fn find(nodes: &Value, path: &str) -> Option<u64> {
            nodes.as_array()?.iter().find_map(|n| {
                if n["path"] == path {
                    n["count"].as_u64()
                } else {
                    find(&n["children"], path)
                }
            })
        }
        find(&tree["counts"], path).unwrap_or(0)
    };
    assert_eq!(count("/Jawa Barat"), 2);
    assert_eq!(count("/Jawa Barat/Kabupaten Garut"), 2);
    assert_eq!(count("/Jawa Barat/Kota Bogor"), 1);
    assert_eq!(count("/Jawa Barat/Kabupaten Garut/Tarogong Kidul"), 1);
    assert_eq!(count("/Banten"), 1);
    let officials = env.netra(&["facets", "official", "--json"]).json();
    assert_eq!(officials["counts"][0]["path"], "/Pj Bupati");
    assert_eq!(
        officials["counts"][0]["children"][0]["path"],
        "/Pj Bupati/Budi"
    );
}

/// `--official Bawaslu` names an institution: it finds the articles of every office
/// of it (chairs and members), the same as asking for each office.
#[test]
fn an_institution_filters_on_all_its_offices() {
    let env = Env::new();
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/facets/articles");
    env.netra(&["index", articles, "--index", "i", "-q"])
        .assert_said(0, "");
    let paths = |officials: &[&str]| {
        let mut args = vec![
            "search", "bawaslu", "--index", "i", "--all", "-n", "200", "--json",
        ];
        for o in officials {
            args.extend(["--official", o]);
        }
        let run = env.netra(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mut got: Vec<String> = run.json()["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| h["path"].as_str().expect("path").to_owned())
            .collect();
        got.sort();
        got
    };
    let institution = paths(&["Bawaslu"]);
    let chairs = paths(&["Ketua Bawaslu"]);
    assert!(institution.len() > chairs.len(), "{institution:?}");
    assert_eq!(
        institution,
        paths(&["Ketua Bawaslu", "Anggota Bawaslu"]),
        "Bawaslu is its chairs and members"
    );
}

/// Micro-averaged counts of one facet over a set of articles.
#[derive(Default)]
struct Score {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

impl Score {
    fn add(&mut self, got: &[String], want: &[String]) {
        let hit = got.iter().filter(|g| want.contains(g)).count();
        self.true_positives += hit;
        self.false_positives += got.len() - hit;
        self.false_negatives += want.iter().filter(|w| !got.contains(w)).count();
    }

    fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn facet_items(record: &Value, facet: &str) -> Vec<String> {
    record[facet]
        .as_array()
        .expect("facet list")
        .iter()
        .map(|v| match v {
            Value::Object(o) => format!(
                "{}/{}",
                o["role"].as_str().expect("role"),
                o["name"].as_str().expect("name")
            ),
            other => other.as_str().expect("string").to_owned(),
        })
        .collect()
}

/// The facets issue's quality bar, on the written articles of `tests/facets/`
/// (labels in `expected.jsonl`, rubric in its README): files 00–33 were written
/// with the first rules, 34–93 by others before the rules were revised for real
/// articles. Each half is scored and held to the targets on its own.
#[test]
fn facet_extraction_meets_the_f1_targets() {
    let env = Env::new();
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/facets/articles");
    let run = env.netra(&["extract", articles, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = run.json_lines();
    let expected: Vec<Value> = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/facets/expected.jsonl"
    ))
    .expect("expected facets")
    .lines()
    .map(|l| serde_json::from_str(l).expect("expected line"))
    .collect();
    assert!(
        expected.len() >= 90,
        "the written set holds 94 labelled articles"
    );
    assert_eq!(records.len(), expected.len(), "one record per article");
    let (first, later): (Vec<Value>, Vec<Value>) = expected
        .into_iter()
        .partition(|e| e["file"].as_str().is_some_and(|f| f < "34"));
    let targets = [("regions", 0.95), ("pledges", 0.95), ("officials", 0.90)];
    eprintln!("files 00-33:");
    let mut failures = f1_failures(&first, &records, &targets);
    eprintln!("files 34-93:");
    failures.extend(f1_failures(&later, &records, &targets));
    assert!(failures.is_empty(), "{}", failures.join("; "));
}

/// A blind written set (`tests/facets/blind/`): 32 pages from 32 provinces, written
/// and labelled by people who saw neither netra's rules nor its output, scored
/// before any rule was changed for them (regions F1 0.824, officials 0.922,
/// pledges 0.915). Below the targets of the half above; the floors are today's
/// scores less a small margin.
#[test]
fn blind_written_articles_hold_their_measured_scores() {
    let env = Env::new();
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/facets/blind/articles");
    let run = env.netra(&["extract", articles, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = run.json_lines();
    let expected: Vec<Value> = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/facets/blind/expected.jsonl"
    ))
    .expect("blind labels")
    .lines()
    .map(|l| serde_json::from_str(l).expect("label line"))
    .collect();
    assert_eq!(
        expected.len(),
        32,
        "the blind set holds 32 labelled articles"
    );
    assert_eq!(records.len(), expected.len(), "one record per article");
    let floors = [("regions", 0.95), ("pledges", 0.97), ("officials", 0.97)];
    let failures = f1_failures(&expected, &records, &floors);
    assert!(failures.is_empty(), "{}", failures.join("; "));
    // Their dates, labelled too: publication 31 of 32 (the page scraped as one
    // line has its header date inside that line, unread), event 32 of 32 when the
    // floors were set.
    let right = |field: &str| {
        expected
            .iter()
            .filter(|want| {
                let got = record_for(&records, want["file"].as_str().expect("file"));
                got[field] == want[field]
            })
            .count()
    };
    let (published, happened) = (right("date"), right("event_date"));
    eprintln!("dates right: publication {published}/32, event {happened}/32");
    assert!(published >= 30, "publication dates right: {published}/32");
    assert!(happened >= 31, "event dates right: {happened}/32");
}

/// The same scores on real news (`tests/facets/real.jsonl`: 234 articles drawn at
/// random from the team's corpus and its election subset, labelled by reading). The corpus cannot be
/// redistributed, so this runs where `../shared/corpus` exists (`.ci/run` runs it
/// there). Real articles are harder than the written ones and below the written
/// targets: the floors are today's measured scores less a small margin, so that a
/// change that loses real-text quality fails here.
#[test]
#[ignore = "needs ../shared/corpus (not redistributable); .ci/run runs it where it exists"]
fn real_articles_hold_their_measured_facet_scores() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let labels: Vec<Value> = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/facets/real.jsonl"
    ))
    .expect("real labels")
    .lines()
    .map(|l| serde_json::from_str(l).expect("label line"))
    .collect();
    let wanted: std::collections::HashSet<&str> = labels
        .iter()
        .map(|l| l["id"].as_str().expect("id"))
        .collect();
    let env = Env::new();
    let mut sample = String::new();
    for part in ["scale.jsonl.gz", "topical.jsonl.gz"] {
        let out = std::process::Command::new("gzip")
            .arg("-dc")
            .arg(corpus.join(part))
            .output()
            .expect("gzip runs");
        assert!(out.status.success(), "cannot read {part} in {corpus:?}");
        for line in String::from_utf8(out.stdout).expect("UTF-8").lines() {
            let row: Value = serde_json::from_str(line).expect("a corpus row");
            if wanted.contains(row["id"].as_str().unwrap_or("")) {
                sample.push_str(line);
                sample.push('\n');
            }
        }
    }
    let path = env.write("real.jsonl", &sample);
    let run = env.netra(&["extract", path.to_str().expect("path"), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = run.json_lines();
    // The labels were read on this very text.
    for label in &labels {
        let id = label["id"].as_str().expect("id");
        let row = sample
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).expect("row"))
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} is not in the corpus"));
        let text = row["text"].as_str().expect("text");
        assert_eq!(
            format!("{:016x}", fnv1a(text.as_bytes())),
            label["fnv"].as_str().expect("fnv"),
            "{id}: the corpus text changed since it was labelled"
        );
    }
    let expected: Vec<Value> = labels
        .iter()
        .map(|l| {
            let mut l = l.clone();
            l["file"] = Value::String(format!("/{}", l["id"].as_str().expect("id")));
            l
        })
        .collect();
    let records: Vec<Value> = records
        .into_iter()
        .map(|mut r| {
            r["path"] = Value::String(format!("/{}", r["id"].as_str().expect("id")));
            r
        })
        .collect();
    let floors = [("regions", 0.77), ("officials", 0.87)];
    let failures = f1_failures(&expected, &records, &floors);
    assert!(failures.is_empty(), "{}", failures.join("; "));
}

/// FNV-1a, 64 bits: how `real.jsonl` fingerprints each labelled text.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Precision, recall and F1 of each facet on `expected` (printed), and the
/// facets below their targets.
fn f1_failures(expected: &[Value], records: &[Value], targets: &[(&str, f64)]) -> Vec<String> {
    let mut failures = Vec::new();
    for &(facet, target) in targets {
        let mut score = Score::default();
        for want in expected {
            let file = want["file"].as_str().expect("file");
            let got = record_for(records, file);
            let (g, w) = (facet_items(got, facet), facet_items(want, facet));
            if g.iter().any(|x| !w.contains(x)) || w.iter().any(|x| !g.contains(x)) {
                eprintln!("  {facet} {file}: got {g:?}, want {w:?}");
            }
            score.add(&g, &w);
        }
        eprintln!(
            "{facet:>9}: precision {:.3}  recall {:.3}  F1 {:.3}  (at least {target})",
            score.precision(),
            score.recall(),
            score.f1()
        );
        if score.f1() < target {
            failures.push(format!("{facet} F1 {:.3} < {target}", score.f1()));
        }
    }
    failures
}
