//! Results → text. Nothing else in netra prints hits, records or reports.
//!
//! Terminal output uses colour only when asked to ([`Style`]); JSON output is one
//! object (search) or one object a line (extract).

use std::collections::BTreeMap;
use std::io::{self, Write};

use anstyle::AnsiColor;

use crate::facet::FacetField;
use crate::indexer::IndexReport;
use crate::query::understand::Understood;
use crate::record::Record;
use crate::search::{Explained, FacetCount, Hit, SearchResults};

/// Terminal styling: whether to colour (the CLI decides, from the terminal and
/// the environment).
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, style: anstyle::Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.paint(anstyle::Style::new().bold(), t)
    }
    fn dim(&self, t: &str) -> String {
        self.paint(anstyle::Style::new().dimmed(), t)
    }
    /// A matched word: bold yellow, or in brackets without colour.
    fn mark(&self, t: &str) -> String {
        if self.color {
            self.paint(
                anstyle::Style::new()
                    .bold()
                    .fg_color(Some(AnsiColor::Yellow.into())),
                t,
            )
        } else {
            format!("[{t}]")
        }
    }
}

fn display_title(hit: &Hit) -> String {
    match &hit.article.title {
        Some(t) => t.clone(),
        None => format!("(no title) {}", hit.article.shown_title),
    }
}

/// "2024-10-03", "2024-10-03 (event 2024-10-02)", "event 2024-10-02", "undated".
fn dates_shown(published: Option<&str>, event: Option<&str>) -> String {
    match (published, event) {
        (Some(p), Some(e)) if p != e => format!("{p} (event {e})"),
        (Some(p), _) => p.to_owned(),
        (None, Some(e)) => format!("event {e}"),
        (None, None) => "undated".to_owned(),
    }
}

/// How many matches a date bound left out for want of a date.
fn undated_text(out: &mut impl Write, undated: Option<usize>, style: Style) -> io::Result<()> {
    match undated {
        Some(0) | None => Ok(()),
        Some(n) => {
            let noun = if n == 1 {
                "article matches"
            } else {
                "articles match"
            };
            let line = format!(
                "{n} more {noun} but {} no date, so --since/--until leave {} out",
                if n == 1 { "has" } else { "have" },
                if n == 1 { "it" } else { "them" }
            );
            writeln!(out, "{}", style.dim(&line))
        }
    }
}

/// Search results for a person at a terminal: the header, what the query was
/// read as, then each hit.
pub fn search_text(out: &mut impl Write, r: &SearchResults, style: Style) -> io::Result<()> {
    if r.total == 0 {
        writeln!(out, "No article matches: {}", r.query)?;
        return undated_text(out, r.undated, style);
    }
    header_text(out, r)?;
    understood_text(out, &r.understood, style)?;
    undated_text(out, r.undated, style)?;
    for (rank, hit) in r.hits.iter().enumerate() {
        if hit.partial && (rank == 0 || !r.hits[rank - 1].partial) {
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                style.dim("── these hold most parts of the query, not every one ──")
            )?;
        }
        hit_text(out, rank + 1, hit, style)?;
    }
    Ok(())
}

/// How many articles match, and how many are shown.
fn header_text(out: &mut impl Write, r: &SearchResults) -> io::Result<()> {
    let shown = r.hits.len();
    let noun = if r.total == 1 { "article" } else { "articles" };
    match (shown < r.total, r.relaxed) {
        (true, false) => writeln!(
            out,
            "{} {noun} match: {} (showing the first {shown})",
            r.total, r.query
        ),
        (false, false) if r.partial > 0 => writeln!(
            out,
            "{} {noun} match: {} (and {} that hold most of its parts follow)",
            r.total, r.query, r.partial
        ),
        (false, false) => writeln!(out, "{} {noun} match: {}", r.total, r.query),
        (_, true) => writeln!(
            out,
            "{} {noun} match part of: {} (no article holds every part; these hold most of them)",
            r.total, r.query
        ),
    }
}

