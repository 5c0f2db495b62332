//! Copies of one story among a search's best matches, found by comparing their
//! sketches ([`crate::sketch`], read from a fast field), and the ranked list
//! shown one story at a time.
//!
//! A search fetches a few times the hits it shows; those that are copies of a
//! better-ranked one fold into it as its similar articles. A copy's copies are
//! copies too (a rewritten and a shortened copy of one wire story may share
//! less with each other than with the wire).

use std::collections::HashMap;

use tantivy::{DocAddress, Searcher};

use crate::schema;
use crate::sketch;

/// The sketches of `addresses`, in order (empty where there is none).
fn sketches(searcher: &Searcher, addresses: &[DocAddress]) -> Vec<Vec<u64>> {
    let columns: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|reader| reader.fast_fields().u64(schema::name::SKETCH).ok())
        .collect();
    addresses
        .iter()
        .map(|a| {
            let Some(Some(column)) = columns.get(a.segment_ord as usize) else {
                return Vec::new();
            };
            let mut hashes: Vec<u64> = column.values_for_doc(a.doc_id).collect();
            hashes.sort_unstable();
            hashes
        })
        .collect()
}

/// The most copies of one article listed.
pub const MAX_COPIES: usize = 50;

/// Rounds of "a copy of a copy" followed from one article.
const COPY_ROUNDS: usize = 3;

/// Every other live article in the index that is a copy of the one at
/// `address`, or a copy of such a copy (as a search folds them), nearest first,
/// [`MAX_COPIES`] at most. One pass over the sketch column for each round: linear
/// in the index, for one article page.
pub(super) fn copies_of(searcher: &Searcher, address: DocAddress) -> Vec<DocAddress> {
    let Some(own) = sketches(searcher, &[address]).pop() else {
        return Vec::new();
    };
    if own.len() < sketch::MIN_SKETCH {
        return Vec::new();
    }
    let mut found: Vec<DocAddress> = vec![address];
    let mut frontier: Vec<Vec<u64>> = vec![own];
    for _ in 0..COPY_ROUNDS {
        let mut round: Vec<(usize, DocAddress, Vec<u64>)> = Vec::new();
        scan(searcher, |here, theirs| {
            // (Each document comes once a round; the lists stay within MAX_COPIES.)
            if round.len() > MAX_COPIES || found.contains(&here) {
                return;
            }
            let best = frontier
                .iter()
                .filter(|f| sketch::are_copies(f, theirs))
                .map(|f| sketch::shared(f, theirs))
                .max();
            if let Some(shared) = best {
                round.push((shared, here, theirs.to_vec()));
            }
        });
        if round.is_empty() {
            break;
        }
        round.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        found.extend(round.iter().map(|r| r.1));
        frontier = round.into_iter().map(|r| r.2).collect();
        if found.len() > MAX_COPIES {
            break;
        }
    }
    found.into_iter().skip(1).take(MAX_COPIES).collect()
}

/// Calls `each` with every live document's address and sorted sketch.
fn scan(searcher: &Searcher, mut each: impl FnMut(DocAddress, &[u64])) {
    let mut theirs: Vec<u64> = Vec::with_capacity(sketch::SKETCH_HASHES);
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let Ok(column) = reader.fast_fields().u64(schema::name::SKETCH) else {
            continue;
        };
        for doc in reader.doc_ids_alive() {
            theirs.clear();
            theirs.extend(column.values_for_doc(doc));
            if theirs.len() < sketch::MIN_SKETCH {
                continue;
            }
            theirs.sort_unstable();
            each(DocAddress::new(ord as u32, doc), &theirs);
        }
    }
}

/// The story each of a ranked list's sketches belongs to: the index of the
/// best-ranked one it is a copy of (its own when none), a copy of a copy belonging
/// to the story of the copy. The candidates that share each hash are kept, so the
/// sketches a candidate shares hashes with are counted at once instead of compared
/// with every better-ranked one: time grows with the list, not its square (a deep
/// page asks for thousands).
fn stories(sketches: &[Vec<u64>]) -> Vec<usize> {
    let mut story: Vec<usize> = (0..sketches.len()).collect();
    let mut holders: HashMap<u64, Vec<usize>, fnv::FnvBuildHasher> = HashMap::default();
    let mut shared: HashMap<usize, usize, fnv::FnvBuildHasher> = HashMap::default();
    for (i, own) in sketches.iter().enumerate() {
        if own.len() < sketch::MIN_SKETCH {
            continue;
        }
        shared.clear();
        for h in own {
            for &j in holders.get(h).map_or(&[][..], Vec::as_slice) {
                *shared.entry(j).or_default() += 1;
            }
        }
        // The best-ranked copy (holders hold only sketches long enough).
        let copy_of = shared
            .iter()
            .filter(|&(_, &n)| n >= sketch::COPY_SHARED)
            .map(|(&j, _)| j)
            .min();
        if let Some(j) = copy_of {
            story[i] = story[j];
        }
        for &h in own {
            holders.entry(h).or_default().push(i);
        }
    }
    story
}

/// The ranked list one story at a time, `limit` stories at most: each kept
/// article with the copies of it that rank below it, in rank order.
pub(super) fn one_per_story<T: Copy>(
    searcher: &Searcher,
    ranked: Vec<(T, DocAddress)>,
    limit: usize,
) -> Vec<(T, DocAddress, Vec<DocAddress>)> {
    let addresses: Vec<DocAddress> = ranked.iter().map(|&(_, a)| a).collect();
    let story = stories(&sketches(searcher, &addresses));
    let mut shown: Vec<(T, DocAddress, Vec<DocAddress>)> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; ranked.len()];
    for (i, &(score, address)) in ranked.iter().enumerate() {
        if story[i] == i {
            if shown.len() == limit {
                continue;
            }
            slot[i] = Some(shown.len());
            shown.push((score, address, Vec::new()));
        } else if let Some(k) = slot[story[i]] {
            shown[k].2.push(address);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The story of each sketch by comparing it with every better-ranked one.
    fn stories_pairwise(sketches: &[Vec<u64>]) -> Vec<usize> {
        let mut story: Vec<usize> = (0..sketches.len()).collect();
        for i in 0..sketches.len() {
            if let Some(j) = (0..i).find(|&j| sketch::are_copies(&sketches[i], &sketches[j])) {
                story[i] = story[j];
            }
        }
        story
    }

    #[test]
    fn stories_are_those_of_comparing_every_pair() {
        // Sketches drawn from a small pool of hashes, so that many pairs share
        // some, some share enough, and some sketches are too short to count.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for round in 0..50 {
            let sketches: Vec<Vec<u64>> = (0..200)
                .map(|_| {
                    let len = if next(10) == 0 {
                        5
                    } else {
                        sketch::SKETCH_HASHES
                    };
                    let base = next(40) * 10;
                    let mut s: Vec<u64> = (0..len as u64).map(|_| base + next(24)).collect();
                    s.sort_unstable();
                    s.dedup();
                    s
                })
                .collect();
            let got = stories(&sketches);
            assert_eq!(got, stories_pairwise(&sketches), "round {round}");
            assert!(
                got.iter().enumerate().any(|(i, &s)| s != i),
                "round {round}: no copies"
            );
        }
    }
}
