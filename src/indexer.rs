//! Paths → index: walk → read → parse → extract → analyze → add; one commit.
//!
//! In: an [`IndexRequest`]. Out: an [`IndexReport`] that accounts for every input:
//! files read = files with articles + files rejected, and every rejected file or
//! line is listed with its reason.
//!
//! Files are read on one thread while batches of articles are parsed, extracted and
//! tokenized in parallel; the writer receives them in input order, so which of two
//! identical articles is kept does not depend on thread timing.
//!
//! Identity: an article's id is its JSONL `id`, or else a hash of its cleaned title
//! and body, so the same story scraped twice (with different sidebars) is one
//! article, and an id is never in the index twice.
//!
//! Re-indexing works by slot: a `.txt` file, or one line of a `.jsonl` file. An
//! article whose slot already holds the same raw input (same text and metadata,
//! same netra version) is unchanged: it is counted and not parsed again, so
//! re-indexing a folder costs time in proportion to what changed. A slot whose
//! input changed or was rejected loses its old article; lines past the end of a
//! JSONL file that shrank lose theirs too. The index changes only at the final
//! commit: an interrupted run leaves the previous index as it was.

use std::collections::HashMap;
use std::fs;
use std::hash::Hasher;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use anyhow::{anyhow, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TantivyDocument, Term, TERMINATED};

use crate::article;
use crate::extract;
use crate::schema::{self, Fields, Record};
use crate::source::{self, Item, Origin, Problem, RawArticle, SkipReason, Warning};
use crate::store::{Owner, Store};

/// What to index, and where.
#[derive(Debug, Clone)]
pub struct IndexRequest {
    pub paths: Vec<PathBuf>,
    pub index_dir: PathBuf,
    /// Remove everything the index held first.
    pub rebuild: bool,
    /// The writer's memory budget in bytes.
    pub memory_budget: usize,
    /// Draw a progress bar (on a terminal only).
    pub progress: bool,
}

/// What an indexing run did. Every input (a `.txt` file, a JSONL line, a path that
/// could not be read) is either one of `articles` or one of `rejected`.
#[derive(Debug, Default)]
pub struct IndexReport {
    /// Files opened (articles files found under the given paths).
    pub files: usize,
    pub articles: usize,
    /// Files in folders that are not `.txt` or `.jsonl`.
    pub ignored_files: usize,
    /// Articles already in the index exactly as read (not parsed again).
    pub unchanged: usize,
    pub rejected: Vec<Problem>,
    pub warnings: Vec<Warning>,
    pub bytes: u64,
    /// Articles in the index after the commit.
    pub total_in_index: u64,
}

/// Articles parsed together; large enough to keep both cores busy.
const BATCH_ARTICLES: usize = 512;

/// Builds the record of one raw article (no index involved).
pub fn record(raw: &RawArticle) -> Result<Record, SkipReason> {
    let article = article::parse(&raw.text, &raw.meta);
    if article.body.trim().is_empty() && article.title.is_none() {
        return Err(SkipReason::OnlyBoilerplate);
    }
    let facets = extract::extract(&article);
    let id = match &raw.id {
        Some(id) => id.clone(),
        None => content_id(article.title.as_deref().unwrap_or(""), &article.body),
    };
    Ok(Record {
        id,
        path: raw.origin.path.display().to_string(),
        line: raw.origin.line,
        article,
        facets,
    })
}

/// A stable id from an article's cleaned text (FNV-1a, 64 bits, as 16 hex digits).
fn content_id(title: &str, body: &str) -> String {
    let mut h = fnv::FnvHasher::default();
    h.write(title.as_bytes());
    h.write(b"\n");
    h.write(body.as_bytes());
    format!("{:016x}", h.finish())
}

/// A hash of an article as read: what decides whether its slot is unchanged. The
/// version is in it, so a new netra parses everything again.
fn raw_hash(raw: &RawArticle) -> u64 {
    let mut h = fnv::FnvHasher::default();
    for part in [
        Some(env!("CARGO_PKG_VERSION")),
        raw.id.as_deref(),
        Some(raw.text.as_str()),
        raw.meta.title.as_deref(),
        raw.meta.outlet.as_deref(),
        raw.meta.date.as_deref(),
        raw.meta.url.as_deref(),
    ] {
        match part {
            Some(p) => {
                h.write_u8(1);
                h.write(p.as_bytes());
                h.write_u8(0);
            }
            None => h.write_u8(2),
        }
    }
    h.finish()
}

/// The slot of an input: its file, and its line in a JSONL file.
fn slot(source_key: &str, origin: &Origin) -> String {
    match origin.line {
        Some(line) => format!("{source_key}:{line}"),
        None => source_key.to_owned(),
    }
}

