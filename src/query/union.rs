//! [`Union`]: any of several queries, scored as their sum (a word in the title and
//! in the body) or as the best of them and a share of the others (a place, an
//! acronym or a name and its alternatives: a disjunction-max).
//!
//! Two ways to the same matches and scores, as [`super::stem::StemQuery`] has
//! them: tantivy's own boolean or disjunction-max weight through every match (the
//! union alone: `for_each` and friends), and [`SeekingUnion`] when an
//! intersection seeks through it (the union with other words or a filter), where
//! tantivy's union refills a window of 4,096 documents at each seek and a phrase
//! alternative would be checked in every document of the window.

use tantivy::query::{
    BooleanQuery, DisjunctionMaxQuery, EnableScoring, Explanation, Occur, Query, Scorer, Weight,
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

/// Any of `parts`, scored by `combine`.
#[derive(Debug)]
pub struct Union {
    parts: Vec<Box<dyn Query>>,
    combine: Combine,
}

impl Union {
    pub fn new(parts: Vec<Box<dyn Query>>, combine: Combine) -> Union {
        Union { parts, combine }
    }

    /// The same search as tantivy's own query.
    fn tantivy(&self) -> Box<dyn Query> {
        let parts = self.parts.iter().map(|p| p.box_clone());
        match self.combine {
            Combine::Sum => Box::new(BooleanQuery::new(
                parts.map(|p| (Occur::Should, p)).collect(),
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
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for part in &self.parts {
            part.query_terms(visitor);
        }
    }
}

struct UnionWeight {
    /// tantivy's weight of the same union, for full scans.
    whole: Box<dyn Weight>,
    parts: Vec<Box<dyn Weight>>,
    combine: Combine,
}

impl Weight for UnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let parts = self
            .parts
            .iter()
            .map(|w| w.scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let doc = parts.iter().map(|p| p.doc()).min().unwrap_or(TERMINATED);
        Ok(Box::new(SeekingUnion {
            parts,
            doc,
            combine: self.combine,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.whole.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.whole.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.whole.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.whole.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.whole.for_each_pruning(threshold, reader, callback)
    }
}

/// The union of a few scorers that seeks each one alone.
struct SeekingUnion {
    parts: Vec<Box<dyn Scorer>>,
    doc: DocId,
    combine: Combine,
}

impl DocSet for SeekingUnion {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        if doc == TERMINATED {
            return TERMINATED;
        }
        let mut next = TERMINATED;
        for p in &mut self.parts {
            let mut d = p.doc();
            if d == doc {
                d = p.advance();
            }
            next = next.min(d);
        }
        self.doc = next;
        next
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let mut next = TERMINATED;
        for p in &mut self.parts {
            let mut d = p.doc();
            if d < target {
                d = p.seek(target);
            }
            next = next.min(d);
        }
        self.doc = next;
        next
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts.iter().map(|p| p.size_hint()).sum()
    }
}

impl Scorer for SeekingUnion {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let (mut sum, mut max) = (0.0, 0.0_f32);
        for p in &mut self.parts {
            if p.doc() == doc {
                let s = p.score();
                sum += s;
                max = max.max(s);
            }
        }
        match self.combine {
            Combine::Sum => sum,
            Combine::Max { tie } => max + (sum - max) * tie,
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
}
