//! When no article holds every required part of a query: the articles that hold
//! most of them. Partial matches are ranked by BM25 times the share of the parts
//! they hold (coordination, as Lucene's classic scoring had it), so an article
//! with three of four words ranks above one that repeats one word often.

use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Searcher};

use super::rescore;
use crate::query::build::Parts;
use crate::query::union::Union;

/// How many of the best partial matches are ranked by coordination.
pub(super) const DEPTH: usize = 200;

/// How many parts the articles shown must hold, in the order to try: at least
/// half, then (when too few articles hold half) at least one.
pub(super) fn thresholds(parts: &Parts) -> Vec<usize> {
    let half = parts.required.len().div_ceil(2);
    if half > 1 {
        vec![half, 1]
    } else {
        vec![1]
    }
}

/// Articles holding at least `at_least` of the required parts (and none of the
/// excluded).
pub(super) fn query(parts: &Parts, at_least: usize) -> Box<dyn Query> {
    let required = parts.required.iter().map(|q| q.box_clone()).collect();
    let held: Box<dyn Query> = Box::new(Union::at_least(required, at_least));
    if parts.excluded.is_empty() {
        return held;
    }
    without_excluded(vec![(Occur::Must, held)], parts)
}

/// `clauses`, and none of the query's excluded parts.
fn without_excluded(mut clauses: Vec<(Occur, Box<dyn Query>)>, parts: &Parts) -> Box<dyn Query> {
    clauses.extend(
        parts
            .excluded
            .iter()
            .map(|q| (Occur::MustNot, q.box_clone())),
    );
    Box::new(BooleanQuery::new(clauses))
}

/// Articles that hold some of the parts, to follow the articles that hold them
/// all: every place typed (a place is a constraint, as a region filter is) and
/// half of the other parts — rounded up when no place anchors them, down when one
/// does ("pilkada Lotim" is followed by other Lotim articles). `None` when that
/// asks for every part.
pub(super) fn partial_query(parts: &Parts) -> Option<Box<dyn Query>> {
    let (mut places, mut others) = (Vec::new(), Vec::new());
    for (part, &place) in parts.required.iter().zip(&parts.places) {
        if place {
            places.push(part.box_clone());
        } else {
            others.push(part.box_clone());
        }
    }
    let at_least = if places.is_empty() {
        others.len().div_ceil(2)
    } else {
        others.len() / 2
    };
    if at_least == others.len() {
        return None;
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        places.into_iter().map(|q| (Occur::Must, q)).collect();
    if at_least > 0 {
        clauses.push((Occur::Must, Box::new(Union::at_least(others, at_least))));
    }
    Some(without_excluded(clauses, parts))
}

/// Multiplies each candidate's score by the share of the required parts it holds,
/// and sorts them again.
pub(super) fn coordinate(
    searcher: &Searcher,
    parts: &Parts,
    top: &mut [(f32, DocAddress)],
) -> tantivy::Result<()> {
    let addresses: Vec<DocAddress> = top.iter().map(|&(_, a)| a).collect();
    let mut held = vec![0usize; top.len()];
    for part in &parts.required {
        for (h, score) in held
            .iter_mut()
            .zip(rescore::scores(searcher, part.as_ref(), &addresses)?)
        {
            *h += usize::from(score.is_some());
        }
    }
    let n = parts.required.len() as f32;
    for (candidate, h) in top.iter_mut().zip(held) {
        candidate.0 *= h as f32 / n;
    }
    rescore::sort(top);
    Ok(())
}
