//! The proximity bonus, applied to the best candidates only: a second query whose
//! score is added to theirs, then the candidates are sorted again.

use tantivy::query::{EnableScoring, Query, Scorer};
use tantivy::{DocAddress, DocSet, Searcher, SeekDangerResult};

/// Adds the score of `bonus` to each candidate it matches and sorts them again
/// (best first; ties by address, as tantivy orders them).
pub(super) fn add_bonus(
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
