//! The page's two pictures, as SVG the server draws (no script): the timeline
//! (matching articles a month, each bar a link that narrows the view to its
//! month or stretches a chosen range to it; by week when the range is short) and the map (the 38 provinces as a tile grid, shaded by matching
//! articles, each tile a link that adds the province as a filter). Both print
//! their numbers, so a printed page keeps them.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use maud::{html, Markup};

use super::params::Params;
use crate::article::PubDate;
use crate::search::timeline::{self, day_label, month_label};
use crate::search::{FacetCount, Timeline};

/// The most months the timeline draws (the latest ones).
const MAX_MONTHS: usize = 48;

/// A province's tile: its gazetteer name, label, column and row.
struct Tile {
    name: &'static str,
    label: &'static str,
    col: u32,
    row: u32,
}

static TILES: LazyLock<Vec<Tile>> = LazyLock::new(|| {
    include_str!("province_tiles.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some(Tile {
                name: f.next()?,
                label: f.next()?,
                col: f.next()?.parse().ok()?,
                row: f.next()?.parse().ok()?,
            })
        })
        .collect()
});

/// Shades from no articles to the most, and the share of the maximum each starts at.
const SHADES: [(&str, f64); 5] = [
    ("#eef3f8", 0.0),
    ("#c6dbef", 0.000_001),
    ("#6baed6", 0.25),
    ("#2171b5", 0.5),
    ("#08306b", 0.75),
];

fn shade(count: u64, max: u64) -> &'static str {
    if count == 0 || max == 0 {
        return SHADES[0].0;
    }
    let share = count as f64 / max as f64;
    SHADES
        .iter()
        .rev()
        .find(|(_, from)| share >= *from)
        .map_or(SHADES[1].0, |(c, _)| c)
}

/// The map of province counts (`provinces`: the root level of the region facet).
pub fn map(p: &Params, provinces: &[FacetCount]) -> Markup {
    let counts: BTreeMap<String, u64> = provinces
        .iter()
        .filter_map(|c| Some((c.path.steps().first()?.clone(), c.count)))
        .collect();
    let max = counts.values().copied().max().unwrap_or(0);
    let (w, h) = (58, 42);
    let width = 13 * w;
    let height = 6 * h;
    html! {
        figure.map {
            svg viewBox={ "0 0 " (width) " " (height) } role="img" aria-label="articles by province" {
                @for t in TILES.iter() {
                    @let n = counts.get(t.name).copied().unwrap_or(0);
                    @let (x, y) = (t.col * w, t.row * h);
                    a href=(p.link(|v| { v.regions.push(format!("/{}", t.name)); v.page = 1; })) {
                        title { (t.name) ": " (n) }
                        rect x=(x + 1) y=(y + 1) width=(w - 2) height=(h - 2) rx="4"
                            fill=(shade(n, max)) stroke="#8fa3b8" {}
                        text x=(x + w / 2) y=(y + 17) text-anchor="middle" font-size="10"
                            fill=(if n * 2 > max && max > 0 { "#fff" } else { "#1b1f23" }) { (t.label) }
                        text x=(x + w / 2) y=(y + 32) text-anchor="middle" font-size="12" font-weight="bold"
                            fill=(if n * 2 > max && max > 0 { "#fff" } else { "#1b1f23" }) { (n) }
                    }
                }
            }
            figcaption {
                "Matching articles by province (the event's place). Shades: "
                @for (colour, label) in legend(max) {
                    svg.swatch viewBox="0 0 10 10" width="10" height="10" { rect width="10" height="10" fill=(colour) {} }
                    " " (label) "  "
                }
            }
        }
    }
}

/// Each shade in use with the counts it starts at ("0", "≥ 3"), without two
/// shades for one number when the counts are small.
fn legend(max: u64) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = vec![(SHADES[0].0, "0".to_owned())];
    let mut last = 0;
    for (colour, from) in &SHADES[1..] {
        let lo = ((from * max as f64).ceil() as u64).max(1);
        if lo > last && lo <= max {
            out.push((colour, format!("≥ {lo}")));
            last = lo;
        }
    }
    out
}

