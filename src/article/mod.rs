//! Raw text → [`Article`]: title, outlet, dateline place, publication and event
//! dates, clean body, and what cleaning removed.
//!
//! In: the decoded text of one scraped article and any metadata that came with it
//! ([`Meta`], from a JSONL line). Out: an [`Article`]. Pure: no I/O, no tantivy.
//!
//! The steps, in order:
//! 0. Mojibake (`‚Äú`, `â€œ` for `“`) is repaired and line ends made plain.
//! 1. [`clean::classify`] tells what each line is on its own: story text, junk, a
//!    date line, a list heading.
//! 2. [`layout::read`] finds where the story starts, its headline above it, the
//!    site's chrome above that, and the footer below (see there).
//! 3. The title is the metadata title, else the page's headline, else none (an
//!    ANTARA wire text opens with its dateline); `shown_title` is what netra shows
//!    for it: the title, else the body's opening words. Copies of the title in
//!    the body go.
//! 4. A [`dateline`] at the story's start gives the place and the outlet, and is
//!    cut from the body (the index searches the place with the body: see
//!    [`crate::schema`]).
//! 5. The **publication date** is the metadata date, else a date line of the
//!    page's header (below the headline first, then above it), else the year of a
//!    copyright notice, else none: a date the story mentions is not when it was
//!    published. The **event date** is the
//!    date the lead gives with a weekday ("Kamis (03/10/2024)", "Senin (7/10)"
//!    whose year is the one its weekday fits), or the bare "(27/9)" beside the
//!    dateline, or a weekday alone in the publication's week; else a photo
//!    caption's "Kamis (19/9/2024)".
//! 6. Repeated lines (a photo caption printed twice, a lead repeated as a caption)
//!    are kept once, and reporter initials closing the story are removed.
//! 7. [`Cleaning`] says how much of the page's text each rule removed.

mod clean;
pub mod date;
pub mod dateline;
pub mod layout;
mod mojibake;

use std::collections::HashSet;
use std::hash::Hasher;

use serde::Serialize;

pub use date::PubDate;
pub use layout::Rule;

use clean::Kind;
use layout::Part;

/// One parsed article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// The metadata's title, else the page's headline; `None` when it has none.
    pub title: Option<String>,
    /// The title as shown: the title, else the body's opening words.
    pub shown_title: String,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    /// When the article was published: from metadata or the page's header only.
    pub date: Option<PubDate>,
    /// When the reported event happened, as the lead dates it.
    pub event_date: Option<PubDate>,
    pub url: Option<String>,
    pub body: String,
    pub cleaning: Cleaning,
}

impl Article {
    /// The date `--since` and `--until` go by: the event's, else the publication's.
    pub fn when(&self) -> Option<PubDate> {
        self.event_date.or(self.date)
    }

    /// The page's own title (metadata or headline), not the opening words.
    pub fn own_title(&self) -> Option<&str> {
        self.title.as_deref()
    }
}

/// What cleaning removed from a page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cleaning {
    /// Letters and digits on the page.
    pub page_chars: usize,
    /// Letters and digits kept in the title and body.
    pub kept_chars: usize,
    /// Letters and digits each rule removed, most first.
    pub removed: Vec<Removed>,
}

/// Text one rule removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub rule: Rule,
    pub lines: usize,
    pub chars: usize,
}

impl Cleaning {
    /// Share of the page's text kept (1 for an empty page).
    pub fn kept_share(&self) -> f64 {
        if self.page_chars == 0 {
            1.0
        } else {
            self.kept_chars as f64 / self.page_chars as f64
        }
    }

    /// Whether cleaning removed more than [`MAX_REMOVED_SHARE`] of the page: the
    /// article is kept as cleaned, and `extract` and `index` report it.
    pub fn removed_most(&self) -> bool {
        self.page_chars >= MIN_PAGE_CHARS_TO_REPORT && self.kept_share() < 1.0 - MAX_REMOVED_SHARE
    }

