//! A batch of raw articles → what becomes of each ([`Prepared`]): unchanged,
//! a document to add, or rejected. In parallel, in input order.

use rayon::prelude::*;
use tantivy::{TantivyDocument, Term};

use super::read::FileChunk;
use super::slots::{self, Existing, SlotHolds};
use crate::record;
use crate::schema::Fields;
use crate::source::{Item, Origin, Problem, RawArticle};

/// What became of one article.
pub(super) enum Prepared {
    /// Its slot already holds it, under this id.
    Unchanged {
        origin: Origin,
        id: String,
    },
    Document {
        origin: Origin,
        id: String,
        slot: String,
        doc: TantivyDocument,
        /// Cleaning removed most of the page's text: what each rule removed.
        cleaned_most: Option<String>,
        /// The index holds another article in this slot, or one with this id:
        /// deletes are queued only then (a queued delete costs memory until the
        /// commit, and a first indexing run would queue two an article).
        replaces: bool,
    },
    Rejected(Problem),
}

/// Parses and extracts a batch's changed articles in parallel; one [`Prepared`]
/// an article, in input order.
pub(super) fn prepare(
    batch: &[FileChunk],
    fields: Fields,
    existing: Option<&Existing>,
) -> Vec<Prepared> {
    let articles: Vec<(&str, &RawArticle)> = batch
        .iter()
        .flat_map(|chunk| {
            chunk.items.iter().filter_map(move |item| match item {
                Item::Article(raw) => Some((chunk.source_key.as_str(), raw)),
                _ => None,
            })
        })
        .collect();
    articles
        .into_par_iter()
        .map(|(source_key, raw)| prepare_one(source_key, raw, fields, existing))
        .collect()
}

fn prepare_one(
    source_key: &str,
    raw: &RawArticle,
    fields: Fields,
    existing: Option<&Existing>,
) -> Prepared {
    let slot = slots::slot(source_key, &raw.origin);
    let hash = slots::raw_hash(raw);
    let held = existing.map_or(SlotHolds::Nothing, |e| e.slot(&slot, hash));
    if let SlotHolds::Same(id) = held {
        return Prepared::Unchanged {
            origin: raw.origin.clone(),
            id,
        };
    }
    match record::record(raw) {
        Ok(record) => Prepared::Document {
            origin: raw.origin.clone(),
            cleaned_most: record
                .article
                .cleaning
                .removed_most()
                .then(|| record.article.cleaning.summary()),
            doc: fields.document(&record, source_key, &slot, hash),
            replaces: matches!(held, SlotHolds::Other)
                || existing.is_some_and(|e| e.has_term(&Term::from_field_text(e.id, &record.id))),
            id: record.id,
            slot,
        },
        Err(reason) => Prepared::Rejected(Problem {
            origin: raw.origin.clone(),
            reason,
        }),
    }
}