/// A run of one file's items; a large file is cut into several segments.
struct Segment {
    source_key: String,
    /// The file's last segment: slots past its last line are emptied after it.
    ends_file: bool,
    items: Vec<Item>,
    bytes: u64,
}

/// What became of one article.
enum Prepared {
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
        /// The index holds another article in this slot, or one with this id:
        /// deletes are queued only then (a queued delete costs memory until the
        /// commit, and a first indexing run would queue two an article).
        replaces: bool,
    },
    Rejected(Problem),
}

/// The articles of the index before this run, by slot, for the unchanged check.
struct Existing {
    segments: Vec<ExistingSegment>,
    slot: tantivy::schema::Field,
    id: tantivy::schema::Field,
}

enum SlotHolds {
    /// The same input, under this id.
    Same(String),
    Other,
    Nothing,
}

struct ExistingSegment {
    reader: tantivy::SegmentReader,
    raw: tantivy::columnar::Column<u64>,
    id: tantivy::columnar::StrColumn,
}

impl Existing {
    fn of(searcher: &tantivy::Searcher, fields: Fields) -> Result<Existing> {
        let mut segments = Vec::new();
        for reader in searcher.segment_readers() {
            let fast = reader.fast_fields();
            let id = fast
                .str(schema::name::ID)?
                .ok_or_else(|| anyhow!("the index has no id column"))?;
            segments.push(ExistingSegment {
                raw: fast.u64(schema::name::RAW)?,
                id,
                reader: reader.clone(),
            });
        }
        Ok(Existing {
            segments,
            slot: fields.slot,
            id: fields.id,
        })
    }

    /// What `slot` holds: an article read from input hashing to `raw` (its id),
    /// another article, or nothing.
    fn slot(&self, slot: &str, raw: u64) -> SlotHolds {
        let term = Term::from_field_text(self.slot, slot);
        let mut occupied = false;
        for s in &self.segments {
            let Some(mut postings) = s
                .reader
                .inverted_index(self.slot)
                .ok()
                .and_then(|inverted| inverted.read_postings(&term, IndexRecordOption::Basic).ok())
                .flatten()
            else {
                continue;
            };
            occupied = true;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if !s.reader.is_deleted(doc) && s.raw.first(doc) == Some(raw) {
                    if let Some(id) = s.id_of(doc) {
                        return SlotHolds::Same(id);
                    }
                }
                doc = postings.advance();
            }
        }
        if occupied {
            SlotHolds::Other
        } else {
            SlotHolds::Nothing
        }
    }

    /// Whether any segment has `term` (deleted documents included: the answer
    /// only decides whether a delete is worth queueing).
    fn has_term(&self, term: &Term) -> bool {
        self.segments.iter().any(|s| {
            s.reader
                .inverted_index(term.field())
                .ok()
                .and_then(|inverted| inverted.get_term_info(term).ok().flatten())
                .is_some()
        })
    }
}

impl ExistingSegment {
    fn id_of(&self, doc: tantivy::DocId) -> Option<String> {
        let mut id = String::new();
        let ord = self.id.term_ords(doc).next()?;
        self.id.ord_to_str(ord, &mut id).ok()?;
        Some(id)
    }
}

