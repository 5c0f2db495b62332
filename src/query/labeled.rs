//! [`Labeled`]: a query that scores as another and explains itself by name, so
//! that `--explain` says "word `netralitas` (any form)" or "place Jabar: event
//! place /Jawa Barat" above tantivy's BM25 arithmetic. Built only when a search
//! is to be explained: the scorers are the inner query's own.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TantivyError, Term};

/// `inner`, explained under `label`.
#[derive(Debug)]
pub struct Labeled {
    label: String,
    inner: Box<dyn Query>,
}

impl Labeled {
    pub fn new(label: impl Into<String>, inner: Box<dyn Query>) -> Labeled {
        Labeled {
            label: label.into(),
            inner,
        }
    }
}

impl Clone for Labeled {
    fn clone(&self) -> Self {
        Labeled {
            label: self.label.clone(),
            inner: self.inner.box_clone(),
        }
    }
}

impl Query for Labeled {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(LabeledWeight {
            label: self.label.clone(),
            inner: self.inner.weight(enable_scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct LabeledWeight {
    label: String,
    inner: Box<dyn Weight>,
}

impl Weight for LabeledWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.inner.scorer(reader, boost)
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        self.inner.scorer_danger(reader, target, boost)
    }

    /// Asks whether `doc` matches before asking the inner query to explain it:
    /// tantivy's phrase weight seeks a fresh scorer that may stand past `doc`
    /// (a seek backwards, which its scorers assert against).
    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.inner.scorer(reader, 1.0)?;
        if scorer.doc() > doc || (scorer.doc() < doc && scorer.seek(doc) != doc) {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not match {}",
                self.label
            )));
        }
        let inner = self.inner.explain(reader, doc)?;
        let mut explanation = Explanation::new_with_string(self.label.clone(), inner.value());
        explanation.add_detail(inner);
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.inner.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.inner.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.inner.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.inner.for_each_pruning(threshold, reader, callback)
    }
}
