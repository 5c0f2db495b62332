//! `netra serve` (issue 14, first part): the page and the JSON API against the
//! CLI's answers, hostile input (XSS, traversal, huge parameters), concurrent
//! requests, a live index, a taken port. The server runs in this process on a
//! free loopback port; requests are raw HTTP/1.1, so paths reach it unnormalised.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use serde_json::Value;

use crate::env::*;

const ARTICLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/facets/articles");

struct Answer {
    status: u16,
    head: String,
    body: String,
}

/// One raw request: `GET path` (or another method) with the connection closed after.
fn request(addr: SocketAddr, method: &str, path: &str) -> Answer {
    request_with(addr, method, path, "")
}

/// A raw request with `headers` ("Name: value\r\n" each) added.
fn request_with(addr: SocketAddr, method: &str, path: &str, headers: &str) -> Answer {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head and a body");
    let head = String::from_utf8_lossy(&raw[..end]).to_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let body = &raw[end + 4..];
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_vec()
    };
    let body = String::from_utf8(body).expect("a UTF-8 body");
    Answer { status, head, body }
}

/// A chunked body's data (a streamed export is sent in chunks, which may cut a
/// character in two: joined as bytes).
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line = raw
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("a chunk size");
        let size = std::str::from_utf8(&raw[..line]).expect("a chunk size");
        let size = usize::from_str_radix(size.trim(), 16).expect("a hex chunk size");
        if size == 0 {
            return out;
        }
        let data = &raw[line + 2..];
        out.extend_from_slice(&data[..size]);
        raw = &data[size + 2..];
    }
}

fn get(addr: SocketAddr, path: &str) -> Answer {
    request(addr, "GET", path)
}

/// Serves the index of `env` (./index) on a free loopback port, in a thread.
pub(crate) fn serve(env: &Env) -> SocketAddr {
    let server =
        netra::serve::bind(env.path("index"), "127.0.0.1:0".parse().expect("addr")).expect("bind");
    let addr = server.local_addr().expect("address");
    std::thread::spawn(move || server.run());
    addr
}

pub(crate) fn corpus() -> Env {
    let env = Env::with_seeds();
    env.netra(&["index", "seeds", ARTICLES, "-q"])
        .assert_said(0, "");
    env
}

