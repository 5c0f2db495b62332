//! Ranked document addresses → [`Hit`]s: stored fields, canonical officials, and a
//! highlighted snippet of the body.

use anyhow::Result;
use serde::Serialize;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::explain::Explained;
use super::people::Renames;
use super::snippet::{self, Snippet};
use crate::analysis::WordScanner;
use crate::query::build::Highlight;
use crate::schema::Stored;
use crate::store::Store;

/// Bytes of body text in a snippet.
const SNIPPET_BYTES: usize = 240;
/// Characters of the body kept as [`Hit::lead`].
const LEAD_CHARS: usize = 80;

/// One ranked article: its stored fields, with officials under their canonical
/// spelling ([`Renames`]), and where the query matched.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    #[serde(flatten)]
    pub article: Stored,
    /// The relevance score; `null` when sorted by date.
    pub score: Option<f32>,
    pub snippet: String,
    /// Character (not byte) ranges of `snippet` that matched.
    pub highlights: Vec<(usize, usize)>,
    /// The snippet with byte ranges, for the terminal printer.
    #[serde(skip)]
    pub snippet_parts: Snippet,
    /// The opening words of the body, shown where there is no title.
    #[serde(skip)]
    pub lead: String,
    /// Other copies of the same story (syndicated, rewritten), most similar
    /// first; empty with `--all`.
    pub similar: Vec<Similar>,
    /// The article holds most parts of the query, not every one: it follows the
    /// articles that match ([`super::SearchResults::partial`]).
    pub partial: bool,
    /// Why the hit ranks where it does (with `--explain`, sorted by relevance).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explained>,
}

/// A copy of a hit's story.
#[derive(Debug, Clone, Serialize)]
pub struct Similar {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// The article at `address`, as a copy of another.
pub(super) fn similar(store: &Store, searcher: &Searcher, address: DocAddress) -> Result<Similar> {
    let s = stored(store, searcher, address)?;
    Ok(Similar {
        id: s.id,
        title: s.title,
        outlet: s.outlet,
        date: s.date,
        path: s.path,
        line: s.line,
    })
}

/// The stored article at `address`.
fn stored(store: &Store, searcher: &Searcher, address: DocAddress) -> Result<Stored> {
    let doc: TantivyDocument = searcher.doc(address).map_err(|e| store.explain(e))?;
    store.fields.stored(&doc)
}

/// The hit of one document, without its story's copies.
pub(super) fn one(
    store: &Store,
    searcher: &Searcher,
    address: DocAddress,
    score: Option<f32>,
    highlight: &Highlight,
    scanner: &mut WordScanner,
    renames: &Renames,
) -> Result<Hit> {
    let article = stored(store, searcher, address)?;
    Ok(hit(article, score, highlight, scanner, renames))
}

/// The hits of ranked documents, in their order, each with its story's copies.
pub(super) fn fetch(
    store: &Store,
    searcher: &Searcher,
    ranked: Vec<(Option<f32>, DocAddress, Vec<DocAddress>)>,
    highlight: &Highlight,
) -> Result<Vec<Hit>> {
    let stored = ranked
        .into_iter()
        .map(|(score, address, copies)| {
            let similar = copies
                .into_iter()
                .map(|copy| similar(store, searcher, copy))
                .collect::<Result<Vec<_>>>()?;
            Ok((score, stored(store, searcher, address)?, similar))
        })
        .collect::<Result<Vec<_>>>()?;
    let no_renames = Renames::default();
    let renames = if stored.iter().any(|(_, s, _)| !s.officials.is_empty()) {
        store.renames(searcher)?
    } else {
        &no_renames
    };
    let mut scanner = WordScanner::default();
    Ok(stored
        .into_iter()
        .map(|(score, stored, similar)| {
            let mut hit = hit(stored, score, highlight, &mut scanner, renames);
            hit.similar = similar;
            hit
        })
        .collect())
}

fn hit(
    mut article: Stored,
    score: Option<f32>,
    highlight: &Highlight,
    scanner: &mut WordScanner,
    renames: &Renames,
) -> Hit {
    let parts = snippet::make(&article.body, highlight, scanner, SNIPPET_BYTES);
    let char_at = |byte: usize| parts.text[..byte].chars().count();
    let highlights = parts
        .highlights
        .iter()
        .map(|&(a, b)| (char_at(a), char_at(b)))
        .collect();
    renames.canonical_officials(&mut article);
    let lead = article
        .body
        .chars()
        .take(LEAD_CHARS)
        .collect::<String>()
        .replace('\n', " ");
    Hit {
        article,
        score,
        snippet: parts.text.clone(),
        highlights,
        snippet_parts: parts,
        lead,
        similar: Vec::new(),
        partial: false,
        explain: None,
    }
}
