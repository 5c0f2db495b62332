//! Command-line arguments → validated requests → the library → rendered output.
//!
//! Raw arguments are turned into [`IndexRequest`] and [`SearchRequest`] here, and
//! nowhere else reads them; the library's types know nothing of clap (the CLI maps
//! its own enums onto them).
//!
//! Exit codes, as grep and ripgrep use them:
//! - `search`, `facets`: 0 something matched, 1 nothing matched (the empty result
//!   is still printed, and is valid JSON with `--json`), 2 an error;
//! - `index`, `extract`: 0 every input was read (a copy of another article counts
//!   as read), 1 some input was rejected (each one is listed with its reason), 2 an
//!   error (for `index`: nothing new was committed);
//! - a usage error is 2.

mod filters;

use std::ffi::OsString;
use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstream::{AutoStream, ColorChoice};
use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use self::filters::{FilterArgs, IndexLocation};
use crate::facet::{FacetField, FacetPath};
use crate::indexer::{self, IndexRequest};
use crate::record;
use crate::render::{self, Style};
use crate::rows::{self, Column, RowWriter};
use crate::search::{self, SearchRequest, Sort};
use crate::source::{self, Item, Problem};
use crate::store::{self, Store};

const DEFAULT_SEEDS: &str = "seeds";

/// Something matched, or every input was read.
const SUCCESS: u8 = 0;
/// Nothing matched, or some input was rejected.
const NOTHING: u8 = 1;

const EXIT_CODES: &str = "\
Exit codes: 0 something matched; 1 nothing matched; 2 an error.";