#[test]
fn the_page_and_the_api_give_the_searchs_answers() {
    let env = corpus();
    let addr = serve(&env);
    let cli = env.search("ikrar", &["--region", "Jatim"]).json();
    let api = get(addr, "/api/search?q=ikrar&region=Jatim");
    assert_eq!(api.status, 200);
    assert!(api.head.contains("content-type: application/json"));
    let api: Value = serde_json::from_str(&api.body).expect("JSON");
    assert_eq!(api["total"], cli["total"]);
    assert_eq!(api["hits"][0]["id"], cli["hits"][0]["id"]);
    assert!(api["facets"]["region"].is_object());

    let page = get(addr, "/?q=ikrar&region=Jatim");
    assert_eq!(page.status, 200);
    assert!(page
        .head
        .contains("content-security-policy: default-src 'none'"));
    let total = cli["total"].as_u64().expect("total");
    assert!(page
        .body
        .contains(&format!("<strong>{total}</strong> articles match")));
    // The chip removes the filter; the sidebar narrows inside the province.
    assert!(page
        .body
        .contains(r#"<a class="chip" href="?q=ikrar" title="remove">region: Jatim ×</a>"#));
    assert!(
        page.body
            .contains("region=%2FJawa+Timur%2FKabupaten+Kediri"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<mark>"), "highlighted snippets");
    // The timeline's month and the map's province give the counts the CLI gives.
    let all = get(addr, "/?q=ikrar");
    let bar = all
        .body
        .split("<title>2024-10: ")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("a bar for October 2024");
    assert!(all.body.contains("since=2024-10&amp;until=2024-10"));
    let month = env
        .search("ikrar", &["--since", "2024-10", "--until", "2024-10"])
        .json();
    assert_eq!(bar, month["total"].to_string());
    let tile = all
        .body
        .split("<title>Jawa Timur: ")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("a tile for Jawa Timur");
    assert_eq!(tile, cli["total"].to_string());
    assert!(
        all.body.contains("region=%2FJawa+Timur"),
        "the tile adds the province"
    );
    // Page 2 exists and holds the next hits.
    let two = get(addr, "/?q=netralitas&page=2");
    assert_eq!(two.status, 200);
    assert!(two.body.contains(r#"<ol class="hits" start="21">"#));

    // The article page, and the facets and article APIs.
    let id = cli["hits"][0]["id"].as_str().expect("id");
    let article = get(addr, &format!("/article/{id}?q=ikrar"));
    assert_eq!(article.status, 200);
    assert!(
        article.body.contains("<mark>"),
        "matches highlighted in the body"
    );
    let json: Value =
        serde_json::from_str(&get(addr, &format!("/api/article/{id}")).body).expect("JSON");
    assert_eq!(json["id"], id);
    assert!(json["body"].as_str().expect("body").len() > 200);
    let facets: Value =
        serde_json::from_str(&get(addr, "/api/facets?field=official").body).expect("JSON");
    let cli_facets = env.netra(&["facets", "official", "--json"]).json();
    assert_eq!(facets["counts"], cli_facets["counts"]);
    // Exports of the whole view.
    let csv = get(addr, "/export.csv?pledge=ikrar");
    assert_eq!(csv.status, 200);
    assert!(csv.head.contains("text/csv"));
    let cli_rows = env.netra(&["export", "--pledge", "ikrar"]).stdout;
    assert_eq!(csv.body.trim_start_matches('\u{feff}'), cli_rows);
}

#[test]
fn partial_hits_follow_few_matches_on_the_page_and_in_the_api() {
    let env = corpus();
    let addr = serve(&env);
    let query = "apel ikrar ASN Nusa Tenggara Barat";
    let cli = env.search(query, &[]).json();
    let partial = cli["partial"].as_u64().expect("partial");
    assert!(partial > 0, "{cli}");
    let q = "apel+ikrar+ASN+Nusa+Tenggara+Barat";
    let api: Value =
        serde_json::from_str(&get(addr, &format!("/api/search?q={q}")).body).expect("JSON");
    assert_eq!(api["total"], cli["total"]);
    assert_eq!(api["partial"], cli["partial"]);
    let page = get(addr, &format!("/?q={q}"));
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains(&format!(" · then {partial} that hold most of the words")),
        "{}",
        page.body
    );
    assert_eq!(
        page.body.matches(r#"<li class="partial">"#).count() as u64,
        partial,
        "{}",
        page.body
    );
}

#[test]
fn hostile_input_is_shown_inert_and_refused_cleanly() {
    let env = Env::new();
    env.write(
        "in/xss.jsonl",
        concat!(
            r#"{"id": "x<1>", "title": "<script>alert(1)</script> ASN netral", "outlet": "\"><img src=x onerror=alert(2)>", "url": "javascript:alert(3)", "text": "PANDEGLANG - Ratusan ASN ikrar netralitas <script>alert(4)</script> dan \"><img src=x onerror=alert(5)>, Rabu (9/10/2024)."}"#,
            "\n"
        ),
    );
    env.netra(&["index", "in", "-q"]).assert_said(0, "");
    let addr = serve(&env);
    for path in [
        "/?q=ikrar",
        "/article/x%3C1%3E?q=ikrar",
        "/?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "/?q=%22%3E%3Cimg+src=x+onerror=alert(6)%3E&region=%3Cscript%3E",
    ] {
        let page = get(addr, path);
        assert!(
            page.status == 200 || page.status == 400,
            "{path}: {}",
            page.status
        );
        assert!(
            !page.body.contains("<script") && !page.body.contains("<img"),
            "{path} shows markup from its input:\n{}",
            page.body
        );
        assert!(page.body.contains("&lt;"), "{path} shows the text escaped");
        assert!(page
            .head
            .contains("content-security-policy: default-src 'none'"));
    }
    let article = get(addr, "/article/x%3C1%3E?q=ikrar");
    assert_eq!(article.status, 200);
    assert!(article
        .body
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; ASN netral"));
    assert!(
        !article.body.contains("href=\"javascript:"),
        "a URL is shown, not linked"
    );
    // Paths never reach the filesystem.
    for path in [
        "/../../etc/passwd",
        "/static/../../Cargo.toml",
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/static/..%2f..%2fCargo.toml",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/index/meta.json",
    ] {
        let answer = get(addr, path);
        assert_eq!(answer.status, 404, "{path}");
        assert!(!answer.body.contains("root:") && !answer.body.contains("[package]"));
    }
    // Bounds: a 400 with a message, never a 500.
    let long = format!("/?q={}", "a".repeat(5000));
    let answer = get(addr, &long);
    assert_eq!(answer.status, 400);
    assert!(answer.body.contains("too long"));
    let many = format!("/api/search?{}", "region=NTB&".repeat(100));
    let answer = get(addr, &many);
    assert_eq!(answer.status, 400);
    assert!(
        answer.body.contains("too many parameters"),
        "{}",
        answer.body
    );
    for path in [
        "/api/search?limit=100000",
        "/api/search?page=0",
        "/api/search?sort=x",
        "/api/search?q=((((",
        "/api/search?region=Atlantis",
        "/api/facets?field=nope",
    ] {
        let answer = get(addr, path);
        assert_eq!(answer.status, 400, "{path}: {}", answer.body);
        let json: Value = serde_json::from_str(&answer.body).expect("an error as JSON");
        assert!(json["error"].is_string(), "{path}");
    }
    assert_eq!(get(addr, "/api/article/nope").status, 404);
    // Read-only: nothing but GET.
    assert_eq!(request(addr, "POST", "/").status, 405);
    assert_eq!(request(addr, "DELETE", "/api/search").status, 405);
}

#[test]
fn many_clients_at_once_all_get_answers() {
    let env = corpus();
    let addr = serve(&env);
    let paths = [
        "/?q=ikrar",
        "/api/search?q=netralitas&region=NTB",
        "/api/facets?field=region",
        "/?q=%22politik+uang%22&sort=date",
        "/api/search?q=deklarasi&pledge=deklarasi",
        "/export.jsonl?pledge=apel",
    ];
    let workers: Vec<_> = (0..16)
        .map(|i| {
            std::thread::spawn(move || {
                (0..8)
                    .map(|k| get(addr, paths[(i + k) % paths.len()]).status)
                    .collect::<Vec<u16>>()
            })
        })
        .collect();
    for w in workers {
        assert!(w.join().expect("a client").iter().all(|&s| s == 200));
    }
}

#[test]
fn new_commits_show_without_a_restart() {
    let env = Env::with_seeds();
    env.netra(&["index", "seeds", "-q"]).assert_said(0, "");
    let addr = serve(&env);
    let total = |addr| {
        let v: Value =
            serde_json::from_str(&get(addr, "/api/search?q=netralitas").body).expect("JSON");
        v["total"].as_u64().expect("total")
    };
    let before = total(addr);
    // A browser asking again with the tag it holds gets "not modified"...
    let page = get(addr, "/?q=netralitas");
    let tag = page
        .head
        .lines()
        .find_map(|l| l.strip_prefix("etag: "))
        .expect("an ETag")
        .to_owned();
    assert!(page.head.contains("cache-control: no-cache"));
    let again = request_with(
        addr,
        "GET",
        "/?q=netralitas",
        &format!("If-None-Match: {tag}\r\n"),
    );
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    // Asked again without a tag: the answer kept for this commit, the same bytes.
    let kept = get(addr, "/?q=netralitas");
    assert_eq!(kept.status, 200);
    assert_eq!(kept.body, page.body);
    env.netra(&["index", ARTICLES, "-q"]).assert_said(0, "");
    let after = total(addr);
    assert!(after > before + 20, "{before} -> {after}");
    // ... until a commit changes the answer.
    let changed = request_with(
        addr,
        "GET",
        "/?q=netralitas",
        &format!("If-None-Match: {tag}\r\n"),
    );
    assert_eq!(changed.status, 200);
    assert!(!changed.head.contains(&tag), "a new tag after the commit");
    assert!(changed.body.contains(&format!("<strong>{after}</strong>")));
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let env = Env::indexed();
    let taken = TcpListener::bind("127.0.0.1:0").expect("a port");
    let addr = taken.local_addr().expect("address").to_string();
    let run = env.netra(&["serve", "--addr", &addr]);
    run.assert_said(2, "is already in use");
    let run = env.netra(&["serve", "--index", "nowhere", "--addr", "127.0.0.1:0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn an_article_page_lists_the_other_copies_of_its_story() {
    let env = corpus();
    let addr = serve(&env);
    let cli = env.search("ikrar netralitas", &[]).json();
    let hits = cli["hits"].as_array().expect("hits");
    let folded = hits
        .iter()
        .find(|h| !h["similar"].as_array().expect("similar").is_empty())
        .expect("a story with copies among the test articles");
    let id = folded["id"].as_str().expect("id");
    let api: Value =
        serde_json::from_str(&get(addr, &format!("/api/article/{id}")).body).expect("JSON");
    let listed: Vec<&str> = api["similar"]
        .as_array()
        .expect("similar")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    for copy in folded["similar"].as_array().expect("similar") {
        let copy = copy["id"].as_str().expect("id");
        assert!(
            listed.contains(&copy),
            "{copy} is a copy of {id}: {listed:?}"
        );
        let page = get(addr, &format!("/article/{id}?q=ikrar")).body;
        assert!(page.contains("The same story elsewhere"));
        assert!(page.contains(&format!("href=\"/article/{copy}?q=ikrar\"")));
    }
    assert!(!listed.contains(&id), "an article is no copy of itself");
    // The copy lists the original in turn.
    let back: Value = serde_json::from_str(&get(addr, &format!("/api/article/{}", listed[0])).body)
        .expect("JSON");
    assert!(back["similar"]
        .as_array()
        .expect("similar")
        .iter()
        .any(|c| c["id"] == id));
}

#[test]
fn the_officials_list_narrows_to_what_is_typed() {
    let env = corpus();
    let addr = serve(&env);
    let page = get(addr, "/?q=ikrar&who=Camat").body;
    let list = page
        .split("<ul class=\"facet officials\">")
        .nth(1)
        .and_then(|rest| rest.split("<h2>").next())
        .expect("the officials' list");
    assert!(list.contains("Camat"), "{list}");
    for role in ["Pj Gubernur", "Ketua Bawaslu", "Sekda"] {
        assert!(
            !list.contains(&format!(">{role}<")),
            "{role} listed for `Camat`"
        );
    }
    assert!(
        page.contains("value=\"Camat\""),
        "the filter keeps what was typed"
    );
    let none = get(addr, "/?q=ikrar&who=zzzz").body;
    assert!(none.contains("No official here holds"));
}

#[test]
fn a_large_export_is_streamed_whole() {
    let env = Env::new();
    env.synthetic_jsonl("in/many.jsonl", 3000);
    env.netra(&["index", "in", "-q"]).assert_said(0, "");
    let addr = serve(&env);
    let page = get(addr, "/export.jsonl?q=netralitas");
    assert_eq!(page.status, 200);
    assert!(
        page.head.contains("transfer-encoding: chunked"),
        "{}",
        page.head
    );
    let cli = env.netra(&[
        "export",
        "netralitas",
        "--format",
        "jsonl",
        "--sort",
        "relevance",
    ]);
    assert!(
        cli.stdout.len() > 3 * 65_536,
        "several chunks: {}",
        cli.stdout.len()
    );
    let (page_rows, cli_rows): (Vec<&str>, Vec<&str>) =
        (page.body.lines().collect(), cli.stdout.lines().collect());
    assert_eq!(page_rows.len(), cli_rows.len());
    if let Some(i) = (0..cli_rows.len()).find(|&i| page_rows[i] != cli_rows[i]) {
        panic!("row {i}: page {} ≠ CLI {}", page_rows[i], cli_rows[i]);
    }
    assert_eq!(page.body, cli.stdout);
    // A query in error is an error page, not a cut export.
    let bad = get(addr, "/export.csv?region=Atlantis");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("unknown region"));
}
