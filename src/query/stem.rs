//! [`StemQuery`]: every form of a word, in the title and body, under one IDF.
//!
//! The index gives a word a marked stem token (`#deklarasi`) only when its stem is
//! not the word itself (see [`crate::analysis`]): most words are their own stem,
//! and a second token for each of them was a fifth of indexing time. So the words
//! of stem `s` are found under two terms: `#s` (the forms that differ) and the
//! exact word `s` (when `s` is its own stem). This query searches both, in each
//! field, with tantivy's own union and BM25, and gives the two terms of a field one
//! document frequency, the larger of theirs (as Lucene's `SynonymQuery` does): a
//! document is not ranked up or down for which form of the word it uses.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, BooleanQuery, BoostQuery, EnableScoring, Explanation,
    Occur, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Documents holding, in any of the fields, any of the terms; the terms of a field
/// share one document frequency.
#[derive(Clone, Debug)]
pub struct StemQuery {
    /// The fields and their boosts.
    fields: Vec<(Field, Score)>,
    /// Each field's terms, field by field (`terms[i]` for `fields[i / per_field]`).
    terms: Vec<Term>,
    per_field: usize,
}

impl StemQuery {
    /// `texts`: the index terms of one stem (at least one). `fields`: where to look,
    /// with each field's boost.
    pub fn new(fields: &[(Field, Score)], texts: &[String]) -> StemQuery {
        assert!(!texts.is_empty(), "a stem query needs a term");
        let terms = fields
            .iter()
            .flat_map(|&(field, _)| texts.iter().map(move |t| Term::from_field_text(field, t)))
            .collect();
        StemQuery {
            fields: fields.to_vec(),
            terms,
            per_field: texts.len(),
        }
    }

    /// The terms of the `i`th field.
    fn field_terms(&self, i: usize) -> &[Term] {
        &self.terms[i * self.per_field..(i + 1) * self.per_field]
    }

    /// The same search as tantivy clauses: a term query a term, boosted by field.
    fn clauses(&self) -> BooleanQuery {
        let clauses = self
            .terms
            .iter()
            .enumerate()
            .map(|(i, term)| {
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
                let boost = self.fields[i / self.per_field].1;
                let q: Box<dyn Query> = if boost == 1.0 {
                    q
                } else {
                    Box::new(BoostQuery::new(q, boost))
                };
                (Occur::Should, q)
            })
            .collect();
        BooleanQuery::new(clauses)
    }
}

impl Query for StemQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let clauses = self.clauses();
        let (union, weights) = match scoring {
            EnableScoring::Enabled {
                searcher,
                statistics_provider,
            } => {
                let shared = SharedDocFreq::new(statistics_provider, self)?;
                let union = clauses.weight(EnableScoring::Enabled {
                    searcher,
                    statistics_provider: &shared,
                })?;
                let weights = self
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(i, &(_, boost))| {
                        // What tantivy's term query computes, with the shared
                        // document frequency.
                        let term = &self.field_terms(i)[..1];
                        Ok(Bm25Weight::for_terms(&shared, term)?.boost_by(boost))
                    })
                    .collect::<tantivy::Result<Vec<_>>>()?;
                (union, weights)
            }
            disabled => (
                clauses.weight(disabled)?,
                vec![Bm25Weight::for_one_term(0, 1, 1.0); self.fields.len()],
            ),
        };
        Ok(Box::new(StemWeight {
            query: self.clone(),
            union,
            weights,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.terms {
            visitor(term, false);
        }
    }
}

/// Two ways to the same matches and scores: tantivy's union of term scorers, the
/// fastest through every match (a word alone: `for_each` and friends), and
/// [`StemScorer`], the fastest to seek (a word in an intersection: with other
/// words, a filter), where tantivy's union refills a window of 4,096 documents at
/// each seek.
struct StemWeight {
    query: StemQuery,
    union: Box<dyn Weight>,
    /// One a field: BM25 with the field's shared document frequency and boost.
    weights: Vec<Bm25Weight>,
}

impl Weight for StemWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut parts = Vec::new();
        for (i, &(field, _)) in self.query.fields.iter().enumerate() {
            let index = reader.inverted_index(field)?;
            let norms = reader.get_fieldnorms_reader(field)?;
            let weight = self.weights[i].boost_by(boost);
            for term in self.query.field_terms(i) {
                if let Some(postings) = index.read_postings(term, IndexRecordOption::WithFreqs)? {
                    parts.push(Part {
                        postings,
                        norms: norms.clone(),
                        weight: weight.clone(),
                    });
                }
            }
        }
        // Positioned on the first document of the union: "seeking" to doc 0.
        let mut scorer = StemScorer { parts, doc: 0 };
        scorer.seek(0);
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.union.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.union.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.union.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.union.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.union.for_each_pruning(threshold, reader, callback)
    }
}

