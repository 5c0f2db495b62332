//! Facet counts: how many matching articles lie below each facet value.
//!
//! [`Counters`] collect the children of chosen paths during a search; spelling
//! variants of one official count as one person. [`facet_tree`] counts a field's
//! hierarchy a level at a time.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;
use tantivy::collector::{FacetCollector, FacetCounts, FruitHandle, MultiCollector, MultiFruit};

use super::people::Renames;
use super::{search, SearchRequest};
use crate::facet::{FacetField, FacetPath, OfficialPath};
use crate::schema;
use crate::store::Store;

/// Counts of facet values, by field name: facet path → articles.
pub type FacetCountsByField = BTreeMap<&'static str, BTreeMap<FacetPath, u64>>;

/// Where a search's facet counts will be: one per counted `(field, path)`.
pub(super) type Handles = Vec<(FacetField, FacetPath, FruitHandle<FacetCounts>)>;

/// Collectors of the children of each `(field, path)`, and where their counts
/// will be.
pub(super) fn collectors(wanted: &[(FacetField, FacetPath)]) -> (MultiCollector<'static>, Handles) {
    let mut collector = MultiCollector::new();
    let handles = wanted
        .iter()
        .map(|(field, path)| {
            let mut counter = FacetCollector::for_field(field.name());
            counter.add_facet(schema::facet(path));
            (*field, path.clone(), collector.add_collector(counter))
        })
        .collect();
    (collector, handles)
}

/// The counts collected, with officials' spellings merged into one person.
pub(super) fn extract<'a>(
    handles: Handles,
    fruit: &mut MultiFruit,
    renames: &mut dyn FnMut() -> Result<&'a Renames>,
) -> Result<FacetCountsByField> {
    let mut out = FacetCountsByField::new();
    for (field, path, handle) in handles {
        let counts = handle.extract(fruit);
        let entry = out.entry(field.name()).or_default();
        for (facet, n) in counts.get(schema::facet(&path)) {
            let mut value = schema::facet_path(facet);
            if matches!(field, FacetField::Official | FacetField::Leader) {
                value = canonical(value, renames()?);
            }
            *entry.entry(value).or_default() += n;
        }
    }
    Ok(out)
}

/// One facet value with its article count and, below it, its children's.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCount {
    pub path: FacetPath,
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
    root: &FacetPath,
    depth: usize,
) -> Result<Vec<FacetCount>> {
    let mut counts: BTreeMap<FacetPath, u64> = BTreeMap::new();
    let mut frontier = vec![root.clone()];
    // No level below the field's last: a person or a pledge type has no children.
    let depth = depth.min(field.levels().saturating_sub(root.steps().len()));
    for _ in 0..depth {
        if frontier.is_empty() {
            break;
        }
        let level = SearchRequest {
            facet_counts: frontier.iter().map(|p| (field, p.clone())).collect(),
            limit: 1,
            all: true,
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

/// Each of `roots` with its count and its children's, for the articles `req`
/// matches: the places a name means ("Bogor": the regency and the city).
pub fn facet_subtrees(
    store: &Store,
    req: &SearchRequest,
    field: FacetField,
    roots: &[FacetPath],
) -> Result<Vec<FacetCount>> {
    let mut out = Vec::new();
    for root in roots {
        let Some(parent) = root.parent() else {
            continue;
        };
        let siblings = facet_tree(store, req, field, &parent, 1)?;
        let Some(count) = siblings.iter().find(|c| &c.path == root).map(|c| c.count) else {
            continue;
        };
        out.push(FacetCount {
            path: root.clone(),
            count,
            children: facet_tree(store, req, field, root, 1)?,
        });
    }
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.path.cmp(&b.path)));
    Ok(out)
}

fn children_of(parent: &FacetPath, counts: &BTreeMap<FacetPath, u64>) -> Vec<FacetCount> {
    let depth = parent.steps().len() + 1;
    let mut children: Vec<FacetCount> = counts
        .iter()
        .filter(|(path, _)| path.steps().len() == depth && parent.contains(path))
        .map(|(path, &count)| FacetCount {
            path: path.clone(),
            count,
            children: children_of(path, counts),
        })
        .collect();
    children.sort_by(|a, b| b.count.cmp(&a.count).then(a.path.cmp(&b.path)));
    children
}

/// A two-step official path under its canonical spelling; other paths as they are.
pub(super) fn canonical(path: FacetPath, renames: &Renames) -> FacetPath {
    match OfficialPath::from_facet_path(&path) {
        Some(official) => renames.canonical(&official).facet_path(),
        None => path,
    }
}
