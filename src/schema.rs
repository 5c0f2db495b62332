//! The index schema, and [`Record`] → tantivy document → [`Stored`] article.
//!
//! The only place facet values ([`crate::facet`]) become tantivy facets and back.
//!
//! The title and the body are each one stored field, indexed with positions by
//! [`crate::analysis::TEXT`], which gives every word's exact form and, where the
//! stem differs, its marked stem at the same position: phrases search the exact
//! forms, words their stems ([`crate::query::stem`]).
//!
//! Dates: the publication date and the event date are stored; the date the
//! filters go by (the event's, else the publication's: [`crate::article::Article::when`])
//! is indexed as the first and last day it covers (`date_lo`, `date_hi`, days since
//! 1970), so a month or a year-only date overlaps a `--since` bound correctly. An
//! article with neither is marked `undated`, so a filtered search can say how many
//! matches it could not place. Facets are tantivy facet fields.

use anyhow::{anyhow, Context, Result};
use serde::Serialize;
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value,
    FAST, INDEXED, STORED, STRING,
};
use tantivy::TantivyDocument;

use crate::analysis::TEXT;
use crate::article::opening_words;
use crate::extract::Facets;
use crate::facet::{FacetField, FacetPath, OfficialPath, PledgeType, RegionPath};
use crate::record::Record;

/// Bumped whenever the schema or the analysis changes what is in an index.
/// 4: near-duplicate sketches; loanword derivations keep their own stem;
/// Jakarta's province is `/DKI Jakarta`.
/// 5: publication and event dates apart, `undated`; the dateline place searched
/// with the body; pages read by their layout; finer official roles.
/// 6: the leader facet (who led a pledge).
/// 7: the topic level ([`crate::topic`]).
/// 8: known phrases as one token ([`crate::analysis::phrases`]).
pub const FORMAT_VERSION: u32 = 8;

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
    /// The publication date, stored.
    pub date: Field,
    /// The event date, stored.
    pub event_date: Field,
    /// Set on articles with neither date.
    pub undated: Field,
    pub date_lo: Field,
    pub date_hi: Field,
    pub region: Field,
    pub official: Field,
    pub pledge: Field,
    /// The officials who led a pledge (read it out, led it, signed first): a
    /// subset of `official`.
    pub leader: Field,
    /// The body's near-duplicate sketch ([`crate::sketch`]), a fast field: the
    /// sketches of a search's best matches are compared.
    pub sketch: Field,
    /// How much the article is about elections ([`crate::topic`]), a fast field:
    /// a search's best matches are weighed by it.
    pub topic: Field,
}

