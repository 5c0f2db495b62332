//! The index folder: create, open, check its format, take the writer lock, and
//! turn tantivy's errors into messages a user can act on.
//!
//! A netra index is a tantivy index plus `netra.json`, which records the index
//! format ([`FORMAT_VERSION`]). A folder may hold other files (the default `index/`
//! holds a README); only tantivy's files and `netra.json` are ever removed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use tantivy::directory::error::{LockError, OpenDirectoryError, OpenReadError};
use tantivy::{
    Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, TantivyError,
};

use crate::analysis;
use crate::schema::{self, Fields, FORMAT_VERSION};
use crate::search::people::{People, Renames};

const MARKER: &str = "netra.json";
const TANTIVY_META: &str = "meta.json";

#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    format: u32,
    netra: String,
}

/// Officials' spellings clustered at the last commit (see [`People::write`]).
const PEOPLE: &str = "people.tsv";

/// An open index. Its reader and its people are made on first use and kept, so a
/// long-lived `Store` searches the commit it first read; open a new one to see
/// later commits.
pub struct Store {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
    reader: OnceLock<IndexReader>,
    people: OnceLock<People>,
    renames: OnceLock<Renames>,
}

/// Whether `dir` holds an index (of any version).
pub fn exists(dir: &Path) -> bool {
    dir.join(TANTIVY_META).is_file()
}

impl Store {
    /// Opens an existing index for searching.
    pub fn open(dir: &Path) -> Result<Store> {
        if !exists(dir) {
            bail!(
                "no index at {}: build one with `netra index <FOLDER> --index {}`",
                dir.display(),
                dir.display()
            );
        }
        check_format(dir)?;
        let index = Index::open_in_dir(dir).map_err(|e| explain(e, dir))?;
        Store::wrap(index, dir)
    }

    /// Opens the index at `dir` for writing, creating it when there is none.
    /// With `rebuild`, the index files are removed first, whatever state they are
    /// in (an old format, damage), and a new index is created.
    pub fn create_or_open(dir: &Path, rebuild: bool) -> Result<Store> {
        if rebuild && (exists(dir) || dir.join(MARKER).exists()) {
            remove_index_files(dir)?;
        }
        if exists(dir) {
            return Store::open(dir);
        }
        fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the index folder {}", dir.display()))?;
        let index = Index::create_in_dir(dir, schema::schema()).map_err(|e| explain(e, dir))?;
        let marker = Marker {
            format: FORMAT_VERSION,
            netra: env!("CARGO_PKG_VERSION").to_owned(),
        };
        let json = serde_json::to_string_pretty(&marker).expect("marker serializes");
        fs::write(dir.join(MARKER), json + "\n")
            .with_context(|| format!("cannot write {}", dir.join(MARKER).display()))?;
        Store::wrap(index, dir)
    }

    fn wrap(index: Index, dir: &Path) -> Result<Store> {
        analysis::register(index.tokenizers());
        let fields = Fields::of(&index.schema()).map_err(|e| {
            anyhow!(
                "the index at {} does not have netra's layout ({e:#}): rebuild it with `netra index <FOLDER> --index {} --rebuild`",
                dir.display(),
                dir.display()
            )
        })?;
        Ok(Store {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader: OnceLock::new(),
            people: OnceLock::new(),
            renames: OnceLock::new(),
        })
    }

    /// Takes the index's single writer lock.
    pub fn writer(&self, memory_budget: usize) -> Result<IndexWriter<TantivyDocument>> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        // tantivy needs at least 15 MB a thread.
        let threads = threads.min((memory_budget / 15_000_000).max(1));
        let writer = self
            .index
            .writer_with_num_threads(threads, memory_budget)
            .map_err(|e| explain(e, &self.dir))?;
        Owner::record(&self.dir);
        // Segment files left by an interrupted or failed run (killed, disk full)
        // are not in the last commit: remove them before writing more.
        writer
            .garbage_collect_files()
            .wait()
            .map_err(|e| explain(e, &self.dir))?;
        Ok(writer)
    }

    /// A reader on the last commit when first called; it never waits for a writer.
    pub fn reader(&self) -> Result<&IndexReader> {
        if let Some(reader) = self.reader.get() {
            return Ok(reader);
        }
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| explain(e, &self.dir))?;
        Ok(self.reader.get_or_init(|| reader))
    }

    /// The officials of the index searched by `searcher`: read from the file the
    /// last indexing run wrote, or, when that file is missing or stale, clustered
    /// from the index's official facets.
    pub fn people(&self, searcher: &Searcher) -> Result<&People> {
        if let Some(people) = self.people.get() {
            return Ok(people);
        }
        let people = match People::read(&self.dir.join(PEOPLE), &state(searcher)) {
            Some(people) => people,
            None => People::of_index(searcher, &self.fields).map_err(|e| anyhow!("{e:#}"))?,
        };
        Ok(self.people.get_or_init(|| people))
    }

    /// The officials' spellings that are not canonical, for showing hits and counts:
    /// read without the rest of the people when possible.
    pub fn renames(&self, searcher: &Searcher) -> Result<&Renames> {
        if let Some(renames) = self.renames.get() {
            return Ok(renames);
        }
        let renames = match self.people.get() {
            Some(people) => people.renames().clone(),
            None => match Renames::read(&self.dir.join(PEOPLE), &state(searcher)) {
                Some(renames) => renames,
                None => self.people(searcher)?.renames().clone(),
            },
        };
        Ok(self.renames.get_or_init(|| renames))
    }

    /// Clusters the officials of the last commit and writes them beside the index,
    /// so that searches need not. A failure only costs later searches time.
    pub fn write_people(&self, searcher: &Searcher) -> Result<()> {
        let people = People::of_index(searcher, &self.fields).map_err(|e| anyhow!("{e:#}"))?;
        let path = self.dir.join(PEOPLE);
        people
            .write(&path, &state(searcher))
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// Turns an error met while using this index into an actionable one.
    pub fn explain(&self, e: TantivyError) -> anyhow::Error {
        explain(e, &self.dir)
    }
}

