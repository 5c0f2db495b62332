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

mod explain;
pub mod export;
pub mod facets;
mod filter;
pub mod hits;
mod knowledge;
pub mod people;
mod relax;
mod rescore;
mod similar;
pub mod snippet;
pub mod timeline;

use std::collections::HashSet;

use anyhow::{anyhow, Result};
use serde::Serialize;
use tantivy::collector::{Count, MultiFruit, TopDocs};
use tantivy::query::{AllQuery, Query};
use tantivy::{DocAddress, Order, Searcher};

pub use self::explain::Explained;
pub use self::export::{export, ExportRequest, Exported};
pub use self::facets::{children_of, facet_subtrees, facet_tree, FacetCount, FacetCountsByField};
pub use self::filter::{pledge_of, regions_of, Filters};
pub use self::hits::{Hit, Similar};
use self::snippet::Snippet;
pub use self::timeline::Timeline;
use crate::article::PubDate;
use crate::facet::{FacetField, FacetPath};
use crate::query::understand::{self, Understood};
use crate::query::{self, build};
use crate::schema::{name, Fields, Stored};
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
    /// How many hits to fetch; none (0) counts the matches and their facets
    /// without ranking them.
    pub limit: usize,
    pub since: Option<PubDate>,
    pub until: Option<PubDate>,
    pub sort: Sort,
    pub filters: Filters,
    /// Count the children of these facet paths among all the matching articles.
    pub facet_counts: Vec<(FacetField, FacetPath)>,
    /// Count every path below these, this many levels down, in one pass.
    pub facet_trees: Vec<(FacetField, FacetPath, usize)>,
    /// Count the matching articles a month too ([`SearchResults::timeline`]).
    pub timeline: bool,
    /// Show every copy of a story as its own hit (by default a story shows once,
    /// with its copies in [`Hit::similar`]).
    pub all: bool,
    /// Say why each hit ranks where it does ([`Hit::explain`]).
    pub explain: bool,
    /// Show only articles that hold every part of the query: no
    /// [`SearchResults::partial`] hits after fewer matches than the limit.
    pub strict: bool,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Articles that match (all of them, not only the hits shown).
    pub total: usize,
    /// No article holds every part of the query: these hold most of them
    /// (`total` counts those with at least half).
    pub relaxed: bool,
    /// When fewer articles than the limit hold every part of the query, this many
    /// hits follow them: election articles holding every place typed and half of
    /// the other parts ([`Hit::partial`]); `total` and the facet counts stay those
    /// of the articles that match.
    pub partial: usize,
    pub hits: Vec<Hit>,
    /// Facet counts for the matching articles: field → facet path → articles.
    pub facets: FacetCountsByField,
    /// What the query's words were read as: places, acronyms, names.
    pub understood: Understood,
    /// Matching articles a month, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Timeline>,
    /// With `--since` or `--until`: matching articles left out because they have
    /// neither an event nor a publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undated: Option<usize>,
}

