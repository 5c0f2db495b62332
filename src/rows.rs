//! [`Hit`]s → rows for spreadsheets and scripts: the columns an export asks for,
//! written as CSV or TSV (RFC 4180, a header row, multi-valued cells joined with
//! " | ") or as JSON Lines (one object a line, lists as arrays).
//!
//! A JSON Lines export is also netra input: its `body` is read as the article's
//! text (marked `"cleaned": true`, so it is not cleaned twice), its `dateline`,
//! `title`, `date`, `event_date`, `outlet`, `url` and `id` as the article's
//! metadata, and its facets as given: an export indexed again gives the same
//! articles and facets.

use std::fmt;
use std::io::{self, Write};

use serde_json::{json, Value};

use crate::search::Hit;

/// One column of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    /// The publication date.
    Date,
    /// The date of the reported event.
    EventDate,
    Outlet,
    Title,
    Regions,
    Officials,
    /// The officials who led a pledge.
    Leaders,
    Pledges,
    Dateline,
    Url,
    Path,
    /// The line of a JSONL article in `path`.
    Line,
    /// The article's clean text.
    Body,
    /// The passage where the query matched (as plain text).
    Snippet,
    /// The relevance score (empty when sorted by date).
    Score,
}

impl Column {
    /// Every column, in the order `--help` lists them.
    pub const ALL: [Column; 16] = [
        Column::Id,
        Column::Date,
        Column::EventDate,
        Column::Outlet,
        Column::Title,
        Column::Regions,
        Column::Officials,
        Column::Leaders,
        Column::Pledges,
        Column::Dateline,
        Column::Url,
        Column::Path,
        Column::Line,
        Column::Body,
        Column::Snippet,
        Column::Score,
    ];

    /// The columns of an export unless asked otherwise: what identifies an article
    /// and its facets; the text, snippet and score are asked for with `--fields`.
    pub const DEFAULT: [Column; 12] = [
        Column::Id,
        Column::Date,
        Column::EventDate,
        Column::Outlet,
        Column::Title,
        Column::Regions,
        Column::Officials,
        Column::Leaders,
        Column::Pledges,
        Column::Dateline,
        Column::Url,
        Column::Path,
    ];

