//! [`ExportRequest`] → every matching article, one [`Hit`] at a time.
//!
//! A search shows a page of hits; an export hands over all of them, for a
//! spreadsheet or a script. The matching documents' addresses are collected and
//! ordered first (newest first, or best first: 16–24 bytes a match), then each
//! article is read from the store, turned into a hit and given to the caller, who
//! writes it out before the next is read: memory does not grow with the articles'
//! text. Every copy of a story is its own row (no folding of near-duplicates), and
//! there is no relaxed matching: an export holds exactly the articles that match.

use std::ops::ControlFlow;

use anyhow::Result;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DocAddress, Order};

use super::filter::{self, Filters};
use super::hits;
use super::{knowledge, rescore, text_query, Sort};
use crate::analysis::WordScanner;
use crate::article::PubDate;
use crate::query::build;
use crate::query::understand::Understood;
use crate::schema::name;
use crate::store::Store;

/// What to export: the same query language, filters and dates as a search.
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    /// An empty query exports every article (narrowed by the filters).
    pub query: String,
    pub since: Option<PubDate>,
    pub until: Option<PubDate>,
    pub filters: Filters,
    pub sort: Sort,
}

/// What an export matched.
#[derive(Debug, Clone, Default)]
pub struct Exported {
    /// Articles that match.
    pub total: usize,
    /// Rows handed over (fewer than `total` when the caller stopped early).
    pub written: usize,
    /// What the query's words were read as.
    pub understood: Understood,
}

/// Hands every article `req` matches to `each`, in order, until `each` says stop.
// One piece: the export's stages in order (query, count, order, stream).
pub fn export(
    store: &Store,
    req: &ExportRequest,
    mut each: impl FnMut(usize, hits::Hit) -> Result<ControlFlow<()>>,
) -> Result<Exported> {
    let searcher = store.reader()?.searcher();
    let (
        super::TextQuery {
            highlight,
            proximity,
            bonus,
            understood,
            ..
        },
        query,
    ) = exact(store, &searcher, req)?;
    let total = searcher
        .search(&query, &Count)
        .map_err(|e| store.explain(e))?;
    let mut out = Exported {
        total,
        written: 0,
        understood,
    };
    if total == 0 {
        return Ok(out);
    }
    let bonuses: Vec<&dyn Query> = proximity
        .as_deref()
        .into_iter()
        .chain(bonus.iter().map(|b| b.as_ref()))
        .collect();
    let ordered = order(store, &searcher, query.as_ref(), req.sort, total, &bonuses)?;
    let renames = store.renames(&searcher)?;
    let mut scanner = WordScanner::default();
    for (score, address) in ordered {
        let hit = hits::one(
            store,
            &searcher,
            address,
            score,
            &highlight,
            &mut scanner,
            renames,
        )?;
        out.written += 1;
        if each(total, hit)?.is_break() {
            break;
        }
    }
    Ok(out)
}

/// The query of `req` with its filters, matching exactly (no relaxed matching),
/// and the rest of its text query (what it highlights, its bonuses).
pub(super) fn exact(
    store: &Store,
    searcher: &tantivy::Searcher,
    req: &ExportRequest,
) -> Result<(super::TextQuery, Box<dyn Query>)> {
    let known = knowledge::IndexKnowledge::new(store, searcher);
    let mut text = text_query(&req.query, &store.fields, &known, false)?;
    let officials = if req.filters.officials.is_empty() {
        Vec::new()
    } else {
        filter::officials(store.people(searcher)?, &req.filters.officials)?
    };
    let text_only = std::mem::replace(&mut text.query, Box::new(tantivy::query::AllQuery));
    let query = filter::apply(
        text_only,
        &store.fields,
        &req.filters,
        &officials,
        req.since,
        req.until,
    );
    Ok((text, query))
}

/// The matching documents in export order: newest first (undated last), or best
/// first, with the proximity and exact-form bonuses and the topic prior
/// re-ranking the best [`build::RESCORE_DEPTH`] as a search does.
fn order(
    store: &Store,
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    sort: Sort,
    total: usize,
    bonuses: &[&dyn Query],
) -> Result<Vec<(Option<f32>, DocAddress)>> {
    if sort == Sort::Date {
        let collector =
            TopDocs::with_limit(total).order_by_fast_field::<i64>(name::DATE_LO, Order::Desc);
        let top = searcher
            .search(query, &collector)
            .map_err(|e| store.explain(e))?;
        return Ok(top.into_iter().map(|(_, a)| (None, a)).collect());
    }
    let collector = TopDocs::with_limit(total).order_by_score();
    let mut top = searcher
        .search(query, &collector)
        .map_err(|e| store.explain(e))?;
    // Bonuses only add and the topic prior only multiplies by 1 or more: the
    // re-ranked head still outranks the tail.
    let head = top.len().min(build::RESCORE_DEPTH);
    rescore::add_bonuses(searcher, bonuses, &mut top[..head]).map_err(|e| store.explain(e))?;
    rescore::weigh_by_topic(searcher, &mut top[..head]);
    Ok(top.into_iter().map(|(s, a)| (Some(s), a)).collect())
}