/// One term's postings in one field.
struct Part {
    postings: SegmentPostings,
    norms: FieldNormReader,
    weight: Bm25Weight,
}

/// The union of a few postings lists (two terms in two fields at most), scored as
/// tantivy's union of their term scorers is: the sum of each term's BM25.
struct StemScorer {
    parts: Vec<Part>,
    doc: DocId,
}

impl DocSet for StemScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        if doc == TERMINATED {
            return TERMINATED;
        }
        let mut next = TERMINATED;
        for p in &mut self.parts {
            let mut d = p.postings.doc();
            if d == doc {
                d = p.postings.advance();
            }
            next = next.min(d);
        }
        self.doc = next;
        next
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let mut next = TERMINATED;
        for p in &mut self.parts {
            let mut d = p.postings.doc();
            if d < target {
                d = p.postings.seek(target);
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
        self.parts.iter().map(|p| p.postings.size_hint()).sum()
    }
}

impl Scorer for StemScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut score = 0.0;
        for p in &self.parts {
            if p.postings.doc() == doc {
                score += p
                    .weight
                    .score(p.norms.fieldnorm_id(doc), p.postings.term_freq());
            }
        }
        score
    }
}

/// Index statistics in which a stem's terms in one field have the larger of their
/// document frequencies.
struct SharedDocFreq<'a> {
    inner: &'a dyn Bm25StatisticsProvider,
    query: &'a StemQuery,
    /// Per field of the query: the larger document frequency of its terms, looked
    /// up once (every term's weight asks for it).
    doc_freqs: Vec<u64>,
}

impl<'a> SharedDocFreq<'a> {
    fn new(
        inner: &'a dyn Bm25StatisticsProvider,
        query: &'a StemQuery,
    ) -> tantivy::Result<SharedDocFreq<'a>> {
        let doc_freqs = (0..query.fields.len())
            .map(|f| {
                query
                    .field_terms(f)
                    .iter()
                    .try_fold(0, |max, t| Ok(inner.doc_freq(t)?.max(max)))
            })
            .collect::<tantivy::Result<Vec<u64>>>()?;
        Ok(SharedDocFreq {
            inner,
            query,
            doc_freqs,
        })
    }
}

