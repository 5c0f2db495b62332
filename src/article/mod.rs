//! Raw text → [`Article`]: title, outlet, dateline place, publication date, clean body.
//!
//! In: the decoded text of one scraped article and any metadata that came with it
//! ([`Meta`], from a JSONL line). Out: an [`Article`]. Pure: no I/O, no tantivy.
//!
//! The steps, in order:
//! 0. Mojibake (`‚Äú`, `â€œ` for `“`) is repaired and line ends made plain.
//! 1. [`clean::classify`] sorts lines into story text, junk, date lines and footer.
//! 2. A short first line ("BERITA", "Nusantara") is a section label and is dropped.
//! 3. The title is the metadata title, or else the first line if it reads as a
//!    headline (4–40 words, not ending in a full stop). A page that opens with its
//!    story, like an ANTARA wire text, has no title: `title` is `None` and the
//!    search output shows the opening words of the body in its place.
//!    Copies of the title in the body are dropped.
//! 4. A [`dateline`] in the first lines gives the place and the outlet.
//! 5. The date is the metadata date, else a date line, else the first full date
//!    after a weekday ("Kamis (03/10/24)"), else the first full date, else the first
//!    month ("Oktober 2024"), else a copyright year. Footer text is never searched,
//!    so dates from related-article lists are never taken.
//! 6. Repeated lines (a photo caption printed twice, a lead repeated as a caption)
//!    are kept once, and reporter initials closing the story are removed.

mod clean;
pub mod date;
pub mod dateline;
mod mojibake;

use std::collections::HashSet;
use std::hash::Hasher;

use serde::Serialize;

pub use date::PubDate;

use clean::Kind;

/// One parsed article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    pub date: Option<PubDate>,
    pub url: Option<String>,
    pub body: String,
}

/// Metadata that arrived with the text; each field present overrides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// How many story lines from the top may hold the dateline.
const DATELINE_SEARCH_LINES: usize = 4;
/// How many story lines from the top are checked for repeats (captions, leads).
const REPEAT_SEARCH_LINES: usize = 30;

/// Parses one article.
pub fn parse(text: &str, meta: &Meta) -> Article {
    let text = normalize(&mojibake::repair(text));
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut kinds = clean::classify(&lines);
    let mut story: Vec<usize> = (0..lines.len())
        .filter(|&i| kinds[i] == Kind::Content)
        .collect();
    // Rewritten line texts (the dateline prefix removed), by line index.
    let mut edited: Vec<Option<String>> = vec![None; lines.len()];

    drop_section_label(&lines, &mut story, &mut kinds);

    let title = title(meta, &lines, &story);
    if let Some(title) = &title {
        let key = word_key(title);
        story.retain(|&i| !words(lines[i]).eq(key.iter().copied()));
    }

    let found = story
        .iter()
        .take(DATELINE_SEARCH_LINES)
        .find_map(|&i| dateline::find(lines[i]).map(|d| (i, d)));
    let (place, text_outlet) = match found {
        Some((i, d)) => {
            edited[i] = Some(lines[i][d.rest..].to_owned());
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

    let date = meta
        .date
        .as_deref()
        .and_then(date::parse_metadata)
        .or_else(|| find_date(&lines, &kinds, &story, &text));

    drop_repeats(&lines, &mut story);
    let body = assemble_body(&lines, &edited, &story);

    Article {
        title,
        outlet,
        dateline: place,
        date,
        url: meta.url.clone().filter(|u| !u.trim().is_empty()),
        body,
    }
}

/// The metadata title, or else the first story line if it reads as a headline.
fn title(meta: &Meta, lines: &[&str], story: &[usize]) -> Option<String> {
    let meta_title = meta
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    match meta_title {
        Some(t) => Some(t.to_owned()),
        None => story
            .first()
            .map(|&i| lines[i])
            .filter(|line| is_headline(line))
            .map(str::to_owned),
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

fn drop_section_label(lines: &[&str], story: &mut Vec<usize>, kinds: &mut [Kind]) {
    if story.len() < 2 {
        return;
    }
    let first = lines[story[0]];
    let words = first.split_whitespace().count();
    if words <= 3 && first.chars().count() <= 30 && !first.ends_with(['.', '!', '?', '"', '”']) {
        kinds[story[0]] = Kind::Junk;
        story.remove(0);
    }
}

fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (4..=40).contains(&words)
        && line.chars().count() <= 250
        && !line.ends_with('.')
        && dateline::find(line).is_none()
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

fn find_date(lines: &[&str], kinds: &[Kind], story: &[usize], text: &str) -> Option<PubDate> {
    if let Some(date) = kinds.iter().find_map(|k| match k {
        Kind::DateLine(d) => Some(*d),
        _ => None,
    }) {
        return Some(date);
    }
    let mut first_any = None;
    for &i in story {
        for found in date::find_days(lines[i]) {
            if found.after_weekday {
                return Some(found.date);
            }
            first_any.get_or_insert(found.date);
        }
    }
    first_any
        .or_else(|| story.iter().find_map(|&i| date::find_month(lines[i])))
        .or_else(|| date::find_copyright_year(text))
}

/// Drops exact repeats, and lines near the top whose words nearly all stand in a
/// longer line (a caption or lead repeating the story).
fn drop_repeats(lines: &[&str], story: &mut Vec<usize>) {
    let summaries: Vec<LineWords> = story.iter().map(|&i| LineWords::of(lines[i])).collect();
    let mut seen: HashSet<u64, fnv::FnvBuildHasher> = HashSet::default();
    let unique: Vec<bool> = summaries.iter().map(|s| seen.insert(s.key)).collect();
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
    fn an_unparseable_metadata_date_falls_back_to_the_text() {
        let meta = Meta {
            date: Some("kemarin".into()),
            ..Meta::default()
        };
        let a = parse(
            "Judul Berita Yang Cukup Panjang\n\nIsi, Senin (5/2/2024).",
            &meta,
        );
        assert_eq!(a.date, Some(PubDate::Day(2024, 2, 5)));
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
