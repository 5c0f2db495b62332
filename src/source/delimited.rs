//! CSV and TSV files of scraped articles → one [`RawArticle`] a row.
//!
//! The header row names the columns; [`ColumnNames`] finds the text, title,
//! date, URL, outlet, id and dateline among them (or takes the user's
//! `--columns`). Quoted fields may hold line breaks. Each row is reported by the
//! line it starts on; a row with no text is rejected on its own and the others
//! are read. A quote opened and never closed would swallow the rest of the file
//! into one field: that row is rejected with its line, and the rows after its
//! first line are read again as rows.

use std::fs;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use super::columns::{ColumnNames, Layout, Role};
use super::{decode, Decoded, Flow, Item, Origin, Problem, RawArticle, SkipReason, Warning};
use crate::article::Meta;

/// Bytes looked at for NUL bytes before a file is read as text.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Reads a CSV (`delimiter` b',') or TSV (b'\t') file. Returns the bytes read.
pub(super) fn read(
    path: &Path,
    mut file: fs::File,
    delimiter: u8,
    names: &ColumnNames,
    emit: &mut dyn FnMut(Item) -> Flow,
) -> u64 {
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let problem = |line, reason| {
        Item::Problem(Problem {
            origin: origin_of(path, line),
            reason,
        })
    };
    if let Err(reason) = rewind_if_text(&mut file) {
        let _ = emit(problem(None, reason));
        return size;
    }
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(io::BufReader::with_capacity(1 << 20, file));
    match header(&mut rows, names) {
        Ok(layout) => read_rows(path, &mut rows, &layout, delimiter, emit),
        Err((line, reason)) => {
            let _ = emit(problem(line, reason));
        }
    }
    size
}

fn origin_of(path: &Path, line: Option<usize>) -> Origin {
    Origin {
        path: path.to_path_buf(),
        line,
    }
}

/// Checks that the file is text (no NUL bytes at its start) and rewinds it.
fn rewind_if_text(file: &mut fs::File) -> Result<(), SkipReason> {
    let mut head = vec![0; BINARY_SNIFF_BYTES];
    let sniffed = read_up_to(file, &mut head);
    if head[..sniffed].contains(&0) {
        return Err(SkipReason::Binary);
    }
    file.seek(SeekFrom::Start(0))
        .map(|_| ())
        .map_err(|e| SkipReason::Unreadable(format!("cannot read it twice: {e}")))
}

/// Reads the header row and finds the columns in it; else the line and reason
/// the file is rejected for.
fn header<R: io::Read>(
    rows: &mut csv::Reader<R>,
    names: &ColumnNames,
) -> Result<Layout, (Option<usize>, SkipReason)> {
    let mut record = csv::ByteRecord::new();
    match rows.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => return Err((None, SkipReason::Empty)),
        Err(e) => return Err((Some(1), SkipReason::NotCsv(e.to_string()))),
    }
    let header: Vec<String> = record.iter().map(|f| text_of(f).0).collect();
    names
        .locate(&header)
        .map_err(|message| (Some(1), SkipReason::NoTextColumn(message)))
}

/// The rows after the header. Each row is held until the next one starts, so that
/// a row whose quote runs to the end of the file is known before it is handed on.
fn read_rows<R: io::Read>(
    path: &Path,
    rows: &mut csv::Reader<R>,
    layout: &Layout,
    delimiter: u8,
    emit: &mut dyn FnMut(Item) -> Flow,
) {
    let mut record = csv::ByteRecord::new();
    let mut warned_encoding = false;
    let mut any = false;
    let mut pending: Option<(Vec<Item>, u64, usize)> = None;
    loop {
        let start = rows.position().clone();
        match rows.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                if let Some((items, _, _)) = pending.take() {
                    if hand_on(items, emit).is_break() {
                        return;
                    }
                }
                let _ = emit(Item::Problem(Problem {
                    origin: origin_of(path, line),
                    reason: SkipReason::NotCsv(e.to_string()),
                }));
                return;
            }
        }
        let line = start.line() as usize;
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        any = true;
        let origin = origin_of(path, Some(line));
        let items = row_items(&record, layout, origin, &mut warned_encoding);
        if let Some((items, _, _)) = pending.replace((items, start.byte(), line)) {
            if hand_on(items, emit).is_break() {
                return;
            }
        }
    }
    if let Some((items, start, line)) = pending {
        last_row(path, items, start, line, delimiter, layout, emit);
    }
    if !any {
        let _ = emit(Item::Problem(Problem {
            origin: origin_of(path, None),
            reason: SkipReason::Empty,
        }));
    }
}

