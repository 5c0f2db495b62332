//! [`Union`]: any of several queries (or at least `k` of them), scored as their
//! sum (a word in the title and in the body; the parts a partial match holds) or
//! as the best of them and a share of the others (a place, an acronym or a name
//! and its alternatives: a disjunction-max).
//!
//! Two ways to the same matches and scores: [`window`] through every match (the
//! union alone: `for_each` and friends), and [`SeekingUnion`] when an
//! intersection seeks through it (the union with other words or a filter), where
//! a windowed union would refill a window of 4,096 documents at each seek and a
//! phrase alternative would be checked in every document of the window.
//! tantivy's own disjunction-max and "at least k" weights keep a heap of their
//! parts and pop and push each part at each match: at 1M articles that heap was
//! the largest single cost of the served pages. tantivy's weights still explain
//! a score.

use tantivy::query::{
    BooleanQuery, DisjunctionMaxQuery, EmptyScorer, EnableScoring, Explanation, Occur, Query,
    Scorer, Weight,
};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// How a union's matching parts make its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Combine {
    /// The sum of the parts' scores (tantivy's boolean `Should`).
    Sum,
    /// The best part's score and this share of the others' (tantivy's
    /// disjunction-max with a tie breaker).
    Max { tie: Score },
}

/// Any of `parts` (at least `at_least` of them), scored by `combine`.
#[derive(Debug)]
pub struct Union {
    parts: Vec<Box<dyn Query>>,
    combine: Combine,
    at_least: usize,
}

impl Union {
    pub fn new(parts: Vec<Box<dyn Query>>, combine: Combine) -> Union {
        Union {
            parts,
            combine,
            at_least: 1,
        }
    }

    /// The documents that match at least `k` of `parts` (at least one), scored as
    /// the sum of the parts they match.
    pub fn at_least(parts: Vec<Box<dyn Query>>, k: usize) -> Union {
        Union {
            parts,
            combine: Combine::Sum,
            at_least: k.max(1),
        }
    }

    /// The same search as tantivy's own query.
    fn tantivy(&self) -> Box<dyn Query> {
        let parts = self.parts.iter().map(|p| p.box_clone());
        match self.combine {
            Combine::Sum => Box::new(BooleanQuery::with_minimum_required_clauses(
                parts.map(|p| (Occur::Should, p)).collect(),
                self.at_least,
            )),
            Combine::Max { tie } => {
                Box::new(DisjunctionMaxQuery::with_tie_breaker(parts.collect(), tie))
            }
        }
    }
}

impl Clone for Union {
    fn clone(&self) -> Self {
        Union {
            parts: self.parts.iter().map(|p| p.box_clone()).collect(),
            combine: self.combine,
            at_least: self.at_least,
        }
    }
}

