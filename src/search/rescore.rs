//! Second looks at the best candidates of a search: the proximity bonus (a second
//! query whose score is added to theirs), which of a query's parts each
//! candidate holds ([`crate::search::relax`]), and the topic prior (how much each
//! is about elections, [`crate::topic`]). Each asks about a few documents only,
//! without running a query over the index.

use tantivy::query::{EnableScoring, Query, Scorer};
use tantivy::{DocAddress, DocSet, Searcher, SeekDangerResult};

use crate::schema;
use crate::topic;

/// Adds the score of each bonus to each candidate it matches and sorts them again
/// (best first; ties by address, as tantivy orders them).
pub(super) fn add_bonuses(
    searcher: &Searcher,
    bonuses: &[&dyn Query],
    top: &mut [(f32, DocAddress)],
) -> tantivy::Result<()> {
    if bonuses.is_empty() {
        return Ok(());
    }
    let addresses: Vec<DocAddress> = top.iter().map(|&(_, a)| a).collect();
    for bonus in bonuses {
        for (candidate, score) in top.iter_mut().zip(scores(searcher, *bonus, &addresses)?) {
            candidate.0 += score.unwrap_or(0.0);
        }
    }
    sort(top);
    Ok(())
}

/// Multiplies each candidate's score by its topic prior ([`topic::prior`]) and
/// sorts them again.
pub(super) fn weigh_by_topic(searcher: &Searcher, top: &mut [(f32, DocAddress)]) {
    let addresses: Vec<DocAddress> = top.iter().map(|&(_, a)| a).collect();
    for (candidate, level) in top.iter_mut().zip(topic_levels(searcher, &addresses)) {
        candidate.0 *= topic::prior(level);
    }
    sort(top);
}

/// The topic level of each of `addresses`, in order (0 where the index has none).
pub(super) fn topic_levels(searcher: &Searcher, addresses: &[DocAddress]) -> Vec<u8> {
    let columns: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|reader| reader.fast_fields().u64(schema::name::TOPIC).ok())
        .collect();
    addresses
        .iter()
        .map(|a| {
            let level = columns
                .get(a.segment_ord as usize)
                .and_then(Option::as_ref)
                .and_then(|column| column.first(a.doc_id))
                .unwrap_or(0);
            u8::try_from(level).unwrap_or(u8::MAX)
        })
        .collect()
}

/// Best first; ties by address, as tantivy orders them.
pub(super) fn sort(top: &mut [(f32, DocAddress)]) {
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
}

/// The score `query` gives each of `addresses`, or `None` where it does not
/// match, in the order given.
pub(super) fn scores(
    searcher: &Searcher,
    query: &dyn Query,
    addresses: &[DocAddress],
) -> tantivy::Result<Vec<Option<f32>>> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut out = vec![None; addresses.len()];
    let mut order: Vec<usize> = (0..addresses.len()).collect();
    order.sort_by_key(|&i| addresses[i]);
    // Per segment: its scorer, and the lower bound a missed seek_danger returned:
    // the scorer may be left between documents, and then only seek_danger may be
    // called on it, with targets at or past that bound (below it, nothing matches).
    let mut scorer: Option<(u32, Box<dyn Scorer>, Option<u32>)> = None;
    for i in order {
        let DocAddress {
            segment_ord,
            doc_id,
        } = addresses[i];
        if scorer
            .as_ref()
            .is_none_or(|(ord, _, _)| *ord != segment_ord)
        {
            let reader = searcher.segment_reader(segment_ord);
            scorer = Some((segment_ord, weight.scorer(reader, 1.0)?, None));
        }
        let (_, s, missed) = scorer.as_mut().expect("a scorer for this segment");
        // seek_danger checks the candidate alone; seek would verify the phrase in
        // every document on the way (most of a multi-word search's time).
        let found = match *missed {
            Some(bound) if doc_id < bound => false,
            None if s.doc() >= doc_id => s.doc() == doc_id,
            _ => match s.seek_danger(doc_id) {
                SeekDangerResult::Found => {
                    *missed = None;
                    true
                }
                SeekDangerResult::SeekLowerBound(bound) => {
                    *missed = Some(bound);
                    false
                }
            },
        };
        if found {
            out[i] = Some(s.score());
        }
    }
    Ok(out)
}
