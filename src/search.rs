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
use tantivy::collector::{Count, FacetCollector, MultiCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, EnableScoring, Occur, Query, RangeQuery, Scorer, TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Order, Searcher, SeekDangerResult, TantivyDocument, Term};

use crate::analysis::Analyzer;
use crate::article::PubDate;
use crate::people::{People, Renames};
use crate::query::{self, build};
use crate::schema::{name, Fields, Stored};
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

/// A validated search. An empty `query` matches every article (for facet counts).
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub limit: usize,
    pub since: Option<PubDate>,
    pub until: Option<PubDate>,
    pub sort: Sort,
    pub filters: Filters,
    /// Count the children of these facet paths, per facet field.
    pub count: Vec<(FacetField, String)>,
}

/// Facet filters: an article must match one value of each non-empty list.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Region facet paths; a path matches its whole subtree.
    pub regions: Vec<String>,
    /// Officials in the user's words (a role, a name in any spelling, both, or a
    /// facet path), resolved by [`search`] against the index's people.
    pub officials: Vec<String>,
    /// Pledge types.
    pub pledges: Vec<String>,
}

/// A facet field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum FacetField {
    Region,
    Official,
    Pledge,
}

impl FacetField {
    pub const ALL: [FacetField; 3] = [FacetField::Region, FacetField::Official, FacetField::Pledge];

    pub fn name(self) -> &'static str {
        match self {
            FacetField::Region => "region",
            FacetField::Official => "official",
            FacetField::Pledge => "pledge",
        }
    }
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
    /// Facet counts for the matching articles: field → facet path → articles.
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
    let fields = store.fields;
    let (text_query, highlight, proximity): (Box<dyn Query>, build::Highlight, _) =
        if req.query.trim().is_empty() {
            (Box::new(AllQuery), build::Highlight::default(), None)
        } else {
            let expr = query::parse(&req.query)
                .map_err(|e| anyhow!("cannot read the query `{}`: {e}", req.query))?;
            let built = build::build(&expr, &fields).ok_or_else(|| {
                anyhow!(
                "nothing to search for in `{}`: give a word or a \"phrase\" with letters or digits",
                req.query
            )
            })?;
            (built.query, built.highlight, built.proximity)
        };
    let searcher = store.reader()?.searcher();
    // Official spellings across the index, read once and only when needed.
    let people = || store.people(&searcher);
    let renames = || store.renames(&searcher);

    let mut filters = req.filters.clone();
    if !filters.officials.is_empty() {
        filters.officials = resolve_officials(people()?, &req.filters.officials)?;
    }
    let query = with_facet_filters(text_query, &fields, &filters);
    let query = with_date_bounds(query, &fields, req.since, req.until);
    let limit = req.limit.max(1);
    let mut counters = MultiCollector::new();
    let handles: Vec<_> = req
        .count
        .iter()
        .map(|(field, path)| {
            let mut collector = FacetCollector::for_field(field.name());
            collector.add_facet(Facet::from_text(path).unwrap_or_else(|_| Facet::root()));
            (*field, path.clone(), counters.add_collector(collector))
        })
        .collect();
    let (ranked, total, mut counted): (Vec<(Option<f32>, DocAddress)>, usize, _) = match req.sort {
        Sort::Relevance => {
            let depth = match proximity {
                Some(_) => limit.max(build::RESCORE_DEPTH),
                None => limit,
            };
            let (mut top, total, counted) = searcher
                .search(
                    &query,
                    &(TopDocs::with_limit(depth).order_by_score(), Count, counters),
                )
                .map_err(|e| store.explain(e))?;
            if let Some(bonus) = &proximity {
                add_bonus(&searcher, bonus.as_ref(), &mut top).map_err(|e| store.explain(e))?;
                top.truncate(limit);
            }
            (
                top.into_iter().map(|(s, a)| (Some(s), a)).collect(),
                total,
                counted,
            )
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
    // Spelling variants of one official count, and show, as one person.
    let mut facets: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for (field, path, handle) in handles {
        let counts = handle.extract(&mut counted);
        let parent = Facet::from_text(&path).unwrap_or_else(|_| Facet::root());
        let entry = facets.entry(field.name().to_owned()).or_default();
        for (facet, n) in counts.get(&parent.to_string()) {
            let path = match field {
                // Role paths (/Camat) are their own; person paths may be renamed.
                FacetField::Official if facet.to_path().len() > 1 => {
                    renames()?.canonical(&facet.to_string())
                }
                _ => facet.to_string(),
            };
            *entry.entry(path).or_default() += n;
        }
    }

    let stored = ranked
        .into_iter()
        .map(|(score, address)| {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| store.explain(e))?;
            Ok((score, fields.stored(&doc)))
        })
        .collect::<Result<Vec<_>>>()?;
    let no_renames = Renames::default();
    let hit_renames = if stored.iter().any(|(_, s)| !s.officials.is_empty()) {
        renames()?
    } else {
        &no_renames
    };
    let mut analyzer = Analyzer::default();
    let hits = stored
        .into_iter()
        .map(|(score, stored)| hit(stored, score, &highlight, &mut analyzer, hit_renames))
        .collect();
    Ok(SearchResults {
        query: req.query.clone(),
        total,
        hits,
        facets,
    })
}

