//! Command-line arguments → validated requests → the library → rendered output.
//!
//! Raw arguments are turned into [`IndexRequest`] and [`SearchRequest`] here, and
//! nowhere else reads them. Exit codes: 0 success; 1 an error stopped the command;
//! 2 the command finished but some input was rejected (each one is listed).

use std::env;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use tantivy::schema::Facet;

use crate::article::PubDate;
use crate::extract::{gazetteer, pledge};
use crate::indexer::{self, IndexRequest};
use crate::render::{self, Style};
use crate::search::{self, FacetField, Filters, SearchRequest, Sort};
use crate::source;
use crate::store::{self, Store};

const DEFAULT_INDEX: &str = "index";
const DEFAULT_SEEDS: &str = "seeds";
const INDEX_ENV: &str = "NETRA_INDEX";

#[derive(Debug, Parser)]
#[command(
    name = "netra",
    version,
    about = "Search Indonesian news about the neutrality of civil servants (ASN) in elections",
    long_about = "netra indexes scraped Indonesian news articles (one .txt file per article, or \
.jsonl with one article a line) and searches them: BM25 ranking, Indonesian stemming, exact \
phrases, date filters, highlighted snippets and JSON output.",
    after_help = "Examples:\n  \
netra index ~/scrapes/pilkada            build or update the index in ./index\n  \
netra search '\"politik uang\"'            an exact phrase\n  \
netra search deklarasi netralitas camat  all three words, in any form\n  \
netra search 'ikrar OR \"pakta integritas\" -kampanye' --since 2024-01\n  \
netra search netralitas --json | jq .total\n  \
netra extract article.txt --json         what would be indexed, without indexing"
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
line with a \"text\" field and optional \"id\", \"title\", \"url\", \"date\" and \"outlet\". \
Re-indexing is incremental: an article (a .txt file, or a line of a .jsonl file) that is in the \
index exactly as read is counted as unchanged and not parsed again; a changed one replaces its \
old version, and lines cut from the end of a .jsonl file leave the index. The same article is \
never indexed twice. Files that cannot be read are listed with the reason and the rest is \
indexed (exit code 2). --memory bounds the segment the writer builds in memory; merging \
segments of a large index takes memory on top of it."
    )]
    Index(IndexArgs),
    /// Search the index.
    #[command(long_about = "Search the index.\n\n\
Query language:\n  \
word            any form of the word: deklarasikan finds deklarasi, mendeklarasikan\n  \
a b             both words (all words are required)\n  \
\"a b\"           exactly these words in this order\n  \
\"a b\"~2         in this order, up to 2 other words between them\n  \
a OR b          either\n  \
-word, -\"a b\"   exclude\n  \
(a OR b) c      grouping\n\n\
When the default index (./index) does not exist yet, it is first built from ./seeds.")]
    Search(SearchArgs),
    /// Count articles by region, official or pledge type.
    #[command(long_about = "Count articles by region, official or pledge type.\n\n\
Without PATH, the whole hierarchy is shown (provinces, their regencies and cities, their \
districts); with PATH, the children of that facet, e.g. `netra facets region /Nusa Tenggara \
Barat`. --query and the filters narrow the articles counted, as in `netra search`.")]
    Facets(FacetsArgs),
    /// Show what would be indexed from files, without indexing.
    Extract(ExtractArgs),
}

/// Filters shared by `search` and `facets`.
#[derive(Debug, Args)]
struct FilterArgs {
    /// Only articles about this region and the places inside it: a name, an alias or
    /// a facet path (NTB, Lotim, "Lombok Timur", "Kota Mataram", /Banten/Kabupaten Lebak).
    /// Repeat for any of several
    #[arg(long, value_name = "REGION")]
    region: Vec<String>,
    /// Only articles reporting this pledge type: deklarasi, ikrar, "komitmen bersama",
    /// "pakta integritas", penandatanganan, apel. Repeat for any of several
    #[arg(long, value_name = "TYPE")]
    pledge: Vec<String>,
    /// Only articles naming this official: a role ("Pj Gubernur", Sekda, Camat), a
    /// name (Hassanudin; spelling variants included), both ("Pj Gubernur Hassanudin"),
    /// or a facet path. Repeat for any of several
    #[arg(long, value_name = "OFFICIAL")]
    official: Vec<String>,
    /// Only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date_bound)]
    since: Option<PubDate>,
    /// Only articles dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date_bound)]
    until: Option<PubDate>,
}