#[derive(Debug, Parser)]
#[command(
    name = "netra",
    version,
    about = "Search Indonesian news about the neutrality of civil servants (ASN) in elections",
    long_about = "netra indexes scraped Indonesian news articles (one .txt file per article, \
.jsonl with one article a line, .csv or .tsv with one article a row, or saved .html pages) and \
searches them: BM25 ranking, Indonesian stemming, exact phrases, places, officials and pledge \
types, date filters, highlighted snippets, JSON output and exports for spreadsheets.",
    after_help = "Examples:\n  \
netra index ~/scrapes/pilkada            build or update the index in ./index\n  \
netra search '\"politik uang\"'            an exact phrase\n  \
netra search deklarasi netralitas camat  all three words, in any form\n  \
netra search 'ikrar OR \"pakta integritas\" -kampanye' --since 2024-01\n  \
netra search netralitas --json | jq .total\n  \
netra extract article.txt --json         what would be indexed, without indexing\n  \
netra export --pledge ikrar -o ikrar.csv every match, for a spreadsheet\n\n\
Exit codes: 0 success (search, facets: something matched); 1 nothing matched, or some \
input was rejected; 2 an error."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build or update an index from article files and folders.
    #[command(
        long_about = "Build or update an index from article files and folders.\n\n\
Folders are read recursively. A .txt file is one article; a .jsonl file holds one article a \
line with a \"text\" field and optional \"id\", \"title\", \"url\", \"date\" and \"outlet\"; a \
.csv or .tsv file holds one article a row under a header row whose column names say what each \
holds (text/isi/content/berita, title/judul, date/tanggal, url/link, outlet/sumber; others with \
--columns); an .html or .htm file is a saved page, read for its main content and metadata. \
Re-indexing is incremental: an article (a .txt file, or a line of a .jsonl file) that is in the \
index exactly as read is counted as unchanged and not parsed again; a changed one replaces its \
old version, and lines cut from the end of a .jsonl file leave the index. The same article is \
never indexed twice: a copy is reported and counts as read. Files that cannot be read are \
listed with the reason and the rest is indexed. --memory bounds the segment the writer \
builds in memory; merging segments of a large index takes memory on top of it.",
        after_help = "Exit codes: 0 every input was indexed (or was a copy of one that \
was); 1 some input was rejected (each is listed); 2 an error (nothing new was committed)."
    )]
    Index(IndexArgs),
    /// Search the index.
    #[command(
        long_about = "Search the index.\n\n\
Query language:\n  \
word            any form of the word: deklarasikan finds deklarasi, mendeklarasikan\n  \
a b             both words (all words are required)\n  \
\"a b\"           exactly these words in this order\n  \
\"a b\"~2         in this order, up to 2 other words between them\n  \
a OR b          either (or, in lower case, too)\n  \
-word, -\"a b\"   exclude\n  \
(a OR b) c      grouping, at most 100 levels deep\n\n\
An empty query ('' or '\"\"') lists every article, narrowed by the filters: \
`netra search '' --region NTB --sort date`. A query that starts with - goes in quotes whole \
(`netra search '-kampanye ikrar'`) or after -- (`netra search -- -kampanye ikrar`).\n\n\
When the default index (./index) does not exist yet, it is first built from ./seeds.",
        after_help = EXIT_CODES
    )]
    Search(SearchArgs),
    /// Count articles by region, official or pledge type.
    #[command(
        long_about = "Count articles by region, official or pledge type.\n\n\
Without PATH, the whole hierarchy is shown (provinces, their regencies and cities, their \
districts); with PATH, the children of that facet, e.g. `netra facets region /Nusa Tenggara \
Barat`. --query and the filters narrow the articles counted, as in `netra search`.",
        after_help = EXIT_CODES
    )]
    Facets(FacetsArgs),
    /// Write every matching article as CSV, TSV or JSON Lines, for a spreadsheet.
    #[command(
        long_about = "Write every matching article as CSV, TSV or JSON Lines, for a spreadsheet \
or a script.\n\n\
The query and the filters are those of `netra search` (no query: every article, narrowed by \
the filters), but every match is written, not a page of hits, and every copy of a story is a \
row of its own. Rows are streamed: memory does not grow with the articles' text.\n\n\
Columns (default: id, date, event_date, outlet, title, regions, officials, leaders, pledges, \
dateline, url, path): --fields adds to them (body, snippet, score, line), --only replaces them. \
In CSV and TSV a cell with several values joins them with \" | \" (regions and officials as \
facet paths: /Pj Bupati/Muhammad Juaini Taofik); JSON Lines gives arrays. A JSON Lines export \
with the body is netra input again: `netra export --format jsonl --fields body -o all.jsonl` \
then `netra index all.jsonl --index copy`.",
        after_help = "Examples:\n  \
netra export --pledge ikrar --region Jabar --since 2024-10 --until 2024-10 -o ikrar.csv --bom\n  \
netra export '\"politik uang\"' --sort relevance --fields snippet,score\n  \
netra export --format jsonl --fields body > articles.jsonl\n\n\
Exit codes: 0 rows were written; 1 nothing matched (a CSV still gets its header row); 2 an \
error."
    )]
    Export(ExportArgs),
    /// Explore the index in a web browser: a local, read-only page and JSON API.
    #[command(
        long_about = "Explore the index in a web browser: a local, read-only page and JSON API.\n\n\
Serves http://127.0.0.1:7700/ (--addr to change): the search page (the query language of \
`netra search`; a sidebar of regions (province, then regency or city), officials (narrowed by \
typing) and pledge types with counts that add filters, chips that remove them; a month \
timeline whose bars choose a range of months, by week when it is short; a map of the 38 \
provinces; pages of hits with highlighted snippets), an article page (its facets as links, \
the other copies of its story), CSV and JSON Lines exports of every match (streamed), and \
/api/search, /api/facets, /api/article/ID as JSON. The whole view is in the URL, so it can be \
bookmarked and shared. It listens on loopback \
unless --addr says otherwise (and warns then), changes nothing, and shows new articles as \
soon as `netra index` commits them. Ctrl-C stops it.",
        after_help = "Exit codes: 0 stopped by Ctrl-C or SIGTERM; 2 an error (no index, the \
port in use)."
    )]
    Serve(ServeArgs),
    /// Show what would be indexed from files, without indexing.
    #[command(after_help = "Exit codes: 0 every input was read; 1 some input was \