    /// "chrome above the headline 40%, footer 22%".
    pub fn summary(&self) -> String {
        let parts: Vec<String> = self
            .removed
            .iter()
            .map(|r| {
                let share = r.chars as f64 / self.page_chars.max(1) as f64;
                format!(
                    "{} {:.0}% ({} lines)",
                    r.rule.name(),
                    share * 100.0,
                    r.lines
                )
            })
            .collect();
        parts.join(", ")
    }
}

/// Cleaning that removes more than this share of a page's text is reported.
pub const MAX_REMOVED_SHARE: f64 = 0.5;
/// Pages shorter than this (letters and digits) are not reported.
const MIN_PAGE_CHARS_TO_REPORT: usize = 400;

/// Metadata that arrived with the text; each field present overrides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// The dateline place, as an export of netra's carries it (its body has the
    /// dateline cut off).
    pub dateline: Option<String>,
    /// The date of the reported event.
    pub event_date: Option<String>,
    /// The text is a body netra already cleaned (a `netra export` row): it is
    /// taken as it is, not cleaned again.
    pub cleaned: bool,
}

/// How many story lines from the start may hold the dateline.
const DATELINE_SEARCH_LINES: usize = 3;
/// How many story lines from the start make the lead, for the event date.
const LEAD_LINES: usize = 5;
/// How far into the lead a bare "(27/9)" counts as the dateline's date, in bytes.
const DATELINE_DATE_BYTES: usize = 80;
/// How many story lines from the top are checked for repeats (captions, leads).
const REPEAT_SEARCH_LINES: usize = 30;
/// Lines shorter than this (in words) are never dropped as exact repeats.
const MIN_REPEAT_WORDS: usize = 10;
/// Opening words standing in for a missing title.
const OPENING_WORDS: usize = 12;

/// Parses one article.
// One piece: the page's stages in order (layout, title, dateline, outlet, dates, captions,
// repeats, body); each stage is a function of its own, this is their sequence.
pub fn parse(text: &str, meta: &Meta) -> Article {
    if meta.cleaned {
        return already_clean(text, meta);
    }
    let text = normalize(&mojibake::repair(text));
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let kinds = clean::classify(&lines);
    let layout = layout::read(&lines, &kinds);
    let mut parts = layout.parts.clone();
    // Rewritten line texts (a prefix removed), by line index.
    let mut edited: Vec<Option<String>> = vec![None; lines.len()];
    if let Some((line, at)) = layout.start.filter(|&(_, at)| at > 0) {
        edited[line] = Some(lines[line][at..].to_owned());
    }
    let text_of = |i: usize, edited: &[Option<String>]| -> String {
        edited[i].clone().unwrap_or_else(|| lines[i].to_owned())
    };

    let meta_title = meta
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    let page_title = layout.title.map(|t| lines[t].to_owned());
    let title = meta_title.or(page_title);
    if let Some(title) = &title {
        let key = word_key(title);
        for (i, part) in parts.iter_mut().enumerate() {
            if *part == Part::Story && words(lines[i]).eq(key.iter().copied()) {
                *part = Part::Dropped(Rule::Repeat);
            }
        }
    }
    let mut story: Vec<usize> = (0..lines.len())
        .filter(|&i| parts[i] == Part::Story)
        .collect();

    let from = layout.start.map_or(0, |(line, _)| line);
    let found = story
        .iter()
        .filter(|&&i| i >= from)
        .take(DATELINE_SEARCH_LINES)
        .find_map(|&i| dateline::find(&text_of(i, &edited)).map(|d| (i, d)));
    let (place, text_outlet) = match found {
        Some((i, d)) => {
            edited[i] = Some(text_of(i, &edited)[d.rest..].to_owned());
            (d.place, d.outlet)
        }
        None => (None, None),
    };
    let outlet = meta
        .outlet
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(dateline::outlet_name)
        .or(text_outlet);
    // "Rimanews - ..." names the outlet, not a place.
    let place = place.filter(|p| {
        !outlet
            .as_deref()
            .is_some_and(|o| dateline::same_outlet(p, o))
    });
    let place = meta
        .dateline
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
        .or(place);

    let date = meta
        .date
        .as_deref()
        .and_then(date::parse_metadata)
        .or_else(|| publication_date(&lines, &kinds, &parts, &layout))
        .or_else(|| date::find_copyright_year(&text));
    let lead: Vec<String> = story
        .iter()
        .take(LEAD_LINES)
        .map(|&i| {
            lines[i][layout
                .start
                .filter(|&(l, _)| l == i)
                .map_or(0, |(_, at)| at)..]
                .to_owned()
        })
        .collect();
    // A caption above the lead dates the event's photo: after the lead.
    let start_line = layout.start.map_or(0, |(l, _)| l);
    let captions: Vec<String> = story
        .iter()
        .filter(|&&i| i < start_line)
        .map(|&i| lines[i].to_owned())
        .collect();
    let given_event = meta.event_date.as_deref().and_then(date::parse_metadata);
    let event_date = given_event.or_else(|| {
        event_date(&lead, date, &text).or_else(|| {
            captions.iter().find_map(|c| {
                date::find_days(c)
                    .into_iter()
                    .find(|f| f.after_weekday)
                    .map(|f| f.date)
            })
        })
    });

    for &i in &story {
        parts[i] = Part::Dropped(Rule::Repeat);
    }
    drop_repeats(&lines, &mut story);
    for &i in &story {
        parts[i] = Part::Story;
    }
    let body = assemble_body(&lines, &edited, &story);

    let shown_title = title.clone().unwrap_or_else(|| opening_words(&body));
    let cleaning = cleaning(&lines, &parts, title.as_deref(), &body);

    Article {
        title,
        shown_title,
        outlet,
        dateline: place,
        date,
        event_date,
        url: meta.url.clone().filter(|u| !u.trim().is_empty()),
        body,
        cleaning,
    }
}