impl Bm25StatisticsProvider for SharedDocFreq<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.inner.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.inner.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        match self.query.terms.iter().position(|t| t == term) {
            Some(i) => Ok(self.doc_freqs[i / self.query.per_field]),
            None => self.inner.doc_freq(term),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, TermQuery};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    /// An index of (title, body) pairs, two documents a segment, so that scoring
    /// across segments is exercised too.
    fn index(docs: &[(&str, &str)]) -> (Index, Field, Field) {
        index_in(docs, 2)
    }

    fn index_in(docs: &[(&str, &str)], per_segment: usize) -> (Index, Field, Field) {
        let mut b = Schema::builder();
        let title = b.add_text_field("title", TEXT);
        let body = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        for (i, (t, d)) in docs.iter().enumerate() {
            writer
                .add_document(doc!(title => *t, body => *d))
                .expect("add");
            if i % per_segment == per_segment - 1 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        (index, title, body)
    }

    fn stem_query(title: Field, body: Field, texts: &[&str]) -> StemQuery {
        let texts: Vec<String> = texts.iter().map(|t| (*t).to_owned()).collect();
        StemQuery::new(&[(title, 2.0), (body, 1.0)], &texts)
    }

    #[test]
    fn matches_every_document_with_any_form_in_any_field() {
        let (index, title, body) = index(&[
            ("makan", "x"),
            ("y", "dimakan makan"),
            ("y", "z"),
            ("y", "dimakan"),
            ("makan siang", "z"),
        ]);
        let searcher = index.reader().expect("reader").searcher();
        let q = stem_query(title, body, &["dimakan", "makan"]);
        assert_eq!(searcher.search(&q, &Count).expect("count"), 4);
        let q = stem_query(title, body, &["tidak", "ada"]);
        assert_eq!(searcher.search(&q, &Count).expect("count"), 0);
    }

    #[test]
    fn one_term_scores_as_tantivys_term_queries() {
        let (index, title, body) = index(&[
            ("pemilu damai", "pemilu pemilu netral"),
            ("asn", "pemilu"),
            ("x", "y z"),
            ("pemilu", "pilkada pemilu serentak pemilu"),
        ]);
        let searcher = index.reader().expect("reader").searcher();
        let ours = searcher
            .search(
                &stem_query(title, body, &["pemilu"]),
                &TopDocs::with_limit(10).order_by_score(),
            )
            .expect("search");
        let term = |f| {
            Box::new(TermQuery::new(
                Term::from_field_text(f, "pemilu"),
                IndexRecordOption::WithFreqs,
            ))
        };
        let theirs = BooleanQuery::new(vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(term(title), 2.0)) as Box<dyn Query>,
            ),
            (Occur::Should, term(body)),
        ]);
        let theirs = searcher
            .search(&theirs, &TopDocs::with_limit(10).order_by_score())
            .expect("search");
        assert_eq!(ours.len(), 3);
        for ((a, da), (b, db)) in ours.iter().zip(&theirs) {
            assert_eq!(da, db);
            assert!((a - b).abs() < 1e-4, "{a} against {b}");
        }
    }

    #[test]
    fn every_form_weighs_alike_however_rare() {
        // "dimakan" is in one document, "makan" in three: alone, their IDFs differ;
        // as forms of one stem a document scores the same whichever it uses.
        let docs = [
            ("a", "dimakan siang"),
            ("a", "makan siang"),
            ("a", "makan malam lagi"),
            ("a", "makan pagi lagi"),
            ("a", "tidur"),
        ];
        let (index, title, body) = index_in(&docs, docs.len());
        let searcher = index.reader().expect("reader").searcher();
        let top = searcher
            .search(
                &stem_query(title, body, &["dimakan", "makan"]),
                &TopDocs::with_limit(10).order_by_score(),
            )
            .expect("search");
        assert_eq!(top.len(), 4);
        let score = |doc: u32| {
            top.iter()
                .find(|(_, a)| a.doc_id == doc)
                .map(|(s, _)| *s)
                .expect("a hit")
        };
        assert!((score(0) - score(1)).abs() < 1e-6, "{top:?}");
        // A longer body still weighs less, as BM25 has it.
        assert!(score(1) > score(2));
    }

    #[test]
    fn the_seeking_scorer_scores_as_the_union() {
        let (index, title, body) = index(&[
            ("makan siang", "dimakan makan makan"),
            ("a", "b"),
            ("x", "dimakan"),
            ("makan", "y"),
            ("dimakan lagi", "makan malam dan makan pagi"),
        ]);
        let searcher = index.reader().expect("reader").searcher();
        let q = stem_query(title, body, &["dimakan", "makan"]);
        let weight = q
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let mut compared = 0;
        for segment in searcher.segment_readers() {
            let mut union = Vec::new();
            weight
                .for_each(segment, &mut |doc, score| union.push((doc, score)))
                .expect("for_each");
            let mut seeking = Vec::new();
            let mut scorer = weight.scorer(segment, 1.0).expect("scorer");
            while scorer.doc() != TERMINATED {
                seeking.push((scorer.doc(), scorer.score()));
                let next = scorer.doc() + 1;
                scorer.seek(next);
            }
            assert_eq!(union.len(), seeking.len());
            for ((d1, s1), (d2, s2)) in union.iter().zip(&seeking) {
                assert_eq!(d1, d2);
                assert!((s1 - s2).abs() < 1e-5, "{s1} against {s2}");
                compared += 1;
            }
        }
        assert_eq!(compared, 4);
    }

    #[test]
    fn explains_and_counts_per_segment() {
        let (index, title, body) = index(&[("a", "makan"), ("a", "b"), ("a", "dimakan")]);
        let searcher = index.reader().expect("reader").searcher();
        let q = stem_query(title, body, &["dimakan", "makan"]);
        assert_eq!(q.count(&searcher).expect("count"), 2);
        let top = searcher
            .search(&q, &TopDocs::with_limit(5).order_by_score())
            .expect("search");
        assert_eq!(top.len(), 2);
        for (score, address) in top {
            let explained = q.explain(&searcher, address).expect("explains");
            assert!((explained.value() - score).abs() < 1e-5);
        }
    }
}