/// Runs a search on an open index.
// One piece: the search's stages in order (query, filters, rank, relax, partial hits,
// facets, hits, explain, undated), each a call or a few lines.
pub fn search(store: &Store, req: &SearchRequest) -> Result<SearchResults> {
    let searcher = store.reader()?.searcher();
    let known = knowledge::IndexKnowledge::new(store, &searcher);
    let text = text_query(&req.query, &store.fields, &known, req.explain)?;
    let officials = if req.filters.officials.is_empty() {
        Vec::new()
    } else {
        filter::officials(store.people(&searcher)?, &req.filters.officials)?
    };
    let filtered = |query: Box<dyn Query>| {
        filter::apply(
            query,
            &store.fields,
            &req.filters,
            &officials,
            req.since,
            req.until,
        )
    };
    let run = Run {
        store,
        searcher: &searcher,
        req,
    };
    let dated = req.since.is_some() || req.until.is_some();
    let undated_query = dated.then(|| {
        filter::undated(
            text.query.box_clone(),
            &store.fields,
            &req.filters,
            &officials,
        )
    });
    let main = filtered(text.query.box_clone());
    let mut explained_query = req.explain.then(|| main.box_clone());
    let (mut ranked, mut total, mut counted, handles) =
        run.rank(main, text.proximity.as_deref(), &text.bonus, None)?;
    // No article holds every part of the query: those that hold most of them.
    let mut relaxed = false;
    if total == 0 {
        if let Some(((r, t, c, _), query)) = run.relaxed(&filtered, &text)? {
            (ranked, total, counted, relaxed) = (r, t, c, t > 0);
            explained_query = req.explain.then_some(query);
        }
    }
    // Fewer matches than asked for: the articles that hold most of the parts follow.
    let full: HashSet<DocAddress> = ranked.iter().map(|&(_, a)| a).collect();
    let mut partial_query = None;
    if !relaxed && !req.strict && total < req.limit && req.sort == Sort::Relevance {
        if let Some((more, query)) = run.partial(&filtered, &text, &full)? {
            ranked.extend(more);
            partial_query = req.explain.then_some(query);
        }
    }
    let mut timeline = None;
    let facets = facets::extract(
        handles,
        &mut counted,
        &mut || store.renames(&searcher),
        &mut timeline,
    )?;
    let limit = req.limit;
    let ranked = if req.all {
        ranked
            .into_iter()
            .take(limit)
            .map(|(s, a)| (s, a, Vec::new()))
            .collect()
    } else {
        similar::one_per_story(&searcher, ranked, limit)
    };
    let mut hits = hits::fetch(store, &searcher, ranked.clone(), &text.highlight)?;
    for (hit, (_, address, _)) in hits.iter_mut().zip(&ranked) {
        hit.partial = !full.contains(address);
    }
    let partial = hits.iter().filter(|h| h.partial).count();
    if let Some(query) = &explained_query {
        let partial_query = partial_query.as_deref();
        explain_all(
            &searcher,
            &text,
            relaxed,
            query.as_ref(),
            partial_query,
            &ranked,
            &mut hits,
        );
    }
    let undated = match undated_query {
        Some(q) if !relaxed => Some(
            searcher
                .search(q.as_ref(), &Count)
                .map_err(|e| store.explain(e))?,
        ),
        _ => None,
    };
    Ok(SearchResults {
        query: req.query.clone(),
        total,
        relaxed,
        partial,
        hits,
        facets,
        understood: text.understood,
        undated,
        timeline,
    })
}

/// `--explain` for every hit: the matches by `query` (with the proximity and
/// typed-word bonuses; `relaxed`, by the share of the parts they hold), the
/// partial hits after them (the last ones) by `partial_query`, which found them.
fn explain_all(
    searcher: &Searcher,
    text: &TextQuery,
    relaxed: bool,
    query: &dyn Query,
    partial_query: Option<&dyn Query>,
    ranked: &[(Option<f32>, DocAddress, Vec<DocAddress>)],
    hits: &mut [hits::Hit],
) {
    let bonus: Vec<&dyn Query> = text.bonus.iter().map(|b| b.as_ref()).collect();
    let with_proximity: Vec<&dyn Query> = text
        .proximity
        .as_deref()
        .into_iter()
        .chain(bonus.iter().copied())
        .collect();
    let whole = hits.iter().take_while(|h| !h.partial).count();
    let (matches, partial_hits) = hits.split_at_mut(whole);
    let parts = if relaxed { text.parts.as_ref() } else { None };
    explain_hits(
        searcher,
        query,
        &with_proximity,
        parts,
        &ranked[..whole],
        matches,
    );
    if let Some(query) = partial_query {
        let parts = text.parts.as_ref();
        explain_hits(
            searcher,
            query,
            &bonus,
            parts,
            &ranked[whole..],
            partial_hits,
        );
    }
}

/// Each hit's explanation (`--explain`): how `query`, the `bonuses` and the
/// topic prior made its score (`parts`: the parts of a relaxed query).
fn explain_hits(
    searcher: &Searcher,
    query: &dyn Query,
    bonuses: &[&dyn Query],
    parts: Option<&build::Parts>,
    ranked: &[(Option<f32>, DocAddress, Vec<DocAddress>)],
    hits: &mut [hits::Hit],
) {
    let addresses: Vec<DocAddress> = ranked.iter().map(|&(_, a, _)| a).collect();
    let levels = rescore::topic_levels(searcher, &addresses);
    for ((hit, (score, address, _)), level) in hits.iter_mut().zip(ranked).zip(levels) {
        hit.explain =
            score.map(|s| explain::hit(searcher, query, bonuses, parts, *address, level, s));
    }
}