rejected (each is listed); 2 an error.")]
    Extract(ExtractArgs),
}

#[derive(Debug, clap::Args)]
struct IndexArgs {
    /// Article files (.txt, .jsonl, .csv, .tsv) and folders to index [default: ./seeds]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    location: IndexLocation,
    /// Remove everything the index holds first (also the way to upgrade an index
    /// built by another netra version)
    #[arg(long)]
    rebuild: bool,
    /// Memory for the index writer, in MB
    #[arg(long, value_name = "MB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(50..=16_384))]
    memory: u64,
    #[command(flatten)]
    columns: ColumnsArg,
    /// No progress bar
    #[arg(long, short)]
    quiet: bool,
}

/// The `--columns` flag of `index` and `extract`.
#[derive(Debug, clap::Args)]
struct ColumnsArg {
    /// Which column of a .csv or .tsv file (or key of a .jsonl line) holds what,
    /// where the names are not ones netra knows: `text=isi_lengkap,title=judul`.
    /// Roles: text, title, date, url, outlet, id, dateline. Known names are found
    /// without it: text (text, body, content, isi, berita, artikel…), title (title,
    /// judul, headline), date (date, tanggal, published, waktu…), url (url, link),
    /// outlet (outlet, source, media, sumber)
    #[arg(long, value_name = "ROLE=NAME,…", value_parser = parse_columns)]
    columns: Option<source::ColumnNames>,
}

impl ColumnsArg {
    fn options(&self) -> source::ReadOptions {
        source::ReadOptions {
            columns: self.columns.clone().unwrap_or_default(),
        }
    }
}

fn parse_columns(spec: &str) -> Result<source::ColumnNames, String> {
    source::ColumnNames::parse(spec)
}

#[derive(Debug, clap::Args)]
struct SearchArgs {
    /// The query; several arguments are joined with spaces. A query that starts
    /// with - goes after --, or in quotes whole: `netra search '-kampanye ikrar'`
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    query: Vec<String>,
    #[command(flatten)]
    location: IndexLocation,
    /// How many hits to show
    #[arg(long, short = 'n', default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    limit: u64,
    #[command(flatten)]
    filters: FilterArgs,
    /// Order of the hits
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Print one JSON object instead of text
    #[arg(long)]
    json: bool,
    /// Show every copy of a story as its own hit (by default the same story from
    /// several outlets shows once, with "+N similar")
    #[arg(long)]
    all: bool,
    /// Say why each hit ranks where it does: BM25 per word and field, places,
    /// acronyms and names that matched, the bonuses, and the topic prior (an
    /// article using two or more election words scores 1.4 times its match)
    #[arg(long)]
    explain: bool,
    /// Show only the articles that hold every part of the query (by default,
    /// when fewer than --limit do, election articles holding every place typed
    /// and half of the other parts follow them, marked as partial)
    #[arg(long)]
    strict: bool,
    /// Colour the output
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
}

#[derive(Debug, clap::Args)]
struct FacetsArgs {
    /// The facet to count
    #[arg(value_enum)]
    field: FacetFieldArg,
    /// Count the children of this facet path only, e.g. "/Nusa Tenggara Barat";
    /// for regions also a name or alias (Jatim, "Lombok Timur") or an island
    /// group (Sulawesi): each place it means, with its children
    #[arg(value_name = "PATH")]
    path: Option<String>,
    /// Count only the articles matching this query
    #[arg(long, short, value_name = "QUERY", allow_hyphen_values = true)]
    query: Option<String>,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    location: IndexLocation,
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    #[command(flatten)]
    location: IndexLocation,
    /// Address and port to listen on; anything but loopback lets other machines in
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:7700")]
    addr: std::net::SocketAddr,
}

