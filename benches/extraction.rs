//! Cost per MB of each text stage: parse (article), facets (extract), analysis
//! (tokenize + stem), on one thread, median of five passes.
//!
//!     cargo bench --bench extraction                      # the seeds, repeated
//!     cargo bench --bench extraction -- corpus.jsonl      # a JSONL corpus
//!
//! The corpus is read once into memory; only the stages are timed.

use std::fs;
use std::hint::black_box;
use std::time::Instant;

use netra::analysis;
use netra::article::{self, Article, Meta};
use netra::extract;
use tantivy::tokenizer::TokenStream;

const PASSES: usize = 5;

fn load(path: Option<&str>) -> Vec<(String, Meta)> {
    let Some(path) = path else {
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut texts = Vec::new();
        for entry in fs::read_dir(seeds).expect("seeds folder") {
            let text = fs::read_to_string(entry.expect("entry").path()).expect("seed text");
            texts.push((text, Meta::default()));
        }
        // About 13 MB: the five seeds, 1,000 times.
        return texts
            .iter()
            .cycle()
            .take(texts.len() * 1000)
            .cloned()
            .collect();
    };
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
            Some((
                field("text")?,
                Meta {
                    title: field("title"),
                    outlet: field("outlet"),
                    date: field("date"),
                    url: field("url"),
                    dateline: None,
                    event_date: None,
                    cleaned: false,
                },
            ))
        })
        .collect()
}

fn median_seconds(mut run: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..PASSES)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[PASSES / 2]
}

fn main() {
    let path = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let corpus = load(path.as_deref());
    let mb = corpus.iter().map(|(t, _)| t.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "{} articles, {mb:.1} MB, median of {PASSES} passes, one thread",
        corpus.len()
    );

    let articles: Vec<Article> = corpus.iter().map(|(t, m)| article::parse(t, m)).collect();
    let parse = median_seconds(|| {
        for (text, meta) in &corpus {
            black_box(article::parse(text, meta));
        }
    });
    let facets = median_seconds(|| {
        for a in &articles {
            black_box(extract::extract(a));
        }
    });
    let mut analyzer = analysis::text_analyzer();
    let analysis = median_seconds(|| {
        for a in &articles {
            let mut stream = analyzer.token_stream(&a.body);
            while let Some(token) = stream.next() {
                black_box(token);
            }
        }
    });
    println!("| stage | ms per MB | MB/s |");
    println!("|---|---:|---:|");
    for (stage, secs) in [
        ("parse (article)", parse),
        ("facets (extract)", facets),
        ("analysis", analysis),
    ] {
        println!("| {stage} | {:.1} | {:.1} |", secs * 1000.0 / mb, mb / secs);
    }
    // How many index terms the stems add: every word's stem is a term of its own.
    let mut words = 0usize;
    let mut changed = 0usize;
    let mut stream_of = analysis::WordScanner::default();
    for a in &articles {
        for w in stream_of.words(&a.body) {
            words += 1;
            if analysis::stem::stem(&w.text) != w.text.as_str() {
                changed += 1;
            }
        }
    }
    println!(
        "{words} body words; the stem differs from the word for {:.1}%",
        changed as f64 * 100.0 / words.max(1) as f64
    );
    office_mentions();
}

/// One paragraph dense with offices and names (a list of officials, or hostile
/// input), at two sizes: officials' extraction must take time linear in it (it
/// was quadratic: 460 KB with 5,000 mentions took 3.2 s, 10,000 took 11.7 s).
fn office_mentions() {
    let paragraph = |mentions: usize| {
        let text: String = (0..mentions)
            .map(|i| {
                format!(
                    "Camat Lembor Nama{i} Orang{} hadir bersama warga dan ",
                    i % 97
                )
            })
            .collect();
        format!("Daftar Camat Yang Hadir Dalam Rapat Netralitas\n\n{text}.")
    };
    println!("| office mentions in one paragraph | KB | facets ms |");
    println!("|---:|---:|---:|");
    for mentions in [5_000, 10_000, 20_000] {
        let article = article::parse(&paragraph(mentions), &Meta::default());
        let secs = median_seconds(|| {
            black_box(extract::extract(&article));
        });
        println!(
            "| {mentions} | {} | {:.1} |",
            article.body.len() / 1000,
            secs * 1000.0
        );
    }
}