impl FilterArgs {
    /// Checks the filters and turns the user's words into facet paths. Ambiguous
    /// region names are noted on stderr; unknown ones are errors with suggestions.
    fn resolve(&self) -> Result<(Filters, Option<PubDate>, Option<PubDate>)> {
        if let (Some(since), Some(until)) = (self.since, self.until) {
            if since.day_range().0 > until.day_range().1 {
                bail!("--since {since} is after --until {until}: nothing can match");
            }
        }
        let mut regions = Vec::new();
        for name in &self.region {
            // Built on first use: a search without --region never pays for it.
            let g = gazetteer::get();
            let areas = g.lookup(name);
            match areas.len() {
                0 => bail!(
                    "unknown region `{name}`: the closest names are {}",
                    g.closest(name, 5).join(", ")
                ),
                1 => {}
                _ => eprintln!(
                    "netra: --region {name} is ambiguous: matching all of {}",
                    areas
                        .iter()
                        .map(|&a| g.path(a))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
            regions.extend(areas.into_iter().map(|a| g.path(a)));
        }
        let mut pledges = Vec::new();
        for p in &self.pledge {
            let p = p
                .trim()
                .to_lowercase()
                .replace("fakta integritas", "pakta integritas");
            if !pledge::TYPES.contains(&p.as_str()) {
                bail!(
                    "unknown pledge type `{p}`: use one of {}",
                    pledge::TYPES.join(", ")
                );
            }
            pledges.push(p);
        }
        let filters = Filters {
            regions,
            officials: self.official.clone(),
            pledges,
        };
        Ok((filters, self.since, self.until))
    }
}

#[derive(Debug, Args)]
struct IndexLocation {
    /// Index folder [default: ./index, or $NETRA_INDEX]
    #[arg(long, value_name = "DIR")]
    index: Option<PathBuf>,
}

impl IndexLocation {
    /// The index folder, and whether it is the default one.
    fn resolve(&self) -> (PathBuf, bool) {
        if let Some(dir) = &self.index {
            return (dir.clone(), false);
        }
        match env::var_os(INDEX_ENV).filter(|v| !v.is_empty()) {
            Some(dir) => (PathBuf::from(dir), false),
            None => (PathBuf::from(DEFAULT_INDEX), true),
        }
    }
}

#[derive(Debug, Args)]
struct IndexArgs {
    /// Article files (.txt, .jsonl) and folders to index [default: ./seeds]
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
    /// No progress bar
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct SearchArgs {
    /// The query; several arguments are joined with spaces. Quote a query that
    /// starts with -, or put -- before it: `netra search -- -kampanye ikrar`
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
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    sort: Sort,
    /// Print one JSON object instead of text
    #[arg(long)]
    json: bool,
    /// Colour the output
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Debug, Args)]
struct FacetsArgs {
    /// The facet to count
    #[arg(value_enum)]
    field: FacetField,
    /// Count the children of this facet path only, e.g. "/Nusa Tenggara Barat"
    #[arg(value_name = "PATH")]
    path: Option<String>,
    /// Count only the articles matching this query
    #[arg(long, short, value_name = "QUERY")]
    query: Option<String>,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    location: IndexLocation,
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct ExtractArgs {
    /// Article files (.txt, .jsonl) and folders
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Print JSON Lines (one article a line) instead of text
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    /// Colour on a terminal, unless NO_COLOR is set
    Auto,
    Always,
    Never,
}

fn parse_date_bound(s: &str) -> Result<PubDate, String> {
    PubDate::parse_bound(s).ok_or_else(|| {
        format!("{s:?} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, as in 2024-10")
    })
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Index(args) => index(args),
        Command::Search(args) => search(args),
        Command::Facets(args) => facets(args),
        Command::Extract(args) => extract(args),
    }
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
    };
    let report = indexer::run(&req)?;
    render::index_report(
        &mut io::stderr().lock(),
        &report,
        &dir.display().to_string(),
    )?;
    Ok(if report.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn search(args: SearchArgs) -> Result<ExitCode> {
    let (dir, is_default) = args.location.resolve();
    if is_default && !store::exists(&dir) {
        build_default_index(&dir)?;
    }
    let (filters, since, until) = args.filters.resolve()?;
    let store = Store::open(&dir)?;
    let req = SearchRequest {
        query: args.query.join(" "),
        limit: usize::try_from(args.limit).unwrap_or(usize::MAX),
        since,
        until,
        sort: args.sort,
        filters,
        // Counts are part of the JSON answer only: the text shows hits.
        count: if args.json {
            FacetField::ALL
                .iter()
                .map(|&f| (f, "/".to_owned()))
                .collect()
        } else {
            Vec::new()
        },
    };
    let results = search::search(&store, &req)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.json {
        render::search_json(&mut out, &results)?;
    } else {
        render::search_text(&mut out, &results, style(args.color))?;
    }
    out.flush()?;
    // The process ends here: unmapping the index's files one by one cost a
    // twentieth of a cold search, and the system reclaims them at exit anyway.
    std::mem::forget(store);
    Ok(ExitCode::SUCCESS)
}

fn facets(args: FacetsArgs) -> Result<ExitCode> {
    let (dir, is_default) = args.location.resolve();
    if is_default && !store::exists(&dir) {
        build_default_index(&dir)?;
    }
    let (filters, since, until) = args.filters.resolve()?;
    let root = match &args.path {
        None => "/".to_owned(),
        Some(path) => Facet::from_text(path)
            .map_err(|_| {
                anyhow::anyhow!(
                    "`{path}` is not a facet path: start it with /, as in /Nusa Tenggara Barat"
                )
            })?
            .to_string(),
    };
    let store = Store::open(&dir)?;
    let req = SearchRequest {
        query: args.query.unwrap_or_default(),
        limit: 1,
        since,
        until,
        filters,
        ..SearchRequest::default()
    };
    // The whole hierarchy without a PATH; the children of PATH with one.
    let depth = if args.path.is_some() { 1 } else { 3 };
    let tree = search::facet_tree(&store, &req, args.field, &root, depth)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.json {
        render::facets_json(&mut out, args.field, &root, &tree)?;
    } else {
        render::facets_text(&mut out, args.field, &root, &tree)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
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
    };
    let report = indexer::run(&req).context("building the default index")?;
    render::index_report(
        &mut io::stderr().lock(),
        &report,
        &dir.display().to_string(),
    )?;
    Ok(())
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let found = source::discover(&args.paths);
    let mut rejected = found.problems;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut err = io::stderr().lock();
    let style = style(Color::Auto);
    let mut failed: io::Result<()> = Ok(());
    for path in &found.files {
        source::read_file(path, &mut |item| {
            if failed.is_err() {
                return;
            }
            failed = match item {
                source::Item::Warning(w) => {
                    writeln!(err, "netra: warning: {}: {}", w.origin, w.message)
                }
                source::Item::Problem(p) => {
                    rejected.push(p);
                    Ok(())
                }
                source::Item::Article(raw) => match indexer::record(&raw) {
                    Ok(record) if args.json => render::record_json(&mut out, &record),
                    Ok(record) => render::record_text(&mut out, &record, style),
                    Err(reason) => {
                        rejected.push(source::Problem {
                            origin: raw.origin,
                            reason,
                        });
                        Ok(())
                    }
                },
            };
        });
        std::mem::replace(&mut failed, Ok(()))?;
    }
    out.flush()?;
    for p in &rejected {
        writeln!(err, "netra: skipped {}: {}", p.origin, p.reason)?;
    }
    Ok(if rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn style(color: Color) -> Style {
    let no_color = env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Style {
        color: match color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => !no_color && io::stdout().is_terminal(),
        },
    }
}
