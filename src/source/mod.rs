//! Files on disk → [`RawArticle`]s, with every input that could not be read
//! reported as a [`Problem`] (path, line, [`SkipReason`]).
//!
//! - Folders are walked recursively (symlink loops are reported, not followed
//!   forever); `.txt` files hold one article, `.jsonl` files one article a line
//!   (`text`, optional `id`, `title`, `url`, `date`, `outlet`, `dateline`), `.csv`
//!   and `.tsv` files one article a row ([`delimited`]; the columns' names as
//!   scrapers write them, [`columns`]). Other files found in folders are counted as
//!   ignored; another file named explicitly is a problem. `.html` and `.htm`
//!   files are saved pages: their main content and metadata ([`html`]).
//! - Text that is not UTF-8 is decoded as Windows-1252, with a warning. A byte-order
//!   mark is dropped. A file with NUL bytes is binary and rejected.
//! - A JSONL line that is not a JSON object or has no `text` is rejected on its own;
//!   the other lines of the file are still read. A metadata field of the wrong type
//!   is ignored with a warning, and the article is kept.

use std::fmt;
use std::fs;
use std::io::{self, BufRead};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::article::Meta;
use crate::facet::{FacetPath, OfficialPath, PledgeType, RegionPath};

pub mod columns;
mod delimited;
mod html;

pub use self::columns::{ColumnNames, Role};

/// How files are read: the user's names for scrapers' columns.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub columns: ColumnNames,
}

/// Where an article or a problem came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: PathBuf,
    /// 1-based line number in a JSONL file.
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path.display()),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

/// One article's text as read, before parsing.
#[derive(Debug, Clone)]
pub struct RawArticle {
    pub origin: Origin,
    /// The `id` of a JSONL line, when it had one.
    pub id: Option<String>,
    pub text: String,
    pub meta: Meta,
    /// Facets that came with the text (a netra export, or labels an analyst
    /// corrected): each one given replaces what extraction would find. Boxed:
    /// most inputs give none.
    pub given: Box<Given>,
}

/// Facets given with an article: `None` where the input says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Given {
    pub regions: Option<Vec<RegionPath>>,
    pub officials: Option<Vec<OfficialPath>>,
    pub leaders: Option<Vec<OfficialPath>>,
    pub pledges: Option<Vec<PledgeType>>,
}

/// Why an input was not turned into an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    Unreadable(String),
    Empty,
    Binary,
    NotJson(String),
    NotAnObject,
    NoText,
    UnsupportedType,
    /// A CSV or TSV file that cannot be read as one.
    NotCsv(String),
    /// A CSV or TSV header with no column for the text.
    NoTextColumn(String),
    /// Nothing was left once site boilerplate was removed.
    OnlyBoilerplate,
    /// The same text was already read from another input in this run.
    Duplicate(String),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Unreadable(e) => write!(f, "cannot be read: {e}"),
            SkipReason::Empty => write!(f, "empty: no text to index"),
            SkipReason::Binary => write!(f, "binary data, not text (is it an image or archive?)"),
            SkipReason::NotJson(e) => write!(f, "not valid JSON: {e}"),
            SkipReason::NotAnObject => write!(f, "not a JSON object: expected {{\"text\": ...}}"),
            SkipReason::NoText => write!(
                f,
                "no \"text\" string (or an empty text column): nothing to index"
            ),
            SkipReason::UnsupportedType => {
                write!(
                    f,
                    "not a .txt, .jsonl, .csv, .tsv or .html file: give article files or folders"
                )
            }
            SkipReason::NotCsv(e) => write!(f, "not valid CSV: {e}"),
            SkipReason::NoTextColumn(e) => write!(f, "{e}"),
            SkipReason::OnlyBoilerplate => {
                write!(f, "no story text once site boilerplate is removed")
            }
            SkipReason::Duplicate(first) => write!(f, "same text as {first}: indexed once"),
        }
    }
}

impl SkipReason {
    /// A short name for counting reasons in a summary.
    pub fn label(&self) -> &'static str {
        match self {
            SkipReason::Unreadable(_) => "unreadable",
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::NotJson(_) => "invalid JSON",
            SkipReason::NotAnObject => "not a JSON object",
            SkipReason::NoText => "no text",
            SkipReason::UnsupportedType => "unsupported file type",
            SkipReason::NotCsv(_) => "invalid CSV",
            SkipReason::NoTextColumn(_) => "no text column",
            SkipReason::OnlyBoilerplate => "only boilerplate",
            SkipReason::Duplicate(_) => "duplicate",
        }
    }
}

