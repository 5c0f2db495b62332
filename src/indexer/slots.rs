//! Slots: where each article of the index came from, for incremental re-indexing.
//!
//! A slot is a `.txt` file, or one line of a `.jsonl` file. An article whose slot
//! already holds the same raw input (same text and metadata, same netra version)
//! is unchanged: it is counted and not parsed again. A slot whose input changed or
//! was rejected loses its old article; so does every line of a JSONL, CSV or TSV
//! file that no article of the run started on (past the end of a file that
//! shrank, or inside a row that now spans several lines).

use std::collections::HashMap;
use std::hash::Hasher;
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, SegmentReader, Term, TERMINATED};

use crate::schema::{self, Fields};
use crate::source::{Origin, RawArticle};

/// A hash of an article as read: what decides whether its slot is unchanged. The
/// version is in it, so a new netra parses everything again.
pub(super) fn raw_hash(raw: &RawArticle) -> u64 {
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
pub(super) fn slot(source_key: &str, origin: &Origin) -> String {
    match origin.line {
        Some(line) => format!("{source_key}:{line}"),
        None => source_key.to_owned(),
    }
}

/// What a slot of the index holds.
pub(super) enum SlotHolds {
    /// The same input, under this id.
    Same(String),
    Other,
    Nothing,
}

/// The articles of the index before this run, by slot, for the unchanged check.
pub(super) struct Existing {
    segments: Vec<ExistingSegment>,
    slot: Field,
    pub id: Field,
}

struct ExistingSegment {
    reader: SegmentReader,
    raw: Column<u64>,
    id: StrColumn,
}

impl Existing {
    pub(super) fn of(searcher: &Searcher, fields: Fields) -> Result<Existing> {
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
    pub(super) fn slot(&self, slot: &str, raw: u64) -> SlotHolds {
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
    pub(super) fn has_term(&self, term: &Term) -> bool {
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
    fn id_of(&self, doc: DocId) -> Option<String> {
        let mut id = String::new();
        let ord = self.id.term_ords(doc).next()?;
        self.id.ord_to_str(ord, &mut id).ok()?;
        Some(id)
    }
}

/// Where each id of this run was first seen, in a few bytes an article: peak
/// memory must not grow with the number of articles indexed.
#[derive(Default)]
pub(super) struct FirstSeen {
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

    pub(super) fn get(&self, id: &str) -> Option<Origin> {
        let &(path, line) = self.ids.get(&Self::key(id))?;
        Some(Origin {
            path: self.paths[path as usize].clone(),
            line: (line != u32::MAX).then_some(line as usize),
        })
    }

    pub(super) fn insert_if_new(&mut self, id: &str, origin: &Origin) {
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

/// The lines read of each many-article file (JSONL, CSV, TSV) still being read,
/// for emptying the slots no article of this run filled: lines past the end of
/// a file that shrank, and the lines of old rows that now fall inside a row
/// spanning several lines. A bit a line, dropped when the file is done.
#[derive(Default)]
pub(super) struct SeenLines(HashMap<String, Vec<u64>>);

impl SeenLines {
    pub(super) fn note(&mut self, key: &str, origin: &Origin) {
        if let Some(line) = origin.line {
            let bits = self.0.entry(key.to_owned()).or_default();
            if bits.len() <= line / 64 {
                bits.resize(line / 64 + 1, 0);
            }
            bits[line / 64] |= 1 << (line % 64);
        }
    }

    /// Forgets the lines of file `key` (an index built from nothing has no
    /// slots to empty).
    pub(super) fn forget(&mut self, key: &str) {
        self.0.remove(key);
    }

    /// The slots of file `key` the index held before this run that no article
    /// of this run filled (each once); forgets the file's lines.
    pub(super) fn unfilled(&mut self, existing: &Existing, key: &str) -> Vec<String> {
        let bits = self.0.remove(key).unwrap_or_default();
        let seen = |line: usize| {
            bits.get(line / 64)
                .is_some_and(|b| b & (1 << (line % 64)) != 0)
        };
        let prefix = format!("{key}:");
        let mut after = prefix.clone().into_bytes();
        // Just past every "key:…": the same bytes with the ':' raised by one.
        if let Some(last) = after.last_mut() {
            *last += 1;
        }
        let mut out: Vec<String> = Vec::new();
        for s in &existing.segments {
            let Ok(inverted) = s.reader.inverted_index(existing.slot) else {
                continue;
            };
            let Ok(mut terms) = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .lt(&after)
                .into_stream()
            else {
                continue;
            };
            while terms.advance() {
                let Ok(slot) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                let line = slot[prefix.len()..].parse::<usize>();
                if line.is_ok_and(|line| !seen(line)) {
                    out.push(slot.to_owned());
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
