//! The index schema, and [`Record`] → tantivy document → [`Stored`] article.
//!
//! The title and the body are each one stored field, indexed with positions by
//! [`crate::analysis::TEXT`], which gives every word's exact form and, where the
//! stem differs, its marked stem at the same position: phrases search the exact
//! forms, words their stems ([`crate::query::stem`]).
//!
//! Dates are indexed as the first and last day they cover (`date_lo`, `date_hi`,
//! days since 1970), so a month or a year-only date overlaps a `--since` bound
//! correctly. Facets are tantivy facet fields.

use anyhow::{Context, Result};
use serde::Serialize;
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value,
    FAST, INDEXED, STORED, STRING,
};
use tantivy::TantivyDocument;

use crate::analysis::TEXT;
use crate::article::Article;
use crate::extract::Facets;

/// Bumped whenever the schema or the analysis changes what is in an index.
pub const FORMAT_VERSION: u32 = 3;

/// One article ready to index: identity, parsed article and facets.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub id: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(flatten)]
    pub article: Article,
    #[serde(flatten)]
    pub facets: Facets,
}

/// The index's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    /// The source file (canonical path).
    pub source: Field,
    /// Where an article came from: its file, and its line in a JSONL file. Re-indexing
    /// replaces an article by its slot.
    pub slot: Field,
    /// A hash of the article as read (text, metadata, netra's version): an article
    /// whose slot holds the same hash is unchanged and not parsed again.
    pub raw: Field,
    pub path: Field,
    /// The line of a JSONL article in its file.
    pub line: Field,
    pub title: Field,
    pub body: Field,
    pub outlet: Field,
    pub dateline: Field,
    pub url: Field,
    pub date: Field,
    pub date_lo: Field,
    pub date_hi: Field,
    pub region: Field,
    pub official: Field,
    pub pledge: Field,
}

/// Field names, as they appear in the index's meta.json.
pub mod name {
    pub const ID: &str = "id";
    pub const DATE_LO: &str = "date_lo";
    pub const SLOT: &str = "slot";
    pub const RAW: &str = "raw";
}

/// A stored text field analyzed by [`TEXT`], with positions (for phrases).
fn text() -> TextOptions {
    TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TEXT)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// The schema of a new index.
pub fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field(name::ID, STRING | STORED | FAST);
    b.add_text_field("source", STRING);
    b.add_text_field(name::SLOT, STRING);
    b.add_u64_field(name::RAW, FAST);
    b.add_text_field("path", STORED);
    b.add_u64_field("line", INDEXED | STORED);
    b.add_text_field("title", text());
    b.add_text_field("body", text());
    b.add_text_field("outlet", STRING | STORED);
    b.add_text_field("dateline", STORED);
    b.add_text_field("url", STORED);
    b.add_text_field("date", STORED);
    b.add_i64_field(name::DATE_LO, INDEXED | FAST);
    b.add_i64_field("date_hi", INDEXED | FAST);
    b.add_facet_field("region", FacetOptions::default().set_stored());
    b.add_facet_field("official", FacetOptions::default().set_stored());
    b.add_facet_field("pledge", FacetOptions::default().set_stored());
    b.build()
}

impl Fields {
    /// Looks the fields up in an index's schema.
    pub fn of(schema: &Schema) -> Result<Fields> {
        let f = |name: &str| {
            schema
                .get_field(name)
                .with_context(|| format!("the index has no field `{name}`"))
        };
        Ok(Fields {
            id: f(name::ID)?,
            source: f("source")?,
            slot: f(name::SLOT)?,
            raw: f(name::RAW)?,
            path: f("path")?,
            line: f("line")?,
            title: f("title")?,
            body: f("body")?,
            outlet: f("outlet")?,
            dateline: f("dateline")?,
            url: f("url")?,
            date: f("date")?,
            date_lo: f(name::DATE_LO)?,
            date_hi: f("date_hi")?,
            region: f("region")?,
            official: f("official")?,
            pledge: f("pledge")?,
        })
    }

    /// The tantivy document for a record read from `slot` of file `source`, whose
    /// raw input hashed to `raw`; tantivy analyzes its texts.
    pub fn document(&self, record: &Record, source: &str, slot: &str, raw: u64) -> TantivyDocument {
        let a = &record.article;
        let mut doc = TantivyDocument::new();
        doc.add_text(self.id, &record.id);
        doc.add_text(self.source, source);
        doc.add_text(self.slot, slot);
        doc.add_u64(self.raw, raw);
        doc.add_text(self.path, &record.path);
        if let Some(line) = record.line {
            doc.add_u64(self.line, line as u64);
        }
        doc.add_text(self.title, a.title.as_deref().unwrap_or(""));
        doc.add_text(self.body, &a.body);
        for (field, value) in [
            (self.outlet, &a.outlet),
            (self.dateline, &a.dateline),
            (self.url, &a.url),
        ] {
            if let Some(value) = value {
                doc.add_text(field, value);
            }
        }
        if let Some(date) = a.date {
            let (lo, hi) = date.day_range();
            doc.add_text(self.date, date.to_string());
            doc.add_i64(self.date_lo, lo);
            doc.add_i64(self.date_hi, hi);
        }
        let f = &record.facets;
        for region in &f.regions {
            doc.add_facet(
                self.region,
                Facet::from_text(region).unwrap_or_else(|_| Facet::from_path([region])),
            );
        }
        for official in &f.officials {
            doc.add_facet(
                self.official,
                Facet::from_path([&official.role, &official.name]),
            );
        }
        for pledge in &f.pledges {
            doc.add_facet(self.pledge, Facet::from_path([pledge]));
        }
        doc
    }

    /// Reads the stored fields of a document back.
    pub fn stored(&self, doc: &TantivyDocument) -> Stored {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_owned))
        };
        // Stored facets come back encoded (steps joined by NUL): make them paths.
        let facets = |field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_facet())
                .filter_map(|encoded| Facet::from_encoded(encoded.as_bytes().to_vec()).ok())
                .map(|facet| facet.to_path_string())
                .collect()
        };
        Stored {
            id: text(self.id).unwrap_or_default(),
            path: text(self.path).unwrap_or_default(),
            line: doc
                .get_first(self.line)
                .and_then(|v| v.as_u64())
                .and_then(|n| usize::try_from(n).ok()),
            title: text(self.title).filter(|t| !t.is_empty()),
            outlet: text(self.outlet),
            dateline: text(self.dateline),
            url: text(self.url),
            date: text(self.date),
            body: text(self.body).unwrap_or_default(),
            regions: facets(self.region),
            officials: facets(self.official),
            pledges: facets(self.pledge)
                .into_iter()
                .map(|p| p.trim_start_matches('/').to_owned())
                .collect(),
        }
    }
}

/// An article as stored in the index.
#[derive(Debug, Clone, Serialize)]
pub struct Stored {
    pub id: String,
    pub path: String,
    pub line: Option<usize>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    #[serde(skip)]
    pub body: String,
    pub regions: Vec<String>,
    /// Official facet paths, `/Role/Name`.
    pub officials: Vec<String>,
    pub pledges: Vec<String>,
}
