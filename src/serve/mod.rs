//! `netra serve`: a read-only local web page and JSON API over an index.
//!
//! - `/` the search page (query, facet sidebar with counts, filter chips, pages),
//!   `/article/{id}` an article with its matches highlighted, `/export.csv` and
//!   `/export.jsonl` every match of the current view;
//! - `/api/search`, `/api/facets`, `/api/article/{id}`: the same answers as JSON
//!   (`search` in the shape of `netra search --json`), errors as `{"error": …}`;
//! - `/static/netra.css`, embedded in the binary. Nothing else: no path of a
//!   request reaches the filesystem.
//!
//! Safe by default: it binds loopback unless told otherwise (and warns when not),
//! answers GET only, escapes everything it shows, sends a Content-Security-Policy
//! that allows no script, bounds every parameter ([`params`]) and the time a
//! request may take. The index is re-opened when a `netra index` run commits, so
//! the page shows new articles without a restart.

mod answers;
mod charts;
mod page;
pub mod params;
mod stream;

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use self::params::Params;
use crate::facet::{FacetField, FacetPath};
use crate::rows::{self, Column, RowWriter};
use crate::search::{self, ExportRequest};
use crate::store::Store;

/// The port `netra serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 7700;
/// The longest a request may take.
const TIMEOUT: Duration = Duration::from_secs(15);
/// The policy every page is served with: no script at all, styles from netra.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
                   base-uri 'none'; frame-ancestors 'none'";

/// The index, re-opened when a new commit is on disk.
struct Live {
    dir: PathBuf,
    current: Mutex<(Option<SystemTime>, Option<Arc<Store>>)>,
    /// Answers kept for requests asked again under the same commit.
    answers: answers::Answers,
}

impl Live {
    /// The store of the last commit.
    fn store(&self) -> Result<Arc<Store>> {
        let stamp = std::fs::metadata(self.dir.join("meta.json"))
            .and_then(|m| m.modified())
            .ok();
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if let (true, Some(store)) = (current.0 == stamp, &current.1) {
            return Ok(store.clone());
        }
        let store = Arc::new(Store::open(&self.dir)?);
        *current = (stamp, Some(store.clone()));
        warm(store.clone());
        Ok(store)
    }
}

/// Decodes, in the background, what every page counts from a commit's segments
/// (facet values by article, days): the first page after a start or a commit then
/// does not wait for it (at 1M articles, 0.3 s against 0.02-0.1 s afterwards).
/// Segments already decoded are kept; a failure here is the next request's to
/// report.
fn warm(store: Arc<Store>) {
    let root = FacetPath::root();
    let req = search::SearchRequest {
        limit: 0,
        facet_trees: vec![
            (FacetField::Region, root.clone(), 2),
            (FacetField::Official, root.clone(), 2),
            (FacetField::Pledge, root, 1),
        ],
        timeline: true,
        ..search::SearchRequest::default()
    };
    std::thread::spawn(move || {
        let _ = search::search(&store, &req);
    });
}

/// A server bound to its address, not yet answering.
pub struct Server {
    listener: TcpListener,
    live: Arc<Live>,
}

/// Opens the index at `dir` (an error if there is none) and binds `addr` (an error
/// that says so when the port is taken).
pub fn bind(dir: PathBuf, addr: SocketAddr) -> Result<Server> {
    let live = Arc::new(Live {
        dir,
        current: Mutex::new((None, None)),
        answers: answers::Answers::default(),
    });
    // Opened now: an error before listening, and the first page's counts warming.
    live.store()?;
    let listener = TcpListener::bind(addr).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "{addr} is already in use (another netra serve?): choose another port with --addr"
        ),
        _ => anyhow::anyhow!("cannot listen on {addr}: {e}"),
    })?;
    listener.set_nonblocking(true)?;
    Ok(Server { listener, live })
}

impl Server {
    pub fn local_addr(&self) -> Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Answers until Ctrl-C or SIGTERM, then finishes the requests in flight.
    pub fn run(self) -> Result<()> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .context("starting the server's runtime")?;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            axum::serve(listener, router(self.live))
                .with_graceful_shutdown(shutdown())
                .await
                .context("serving")
        })
    }
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

