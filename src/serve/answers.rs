//! Answers kept for requests asked again: the same view opened by a colleague's
//! link, a page reloaded, the browser's back button, the same API call. An answer
//! depends only on the request's path and parameters and on the index's commit
//! (and on this server's build, which the commit's tag holds as well), so it is
//! kept under the path with its parameters, for as long as the commit is the
//! last one: a new commit empties the store. Like Elasticsearch's request cache,
//! it spares the counting, not correctness: nothing is kept across commits.
//!
//! Bounded: answers of up to [`MAX_ANSWER`] bytes, [`BUDGET`] bytes in all, the
//! least recently asked going first. Only successful answers of the search page,
//! the article pages and the JSON API are kept; exports stream and are not.

use std::sync::Mutex;

use axum::body::{Body, Bytes, HttpBody as _};
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::response::Response;

use crate::kept::Kept;

/// The most bytes kept in all.
pub const BUDGET: usize = 64 << 20;
/// The largest answer kept.
pub const MAX_ANSWER: usize = 4 << 20;

/// One kept answer.
#[derive(Clone)]
struct Answer {
    headers: HeaderMap,
    body: Bytes,
}

struct Inner {
    /// The commit the kept answers were made from.
    tag: Option<HeaderValue>,
    kept: Kept<String, Answer>,
}

/// The answers kept for the last commit.
pub struct Answers {
    inner: Mutex<Inner>,
}

impl Default for Answers {
    fn default() -> Answers {
        Answers {
            inner: Mutex::new(Inner {
                tag: None,
                // What an answer holds, with its key.
                kept: Kept::new(BUDGET, |key, answer| {
                    key.len() + answer.body.len() + 64 * answer.headers.len()
                }),
            }),
        }
    }
}

/// The key of a request whose answer may be kept: its path and parameters.
pub fn key(request: &Request<Body>) -> Option<String> {
    if request.method() != Method::GET {
        return None;
    }
    let path = request.uri().path();
    let kept = matches!(path, "/" | "/api/search" | "/api/facets")
        || path.starts_with("/article/")
        || path.starts_with("/api/article/");
    kept.then(|| {
        request
            .uri()
            .path_and_query()
            .map_or(path, |p| p.as_str())
            .to_owned()
    })
}