/// The body's first words, standing in for a missing title.
/// An article whose text netra cleaned before: the body as given, the rest from
/// the metadata.
fn already_clean(text: &str, meta: &Meta) -> Article {
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let body = text.to_owned();
    let title = given(&meta.title);
    let chars = body.chars().filter(|c| c.is_alphanumeric()).count();
    Article {
        shown_title: title.clone().unwrap_or_else(|| opening_words(&body)),
        title,
        outlet: given(&meta.outlet).map(|o| dateline::outlet_name(&o)),
        dateline: given(&meta.dateline),
        date: meta.date.as_deref().and_then(date::parse_metadata),
        event_date: meta.event_date.as_deref().and_then(date::parse_metadata),
        url: given(&meta.url),
        body,
        cleaning: Cleaning {
            page_chars: chars,
            kept_chars: chars,
            removed: Vec::new(),
        },
    }
}

pub fn opening_words(body: &str) -> String {
    let words: Vec<&str> = body.split_whitespace().take(OPENING_WORDS + 1).collect();
    if words.len() > OPENING_WORDS {
        format!("{}…", words[..OPENING_WORDS].join(" "))
    } else {
        words.join(" ")
    }
}

/// The publication date from the page's header: a date line between the headline
/// and the story's start; else one in or below the story (above the footer) that
/// reads as a header's, with a time or a byline beside the date (a bare "21
/// November 2025" there is a schedule's line); else one above the headline.
fn publication_date(
    lines: &[&str],
    kinds: &[Kind],
    parts: &[Part],
    layout: &layout::Layout,
) -> Option<PubDate> {
    let start = layout.start.map_or(0, |(l, _)| l);
    let from = layout.title.unwrap_or(start).min(start);
    let to = layout.footer.unwrap_or(kinds.len());
    let date_at = |i: usize| match (kinds[i], parts[i]) {
        (Kind::DateLine(d), Part::Dropped(_)) => Some(d),
        _ => None,
    };
    (from..start)
        .find_map(date_at)
        .or_else(|| {
            (start..to)
                .filter(|&i| date::has_time_or_label(lines[i]))
                .find_map(date_at)
        })
        .or_else(|| (0..from).rev().find_map(date_at))
}

