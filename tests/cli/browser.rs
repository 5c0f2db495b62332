//! `netra serve` in a real browser (issue 14): headless Chromium from Debian
//! (`chromium`, `chromium-driver`), driven over WebDriver by fantoccini. A user
//! types a query, narrows by a region, chooses months on the timeline, filters the
//! officials by typing, opens an article, goes back, and sends the view's URL to a
//! colleague (a second, fresh browser); an article written to attack the page
//! runs no script and logs no error.
//!
//! They need the browser, so they are `#[ignore]`d for `cargo test`; `.ci/run`
//! installs the browser when it is missing and runs them
//! (`cargo test --test cli -- --ignored browser_`). Without the browser they fail
//! and say what to install. Screenshots go to `target/tmp/browser/`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::env::*;
use crate::serve::{corpus, serve};

/// A chromedriver process on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn driver() -> Driver {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot start chromedriver ({e}): install Debian's `chromium` and \
                 `chromium-driver` (bash .ci/run does)"
            )
        });
    let driver = Driver { child, port };
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not listen on port {port} within 20 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    driver
}

/// A fresh headless browser session (no history, no cookies).
async fn browser(d: &Driver) -> Client {
    let mut options = json!({
        "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                 "--disable-gpu", "--window-size=1280,1500", "--lang=id"],
    });
    if Path::new("/usr/bin/chromium").exists() {
        options["binary"] = json!("/usr/bin/chromium");
    }
    let caps = json!({
        "goog:chromeOptions": options,
        "goog:loggingPrefs": { "browser": "ALL" },
    });
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps.as_object().expect("an object").clone())
        .connect(&format!("http://127.0.0.1:{}", d.port))
        .await
        .expect("a browser session from chromedriver")
}

/// The browser console's warnings and errors since the last call (chromedriver's
/// log endpoint, asked over raw HTTP: WebDriver itself has no console), but for
/// the status of the page `shown` itself (a refused query is a 400 page).
async fn console_errors(c: &Client, d: &Driver, shown: &str) -> Vec<String> {
    let session = c
        .session_id()
        .await
        .expect("session")
        .expect("a session id");
    let body = r#"{"type":"browser"}"#;
    let mut stream = TcpStream::connect(("127.0.0.1", d.port)).expect("chromedriver");
    write!(
        stream,
        "POST /session/{session}/se/log HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    // chromedriver keeps the connection open: read up to the body's length.
    let mut raw: Vec<u8> = Vec::new();
    let mut buf = [0u8; 8192];
    let json = loop {
        let n = stream.read(&mut buf).expect("chromedriver's log");
        assert!(n > 0, "chromedriver closed the connection early");
        raw.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&raw);
        let Some(end) = text.find("\r\n\r\n") else {
            continue;
        };
        let length: usize = text[..end]
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())?
            })
            .expect("a Content-Length");
        if raw.len() >= end + 4 + length {
            break String::from_utf8_lossy(&raw[end + 4..end + 4 + length]).into_owned();
        }
    };
    let json = json.as_str();
    let log: Value = serde_json::from_str(json.trim())
        .unwrap_or_else(|e| panic!("chromedriver's log is not JSON ({e}): {json}"));
    log["value"]
        .as_array()
        .expect("log entries")
        .iter()
        .filter(|e| e["level"] == "SEVERE" || e["level"] == "WARNING")
        .map(|e| e["message"].as_str().unwrap_or("").to_owned())
        .filter(|m| !(m.starts_with(shown) && m[shown.len()..].starts_with(" - Failed to load")))
        .collect()
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    std::fs::write(screenshots().join(name), png).expect("save the screenshot");
}