impl Query for Union {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(UnionWeight {
            whole: self.tantivy().weight(scoring)?,
            parts: self
                .parts
                .iter()
                .map(|p| p.weight(scoring))
                .collect::<tantivy::Result<_>>()?,
            combine: self.combine,
            at_least: self.at_least,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for part in &self.parts {
            part.query_terms(visitor);
        }
    }
}

struct UnionWeight {
    /// tantivy's weight of the same union, to explain a score.
    whole: Box<dyn Weight>,
    parts: Vec<Box<dyn Weight>>,
    combine: Combine,
    at_least: usize,
}

impl UnionWeight {
    /// The parts' scorers, the rarest first.
    fn scorers(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Vec<Box<dyn Scorer>>> {
        let mut parts = self
            .parts
            .iter()
            .map(|w| w.scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        parts.sort_by_key(|p| p.cost());
        Ok(parts)
    }

    /// Every match in order, with its score, through windows.
    fn scan(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        let mut parts = self.scorers(reader, 1.0)?;
        window::scan(&mut parts, self.at_least, self.combine, callback);
        Ok(())
    }
}

impl Weight for UnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let parts = self.scorers(reader, boost)?;
        if self.at_least > parts.len() {
            return Ok(Box::new(EmptyScorer));
        }
        let at_least = self.at_least.max(1);
        Ok(Box::new(SeekingUnion::new(parts, at_least, self.combine)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.whole.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        let alive = reader.alive_bitset();
        let mut n = 0;
        self.scan(reader, &mut |doc, _| {
            n += u32::from(alive.is_none_or(|a| a.is_alive(doc)));
        })?;
        Ok(n)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.scan(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        let mut buffer = Vec::with_capacity(window::WIDTH);
        self.scan(reader, &mut |doc, _| {
            buffer.push(doc);
            if buffer.len() == window::WIDTH {
                callback(&buffer);
                buffer.clear();
            }
        })?;
        if !buffer.is_empty() {
            callback(&buffer);
        }
        Ok(())
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut threshold = threshold;
        self.scan(reader, &mut |doc, score| {
            if score > threshold {
                threshold = callback(doc, score);
            }
        })
    }
}

/// The union of a few scorers that seeks each one alone.
struct SeekingUnion {
    /// The rarest first: the first `leads` find the candidates (a document that
    /// holds `at_least` parts holds one of them), the others are sought.
    parts: Vec<Box<dyn Scorer>>,
    /// Each part's document, kept here: asking a part costs a virtual call, and
    /// each match asks every part several times.
    docs: Vec<DocId>,
    leads: usize,
    doc: DocId,
    combine: Combine,
    at_least: usize,
}

impl SeekingUnion {
    fn new(parts: Vec<Box<dyn Scorer>>, at_least: usize, combine: Combine) -> SeekingUnion {
        let mut union = SeekingUnion {
            docs: parts.iter().map(|p| p.doc()).collect(),
            leads: parts.len() + 1 - at_least,
            parts,
            doc: 0,
            combine,
            at_least,
        };
        union.doc = union.settle();
        union
    }

    /// The first document from the parts' positions on that at least
    /// `at_least` of them match.
    fn settle(&mut self) -> DocId {
        let (leads, n) = (self.leads, self.parts.len());
        loop {
            let next = self.docs[..leads]
                .iter()
                .copied()
                .min()
                .unwrap_or(TERMINATED);
            if next == TERMINATED || leads == n {
                return next;
            }
            let mut here = self.docs[..leads].iter().filter(|&&d| d == next).count();
            for j in leads..n {
                if self.docs[j] < next {
                    self.docs[j] = self.parts[j].seek(next);
                }
                here += usize::from(self.docs[j] == next);
            }
            if here >= self.at_least {
                return next;
            }
            for j in 0..leads {
                if self.docs[j] == next {
                    self.docs[j] = self.parts[j].advance();
                }
            }
        }
    }
}

impl DocSet for SeekingUnion {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        if doc == TERMINATED {
            return TERMINATED;
        }
        for j in 0..self.leads {
            if self.docs[j] == doc {
                self.docs[j] = self.parts[j].advance();
            }
        }
        self.doc = self.settle();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        for j in 0..self.leads {
            if self.docs[j] < target {
                self.docs[j] = self.parts[j].seek(target);
            }
        }
        self.doc = self.settle();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    /// At most the candidates the leading parts find.
    fn size_hint(&self) -> u32 {
        self.parts[..self.leads]
            .iter()
            .map(|p| p.size_hint())
            .fold(0, u32::saturating_add)
    }
}

impl Scorer for SeekingUnion {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let (mut sum, mut max) = (0.0, 0.0_f32);
        for (p, &d) in self.parts.iter_mut().zip(&self.docs) {
            if d == doc {
                let s = p.score();
                sum += s;
                max = max.max(s);
            }
        }
        self.combine.of(sum, max)
    }
}

impl Combine {
    /// The score of a match whose parts' scores add up to `sum`, the best `max`.
    fn of(self, sum: Score, max: Score) -> Score {
        match self {
            Combine::Sum => sum,
            Combine::Max { tie } => max + (sum - max) * tie,
        }
    }
}

/// Through every match of a union, a window of documents at a time: each part
/// writes its matches in the window (how many parts match a document, the sum
/// and the best of their scores), then the window's matches go out in order. A
/// part is read straight through, with no heap between the parts.
///
/// A document that holds `k` of `n` parts holds one of the `n - k + 1` rarest
/// (else it would hold at most `k - 1`): those lead, and the `k - 1` commonest
/// are only sought for the documents the leaders found, as Lucene's
/// minimum-should-match scorer does. A partial match of eight words, three of
/// them in nearly every article, then reads the rare words' lists, not the index.
mod window {
    use super::Combine;
    use tantivy::query::Scorer;
    use tantivy::{DocId, DocSet, Score, TERMINATED};

    /// Documents a window spans.
    pub(super) const WIDTH: usize = 4096;
    const WORDS: usize = WIDTH / 64;

    /// Every match of `parts` (the rarest first) in order.
    // One piece: the hot loop over windows of documents (lead parts marked in a
    // bitset, followers advanced into it), kept whole so its state stays local.
    pub(super) fn scan(
        parts: &mut [Box<dyn Scorer>],
        at_least: usize,
        combine: Combine,
        callback: &mut dyn FnMut(DocId, Score),
    ) {
        if at_least > parts.len() {
            return;
        }
        let at_least = at_least.max(1);
        let (leads, followers) = parts.split_at_mut(parts.len() + 1 - at_least);
        let mut held = vec![0u32; WIDTH];
        let mut sum = vec![0.0 as Score; WIDTH];
        let mut max = vec![0.0 as Score; WIDTH];
        let mut touched = [0u64; WORDS];
        let at_least = at_least as u32;
        loop {
            let start = leads.iter().map(|p| p.doc()).min().unwrap_or(TERMINATED);
            if start == TERMINATED {
                return;
            }
            let end = start.saturating_add(WIDTH as DocId);
            for p in leads.iter_mut() {
                let mut doc = p.doc();
                while doc < end {
                    let i = (doc - start) as usize;
                    let s = p.score();
                    touched[i / 64] |= 1 << (i % 64);
                    held[i] += 1;
                    sum[i] += s;
                    max[i] = max[i].max(s);
                    doc = p.advance();
                }
            }
            for (w, bits) in touched.iter_mut().enumerate() {
                let mut b = std::mem::take(bits);
                while b != 0 {
                    let i = w * 64 + b.trailing_zeros() as usize;
                    b &= b - 1;
                    let doc = start + i as DocId;
                    let (mut n, mut total, mut best) = (held[i], sum[i], max[i]);
                    held[i] = 0;
                    sum[i] = 0.0;
                    max[i] = 0.0;
                    let count = followers.len();
                    for (j, f) in followers.iter_mut().enumerate() {
                        // Too few parts left to reach `at_least`.
                        if n + ((count - j) as u32) < at_least {
                            break;
                        }
                        if f.doc() < doc {
                            f.seek(doc);
                        }
                        if f.doc() == doc {
                            let s = f.score();
                            n += 1;
                            total += s;
                            best = best.max(s);
                        }
                    }
                    if n >= at_least {
                        callback(doc, combine.of(total, best));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BoostQuery, PhraseQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, DocAddress, Index};

    #[test]
    fn seeking_and_scanning_give_the_same_matches_and_scores() {
        let mut b = Schema::builder();
        let title = b.add_text_field("title", TEXT);
        let body = b.add_text_field("body", TEXT);
        let region = b.add_text_field("region", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let texts = [
            ("asn netral", "aparatur sipil negara netral", "jabar"),
            ("pilkada", "asn dan aparatur sipil negara", "ntb"),
            ("ikrar", "pegawai netral", "jabar"),
            ("ikrar asn", "netral ikrar", "ntb"),
            ("lain", "tidak ada", "jabar"),
        ];
        for (i, (t, d, r)) in texts.iter().enumerate() {
            writer
                .add_document(doc!(title => *t, body => *d, region => *r))
                .expect("add");
            if i % 2 == 1 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let term = |f, w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(f, w),
                IndexRecordOption::WithFreqs,
            ))
        };
        let phrase = Box::new(PhraseQuery::new(
            ["aparatur", "sipil", "negara"]
                .iter()
                .map(|w| Term::from_field_text(body, w))
                .collect(),
        ));
        let fields = Union::new(
            vec![
                Box::new(BoostQuery::new(term(title, "asn"), 2.0)),
                term(body, "asn"),
            ],
            Combine::Sum,
        );
        let unit = Union::new(
            vec![
                Box::new(fields),
                phrase,
                Box::new(BoostQuery::new(term(region, "jabar"), 3.0)),
            ],
            Combine::Max { tie: 0.2 },
        );
        // Alone: tantivy's weight through every match.
        let alone = searcher
            .search(&unit, &TopDocs::with_limit(10).order_by_score())
            .expect("search");
        assert_eq!(unit.count(&searcher).expect("count"), 5);
        // Sought through by an intersection with a word every document has not:
        // the seeking union, with the same scores.
        let with = BooleanQuery::new(vec![
            (Occur::Must, Box::new(unit.clone()) as Box<dyn Query>),
            (Occur::Must, term(body, "netral")),
        ]);
        let sought = searcher
            .search(&with, &(TopDocs::with_limit(10).order_by_score(), Count))
            .expect("search");
        let score_of = |hits: &[(f32, DocAddress)], a: DocAddress| {
            hits.iter().find(|(_, x)| *x == a).map(|(s, _)| *s)
        };
        let netral = searcher
            .search(
                &*term(body, "netral"),
                &TopDocs::with_limit(10).order_by_score(),
            )
            .expect("search");
        for (s, a) in &sought.0 {
            let unit_alone = score_of(&alone, *a).expect("the union matches it alone");
            let word = score_of(&netral, *a).expect("the word matches it");
            assert!(
                (s - (unit_alone + word)).abs() < 1e-4,
                "{s} vs {unit_alone} + {word}"
            );
        }
        assert_eq!(sought.1, 3);
    }

    #[test]
    fn at_least_k_parts_scanned_or_sought_match_tantivys_minimum_should_match() {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let words = ["asn", "netral", "ikrar", "pilkada", "camat"];
        // Words from common (one document in two) to rare (one in six), mixed
        // over several windows of documents: the rare lead, the common are sought.
        for i in 0..10_000u32 {
            let mixed = i.wrapping_mul(2_654_435_761) >> 7;
            let text: Vec<&str> = (0..5)
                .filter(|&w| (mixed / (w as u32 + 1)).is_multiple_of(w as u32 + 2))
                .map(|w| words[w])
                .collect();
            writer
                .add_document(doc!(body => text.join(" ")))
                .expect("add");
            if i == 6_000 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let parts = || -> Vec<Box<dyn Query>> {
            words
                .iter()
                .map(|w| {
                    Box::new(TermQuery::new(
                        Term::from_field_text(body, w),
                        IndexRecordOption::WithFreqs,
                    )) as Box<dyn Query>
                })
                .collect()
        };
        let all = |q: &dyn Query| {
            let mut hits = searcher
                .search(q, &TopDocs::with_limit(20_000).order_by_score())
                .expect("search");
            hits.sort_by_key(|&(_, a)| a);
            hits
        };
        // Six of five parts: none.
        for k in 1..=6 {
            let ours = Union::at_least(parts(), k);
            let theirs = BooleanQuery::with_minimum_required_clauses(
                parts().into_iter().map(|p| (Occur::Should, p)).collect(),
                k,
            );
            let (a, b) = (all(&ours), all(&theirs));
            assert_eq!(a.len(), b.len(), "at least {k}: as many matches");
            assert_eq!(a.is_empty(), k > 5, "at least {k}: matches or none");
            for ((sa, da), (sb, db)) in a.iter().zip(&b) {
                assert_eq!(da, db);
                assert!((sa - sb).abs() < 1e-4, "at least {k}: {sa} vs {sb}");
            }
            assert_eq!(ours.count(&searcher).expect("count"), a.len());
            // Sought through by an intersection: the same matches.
            let with = BooleanQuery::new(vec![
                (Occur::Must, Box::new(ours.clone()) as Box<dyn Query>),
                (Occur::Must, parts().remove(0)),
            ]);
            let with_theirs = BooleanQuery::new(vec![
                (Occur::Must, Box::new(theirs) as Box<dyn Query>),
                (Occur::Must, parts().remove(0)),
            ]);
            let (a, b) = (all(&with), all(&with_theirs));
            assert_eq!(a.len(), b.len(), "at least {k} and asn");
            for ((sa, da), (sb, db)) in a.iter().zip(&b) {
                assert_eq!(da, db);
                assert!((sa - sb).abs() < 1e-4);
            }
        }
    }
}