/// The event date from the lead: a date with a weekday, a weekday with a day and
/// month whose year fits it, or a bare "(27/9)" beside the dateline.
fn event_date(lead: &[String], published: Option<PubDate>, page: &str) -> Option<PubDate> {
    for line in lead {
        if let Some(found) = date::find_days(line).into_iter().find(|f| f.after_weekday) {
            return Some(found.date);
        }
    }
    let mut years: Vec<i32> = Vec::new();
    if let Some(p) = published {
        let y = match p {
            PubDate::Day(y, ..) | PubDate::Month(y, _) | PubDate::Year(y) => y,
        };
        // An event in December reported in January is last year's.
        years.extend([y, y - 1]);
    }
    if let Some(PubDate::Year(y)) = date::find_copyright_year(page) {
        years.push(y);
    }
    let mut mentioned: Option<Vec<i32>> = None;
    for (n, line) in lead.iter().enumerate() {
        for partial in date::find_partials(line) {
            let beside_dateline = n == 0 && partial.start < DATELINE_DATE_BYTES;
            if partial.weekday.is_none() && !beside_dateline {
                continue;
            }
            let mut candidates = years.clone();
            if partial.weekday.is_some() {
                // A weekday tells the year among those the page names.
                let m = mentioned.get_or_insert_with(|| date::years_mentioned(page));
                candidates.extend(m.iter().copied());
            }
            if let Some(date) = partial.in_year(&candidates) {
                return Some(date);
            }
        }
    }
    // A weekday alone ("di Pangkalpinang, Senin."): that day of the week the
    // story was published in.
    let published = published?;
    lead.iter()
        .find_map(|line| date::bare_weekday_before(line, published))
}

/// The letters and digits of `s` (an ASCII line, most of them, byte by byte).
fn alphanumerics(s: &str) -> usize {
    if s.is_ascii() {
        s.bytes().filter(u8::is_ascii_alphanumeric).count()
    } else {
        s.chars().filter(|c| c.is_alphanumeric()).count()
    }
}

/// What cleaning kept and removed, in letters and digits.
fn cleaning(lines: &[&str], parts: &[Part], title: Option<&str>, body: &str) -> Cleaning {
    let count = alphanumerics;
    let page_chars = lines.iter().map(|l| count(l)).sum();
    // A title from metadata is not on the page: what is kept is at most the page.
    let kept_chars = (title.map_or(0, count) + count(body)).min(page_chars);
    let mut removed: Vec<Removed> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let Part::Dropped(rule) = *part else { continue };
        let chars = count(lines[i]);
        if chars == 0 {
            continue;
        }
        match removed.iter_mut().find(|r| r.rule == rule) {
            Some(r) => {
                r.lines += 1;
                r.chars += chars;
            }
            None => removed.push(Removed {
                rule,
                lines: 1,
                chars,
            }),
        }
    }
    removed.sort_by_key(|r| std::cmp::Reverse(r.chars));
    Cleaning {
        page_chars,
        kept_chars,
        removed,
    }
}

/// Line ends, odd spaces and invisible characters made plain.
fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Plain runs are copied whole; only the characters `may_change` stops at are
    // looked at one by one (a lead byte: the scan never stops inside a character).
    while let Some(n) = bytes[i..].iter().position(|&b| may_change(b)) {
        out.push_str(&text[i..i + n]);
        i += n;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match c {
            '\r' => {
                if bytes.get(i) != Some(&b'\n') {
                    out.push('\n');
                }
            }
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\t' => out.push(' '),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push_str(&text[i..]);
    out
}

/// Whether byte `b` may start a character [`normalize`] changes: an ASCII control
/// other than a line feed, or the UTF-8 lead byte of U+0080–U+00BF (C1 controls,
/// no-break space, soft hyphen), U+2000–U+2FFF (odd spaces, zero widths) or
/// U+F000–U+FFFF (byte order mark).
fn may_change(b: u8) -> bool {
    (b < 0x20 && b != b'\n') || matches!(b, 0x7f | 0xc2 | 0xe2 | 0xef)
}

/// The words of a line as case-insensitive hashes: how repeated lines are
/// recognised, without allocating a string per word.
pub(crate) fn words(line: &str) -> Words<'_> {
    Words { rest: line }
}

/// Iterator of [`words`]: a byte scan, decoding only non-ASCII characters.
pub(crate) struct Words<'a> {
    rest: &'a str,
}