impl Answers {
    /// The answer kept for `key` under the commit `tag`, if any.
    pub fn get(&self, tag: &HeaderValue, key: &str) -> Option<Response> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.tag.as_ref() != Some(tag) {
            return None;
        }
        let kept = inner.kept.get(key)?.clone();
        let mut response = Response::new(Body::from(kept.body));
        *response.headers_mut() = kept.headers;
        Some(response)
    }

    /// Keeps `response` under `key` for the commit `tag` when it is a success
    /// small enough to keep, and gives it back (rebuilt when it was read).
    pub async fn keep(&self, tag: HeaderValue, key: String, response: Response) -> Response {
        let size = response.body().size_hint().exact();
        let keepable =
            response.status() == StatusCode::OK && size.is_some_and(|s| s as usize <= MAX_ANSWER);
        if !keepable {
            return response;
        }
        let (parts, body) = response.into_parts();
        let Ok(body) = axum::body::to_bytes(body, MAX_ANSWER).await else {
            // The size was exact and within bounds: a body that fails to read is
            // the server's error, not an empty success.
            let mut failed = Response::new(Body::empty());
            *failed.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            return failed;
        };
        let answer = Answer {
            headers: parts.headers.clone(),
            body: body.clone(),
        };
        self.insert(tag, key, answer);
        Response::from_parts(parts, Body::from(body))
    }

    fn insert(&self, tag: HeaderValue, key: String, answer: Answer) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.tag.as_ref() != Some(&tag) {
            // A new commit: what was kept is of the last one.
            inner.kept.clear();
            inner.tag = Some(tag);
        }
        inner.kept.put(key, answer);
    }

    /// How many answers and bytes are kept.
    #[cfg(test)]
    fn held(&self) -> (usize, usize) {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.kept.held()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(uri: &str) -> Request<Body> {
        Request::builder()
            .uri(uri)
            .body(Body::empty())
            .expect("request")
    }

    fn ok(body: &str) -> Response {
        let mut r = Response::new(Body::from(body.to_owned()));
        r.headers_mut().insert(
            axum::http::header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        r
    }

    async fn text(r: Response) -> String {
        let bytes = axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .expect("body");
        String::from_utf8(bytes.to_vec()).expect("UTF-8")
    }

    #[test]
    fn only_views_and_the_api_are_kept() {
        assert_eq!(
            key(&request("/?q=ikrar&page=2")).as_deref(),
            Some("/?q=ikrar&page=2")
        );
        assert_eq!(key(&request("/api/facets")).as_deref(), Some("/api/facets"));
        assert_eq!(
            key(&request("/article/a%2Fb?q=x")).as_deref(),
            Some("/article/a%2Fb?q=x")
        );
        assert_eq!(key(&request("/export.csv?q=ikrar")), None);
        assert_eq!(key(&request("/static/netra.css")), None);
        let post = Request::builder()
            .method(Method::POST)
            .uri("/")
            .body(Body::empty())
            .expect("request");
        assert_eq!(key(&post), None);
    }

    #[tokio::test]
    async fn an_answer_is_kept_for_its_commit_only() {
        let answers = Answers::default();
        let (one, two) = (
            HeaderValue::from_static("\"1\""),
            HeaderValue::from_static("\"2\""),
        );
        assert!(answers.get(&one, "/?q=a").is_none());
        let first = answers
            .keep(one.clone(), "/?q=a".into(), ok("answer a"))
            .await;
        assert_eq!(text(first).await, "answer a");
        let again = answers.get(&one, "/?q=a").expect("kept");
        assert_eq!(
            again.headers()[axum::http::header::CONTENT_TYPE],
            "text/html; charset=utf-8"
        );
        assert_eq!(text(again).await, "answer a");
        // Another request, another commit: not this answer.
        assert!(answers.get(&one, "/?q=b").is_none());
        assert!(answers.get(&two, "/?q=a").is_none());
        // A new commit's first answer empties the store.
        answers
            .keep(two.clone(), "/?q=b".into(), ok("answer b"))
            .await;
        assert!(answers.get(&one, "/?q=a").is_none());
        assert_eq!(answers.held().0, 1);
    }

    #[tokio::test]
    async fn failures_and_large_answers_are_not_kept() {
        let answers = Answers::default();
        let tag = HeaderValue::from_static("\"1\"");
        let mut bad = ok("no");
        *bad.status_mut() = StatusCode::BAD_REQUEST;
        let back = answers.keep(tag.clone(), "/?q=(".into(), bad).await;
        assert_eq!(back.status(), StatusCode::BAD_REQUEST);
        let big = "x".repeat(MAX_ANSWER + 1);
        let back = answers.keep(tag.clone(), "/?q=big".into(), ok(&big)).await;
        assert_eq!(text(back).await.len(), MAX_ANSWER + 1);
        assert_eq!(answers.held(), (0, 0));
    }

    #[tokio::test]
    async fn the_least_recently_asked_go_first_past_the_budget() {
        let answers = Answers::default();
        let tag = HeaderValue::from_static("\"1\"");
        let body = "y".repeat(MAX_ANSWER);
        let fit = BUDGET / MAX_ANSWER;
        for i in 0..fit + 3 {
            answers
                .keep(tag.clone(), format!("/?q={i}"), ok(&body))
                .await;
            // The first stays the most recently asked.
            assert!(answers.get(&tag, "/?q=0").is_some());
        }
        let (count, bytes) = answers.held();
        assert!(bytes <= BUDGET, "{bytes} bytes kept");
        assert!(count < fit + 3);
        assert!(answers.get(&tag, "/?q=0").is_some());
        assert!(answers.get(&tag, "/?q=1").is_none());
    }
}