/// The article with id `id`, its officials under their canonical spelling, its
/// body with the matches of `query` highlighted (none for an empty query), and
/// the other copies of its story.
pub fn article(store: &Store, id: &str, query: &str) -> Result<Option<Article>> {
    let searcher = store.reader()?.searcher();
    let term = tantivy::Term::from_field_text(store.fields.id, id);
    let found = searcher
        .search(
            &tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic),
            &TopDocs::with_limit(1).order_by_score(),
        )
        .map_err(|e| store.explain(e))?;
    let Some(&(_, address)) = found.first() else {
        return Ok(None);
    };
    let doc: tantivy::TantivyDocument = searcher.doc(address).map_err(|e| store.explain(e))?;
    let mut stored = store.fields.stored(&doc)?;
    store.renames(&searcher)?.canonical_officials(&mut stored);
    let known = knowledge::IndexKnowledge::new(store, &searcher);
    let highlight = text_query(query, &store.fields, &known, false)
        .map(|t| t.highlight)
        .unwrap_or_default();
    let body = snippet::whole(
        &stored.body,
        &highlight,
        &mut crate::analysis::WordScanner::default(),
    );
    let copies = similar::copies_of(&searcher, address)
        .into_iter()
        .map(|copy| hits::similar(store, &searcher, copy))
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(Article {
        stored,
        body,
        copies,
    }))
}

/// One article as its page shows it.
pub struct Article {
    pub stored: Stored,
    /// The body with the query's matches highlighted.
    pub body: Snippet,
    /// The other copies of its story in the index, most similar first.
    pub copies: Vec<Similar>,
}

/// Hits fetched per hit shown, when copies of a story are folded into one.
const COPIES_DEPTH: usize = 3;

/// One search's index and request.
struct Run<'a> {
    store: &'a Store,
    searcher: &'a Searcher,
    req: &'a SearchRequest,
}

/// An address and its score (`None` when sorted by date).
type Scored = (Option<f32>, DocAddress);

/// Partial hits and the query that found them.
type Found = (Vec<Scored>, Box<dyn Query>);

/// Ranked addresses (scores `None` when sorted by date), the total, and the
/// facet counts collected with them.
type Ranked = (Vec<Scored>, usize, MultiFruit, facets::Handles);

