//! HTML of the search page and the article page. maud escapes every value it
//! interpolates, so an article's title, outlet or body holding `<script>` shows as
//! text; the page runs no script at all (its Content-Security-Policy forbids it),
//! so every control is a link or a form.

use maud::{html, Markup, DOCTYPE};

use super::params::Params;
use crate::facet::FacetPath;
use crate::search::snippet::Snippet;
use crate::search::{FacetCount, Hit, SearchResults, Timeline};

/// The page's style sheet, served at `/static/netra.css`.
pub const CSS: &str = include_str!("netra.css");

/// The page's icon, served at `/favicon.svg`: a magnifier over a ballot box's slot.
pub const ICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="1" y="5" width="14" height="10" rx="2" fill="#2171b5"/><rect x="5" y="7" width="6" height="1.5" fill="#fff"/><circle cx="8" cy="4" r="3" fill="none" stroke="#08306b" stroke-width="1.5"/></svg>"##;

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="id" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · netra" }
                link rel="stylesheet" href="/static/netra.css";
                link rel="icon" type="image/svg+xml" href="/favicon.svg";
            }
            body { (body) }
        }
    }
}

/// A snippet's text with its highlighted byte ranges in `<mark>`.
fn marked(snippet: &Snippet) -> Markup {
    let text = &snippet.text;
    // (plain text, then the marked text after it)
    let mut pieces: Vec<(&str, &str)> = Vec::new();
    let mut at = 0;
    for &(from, to) in &snippet.highlights {
        let fits = from >= at && to <= text.len() && from <= to;
        if fits && text.is_char_boundary(from) && text.is_char_boundary(to) {
            pieces.push((&text[at..from], &text[from..to]));
            at = to;
        }
    }
    html! {
        @for (plain, mark) in &pieces { (plain) mark { (mark) } }
        (&text[at..])
    }
}

/// The facet sidebar's counts for the current view.
pub struct Sidebar {
    pub regions: Vec<FacetCount>,
    /// The regions are the places inside the one region filter: a click narrows
    /// to the place (replaces the filter) rather than adding a place to it.
    pub regions_inside: bool,
    pub officials: Vec<FacetCount>,
    pub pledges: Vec<FacetCount>,
    /// Counts by province, for the map.
    pub provinces: Vec<FacetCount>,
    pub timeline: Timeline,
    /// With dates chosen: the timeline of the view without them.
    pub timeline_undated: Option<Timeline>,
}

/// The search page.
pub fn search(
    p: &Params,
    results: Option<&SearchResults>,
    side: &Sidebar,
    error: Option<&str>,
) -> Markup {
    let title = if p.q.is_empty() {
        "netra".to_owned()
    } else {
        p.q.clone()
    };
    layout(
        &title,
        html! {
            header {
                a.home href="/" { "netra" }
                form method="get" action="/" {
                    input type="search" name="q" value=(p.q) maxlength="1024"
                        placeholder="\"politik uang\", ikrar netralitas NTB …" aria-label="query";
                    (kept_filters(p))
                    @if !p.who.is_empty() { input type="hidden" name="who" value=(p.who); }
                    select name="sort" aria-label="order" {
                        option value="relevance" selected[p.sort == crate::search::Sort::Relevance] { "best first" }
                        option value="date" selected[p.sort == crate::search::Sort::Date] { "newest first" }
                    }
                    button type="submit" { "Search" }
                }
            }
            (chips(p))
            main {
                aside { (sidebar(p, side)) }
                section.results {
                    @if let Some(e) = error { p.error { (e) } }
                    @if let Some(r) = results {
                    @if r.total > 0 || side.timeline_undated.is_some() {
                        div.charts {
                            (super::charts::timeline(p, side.timeline_undated.as_ref().unwrap_or(&side.timeline), &side.timeline))
                            (super::charts::map(p, &side.provinces))
                        }
                    }
                    (hits(p, r))
                }
                }
            }
        },
    )
}