/// Waits until the browser shows another URL than `before`, loaded.
async fn left(c: &Client, before: &str) -> String {
    let start = Instant::now();
    loop {
        let now = c.current_url().await.expect("url").to_string();
        let ready = c
            .execute("return document.readyState", vec![])
            .await
            .expect("ready state");
        if now != before && ready == "complete" {
            return now;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the browser stayed on {before}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn click_and_wait(c: &Client, e: &Element) -> String {
    let before = c.current_url().await.expect("url").to_string();
    e.click().await.expect("click");
    left(c, &before).await
}

async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no `{css}` on the page: {e}"))
        .text()
        .await
        .expect("text")
}

/// The number of matching articles the page says.
async fn total(c: &Client) -> u64 {
    let n = text(c, "p.summary strong").await;
    n.parse()
        .unwrap_or_else(|_| panic!("the summary's count {n:?} is a number"))
}

/// A query parameter of a URL.
fn param(url: &str, key: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// A timeline bar: its link and what its `<title>` says ("2024-10: 5").
struct Bar {
    element: Element,
    label: String,
    count: u64,
}

async fn month_bars(c: &Client) -> Vec<Bar> {
    let mut bars = Vec::new();
    for element in c
        .find_all(Locator::Css("figure.timeline:not(.weeks) a.bar"))
        .await
        .expect("bars")
    {
        let inner = element.html(true).await.expect("bar");
        let title = inner
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .expect("a bar's title");
        let (label, count) = title.rsplit_once(": ").expect("label: count");
        bars.push(Bar {
            element,
            label: label.to_owned(),
            count: count.parse().expect("a count"),
        });
    }
    bars
}

// One piece: one analyst's session in order (query, region, months, officials,
// article, back, shared URL), each step checked against the CLI or the page before.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Debian's chromium and chromium-driver; .ci/run installs and runs them"]
async fn browser_explores_narrows_and_shares_a_view() {
    let env = corpus();
    let addr: SocketAddr = serve(&env);
    let d = driver();
    let c = browser(&d).await;

    // Type a query.
    c.goto(&format!("http://{addr}/")).await.expect("home");
    let q = c
        .find(Locator::Css("header input[name=q]"))
        .await
        .expect("box");
    q.send_keys("ikrar netralitas").await.expect("type");
    let submit = c
        .find(Locator::Css("header button[type=submit]"))
        .await
        .expect("button");
    let url = click_and_wait(&c, &submit).await;
    assert_eq!(param(&url, "q").as_deref(), Some("ikrar netralitas"));
    let all = total(&c).await;
    let cli = env.search("ikrar netralitas", &[]).json();
    assert_eq!(
        Some(all),
        cli["total"].as_u64(),
        "the page counts as the CLI"
    );
    assert!(all > 10, "the test corpus has many pledges: {all}");
    screenshot(&c, "search.png").await;

    // Click a region: the count is the facet's, the hits are the CLI's.
    let first = c
        .find(Locator::Css("aside ul.facet > li"))
        .await
        .expect("a region facet");
    let link = first.find(Locator::Css("a")).await.expect("link");
    let place = link.text().await.expect("place");
    let count: u64 = first
        .find(Locator::Css("span.n"))
        .await
        .expect("count")
        .text()
        .await
        .expect("count")
        .parse()
        .expect("a number");
    let url = click_and_wait(&c, &link).await;
    let region = param(&url, "region").expect("a region in the URL");
    assert!(region.ends_with(&place), "{region} is {place}");
    assert_eq!(total(&c).await, count, "the view holds the facet's count");
    assert!(count < all, "a region narrows the view ({count} of {all})");
    let chips = text(&c, "nav.chips").await;
    assert!(chips.contains(&region), "a chip for {region}: {chips}");
    let cli = env
        .search("ikrar netralitas", &["--region", &region])
        .json();
    let first_title = text(&c, "ol.hits li a.title").await;
    assert_eq!(Some(count), cli["total"].as_u64());
    assert_eq!(cli["hits"][0]["shown_title"].as_str(), Some(&*first_title));

    // Open a province's places (no script: a details element) and pick one inside.
    c.goto(&format!("http://{addr}/?q=ikrar+netralitas"))
        .await
        .expect("view");
    let province = c
        .find(Locator::Css("aside ul.regions details"))
        .await
        .expect("a province with places inside");
    let inner = province
        .find(Locator::Css(":scope > ul li a"))
        .await
        .expect("a place inside");
    let open = |e: &Element| {
        let e = e.clone();
        async move { e.prop("open").await.expect("open?").as_deref() == Some("true") }
    };
    assert!(!open(&province).await, "closed at first");
    province
        .find(Locator::Css("summary span.n"))
        .await
        .expect("the province's count")
        .click()
        .await
        .expect("open");
    assert!(open(&province).await, "open after a click");
    assert!(
        inner.is_displayed().await.expect("shown?"),
        "its places shown"
    );
    let inner_count: u64 = province
        .find(Locator::Css(":scope > ul li span.n"))
        .await
        .expect("count")
        .text()
        .await
        .expect("count")
        .parse()
        .expect("a number");
    let url = click_and_wait(&c, &inner).await;
    let place = param(&url, "region").expect("a region");
    assert_eq!(place.matches('/').count(), 2, "a regency or city: {place}");
    assert_eq!(total(&c).await, inner_count);

    // Back to every region; choose the busiest month, then stretch to its neighbour.
    c.goto(&format!("http://{addr}/?q=ikrar+netralitas"))
        .await
        .expect("view");
    let bars = month_bars(&c).await;
    let busiest = (0..bars.len())
        .max_by_key(|&i| bars[i].count)
        .expect("a month");
    let (month, n) = (bars[busiest].label.clone(), bars[busiest].count);
    let url = click_and_wait(&c, &bars[busiest].element).await;
    assert_eq!(param(&url, "since").as_deref(), Some(&*month));
    assert_eq!(param(&url, "until").as_deref(), Some(&*month));
    assert_eq!(total(&c).await, n, "the month's bar count is the view's");
    let bars = month_bars(&c).await;
    let other = if busiest > 0 {
        busiest - 1
    } else {
        busiest + 1
    };
    assert!(
        other < bars.len(),
        "the months around the busiest are drawn"
    );
    let (lo, hi) = (busiest.min(other), busiest.max(other));
    let expected: u64 = bars[lo..=hi].iter().map(|b| b.count).sum();
    let (from, to) = (bars[lo].label.clone(), bars[hi].label.clone());
    let url = click_and_wait(&c, &bars[other].element).await;
    assert_eq!(param(&url, "since").as_deref(), Some(&*from));
    assert_eq!(param(&url, "until").as_deref(), Some(&*to));
    assert_eq!(
        total(&c).await,
        expected,
        "two months hold both bars' articles"
    );
    let cli = env
        .search("ikrar netralitas", &["--since", &from, "--until", &to])
        .json();
    assert_eq!(Some(expected), cli["total"].as_u64());
    let weeks = c
        .find_all(Locator::Css("figure.weeks a.bar"))
        .await
        .expect("weeks");
    assert!(
        (8..=10).contains(&weeks.len()),
        "two months drawn by week: {} weeks",
        weeks.len()
    );
    screenshot(&c, "timeline.png").await;

    // Filter the officials by typing.
    let who = c
        .find(Locator::Css("form.who input[name=who]"))
        .await
        .expect("the officials' filter");
    who.send_keys("bupati").await.expect("type");
    let button = c
        .find(Locator::Css("form.who button"))
        .await
        .expect("button");
    let url = click_and_wait(&c, &button).await;
    assert_eq!(param(&url, "since").as_deref(), Some(&*from), "dates kept");
    assert_eq!(
        total(&c).await,
        expected,
        "the filter does not change the search"
    );
    let listed = c
        .find_all(Locator::Css("ul.officials > li"))
        .await
        .expect("officials");
    assert!(!listed.is_empty(), "some Bupati in the view");
    for role in &listed {
        let shown = role.text().await.expect("text").to_lowercase();
        assert!(shown.contains("bupati"), "listed without `bupati`: {shown}");
    }

    // Open the first hit and come back.
    let view = c.current_url().await.expect("url").to_string();
    let hit = c
        .find(Locator::Css("ol.hits li a.title"))
        .await
        .expect("a hit");
    let title = hit.text().await.expect("title");
    let url = click_and_wait(&c, &hit).await;
    assert!(url.contains("/article/"), "{url}");
    assert_eq!(text(&c, "article h1").await, title);
    let marks = c
        .find_all(Locator::Css("div.body mark"))
        .await
        .expect("marks");
    assert!(!marks.is_empty(), "the query's words are highlighted");
    screenshot(&c, "article.png").await;
    c.back().await.expect("back");
    let back = left(&c, &url).await;
    assert_eq!(back, view);
    assert_eq!(total(&c).await, expected);
    // The article page's own link back leads to the same view.
    let hit = c
        .find(Locator::Css("ol.hits li a.title"))
        .await
        .expect("a hit");
    click_and_wait(&c, &hit).await;
    let home = c
        .find(Locator::Css("header a.home"))
        .await
        .expect("back link");
    assert_eq!(click_and_wait(&c, &home).await, view);

    // A colleague opens the shared URL in a fresh browser and sees the same view.
    let first_hit = text(&c, "ol.hits li a.title").await;
    let colleague = browser(&d).await;
    colleague.goto(&view).await.expect("shared view");
    assert_eq!(total(&colleague).await, expected);
    assert_eq!(text(&colleague, "ol.hits li a.title").await, first_hit);
    assert_eq!(
        text(&colleague, "nav.chips").await,
        text(&c, "nav.chips").await
    );
    assert_eq!(console_errors(&c, &d, "").await, Vec::<String>::new());
    colleague.close().await.expect("close");
    c.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Debian's chromium and chromium-driver; .ci/run installs and runs them"]
async fn browser_runs_no_script_from_a_hostile_article() {
    let env = Env::new();
    env.write(
        "in/xss.jsonl",
        concat!(
            r#"{"id": "x<1>", "title": "<script>alert(1)</script> ASN netral", "outlet": "\"><img src=x onerror=alert(2)>", "url": "javascript:alert(3)", "text": "PANDEGLANG - Ratusan ASN ikrar netralitas <script>alert(4)</script> dan \"><img src=x onerror=alert(5)> <svg onload=alert(6)>, Rabu (9/10/2024)."}"#,
            "\n"
        ),
    );
    env.netra(&["index", "in", "-q"]).assert_said(0, "");
    let addr = serve(&env);
    let d = driver();
    let c = browser(&d).await;
    let mut statuses = Vec::new();
    for path in [
        "/?q=ikrar",
        "/article/x%3C1%3E?q=ikrar",
        "/?q=%3Cscript%3Ealert(7)%3C/script%3E",
        "/?q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(8)%3E&who=%3Cscript%3Ealert(9)%3C/script%3E",
    ] {
        let url = format!("http://{addr}{path}");
        c.goto(&url).await.expect("page");
        let alert = c.get_alert_text().await;
        assert!(
            matches!(&alert, Err(e) if e.is_no_such_alert()),
            "{path}: an alert opened: {alert:?}"
        );
        let elements = c
            .execute(
                "return document.querySelectorAll('script, img, iframe, object, [onerror], [onload]').length",
                vec![],
            )
            .await
            .expect("count elements");
        assert_eq!(elements, json!(0), "{path}: hostile markup became elements");
        assert_eq!(
            console_errors(&c, &d, &url).await,
            Vec::<String>::new(),
            "{path}"
        );
        let status = c
            .find_all(Locator::Css("p.error, p.summary"))
            .await
            .expect("find");
        statuses.push(match status.first() {
            Some(e) => e.text().await.expect("text"),
            None => String::new(),
        });
    }
    assert!(
        statuses[0].starts_with("1 article match"),
        "found: {statuses:?}"
    );
    assert!(
        statuses[3].contains("cannot read the query"),
        "{statuses:?}"
    );
    // The hostile title shows as text.
    c.goto(&format!("http://{addr}/article/x%3C1%3E"))
        .await
        .expect("article");
    assert_eq!(
        text(&c, "article h1").await,
        "<script>alert(1)</script> ASN netral"
    );
    screenshot(&c, "hostile-article.png").await;
    c.close().await.expect("close");
}
