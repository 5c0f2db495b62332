//! Facet counts: how many matching articles lie below each facet value.
//!
//! Collectors count the children of chosen paths during a search, or a whole
//! subtree in one pass ([`TreeCounter`]); spelling variants of one official count
//! as one person. [`facet_tree`] counts a field's hierarchy below a path.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock, Mutex};

use anyhow::Result;
use serde::Serialize;
use tantivy::collector::{
    Collector, FacetCollector, FacetCounts, FruitHandle, MultiCollector, MultiFruit,
    SegmentCollector,
};
use tantivy::fastfield::AliveBitSet;
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::people::Renames;
use super::{search, SearchRequest};
use crate::facet::{FacetField, FacetPath, OfficialPath};
use crate::kept::Kept;
use crate::schema;
use crate::store::Store;

/// Counts of facet values, by field name: facet path → articles.
pub type FacetCountsByField = BTreeMap<&'static str, BTreeMap<FacetPath, u64>>;

/// Where a search's facet counts will be.
pub(super) type Handles = Vec<Handle>;

/// One counted `(field, path)`: its children, or its subtree.
pub(super) enum Handle {
    Children(FacetField, FacetPath, FruitHandle<FacetCounts>),
    Tree(FacetField, FruitHandle<Vec<(FacetPath, u64)>>),
    Timeline(FruitHandle<super::timeline::DayCounts>),
}

/// Collectors of the children of each `(field, path)` of `children`, and of each
/// `(field, path, depth)` subtree of `trees`, and where their counts will be.
pub(super) fn collectors(
    children: &[(FacetField, FacetPath)],
    trees: &[(FacetField, FacetPath, usize)],
    timeline: bool,
) -> (MultiCollector<'static>, Handles) {
    let mut collector = MultiCollector::new();
    let mut handles: Handles = children
        .iter()
        .map(|(field, path)| {
            let mut counter = FacetCollector::for_field(field.name());
            counter.add_facet(schema::facet(path));
            Handle::Children(*field, path.clone(), collector.add_collector(counter))
        })
        .collect();
    for (field, root, depth) in trees {
        let counter = TreeCounter {
            field: field.name(),
            root: root.clone(),
            depth: *depth,
        };
        handles.push(Handle::Tree(*field, collector.add_collector(counter)));
    }
    if timeline {
        let counter = super::timeline::MonthCounter;
        handles.push(Handle::Timeline(collector.add_collector(counter)));
    }
    (collector, handles)
}

/// Counts the matching articles below every path of a subtree in one pass: each
/// article once under each path above any of its facet values (an article of
/// two regencies of one province counts once for the province). The values of a
/// segment are decoded once, into the tree nodes above them.
struct TreeCounter {
    field: &'static str,
    root: FacetPath,
    /// Levels below the root.
    depth: usize,
}

/// A segment's matches of one search, counted into a subtree's nodes when the
/// segment is done: the matches themselves when they are fewer than half the
/// segment's articles, else the articles that do not match, taken from the
/// segment's whole counts (a query that matches nine articles in ten counts one).
struct TreeSegment {
    values: Arc<SegmentValues>,
    tables: Arc<Tables>,
    alive: Option<AliveBitSet>,
    /// The matching documents, a bit each.
    matched: Vec<u64>,
    n_matched: u32,
}

/// A segment's facet ordinals of one field, by document, decoded once: those of
/// document `d` are `ords[starts[d]..starts[d + 1]]`.
struct SegmentValues {
    starts: Vec<u32>,
    ords: Vec<u32>,
}

impl SegmentValues {
    fn of(facets: &FacetReader, max_doc: DocId) -> SegmentValues {
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::with_capacity(max_doc as usize);
        starts.push(0);
        for doc in 0..max_doc {
            ords.extend(facets.facet_ords(doc).map(|o| o as u32));
            starts.push(ords.len() as u32);
        }
        SegmentValues { starts, ords }
    }

    fn bytes(&self) -> usize {
        4 * (self.starts.len() + self.ords.len())
    }
}

/// Adds (or takes away) documents' articles to the nodes above their values,
/// each article once a node.
struct Counting<'a> {
    values: &'a SegmentValues,
    tables: &'a Tables,
    counts: Vec<u64>,
    /// The last document counted at each node.
    last: Vec<DocId>,
}