/// The view's filters as a form's hidden fields, so that a form submitted from
/// the page keeps them.
fn kept_filters(p: &Params) -> Markup {
    html! {
        @for r in &p.regions { input type="hidden" name="region" value=(r); }
        @for o in &p.officials { input type="hidden" name="official" value=(o); }
        @for x in &p.pledges { input type="hidden" name="pledge" value=(x); }
        @if let Some(s) = &p.since { input type="hidden" name="since" value=(s); }
        @if let Some(u) = &p.until { input type="hidden" name="until" value=(u); }
    }
}

/// The officials the sidebar lists: the roles with their people, or, with a
/// filter typed, the roles and the people whose names hold it.
fn officials_listed<'a>(
    p: &Params,
    roles: &'a [FacetCount],
) -> Vec<(&'a FacetCount, Vec<&'a FacetCount>)> {
    if p.who.is_empty() {
        return roles
            .iter()
            .take(15)
            .map(|role| (role, role.children.iter().take(5).collect()))
            .collect();
    }
    let wanted = p.who.to_lowercase();
    let holds = |c: &FacetCount| {
        c.path
            .steps()
            .last()
            .is_some_and(|s| s.to_lowercase().contains(&wanted))
    };
    roles
        .iter()
        .filter_map(|role| {
            let whole_role = holds(role);
            let people: Vec<&FacetCount> = role
                .children
                .iter()
                .filter(|person| whole_role || holds(person))
                .take(if whole_role { 10 } else { 25 })
                .collect();
            (whole_role || !people.is_empty()).then_some((role, people))
        })
        .take(40)
        .collect()
}

/// The active filters, each with a link that removes it.
fn chips(p: &Params) -> Markup {
    let chip =
        |label: String, href: String| html! { a.chip href=(href) title="remove" { (label) " ×" } };
    html! {
        nav.chips {
            @for (i, r) in p.regions.iter().enumerate() {
                (chip(format!("region: {r}"), p.link(|c| { c.regions.remove(i); c.page = 1; })))
            }
            @for (i, o) in p.officials.iter().enumerate() {
                (chip(format!("official: {o}"), p.link(|c| { c.officials.remove(i); c.page = 1; })))
            }
            @for (i, x) in p.pledges.iter().enumerate() {
                (chip(format!("pledge: {x}"), p.link(|c| { c.pledges.remove(i); c.page = 1; })))
            }
            @if let Some(s) = &p.since { (chip(format!("since {s}"), p.link(|c| { c.since = None; c.page = 1; }))) }
            @if let Some(u) = &p.until { (chip(format!("until {u}"), p.link(|c| { c.until = None; c.page = 1; }))) }
        }
    }
}

/// Places listed inside a region before a link to all of them.
const MAX_INNER_PLACES: usize = 12;

