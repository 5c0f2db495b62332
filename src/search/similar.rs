//! Copies of one story: an article's near-duplicates in the index, found from its
//! sketch ([`crate::sketch`]) with a few term lookups, and a ranked list shown
//! one story at a time.
//!
//! Two articles are copies when their sketches share [`sketch::COPY_SHARED`]
//! hashes. A hash in more than [`MAX_COPIES`] articles is a run of words an
//! outlet prints under every story (a closing paragraph, a disclaimer), not a
//! story's: it is not counted. A copy's copies are copies too (a rewritten and a
//! shortened copy of one wire story may share less with each other than with the
//! wire).

use std::collections::{HashMap, HashSet};

use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Searcher, Term, TERMINATED};

use crate::schema;
use crate::sketch;

/// A hash shared by more articles is boilerplate, not a story.
const MAX_COPIES: u32 = 64;
/// Copies looked for around one article at most (its own, and theirs).
const MAX_STORY: usize = 64;

/// What the index knows of copies, for one search.
pub(super) struct Copies<'a> {
    searcher: &'a Searcher,
    field: Field,
}

impl<'a> Copies<'a> {
    pub(super) fn new(searcher: &'a Searcher) -> Copies<'a> {
        let field = searcher
            .schema()
            .get_field(schema::name::SKETCH)
            .expect("netra's schema has a sketch field");
        Copies { searcher, field }
    }

    /// An article's sketch, as indexed.
    fn sketch_of(&self, address: DocAddress) -> Vec<u64> {
        let reader = self.searcher.segment_reader(address.segment_ord);
        let Ok(column) = reader.fast_fields().u64(schema::name::SKETCH) else {
            return Vec::new();
        };
        let mut hashes: Vec<u64> = column.values_for_doc(address.doc_id).collect();
        hashes.sort_unstable();
        hashes
    }

    /// The articles whose sketches share enough hashes with `hashes`.
    fn sharing(&self, hashes: &[u64]) -> Vec<DocAddress> {
        if hashes.len() < sketch::MIN_SKETCH {
            return Vec::new();
        }
        let mut shared: HashMap<DocAddress, usize> = HashMap::new();
        for &hash in hashes {
            let term = Term::from_field_u64(self.field, hash);
            if self.searcher.doc_freq(&term).unwrap_or(0) > u64::from(MAX_COPIES) {
                continue;
            }
            for (ord, reader) in self.searcher.segment_readers().iter().enumerate() {
                let Ok(inverted) = reader.inverted_index(self.field) else {
                    continue;
                };
                let Ok(Some(mut postings)) =
                    inverted.read_postings(&term, IndexRecordOption::Basic)
                else {
                    continue;
                };
                let mut doc: DocId = postings.doc();
                while doc != TERMINATED {
                    if !reader.is_deleted(doc) {
                        *shared.entry(DocAddress::new(ord as u32, doc)).or_default() += 1;
                    }
                    doc = postings.advance();
                }
            }
        }
        let mut found: Vec<DocAddress> = shared
            .into_iter()
            .filter(|&(_, n)| n >= sketch::COPY_SHARED)
            .map(|(address, _)| address)
            .collect();
        found.sort();
        found
    }

    /// The other copies of `address`'s story in the index, and theirs.
    pub(super) fn of(&self, address: DocAddress) -> Vec<DocAddress> {
        let mut story: Vec<DocAddress> = self.sharing(&self.sketch_of(address));
        let mut seen: HashSet<DocAddress> = story.iter().copied().collect();
        seen.insert(address);
        let direct = story.clone();
        for copy in direct {
            if story.len() >= MAX_STORY {
                break;
            }
            for more in self.sharing(&self.sketch_of(copy)) {
                if seen.insert(more) {
                    story.push(more);
                }
            }
        }
        story.retain(|&a| a != address);
        story.truncate(MAX_STORY);
        story
    }
}

/// The ranked list one story at a time, `limit` stories at most: each kept
/// article with the copies of it that rank below it (and those that do not
/// match), in rank order.
pub(super) fn one_per_story<T: Copy>(
    copies: &Copies<'_>,
    ranked: Vec<(T, DocAddress)>,
    limit: usize,
) -> Vec<(T, DocAddress, Vec<DocAddress>)> {
    let mut shown: Vec<(T, DocAddress, Vec<DocAddress>)> = Vec::new();
    let mut covered: HashSet<DocAddress> = HashSet::new();
    for (score, address) in ranked {
        if shown.len() == limit {
            break;
        }
        if covered.contains(&address) {
            continue;
        }
        let story = copies.of(address);
        covered.extend(story.iter().copied());
        shown.push((score, address, story));
    }
    shown
}
