//! Copies of one story among a search's best matches, found by comparing their
//! sketches ([`crate::sketch`], read from a fast field), and the ranked list
//! shown one story at a time.
//!
//! A search fetches a few times the hits it shows; those that are copies of a
//! better-ranked one fold into it as its similar articles. A copy's copies are
//! copies too (a rewritten and a shortened copy of one wire story may share
//! less with each other than with the wire).

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

/// The ranked list one story at a time, `limit` stories at most: each kept
/// article with the copies of it that rank below it, in rank order.
pub(super) fn one_per_story<T: Copy>(
    searcher: &Searcher,
    ranked: Vec<(T, DocAddress)>,
    limit: usize,
) -> Vec<(T, DocAddress, Vec<DocAddress>)> {
    let addresses: Vec<DocAddress> = ranked.iter().map(|&(_, a)| a).collect();
    let sketches = sketches(searcher, &addresses);
    // The story each candidate belongs to: the index of the best-ranked copy.
    let mut story: Vec<usize> = (0..ranked.len()).collect();
    for i in 0..ranked.len() {
        // A copy of a copy belongs to the story the copy belongs to.
        if let Some(j) = (0..i).find(|&j| sketch::are_copies(&sketches[i], &sketches[j])) {
            story[i] = story[j];
        }
    }
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