impl Iterator for Words<'_> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let text = self.rest;
        let bytes = text.as_bytes();
        let mut i = 0;
        // To the start of a word.
        loop {
            let Some(&b) = bytes.get(i) else {
                self.rest = "";
                return None;
            };
            if b.is_ascii_alphanumeric() {
                break;
            }
            if b < 0x80 {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next()?;
            if c.is_alphanumeric() {
                break;
            }
            i += c.len_utf8();
        }
        // A word is hashed the same way each time it occurs, whatever its case.
        let mut h = fnv::FnvHasher::default();
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                h.write_u8(b.to_ascii_lowercase());
                i += 1;
            } else {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                if !c.is_alphanumeric() {
                    break;
                }
                for lower in c.to_lowercase() {
                    h.write_u32(u32::from(lower));
                }
                i += c.len_utf8();
            }
        }
        self.rest = &text[i..];
        Some(h.finish())
    }
}

fn word_key(line: &str) -> Vec<u64> {
    words(line).collect()
}

/// Drops exact repeats, and lines near the top whose words nearly all stand in a
/// longer line (a caption or lead repeating the story).
// One piece: the three kinds of repeat marked in one pass over the story lines.
fn drop_repeats(lines: &[&str], story: &mut Vec<usize>) {
    let summaries: Vec<LineWords> = story.iter().map(|&i| LineWords::of(lines[i])).collect();
    let mut seen: HashSet<u64, fnv::FnvBuildHasher> = HashSet::default();
    // Short lines repeat in tables and lists ("- BPP: Rp 12 juta."): only a
    // sentence-long line printed twice is a repeat.
    let unique: Vec<bool> = summaries
        .iter()
        .map(|s| seen.insert(s.key) || s.len < MIN_REPEAT_WORDS)
        .collect();
    let mut n = 0;
    story.retain(|_| {
        n += 1;
        unique[n - 1]
    });
    let summaries: Vec<LineWords> = summaries
        .into_iter()
        .zip(&unique)
        .filter_map(|(s, &u)| u.then_some(s))
        .collect();

    // Word sets (sorted, deduplicated), made only for the pairs the signatures
    // cannot rule out: most lines never need one.
    let mut sets: Vec<Option<Vec<u64>>> = vec![None; story.len()];
    let make_set = |k: usize, sets: &mut [Option<Vec<u64>>]| {
        sets[k].get_or_insert_with(|| {
            let mut words = word_key(lines[story[k]]);
            words.sort_unstable();
            words.dedup();
            words
        });
    };
    let mut dropped = vec![false; story.len()];
    for a in 0..story.len().min(REPEAT_SEARCH_LINES) {
        let sa = &summaries[a];
        if sa.len < 6 {
            continue;
        }
        let mut repeated = false;
        for b in 0..story.len() {
            let sb = &summaries[b];
            if b == a || dropped[b] || sb.len < sa.len || !sa.may_stand_in(sb) {
                continue;
            }
            make_set(a, &mut sets);
            make_set(b, &mut sets);
            let (Some(set_a), Some(set_b)) = (&sets[a], &sets[b]) else {
                continue;
            };
            // (A line with too few distinct words cannot hold four fifths of a's.)
            if set_b.len() * 5 >= set_a.len() * 4
                && shared_count(set_a, set_b) * 5 >= set_a.len() * 4
            {
                repeated = true;
                break;
            }
        }
        dropped[a] = repeated;
    }
    let mut k = 0;
    story.retain(|_| {
        k += 1;
        !dropped[k - 1]
    });
}

/// What the repeat check needs of a line, from one scan of its words.
struct LineWords {
    /// A hash of the whole word sequence: equal for exact repeats.
    key: u64,
    /// Number of words.
    len: usize,
    /// A 256-bit signature: bit `h % 256` set for every word hash `h`.
    bits: [u64; 4],
}

impl LineWords {
    fn of(line: &str) -> LineWords {
        let mut key = fnv::FnvHasher::default();
        let mut len = 0;
        let mut bits = [0u64; 4];
        for w in words(line) {
            key.write_u64(w);
            len += 1;
            bits[(w >> 6) as usize & 3] |= 1 << (w & 63);
        }
        key.write_usize(len);
        LineWords {
            key: key.finish(),
            len,
            bits,
        }
    }