/// Adds the score of `bonus` to each candidate it matches and sorts them again
/// (best first; ties by address, as tantivy orders them).
fn add_bonus(
    searcher: &Searcher,
    bonus: &dyn Query,
    top: &mut [(f32, DocAddress)],
) -> tantivy::Result<()> {
    let weight = bonus.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut order: Vec<usize> = (0..top.len()).collect();
    order.sort_by_key(|&i| top[i].1);
    // Per segment: its scorer, and whether a missed seek_danger left it between
    // documents (then only seek_danger may be called, with larger targets).
    let mut scorer: Option<(u32, Box<dyn Scorer>, bool)> = None;
    for i in order {
        let DocAddress {
            segment_ord,
            doc_id,
        } = top[i].1;
        if scorer
            .as_ref()
            .is_none_or(|(ord, _, _)| *ord != segment_ord)
        {
            let reader = searcher.segment_reader(segment_ord);
            scorer = Some((segment_ord, weight.scorer(reader, 1.0)?, false));
        }
        let (_, s, between) = scorer.as_mut().expect("a scorer for this segment");
        // seek_danger checks the candidate alone; seek would verify the phrase in
        // every document on the way (most of a multi-word search's time).
        let found = if !*between && s.doc() >= doc_id {
            s.doc() == doc_id
        } else {
            match s.seek_danger(doc_id) {
                SeekDangerResult::Found => {
                    *between = false;
                    true
                }
                SeekDangerResult::SeekLowerBound(_) => {
                    *between = true;
                    false
                }
            }
        };
        if found {
            top[i].0 += s.score();
        }
    }
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(())
}

fn with_facet_filters(query: Box<dyn Query>, fields: &Fields, filters: &Filters) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    for (field, values) in [
        (fields.region, &filters.regions),
        (fields.official, &filters.officials),
        (fields.pledge, &filters.pledges),
    ] {
        if values.is_empty() {
            continue;
        }
        let any: Vec<(Occur, Box<dyn Query>)> = values
            .iter()
            .map(|v| {
                let facet = Facet::from_text(v).unwrap_or_else(|_| Facet::from_path([v]));
                let term = Term::from_facet(field, &facet);
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>,
                )
            })
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    if clauses.len() == 1 {
        clauses.pop().expect("one clause").1
    } else {
        Box::new(BooleanQuery::new(clauses))
    }
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

/// The official facet paths a user's words mean; unknown words are an error that
/// names the closest known officials.
fn resolve_officials(people: &People, words: &[String]) -> Result<Vec<String>> {
    let mut paths = Vec::new();
    for w in words {
        let found = people.resolve(w);
        if found.is_empty() {
            let closest = people.closest(w, 5);
            let hint = if closest.is_empty() {
                String::new()
            } else {
                format!(": the closest are {}", closest.join(", "))
            };
            return Err(anyhow!("no official `{w}` in the index{hint}"));
        }
        paths.extend(found);
    }
    Ok(paths)
}

fn hit(
    stored: Stored,
    score: Option<f32>,
    highlight: &build::Highlight,
    analyzer: &mut Analyzer,
    renames: &Renames,
) -> Hit {
    let parts = snippet::make(&stored.body, highlight, analyzer, SNIPPET_BYTES);
    let char_at = |byte: usize| parts.text[..byte].chars().count();
    let highlights = parts
        .highlights
        .iter()
        .map(|&(a, b)| (char_at(a), char_at(b)))
        .collect();
    let mut officials: Vec<OfficialRef> = stored
        .officials
        .iter()
        .filter_map(|path| {
            let steps = Facet::from_text(&renames.canonical(path))
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
    officials.dedup();
    Hit {
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
    }
}

/// One facet value with its article count and, below it, its children's.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCount {
    pub path: String,
    pub count: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<FacetCount>,
}

/// Counts of `field` below `root`, `depth` levels down, for the articles `req`
/// matches (its hits are not fetched). One search per level.
pub fn facet_tree(
    store: &Store,
    req: &SearchRequest,
    field: FacetField,
    root: &str,
    depth: usize,
) -> Result<Vec<FacetCount>> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut frontier = vec![root.to_owned()];
    for _ in 0..depth {
        if frontier.is_empty() {
            break;
        }
        let level = SearchRequest {
            count: frontier.iter().map(|p| (field, p.clone())).collect(),
            ..req.clone()
        };
        let found = search(store, &level)?
            .facets
            .remove(field.name())
            .unwrap_or_default();
        frontier = found.keys().cloned().collect();
        counts.extend(found);
    }
    Ok(children_of(root, &counts))
}

fn children_of(parent: &str, counts: &BTreeMap<String, u64>) -> Vec<FacetCount> {
    let prefix = if parent == "/" {
        "/".to_owned()
    } else {
        format!("{parent}/")
    };
    let mut children: Vec<FacetCount> = counts
        .iter()
        .filter(|(path, _)| {
            path.strip_prefix(&prefix)
                .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
        })
        .map(|(path, &count)| FacetCount {
            path: path.clone(),
            count,
            children: children_of(path, counts),
        })
        .collect();
    children.sort_by(|a, b| b.count.cmp(&a.count).then(a.path.cmp(&b.path)));
    children
}