/// An input that was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub origin: Origin,
    pub reason: SkipReason,
}

/// Something odd about an input that was still read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub origin: Origin,
    pub message: String,
}

/// What discovery found under the given paths.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<PathBuf>,
    pub problems: Vec<Problem>,
    /// Files inside folders that are neither `.txt` nor `.jsonl`.
    pub ignored: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    JsonLines,
    Csv,
    Tsv,
    Html,
}

/// Whether `path` holds many articles, each at its own line (JSON Lines, CSV,
/// TSV), rather than one.
pub fn holds_many(path: &Path) -> bool {
    matches!(
        format_of(path),
        Some(Format::JsonLines | Format::Csv | Format::Tsv)
    )
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Some(Format::Text),
        "jsonl" | "ndjson" => Some(Format::JsonLines),
        "csv" => Some(Format::Csv),
        "tsv" | "tab" => Some(Format::Tsv),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        _ => None,
    }
}

/// Finds the article files under `paths`, in a stable (sorted) order. A file named
/// twice (directly, through two folders or through a link) is listed once.
pub fn discover(paths: &[PathBuf]) -> Discovered {
    let mut found = Discovered::default();
    found_files(paths, &mut found);
    let mut seen = std::collections::HashSet::new();
    found
        .files
        .retain(|path| seen.insert(fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    found
}

fn found_files(paths: &[PathBuf], found: &mut Discovered) {
    for root in paths {
        let problem = |reason| Problem {
            origin: Origin {
                path: root.clone(),
                line: None,
            },
            reason,
        };
        match fs::metadata(root) {
            Err(e) => found
                .problems
                .push(problem(SkipReason::Unreadable(io_message(&e)))),
            Ok(meta) if meta.is_file() => match format_of(root) {
                Some(_) => found.files.push(root.clone()),
                None => found.problems.push(problem(SkipReason::UnsupportedType)),
            },
            Ok(_) => walk(root, found),
        }
    }
}

fn walk(root: &Path, found: &mut Discovered) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if format_of(entry.path()).is_some() {
                    found.files.push(entry.into_path());
                } else {
                    found.ignored += 1;
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                let message = match (e.loop_ancestor(), e.io_error()) {
                    (Some(ancestor), _) => {
                        format!("symbolic link loop back to {}", ancestor.display())
                    }
                    (None, Some(io)) => io_message(io),
                    (None, None) => e.to_string(),
                };
                found.problems.push(Problem {
                    origin: Origin { path, line: None },
                    reason: SkipReason::Unreadable(message),
                });
            }
        }
    }
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// What reading a file yields, in file order.
#[derive(Debug)]
pub enum Item {
    Article(RawArticle),
    Problem(Problem),
    Warning(Warning),
}

/// Bytes looked at for NUL bytes before a JSONL file is streamed.
const BINARY_SNIFF_BYTES: usize = 8192;

/// What a reader of [`read_file`] says after each item: go on, or stop reading
/// (the consumer failed, or has what it needs), as ripgrep's `Sink` can.
pub type Flow = ControlFlow<()>;

/// Reads one file found by [`discover`], handing each article, problem and warning
/// to `emit` as soon as it is read: a JSONL file is streamed a line at a time, so
/// memory does not grow with the file. Stops as soon as `emit` says
/// [`ControlFlow::Break`]. Returns the bytes read.
pub fn read_file(path: &Path, emit: &mut dyn FnMut(Item) -> Flow) -> u64 {
    read_file_with(path, &ReadOptions::default(), emit)
}