impl Run<'_> {
    /// Runs `query`, ranks its best matches (the proximity bonus re-ranks the best
    /// [`build::RESCORE_DEPTH`]; a partial match ranks by the parts it holds),
    /// counts facets. Returns [`COPIES_DEPTH`] times the hits asked for, unless
    /// every copy is shown: room for a story's copies to be folded into it.
    fn rank(
        &self,
        query: Box<dyn Query>,
        proximity: Option<&dyn Query>,
        bonus: &[Box<dyn Query>],
        partial: Option<&build::Parts>,
    ) -> Result<Ranked> {
        let (searcher, store) = (self.searcher, self.store);
        let (counters, handles) = facets::collectors(
            &self.req.facet_counts,
            &self.req.facet_trees,
            self.req.timeline,
        );
        let limit = self.req.limit;
        if limit == 0 {
            // Counts only: no score is computed.
            let (total, counted) = searcher
                .search(&query, &(Count, counters))
                .map_err(|e| store.explain(e))?;
            return Ok((Vec::new(), total, counted, handles));
        }
        let wanted = if self.req.all {
            limit
        } else {
            limit.saturating_mul(COPIES_DEPTH)
        };
        if self.req.sort == Sort::Date {
            let collector =
                TopDocs::with_limit(wanted).order_by_fast_field::<i64>(name::DATE_LO, Order::Desc);
            let (top, total, counted) = searcher
                .search(&query, &(collector, Count, counters))
                .map_err(|e| store.explain(e))?;
            let ranked = top.into_iter().map(|(_, a)| (None, a)).collect();
            return Ok((ranked, total, counted, handles));
        }
        // The proximity bonus and the topic prior re-rank the best 100.
        let depth = match partial {
            Some(_) => wanted.max(relax::DEPTH),
            None => wanted.max(build::RESCORE_DEPTH),
        };
        let collector = TopDocs::with_limit(depth).order_by_score();
        let (mut top, total, counted) = searcher
            .search(&query, &(collector, Count, counters))
            .map_err(|e| store.explain(e))?;
        let bonuses: Vec<&dyn Query> = proximity
            .into_iter()
            .chain(bonus.iter().map(|b| b.as_ref()))
            .collect();
        rescore::add_bonuses(searcher, &bonuses, &mut top).map_err(|e| store.explain(e))?;
        if let Some(parts) = partial {
            relax::coordinate(searcher, parts, &mut top).map_err(|e| store.explain(e))?;
        }
        rescore::weigh_by_topic(searcher, &mut top);
        top.truncate(wanted);
        let ranked = top.into_iter().map(|(s, a)| (Some(s), a)).collect();
        Ok((ranked, total, counted, handles))
    }

    /// The articles that hold most of the query's parts, when none holds every
    /// one: at least half of them, else (too few of those) one; and the query that
    /// found them. `None` for a query of one part.
    fn relaxed(
        &self,
        filtered: &dyn Fn(Box<dyn Query>) -> Box<dyn Query>,
        text: &TextQuery,
    ) -> Result<Option<(Ranked, Box<dyn Query>)>> {
        let Some(parts) = &text.parts else {
            return Ok(None);
        };
        let mut found = None;
        for at_least in relax::thresholds(parts) {
            let query = filtered(relax::query(parts, at_least));
            let ranked = self.rank(query.box_clone(), None, &text.bonus, Some(parts))?;
            let enough = ranked.1 >= self.req.limit.max(1);
            found = Some((ranked, query));
            if enough {
                break;
            }
        }
        Ok(found)
    }

    /// The best articles holding part of the query's parts but not every one
    /// (those are `matched`; [`relax::partial_query`] says which parts), ranked
    /// by the parts they hold, and about elections (the topic's highest level,
    /// [`crate::topic`]: half a query's words alone find much else, a concert, a
    /// football club); and the query that found them: what follows the matches
    /// when fewer than the limit match.
    fn partial(
        &self,
        filtered: &dyn Fn(Box<dyn Query>) -> Box<dyn Query>,
        text: &TextQuery,
        matched: &HashSet<DocAddress>,
    ) -> Result<Option<Found>> {
        let Some((parts, query)) = text
            .parts
            .as_ref()
            .and_then(|p| Some((p, relax::partial_query(p)?)))
        else {
            return Ok(None);
        };
        let query = filtered(query);
        // Counts are the matches': the partial ones are ranked, not counted.
        let uncounted = SearchRequest {
            facet_counts: Vec::new(),
            facet_trees: Vec::new(),
            timeline: false,
            ..self.req.clone()
        };
        let run = Run {
            req: &uncounted,
            ..*self
        };
        let (more, _, _, _) = run.rank(query.box_clone(), None, &text.bonus, Some(parts))?;
        let more: Vec<_> = more
            .into_iter()
            .filter(|(_, a)| !matched.contains(a))
            .collect();
        let addresses: Vec<DocAddress> = more.iter().map(|&(_, a)| a).collect();
        let levels = rescore::topic_levels(self.searcher, &addresses);
        let more = more
            .into_iter()
            .zip(levels)
            .filter(|&(_, level)| level == crate::topic::MAX_LEVEL)
            .map(|(hit, _)| hit)
            .collect();
        Ok(Some((more, query)))
    }
}

/// A query ready to run and what comes with it.
pub(super) struct TextQuery {
    query: Box<dyn Query>,
    highlight: build::Highlight,
    proximity: Option<Box<dyn Query>>,
    bonus: Vec<Box<dyn Query>>,
    parts: Option<build::Parts>,
    understood: Understood,
}

/// The text query, what its hits should highlight, its proximity bonus, its
/// parts, and what its words were read as. An empty query (blank, or `""`)
/// matches every article.
fn text_query(
    text: &str,
    fields: &Fields,
    known: &dyn understand::Knowledge,
    explain: bool,
) -> Result<TextQuery> {
    if query::is_empty(text) {
        return Ok(TextQuery {
            query: Box::new(AllQuery),
            highlight: build::Highlight::default(),
            proximity: None,
            bonus: Vec::new(),
            parts: None,
            understood: Understood::default(),
        });
    }
    let expr = query::parse(text).map_err(|e| anyhow!("cannot read the query `{text}`: {e}"))?;
    let (expr, understood) = understand::understand(expr, known);
    let built = build::build(&expr, fields, explain).ok_or_else(|| {
        anyhow!(
            "nothing to search for in `{text}`: give a word or a \"phrase\" with letters or digits"
        )
    })?;
    Ok(TextQuery {
        query: built.query,
        highlight: built.highlight,
        proximity: built.proximity,
        bonus: built.bonus,
        parts: built.parts,
        understood,
    })
}