#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// The query (optional: without one, every article the filters keep); several
    /// arguments are joined with spaces
    #[arg(value_name = "QUERY")]
    query: Vec<String>,
    #[command(flatten)]
    location: IndexLocation,
    #[command(flatten)]
    filters: FilterArgs,
    /// Order of the rows
    #[arg(long, value_enum, default_value_t = SortArg::Date)]
    sort: SortArg,
    /// Output format [default: from the --output file's extension (.csv, .tsv,
    /// .jsonl), else csv]
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Add these columns to the default ones, comma-separated: body, snippet,
    /// score, line (or any other column)
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = parse_column)]
    fields: Vec<Column>,
    /// Write exactly these columns, in this order, comma-separated (id, date,
    /// event_date, outlet, title, regions, officials, leaders, pledges, dateline,
    /// url, path, line, body, snippet, score)
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = parse_column, conflicts_with = "fields")]
    only: Vec<Column>,
    /// Write to FILE instead of standard output (replaced when it exists)
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Start a CSV or TSV with a UTF-8 byte-order mark, so that Excel and
    /// LibreOffice read Indonesian text right
    #[arg(long)]
    bom: bool,
    /// No progress bar
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// Comma-separated values (RFC 4180) with a header row
    Csv,
    /// Tab-separated values with a header row
    Tsv,
    /// JSON Lines: one object a line
    Jsonl,
}

fn parse_column(name: &str) -> Result<Column, String> {
    Column::parse(name).ok_or_else(|| {
        format!(
            "no column `{name}`: use {}",
            Column::ALL.map(Column::name).join(", ")
        )
    })
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// Article files (.txt, .jsonl, .csv, .tsv) and folders
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    columns: ColumnsArg,
    /// Print JSON Lines (one article a line) instead of text
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorArg {
    /// Colour on a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SortArg {
    /// Best match first (BM25 with title boost and proximity)
    Relevance,
    /// Newest first; undated articles last
    Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FacetFieldArg {
    /// Where the event happened: province, regency or city, district
    Region,
    /// Officials who acted: role, then person
    Official,
    /// The kind of pledge
    Pledge,
    /// Officials who led a pledge (read it out, led it, signed first)
    Leader,
}

impl From<SortArg> for Sort {
    fn from(arg: SortArg) -> Sort {
        match arg {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        }
    }
}

impl From<FacetFieldArg> for FacetField {
    fn from(arg: FacetFieldArg) -> FacetField {
        match arg {
            FacetFieldArg::Region => FacetField::Region,
            FacetFieldArg::Official => FacetField::Official,
            FacetFieldArg::Pledge => FacetField::Pledge,
            FacetFieldArg::Leader => FacetField::Leader,
        }
    }
}

/// The command-line arguments, with every argument that starts with one `-` and
/// holds a space read as a query, not an option (`netra search '-kampanye
/// ikrar'`): a short option never holds a space (`--region=Lombok Timur` may). A
/// space is put before it, which the query language ignores and which tells clap
/// it is a value.
pub fn args(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    args.into_iter()
        .map(|arg| match arg.to_str() {
            Some(text)
                if text.starts_with('-')
                    && !text.starts_with("--")
                    && text.contains(char::is_whitespace) =>
            {
                OsString::from(format!(" {text}"))
            }
            _ => arg,
        })
        .collect()
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Index(args) => index(args),
        Command::Search(args) => search(args),
        Command::Facets(args) => facets(args),
        Command::Extract(args) => extract(args),
        Command::Export(args) => export(args),
        Command::Serve(args) => serve(args),
    }
}

/// 0 when `found`, else 1.
fn exit(found: bool) -> ExitCode {
    ExitCode::from(if found { SUCCESS } else { NOTHING })
}

fn index(args: IndexArgs) -> Result<ExitCode> {
    let (dir, _) = args.location.resolve();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_SEEDS)]
    } else {
        args.paths
    };
    let req = IndexRequest {
        paths,
        index_dir: dir.clone(),
        rebuild: args.rebuild,
        memory_budget: usize::try_from(args.memory * 1_000_000).unwrap_or(usize::MAX),
        progress: !args.quiet,
        read: args.columns.options(),
    };
    let report = indexer::run(&req)?;
    render::index_report(
        &mut io::stderr().lock(),
        &report,
        &dir.display().to_string(),
    )?;
    Ok(exit(report.lost() == 0))
}

