//! [`SearchRequest`] → [`SearchResults`]: parse, filter, rank, fetch, snippet.
//!
//! Ranking is BM25 over the title (boosted) and the body, with a proximity bonus
//! (see [`crate::query::build`]); `--sort date` orders by publication date instead,
//! newest first, articles without a date last. Date bounds keep an article whose
//! date overlaps them: a bound of 2024-10 keeps an article dated "2024".

use std::collections::BTreeMap;
use std::ops::Bound;

use anyhow::{anyhow, Result};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery};
use tantivy::schema::Facet;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::analysis::Analyzer;
use crate::article::PubDate;
use crate::query::{self, build};
use crate::schema::{name, Fields};
use crate::snippet::{self, Snippet};
use crate::store::Store;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Sort {
    /// Best match first (BM25 with title boost and proximity).
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// A validated search.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub limit: usize,
    pub since: Option<PubDate>,
    pub until: Option<PubDate>,
    pub sort: Sort,
}

/// Bytes of body text in a snippet.
const SNIPPET_BYTES: usize = 240;

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Articles that match (all of them, not only the hits shown).
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Facet counts per facet field (filled by the facets work).
    pub facets: BTreeMap<String, BTreeMap<String, u64>>,
}

/// One ranked article.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub path: String,
    /// The line of a JSONL article in `path`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub regions: Vec<String>,
    pub officials: Vec<OfficialRef>,
    pub pledges: Vec<String>,
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

/// Characters of the body kept as [`Hit::lead`].
const LEAD_CHARS: usize = 80;

/// An official as stored in a hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficialRef {
    pub role: String,
    pub name: String,
}

/// Runs a search on an open index.
pub fn search(store: &Store, req: &SearchRequest) -> Result<SearchResults> {
    let expr = query::parse(&req.query)
        .map_err(|e| anyhow!("cannot read the query `{}`: {e}", req.query))?;
    let fields = store.fields;
    let built = build::build(&expr, &fields).ok_or_else(|| {
        anyhow!(
            "nothing to search for in `{}`: give a word or a \"phrase\" with letters or digits",
            req.query
        )
    })?;
    let query = with_date_bounds(built.query, &fields, req.since, req.until);

    let reader = store.reader()?;
    let searcher = reader.searcher();
    let limit = req.limit.max(1);
    let (ranked, total): (Vec<(Option<f32>, DocAddress)>, usize) = match req.sort {
        Sort::Relevance => {
            let (top, total) = searcher
                .search(
                    &query,
                    &(TopDocs::with_limit(limit).order_by_score(), Count),
                )
                .map_err(|e| store.explain(e))?;
            (top.into_iter().map(|(s, a)| (Some(s), a)).collect(), total)
        }
        Sort::Date => {
            let collector =
                TopDocs::with_limit(limit).order_by_fast_field::<i64>(name::DATE_LO, Order::Desc);
            let (top, total) = searcher
                .search(&query, &(collector, Count))
                .map_err(|e| store.explain(e))?;
            (top.into_iter().map(|(_, a)| (None, a)).collect(), total)
        }
    };

    let mut analyzer = Analyzer::default();
    let hits = ranked
        .into_iter()
        .map(|(score, address)| {
            hit(
                &searcher,
                &fields,
                address,
                score,
                &built.highlight,
                &mut analyzer,
            )
        })
        .collect::<Result<Vec<_>>>()
        .map_err(|e| anyhow!("{e:#}"))?;
    Ok(SearchResults {
        query: req.query.clone(),
        total,
        hits,
        facets: BTreeMap::new(),
    })
}

fn with_date_bounds(
    query: Box<dyn Query>,
    fields: &Fields,
    since: Option<PubDate>,
    until: Option<PubDate>,
) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    if let Some(since) = since {
        let lower = Term::from_field_i64(fields.date_hi, since.day_range().0);
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(Bound::Included(lower), Bound::Unbounded)),
        ));
    }
    if let Some(until) = until {
        let upper = Term::from_field_i64(fields.date_lo, until.day_range().1);
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(Bound::Unbounded, Bound::Included(upper))),
        ));
    }
    if clauses.len() == 1 {
        clauses.pop().expect("one clause").1
    } else {
        Box::new(BooleanQuery::new(clauses))
    }
}

fn hit(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
    score: Option<f32>,
    highlight: &build::Highlight,
    analyzer: &mut Analyzer,
) -> Result<Hit> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let stored = fields.stored(&doc);
    let parts = snippet::make(&stored.body, highlight, analyzer, SNIPPET_BYTES);
    let char_at = |byte: usize| parts.text[..byte].chars().count();
    let highlights = parts
        .highlights
        .iter()
        .map(|&(a, b)| (char_at(a), char_at(b)))
        .collect();
    let officials = stored
        .officials
        .iter()
        .filter_map(|path| {
            let steps = Facet::from_text(path)
                .ok()?
                .to_path()
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>();
            match steps.as_slice() {
                [role, name] => Some(OfficialRef {
                    role: role.clone(),
                    name: name.clone(),
                }),
                _ => None,
            }
        })
        .collect();
    Ok(Hit {
        id: stored.id,
        path: stored.path,
        line: stored.line,
        title: stored.title,
        outlet: stored.outlet,
        dateline: stored.dateline,
        date: stored.date,
        url: stored.url,
        regions: stored.regions,
        officials,
        pledges: stored.pledges,
        score,
        snippet: parts.text.clone(),
        highlights,
        snippet_parts: parts,
        lead: stored
            .body
            .chars()
            .take(LEAD_CHARS)
            .collect::<String>()
            .replace('\n', " "),
    })
}