/// [`read_file`] with the user's [`ReadOptions`].
// One piece: the formats' dispatch and the one-article formats' decoding, read top to
// bottom.
pub fn read_file_with(
    path: &Path,
    options: &ReadOptions,
    emit: &mut dyn FnMut(Item) -> Flow,
) -> u64 {
    let origin = Origin {
        path: path.to_path_buf(),
        line: None,
    };
    let problem = |reason| {
        Item::Problem(Problem {
            origin: origin.clone(),
            reason,
        })
    };
    let format = format_of(path);
    if matches!(format, Some(Format::JsonLines | Format::Csv | Format::Tsv)) {
        let file = match fs::File::open(path) {
            Ok(file) => file,
            Err(e) => {
                let _ = emit(problem(SkipReason::Unreadable(io_message(&e))));
                return 0;
            }
        };
        return match format {
            Some(Format::Csv) => delimited::read(path, file, b',', &options.columns, emit),
            Some(Format::Tsv) => delimited::read(path, file, b'\t', &options.columns, emit),
            _ => read_json_lines(path, file, &options.columns, emit),
        };
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            let _ = emit(problem(SkipReason::Unreadable(io_message(&e))));
            return 0;
        }
    };
    let text = match decode(&bytes) {
        Decoded::Binary => {
            let _ = emit(problem(SkipReason::Binary));
            return bytes.len() as u64;
        }
        Decoded::Utf8(text) => text,
        Decoded::Windows1252(text) => {
            let warning = Item::Warning(Warning {
                origin: origin.clone(),
                message: "not UTF-8: read as Windows-1252".to_owned(),
            });
            if emit(warning).is_break() {
                return bytes.len() as u64;
            }
            text
        }
    };
    // A saved page: its main content and metadata.
    let (text, meta) = if format == Some(Format::Html) {
        html::read(&text).unwrap_or_default()
    } else {
        (text, Meta::default())
    };
    let _ = if text.trim().is_empty() {
        emit(problem(SkipReason::Empty))
    } else {
        emit(Item::Article(RawArticle {
            origin: origin.clone(),
            id: None,
            text,
            meta,
            given: Box::default(),
        }))
    };
    bytes.len() as u64
}

/// A file's bytes as text.
pub enum Decoded {
    Utf8(String),
    /// Not UTF-8; decoded as Windows-1252.
    Windows1252(String),
    /// NUL bytes: not text.
    Binary,
}

/// Decodes a file's bytes: UTF-8 (a byte-order mark dropped), else Windows-1252.
pub fn decode(bytes: &[u8]) -> Decoded {
    if bytes.contains(&0) {
        return Decoded::Binary;
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded::Utf8(text.to_owned()),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Decoded::Windows1252(text.into_owned())
        }
    }
}

fn read_json_lines(
    path: &Path,
    file: fs::File,
    names: &ColumnNames,
    emit: &mut dyn FnMut(Item) -> Flow,
) -> u64 {
    let mut reader = io::BufReader::with_capacity(1 << 20, file);
    let origin = |line| Origin {
        path: path.to_path_buf(),
        line,
    };
    match reader.fill_buf() {
        Ok(head) if head[..head.len().min(BINARY_SNIFF_BYTES)].contains(&0) => {
            let _ = emit(Item::Problem(Problem {
                origin: origin(None),
                reason: SkipReason::Binary,
            }));
            return head.len() as u64;
        }
        _ => {}
    }
    let mut bytes = 0u64;
    let mut line = Vec::new();
    let mut any = false;
    let mut warned_encoding = false;
    for n in 1.. {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(len) => bytes += len as u64,
            Err(e) => {
                let _ = emit(Item::Problem(Problem {
                    origin: origin(Some(n)),
                    reason: SkipReason::Unreadable(io_message(&e)),
                }));
                return bytes;
            }
        }
        let raw = if n == 1 {
            line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&line)
        } else {
            &line[..]
        };
        let items = json_line_items(raw, &origin(Some(n)), names, &mut warned_encoding);
        any |= !items.is_empty();
        for item in items {
            if emit(item).is_break() {
                return bytes;
            }
        }
    }
    if !any {
        let _ = emit(Item::Problem(Problem {
            origin: origin(None),
            reason: SkipReason::Empty,
        }));
    }
    bytes
}

/// What one JSONL line yields: nothing (a blank line), or its warnings and then an
/// article or a problem. The first line not in UTF-8 is warned about, once a file.
fn json_line_items(
    raw: &[u8],
    origin: &Origin,
    names: &ColumnNames,
    warned_encoding: &mut bool,
) -> Vec<Item> {
    let mut items = Vec::new();
    let text = match decode(raw) {
        Decoded::Utf8(text) | Decoded::Windows1252(text) if text.trim().is_empty() => return items,
        Decoded::Utf8(text) => text,
        Decoded::Windows1252(text) => {
            if !*warned_encoding {
                *warned_encoding = true;
                items.push(Item::Warning(Warning {
                    origin: origin.clone(),
                    message: "not UTF-8: read as Windows-1252 (from this line on, where needed)"
                        .to_owned(),
                }));
            }
            text
        }
        Decoded::Binary => {
            items.push(Item::Problem(Problem {
                origin: origin.clone(),
                reason: SkipReason::Binary,
            }));
            return items;
        }
    };
    let mut warnings = Vec::new();
    let item = match parse_json_line(&text, origin, names, &mut warnings) {
        Ok(article) => Item::Article(article),
        Err(reason) => Item::Problem(Problem {
            origin: origin.clone(),
            reason,
        }),
    };
    items.extend(warnings.into_iter().map(Item::Warning));
    items.push(item);
    items
}