/// Runs the indexing described by `req`.
pub fn run(req: &IndexRequest) -> Result<IndexReport> {
    let discovered = source::discover(&req.paths);
    let store = Store::create_or_open(&req.index_dir, req.rebuild)?;
    let mut writer = store.writer(req.memory_budget)?;
    if req.rebuild {
        writer
            .delete_all_documents()
            .map_err(|e| store.explain(e))?;
    }
    let fields = store.fields;

    let mut report = IndexReport {
        files: discovered.files.len(),
        ignored_files: discovered.ignored,
        rejected: discovered.problems,
        ..IndexReport::default()
    };
    let total_bytes: u64 = discovered
        .files
        .iter()
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let bar = progress_bar(req.progress, total_bytes);
    let mut first_seen = FirstSeen::default();
    // What the index held before this run (nothing after --rebuild).
    let existing = if req.rebuild {
        None
    } else {
        let searcher = store.reader()?.searcher();
        Some(
            Existing::of(&searcher, fields)
                .map_err(|e| anyhow!("cannot read the index at {}: {e:#}", store.dir.display()))?,
        )
    };
    // The last line read of each JSONL file, for emptying the slots past it.
    let mut last_line: HashMap<String, usize> = HashMap::new();

    let files = discovered.files;
    let result: Result<()> = std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Vec<Segment>>(2);
        scope.spawn(move || read_batches(&files, &tx));
        for batch in rx {
            let prepared = prepare(&batch, fields, existing.as_ref());
            let mut prepared = prepared.into_iter();
            for segment in batch {
                bar.inc(segment.bytes);
                report.bytes += segment.bytes;
                let key = &segment.source_key;
                for item in segment.items {
                    let outcome = match item {
                        Item::Warning(w) => {
                            report.warnings.push(w);
                            continue;
                        }
                        Item::Problem(p) => Prepared::Rejected(p),
                        Item::Article(_) => prepared.next().expect("one prepared per article"),
                    };
                    let (origin, id, slot_key, doc, replaces) = match outcome {
                        Prepared::Unchanged { origin, id } => {
                            if let Some(line) = origin.line {
                                note_line(&mut last_line, key, line);
                            }
                            first_seen.insert_if_new(&id, &origin);
                            report.unchanged += 1;
                            continue;
                        }
                        Prepared::Rejected(problem) => {
                            // Whatever the slot held before is no longer in the file.
                            if problem.origin.line.is_some()
                                || !source::is_jsonl(&problem.origin.path)
                            {
                                let slot_key = slot(key, &problem.origin);
                                writer.delete_term(Term::from_field_text(fields.slot, &slot_key));
                            }
                            if let Some(line) = problem.origin.line {
                                note_line(&mut last_line, key, line);
                            }
                            report.rejected.push(problem);
                            continue;
                        }
                        Prepared::Document {
                            origin,
                            id,
                            slot,
                            doc,
                            replaces,
                        } => (origin, id, slot, doc, replaces),
                    };
                    if let Some(line) = origin.line {
                        note_line(&mut last_line, key, line);
                    }
                    if replaces {
                        writer.delete_term(Term::from_field_text(fields.slot, &slot_key));
                    }
                    if let Some(first) = first_seen.get(&id) {
                        report.rejected.push(Problem {
                            origin,
                            reason: SkipReason::Duplicate(first.to_string()),
                        });
                        continue;
                    }
                    if replaces {
                        writer.delete_term(Term::from_field_text(fields.id, &id));
                    }
                    writer.add_document(doc).map_err(|e| store.explain(e))?;
                    first_seen.insert_if_new(&id, &origin);
                    report.articles += 1;
                }
                // Lines past the end of a JSONL file the index held before.
                if segment.ends_file
                    && source::is_jsonl(Path::new(key))
                    && existing
                        .as_ref()
                        .is_some_and(|e| e.has_term(&Term::from_field_text(fields.source, key)))
                {
                    let last = last_line.get(key).copied().unwrap_or(0);
                    writer
                        .delete_query(lines_after(fields, key, last))
                        .map_err(|e| store.explain(e))?;
                }
            }
        }
        Ok(())
    });
    result?;
    bar.finish_and_clear();

    writer.commit().map_err(|e| store.explain(e))?;
    writer
        .wait_merging_threads()
        .map_err(|e| store.explain(e))?;
    Owner::clear(&store.dir);
    let reader = store.reader()?;
    reader.reload().map_err(|e| store.explain(e))?;
    let searcher = reader.searcher();
    report.total_in_index = searcher.num_docs();
    if let Err(e) = store.write_people(&searcher) {
        report.warnings.push(Warning {
            origin: Origin {
                path: store.dir.clone(),
                line: None,
            },
            message: format!("{e:#}: searches will cluster officials' spellings themselves"),
        });
    }
    Ok(report)
}

/// Where each id of this run was first seen, in a few bytes an article: peak
/// memory must not grow with the number of articles indexed.
#[derive(Default)]
struct FirstSeen {
    /// id hash → (index in `paths`, line or `u32::MAX`).
    ids: HashMap<u64, (u32, u32), fnv::FnvBuildHasher>,
    paths: Vec<PathBuf>,
}

impl FirstSeen {
    fn key(id: &str) -> u64 {
        let mut h = fnv::FnvHasher::default();
        h.write(id.as_bytes());
        h.finish()
    }

    fn get(&self, id: &str) -> Option<Origin> {
        let &(path, line) = self.ids.get(&Self::key(id))?;
        Some(Origin {
            path: self.paths[path as usize].clone(),
            line: (line != u32::MAX).then_some(line as usize),
        })
    }

    fn insert_if_new(&mut self, id: &str, origin: &Origin) {
        if self.paths.last() != Some(&origin.path) {
            self.paths.push(origin.path.clone());
        }
        let path = (self.paths.len() - 1) as u32;
        let line = origin
            .line
            .and_then(|l| u32::try_from(l).ok())
            .unwrap_or(u32::MAX);
        self.ids.entry(Self::key(id)).or_insert((path, line));
    }
}