/// Hands on the last row, unless a quote opened in it is never closed: then the
/// row is rejected and the lines after its first are read as rows.
fn last_row(
    path: &Path,
    items: Vec<Item>,
    start: u64,
    line: usize,
    delimiter: u8,
    layout: &Layout,
    emit: &mut dyn FnMut(Item) -> Flow,
) {
    let Some(rest_at) = unclosed_quote_from(path, start, delimiter) else {
        let _ = hand_on(items, emit);
        return;
    };
    let message = "a quoted field opened on this row is never closed: it runs to the end of \
                   the file; the lines after this one are read as rows (close the quote with \")"
        .to_owned();
    let problem = Item::Problem(Problem {
        origin: origin_of(path, Some(line)),
        reason: SkipReason::NotCsv(message),
    });
    if emit(problem).is_continue() {
        reread_after(path, rest_at, line, delimiter, layout, emit);
    }
}

fn hand_on(items: Vec<Item>, emit: &mut dyn FnMut(Item) -> Flow) -> Flow {
    for item in items {
        emit(item)?;
    }
    Flow::Continue(())
}

/// Reads into `buf` until it is full or the file ends; the bytes read.
fn read_up_to(file: &mut fs::File, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    n
}

/// A field's text, and whether it was not UTF-8 (read as Windows-1252).
fn text_of(field: &[u8]) -> (String, bool) {
    match decode(field) {
        Decoded::Utf8(text) => (text, false),
        Decoded::Windows1252(text) => (text, true),
        Decoded::Binary => (String::from_utf8_lossy(field).replace('\0', ""), false),
    }
}

/// The article of one row (with a warning before it the first time a field is
/// not UTF-8), or the problem that keeps it out.
fn row_items(
    record: &csv::ByteRecord,
    layout: &Layout,
    origin: Origin,
    warned_encoding: &mut bool,
) -> Vec<Item> {
    let mut items = Vec::new();
    let mut field = |role: Role| -> Option<String> {
        let (text, not_utf8) = text_of(record.get(layout.get(role)?)?);
        if not_utf8 && !*warned_encoding {
            *warned_encoding = true;
            items.push(Item::Warning(Warning {
                origin: origin.clone(),
                message: "not UTF-8: read as Windows-1252 (from this row on, where needed)"
                    .to_owned(),
            }));
        }
        Some(text).filter(|t| !t.trim().is_empty())
    };
    let text = field(Role::Text);
    let meta = Meta {
        title: field(Role::Title),
        outlet: field(Role::Outlet),
        date: field(Role::Date),
        url: field(Role::Url),
        dateline: field(Role::Dateline),
        event_date: field(Role::EventDate),
        cleaned: false,
    };
    let id = field(Role::Id);
    items.push(match text {
        Some(text) => Item::Article(RawArticle {
            origin,
            id,
            text,
            meta,
            given: Default::default(),
        }),
        None => Item::Problem(Problem {
            origin,
            reason: SkipReason::NoText,
        }),
    });
    items
}

/// Where the line after the row starting at byte `start` begins, when a quoted
/// field of that row is never closed (RFC 4180: a field that starts with `"`
/// ends at a `"` not doubled).
fn unclosed_quote_from(path: &Path, start: u64, delimiter: u8) -> Option<u64> {
    let mut file = fs::File::open(path).ok()?;
    file.seek(SeekFrom::Start(start)).ok()?;
    let mut rest = Vec::new();
    file.read_to_end(&mut rest).ok()?;
    let mut in_quotes = false;
    let mut field_start = true;
    let mut i = 0;
    while i < rest.len() {
        let b = rest[i];
        if in_quotes {
            if b == b'"' {
                if rest.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if b == b'"' && field_start {
            in_quotes = true;
        } else if b == b'\n' {
            // The row ended with its quotes closed.
            return None;
        }
        field_start = b == delimiter || b == b'\n';
        i += 1;
    }
    if !in_quotes {
        return None;
    }
    let first_line_end = rest.iter().position(|&b| b == b'\n')?;
    Some(start + first_line_end as u64 + 1)
}

/// Reads the rows after a broken row's first line (line `line`), reporting each by
/// its line in the file.
fn reread_after(
    path: &Path,
    at: u64,
    line: usize,
    delimiter: u8,
    layout: &Layout,
    emit: &mut dyn FnMut(Item) -> Flow,
) {
    let Ok(mut file) = fs::File::open(path) else {
        return;
    };
    if file.seek(SeekFrom::Start(at)).is_err() {
        return;
    }
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(io::BufReader::new(file));
    let mut record = csv::ByteRecord::new();
    let mut warned = false;
    loop {
        let here = rows.position().line() as usize + line;
        match rows.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) | Err(_) => return,
        }
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let origin = Origin {
            path: path.to_path_buf(),
            line: Some(here),
        };
        if hand_on(row_items(&record, layout, origin, &mut warned), emit).is_break() {
            return;
        }
    }
}