    /// Whether four fifths of this line's distinct words may stand in `other`. A
    /// bit of this line's signature missing from `other`'s is a word of this line
    /// missing from `other`: more of them than a fifth of this line's words (an
    /// upper bound of its distinct words) rules the repeat out.
    fn may_stand_in(&self, other: &LineWords) -> bool {
        let missing: u32 = (0..4)
            .map(|i| (self.bits[i] & !other.bits[i]).count_ones())
            .sum();
        missing as usize * 5 <= self.len
    }
}

/// How many values two sorted, deduplicated slices share.
fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Story lines joined back into paragraphs.
fn assemble_body(lines: &[&str], edited: &[Option<String>], story: &[usize]) -> String {
    let mut body = String::new();
    let mut previous: Option<usize> = None;
    for (n, &i) in story.iter().enumerate() {
        let mut line = edited[i].as_deref().unwrap_or(lines[i]).trim();
        if n + 1 == story.len() {
            line = clean::strip_trailing_initials(line);
        }
        if line.is_empty() {
            continue;
        }
        if let Some(p) = previous {
            // Lines that were adjacent on the page stay in one paragraph.
            body.push_str(if i == p + 1 { "\n" } else { "\n\n" });
        }
        body.push_str(line);
        previous = Some(i);
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_bom_and_odd_spaces_are_normalised() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc\u{a0}d\u{200b}e"), "a\nb\nc de");
        assert_eq!(normalize("“Kita” — ok\u{85}\u{7f}\r"), "“Kita” — ok\n");
        assert_eq!(normalize("x\u{feff}\u{ad}y\tz\r\n"), "xy z\n");
        // Every character below U+3000 and a few above: changed exactly where a
        // character-by-character reading changes it.
        let all: String = ('\0'..'\u{3000}')
            .chain(['\u{feff}', '\u{fffd}', '😀'])
            .collect();
        let slow: String = {
            let mut out = String::new();
            let mut chars = all.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\r' if chars.peek() == Some(&'\n') => {}
                    '\r' => out.push('\n'),
                    '\u{a0}' | '\u{2007}' | '\u{202f}' | '\t' => out.push(' '),
                    '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => {}
                    c if c.is_control() && c != '\n' => {}
                    c => out.push(c),
                }
            }
            out
        };
        assert_eq!(normalize(&all), slow);
    }

    #[test]
    fn metadata_overrides_the_text() {
        let meta = Meta {
            title: Some("Judul Dari Metadata".into()),
            outlet: Some("kompas.com".into()),
            date: Some("2024-02-01 10:00".into()),
            url: Some("https://example.test/a".into()),
            dateline: None,
            event_date: None,
            cleaned: false,
        };
        let a = parse(
            "JAKARTA, Tempo.co - Isi berita pada Kamis (03/10/24).",
            &meta,
        );
        assert_eq!(a.title.as_deref(), Some("Judul Dari Metadata"));
        assert_eq!(a.outlet.as_deref(), Some("Kompas.com"));
        assert_eq!(a.dateline.as_deref(), Some("Jakarta"));
        assert_eq!(a.date, Some(PubDate::Day(2024, 2, 1)));
        assert_eq!(a.body, "Isi berita pada Kamis (03/10/24).");
    }

    #[test]
    fn an_unparseable_metadata_date_leaves_only_the_event_date() {
        let meta = Meta {
            date: Some("kemarin".into()),
            ..Meta::default()
        };
        let a = parse(
            "Judul Berita Yang Cukup Panjang\n\nIsi, Senin (5/2/2024).",
            &meta,
        );
        assert_eq!(a.date, None);
        assert_eq!(a.event_date, Some(PubDate::Day(2024, 2, 5)));
        assert_eq!(a.when(), a.event_date);
    }

    #[test]
    fn publication_dates_come_from_the_header_event_dates_from_the_lead() {
        let page = "Pj Gubernur NTB Pimpin Apel Netralitas ASN\n\n\
            Selasa, 9 Januari 2024 | 10:00 WITA\n\n\
            MATARAM - Penjabat Gubernur NTB memimpin apel netralitas ASN di halaman kantor gubernur, Senin (8/1/2024), dan meminta semua pegawai netral.\n\n\
            Pemungutan suara digelar pada 14 Februari 2024 di seluruh provinsi.";
        let a = parse(page, &Meta::default());
        assert_eq!(a.date, Some(PubDate::Day(2024, 1, 9)));
        assert_eq!(a.event_date, Some(PubDate::Day(2024, 1, 8)));
        // No header date: a date the story mentions is not the publication date.
        let a = parse(
            &page.replace("Selasa, 9 Januari 2024 | 10:00 WITA", ""),
            &Meta::default(),
        );
        assert_eq!(a.date, None);
        assert_eq!(a.event_date, Some(PubDate::Day(2024, 1, 8)));
        // "(27/9)" beside the dateline, its year from the copyright line; a
        // weekday's day and month take the year the weekday fits.
        let a = parse(
            "MATARAM (27/9) (ANTARA) - Penjabat Gubernur NTB memimpin apel netralitas ASN di halaman kantor gubernur dan meminta semua pegawai netral.\n\nCopyright © ANTARA 2023",
            &Meta::default(),
        );
        assert_eq!(a.event_date, Some(PubDate::Day(2023, 9, 27)));
        let a = parse(
            "Tanjung Selor - Pjs Gubernur Kaltara memimpin apel netralitas di Kantor Gubernur Kaltara, Senin (7/10), menjelang Pilkada 2024 dan Pemilu 2019.",
            &Meta::default(),
        );
        assert_eq!(a.event_date, Some(PubDate::Day(2024, 10, 7)));
    }

    #[test]
    fn an_outlet_name_in_the_dateline_is_not_a_place() {
        let meta = Meta {
            outlet: Some("rimanews".into()),
            ..Meta::default()
        };
        let a = parse("Rimanews - Presiden meminta ASN netral.", &meta);
        assert_eq!(a.dateline, None);
        assert_eq!(a.body, "Presiden meminta ASN netral.");
    }

    #[test]
    fn mojibake_is_repaired_before_parsing() {
        let a = parse(
            "Judul Berita Netralitas Yang Panjang\n\n‚ÄúKita netral,‚Äù kata Sekda.",
            &Meta::default(),
        );
        assert_eq!(a.body, "“Kita netral,” kata Sekda.");
    }

    #[test]
    fn words_are_hashed_whatever_their_case_and_punctuation() {
        let key = |line: &str| words(line).collect::<Vec<_>>();
        assert_eq!(key("Baca Juga: ASN  Netral!"), key("baca juga asn netral"));
        assert_eq!(key("«Énam» Desa—Ruteng"), key("énam DESA ruteng"));
        assert_eq!(key("ASN-ku 2024"), key("asn ku 2024"));
        assert_ne!(key("ASN netral"), key("ASN tidak netral"));
        assert_eq!(key(" ... — "), Vec::<u64>::new());
        assert_eq!(key("Élan").len(), 1);
    }

    #[test]
    fn repeated_lines_and_captions_repeating_the_story_are_kept_once() {
        let lead = "Bupati Lombok Timur memimpin apel netralitas ASN di halaman kantor bupati pada Senin pagi.";
        let caption = "Bupati Lombok Timur memimpin apel netralitas ASN (dok)";
        let other = "Seluruh camat dan kepala desa hadir menandatangani pakta integritas.";
        let short = "Bupati memimpin apel.";
        let lines = [
            lead,
            caption,
            other,
            lead,
            short,
            "ASN Lombok Timur netral.",
        ];
        let mut story: Vec<usize> = (0..lines.len()).collect();
        drop_repeats(&lines, &mut story);
        // The second copy of the lead goes, and so does the caption (all but one of
        // its words stand in the longer lead); a line sharing a few words stays, and
        // so do lines under six words.
        assert_eq!(story, [0, 2, 4, 5]);

        // Without the longer line, the caption is story text.
        let lines = [caption, other];
        let mut story = vec![0, 1];
        drop_repeats(&lines, &mut story);
        assert_eq!(story, [0, 1]);
    }

    #[test]
    fn an_empty_text_is_an_empty_article() {
        let a = parse("", &Meta::default());
        assert_eq!(a.title, None);
        assert_eq!(a.body, "");
    }
}