/// One hit: its rank and title, date, outlet, place and score, where it is, its
/// snippet, why it ranks there (when asked) and its copies.
fn hit_text(out: &mut impl Write, rank: usize, hit: &Hit, style: Style) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{rank:>3}. {}", style.bold(&display_title(hit)))?;
    let a = &hit.article;
    let region = a
        .regions
        .first()
        .map(|r| r.display_name())
        .or_else(|| a.dateline.clone());
    let meta: Vec<String> = [
        Some(dates_shown(a.date.as_deref(), a.event_date.as_deref())),
        a.outlet.clone(),
        region,
        hit.score.map(|s| format!("score {s:.2}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    writeln!(out, "     {}", style.dim(&meta.join(" · ")))?;
    match a.line {
        Some(line) => writeln!(out, "     {}:{line}", a.path)?,
        None => writeln!(out, "     {}", a.path)?,
    }
    writeln!(out, "     {}", highlighted(hit, style))?;
    if let Some(why) = &hit.explain {
        explained(out, why, 5, style)?;
    }
    if !hit.similar.is_empty() {
        let sources: Vec<String> = hit
            .similar
            .iter()
            .map(|s| s.outlet.clone().unwrap_or_else(|| s.path.clone()))
            .collect();
        let line = format!("+{} similar: {}", hit.similar.len(), sources.join(", "));
        writeln!(out, "     {}", style.dim(&line))?;
    }
    Ok(())
}

/// A score's parts, one a line, indented by depth; tantivy's own grouping nodes
/// ("sum of", "product of", boosts) are skipped: their parts stand in for them.
fn explained(
    out: &mut impl Write,
    node: &Explained,
    indent: usize,
    style: Style,
) -> io::Result<()> {
    let grouping = [
        "BooleanClause",
        "Boost",
        "ConstScore",
        "DisjunctionMax",
        "Intersection",
    ]
    .iter()
    .any(|g| node.what.starts_with(g))
        && !node.details.is_empty();
    if grouping {
        for d in &node.details {
            explained(out, d, indent, style)?;
        }
        return Ok(());
    }
    let line = format!("{:.2}  {}", node.score, node.what);
    writeln!(out, "{}{}", " ".repeat(indent), style.dim(&line))?;
    for d in &node.details {
        explained(out, d, indent + 2, style)?;
    }
    Ok(())
}

/// What the query's words were read as: `Jabar → region /Jawa Barat`.
fn understood_text(out: &mut impl Write, u: &Understood, style: Style) -> io::Result<()> {
    let mut parts: Vec<String> = Vec::new();
    for place in &u.places {
        let mut also = place.regions.clone();
        also.extend(place.also.iter().map(|a| format!("\"{a}\"")));
        parts.push(format!("{} → region {}", place.text, also.join(", ")));
    }
    for reading in u.expansions.iter().chain(&u.names).chain(&u.pledges) {
        parts.push(format!(
            "{} → also {}",
            reading.text,
            reading.also.join(", ")
        ));
    }
    if !parts.is_empty() {
        writeln!(
            out,
            "{}",
            style.dim(&format!("Understood: {}", parts.join("; ")))
        )?;
    }
    for note in &u.notes {
        writeln!(out, "{}", style.dim(&format!("Note: {note}")))?;
    }
    Ok(())
}

fn highlighted(hit: &Hit, style: Style) -> String {
    let s = &hit.snippet_parts;
    let mut out = String::new();
    let mut at = 0;
    for &(a, b) in &s.highlights {
        out.push_str(&s.text[at..a]);
        out.push_str(&style.mark(&s.text[a..b]));
        at = b;
    }
    out.push_str(&s.text[at..]);
    out
}

/// Search results as one JSON object.
pub fn search_json(out: &mut impl Write, r: &SearchResults) -> io::Result<()> {
    serde_json::to_writer(&mut *out, r)?;
    writeln!(out)
}

/// One extracted record as a JSON line.
pub fn record_json(out: &mut impl Write, record: &Record) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    writeln!(out)
}

/// One extracted record for a person: where it came from, then a line a field.
pub fn record_text(out: &mut impl Write, record: &Record, style: Style) -> io::Result<()> {
    let origin = match record.line {
        Some(line) => format!("{}:{line}", record.path),
        None => record.path.clone(),
    };
    writeln!(out, "{}", style.bold(&origin))?;
    for (label, value) in record_fields(record) {
        writeln!(out, "  {label}{value}")?;
    }
    writeln!(out)
}

/// A record's fields as [`record_text`] prints them: label (padded) and value.
fn record_fields(record: &Record) -> Vec<(&'static str, String)> {
    let a = &record.article;
    let f = &record.facets;
    let or_none = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
    let title = match &a.title {
        Some(t) => t.clone(),
        None => format!("(no title) {}", a.shown_title),
    };
    let opening: String = a
        .body
        .chars()
        .take(160)
        .collect::<String>()
        .replace('\n', " ");
    let words = a.body.split_whitespace().count();
    let c = &a.cleaning;
    let removed = if c.removed.is_empty() {
        "nothing removed".to_owned()
    } else {
        format!("removed {}", c.summary())
    };
    vec![
        ("id:       ", record.id.clone()),
        ("title:    ", title),
        ("outlet:   ", or_none(a.outlet.clone())),
        ("dateline: ", or_none(a.dateline.clone())),
        ("date:     ", or_none(a.date.map(|d| d.to_string()))),
        ("event:    ", or_none(a.event_date.map(|d| d.to_string()))),
        (
            "regions:  ",
            joined(f.regions.iter().map(ToString::to_string)),
        ),
        (
            "officials: ",
            joined(f.officials.iter().map(|o| o.path().to_string())),
        ),
        (
            "pledges:  ",
            joined(f.pledges.iter().map(ToString::to_string)),
        ),
        ("body:     ", format!("{words} words: {opening}…")),
        (
            "cleaning: ",
            format!(
                "kept {:.0}% of the page's text; {removed}",
                c.kept_share() * 100.0
            ),
        ),
    ]
}

/// Items separated by commas.
fn joined(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// The closing summary of an indexing run, and every problem, on `err`.
pub fn index_report(err: &mut impl Write, r: &IndexReport, index: &str) -> io::Result<()> {
    for w in &r.warnings {
        writeln!(err, "netra: warning: {}: {}", w.origin, w.message)?;
    }
    for p in &r.rejected {
        writeln!(err, "netra: skipped {}: {}", p.origin, p.reason)?;
    }
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &r.rejected {
        *reasons.entry(p.reason.label()).or_default() += 1;
    }
    let mb = r.bytes as f64 / 1_000_000.0;
    let inputs = r.articles + r.unchanged + r.rejected.len();
    let files = if r.files == 1 { "file" } else { "files" };
    let unchanged = if r.unchanged > 0 {
        format!(", {} unchanged (already indexed)", r.unchanged)
    } else {
        String::new()
    };
    writeln!(
        err,
        "netra: read {inputs} inputs from {} {files} ({mb:.1} MB): {} indexed{unchanged}, {} rejected{}",
        r.files,
        r.articles,
        r.rejected.len(),
        if reasons.is_empty() {
            String::new()
        } else {
            let parts: Vec<String> = reasons.iter().map(|(k, n)| format!("{n} {k}")).collect();
            format!(" ({})", parts.join(", "))
        }
    )?;
    if r.ignored_files > 0 {
        writeln!(
            err,
            "netra: ignored {} files that are not .txt or .jsonl",
            r.ignored_files
        )?;
    }
    if !r.cleaned_most.is_empty() {
        const SHOWN: usize = 5;
        let n = r.cleaned_most.len();
        writeln!(
            err,
            "netra: {n} article{} lost more than half of the page's text to boilerplate rules; indexed as cleaned (`netra extract FILE` shows what each rule removed):",
            if n == 1 { "" } else { "s" }
        )?;
        for (origin, summary) in r.cleaned_most.iter().take(SHOWN) {
            writeln!(err, "  {origin}: {summary}")?;
        }
        if n > SHOWN {
            writeln!(err, "  … and {} more", n - SHOWN)?;
        }
    }
    writeln!(
        err,
        "netra: the index at {index} now holds {} articles",
        r.total_in_index
    )
}

/// Facet counts as an indented tree.
pub fn facets_text(
    out: &mut impl Write,
    field: FacetField,
    root: &str,
    tree: &[FacetCount],
) -> io::Result<()> {
    if tree.is_empty() {
        return writeln!(
            out,
            "No {} facets under {root} in the matching articles.",
            field.name()
        );
    }
    writeln!(out, "Articles by {} under {root}:", field.name())?;
    fn walk(out: &mut impl Write, nodes: &[FacetCount], depth: usize) -> io::Result<()> {
        for node in nodes {
            let name = node.path.last().unwrap_or("/");
            let label = format!("{}{name}", "  ".repeat(depth + 1));
            writeln!(out, "{label:<60} {:>6}", node.count)?;
            walk(out, &node.children, depth + 1)?;
        }
        Ok(())
    }
    walk(out, tree, 0)
}

/// Facet counts as one JSON object: `{"field", "root", "counts": [{path, count, children}]}`.
pub fn facets_json(
    out: &mut impl Write,
    field: FacetField,
    root: &str,
    tree: &[FacetCount],
) -> io::Result<()> {
    let value = serde_json::json!({"field": field.name(), "root": root, "counts": tree});
    serde_json::to_writer(&mut *out, &value)?;
    writeln!(out)
}
