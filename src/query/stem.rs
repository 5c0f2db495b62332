//! [`StemQuery`]: every form of a word, in the title and body, as one BM25 term.
//!
//! The index gives a word a marked stem token (`#deklarasi`) only when its stem is
//! not the word itself (see [`crate::analysis`]): most words are their own stem,
//! and a second token for each of them was a fifth of indexing time. So the words
//! of stem `s` are found under two terms: `#s` (the forms that differ) and the
//! exact word `s` (when `s` is its own stem). This query reads both as one term,
//! as Lucene's `SynonymQuery` does: per field the term frequencies add up, the
//! document frequency is the larger of the two, and the field scores add up with
//! the field's boost. Ranking is then what a single stem term gave.

use std::fmt;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// The fields a [`StemQuery`] can search at once.
const MAX_FIELDS: usize = 4;

/// Documents holding, in any of the fields, any of the terms; scored as one term.
#[derive(Clone)]
pub struct StemQuery {
    /// The fields and their boosts.
    fields: Vec<(Field, Score)>,
    /// Each field's terms, field by field (`terms[i]` for `fields[i / per_field]`).
    terms: Vec<Term>,
    per_field: usize,
}

impl fmt::Debug for StemQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StemQuery")
            .field("fields", &self.fields)
            .field("terms", &self.terms)
            .finish()
    }
}

impl StemQuery {
    /// `texts`: the index terms of one stem (at least one). `fields`: where to look,
    /// with each field's boost.
    pub fn new(fields: &[(Field, Score)], texts: &[String]) -> StemQuery {
        assert!(!texts.is_empty(), "a stem query needs a term");
        assert!(
            fields.len() <= MAX_FIELDS,
            "a stem query searches a few fields"
        );
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

    fn field_terms(&self, i: usize) -> &[Term] {
        &self.terms[i * self.per_field..(i + 1) * self.per_field]
    }
}

impl Query for StemQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => self
                .fields
                .iter()
                .enumerate()
                .map(|(i, &(field, boost))| {
                    field_weight(statistics_provider, field, self.field_terms(i), boost)
                })
                .collect::<tantivy::Result<Vec<_>>>()?,
            EnableScoring::Disabled { .. } => {
                vec![Bm25Weight::for_one_term(0, 1, 1.0); self.fields.len()]
            }
        };
        Ok(Box::new(StemWeight {
            query: self.clone(),
            weights,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.terms {
            visitor(term, false);
        }
    }
}

/// BM25 of one field: the stem's forms as one term.
fn field_weight(
    stats: &dyn Bm25StatisticsProvider,
    field: Field,
    terms: &[Term],
    boost: Score,
) -> tantivy::Result<Bm25Weight> {
    let docs = stats.total_num_docs()?;
    let tokens = stats.total_num_tokens(field)?;
    let average_fieldnorm = if docs == 0 {
        0.0
    } else {
        tokens as Score / docs as Score
    };
    let mut doc_freq = 0;
    for term in terms {
        doc_freq = doc_freq.max(stats.doc_freq(term)?);
    }
    Ok(Bm25Weight::for_one_term(doc_freq.min(docs), docs, average_fieldnorm).boost_by(boost))
}

struct StemWeight {
    query: StemQuery,
    /// One a field.
    weights: Vec<Bm25Weight>,
}

impl StemWeight {
    fn stem_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<StemScorer> {
        let mut parts = Vec::new();
        let mut fields = Vec::new();
        for (i, &(field, _)) in self.query.fields.iter().enumerate() {
            let index = reader.inverted_index(field)?;
            let mut any = false;
            for term in self.query.field_terms(i) {
                if let Some(postings) = index.read_postings(term, IndexRecordOption::WithFreqs)? {
                    parts.push((postings, fields.len()));
                    any = true;
                }
            }
            if any {
                fields.push(FieldScoring {
                    norms: reader.get_fieldnorms_reader(field)?,
                    weight: self.weights[i].boost_by(boost),
                });
            }
        }
        let doc = parts
            .iter()
            .map(|(p, _)| p.doc())
            .min()
            .unwrap_or(TERMINATED);
        Ok(StemScorer { parts, fields, doc })
    }
}

impl Weight for StemWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(self.stem_scorer(reader, boost)?))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.stem_scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document #({doc}) does not match"
            )));
        }
        let mut explanation = Explanation::new("stem (its forms as one term)", scorer.score());
        for (field, tf) in scorer.field_freqs() {
            let f = &scorer.fields[field];
            explanation.add_detail(f.weight.explain(f.norms.fieldnorm_id(doc), tf));
        }
        Ok(explanation)
    }
}