    /// The column's name in a header row, a JSON key and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Date => "date",
            Column::EventDate => "event_date",
            Column::Outlet => "outlet",
            Column::Title => "title",
            Column::Regions => "regions",
            Column::Officials => "officials",
            Column::Leaders => "leaders",
            Column::Pledges => "pledges",
            Column::Dateline => "dateline",
            Column::Url => "url",
            Column::Path => "path",
            Column::Line => "line",
            Column::Body => "body",
            Column::Snippet => "snippet",
            Column::Score => "score",
        }
    }

    /// The column named `name` (as [`Column::name`] gives it, any case).
    pub fn parse(name: &str) -> Option<Column> {
        let name = name.trim().to_lowercase();
        Column::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The cell of `hit` as text: lists joined with " | ", nothing as "".
    fn text(self, hit: &Hit) -> String {
        let a = &hit.article;
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let joined = |items: Vec<String>| items.join(" | ");
        match self {
            Column::Id => a.id.clone(),
            Column::Date => opt(&a.date),
            Column::EventDate => opt(&a.event_date),
            Column::Outlet => opt(&a.outlet),
            Column::Title => opt(&a.title),
            Column::Regions => joined(a.regions.iter().map(ToString::to_string).collect()),
            Column::Officials => joined(a.officials.iter().map(ToString::to_string).collect()),
            Column::Leaders => joined(a.leaders.iter().map(ToString::to_string).collect()),
            Column::Pledges => joined(a.pledges.iter().map(|p| p.name().to_owned()).collect()),
            Column::Dateline => opt(&a.dateline),
            Column::Url => opt(&a.url),
            Column::Path => a.path.clone(),
            Column::Line => a.line.map(|l| l.to_string()).unwrap_or_default(),
            Column::Body => a.body.clone(),
            Column::Snippet => hit.snippet.clone(),
            Column::Score => hit.score.map(|s| s.to_string()).unwrap_or_default(),
        }
    }

    /// The cell of `hit` as JSON: lists as arrays (officials as `{role, name}`),
    /// nothing as `null`.
    fn json(self, hit: &Hit) -> Value {
        let a = &hit.article;
        match self {
            Column::Id => json!(a.id),
            Column::Date => json!(a.date),
            Column::EventDate => json!(a.event_date),
            Column::Outlet => json!(a.outlet),
            Column::Title => json!(a.title),
            Column::Regions => json!(a
                .regions
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()),
            Column::Officials => json!(a.officials),
            Column::Leaders => json!(a.leaders),
            Column::Pledges => json!(a.pledges.iter().map(|p| p.name()).collect::<Vec<_>>()),
            Column::Dateline => json!(a.dateline),
            Column::Url => json!(a.url),
            Column::Path => json!(a.path),
            Column::Line => json!(a.line),
            Column::Body => json!(a.body),
            Column::Snippet => json!(hit.snippet),
            Column::Score => json!(hit.score),
        }
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Tsv,
    JsonLines,
}

/// Writes rows of hits, one at a time.
pub struct RowWriter<W: Write> {
    columns: Vec<Column>,
    sink: Sink<W>,
}

enum Sink<W: Write> {
    Table(Box<csv::Writer<W>>),
    Lines(W),
}

/// The UTF-8 byte-order mark that tells Excel and LibreOffice a CSV is UTF-8.
const BOM: &[u8] = b"\xef\xbb\xbf";

impl<W: Write> RowWriter<W> {
    /// A writer of `columns` in `format`; `bom` starts a CSV or TSV with the UTF-8
    /// byte-order mark. A CSV or TSV starts with its header row.
    pub fn new(mut out: W, format: Format, columns: Vec<Column>, bom: bool) -> io::Result<Self> {
        let sink = match format {
            Format::JsonLines => Sink::Lines(out),
            Format::Csv | Format::Tsv => {
                if bom {
                    out.write_all(BOM)?;
                }
                let mut table = csv::WriterBuilder::new()
                    .delimiter(if format == Format::Tsv { b'\t' } else { b',' })
                    .from_writer(out);
                table.write_record(columns.iter().map(|c| c.name()))?;
                Sink::Table(Box::new(table))
            }
        };
        Ok(RowWriter { columns, sink })
    }

    /// Writes one hit's row.
    pub fn write(&mut self, hit: &Hit) -> io::Result<()> {
        match &mut self.sink {
            Sink::Table(table) => {
                table.write_record(self.columns.iter().map(|c| c.text(hit)))?;
            }
            Sink::Lines(out) => {
                // Keys in the columns' order (a JSON map would sort them).
                out.write_all(b"{")?;
                for (i, c) in self.columns.iter().enumerate() {
                    if i > 0 {
                        out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut *out, c.name())?;
                    out.write_all(b":")?;
                    // Officials keep their fields' order: role, then name.
                    match c {
                        Column::Officials => {
                            serde_json::to_writer(&mut *out, &hit.article.officials)?
                        }
                        Column::Leaders => serde_json::to_writer(&mut *out, &hit.article.leaders)?,
                        _ => serde_json::to_writer(&mut *out, &c.json(hit))?,
                    }
                }
                // The body is netra's clean text: read back as it is.
                if self.columns.contains(&Column::Body) {
                    out.write_all(b",\"cleaned\":true")?;
                }
                out.write_all(b"}\n")?;
            }
        }
        Ok(())
    }

    /// Flushes what is buffered.
    pub fn finish(self) -> io::Result<()> {
        match self.sink {
            Sink::Table(mut table) => table.flush(),
            Sink::Lines(mut out) => out.flush(),
        }
    }
}