/// The selected dates of a view as days counted from 1970-01-01: the first day
/// of `since`, the last of `until` (either open).
fn selected(p: &Params) -> (Option<i64>, Option<i64>) {
    let day = |v: &Option<String>, end: bool| {
        let (lo, hi) = PubDate::parse_bound(v.as_deref()?)?.day_range();
        Some(if end { hi } else { lo })
    };
    (day(&p.since, false), day(&p.until, true))
}

/// The dates a click on `month` selects: the month alone, or, when a range is
/// chosen (its first and last months `chosen`) and the month lies outside it, the
/// range stretched to the month.
fn month_click(p: &Params, chosen: (Option<&str>, Option<&str>), month: &str) -> (String, String) {
    let alone = (month.to_owned(), month.to_owned());
    match chosen {
        (None, None) => alone,
        (Some(first), _) if month < first => (
            month.to_owned(),
            p.until.clone().unwrap_or_else(|| month.to_owned()),
        ),
        (_, Some(last)) if month > last => (
            p.since.clone().unwrap_or_else(|| month.to_owned()),
            month.to_owned(),
        ),
        _ => alone,
    }
}

/// The longest selection drawn week by week.
const MAX_WEEK_SPAN: i64 = 92;

/// The timeline: `all` counts the view's matches whatever their dates (so that
/// months outside a chosen range stay there to stretch it to); `view` counts the
/// view's own matches, drawn by week when the chosen range is short.
pub fn timeline(p: &Params, all: &Timeline, view: &Timeline) -> Markup {
    let months = all_months(&all.months);
    let months = &months[months.len().saturating_sub(MAX_MONTHS)..];
    let (since, until) = selected(p);
    let (first, last) = (since.map(month_label), until.map(month_label));
    let chosen = |m: &str| {
        (since.is_some() || until.is_some())
            && first.as_deref().is_none_or(|f| f <= m)
            && last.as_deref().is_none_or(|l| m <= l)
    };
    let bars: Vec<Bar> = months
        .iter()
        .map(|(month, n)| {
            let (s, u) = month_click(p, (first.as_deref(), last.as_deref()), month);
            Bar {
                label: month[5..].to_owned(),
                group: month[..4].to_owned(),
                title: month.clone(),
                count: *n,
                chosen: chosen(month),
                href: p.link(|v| {
                    v.since = Some(s);
                    v.until = Some(u);
                    v.page = 1;
                }),
            }
        })
        .collect();
    let weeks = match (since, until) {
        (Some(lo), Some(hi)) if hi - lo <= MAX_WEEK_SPAN => week_bars(p, lo, hi, &view.weeks),
        _ => Vec::new(),
    };
    html! {
        @if !bars.is_empty() {
            figure.timeline {
                (bar_chart(&bars, "articles by month"))
                figcaption {
                    "Matching articles a month (the event's date, else the publication's). A bar narrows the view to its month; "
                    "with months chosen (dark), a bar outside them stretches the range to it."
                    @if all.without_month > 0 { " " (all.without_month) " dated only by the year or not at all." }
                }
            }
        }
        @if !weeks.is_empty() {
            figure.timeline.weeks {
                (bar_chart(&weeks, "articles by week"))
                figcaption {
                    "The chosen range week by week (each bar from its Monday), for the articles dated to the day; a bar narrows the view to its week."
                }
            }
        }
    }
}

/// A week bar for each week from the one holding `lo` to the one holding `hi`.
fn week_bars(p: &Params, lo: i64, hi: i64, weeks: &BTreeMap<String, u64>) -> Vec<Bar> {
    let mut out = Vec::new();
    let mut monday = timeline::monday(lo);
    while monday <= hi {
        let label = day_label(monday);
        let (from, to) = (label.clone(), day_label(monday + 6));
        out.push(Bar {
            label: label[8..].to_owned(),
            group: label[..7].to_owned(),
            title: format!("week of {label}"),
            count: weeks.get(&label).copied().unwrap_or(0),
            chosen: true,
            href: p.link(|v| {
                v.since = Some(from);
                v.until = Some(to);
                v.page = 1;
            }),
        });
        monday += 7;
    }
    out
}