fn router(live: Arc<Live>) -> Router {
    Router::new()
        .route("/", get(search_page))
        .route("/article/{id}", get(article_page))
        .route("/export.csv", get(export_csv))
        .route("/export.jsonl", get(export_jsonl))
        .route("/api/search", get(api_search))
        .route("/api/facets", get(api_facets))
        .route("/api/article/{id}", get(api_article))
        .route("/static/netra.css", get(css))
        .route("/favicon.svg", get(icon))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            live.clone(),
            revalidate,
        ))
        .layer(axum::middleware::map_response(secure))
        .with_state(live)
}

/// When this server started: its answers' tags change with it, so that a new
/// build of netra (same version number, other pages) is never answered "304".
static STARTED: std::sync::LazyLock<Duration> = std::sync::LazyLock::new(|| {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
});

/// The version of every answer: the index's last commit and this server's start.
/// An answer changes only with them, so a browser that asks again with the tag
/// it holds (back, reload, the same shared link) gets "304 Not Modified" without
/// a search; `Cache-Control: no-cache` makes it ask every time.
fn version_tag(live: &Live) -> Option<HeaderValue> {
    let stamp = std::fs::metadata(live.dir.join("meta.json"))
        .and_then(|m| m.modified())
        .ok()?
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?;
    let tag = format!(
        "\"{:x}.{:x}-{:x}\"",
        stamp.as_secs(),
        stamp.subsec_nanos(),
        STARTED.as_nanos()
    );
    HeaderValue::from_str(&tag).ok()
}

/// Answers 304 to a request that holds the current [`version_tag`]; answers a
/// request asked before under the same commit from [`answers`]; tags the rest.
async fn revalidate(
    State(live): State<Arc<Live>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    // Read before the answer is made: a commit meanwhile only makes the tag older.
    let Some(tag) = version_tag(&live) else {
        return next.run(request).await;
    };
    let held = request
        .headers()
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().trim_start_matches("W/") == tag);
    let mut response = if held {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        match answers::key(&request) {
            Some(key) => match live.answers.get(&tag, &key) {
                Some(kept) => kept,
                None => {
                    let fresh = next.run(request).await;
                    live.answers.keep(tag.clone(), key, fresh).await
                }
            },
            None => next.run(request).await,
        }
    };
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let h = response.headers_mut();
        h.insert(header::ETAG, tag);
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

/// Headers every answer carries.
async fn secure(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// What went wrong, as the page or the API shows it.
enum Failure {
    Bad(String),
    NotFound(String),
    Internal(String),
}

impl Failure {
    fn status(&self) -> (StatusCode, &str) {
        match self {
            Failure::Bad(m) => (StatusCode::BAD_REQUEST, m),
            Failure::NotFound(m) => (StatusCode::NOT_FOUND, m),
            Failure::Internal(m) => (StatusCode::INTERNAL_SERVER_ERROR, m),
        }
    }

    fn page(self) -> Response {
        let (status, message) = self.status();
        (status, page::error(status.as_u16(), message)).into_response()
    }

    fn json(self) -> Response {
        let (status, message) = self.status();
        (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
    }
}

/// Runs `work` on a blocking thread, within [`TIMEOUT`].
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    match tokio::time::timeout(TIMEOUT, tokio::task::spawn_blocking(work)).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(Failure::Internal("the request failed".to_owned())),
        Err(_) => Err(Failure::Bad(format!(
            "the request took longer than {} s: narrow it",
            TIMEOUT.as_secs()
        ))),
    }
}

/// A search error: the user's input (a query that does not parse, an unknown
/// official) is a bad request; the rest is the server's.
fn failure(e: anyhow::Error) -> Failure {
    let text = format!("{e:#}");
    if text.starts_with("cannot read the query")
        || text.starts_with("nothing to search for")
        || text.starts_with("no official")
    {
        Failure::Bad(text)
    } else {
        Failure::Internal(text)
    }
}

fn params(query: Option<String>) -> Result<Params, Failure> {
    Params::parse(query.as_deref()).map_err(Failure::Bad)
}

