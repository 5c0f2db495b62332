//! Paths → index: walk → read → record → document → add; one commit.
//!
//! In: an [`IndexRequest`]. Out: an [`IndexReport`] that accounts for every input:
//! files read = files with articles + files rejected, and every rejected file or
//! line is listed with its reason.
//!
//! - [`read`]: one thread reads the files in order and sends batches of items;
//! - [`prepare`]: each batch's articles are parsed, extracted
//!   ([`crate::record`]) and turned into documents in parallel, in input order;
//! - this module hands them to tantivy's writer in input order, so which of two
//!   identical articles is kept does not depend on thread timing, and commits
//!   once at the end: an interrupted run leaves the previous index as it was;
//! - [`slots`]: what the index held before, for incremental re-indexing — an
//!   article whose slot (a `.txt` file, a JSONL line) holds the same input is not
//!   parsed again, a changed one replaces its old version, and an id is never in
//!   the index twice.
//!
//! When the writer fails, the reader is told at its next item and stops: the
//! error is reported without reading the rest of a large file.

mod prepare;
mod read;
mod slots;

use std::fs;
use std::path::PathBuf;
use std::sync::mpsc;

use anyhow::{anyhow, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tantivy::{IndexWriter, TantivyDocument, Term};

use self::prepare::{prepare, Prepared};
use self::read::{read_batches, FileChunk};
use self::slots::{Existing, FirstSeen, SeenLines};
use crate::schema::Fields;
use crate::source::{self, Item, Origin, Problem, SkipReason, Warning};
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
    /// How files are read (scrapers' column names).
    pub read: source::ReadOptions,
}

/// What an indexing run did. Every input (a `.txt` file, a JSONL line, a path that
/// could not be read) is either one of `articles`, one of `unchanged`, or one of
/// `rejected`.
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
    /// Articles whose boilerplate rules removed more than half of the page's
    /// text (indexed as cleaned), with what each rule removed.
    pub cleaned_most: Vec<(Origin, String)>,
    pub bytes: u64,
    /// Articles in the index after the commit.
    pub total_in_index: u64,
}

impl IndexReport {
    /// Inputs rejected for a reason other than being a copy of an article that
    /// was indexed: input that is not in the index.
    pub fn lost(&self) -> usize {
        self.rejected
            .iter()
            .filter(|p| !matches!(p.reason, SkipReason::Duplicate(_)))
            .count()
    }
}

/// Runs the indexing described by `req`.
pub fn run(req: &IndexRequest) -> Result<IndexReport> {
    let discovered = source::discover(&req.paths);
    let store = Store::create_or_open(&req.index_dir, req.rebuild)?;
    let writer = store.writer(req.memory_budget)?;
    let existing = if req.rebuild {
        writer
            .delete_all_documents()
            .map_err(|e| store.explain(e))?;
        None
    } else {
        let searcher = store.reader()?.searcher();
        let existing = Existing::of(&searcher, store.fields)
            .map_err(|e| anyhow!("cannot read the index at {}: {e:#}", store.dir.display()))?;
        Some(existing)
    };
    let total_bytes: u64 = discovered
        .files
        .iter()
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let bar = progress_bar(req.progress, total_bytes);
    let mut writing = Writing {
        store: &store,
        fields: store.fields,
        writer,
        existing,
        report: IndexReport {
            files: discovered.files.len(),
            ignored_files: discovered.ignored,
            rejected: discovered.problems,
            ..IndexReport::default()
        },
        first_seen: FirstSeen::default(),
        seen_lines: SeenLines::default(),
    };
    let files = discovered.files;
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = mpsc::sync_channel::<Vec<FileChunk>>(2);
        let read = &req.read;
        scope.spawn(move || read_batches(&files, read, &tx));
        // An error returns from here and drops `rx`: the reader stops.
        for batch in rx {
            let prepared = prepare(&batch, writing.fields, writing.existing.as_ref());
            writing.apply_batch(batch, prepared, &bar)?;
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    writing.commit()
}

/// The state of a run between the reader and the commit.
struct Writing<'a> {
    store: &'a Store,
    fields: Fields,
    writer: IndexWriter<TantivyDocument>,
    /// What the index held before this run (nothing after `--rebuild`).
    existing: Option<Existing>,
    report: IndexReport,
    first_seen: FirstSeen,
    seen_lines: SeenLines,
}

