//! The reading thread: files, in order → batches of [`FileChunk`]s for the writer.
//!
//! Many small files share a batch; a large JSONL file spans several, cut into
//! chunks. When the writer stops (it failed, or the run is over), the channel
//! closes and reading stops at the next item, not at the end of a large file.

use std::fs;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use crate::source::{self, Item};

/// Articles parsed together; large enough to keep both cores busy.
pub(super) const BATCH_ARTICLES: usize = 512;

/// A run of one file's items; a large file is cut into several chunks.
pub(super) struct FileChunk {
    /// The file, as the index keys its articles ([`source_key`]).
    pub source_key: String,
    /// The file's last chunk: slots past its last line are emptied after it.
    pub ends_file: bool,
    pub items: Vec<Item>,
    /// Input bytes this chunk accounts for.
    pub bytes: u64,
}

impl FileChunk {
    fn new(source_key: &str) -> FileChunk {
        FileChunk {
            source_key: source_key.to_owned(),
            ends_file: false,
            items: Vec::new(),
            bytes: 0,
        }
    }
}

/// Reads `files` in order and sends their items in batches of about
/// [`BATCH_ARTICLES`] articles, until the files end or the receiver hangs up.
/// Returns the bytes read.
pub(super) fn read_batches(
    files: &[PathBuf],
    options: &source::ReadOptions,
    tx: &mpsc::SyncSender<Vec<FileChunk>>,
) -> u64 {
    let mut batch: Vec<FileChunk> = Vec::new();
    let mut articles = 0;
    let mut read = 0;
    for path in files {
        let key = source_key(path);
        let mut chunk = FileChunk::new(&key);
        let mut counted = 0;
        let mut open = true;
        let file_bytes = source::read_file_with(path, options, &mut |item| {
            if let Item::Article(a) = &item {
                articles += 1;
                chunk.bytes += a.text.len() as u64;
                counted += a.text.len() as u64;
            }
            chunk.items.push(item);
            if articles < BATCH_ARTICLES {
                return ControlFlow::Continue(());
            }
            batch.push(std::mem::replace(&mut chunk, FileChunk::new(&key)));
            articles = 0;
            open = tx.send(std::mem::take(&mut batch)).is_ok();
            if open {
                ControlFlow::Continue(())
            } else {
                ControlFlow::Break(())
            }
        });
        read += file_bytes;
        if !open {
            return read;
        }
        chunk.bytes += file_bytes.saturating_sub(counted);
        chunk.ends_file = true;
        batch.push(chunk);
    }
    if !batch.is_empty() {
        // The receiver may have stopped already; then nothing is left to do.
        let _ = tx.send(batch);
    }
    read
}

/// The key under which a file's articles are replaced on re-indexing.
pub(super) fn source_key(path: &Path) -> String {
    fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_stops_when_the_receiver_hangs_up() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.jsonl");
        let line = "{\"text\": \"ASN menjaga netralitas.\"}\n";
        let size = (line.len() * BATCH_ARTICLES * 20) as u64;
        fs::write(&path, line.repeat(BATCH_ARTICLES * 20)).expect("write");
        let (tx, rx) = mpsc::sync_channel::<Vec<FileChunk>>(0);
        let reader =
            std::thread::spawn(move || read_batches(&[path], &source::ReadOptions::default(), &tx));
        let first = rx.recv().expect("a first batch");
        let articles = |b: &[FileChunk]| {
            b.iter()
                .flat_map(|c| &c.items)
                .filter(|i| matches!(i, Item::Article(_)))
                .count()
        };
        assert_eq!(articles(&first), BATCH_ARTICLES);
        assert!(!first[0].ends_file);
        drop(rx);
        // The reader sees the hang-up at its next batch and returns without
        // reading the rest of the file.
        let read = reader.join().expect("the reader returns");
        assert!(read < size / 4, "read {read} of {size} bytes");
    }
}