// One piece: the page's one search (hits and every count it shows), its timeline, and
// the error page with the query kept.
async fn search_page(State(live): State<Arc<Live>>, RawQuery(query): RawQuery) -> Response {
    let p = match params(query) {
        Ok(p) => p,
        Err(f) => return f.page(),
    };
    let shown = p.clone();
    let answer = blocking(move || {
        let store = live
            .store()
            .map_err(|e| Failure::Internal(format!("{e:#}")))?;
        let mut req = p.request().map_err(Failure::Bad)?;
        // One region chosen: the places inside it, to narrow down; else provinces.
        let inside = match req.filters.regions.as_slice() {
            [one] => Some(one.as_facet_path().clone()),
            _ => None,
        };
        // Every count the page shows, collected in the search's one pass.
        let root = FacetPath::root();
        req.facet_trees = vec![
            (FacetField::Region, root.clone(), 2),
            (FacetField::Official, root.clone(), 2),
            (FacetField::Pledge, root.clone(), 1),
        ];
        if let Some(path) = &inside {
            req.facet_trees.push((FacetField::Region, path.clone(), 2));
        }
        req.timeline = true;
        // Dates chosen: the months outside them too, so that a click can stretch the range.
        let timeline_undated = if req.since.is_some() || req.until.is_some() {
            let undated = search::SearchRequest {
                since: None,
                until: None,
                facet_trees: Vec::new(),
                limit: 0,
                ..req.clone()
            };
            search::search(&store, &undated).map_err(failure)?.timeline
        } else {
            None
        };
        let mut results = search::search(&store, &req).map_err(failure)?;
        let mut counts = std::mem::take(&mut results.facets);
        let mut counted = |field: FacetField| counts.remove(field.name()).unwrap_or_default();
        let regions = counted(FacetField::Region);
        let provinces = search::children_of(&root, &regions);
        let side = page::Sidebar {
            regions: match &inside {
                Some(path) => search::children_of(path, &regions),
                None => provinces.clone(),
            },
            regions_inside: inside.is_some(),
            officials: search::children_of(&root, &counted(FacetField::Official)),
            pledges: search::children_of(&root, &counted(FacetField::Pledge)),
            provinces,
            timeline: results.timeline.take().unwrap_or_default(),
            timeline_undated,
        };
        Ok((results, side))
    })
    .await;
    match answer {
        Ok((results, side)) => page::search(&shown, Some(&results), &side, None).into_response(),
        Err(Failure::Bad(message)) => {
            let side = page::Sidebar {
                regions: Vec::new(),
                regions_inside: false,
                provinces: Vec::new(),
                timeline: search::Timeline::default(),
                timeline_undated: None,
                officials: Vec::new(),
                pledges: Vec::new(),
            };
            let html = page::search(&shown, None, &side, Some(&message));
            (StatusCode::BAD_REQUEST, html).into_response()
        }
        Err(f) => f.page(),
    }
}

async fn article_page(
    State(live): State<Arc<Live>>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let p = match params(query) {
        Ok(p) => p,
        Err(f) => return f.page(),
    };
    let q = p.q.clone();
    match blocking(move || find(&live, &id, &q)).await {
        Ok(found) => page::article(&p, &found).into_response(),
        Err(f) => f.page(),
    }
}

fn find(live: &Live, id: &str, q: &str) -> Result<search::Article, Failure> {
    if id.len() > params::MAX_VALUE {
        return Err(Failure::Bad("the article id is too long".to_owned()));
    }
    let store = live
        .store()
        .map_err(|e| Failure::Internal(format!("{e:#}")))?;
    search::article(&store, id, q)
        .map_err(failure)?
        .ok_or_else(|| Failure::NotFound(format!("no article `{id}` in the index")))
}

async fn api_search(State(live): State<Arc<Live>>, RawQuery(query): RawQuery) -> Response {
    let p = match params(query) {
        Ok(p) => p,
        Err(f) => return f.json(),
    };
    let answer = blocking(move || {
        let store = live
            .store()
            .map_err(|e| Failure::Internal(format!("{e:#}")))?;
        let mut req = p.request().map_err(Failure::Bad)?;
        // The counts `search --json` gives, from the counters whose segment
        // tables the server keeps (a one-shot CLI decodes fewer values with
        // tantivy's own collector; a server answers faster with these).
        req.facet_trees = FacetField::ALL
            .iter()
            .map(|&f| (f, FacetPath::root(), 1))
            .collect();
        let mut results = search::search(&store, &req).map_err(failure)?;
        results
            .hits
            .drain(..((p.page - 1) * p.limit).min(results.hits.len()));
        Ok(results)
    })
    .await;
    match answer {
        Ok(results) => axum::Json(results).into_response(),
        Err(f) => f.json(),
    }
}