/// The facet sidebar: regions, officials, pledge types, each with its counts.
// One piece: one template, its three lists in the order the page shows them.
fn sidebar(p: &Params, side: &Sidebar) -> Markup {
    let last_step = |path: &FacetPath| path.steps().last().cloned().unwrap_or_default();
    html! {
        h2 { "Region" }
        @let narrow = |path: &FacetPath| p.link(|x| {
            if side.regions_inside { x.regions.clear(); }
            x.regions.push(path.to_string());
            x.page = 1;
        });
        ul.facet.regions {
            @for c in &side.regions {
                li {
                    @if c.children.is_empty() {
                        a href=(narrow(&c.path)) { (last_step(&c.path)) } " " span.n { (c.count) }
                    } @else {
                        // The places inside, one click away (no script: a details element).
                        details {
                            summary { a href=(narrow(&c.path)) { (last_step(&c.path)) } " " span.n { (c.count) } }
                            ul {
                                @for inner in c.children.iter().take(MAX_INNER_PLACES) {
                                    li { a href=(narrow(&inner.path)) { (last_step(&inner.path)) } " " span.n { (inner.count) } }
                                }
                                @if c.children.len() > MAX_INNER_PLACES {
                                    li.more { a href=(narrow(&c.path)) { "all " (c.children.len()) " places in " (last_step(&c.path)) " →" } }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Official" }
        form.who method="get" action="/" {
            @if !p.q.is_empty() { input type="hidden" name="q" value=(p.q); }
            (kept_filters(p))
            @if p.sort == crate::search::Sort::Date { input type="hidden" name="sort" value="date"; }
            input type="search" name="who" value=(p.who) maxlength="100"
                placeholder="Camat, Bawaslu, a name …" aria-label="filter the officials";
            button type="submit" { "Filter" }
        }
        @let listed = officials_listed(p, &side.officials);
        @if listed.is_empty() && !p.who.is_empty() { p.none { "No official here holds “" (p.who) "”." } }
        ul.facet.officials {
            @for (role, people) in &listed {
                li {
                    a href=(p.link(|x| { x.officials.push(last_step(&role.path)); x.page = 1; })) { (last_step(&role.path)) } " " span.n { (role.count) }
                    ul {
                        @for person in people {
                            li { a href=(p.link(|x| { x.officials.push(person.path.to_string()); x.page = 1; })) { (last_step(&person.path)) } " " span.n { (person.count) } }
                        }
                    }
                }
            }
        }
        h2 { "Pledge" }
        ul.facet {
            @for c in &side.pledges {
                li { a href=(p.link(|x| { x.pledges.push(last_step(&c.path)); x.page = 1; })) { (last_step(&c.path)) } " " span.n { (c.count) } }
            }
        }
        h2 { "Export" }
        p.export {
            a href={ "/export.csv" (p.link(|x| x.page = 1)) } { "CSV" } " · "
            a href={ "/export.jsonl" (p.link(|x| x.page = 1)) } { "JSON Lines" }
        }
    }
}

fn hits(p: &Params, r: &SearchResults) -> Markup {
    let first = (p.page - 1) * p.limit;
    let shown = r.hits.iter().skip(first);
    html! {
        p.summary {
            strong { (r.total) } " article" @if r.total != 1 { "s" } " match"
            @if r.relaxed { " (no article holds every word: these hold most of them)" }
            @if r.partial > 0 { " · then " (r.partial) " that hold most of the words" }
            @if let Some(n) = r.undated.filter(|&n| n > 0) { " · " (n) " undated left out by the dates" }
        }
        @if !r.understood.is_empty() {
            p.understood { "Understood: " (understood(r)) }
        }
        ol.hits start=(first + 1) {
            @for hit in shown { li.partial[hit.partial] { (one_hit(p, hit)) } }
        }
        nav.pages {
            @if p.page > 1 { a href=(p.link(|x| x.page -= 1)) { "← previous" } }
            @if r.total > p.page * p.limit && (p.page + 1) * p.limit <= super::params::MAX_HITS {
                a href=(p.link(|x| x.page += 1)) { "next →" }
            }
        }
    }
}

/// What the query's words were read as: "Jabar → /Jawa Barat; ASN → aparatur
/// sipil negara".
fn understood(r: &SearchResults) -> String {
    let u = &r.understood;
    u.places
        .iter()
        .chain(&u.expansions)
        .chain(&u.names)
        .chain(&u.pledges)
        .map(|reading| {
            let means: Vec<&str> = reading
                .regions
                .iter()
                .chain(&reading.also)
                .map(String::as_str)
                .collect();
            format!("{} → {}", reading.text, means.join(", "))
        })
        .chain(u.notes.iter().cloned())
        .collect::<Vec<_>>()
        .join("; ")
}

fn one_hit(p: &Params, hit: &Hit) -> Markup {
    let a = &hit.article;
    // The view goes along, so that the article page leads back to it.
    let href = format!("/article/{}{}", urlencode(&a.id), p.link(|_| {}));
    html! {
        a.title href=(href) { (a.shown_title) }
        @if hit.partial { " " span.tag.partial { "holds most of the words" } }
        p.meta {
            @if let Some(d) = a.event_date.as_ref().or(a.date.as_ref()) { (d) " · " }
            @if let Some(o) = &a.outlet { (o) " · " }
            @for r in &a.regions { span.tag { (r.steps().last().map(String::as_str).unwrap_or("")) } " " }
            @for t in &a.pledges { span.tag.pledge { (t.name()) } " " }
        }
        @if !a.officials.is_empty() {
            p.officials {
                @for (i, o) in a.officials.iter().enumerate() {
                    @if i > 0 { " · " }
                    span { (o.role) " " (o.name) }
                }
            }
        }
        p.snippet { (marked(&hit.snippet_parts)) }
        @if !hit.similar.is_empty() { p.similar { "+" (hit.similar.len()) " similar" } }
    }
}

/// The article page; `p` is the view it was opened from (its query highlights).
pub fn article(p: &Params, found: &crate::search::Article) -> Markup {
    let (a, body) = (&found.stored, &found.body);
    let back = format!("/{}", p.link(|_| {}));
    let filter = |key: &str, value: &str| format!("/?{}={}", key, urlencode(value));
    let view = p.link(|_| {});
    layout(
        &a.shown_title,
        html! {
            header { a.home href=(back) { "← back to the results" } }
            article.page {
                h1 { (a.shown_title) }
                p.meta {
                    @if let Some(d) = &a.date { "published " (d) " · " }
                    @if let Some(d) = &a.event_date { "event " (d) " · " }
                    @if let Some(o) = &a.outlet { (o) " · " }
                    @if let Some(d) = &a.dateline { (d) }
                }
                p.facets {
                    @for r in &a.regions { a.tag href=(filter("region", &r.to_string())) { (r.steps().join(" › ")) } " " }
                    @for o in &a.officials { a.tag href=(filter("official", &o.to_string())) { (o.role) " " (o.name) } " " }
                    @for t in &a.pledges { a.tag.pledge href=(filter("pledge", t.name())) { (t.name()) } " " }
                }
                @match &a.url {
                    Some(url) => p.source { "Source: " (url) },
                    None => p.source { "File: " (a.path) },
                }
                div.body {
                    @for para in paragraphs(body) { p { (marked(&para)) } }
                }
                @if !found.copies.is_empty() {
                    section.copies {
                        h2 { "The same story elsewhere (" (found.copies.len()) ")" }
                        ul.copies {
                            @for c in &found.copies {
                                li {
                                    a href={ "/article/" (urlencode(&c.id)) (view) } {
                                        (c.title.as_deref().unwrap_or(&c.id))
                                    }
                                    @if let Some(o) = &c.outlet { " · " (o) }
                                    @if let Some(d) = &c.date { " · " (d) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// A highlighted body split at its blank lines, each paragraph with its marks.
fn paragraphs(body: &Snippet) -> Vec<Snippet> {
    let mut out = Vec::new();
    let mut start = 0;
    let text = &body.text;
    let mut push = |from: usize, to: usize| {
        if text[from..to].trim().is_empty() {
            return;
        }
        let highlights = body
            .highlights
            .iter()
            .filter(|&&(a, b)| a >= from && b <= to)
            .map(|&(a, b)| (a - from, b - from))
            .collect();
        out.push(Snippet {
            text: text[from..to].to_owned(),
            highlights,
        });
    };
    for (i, _) in text.match_indices("\n\n") {
        push(start, i);
        start = i + 2;
    }
    push(start, text.len());
    out
}

/// An error page (the message is escaped like any text).
pub fn error(status: u16, message: &str) -> Markup {
    layout(
        "error",
        html! {
            header { a.home href="/" { "netra" } }
            main { section.results { p.error { (status) ": " (message) } } }
        },
    )
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
