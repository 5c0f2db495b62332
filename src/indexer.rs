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
//! article. Re-indexing replaces: the articles of a file indexed before are removed
//! before the file's current articles are added, and an id is never in the index
//! twice. The index changes only at the final commit: an interrupted run leaves the
//! previous index as it was.

use std::collections::HashMap;
use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use tantivy::{TantivyDocument, Term};

use crate::article;
use crate::extract;
use crate::schema::{Fields, Record};
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

/// A run of one file's items; a large file is cut into several segments.
struct Segment {
    source_key: String,
    /// The file's first segment: its articles from earlier runs are removed first.
    starts_file: bool,
    items: Vec<Item>,
    bytes: u64,
}

/// An article turned into a document, or the problem that stopped it.
type Prepared = Result<(Origin, String, TantivyDocument), Problem>;

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
    let mut first_seen: HashMap<String, Origin> = HashMap::new();

    let files = discovered.files;
    let result: Result<()> = std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Vec<Segment>>(2);
        scope.spawn(move || read_batches(&files, &tx));
        for batch in rx {
            let prepared = prepare(&batch, fields);
            let mut prepared = prepared.into_iter();
            for segment in batch {
                bar.inc(segment.bytes);
                report.bytes += segment.bytes;
                if segment.starts_file {
                    writer.delete_term(Term::from_field_text(fields.source, &segment.source_key));
                }
                for item in segment.items {
                    let doc = match item {
                        Item::Warning(w) => {
                            report.warnings.push(w);
                            continue;
                        }
                        Item::Problem(p) => {
                            report.rejected.push(p);
                            continue;
                        }
                        Item::Article(_) => prepared.next().expect("one prepared per article"),
                    };
                    let (origin, id, doc) = match doc {
                        Ok(doc) => doc,
                        Err(problem) => {
                            report.rejected.push(problem);
                            continue;
                        }
                    };
                    if let Some(first) = first_seen.get(&id) {
                        report.rejected.push(Problem {
                            origin,
                            reason: SkipReason::Duplicate(first.to_string()),
                        });
                        continue;
                    }
                    writer.delete_term(Term::from_field_text(fields.id, &id));
                    writer.add_document(doc).map_err(|e| store.explain(e))?;
                    first_seen.insert(id, origin);
                    report.articles += 1;
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
    let searcher = store.reader()?.searcher();
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
            starts_file: true,
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
                    starts_file: false,
                    items: Vec::new(),
                    bytes: 0,
                };
                batch.push(std::mem::replace(&mut segment, next));
                open = tx.send(std::mem::take(&mut batch)).is_ok();
                articles = 0;
            }
        });
        segment.bytes += file_bytes.saturating_sub(counted);
        batch.push(segment);
        if !open {
            return;
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(batch);
    }
}

/// Parses and extracts a batch's articles in parallel, in input order.
fn prepare(batch: &[Segment], fields: Fields) -> Vec<Prepared> {
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
            let record = record(raw).map_err(|reason| Problem {
                origin: raw.origin.clone(),
                reason,
            })?;
            let doc = fields.document(&record, source_key);
            Ok((raw.origin.clone(), record.id, doc))
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