struct FieldScoring {
    norms: FieldNormReader,
    weight: Bm25Weight,
}

/// The union of a few postings lists (two terms in two fields at most).
struct StemScorer {
    /// Postings and the index of their field in `fields`.
    parts: Vec<(SegmentPostings, usize)>,
    fields: Vec<FieldScoring>,
    doc: DocId,
}

impl StemScorer {
    /// The current document's term frequency in each field that has the stem.
    fn field_freqs(&self) -> impl Iterator<Item = (usize, u32)> {
        let mut tfs = [0; MAX_FIELDS];
        for (p, field) in &self.parts {
            if p.doc() == self.doc {
                tfs[*field] += p.term_freq();
            }
        }
        tfs.into_iter()
            .enumerate()
            .take(self.fields.len())
            .filter(|&(_, tf)| tf > 0)
    }
}

impl DocSet for StemScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        if doc == TERMINATED {
            return TERMINATED;
        }
        let mut next = TERMINATED;
        for (p, _) in &mut self.parts {
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
        for (p, _) in &mut self.parts {
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
        self.parts.iter().map(|(p, _)| p.size_hint()).sum()
    }
}

impl Scorer for StemScorer {
    fn score(&mut self) -> Score {
        let mut score = 0.0;
        for (field, tf) in self.field_freqs() {
            let f = &self.fields[field];
            score += f.weight.score(f.norms.fieldnorm_id(self.doc), tf);
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, TermQuery};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    /// An index of (title, body) pairs, one segment a document so that seeks and
    /// per-segment scorers are exercised too.
    fn index(docs: &[(&str, &str)]) -> (Index, Field, Field) {
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
            if i % 2 == 1 {
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
    fn forms_add_up_as_one_term() {
        // Two forms in one body weigh as a term found twice, not as two terms.
        let (index, title, body) = index(&[
            ("a", "dimakan makan"),
            ("a", "makan makan"),
            ("a", "dimakan"),
            ("a", "b"),
        ]);
        let searcher = index.reader().expect("reader").searcher();
        let top = searcher
            .search(
                &stem_query(title, body, &["dimakan", "makan"]),
                &TopDocs::with_limit(10).order_by_score(),
            )
            .expect("search");
        assert_eq!(top.len(), 3);
        assert!((top[0].0 - top[1].0).abs() < 1e-6, "{top:?}");
        assert!(top[1].0 > top[2].0);
    }

    #[test]
    fn seeks_land_on_the_union() {
        let (index, title, body) = index(&[("a", "makan"), ("a", "b"), ("a", "dimakan")]);
        let searcher = index.reader().expect("reader").searcher();
        let q = stem_query(title, body, &["dimakan", "makan"]);
        let weight = q
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let mut found = 0;
        for segment in searcher.segment_readers() {
            let mut scorer = weight.scorer(segment, 1.0).expect("scorer");
            while scorer.doc() != TERMINATED {
                found += 1;
                assert!(scorer.score() > 0.0);
                let next = scorer.doc() + 1;
                scorer.seek(next);
            }
            assert_eq!(scorer.advance(), TERMINATED);
        }
        assert_eq!(found, 2);
        let address = searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())
            .expect("search")[0]
            .1;
        let explained = q.explain(&searcher, address).expect("explains");
        assert!(explained.value() > 0.0);
    }
}
