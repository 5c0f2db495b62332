//! `--explain`: why a hit ranks where it does, as a tree of named parts — each
//! word, phrase, place, acronym or name of the query (BM25 per term and field),
//! the bonuses added to the best matches (words close together, words as
//! typed), for a partial match the share of the query's parts it holds, and the
//! topic prior ([`crate::topic`]) the whole is multiplied by.

use serde::Serialize;
use serde_json::Value;
use tantivy::query::Query;
use tantivy::schema::Schema;
use tantivy::{DocAddress, Searcher};

use crate::query::build::Parts;
use crate::topic;

/// One part of a score.
#[derive(Debug, Clone, Serialize)]
pub struct Explained {
    pub score: f32,
    pub what: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Explained>,
}

/// Why the article at `address` scored `score`: the query's match, each bonus
/// that matched, and for a partial match the share of the parts it holds.
pub(super) fn hit(
    searcher: &Searcher,
    query: &dyn Query,
    bonuses: &[&dyn Query],
    parts: Option<&Parts>,
    address: DocAddress,
    topic_level: u8,
    score: f32,
) -> Explained {
    let mut details: Vec<Explained> = part(searcher, query, address).into_iter().collect();
    for bonus in bonuses {
        details.extend(part(searcher, *bonus, address));
    }
    if let Some(parts) = parts {
        let held = parts
            .required
            .iter()
            .filter(|p| part(searcher, p.as_ref(), address).is_some())
            .count();
        let share = held as f32 / parts.required.len() as f32;
        details.push(Explained {
            score: share,
            what: format!(
                "times the share of the query's parts it holds: {held} of {}",
                parts.required.len()
            ),
            details: Vec::new(),
        });
    }
    details.push(Explained {
        score: topic::prior(topic_level),
        what: format!(
            "times the topic prior: {topic_level} election word{} (of {} counted)",
            if topic_level == 1 { "" } else { "s" },
            topic::MAX_LEVEL
        ),
        details: Vec::new(),
    });
    Explained {
        score,
        what: "score".to_owned(),
        details,
    }
}

/// How `query` scores the article at `address`; `None` when it does not match.
pub(super) fn part(
    searcher: &Searcher,
    query: &dyn Query,
    address: DocAddress,
) -> Option<Explained> {
    let explanation = query.explain(searcher, address).ok()?;
    let value = serde_json::to_value(&explanation).ok()?;
    Some(read(&value, searcher.schema()))
}

/// tantivy's explanation as JSON → [`Explained`], a BM25 term in one line.
fn read(value: &Value, schema: &Schema) -> Explained {
    let score = value["value"].as_f64().unwrap_or(0.0) as f32;
    let what = value["description"].as_str().unwrap_or("").to_owned();
    let details: Vec<&Value> = value["details"]
        .as_array()
        .map(|d| d.iter().collect())
        .unwrap_or_default();
    if what.starts_with("TermQuery") {
        let term = value["context"]
            .as_array()
            .and_then(|c| c.iter().find_map(Value::as_str))
            .map(|c| term_name(c, schema))
            .unwrap_or_default();
        let constant = |name: &str| {
            let mut found = None;
            find(value, name, &mut found);
            found
        };
        let freq = constant("freq, occurrences").unwrap_or(0.0);
        let idf = constant("idf").unwrap_or(0.0);
        return Explained {
            score,
            what: format!("BM25 {term} (occurs {freq}, idf {idf:.2})"),
            details: Vec::new(),
        };
    }
    Explained {
        score,
        what,
        details: details.into_iter().map(|d| read(d, schema)).collect(),
    }
}

/// The value of the first node below `value` whose description starts with `name`.
fn find(value: &Value, name: &str, found: &mut Option<f64>) {
    if found.is_some() {
        return;
    }
    if value["description"]
        .as_str()
        .is_some_and(|d| d.starts_with(name))
    {
        *found = value["value"].as_f64();
        return;
    }
    for d in value["details"].as_array().into_iter().flatten() {
        find(d, name, found);
    }
}

/// `Term=Term(field=9, type=Str, "netralitas")` → `body "netralitas"`.
fn term_name(context: &str, schema: &Schema) -> String {
    let field = context
        .split("field=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.trim().parse::<u32>().ok())
        .map(|n| {
            schema
                .get_field_name(tantivy::schema::Field::from_field_id(n))
                .to_owned()
        })
        .unwrap_or_default();
    let text = context
        .rsplit_once(", ")
        .map(|(_, t)| t.trim_end_matches(')'))
        .unwrap_or_default();
    match text.strip_prefix("Facet(") {
        Some(facet) => format!("{field} {facet}"),
        None => format!("{field} \"{}\"", text.trim_matches('"')),
    }
}