fn search(args: SearchArgs) -> Result<ExitCode> {
    let (dir, is_default) = args.location.resolve();
    if is_default && !store::exists(&dir) {
        build_default_index(&dir)?;
    }
    let resolved = args.filters.resolve()?;
    let store = Store::open(&dir)?;
    let req = SearchRequest {
        query: args.query.join(" "),
        limit: usize::try_from(args.limit).unwrap_or(usize::MAX),
        since: resolved.since,
        until: resolved.until,
        sort: args.sort.into(),
        filters: resolved.filters,
        // Counts are part of the JSON answer only: the text shows hits.
        facet_counts: if args.json {
            FacetField::ALL
                .iter()
                .map(|&f| (f, FacetPath::root()))
                .collect()
        } else {
            Vec::new()
        },
        facet_trees: Vec::new(),
        timeline: false,
        all: args.all,
        explain: args.explain,
        strict: args.strict,
    };
    let results = search::search(&store, &req)?;
    if results.relaxed {
        eprintln!(
            "netra: no article holds every part of `{}`: showing the articles that hold most of them",
            req.query
        );
    } else if results.partial > 0 {
        eprintln!(
            "netra: {} of `{}`: {} more that hold most of its parts follow (--strict: none)",
            match results.total {
                1 => "1 article holds every part".to_string(),
                n => format!("{n} articles hold every part"),
            },
            req.query,
            results.partial
        );
    }
    let (mut out, style) = stdout(args.color);
    if args.json {
        render::search_json(&mut out, &results)?;
    } else {
        render::search_text(&mut out, &results, style)?;
    }
    out.flush()?;
    // The process ends here: unmapping the index's files one by one cost a
    // twentieth of a cold search, and the system reclaims them at exit anyway.
    std::mem::forget(store);
    Ok(exit(results.total > 0))
}

