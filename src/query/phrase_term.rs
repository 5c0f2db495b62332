//! [`PhraseTermQuery`]: a known phrase searched as the one token the index gives
//! it ([`crate::analysis::phrases`]), scored as tantivy's phrase query scores the
//! phrase: BM25 with the idf of its words summed, the phrase's occurrences as the
//! term frequency. The same matches and scores as the phrase query, without
//! decoding the positions of every article that holds all the words.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

use crate::analysis::phrases::phrase_term;

/// The known phrase of `words` (exact forms) in `field`.
#[derive(Clone, Debug)]
pub struct PhraseTermQuery {
    /// The words' terms: the weight's idf.
    words: Vec<Term>,
    /// The phrase's own token.
    phrase: Term,
}

impl PhraseTermQuery {
    pub fn new(field: Field, words: &[String]) -> PhraseTermQuery {
        PhraseTermQuery {
            words: words
                .iter()
                .map(|w| Term::from_field_text(field, w))
                .collect(),
            phrase: Term::from_field_text(field, &phrase_term(words)),
        }
    }
}

impl Query for PhraseTermQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Bm25Weight::for_terms(statistics_provider, &self.words)?,
            _ => Bm25Weight::for_one_term(0, 1, 1.0),
        };
        Ok(Box::new(PhraseTermWeight {
            phrase: self.phrase.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.phrase, false);
    }
}

struct PhraseTermWeight {
    phrase: Term,
    bm25: Bm25Weight,
}

impl PhraseTermWeight {
    fn phrase_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<PhraseTermScorer>> {
        let field = self.phrase.field();
        let index = reader.inverted_index(field)?;
        let Some(postings) = index.read_postings(&self.phrase, IndexRecordOption::WithFreqs)?
        else {
            return Ok(None);
        };
        Ok(Some(PhraseTermScorer {
            postings,
            norms: reader.get_fieldnorms_reader(field)?,
            bm25: self.bm25.boost_by(boost),
        }))
    }
}

impl Weight for PhraseTermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.phrase_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let no_match =
            || TantivyError::InvalidArgument(format!("Document #({doc}) does not match"));
        let mut scorer = self.phrase_scorer(reader, 1.0)?.ok_or_else(no_match)?;
        if scorer.seek(doc) != doc {
            return Err(no_match());
        }
        let mut explanation = Explanation::new("Phrase Scorer", scorer.score());
        explanation.add_detail(
            self.bm25
                .explain(scorer.norms.fieldnorm_id(doc), scorer.postings.term_freq()),
        );
        Ok(explanation)
    }
}

struct PhraseTermScorer {
    postings: SegmentPostings,
    norms: FieldNormReader,
    bm25: Bm25Weight,
}

impl DocSet for PhraseTermScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for PhraseTermScorer {
    fn score(&mut self) -> Score {
        let doc = self.postings.doc();
        self.bm25
            .score(self.norms.fieldnorm_id(doc), self.postings.term_freq())
    }
}