impl Counting<'_> {
    fn count(&mut self, doc: DocId, add: bool) {
        let (v, t) = (self.values, self.tables);
        let d = doc as usize;
        let (Some(&from), Some(&to)) = (v.starts.get(d), v.starts.get(d + 1)) else {
            return;
        };
        for &ord in &v.ords[from as usize..to as usize] {
            let ord = ord as usize;
            let (Some(&a), Some(&b)) = (t.starts.get(ord), t.starts.get(ord + 1)) else {
                continue;
            };
            for &node in &t.above[a as usize..b as usize] {
                let node = node as usize;
                if self.last[node] != doc {
                    self.last[node] = doc;
                    self.counts[node] = if add {
                        self.counts[node] + 1
                    } else {
                        self.counts[node].wrapping_sub(1)
                    };
                }
            }
        }
    }
}

/// A segment's facet values decoded into the tree nodes of one subtree.
struct Tables {
    /// The nodes above facet ordinal `o` of the segment (its own included) are
    /// `above[starts[o]..starts[o + 1]]`: one flat array, read in order.
    starts: Vec<u32>,
    above: Vec<u32>,
    /// Each node's number among every path of its field ([`PATHS`]), so that
    /// the counts of segments add up by number, not by comparing paths.
    global: Vec<u32>,
    /// Every alive article of the segment counted, when first asked for, with
    /// the number of deleted articles it was counted with.
    whole: Mutex<Option<(u32, Arc<Vec<u64>>)>>,
}

/// Every tree node met in any segment, numbered, by field: a segment's counts
/// are merged with another's by these numbers. Grows with the distinct paths of
/// the indexes served (a path is a few dozen bytes).
#[derive(Default)]
struct Paths {
    ids: HashMap<FacetPath, u32>,
    paths: Vec<FacetPath>,
}

static PATHS: LazyLock<Mutex<HashMap<&'static str, Paths>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The numbers of `nodes` among the paths of `field`, numbering the new ones.
fn numbered(field: &'static str, nodes: Vec<FacetPath>) -> Vec<u32> {
    let mut all = PATHS.lock().unwrap_or_else(|e| e.into_inner());
    let paths = all.entry(field).or_default();
    nodes
        .into_iter()
        .map(|node| match paths.ids.get(&node) {
            Some(&id) => id,
            None => {
                let id = paths.paths.len() as u32;
                paths.paths.push(node.clone());
                paths.ids.insert(node, id);
                id
            }
        })
        .collect()
}

