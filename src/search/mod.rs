//! [`SearchRequest`] → [`SearchResults`]: parse, filter, rank, count, fetch.
//!
//! - [`filter`]: facet values and date bounds around the text query;
//! - ranking is BM25 over the title (boosted) and the body, with a proximity bonus
//!   applied to the best candidates ([`rescore`], see [`crate::query::build`]);
//!   [`Sort::Date`] orders by publication date instead, newest first, articles
//!   without a date last;
//! - [`facets`]: counts of facet values among all the matching articles;
//! - [`hits`]: the shown articles, with a highlighted [`snippet`] each;
//! - [`people`]: officials' spelling variants across the index, as one person.

pub mod facets;
mod filter;
pub mod hits;
pub mod people;
mod rescore;
pub mod snippet;

use anyhow::{anyhow, Result};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, Query};
use tantivy::{DocAddress, Order};

pub use self::facets::{facet_tree, FacetCount, FacetCountsByField};
pub use self::filter::Filters;
pub use self::hits::Hit;
use crate::article::PubDate;
use crate::facet::{FacetField, FacetPath};
use crate::query::{self, build};
use crate::schema::{name, Fields};
use crate::store::Store;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (BM25 with title boost and proximity).
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// A validated search. An empty `query` (blank, or `""`) matches every article.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    /// How many hits to fetch (at least one).
    pub limit: usize,
    pub since: Option<PubDate>,
    pub until: Option<PubDate>,
    pub sort: Sort,
    pub filters: Filters,
    /// Count the children of these facet paths among all the matching articles.
    pub facet_counts: Vec<(FacetField, FacetPath)>,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Articles that match (all of them, not only the hits shown).
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Facet counts for the matching articles: field → facet path → articles.
    pub facets: FacetCountsByField,
}

/// Runs a search on an open index.
pub fn search(store: &Store, req: &SearchRequest) -> Result<SearchResults> {
    let (text_query, highlight, proximity) = text_query(&req.query, &store.fields)?;
    let searcher = store.reader()?.searcher();
    let officials = if req.filters.officials.is_empty() {
        Vec::new()
    } else {
        filter::officials(store.people(&searcher)?, &req.filters.officials)?
    };
    let query = filter::apply(
        text_query,
        &store.fields,
        &req.filters,
        &officials,
        req.since,
        req.until,
    );
    let (counters, handles) = facets::collectors(&req.facet_counts);
    let limit = req.limit.max(1);
    let (ranked, total, mut counted) = match req.sort {
        Sort::Relevance => {
            // The proximity bonus re-ranks the best RESCORE_DEPTH candidates.
            let depth = match proximity {
                Some(_) => limit.max(build::RESCORE_DEPTH),
                None => limit,
            };
            let collector = TopDocs::with_limit(depth).order_by_score();
            let (mut top, total, counted) = searcher
                .search(&query, &(collector, Count, counters))
                .map_err(|e| store.explain(e))?;
            if let Some(bonus) = &proximity {
                rescore::add_bonus(&searcher, bonus.as_ref(), &mut top)
                    .map_err(|e| store.explain(e))?;
                top.truncate(limit);
            }
            (scored(top), total, counted)
        }
        Sort::Date => {
            let collector =
                TopDocs::with_limit(limit).order_by_fast_field::<i64>(name::DATE_LO, Order::Desc);
            let (top, total, counted) = searcher
                .search(&query, &(collector, Count, counters))
                .map_err(|e| store.explain(e))?;
            (
                top.into_iter().map(|(_, a)| (None, a)).collect(),
                total,
                counted,
            )
        }
    };
    let facets = facets::extract(handles, &mut counted, &mut || store.renames(&searcher))?;
    let hits = hits::fetch(store, &searcher, ranked, &highlight)?;
    Ok(SearchResults {
        query: req.query.clone(),
        total,
        hits,
        facets,
    })
}

type TextQuery = (Box<dyn Query>, build::Highlight, Option<Box<dyn Query>>);

/// The text query, what its hits should highlight, and its proximity bonus. An
/// empty query (blank, or `""`) matches every article.
fn text_query(text: &str, fields: &Fields) -> Result<TextQuery> {
    if query::is_empty(text) {
        return Ok((Box::new(AllQuery), build::Highlight::default(), None));
    }
    let expr = query::parse(text).map_err(|e| anyhow!("cannot read the query `{text}`: {e}"))?;
    let built = build::build(&expr, fields).ok_or_else(|| {
        anyhow!(
            "nothing to search for in `{text}`: give a word or a \"phrase\" with letters or digits"
        )
    })?;
    Ok((built.query, built.highlight, built.proximity))
}

fn scored(top: Vec<(f32, DocAddress)>) -> Vec<(Option<f32>, DocAddress)> {
    top.into_iter().map(|(s, a)| (Some(s), a)).collect()
}
