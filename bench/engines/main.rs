//! The benchmark's Rust side (`bench/run` drives it; see bench/README.md):
//!
//!     engines gen --articles 1000000 --out corpus.jsonl   # deterministic corpus
//!     engines raw-index --input corpus.jsonl --index DIR  # the raw tantivy baseline
//!     engines query --engine netra|raw --index DIR        # in-process latencies
//!
//! `query` prints one JSON line per query class with the p50/p95/p99 latency of the
//! whole answer a user sees: the total, the top 10 stored articles and a snippet
//! each (for facet counts: the counts).

mod gen;
mod raw;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use netra::extract::gazetteer;
use netra::facet::{FacetField, FacetPath};
use netra::search::{self, Filters, SearchRequest};
use netra::store::Store;
use serde::Deserialize;

#[derive(Parser)]
#[command(
    about = "netra's benchmark engines: corpus generator, raw tantivy baseline, query timing"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write N generated articles as JSONL (the same bytes for the same seed).
    Gen {
        #[arg(long)]
        articles: u64,
        /// Number of the first article (ids are gen-N): a later batch continues an
        /// earlier corpus without repeating it
        #[arg(long, default_value_t = 0)]
        start: u64,
        #[arg(long, default_value_t = 2024)]
        seed: u64,
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))]
        seeds: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Index a JSONL corpus with raw tantivy (default tokenizer, no extraction).
    RawIndex {
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        index: PathBuf,
        /// Writer memory in MB, as netra's --memory
        #[arg(long, default_value_t = 256)]
        memory: usize,
    },
    /// Time two commands as whole processes, in turn, from spawn to exit; print
    /// the median wall milliseconds of each as JSON. Spawned from this small
    /// process, so the measuring adds little to either.
    Cold {
        /// The first command, as a JSON array of strings
        #[arg(long)]
        a: String,
        /// The second command, as a JSON array of strings
        #[arg(long)]
        b: String,
        #[arg(long, default_value_t = 20)]
        runs: usize,
    },
    /// Time each query class in-process and print one JSON line per class.
    Query {
        #[arg(long, value_parser = ["netra", "raw"])]
        engine: String,
        #[arg(long)]
        index: PathBuf,
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/queries.json"))]
        queries: PathBuf,
        /// Timed runs per class (after 3 untimed ones)
        #[arg(long, default_value_t = 100)]
        runs: usize,
    },
}

/// One query class, as every engine runs it (bench/queries.json).
#[derive(Debug, Deserialize)]
pub struct QuerySpec {
    pub class: String,
    /// netra's query.
    #[serde(default)]
    pub query: String,
    /// The same question for an engine without facets or netra's syntax.
    #[serde(default)]
    pub baseline: Option<String>,
    /// netra's --region filter.
    #[serde(default)]
    pub region: Option<String>,
    /// Counts over all documents of this facet (baselines count outlets).
    #[serde(default)]
    pub facets: Option<String>,
}