fn facets(args: FacetsArgs) -> Result<ExitCode> {
    let (dir, is_default) = args.location.resolve();
    if is_default && !store::exists(&dir) {
        build_default_index(&dir)?;
    }
    let resolved = args.filters.resolve()?;
    let field = FacetField::from(args.field);
    // A path, or for regions any name --region takes (Jatim, Sulawesi, Bogor).
    let roots = match &args.path {
        None => vec![FacetPath::root()],
        Some(path) if path.starts_with('/') || field != FacetField::Region => {
            vec![FacetPath::parse(path)?]
        }
        Some(name) => filters::resolve_region(name, "PATH")?
            .into_iter()
            .map(|r| r.as_facet_path().clone())
            .collect(),
    };
    let store = Store::open(&dir)?;
    let req = SearchRequest {
        query: args.query.unwrap_or_default(),
        limit: 1,
        since: resolved.since,
        until: resolved.until,
        filters: resolved.filters,
        ..SearchRequest::default()
    };
    // The whole hierarchy without a PATH; the children of PATH with one; each of
    // the places a name means, with their children.
    let tree = match roots.as_slice() {
        [root] if args.path.is_none() => search::facet_tree(&store, &req, field, root, 3)?,
        [root] => search::facet_tree(&store, &req, field, root, 1)?,
        _ => search::facet_subtrees(&store, &req, field, &roots)?,
    };
    let label = match (&args.path, roots.as_slice()) {
        (Some(path), [root]) if !path.starts_with('/') => format!("{path} ({root})"),
        (Some(path), _) => path.clone(),
        (None, _) => "/".to_owned(),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.json {
        render::facets_json(&mut out, field, &label, &tree)?;
    } else {
        render::facets_text(&mut out, field, &label, &tree)?;
    }
    out.flush()?;
    Ok(exit(!tree.is_empty()))
}

// One piece: the export command's arguments, writer and summary, in order.
fn export(args: ExportArgs) -> Result<ExitCode> {
    let (dir, _) = args.location.resolve();
    let resolved = args.filters.resolve()?;
    let format = match (args.format, &args.output) {
        (Some(FormatArg::Csv), _) => rows::Format::Csv,
        (Some(FormatArg::Tsv), _) => rows::Format::Tsv,
        (Some(FormatArg::Jsonl), _) => rows::Format::JsonLines,
        (None, Some(path)) => format_of_extension(path),
        (None, None) => rows::Format::Csv,
    };
    let columns = if args.only.is_empty() {
        let mut columns = Column::DEFAULT.to_vec();
        for c in args.fields {
            if !columns.contains(&c) {
                columns.push(c);
            }
        }
        columns
    } else {
        args.only
    };
    if args.bom && format == rows::Format::JsonLines {
        bail!(
            "--bom is for CSV and TSV, which spreadsheets open: JSON Lines has no byte-order mark"
        );
    }
    let store = Store::open(&dir)?;
    let req = search::ExportRequest {
        query: args.query.join(" "),
        since: resolved.since,
        until: resolved.until,
        filters: resolved.filters,
        sort: args.sort.into(),
    };
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write the export to {}", path.display()))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let mut writer = RowWriter::new(out, format, columns, args.bom)?;
    let bar = export_bar(!args.quiet);
    let done = search::export(&store, &req, |total, hit| {
        if bar.length().is_none() {
            bar.set_length(total as u64);
        }
        writer.write(&hit)?;
        bar.inc(1);
        Ok(ControlFlow::Continue(()))
    });
    let done = match done {
        Ok(done) => done,
        Err(e) => {
            // A half-written file is not left behind as if it were the export.
            if let Some(path) = &args.output {
                let _ = std::fs::remove_file(path);
            }
            return Err(e);
        }
    };
    bar.finish_and_clear();
    writer.finish()?;
    let place = args
        .output
        .as_ref()
        .map_or_else(|| "standard output".to_owned(), |p| p.display().to_string());
    eprintln!(
        "netra: exported {} of {} matching article{} to {place}",
        done.written,
        done.total,
        if done.total == 1 { "" } else { "s" }
    );
    Ok(exit(done.written > 0))
}

fn serve(args: ServeArgs) -> Result<ExitCode> {
    let (dir, is_default) = args.location.resolve();
    if is_default && !store::exists(&dir) {
        build_default_index(&dir)?;
    }
    let server = crate::serve::bind(dir.clone(), args.addr)?;
    let addr = server.local_addr()?;
    if !addr.ip().is_loopback() {
        eprintln!(
            "netra: warning: listening on {addr}, which other machines can reach: the index \
             is readable by anyone who can reach this address"
        );
    }
    eprintln!(
        "netra: serving {} at http://{addr}/ (Ctrl-C to stop)",
        dir.display()
    );
    server.run()?;
    eprintln!("netra: stopped");
    Ok(ExitCode::from(SUCCESS))
}

/// The format an output file's extension asks for (CSV unless .tsv or .jsonl).
fn format_of_extension(path: &Path) -> rows::Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("tsv" | "tab") => rows::Format::Tsv,
        Some("jsonl" | "ndjson" | "json") => rows::Format::JsonLines,
        _ => rows::Format::Csv,
    }
}

