//! Ranked document addresses → [`Hit`]s: stored fields, canonical officials, and a
//! highlighted snippet of the body.

use anyhow::Result;
use serde::Serialize;
use tantivy::{DocAddress, Searcher, TantivyDocument};

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
}

/// The hits of ranked documents, in their order.
pub(super) fn fetch(
    store: &Store,
    searcher: &Searcher,
    ranked: Vec<(Option<f32>, DocAddress)>,
    highlight: &Highlight,
) -> Result<Vec<Hit>> {
    let stored = ranked
        .into_iter()
        .map(|(score, address)| {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| store.explain(e))?;
            Ok((score, store.fields.stored(&doc)?))
        })
        .collect::<Result<Vec<_>>>()?;
    let no_renames = Renames::default();
    let renames = if stored.iter().any(|(_, s)| !s.officials.is_empty()) {
        store.renames(searcher)?
    } else {
        &no_renames
    };
    let mut scanner = WordScanner::default();
    Ok(stored
        .into_iter()
        .map(|(score, stored)| hit(stored, score, highlight, &mut scanner, renames))
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
    for official in &mut article.officials {
        *official = renames.canonical(official);
    }
    article.officials.dedup();
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
    }
}
