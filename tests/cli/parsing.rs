//! Parsing real pages (issue 13): no article is lost to a boilerplate rule, the
//! dateline place stays searchable, publication and event dates apart, and what
//! cleaning removed is said. On written pages of tests/facets shaped like real
//! outlets' pages, and on fixtures written here in the shapes of the corpus.

use std::fs;

use serde_json::Value;

use crate::env::*;

const ARTICLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/facets/articles");

fn extract_one(env: &Env, path: &str) -> Value {
    let run = env.netra(&["extract", path, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json_lines().remove(0)
}

fn written(env: &Env, prefix: &str) -> Value {
    let file = fs::read_dir(ARTICLES)
        .expect("articles")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .expect("a written article");
    extract_one(env, file.to_str().expect("a path"))
}

fn body(record: &Value) -> &str {
    record["body"].as_str().expect("body")
}

#[test]
fn a_latest_news_list_and_a_ticker_above_the_story_are_not_the_story() {
    let env = Env::new();
    // A menu a line per item, "BERITA TERKINI" and four headlines above the
    // article: the old rule ("a latest-news heading and what follows") removed
    // the article and kept the ticker.
    let r = written(&env, "34_");
    assert_eq!(
        r["title"],
        "Pj Bupati Aceh Besar Pimpin Apel Ikrar Netralitas, Keuchik Diminta Jauhi Politik Praktis"
    );
    assert!(body(&r).len() > 1500, "{}", body(&r));
    assert!(!body(&r).contains("Gudang Logistik KIP"), "{}", body(&r));
    assert_eq!(r["regions"][0], "/Aceh/Kabupaten Aceh Besar");
    // A one-line ticker joined by bullets.
    let r = written(&env, "64_");
    assert!(!body(&r).contains("Bawaslu Tabanan"), "{}", body(&r));
    assert!(body(&r).len() > 1500);
    let removed = r["cleaning"]["removed"].as_array().expect("removed");
    assert!(removed.iter().any(|x| x["rule"] == "chrome"), "{removed:?}");
}

#[test]
fn a_line_opening_with_a_byline_or_an_apps_name_keeps_its_story() {
    let env = Env::new();
    // "Baca Berita (BaBe) - … Play Store. MAMUJU, SULBAREXPRESS — …" on one line.
    let r = written(&env, "83_");
    assert!(body(&r).starts_with("Badan Kepegawaian"), "{}", body(&r));
    assert_eq!(r["dateline"], "Mamuju");
    // "Reporter: … | Editor: … JAMBI – …": the story behind the bylines.
    let r = written(&env, "39_");
    assert!(body(&r).starts_with("Badan Pengawas"), "{}", body(&r));
    assert_eq!(r["dateline"], "Jambi");
    // Scraped CLICK-ID shape: paragraphs joined by commas behind a byline.
    let story = "Setelah berpisah dari suaminya, ia menjalani hidupnya di Bali dan jarang tampil di depan publik. ".repeat(6);
    for opening in ["Reporter: Fimela.com/Musa Ade,", "Penulis: ,"] {
        env.write(
            "clickid.jsonl",
            format!(
                "{}\n",
                serde_json::json!({"id": "x", "title": "Judul", "text": format!("{opening}{story}")})
            ),
        );
        let r = extract_one(&env, "clickid.jsonl");
        assert!(
            body(&r).starts_with("Setelah berpisah"),
            "{opening}: {}",
            body(&r)
        );
    }
    // An app named like a dateline, as the whole story.
    let text = format!("Baca Berita (BaBe), sebuah aplikasi berita aggregator, memprakarsai forum di Jakarta. {story}");
    env.write("babe.txt", &text);
    let r = extract_one(&env, "babe.txt");
    assert!(
        body(&r).starts_with("Baca Berita (BaBe), sebuah"),
        "{}",
        body(&r)
    );
}

#[test]
fn the_dateline_place_stays_searchable() {
    let env = Env::new();
    env.write(
        "in/lampung.txt",
        "Pj Gubernur Ajak ASN Jaga Netralitas Jelang Pilkada\n\n\
         LAMPUNG, HELOINDONESIA.COM - Penjabat Gubernur mengajak seluruh aparatur sipil negara menjaga netralitas menjelang pilkada serentak tahun ini.\n\n\
         Ajakan itu disampaikan dalam apel pagi di halaman kantor gubernur bersama para kepala dinas.",
    );
    let run = env.netra(&["index", "in", "--index", "idx", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = env.netra(&["search", "netralitas lampung", "--index", "idx", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["total"], 1);
    assert_eq!(json["hits"][0]["dateline"], "Lampung");
    assert_eq!(json["hits"][0]["outlet"], "HELOINDONESIA.COM");
    // The outlet's name is not cut at a dot.
    assert!(!body(&extract_one(&env, "in/lampung.txt")).contains("HELOINDONESIA"));
    env.write(
        "example.txt",
        "Judul Berita Netralitas Yang Cukup Panjang\n\nEXAMPLE.CO.ID - Penjabat Bupati meminta seluruh pegawai menjaga netralitas pada pilkada serentak tahun ini.",
    );
    let r = extract_one(&env, "example.txt");
    assert_eq!(r["outlet"], "EXAMPLE.CO.ID");
    assert_eq!(r["dateline"], Value::Null);
}

#[test]
fn publication_and_event_dates_are_told_apart_and_undated_matches_counted() {
    let env = Env::new();
    // The voting day in the body is neither date; the lead's weekday date is
    // the event's; the header line, the publication's.
    env.write(
        "in/dated.txt",
        "Pj Bupati Pimpin Ikrar Netralitas ASN\n\nSelasa, 9 Januari 2024 | 10:00 WITA\n\n\
         MATARAM - Penjabat Bupati memimpin ikrar netralitas ASN di halaman kantor bupati, Senin (8/1/2024), menjelang pemungutan suara.\n\n\
         Pemungutan suara digelar pada 14 Februari 2024 di seluruh tempat pemungutan suara.",
    );
    // A lead with "(27/9)" beside the dateline and no header date: the event's
    // date, in the year of the copyright notice; no publication date.
    env.write(
        "in/antara.txt",
        "MATARAM (27/9) (ANTARA) - Penjabat Gubernur memimpin ikrar netralitas ASN di halaman kantor gubernur dan meminta pegawai netral.\n\n\
         Ikrar dibacakan oleh sekretaris daerah dan diikuti seluruh pegawai.\n\nCopyright © ANTARA 2023",
    );
    // A print header "27/11/26, 10.31" is not a date; nothing dates this one.
    env.write(
        "in/undated.txt",
        "27/11/26, 10.31\n\nBupati Minta ASN Jaga Netralitas Pilkada\n\n\
         Bupati meminta seluruh ASN menjaga netralitas dalam pilkada serentak dan tidak ikut berkampanye.",
    );
    let run = env.netra(&["extract", "in", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = run.json_lines();
    let by = |name: &str| {
        records
            .iter()
            .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .expect("a record")
            .clone()
    };
    let d = by("dated.txt");
    assert_eq!(
        (d["date"].as_str(), d["event_date"].as_str()),
        (Some("2024-01-09"), Some("2024-01-08"))
    );
    let a = by("antara.txt");
    assert_eq!(a["event_date"], "2023-09-27");
    assert_eq!(a["date"], "2023");
    let u = by("undated.txt");
    assert_eq!(
        (u["date"].clone(), u["event_date"].clone()),
        (Value::Null, Value::Null)
    );
    assert_eq!(u["title"], "Bupati Minta ASN Jaga Netralitas Pilkada");

    let run = env.netra(&["index", "in", "--index", "idx", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // --since goes by the event date: the 8th is before the 9th's publication.
    let run = env.netra(&[
        "search",
        "netralitas",
        "--index",
        "idx",
        "--since",
        "2024-01-08",
        "--until",
        "2024-01-08",
        "--json",
    ]);
    assert_eq!(run.json()["total"], 1, "{}", run.stdout);
    assert_eq!(run.json()["undated"], 1);
    let run = env.netra(&[
        "search",
        "netralitas",
        "--index",
        "idx",
        "--since",
        "2024-01-08",
        "--until",
        "2024-01-08",
    ]);
    assert!(
        run.stdout
            .contains("1 more article matches but has no date, so --since/--until leave it out"),
        "{}",
        run.stdout
    );
    // Without a date bound, nothing is said about dates.
    let run = env.netra(&["search", "netralitas", "--index", "idx", "--json"]);
    assert_eq!(run.json()["undated"], Value::Null);
}

#[test]
fn a_page_without_a_headline_is_titled_by_its_opening_words_in_both_outputs() {
    let env = Env::with_seeds();
    let r = extract_one(&env, "seeds/004_79d523f8d6890ab8.txt");
    assert_eq!(r["title"], Value::Null);
    let shown = r["shown_title"].as_str().expect("shown title");
    assert!(
        shown.starts_with("Penjabat (Pj) Gubernur Nusa Tenggara Barat"),
        "{shown}"
    );
    let run = env.netra(&["index", "seeds", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = env.search("Lalu Gita Ariadi", &[]);
    let hit = &run.json()["hits"][0];
    assert_eq!(hit["title"], Value::Null);
    assert_eq!(hit["shown_title"], shown);
    let text = env.netra(&["search", "Lalu Gita Ariadi"]);
    assert!(
        text.stdout.contains(&format!("(no title) {shown}")),
        "{}",
        text.stdout
    );
}

#[test]
fn cleaning_that_removes_most_of_a_page_is_reported_not_silent() {
    let env = Env::new();
    let menu: String = (0..60)
        .map(|i| format!("Rubrik Berita Daerah Nomor {i}\n"))
        .collect();
    env.write(
        "in/menu.txt",
        format!(
            "{menu}\nBupati Pimpin Apel Netralitas ASN\n\n\
             Bupati memimpin apel netralitas aparatur sipil negara di halaman kantor bupati dan meminta semua pegawai menjaga sikap netral.\n"
        ),
    );
    let run = env.netra(&["extract", "in"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("in/menu.txt: cleaning kept")
            && run.stderr.contains("chrome above the headline"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("cleaning: kept"), "{}", run.stdout);
    let run = env.netra(&["index", "in", "--index", "idx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1 article lost more than half of the page's text to boilerplate rules"),
        "{}",
        run.stderr
    );
}