/// A progress bar on a terminal's stderr (hidden elsewhere or when `enabled` is
/// false), once the number of rows is known.
fn export_bar(enabled: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !enabled || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "exporting [{bar:30}] {pos}/{len} rows ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}

/// The main job on a fresh clone: search before any `netra index` builds the
/// default index from the bundled seeds.
fn build_default_index(dir: &Path) -> Result<()> {
    let seeds = PathBuf::from(DEFAULT_SEEDS);
    if !seeds.is_dir() {
        bail!(
            "no index at {} and no {}/ folder to build one from: run `netra index <FOLDER>` first",
            dir.display(),
            seeds.display()
        );
    }
    eprintln!(
        "netra: the default index ({}/) does not exist yet: building it from {}/ first",
        dir.display(),
        seeds.display()
    );
    let req = IndexRequest {
        paths: vec![seeds],
        index_dir: dir.to_path_buf(),
        rebuild: false,
        memory_budget: 100_000_000,
        progress: false,
        read: source::ReadOptions::default(),
    };
    let report = indexer::run(&req).context("building the default index")?;
    render::index_report(
        &mut io::stderr().lock(),
        &report,
        &dir.display().to_string(),
    )?;
    Ok(())
}

// One piece: the extract command's streaming loop and its summary.
fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let found = source::discover(&args.paths);
    let options = args.columns.options();
    let mut rejected = found.problems;
    let (mut out, style) = stdout(ColorArg::Auto);
    let mut err = io::stderr().lock();
    // The first write that failed (a closed pipe): reading stops there.
    let mut failed: Option<io::Error> = None;
    let mut cleaned_most = 0usize;
    for path in &found.files {
        source::read_file_with(path, &options, &mut |item| {
            let written = match item {
                Item::Warning(w) => writeln!(err, "netra: warning: {}: {}", w.origin, w.message),
                Item::Problem(p) => {
                    rejected.push(p);
                    Ok(())
                }
                Item::Article(raw) => match record::record(&raw) {
                    Ok(record) => {
                        let c = &record.article.cleaning;
                        if c.removed_most() {
                            cleaned_most += 1;
                            let _ = writeln!(
                                err,
                                "netra: note: {}: cleaning kept {:.0}% of the page's text (removed {}); kept as cleaned",
                                raw.origin,
                                c.kept_share() * 100.0,
                                c.summary()
                            );
                        }
                        if args.json {
                            render::record_json(&mut out, &record)
                        } else {
                            render::record_text(&mut out, &record, style)
                        }
                    }
                    Err(reason) => {
                        rejected.push(Problem {
                            origin: raw.origin,
                            reason,
                        });
                        Ok(())
                    }
                },
            };
            match written {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => {
                    failed = Some(e);
                    ControlFlow::Break(())
                }
            }
        });
        if let Some(e) = failed {
            return Err(e.into());
        }
    }
    out.flush()?;
    for p in &rejected {
        writeln!(err, "netra: skipped {}: {}", p.origin, p.reason)?;
    }
    if cleaned_most > 0 {
        writeln!(
            err,
            "netra: {cleaned_most} article{} lost more than half of the page's text to boilerplate rules (noted above)",
            if cleaned_most == 1 { "" } else { "s" }
        )?;
    }
    Ok(exit(rejected.is_empty()))
}

/// Standard output through a colour-aware stream (colour only on a terminal,
/// unless asked otherwise; NO_COLOR, CLICOLOR and CLICOLOR_FORCE are honoured),
/// and whether colour is on.
fn stdout(color: ColorArg) -> (io::BufWriter<AutoStream<io::StdoutLock<'static>>>, Style) {
    let choice = match color {
        ColorArg::Auto => ColorChoice::Auto,
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
    };
    let stream = AutoStream::new(io::stdout().lock(), choice);
    let style = Style {
        color: stream.current_choice() != ColorChoice::Never,
    };
    (io::BufWriter::new(stream), style)
}