/// What identifies the committed index a searcher reads: its segments and their
/// deletions. Any commit that changes the documents changes it.
fn state(searcher: &Searcher) -> String {
    let mut segments: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|s| format!("{}:{}", s.segment_id().uuid_string(), s.num_deleted_docs()))
        .collect();
    segments.sort();
    segments.join(",")
}

fn check_format(dir: &Path) -> Result<()> {
    let path = dir.join(MARKER);
    let rebuild = format!(
        "rebuild it with `netra index <FOLDER> --index {} --rebuild`",
        dir.display()
    );
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => bail!(
            "the index at {} was not built by netra (no {MARKER}): {rebuild}",
            dir.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let marker: Marker = serde_json::from_str(&text)
        .map_err(|e| anyhow!("{} is damaged ({e}): {rebuild}", path.display()))?;
    if marker.format != FORMAT_VERSION {
        bail!(
            "the index at {} has format {} (netra {}), and this netra {} reads format {FORMAT_VERSION}: {rebuild}",
            dir.display(),
            marker.format,
            marker.netra,
            env!("CARGO_PKG_VERSION"),
        );
    }
    Ok(())
}

/// tantivy's own files in an index folder: its metadata and its segment files.
fn is_index_file(name: &str) -> bool {
    if matches!(
        name,
        TANTIVY_META
            | MARKER
            | OWNER
            | PEOPLE
            | ".managed.json"
            | ".tantivy-meta.lock"
            | ".tantivy-writer.lock"
    ) {
        return true;
    }
    let Some((stem, ext)) = name.split_once('.') else {
        return false;
    };
    stem.len() == 32
        && stem.bytes().all(|b| b.is_ascii_hexdigit())
        && ext
            .split('.')
            .any(|part| ["idx", "pos", "term", "store", "fast", "fieldnorm", "del"].contains(&part))
}

fn remove_index_files(dir: &Path) -> Result<()> {
    // Refuse while another process holds the writer lock.
    if let Ok(old) = Index::open_in_dir(dir) {
        let writer: Result<IndexWriter<TantivyDocument>, _> = old.writer(15_000_000);
        writer.map_err(|e| explain(e, dir))?;
    }
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let entry = entry?;
        let name = entry.file_name();
        if is_index_file(&name.to_string_lossy()) {
            fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// A tantivy error as a message that names the index and says what to do.
pub fn explain(e: TantivyError, dir: &Path) -> anyhow::Error {
    let d = dir.display();
    let rebuild = format!("rebuild it with `netra index <FOLDER> --index {d} --rebuild`");
    if is_disk_full(&e, dir) {
        return anyhow!(
            "the disk holding {d} is full: free some space and run `netra index` again (the index keeps its last commit)"
        );
    }
    match e {
        TantivyError::LockFailure(LockError::LockBusy, _) => {
            let holder = Owner::read(dir).map_or_else(
                || "another writer (a `netra index` still running?)".to_owned(),
                |o| o.to_string(),
            );
            anyhow!("the index at {d} is in use by {holder}; wait for it to finish and try again")
        }
        TantivyError::IncompatibleIndex(inc) => {
            anyhow!("the index at {d} was written by an incompatible version ({inc:?}): {rebuild}")
        }
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(file)) => anyhow!(
            "the index at {d} is damaged: {} is missing; {rebuild}",
            file.display()
        ),
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => anyhow!(
            "the index at {d} is damaged: {} cannot be read ({}); {rebuild}",
            filepath.display(),
            io_error
                .to_string()
                .split(". ")
                .next()
                .unwrap_or("unreadable")
        ),
        TantivyError::OpenReadError(OpenReadError::IncompatibleIndex(inc)) => {
            anyhow!("the index at {d} was written by an incompatible version ({inc:?}): {rebuild}")
        }
        TantivyError::OpenDirectoryError(OpenDirectoryError::DoesNotExist(_)) => {
            anyhow!("no index at {d}: build one with `netra index <FOLDER> --index {d}`")
        }
        TantivyError::DataCorruption(c) => {
            anyhow!("the index at {d} is damaged ({c:?}); {rebuild}")
        }
        other => anyhow!("index at {d}: {other}"),
    }
}

/// Whether an error, however tantivy wrapped it, comes from a full disk. A worker
/// thread's failure reaches us only as "an index writer was killed", so for errors
/// that may hide an I/O failure the disk itself is asked, by writing a probe file.
fn is_disk_full(e: &TantivyError, dir: &Path) -> bool {
    let io_full = |io: &io::Error| io.kind() == io::ErrorKind::StorageFull;
    match e {
        TantivyError::IoError(io) if io_full(io) => true,
        TantivyError::OpenWriteError(tantivy::directory::error::OpenWriteError::IoError {
            io_error,
            ..
        }) if io_full(io_error) => true,
        TantivyError::IoError(_)
        | TantivyError::OpenWriteError(_)
        | TantivyError::ErrorInThread(_)
        | TantivyError::InternalError(_) => no_room_for_probe(dir),
        _ => false,
    }
}

/// Bytes the probe tries to write: more than a filesystem's last partial block.
const PROBE_BYTES: usize = 1 << 20;

fn no_room_for_probe(dir: &Path) -> bool {
    let probe = dir.join("netra-space-probe.tmp");
    let written = fs::write(&probe, vec![0u8; PROBE_BYTES]);
    let _ = fs::remove_file(&probe);
    matches!(written, Err(e) if e.kind() == io::ErrorKind::StorageFull)
}

const OWNER: &str = "netra-writer.json";

/// Who holds an index's writer lock, written beside the lock so that a second
/// writer can say what it is waiting for. Only read while the lock is held.
#[derive(Debug, Serialize, Deserialize)]
pub struct Owner {
    pid: u32,
    command: String,
    /// Seconds since 1970 when the writer started.
    since: u64,
}

impl Owner {
    fn read(dir: &Path) -> Option<Owner> {
        serde_json::from_str(&fs::read_to_string(dir.join(OWNER)).ok()?).ok()
    }

    /// Records this process as the holder of `dir`'s writer lock.
    pub fn record(dir: &Path) {
        let owner = Owner {
            pid: std::process::id(),
            command: std::env::args().collect::<Vec<_>>().join(" "),
            since: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        };
        if let Ok(json) = serde_json::to_string(&owner) {
            // Best effort: the lock itself is tantivy's; this only explains it.
            let _ = fs::write(dir.join(OWNER), json);
        }
    }

    /// Removes the record when the writer is done.
    pub fn clear(dir: &Path) {
        let _ = fs::remove_file(dir.join(OWNER));
    }
}

impl std::fmt::Display for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        write!(
            f,
            "process {} (`{}`, started {}s ago)",
            self.pid,
            self.command,
            now.saturating_sub(self.since)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tantivy_files_are_index_files() {
        assert!(is_index_file("meta.json"));
        assert!(is_index_file("0123456789abcdef0123456789abcdef.idx"));
        assert!(is_index_file("0123456789abcdef0123456789abcdef.12.del"));
        assert!(!is_index_file("README.md"));
        assert!(!is_index_file("notes.idx"));
    }

    #[test]
    fn missing_and_foreign_indexes_are_explained() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = Store::open(dir.path()).err().expect("no index yet");
        assert!(format!("{err:#}").contains("no index at"));

        fs::write(dir.path().join(TANTIVY_META), "{}").expect("write");
        let err = Store::open(dir.path()).err().expect("not netra's");
        assert!(format!("{err:#}").contains("not built by netra"), "{err:#}");

        fs::write(
            dir.path().join(MARKER),
            r#"{"format": 999, "netra": "9.9.9"}"#,
        )
        .expect("write");
        let err = Store::open(dir.path()).err().expect("future format");
        let msg = format!("{err:#}");
        assert!(
            msg.contains("format 999") && msg.contains("--rebuild"),
            "{msg}"
        );
    }

    #[test]
    fn a_second_writer_is_told_the_index_is_in_use() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::create_or_open(dir.path(), false).expect("create");
        let _first = store.writer(30_000_000).expect("first writer");
        let err = store
            .writer(30_000_000)
            .err()
            .expect("second writer refused");
        let msg = format!("{err:#}");
        assert!(msg.contains("is in use by process"), "{msg}");
        assert!(msg.contains(&std::process::id().to_string()), "{msg}");
    }

    #[test]
    fn rebuild_removes_an_incompatible_index_but_not_other_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        Store::create_or_open(dir.path(), false).expect("create");
        fs::write(dir.path().join("README.md"), "keep me").expect("write");
        fs::write(
            dir.path().join(MARKER),
            r#"{"format": 0, "netra": "0.0.0"}"#,
        )
        .expect("write");
        assert!(Store::open(dir.path()).is_err());
        Store::create_or_open(dir.path(), true).expect("rebuild");
        Store::open(dir.path()).expect("opens after rebuild");
        assert!(dir.path().join("README.md").exists());
    }
}