/// Field names, as they appear in the index's meta.json.
pub mod name {
    pub const ID: &str = "id";
    pub const DATE_LO: &str = "date_lo";
    pub const SLOT: &str = "slot";
    pub const RAW: &str = "raw";
    pub const SKETCH: &str = "sketch";
    pub const TOPIC: &str = "topic";
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
    b.add_text_field("event_date", STORED);
    b.add_bool_field("undated", INDEXED);
    b.add_i64_field(name::DATE_LO, INDEXED | FAST);
    b.add_i64_field("date_hi", INDEXED | FAST);
    b.add_facet_field("region", FacetOptions::default().set_stored());
    b.add_facet_field("official", FacetOptions::default().set_stored());
    b.add_facet_field("pledge", FacetOptions::default().set_stored());
    b.add_facet_field("leader", FacetOptions::default().set_stored());
    b.add_u64_field(name::SKETCH, FAST);
    b.add_u64_field(name::TOPIC, FAST);
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
            event_date: f("event_date")?,
            undated: f("undated")?,
            date_lo: f(name::DATE_LO)?,
            date_hi: f("date_hi")?,
            region: f("region")?,
            official: f("official")?,
            pledge: f("pledge")?,
            leader: f("leader")?,
            sketch: f(name::SKETCH)?,
            topic: f(name::TOPIC)?,
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
        doc.add_text(self.title, a.own_title().unwrap_or(""));
        doc.add_text(self.body, &a.body);
        // The dateline place is searched as part of the text ("netralitas
        // Lampung" finds "LAMPUNG, HELOINDONESIA.COM - …"); a second value, so
        // the stored body stays the body.
        if let Some(place) = &a.dateline {
            doc.add_text(self.body, place);
        }
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
            doc.add_text(self.date, date.to_string());
        }
        if let Some(date) = a.event_date {
            doc.add_text(self.event_date, date.to_string());
        }
        match a.when() {
            Some(when) => {
                let (lo, hi) = when.day_range();
                doc.add_i64(self.date_lo, lo);
                doc.add_i64(self.date_hi, hi);
            }
            None => doc.add_bool(self.undated, true),
        }
        self.add_facets(&mut doc, &record.facets);
        for &hash in &record.sketch {
            doc.add_u64(self.sketch, hash);
        }
        doc.add_u64(self.topic, u64::from(record.topic));
        doc
    }

    /// The record's facets as tantivy facets (a leader is an official too).
    fn add_facets(&self, doc: &mut TantivyDocument, f: &Facets) {
        for region in &f.regions {
            doc.add_facet(self.region, facet(region.as_facet_path()));
        }
        for official in &f.officials {
            doc.add_facet(self.official, facet(&official.path().facet_path()));
            if official.led {
                doc.add_facet(self.leader, facet(&official.path().facet_path()));
            }
        }
        for pledge in &f.pledges {
            doc.add_facet(self.pledge, Facet::from_path([pledge.name()]));
        }
    }

    /// The facet field of a [`FacetField`].
    pub fn facet_field(&self, field: FacetField) -> Field {
        match field {
            FacetField::Region => self.region,
            FacetField::Official => self.official,
            FacetField::Pledge => self.pledge,
            FacetField::Leader => self.leader,
        }
    }

    /// Reads the stored fields of a document back. A facet that is not a
    /// region, official or pledge type of netra's is an error: the index was not
    /// written by this netra.
    pub fn stored(&self, doc: &TantivyDocument) -> Result<Stored> {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_owned))
        };
        let regions = stored_facets(doc, self.region, |path| {
            RegionPath::new(path.steps().to_vec())
        })?;
        let officials = stored_facets(doc, self.official, |path| {
            OfficialPath::from_facet_path(&path)
        })?;
        let leaders = stored_facets(doc, self.leader, |path| {
            OfficialPath::from_facet_path(&path)
        })?;
        let pledges = stored_facets(doc, self.pledge, |path| match path.steps() {
            [name] => PledgeType::from_name(name),
            _ => None,
        })?;
        let body = text(self.body).unwrap_or_default();
        let title = text(self.title).filter(|t| !t.is_empty());
        let shown_title = title.clone().unwrap_or_else(|| opening_words(&body));
        Ok(Stored {
            id: text(self.id).unwrap_or_default(),
            path: text(self.path).unwrap_or_default(),
            line: doc
                .get_first(self.line)
                .and_then(|v| v.as_u64())
                .and_then(|n| usize::try_from(n).ok()),
            title,
            shown_title,
            outlet: text(self.outlet),
            dateline: text(self.dateline),
            url: text(self.url),
            date: text(self.date),
            event_date: text(self.event_date),
            body,
            regions,
            officials,
            leaders,
            pledges,
        })
    }
}

/// The tantivy facet of a path: step by step, never parsed from text.
pub fn facet(path: &FacetPath) -> Facet {
    Facet::from_path(path.steps())
}

/// The path of a tantivy facet.
pub fn facet_path(facet: &Facet) -> FacetPath {
    if facet.is_root() {
        FacetPath::root()
    } else {
        FacetPath::new(facet.to_path())
    }
}

/// The stored facets of `field` in `doc`, each read by `read`.
fn stored_facets<T>(
    doc: &TantivyDocument,
    field: Field,
    read: impl Fn(FacetPath) -> Option<T>,
) -> Result<Vec<T>> {
    doc.get_all(field)
        .filter_map(|v| v.as_facet())
        .map(|encoded| {
            // Stored facets come back encoded (steps joined by NUL).
            let facet = Facet::from_encoded(encoded.as_bytes().to_vec())
                .map_err(|e| anyhow!("a stored facet is not UTF-8: {e}"))?;
            let path = facet_path(&facet);
            let shown = path.to_string();
            read(path).ok_or_else(|| anyhow!("the stored facet `{shown}` is not netra's"))
        })
        .collect()
}

/// An article as stored in the index (the body is not serialized: a search hit
/// shows a snippet of it).
#[derive(Debug, Clone, Serialize)]
pub struct Stored {
    pub id: String,
    pub path: String,
    /// The line of a JSONL article in `path`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub title: Option<String>,
    /// The title as shown: the title, else the body's opening words.
    pub shown_title: String,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    /// The publication date.
    pub date: Option<String>,
    /// The event date.
    pub event_date: Option<String>,
    pub url: Option<String>,
    #[serde(skip)]
    pub body: String,
    pub regions: Vec<RegionPath>,
    pub officials: Vec<OfficialPath>,
    /// The officials among `officials` who led a pledge.
    pub leaders: Vec<OfficialPath>,
    pub pledges: Vec<PledgeType>,
}