// One piece: a line's fields taken out one by one, each with its own warning.
fn parse_json_line(
    line: &str,
    origin: &Origin,
    names: &ColumnNames,
    warnings: &mut Vec<Warning>,
) -> Result<RawArticle, SkipReason> {
    let value: Value =
        serde_json::from_str(line).map_err(|e| SkipReason::NotJson(json_error(&e)))?;
    let Value::Object(mut object) = value else {
        return Err(SkipReason::NotAnObject);
    };
    // Each field under its own name, else a name scrapers use ("body", "isi",
    // "judul"; or the user's --columns); taken out of the object, not copied (a
    // text is kilobytes).
    let key = |object: &serde_json::Map<String, Value>, role| {
        columns::json_key(names, role, |k| object.contains_key(k)).map(str::to_owned)
    };
    let text_key = key(&object, Role::Text);
    let text = match text_key.and_then(|k| object.remove(&k)) {
        Some(Value::String(text)) if !text.trim().is_empty() => text,
        _ => return Err(SkipReason::NoText),
    };
    let keys: Vec<(Role, Option<String>)> = [
        Role::Id,
        Role::Title,
        Role::Outlet,
        Role::Date,
        Role::Url,
        Role::Dateline,
        Role::EventDate,
    ]
    .into_iter()
    .map(|r| (r, key(&object, r)))
    .collect();
    let mut field = |role: Role| -> Option<String> {
        let name = keys.iter().find(|(r, _)| *r == role)?.1.clone()?;
        match object.remove(&name)? {
            Value::String(s) => Some(s),
            Value::Null => None,
            Value::Number(n) if role == Role::Id => Some(n.to_string()),
            other => {
                warnings.push(Warning {
                    origin: origin.clone(),
                    message: format!(
                        "field \"{name}\" is {}, not a string: ignored",
                        json_kind(&other)
                    ),
                });
                None
            }
        }
    };
    let id = field(Role::Id).filter(|id| !id.trim().is_empty());
    let meta = Meta {
        title: field(Role::Title),
        outlet: field(Role::Outlet),
        date: field(Role::Date),
        url: field(Role::Url),
        dateline: field(Role::Dateline),
        event_date: field(Role::EventDate),
        cleaned: object.remove("cleaned") == Some(Value::Bool(true)),
    };
    let given = Box::new(given_facets(&mut object, origin, warnings));
    Ok(RawArticle {
        origin: origin.clone(),
        id,
        meta,
        given,
        text,
    })
}

/// The facets a JSON object gives (`regions`, `officials`, `leaders`, `pledges`,
/// as `netra export` writes them). A value that is not one is warned about and
/// ignored: extraction finds that facet instead.
fn given_facets(
    object: &mut serde_json::Map<String, Value>,
    origin: &Origin,
    warnings: &mut Vec<Warning>,
) -> Given {
    let mut field = |key: &str, one: &dyn Fn(&Value) -> Option<()>| {
        given_list(object.remove(key), key, one, origin, warnings)
    };
    let regions = field("regions", &|v| given_region(v).map(|_| ()));
    let officials = field("officials", &|v| given_official(v).map(|_| ()));
    let leaders = field("leaders", &|v| given_official(v).map(|_| ()));
    let pledges = field("pledges", &|v| given_pledge(v).map(|_| ()));
    Given {
        regions: regions.map(|items| items.iter().filter_map(given_region).collect()),
        officials: officials.map(|items| items.iter().filter_map(given_official).collect()),
        leaders: leaders.map(|items| items.iter().filter_map(given_official).collect()),
        pledges: pledges.map(|items| items.iter().filter_map(given_pledge).collect()),
    }
}

/// A given facet's value when it is a list whose every item `one` reads; else a
/// warning (not a list, or the first item that is not one) and nothing.
fn given_list(
    value: Option<Value>,
    key: &str,
    one: &dyn Fn(&Value) -> Option<()>,
    origin: &Origin,
    warnings: &mut Vec<Warning>,
) -> Option<Vec<Value>> {
    let mut warn = |message: String| {
        warnings.push(Warning {
            origin: origin.clone(),
            message,
        })
    };
    let items = match value? {
        Value::Array(items) => items,
        Value::Null => return None,
        other => {
            warn(format!(
                "field \"{key}\" is {}, not a list: ignored",
                json_kind(&other)
            ));
            return None;
        }
    };
    if let Some(item) = items.iter().find(|item| one(item).is_none()) {
        warn(format!(
            "field \"{key}\" holds {item}, which is not one: the field is ignored"
        ));
        return None;
    }
    Some(items)
}

