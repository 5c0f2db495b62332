//! Filters: facet values and date bounds around the text query.
//!
//! An article must match one value of each non-empty facet list (any region of
//! the list, and any official of its list, and …), and overlap the date bounds:
//! a bound of 2024-10 keeps an article dated "2024".

use std::ops::Bound;

use anyhow::{anyhow, Result};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::Term;

use super::people::People;
use crate::article::PubDate;
use crate::facet::{OfficialPath, PledgeType, RegionPath};
use crate::schema::{self, Fields};

/// Facet filters: an article must match one value of each non-empty list.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// A region matches the articles of its whole subtree.
    pub regions: Vec<RegionPath>,
    /// Officials in the user's words (a role, a name in any spelling, both, or a
    /// facet path), resolved against the index's people ([`officials`]).
    pub officials: Vec<String>,
    pub pledges: Vec<PledgeType>,
}

/// The regions a user's words mean (a name, an alias, a path, an island group),
/// and a note when the reading may surprise (an ambiguous name, an island group,
/// a typo of a larger place); an unknown name is an error that names the closest.
pub fn regions_of(words: &str) -> std::result::Result<(Vec<RegionPath>, Option<String>), String> {
    let g = crate::extract::gazetteer::get();
    let resolved = g.resolve(words);
    if resolved.areas.is_empty() {
        return Err(format!(
            "unknown region `{words}`: the closest names are {}",
            g.closest(words, 5).join(", ")
        ));
    }
    let paths: Vec<RegionPath> = resolved.areas.iter().map(|&a| g.path(a)).collect();
    let listed = paths
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let note = match resolved.note {
        Some(note) => Some(format!("{note}: {listed}")),
        None if paths.len() > 1 => Some(format!("{words} is ambiguous: matching all of {listed}")),
        None => None,
    };
    Ok((paths, note))
}

/// The pledge type a user's words name ("fakta integritas" too).
pub fn pledge_of(words: &str) -> std::result::Result<PledgeType, String> {
    PledgeType::from_name(words).ok_or_else(|| {
        format!(
            "unknown pledge type `{}`: use one of {}",
            words.trim(),
            PledgeType::ALL.map(PledgeType::name).join(", ")
        )
    })
}

/// The officials a user's words mean; unknown words are an error that names the
/// closest known officials.
pub(super) fn officials(people: &People, words: &[String]) -> Result<Vec<OfficialPath>> {
    let mut found = Vec::new();
    for w in words {
        let these = people.resolve(w);
        if these.is_empty() {
            let closest = people.closest(w, 5);
            let hint = if closest.is_empty() {
                String::new()
            } else {
                format!(": the closest are {}", closest.join(", "))
            };
            return Err(anyhow!("no official `{w}` in the index{hint}"));
        }
        found.extend(these);
    }
    Ok(found)
}

/// `query` restricted to the facet values (`officials` already resolved) and the
/// date bounds.
pub(super) fn apply(
    query: Box<dyn Query>,
    fields: &Fields,
    filters: &Filters,
    officials: &[OfficialPath],
    since: Option<PubDate>,
    until: Option<PubDate>,
) -> Box<dyn Query> {
    let facet_lists = [
        (
            fields.region,
            filters
                .regions
                .iter()
                .map(|r| schema::facet(r.as_facet_path()))
                .collect::<Vec<_>>(),
        ),
        (
            fields.official,
            officials
                .iter()
                .map(|o| schema::facet(&o.facet_path()))
                .collect(),
        ),
        (
            fields.pledge,
            filters
                .pledges
                .iter()
                .map(|p| Facet::from_path([p.name()]))
                .collect(),
        ),
    ];
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    for (field, facets) in facet_lists {
        if !facets.is_empty() {
            clauses.push((Occur::Must, any_facet(field, &facets)));
        }
    }
    within_dates(all_of(clauses), fields, since, until)
}

/// `query` restricted to the facet values, among the articles with no date: those
/// a date bound leaves out.
pub(super) fn undated(
    query: Box<dyn Query>,
    fields: &Fields,
    filters: &Filters,
    officials: &[OfficialPath],
) -> Box<dyn Query> {
    let within = apply(query, fields, filters, officials, None, None);
    let undated: Box<dyn Query> = Box::new(TermQuery::new(
        Term::from_field_bool(fields.undated, true),
        IndexRecordOption::Basic,
    ));
    all_of(vec![(Occur::Must, within), (Occur::Must, undated)])
}

/// Documents with any of `facets` in `field`.
fn any_facet(field: Field, facets: &[Facet]) -> Box<dyn Query> {
    let any: Vec<(Occur, Box<dyn Query>)> = facets
        .iter()
        .map(|facet| {
            let term = Term::from_facet(field, facet);
            let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(any))
}

/// `query` restricted to the articles whose dates overlap the bounds.
fn within_dates(
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
    all_of(clauses)
}

/// A query of these clauses; the clause itself when there is only one.
fn all_of(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
    if clauses.len() == 1 {
        clauses.pop().expect("one clause").1
    } else {
        Box::new(BooleanQuery::new(clauses))
    }
}