/// The paths of numbered counts, in path order.
fn paths_of(field: &'static str, counts: HashMap<u32, u64>) -> Vec<(FacetPath, u64)> {
    let all = PATHS.lock().unwrap_or_else(|e| e.into_inner());
    let mut out: Vec<(FacetPath, u64)> = match all.get(field) {
        Some(paths) => counts
            .into_iter()
            .filter_map(|(id, n)| Some((paths.paths.get(id as usize)?.clone(), n)))
            .collect(),
        None => Vec::new(),
    };
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A segment's values of one field, decoded (ordinal → path) once: decoding
/// reads the segment's dictionary, the most of making a table for a subtree.
struct SegmentPaths(Vec<FacetPath>);

impl SegmentPaths {
    fn bytes(&self) -> usize {
        self.0
            .iter()
            .map(|p| {
                let steps = p.steps();
                std::mem::size_of::<FacetPath>()
                    + std::mem::size_of_val(steps)
                    + steps.iter().map(String::len).sum::<usize>()
            })
            .sum()
    }
}

impl Tables {
    fn bytes(&self) -> usize {
        4 * (self.starts.len() + self.above.len() + self.global.len())
    }
}

/// Bytes each cache may hold: a page's sidebar asks for a few subtrees of each
/// field, filters for others (a province's regencies), on every segment.
const CACHE_BUDGET: usize = 32 << 20;

/// Decoded segment values, by segment and field.
type PathsKey = (String, &'static str);
static PATHS_OF_SEGMENTS: LazyLock<Mutex<Kept<PathsKey, Arc<SegmentPaths>>>> =
    LazyLock::new(|| Mutex::new(Kept::new(CACHE_BUDGET, |_, paths| paths.bytes())));

/// Segment tables, by segment, field, subtree and depth.
type TableKey = (String, &'static str, FacetPath, usize);
static TABLES: LazyLock<Mutex<Kept<TableKey, Arc<Tables>>>> =
    LazyLock::new(|| Mutex::new(Kept::new(CACHE_BUDGET, |_, tables| tables.bytes())));

/// The values of `field` in the segment `segment`, decoded (kept for next time).
fn segment_paths(
    segment: &str,
    field: &'static str,
    facets: &FacetReader,
) -> tantivy::Result<Arc<SegmentPaths>> {
    Kept::try_get_or_make(&PATHS_OF_SEGMENTS, (segment.to_owned(), field), || {
        let mut facet = Facet::root();
        let mut paths = Vec::with_capacity(facets.num_facets());
        for ord in 0..facets.num_facets() as u64 {
            facets.facet_from_ord(ord, &mut facet)?;
            paths.push(schema::facet_path(&facet));
        }
        Ok(Arc::new(SegmentPaths(paths)))
    })
}

impl Tables {
    /// The tables of the subtree `depth` levels below `root`, over a segment's
    /// values (`paths`, by ordinal).
    fn of(field: &'static str, paths: &[FacetPath], root: &FacetPath, depth: usize) -> Tables {
        let mut ids: HashMap<FacetPath, u32> = HashMap::new();
        let mut nodes = Vec::new();
        let mut starts = Vec::with_capacity(paths.len() + 1);
        let mut above: Vec<u32> = Vec::new();
        starts.push(0);
        let top = root.steps().len();
        for path in paths {
            if root.contains(path) {
                let steps = path.steps();
                for len in top + 1..=steps.len().min(top + depth) {
                    let node = FacetPath::new(steps[..len].iter().map(String::as_str));
                    let id = *ids.entry(node.clone()).or_insert_with(|| {
                        nodes.push(node);
                        (nodes.len() - 1) as u32
                    });
                    above.push(id);
                }
            }
            starts.push(above.len() as u32);
        }
        Tables {
            starts,
            above,
            global: numbered(field, nodes),
            whole: Mutex::new(None),
        }
    }

    /// The segment's whole counts with `deleted` articles deleted, counted by
    /// `count` the first time.
    fn whole(&self, deleted: u32, count: impl FnOnce() -> Vec<u64>) -> Arc<Vec<u64>> {
        let mut whole = self.whole.lock().unwrap_or_else(|e| e.into_inner());
        match &*whole {
            Some((d, counts)) if *d == deleted => counts.clone(),
            _ => {
                let counts = Arc::new(count());
                *whole = Some((deleted, counts.clone()));
                counts
            }
        }
    }
}

/// A segment's values by document, by segment and field.
static VALUES_OF_SEGMENTS: LazyLock<Mutex<Kept<PathsKey, Arc<SegmentValues>>>> =
    LazyLock::new(|| Mutex::new(Kept::new(VALUES_BUDGET, |_, v| v.bytes())));

/// Bytes of values by document kept: about 10 MB a field a million articles.
const VALUES_BUDGET: usize = 256 << 20;

/// The values of `field` in the segment `segment` by document (kept for next time).
fn segment_values(
    segment: &str,
    field: &'static str,
    facets: &FacetReader,
    max_doc: DocId,
) -> Arc<SegmentValues> {
    Kept::get_or_make(&VALUES_OF_SEGMENTS, (segment.to_owned(), field), || {
        Arc::new(SegmentValues::of(facets, max_doc))
    })
}

impl Collector for TreeCounter {
    type Fruit = Vec<(FacetPath, u64)>;
    type Child = TreeSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TreeSegment> {
        let facets = reader.facet_reader(self.field)?;
        // A segment never changes (but for deletions): its tables and values
        // serve every later search.
        let segment = reader.segment_id().uuid_string();
        let values = segment_values(&segment, self.field, &facets, reader.max_doc());
        let key = (segment.clone(), self.field, self.root.clone(), self.depth);
        let tables = Kept::try_get_or_make(&TABLES, key, || {
            let paths = segment_paths(&segment, self.field, &facets)?;
            Ok::<_, tantivy::TantivyError>(Arc::new(Tables::of(
                self.field, &paths.0, &self.root, self.depth,
            )))
        })?;
        Ok(TreeSegment {
            values,
            tables,
            alive: reader.alive_bitset().cloned(),
            matched: vec![0; (reader.max_doc() as usize).div_ceil(64)],
            n_matched: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, u64)>>) -> tantivy::Result<Self::Fruit> {
        let mut total: HashMap<u32, u64> = HashMap::new();
        for (id, n) in fruits.into_iter().flatten() {
            *total.entry(id).or_default() += n;
        }
        Ok(paths_of(self.field, total))
    }
}

impl SegmentCollector for TreeSegment {
    type Fruit = Vec<(u32, u64)>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(word) = self.matched.get_mut(doc as usize / 64) {
            *word |= 1 << (doc % 64);
            self.n_matched += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        let max_doc = self.values.starts.len().saturating_sub(1) as DocId;
        let alive = |doc: DocId| self.alive.as_ref().is_none_or(|a| a.is_alive(doc));
        let deleted = max_doc
            - self
                .alive
                .as_ref()
                .map_or(max_doc, |a| a.num_alive_docs() as u32);
        let n = self.tables.global.len();
        let fresh = |counts: Vec<u64>| Counting {
            values: &self.values,
            tables: &self.tables,
            counts,
            last: vec![DocId::MAX; n],
        };
        let counts = if self.n_matched > (max_doc - deleted) / 2 {
            // Most articles match: the whole segment less those that do not.
            let whole = self.tables.whole(deleted, || {
                let mut all = fresh(vec![0; n]);
                (0..max_doc)
                    .filter(|&d| alive(d))
                    .for_each(|d| all.count(d, true));
                all.counts
            });
            let mut less = fresh(whole.to_vec());
            for (w, &bits) in self.matched.iter().enumerate() {
                let mut b = !bits;
                while b != 0 {
                    let doc = w as DocId * 64 + b.trailing_zeros();
                    b &= b - 1;
                    if doc < max_doc && alive(doc) {
                        less.count(doc, false);
                    }
                }
            }
            less.counts
        } else {
            let mut some = fresh(vec![0; n]);
            for (w, &bits) in self.matched.iter().enumerate() {
                let mut b = bits;
                while b != 0 {
                    some.count(w as DocId * 64 + b.trailing_zeros(), true);
                    b &= b - 1;
                }
            }
            some.counts
        };
        self.tables
            .global
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(&id, n)| (id, n))
            .collect()
    }
}

/// The counts collected, with officials' spellings merged into one person.
pub(super) fn extract<'a>(
    handles: Handles,
    fruit: &mut MultiFruit,
    renames: &mut dyn FnMut() -> Result<&'a Renames>,
    timeline: &mut Option<super::Timeline>,
) -> Result<FacetCountsByField> {
    let mut out = FacetCountsByField::new();
    for handle in handles {
        let (field, counts): (FacetField, Vec<(FacetPath, u64)>) = match handle {
            Handle::Children(field, path, handle) => {
                let counts = handle.extract(fruit);
                let values = counts
                    .get(schema::facet(&path))
                    .map(|(facet, n)| (schema::facet_path(facet), n))
                    .collect();
                (field, values)
            }
            Handle::Tree(field, handle) => (field, handle.extract(fruit)),
            Handle::Timeline(handle) => {
                *timeline = Some(super::timeline::of_counts(handle.extract(fruit)));
                continue;
            }
        };
        let entry = out.entry(field.name()).or_default();
        for (mut value, n) in counts {
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
    // No level below the field's last: a person or a pledge type has no children.
    let depth = depth.min(field.levels().saturating_sub(root.steps().len()));
    if depth == 0 {
        return Ok(Vec::new());
    }
    let whole = SearchRequest {
        facet_counts: Vec::new(),
        facet_trees: vec![(field, root.clone(), depth)],
        limit: 0,
        all: true,
        ..req.clone()
    };
    let counts = search(store, &whole)?
        .facets
        .remove(field.name())
        .unwrap_or_default();
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

/// The counts below `parent` as a tree, most articles first: what a search's
/// `facet_trees` counted, shaped as [`facet_tree`] gives it.
pub fn children_of(parent: &FacetPath, counts: &BTreeMap<FacetPath, u64>) -> Vec<FacetCount> {
    // Each path under its parent, in one pass: the tree is then built in time
    // linear in the paths (thousands of officials at 1M articles).
    let mut by_parent: HashMap<FacetPath, Vec<(&FacetPath, u64)>> = HashMap::new();
    for (path, &count) in counts {
        if let Some(up) = path.parent() {
            by_parent.entry(up).or_default().push((path, count));
        }
    }
    tree_below(parent, &by_parent)
}

fn tree_below(
    parent: &FacetPath,
    by_parent: &HashMap<FacetPath, Vec<(&FacetPath, u64)>>,
) -> Vec<FacetCount> {
    let mut children: Vec<FacetCount> = by_parent
        .get(parent)
        .map(|kids| {
            kids.iter()
                .map(|&(path, count)| FacetCount {
                    path: path.clone(),
                    count,
                    children: tree_below(path, by_parent),
                })
                .collect()
        })
        .unwrap_or_default();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_of_a_subtree_come_from_the_decoded_values() {
        let paths: Vec<FacetPath> = [
            "/Jawa Barat/Kota Bogor",
            "/Jawa Barat",
            "/Bali/Kabupaten Badung/Kuta",
        ]
        .iter()
        .map(|p| FacetPath::parse(p).expect("a path"))
        .collect();
        let root = FacetPath::parse("/Jawa Barat").expect("a path");
        let t = Tables::of("test-tables", &paths, &root, 1);
        // Ordinal 0 lies under one node below the root (Kota Bogor), ordinal 1
        // is the root itself (no node below it), ordinal 2 is elsewhere.
        assert_eq!(t.starts, [0, 1, 1, 1]);
        assert_eq!(t.above.len(), 1);
        assert_eq!(t.global.len(), 1);
        assert_eq!(t.bytes(), 4 * (4 + 1 + 1));
    }

    #[test]
    fn a_tree_counts_as_by_hand_whether_few_or_most_match_before_and_after_deletions() {
        use std::ops::Bound;
        use tantivy::query::RangeQuery;
        use tantivy::schema::{FacetOptions, Schema, FAST, INDEXED};
        use tantivy::{doc, Index, Term};

        let mut b = Schema::builder();
        let field = b.add_facet_field("test-tree-count", FacetOptions::default());
        let n = b.add_u64_field("n", INDEXED | FAST);
        let index = Index::create_in_ram(b.build());
        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let places = ["/A/X/p", "/A/Y", "/B/Z/q", "/B", "/A/X/r"];
        let values = |i: u64| -> Vec<&str> {
            let mut v = vec![places[(i % 5) as usize]];
            if i.is_multiple_of(3) {
                v.push(places[((i * 7) % 5) as usize]);
            }
            v
        };
        for i in 0..300u64 {
            let mut d = doc!(n => i);
            for v in values(i) {
                d.add_facet(field, Facet::from(v));
            }
            writer.add_document(d).expect("add");
        }
        writer.commit().expect("commit");
        let counter = || TreeCounter {
            field: "test-tree-count",
            root: FacetPath::root(),
            depth: 2,
        };
        let by_hand = |matches: &dyn Fn(u64) -> bool, deleted: &dyn Fn(u64) -> bool| {
            let mut counts: BTreeMap<FacetPath, u64> = BTreeMap::new();
            for i in (0..300u64).filter(|&i| matches(i) && !deleted(i)) {
                let mut nodes: Vec<FacetPath> = Vec::new();
                for v in values(i) {
                    let steps: Vec<&str> = v.split('/').skip(1).collect();
                    for len in 1..=steps.len().min(2) {
                        nodes.push(FacetPath::new(steps[..len].iter().copied()));
                    }
                }
                nodes.sort();
                nodes.dedup();
                for node in nodes {
                    *counts.entry(node).or_default() += 1;
                }
            }
            counts.into_iter().collect::<Vec<_>>()
        };
        let below = |k: u64| {
            RangeQuery::new(
                Bound::Unbounded,
                Bound::Excluded(Term::from_field_u64(n, k)),
            )
        };
        for (deleted, label) in [
            (&(|_: u64| false) as &dyn Fn(u64) -> bool, "before"),
            (&(|i: u64| i % 10 == 3), "after"),
        ] {
            if label == "after" {
                for i in (0..300u64).filter(|&i| deleted(i)) {
                    writer.delete_term(Term::from_field_u64(n, i));
                }
                writer.commit().expect("commit");
            }
            let searcher = index.reader().expect("reader").searcher();
            // A few match (counted one by one); most match (the whole less the rest).
            for k in [40u64, 280] {
                for _ in 0..2 {
                    let got = searcher.search(&below(k), &counter()).expect("search");
                    assert_eq!(
                        got,
                        by_hand(&|i| i < k, deleted),
                        "{label} deletions, n < {k}"
                    );
                }
            }
        }
    }
}