fn given_region(v: &Value) -> Option<RegionPath> {
    let path = FacetPath::parse(v.as_str()?).ok()?;
    RegionPath::new(path.steps().to_vec()).filter(|_| !path.steps().is_empty())
}

fn given_official(v: &Value) -> Option<OfficialPath> {
    match v {
        Value::String(s) => OfficialPath::from_facet_path(&FacetPath::parse(s).ok()?),
        Value::Object(o) => Some(OfficialPath::new(
            o.get("role")?.as_str()?.trim(),
            o.get("name")?.as_str()?.trim(),
        ))
        .filter(|p| !p.role.is_empty() && !p.name.is_empty()),
        _ => None,
    }
}

fn given_pledge(v: &Value) -> Option<PledgeType> {
    PledgeType::from_name(v.as_str()?)
}

fn json_error(e: &serde_json::Error) -> String {
    // serde_json says "at line 1 column N"; the line is ours to report.
    format!(
        "{} at column {}",
        e.to_string().split(" at line").next().unwrap_or(""),
        e.column()
    )
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin {
            path: "a.jsonl".into(),
            line: Some(3),
        }
    }

    #[test]
    fn windows_1252_is_decoded() {
        match decode(b"Pemilu \x93jurdil\x94 caf\xe9") {
            Decoded::Windows1252(text) => assert_eq!(text, "Pemilu “jurdil” café"),
            _ => panic!("expected a Windows-1252 decode"),
        }
    }

    #[test]
    fn bom_is_dropped_and_nul_means_binary() {
        assert!(matches!(decode(b"\xef\xbb\xbfhalo"), Decoded::Utf8(t) if t == "halo"));
        assert!(matches!(decode(b"\x89PNG\r\n\x1a\n\0\0"), Decoded::Binary));
    }

    #[test]
    fn json_lines_are_checked_one_by_one() {
        let mut warnings = Vec::new();
        let ok = parse_json_line(
            r#"{"id": 7, "text": "Isi", "title": ["bukan", "string"], "date": null}"#,
            &origin(),
            &ColumnNames::default(),
            &mut warnings,
        )
        .expect("a good line");
        assert_eq!(ok.id.as_deref(), Some("7"));
        assert_eq!(ok.meta.title, None);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("\"title\" is an array"));

        let err = |line: &str| {
            parse_json_line(line, &origin(), &ColumnNames::default(), &mut Vec::new()).unwrap_err()
        };
        assert!(matches!(err("{\"text\": "), SkipReason::NotJson(_)));
        assert_eq!(err("[1, 2]"), SkipReason::NotAnObject);
        assert_eq!(err(r#"{"title": "x"}"#), SkipReason::NoText);
        assert_eq!(err(r#"{"text": 5}"#), SkipReason::NoText);
        assert_eq!(err(r#"{"text": "   "}"#), SkipReason::NoText);
    }

    #[test]
    fn reading_stops_when_the_consumer_says_stop() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("feed.jsonl");
        let line = "{\"text\": \"ASN netral.\"}\n";
        fs::write(&path, line.repeat(10_000)).expect("write");
        let mut seen = 0;
        let read = read_file(&path, &mut |item| {
            assert!(matches!(item, Item::Article(_)));
            seen += 1;
            if seen == 3 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!(seen, 3);
        assert_eq!(read, 3 * line.len() as u64);
    }

    #[test]
    fn origin_names_the_line() {
        assert_eq!(origin().to_string(), "a.jsonl:3");
    }

    #[test]
    fn json_lines_take_the_names_scrapers_use() {
        let line = r#"{"judul": "Judul", "isi": "Isi berita.", "tanggal": "2024-10-03", "link": "https://x.test", "dateline": "Mataram"}"#;
        let a = parse_json_line(line, &origin(), &ColumnNames::default(), &mut Vec::new())
            .expect("an article");
        assert_eq!(a.text, "Isi berita.");
        assert_eq!(a.meta.title.as_deref(), Some("Judul"));
        assert_eq!(a.meta.date.as_deref(), Some("2024-10-03"));
        assert_eq!(a.meta.url.as_deref(), Some("https://x.test"));
        assert_eq!(a.meta.dateline.as_deref(), Some("Mataram"));
        let names = ColumnNames::parse("text=naskah").expect("names");
        let a = parse_json_line(
            r#"{"naskah": "Teks.", "text": "lain"}"#,
            &origin(),
            &names,
            &mut Vec::new(),
        )
        .expect("an article");
        assert_eq!(a.text, "Teks.");
    }
}