/// One bar of a timeline.
struct Bar {
    /// Under the bar ("10", the month; "07", a week's Monday).
    label: String,
    /// Under the first bar of a group ("2024", "2024-10").
    group: String,
    title: String,
    count: u64,
    chosen: bool,
    href: String,
}

/// Whether bar `i` is labelled with its group: the first of its group, unless
/// the next group starts within three bars (their labels would overlap).
fn group_starts(bars: &[Bar], i: usize) -> bool {
    let starts = |k: usize| k == 0 || bars[k - 1].group != bars[k].group;
    starts(i) && !(i + 1..(i + 3).min(bars.len())).any(starts)
}

fn bar_chart(bars: &[Bar], label: &str) -> Markup {
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let (bar, gap, plot) = (16u64, 4u64, 100u64);
    let width = (bars.len() as u64) * (bar + gap) + gap;
    html! {
        svg viewBox={ "0 0 " (width) " " (plot + 34) } role="img" aria-label=(label) {
            @for (i, b) in bars.iter().enumerate() {
                @let x = gap + i as u64 * (bar + gap);
                @let h = b.count * plot / max;
                a.bar.chosen[b.chosen] href=(b.href) {
                    title { (b.title) ": " (b.count) }
                    rect x=(x) y=(plot - h + 12) width=(bar) height=(h.max(1))
                        fill=(if b.chosen { "#08306b" } else { "#6baed6" }) {}
                    @if b.count > 0 {
                        text x=(x + bar / 2) y=(plot - h + 9) text-anchor="middle" font-size="8" { (b.count) }
                    }
                    text x=(x + bar / 2) y=(plot + 22) text-anchor="middle" font-size="8" { (b.label) }
                    @if group_starts(bars, i) {
                        text x=(x) y=(plot + 32) font-size="8" { (b.group) }
                    }
                }
            }
        }
    }
}

/// Every month from the first to the last of `counts`, with zeros between.
fn all_months(counts: &BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let parse = |m: &str| -> Option<(i32, u32)> {
        let (y, mo) = m.split_once('-')?;
        Some((y.parse().ok()?, mo.parse().ok()?))
    };
    let (Some(first), Some(last)) = (
        counts.keys().next().and_then(|m| parse(m)),
        counts.keys().next_back().and_then(|m| parse(m)),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last && out.len() < 1200 {
        let key = format!("{y:04}-{m:02}");
        out.push((key.clone(), counts.get(&key).copied().unwrap_or(0)));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_province_has_a_tile_of_its_own() {
        assert_eq!(TILES.len(), 38);
        let g = crate::extract::gazetteer::get();
        let mut places = std::collections::HashSet::new();
        for t in TILES.iter() {
            assert!(
                !g.resolve(t.name).areas.is_empty(),
                "{} is no province",
                t.name
            );
            assert!(places.insert((t.col, t.row)), "{} shares a tile", t.name);
        }
    }

    #[test]
    fn months_between_are_zero() {
        let counts: BTreeMap<String, u64> = [("2023-11".to_owned(), 2), ("2024-02".to_owned(), 5)]
            .into_iter()
            .collect();
        let months = all_months(&counts);
        assert_eq!(
            months,
            [
                ("2023-11".to_owned(), 2),
                ("2023-12".to_owned(), 0),
                ("2024-01".to_owned(), 0),
                ("2024-02".to_owned(), 5)
            ]
        );
        assert_eq!(shade(0, 10), SHADES[0].0);
        assert_eq!(shade(10, 10), SHADES[4].0);
        assert_eq!(shade(1, 10), SHADES[1].0);
    }
}