async fn api_facets(State(live): State<Arc<Live>>, RawQuery(query): RawQuery) -> Response {
    let raw = query.clone().unwrap_or_default();
    let field_and_path = || -> Result<(FacetField, FacetPath), Failure> {
        let mut field = FacetField::Region;
        let mut path = FacetPath::root();
        for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
            match k.as_ref() {
                "field" => {
                    field = FacetField::ALL
                        .into_iter()
                        .find(|f| f.name() == v)
                        .ok_or_else(|| {
                            Failure::Bad("`field` is region, official, pledge or leader".into())
                        })?
                }
                "path" => path = FacetPath::parse(&v).map_err(|e| Failure::Bad(e.to_string()))?,
                _ => {}
            }
        }
        Ok((field, path))
    };
    let (field, path) = match field_and_path() {
        Ok(fp) => fp,
        Err(f) => return f.json(),
    };
    let p = match params(query) {
        Ok(p) => p,
        Err(f) => return f.json(),
    };
    let answer = blocking(move || {
        let store = live
            .store()
            .map_err(|e| Failure::Internal(format!("{e:#}")))?;
        let req = p.request().map_err(Failure::Bad)?;
        search::facet_tree(&store, &req, field, &path, field.levels()).map_err(failure)
    })
    .await;
    match answer {
        Ok(counts) => axum::Json(serde_json::json!({
            "field": field.name(),
            "counts": counts,
        }))
        .into_response(),
        Err(f) => f.json(),
    }
}

async fn api_article(State(live): State<Arc<Live>>, Path(id): Path<String>) -> Response {
    match blocking(move || find(&live, &id, "")).await {
        Ok(found) => {
            let mut value = serde_json::to_value(&found.stored).unwrap_or_default();
            value["body"] = serde_json::Value::String(found.body.text);
            value["similar"] = serde_json::to_value(&found.copies).unwrap_or_default();
            axum::Json(value).into_response()
        }
        Err(f) => f.json(),
    }
}

async fn export_csv(state: State<Arc<Live>>, query: RawQuery) -> Response {
    export(state, query, rows::Format::Csv).await
}

async fn export_jsonl(state: State<Arc<Live>>, query: RawQuery) -> Response {
    export(state, query, rows::Format::JsonLines).await
}

/// The export (exact matches) of a search request. Without a query every
/// article ranks alike: newest first then, as `netra export` writes them.
fn exact(req: &search::SearchRequest) -> ExportRequest {
    let sort = if crate::query::is_empty(&req.query) {
        search::Sort::Date
    } else {
        req.sort
    };
    ExportRequest {
        query: req.query.clone(),
        since: req.since,
        until: req.until,
        filters: req.filters.clone(),
        sort,
    }
}

/// Every match of the view, streamed as it is written (no time bound: a large
/// export takes as long as the client takes to read it; it stops when the
/// client goes away). A query or filter in error is an error page.
async fn export(
    State(live): State<Arc<Live>>,
    RawQuery(query): RawQuery,
    format: rows::Format,
) -> Response {
    let p = match params(query) {
        Ok(p) => p,
        Err(f) => return f.page(),
    };
    let body = stream::body(move |out| {
        let store = live
            .store()
            .map_err(|e| Failure::Internal(format!("{e:#}")))?;
        let req = exact(&p.request().map_err(Failure::Bad)?);
        let bom = format == rows::Format::Csv;
        let mut writer = RowWriter::new(out, format, Column::DEFAULT.to_vec(), bom)
            .map_err(|e| Failure::Internal(e.to_string()))?;
        search::export(&store, &req, |_, hit| {
            writer.write(&hit)?;
            Ok(std::ops::ControlFlow::Continue(()))
        })
        .map_err(failure)?;
        writer
            .finish()
            .map_err(|e| Failure::Internal(e.to_string()))
    })
    .await;
    let (kind, name) = match format {
        rows::Format::JsonLines => ("application/x-ndjson; charset=utf-8", "netra.jsonl"),
        _ => ("text/csv; charset=utf-8", "netra.csv"),
    };
    match body {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, kind.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
            ],
            body,
        )
            .into_response(),
        Err(f) => f.page(),
    }
}

async fn css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        page::CSS,
    )
        .into_response()
}

/// The page's icon (without one a browser asks for `/favicon.ico` and logs the 404).
async fn icon() -> Response {
    ([(header::CONTENT_TYPE, "image/svg+xml")], page::ICON).into_response()
}

async fn not_found() -> Response {
    Failure::NotFound("no such page".to_owned()).page()
}