fn note_line(last_line: &mut HashMap<String, usize>, key: &str, line: usize) {
    let last = last_line.entry(key.to_owned()).or_default();
    *last = (*last).max(line);
}

/// The articles of JSONL file `key` on lines after `last`.
fn lines_after(fields: Fields, key: &str, last: usize) -> Box<dyn Query> {
    let lower = Term::from_field_u64(fields.line, last as u64 + 1);
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.source, key),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>,
        ),
        (
            Occur::Must,
            Box::new(RangeQuery::new(Bound::Included(lower), Bound::Unbounded)),
        ),
    ]))
}

/// Reads files in order and sends their items in batches of about
/// [`BATCH_ARTICLES`] articles: many small files share a batch, a large file spans
/// several.
fn read_batches(files: &[PathBuf], tx: &mpsc::SyncSender<Vec<Segment>>) {
    let mut batch: Vec<Segment> = Vec::new();
    let mut articles = 0;
    let mut open = true;
    for path in files {
        let source_key = source_key(path);
        let mut segment = Segment {
            source_key: source_key.clone(),
            ends_file: false,
            items: Vec::new(),
            bytes: 0,
        };
        let mut counted = 0;
        let file_bytes = source::read_file(path, &mut |item| {
            if let Item::Article(a) = &item {
                articles += 1;
                segment.bytes += a.text.len() as u64;
                counted += a.text.len() as u64;
            }
            segment.items.push(item);
            if articles >= BATCH_ARTICLES && open {
                let next = Segment {
                    source_key: source_key.clone(),
                    ends_file: false,
                    items: Vec::new(),
                    bytes: 0,
                };
                batch.push(std::mem::replace(&mut segment, next));
                open = tx.send(std::mem::take(&mut batch)).is_ok();
                articles = 0;
            }
        });
        segment.bytes += file_bytes.saturating_sub(counted);
        segment.ends_file = true;
        batch.push(segment);
        if !open {
            return;
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(batch);
    }
}

/// Parses and extracts a batch's changed articles in parallel, in input order.
fn prepare(batch: &[Segment], fields: Fields, existing: Option<&Existing>) -> Vec<Prepared> {
    let articles: Vec<(&str, &RawArticle)> = batch
        .iter()
        .flat_map(|segment| {
            segment.items.iter().filter_map(move |item| match item {
                Item::Article(raw) => Some((segment.source_key.as_str(), raw)),
                _ => None,
            })
        })
        .collect();
    articles
        .into_par_iter()
        .map(|(source_key, raw)| {
            let slot = slot(source_key, &raw.origin);
            let hash = raw_hash(raw);
            let held = existing.map_or(SlotHolds::Nothing, |e| e.slot(&slot, hash));
            if let SlotHolds::Same(id) = held {
                return Prepared::Unchanged {
                    origin: raw.origin.clone(),
                    id,
                };
            }
            match record(raw) {
                Ok(record) => Prepared::Document {
                    origin: raw.origin.clone(),
                    doc: fields.document(&record, source_key, &slot, hash),
                    replaces: matches!(held, SlotHolds::Other)
                        || existing
                            .is_some_and(|e| e.has_term(&Term::from_field_text(e.id, &record.id))),
                    id: record.id,
                    slot,
                },
                Err(reason) => Prepared::Rejected(Problem {
                    origin: raw.origin.clone(),
                    reason,
                }),
            }
        })
        .collect()
}

/// The key under which a file's articles are replaced on re-indexing.
fn source_key(path: &Path) -> String {
    fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

fn progress_bar(enabled: bool, total_bytes: u64) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} indexing [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Meta;

    fn raw(text: &str) -> RawArticle {
        RawArticle {
            origin: Origin {
                path: "x.txt".into(),
                line: None,
            },
            id: None,
            text: text.to_owned(),
            meta: Meta::default(),
        }
    }

    #[test]
    fn ids_ignore_the_sidebar_but_not_the_story() {
        let story = "Judul Berita Yang Cukup Panjang\n\nIsi berita pertama.\n\nIsi kedua.";
        let a = record(&raw(&format!("{story}\n\nTerkini\n\nBerita lain hari ini"))).expect("ok");
        let b = record(&raw(&format!("{story}\n\nTerkini\n\nBerita lain besok"))).expect("ok");
        let c = record(&raw(&story.replace("pertama", "kedua"))).expect("ok");
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
        assert_eq!(a.id.len(), 16);
    }

    #[test]
    fn a_page_of_boilerplate_is_rejected() {
        assert_eq!(
            record(&raw("Sebarkan artikel ini\n\nBaca Juga: Berita lain")).unwrap_err(),
            SkipReason::OnlyBoilerplate
        );
    }
}
