//! The ceiling: raw tantivy with its default tokenizer, no parsing, no extraction.
//! Title and body are indexed (positions, for phrases) and stored, the outlet is a
//! fast keyword field; the writer gets the same threads and memory as netra's.

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::mpsc;

use anyhow::{Context, Result};
use serde::Deserialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{Field, Schema, Value, FAST, STORED, STRING, TEXT};
use tantivy::snippet::SnippetGenerator;
use tantivy::{doc, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument};

use crate::QuerySpec;

#[derive(Deserialize)]
struct Row {
    #[serde(default)]
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    text: String,
}

struct Fields {
    id: Field,
    title: Field,
    body: Field,
    outlet: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let title = b.add_text_field("title", TEXT | STORED);
    let body = b.add_text_field("body", TEXT | STORED);
    let outlet = b.add_text_field("outlet", STRING | STORED | FAST);
    (
        b.build(),
        Fields {
            id,
            title,
            body,
            outlet,
        },
    )
}

fn fields(index: &Index) -> Result<Fields> {
    let s = index.schema();
    Ok(Fields {
        id: s.get_field("id")?,
        title: s.get_field("title")?,
        body: s.get_field("body")?,
        outlet: s.get_field("outlet")?,
    })
}

/// Indexes a JSONL file: one thread reads and decodes lines, the writer's threads
/// tokenize and write.
pub fn index(input: &Path, dir: &Path, memory_mb: usize) -> Result<u64> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(dir, schema)?;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let mut writer = index.writer_with_num_threads(threads, memory_mb * 1_000_000)?;
    let file = File::open(input).with_context(|| format!("cannot open {}", input.display()))?;
    let mut count = 0;
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = mpsc::sync_channel::<Vec<Row>>(4);
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(256);
            for line in BufReader::new(file).lines() {
                let Ok(line) = line else { break };
                if let Ok(row) = serde_json::from_str::<Row>(&line) {
                    batch.push(row);
                }
                if batch.len() == 256 && tx.send(std::mem::take(&mut batch)).is_err() {
                    return;
                }
            }
            let _ = tx.send(batch);
        });
        for batch in rx {
            for row in batch {
                writer.add_document(doc!(
                    f.id => row.id,
                    f.title => row.title.unwrap_or_default(),
                    f.body => row.text,
                    f.outlet => row.outlet.unwrap_or_default(),
                ))?;
                count += 1;
            }
        }
        Ok(())
    })?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(count)
}

pub struct Engine {
    reader: IndexReader,
    parser: QueryParser,
    f: Fields,
}

impl Engine {
    pub fn open(dir: &Path) -> Result<Engine> {
        let index = Index::open_in_dir(dir)?;
        let f = fields(&index)?;
        let mut parser = QueryParser::for_index(&index, vec![f.title, f.body]);
        parser.set_conjunction_by_default();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Engine { reader, parser, f })
    }

    /// Runs one query as a user would see it: the total, the top 10 stored
    /// documents and a highlighted body snippet each. Returns the total.
    pub fn run(&self, spec: &QuerySpec) -> Result<usize> {
        let searcher = self.reader.searcher();
        if spec.facets.is_some() {
            return self.count_outlets(&searcher);
        }
        let text = spec.baseline_query();
        let query = self.parser.parse_query(&text)?;
        let (top, total) =
            searcher.search(&query, &(TopDocs::with_limit(10).order_by_score(), Count))?;
        let snippets = SnippetGenerator::create(&searcher, &*query, self.f.body)?;
        for (_, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let title = doc.get_first(self.f.title).and_then(|v| v.as_str());
            let id = doc.get_first(self.f.id).and_then(|v| v.as_str());
            let snippet = snippets.snippet_from_doc(&doc);
            std::hint::black_box((title, id, snippet.to_html()));
        }
        Ok(total)
    }

    /// Counts over all documents: articles per outlet (raw tantivy has no regions).
    fn count_outlets(&self, searcher: &Searcher) -> Result<usize> {
        let aggs: Aggregations = serde_json::from_value(serde_json::json!({
            "by_outlet": { "terms": { "field": "outlet", "size": 1000 } }
        }))?;
        let collector = AggregationCollector::from_aggs(
            aggs,
            AggContextParams::new(AggregationLimitsGuard::default(), Default::default()),
        );
        let result = searcher.search(&tantivy::query::AllQuery, &collector)?;
        let json = serde_json::to_value(result)?;
        let buckets = json["by_outlet"]["buckets"]
            .as_array()
            .map_or(0, |b| b.len());
        std::hint::black_box(&json);
        let _ = self.f.outlet;
        Ok(buckets)
    }
}