impl Writing<'_> {
    /// Applies a batch, item by item in input order; `prepared` holds one entry
    /// for each of its articles.
    fn apply_batch(
        &mut self,
        batch: Vec<FileChunk>,
        prepared: Vec<Prepared>,
        bar: &ProgressBar,
    ) -> Result<()> {
        let mut prepared = prepared.into_iter();
        for chunk in batch {
            bar.inc(chunk.bytes);
            self.report.bytes += chunk.bytes;
            for item in chunk.items {
                let outcome = match item {
                    Item::Warning(w) => {
                        self.report.warnings.push(w);
                        continue;
                    }
                    Item::Problem(p) => Prepared::Rejected(p),
                    Item::Article(_) => prepared.next().expect("one prepared per article"),
                };
                self.apply(&chunk.source_key, outcome)?;
            }
            if chunk.ends_file {
                self.empty_unfilled_slots(&chunk.source_key);
            }
        }
        Ok(())
    }

    fn apply(&mut self, key: &str, outcome: Prepared) -> Result<()> {
        match outcome {
            Prepared::Unchanged { origin, id } => {
                self.seen_lines.note(key, &origin);
                self.first_seen.insert_if_new(&id, &origin);
                self.report.unchanged += 1;
            }
            Prepared::Rejected(problem) => {
                // Whatever the slot held before is no longer in the file.
                if problem.origin.line.is_some() || !source::holds_many(&problem.origin.path) {
                    let slot = slots::slot(key, &problem.origin);
                    self.writer
                        .delete_term(Term::from_field_text(self.fields.slot, &slot));
                }
                self.seen_lines.note(key, &problem.origin);
                self.report.rejected.push(problem);
            }
            Prepared::Document {
                origin,
                id,
                slot,
                doc,
                replaces,
                cleaned_most,
            } => {
                self.seen_lines.note(key, &origin);
                if let Some(summary) = cleaned_most {
                    self.report.cleaned_most.push((origin.clone(), summary));
                }
                self.add(origin, &id, &slot, doc, replaces)?;
            }
        }
        Ok(())
    }

    /// Adds a document, unless this run already indexed its id (a duplicate).
    fn add(
        &mut self,
        origin: Origin,
        id: &str,
        slot: &str,
        doc: TantivyDocument,
        replaces: bool,
    ) -> Result<()> {
        if replaces {
            self.writer
                .delete_term(Term::from_field_text(self.fields.slot, slot));
        }
        if let Some(first) = self.first_seen.get(id) {
            self.report.rejected.push(Problem {
                origin,
                reason: SkipReason::Duplicate(first.to_string()),
            });
            return Ok(());
        }
        if replaces {
            self.writer
                .delete_term(Term::from_field_text(self.fields.id, id));
        }
        self.writer
            .add_document(doc)
            .map_err(|e| self.store.explain(e))?;
        self.first_seen.insert_if_new(id, &origin);
        self.report.articles += 1;
        Ok(())
    }

    /// The lines of a many-article file that held an article before and hold
    /// none now (past the end, or inside a longer row) leave the index.
    fn empty_unfilled_slots(&mut self, key: &str) {
        let Some(existing) = &self.existing else {
            self.seen_lines.forget(key);
            return;
        };
        if !source::holds_many(std::path::Path::new(key)) {
            return;
        }
        for slot in self.seen_lines.unfilled(existing, key) {
            self.writer
                .delete_term(Term::from_field_text(self.fields.slot, &slot));
        }
    }

    /// Commits, waits for merges, and clusters the officials of the new commit.
    fn commit(mut self) -> Result<IndexReport> {
        let store = self.store;
        self.writer.commit().map_err(|e| store.explain(e))?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| store.explain(e))?;
        Owner::clear(&store.dir);
        let reader = store.reader()?;
        reader.reload().map_err(|e| store.explain(e))?;
        let searcher = reader.searcher();
        self.report.total_in_index = searcher.num_docs();
        if let Err(e) = store.write_people(&searcher) {
            self.report.warnings.push(Warning {
                origin: Origin {
                    path: store.dir.clone(),
                    line: None,
                },
                message: format!("{e:#}: searches will cluster officials' spellings themselves"),
            });
        }
        Ok(self.report)
    }
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