impl QuerySpec {
    pub fn baseline_query(&self) -> String {
        self.baseline.clone().unwrap_or_else(|| self.query.clone())
    }
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Gen {
            articles,
            start,
            seed,
            seeds,
            out,
        } => {
            let g = gen::Generator::new(&seeds)?;
            let file =
                File::create(&out).with_context(|| format!("cannot create {}", out.display()))?;
            let mut w = BufWriter::with_capacity(1 << 20, file);
            for n in start..start + articles {
                g.article(n, seed, &mut w)?;
            }
            w.flush()?;
        }
        Command::RawIndex {
            input,
            index,
            memory,
        } => {
            let n = raw::index(&input, &index, memory)?;
            eprintln!("raw tantivy: {n} articles indexed");
        }
        Command::Cold { a, b, runs } => {
            let a: Vec<String> = serde_json::from_str(&a).context("--a: a JSON array")?;
            let b: Vec<String> = serde_json::from_str(&b).context("--b: a JSON array")?;
            let (mut ta, mut tb) = (Vec::new(), Vec::new());
            for i in 0..runs + 2 {
                for (cmd, times) in [(&a, &mut ta), (&b, &mut tb)] {
                    let ms = spawn_ms(cmd)?;
                    if i >= 2 {
                        times.push(ms);
                    }
                }
            }
            ta.sort_by(f64::total_cmp);
            tb.sort_by(f64::total_cmp);
            println!(
                "{}",
                serde_json::json!({ "a_ms": percentile(&ta, 0.5), "b_ms": percentile(&tb, 0.5) })
            );
        }
        Command::Query {
            engine,
            index,
            queries,
            runs,
        } => {
            let text = std::fs::read_to_string(&queries)
                .with_context(|| format!("cannot read {}", queries.display()))?;
            let specs: Vec<QuerySpec> = serde_json::from_str(&text)?;
            let mut run: Runner = match engine.as_str() {
                "raw" => {
                    let e = raw::Engine::open(&index)?;
                    Box::new(move |s| e.run(s))
                }
                _ => {
                    let store = Store::open(&index)?;
                    Box::new(move |s| run_netra(&store, s))
                }
            };
            for spec in &specs {
                let (times, total) = time(&mut run, spec, runs)?;
                println!(
                    "{}",
                    serde_json::json!({
                        "engine": engine,
                        "class": spec.class,
                        "runs": times.len(),
                        "total": total,
                        "p50_us": percentile(&times, 0.50),
                        "p95_us": percentile(&times, 0.95),
                        "p99_us": percentile(&times, 0.99),
                    })
                );
            }
        }
    }
    Ok(())
}

/// Runs one query class and returns the number of matches.
type Runner = Box<dyn FnMut(&QuerySpec) -> Result<usize>>;

/// Wall milliseconds from spawning `cmd` (output discarded) to its exit.
fn spawn_ms(cmd: &[String]) -> Result<f64> {
    let (program, args) = cmd.split_first().context("an empty command")?;
    let start = Instant::now();
    let status = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .with_context(|| format!("cannot run {program}"))?;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if !status.success() {
        bail!("{} failed: {status}", cmd.join(" "));
    }
    Ok(ms)
}

fn time(
    run: &mut dyn FnMut(&QuerySpec) -> Result<usize>,
    spec: &QuerySpec,
    runs: usize,
) -> Result<(Vec<f64>, usize)> {
    let mut total = 0;
    for _ in 0..3 {
        total = run(spec).with_context(|| format!("query class {}", spec.class))?;
    }
    let mut times = Vec::with_capacity(runs);
    let budget = Instant::now();
    for _ in 0..runs {
        let start = Instant::now();
        std::hint::black_box(run(spec)?);
        times.push(start.elapsed().as_secs_f64() * 1e6);
        // A slow class stops early rather than holding the whole run up.
        if budget.elapsed() > Duration::from_secs(20) && times.len() >= 10 {
            break;
        }
    }
    times.sort_by(f64::total_cmp);
    Ok((times, total))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    (sorted[i] * 10.0).round() / 10.0
}

fn run_netra(store: &Store, spec: &QuerySpec) -> Result<usize> {
    let mut filters = Filters::default();
    if let Some(region) = &spec.region {
        let g = gazetteer::get();
        let areas = g.lookup(region);
        if areas.is_empty() {
            bail!("unknown region {region}");
        }
        filters.regions = areas.iter().map(|&a| g.path(a)).collect();
    }
    let req = SearchRequest {
        query: spec.query.clone(),
        limit: 10,
        filters,
        ..SearchRequest::default()
    };
    if spec.facets.is_some() {
        let tree = search::facet_tree(store, &req, FacetField::Region, &FacetPath::root(), 1)?;
        return Ok(tree.len());
    }
    let results = search::search(store, &req)?;
    std::hint::black_box(&results.hits);
    Ok(results.total)
}
