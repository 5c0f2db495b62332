//! Publication dates: [`PubDate`] and the Indonesian date formats found in news text.
//!
//! In: a string (a metadata field, a line of text, a command-line bound).
//! Out: a date as precise as the source allows: a day, a month or a year.
//!
//! Recognised: `Kamis, 03 Oktober 2024`, `3 Okt. 2024`, `Jumat (15/12/2023)`,
//! `(03/10/24)`, `2024-10-03`, `2019-09-17 21:12 WIB`, `Oct 2, 2019`,
//! `10/13/2025 21:01` (month first only where day first is impossible),
//! `Oktober 2024` (a month), `Copyright © ANTARA 2023` (a year).

use std::fmt;
use std::sync::LazyLock;

use regex::{Captures, Regex};
use serde::{Serialize, Serializer};
use time::{Date, Month, Weekday};

/// A publication date, as precise as the source allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PubDate {
    Year(i32),
    Month(i32, u32),
    Day(i32, u32, u32),
}

impl fmt::Display for PubDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PubDate::Year(y) => write!(f, "{y:04}"),
            PubDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PubDate::Day(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
        }
    }
}

impl Serialize for PubDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Years outside this range are not publication dates of this corpus.
const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

impl PubDate {
    fn day(y: i32, m: u32, d: u32) -> Option<PubDate> {
        (YEARS.contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
            .then_some(PubDate::Day(y, m, d))
    }

    fn month(y: i32, m: u32) -> Option<PubDate> {
        (YEARS.contains(&y) && (1..=12).contains(&m)).then_some(PubDate::Month(y, m))
    }

    fn year(y: i32) -> Option<PubDate> {
        YEARS.contains(&y).then_some(PubDate::Year(y))
    }

    /// First and last day covered, as days since 1970-01-01.
    pub fn day_range(&self) -> (i64, i64) {
        match *self {
            PubDate::Day(y, m, d) => {
                let n = days_since_epoch(y, m, d);
                (n, n)
            }
            PubDate::Month(y, m) => (
                days_since_epoch(y, m, 1),
                days_since_epoch(y, m, days_in_month(y, m)),
            ),
            PubDate::Year(y) => (days_since_epoch(y, 1, 1), days_since_epoch(y, 12, 31)),
        }
    }

    /// Parses a command-line bound: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a date
    /// as articles write it: `31/10/2024`, `31-10-2024`, `31 Oktober 2024`,
    /// `Oktober 2024`, `10/2024`.
    pub fn parse_bound(s: &str) -> Option<PubDate> {
        let s = s.trim();
        PubDate::parse_iso(s)
            .or_else(|| {
                // A bound's year is written whole: "24-02-01" says nothing clear.
                let four_digit_year =
                    s.len() >= 4 && s.as_bytes()[s.len() - 4..].iter().all(u8::is_ascii_digit);
                find_days(s)
                    .into_iter()
                    .find(|f| four_digit_year && f.start == 0 && f.end == s.len())
                    .map(|f| f.date)
            })
            .or_else(|| {
                let c = MONTH_YEAR
                    .captures(s)
                    .or_else(|| NUMERIC_MONTH.captures(s))?;
                if c.get(0)?.as_str().len() != s.len() {
                    return None;
                }
                let month = month_number(&c[1]).or_else(|| c[1].parse().ok())?;
                PubDate::month(year_of(&c[2])?, month)
            })
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    fn parse_iso(s: &str) -> Option<PubDate> {
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str| {
            p.parse::<u32>()
                .ok()
                .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))
        };
        match parts.as_slice() {
            [y] if y.len() == 4 => PubDate::year(num(y)? as i32),
            [y, m] if y.len() == 4 => PubDate::month(num(y)? as i32, num(m)?),
            [y, m, d] if y.len() == 4 => PubDate::day(num(y)? as i32, num(m)?, num(d)?),
            _ => None,
        }
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    calendar_month(m).map_or(0, |month| u32::from(month.length(y)))
}

fn calendar_month(m: u32) -> Option<Month> {
    u8::try_from(m).ok().and_then(|m| Month::try_from(m).ok())
}

/// The Julian day of 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

/// Days since 1970-01-01 of a valid calendar day.
fn days_since_epoch(y: i32, m: u32, d: u32) -> i64 {
    let date = calendar_month(m)
        .zip(u8::try_from(d).ok())
        .and_then(|(month, d)| Date::from_calendar_date(y, month, d).ok())
        .expect("PubDate's constructors admit valid days only");
    i64::from(date.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY
}

/// Month names and abbreviations, Indonesian and English, lowercase.
#[rustfmt::skip]
const MONTHS: &[(&str, u32)] = &[
    ("januari", 1), ("january", 1), ("jan", 1),
    ("februari", 2), ("pebruari", 2), ("february", 2), ("feb", 2), ("peb", 2),
    ("maret", 3), ("march", 3), ("mar", 3),
    ("april", 4), ("apr", 4),
    ("mei", 5), ("may", 5),
    ("juni", 6), ("june", 6), ("jun", 6),
    ("juli", 7), ("july", 7), ("jul", 7),
    ("agustus", 8), ("august", 8), ("agu", 8), ("agt", 8), ("aug", 8),
    ("september", 9), ("sept", 9), ("sep", 9),
    ("oktober", 10), ("october", 10), ("okt", 10), ("oct", 10),
    ("november", 11), ("nopember", 11), ("nov", 11),
    ("desember", 12), ("december", 12), ("des", 12), ("dec", 12),
];

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    let name = name.trim_end_matches('.');
    MONTHS.iter().find(|(n, _)| *n == name).map(|&(_, m)| m)
}

/// Any month name of [`MONTHS`], with an optional full stop (longer names come
/// first in the table, so "januari" is not read as "jan").
static MONTH_RE: LazyLock<String> = LazyLock::new(|| {
    let names: Vec<&str> = MONTHS.iter().map(|(name, _)| *name).collect();
    format!(r"(?:{})\.?", names.join("|"))
});
const WEEKDAY_RE: &str = r"(?i)(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:pagi|siang|sore|malam|dini\s+hari))?\s*[,(]?\s*$";

/// A day's date in any of four forms, told apart by named groups: written
/// (`15 Desember 2023`: wd wm wy), English (`December 15, 2023`: em ed ey),
/// numeric (`15/12/2023`, `15-12-23`: nd ns nm nt ny) and ISO (`2023-12-15`: iy im
/// id).
static ANY_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let month = &*MONTH_RE;
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<wd>\d{{1,2}})\s+(?P<wm>{month})\s+(?P<wy>\d{{4}})(?-u:\b)|(?P<em>{month})\s+(?P<ed>\d{{1,2}}),?\s+(?P<ey>\d{{4}})(?-u:\b)|(?P<nd>\d{{1,2}})(?P<ns>[/.-])(?P<nm>\d{{1,2}})(?P<nt>[/.-])(?P<ny>\d{{4}}|\d{{2}})(?-u:\b)|(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?:(?-u:\b)|T))"
    ))
    .expect("valid regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2})(?-u:\b)")
        .expect("valid regex")
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?-u:\b)({})\s+(\d{{4}})(?-u:\b)", *MONTH_RE)).expect("valid regex")
});
/// A month and a year in digits, as a whole bound: `10/2024`.
static NUMERIC_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})[/.-](\d{4})$").expect("valid regex"));
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:copyright|©|\(c\))[^\n]{0,60}?(?-u:\b)((?:19|20)\d{2})(?-u:\b)")
        .expect("valid regex")
});
static WEEKDAY_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(WEEKDAY_RE).expect("valid regex"));
/// What may stand on a line beside a date for the line to be only a date.
/// Longer lines are never date lines ("Diperbarui: Kamis, 03 Oktober 2024 | 14:05
/// WIB" is 45 bytes).
const DATE_LINE_MAX_BYTES: usize = 120;

static DATE_LINE_REST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s\-–—|,:()·•]*(?:(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|diterbitkan|dipublikasikan|published|updated|diperbarui|pukul|wib|wita|wit|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)[\s\-–—|,:()·•]*)*$").expect("valid regex")
});

/// A full date found in a text, with where it was and whether a weekday named it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub date: PubDate,
    pub start: usize,
    pub end: usize,
    pub after_weekday: bool,
}

fn year_of(digits: &str) -> Option<i32> {
    let y: i32 = digits.parse().ok()?;
    Some(if digits.len() == 2 { 2000 + y } else { y })
}

fn num(c: &Captures<'_>, i: usize) -> Option<u32> {
    c.get(i)?.as_str().parse().ok()
}

/// Every full (day-precision) date in `text`, in order of position.
// One piece: one pass of one regex over the text, one branch per date form.
pub fn find_days(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    // Every day date has a year in digits: most lines of a story have no digit.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return found;
    }
    let mut push = |m: regex::Match<'_>, date: Option<PubDate>| {
        if let Some(date) = date {
            let after_weekday = WEEKDAY_BEFORE.is_match(&text[..m.start()]);
            found.push(Found {
                date,
                start: m.start(),
                end: m.end(),
                after_weekday,
            });
        }
    };
    // One pass for the four forms (a day's date starts where none of another
    // form could: the alternation prefers them in this order, as the passes of
    // one regex each did).
    for c in ANY_DAY.captures_iter(text) {
        let date = if c.name("wd").is_some() {
            (|| {
                PubDate::day(
                    year_of(&c["wy"])?,
                    month_number(&c["wm"])?,
                    c["wd"].parse().ok()?,
                )
            })()
        } else if c.name("ed").is_some() {
            (|| {
                PubDate::day(
                    year_of(&c["ey"])?,
                    month_number(&c["em"])?,
                    c["ed"].parse().ok()?,
                )
            })()
        } else if c.name("nd").is_some() {
            // Same separator twice, and day first: Indonesian text writes 15/12/2023.
            if c["ns"] != c["nt"] {
                continue;
            }
            (|| {
                PubDate::day(
                    year_of(&c["ny"])?,
                    c["nm"].parse().ok()?,
                    c["nd"].parse().ok()?,
                )
            })()
        } else {
            (|| {
                PubDate::day(
                    year_of(&c["iy"])?,
                    c["im"].parse().ok()?,
                    c["id"].parse().ok()?,
                )
            })()
        };
        push(c.get(0).expect("group 0"), date);
    }
    found.sort_by_key(|f| f.start);
    // Overlapping matches (an ISO date inside a longer form) keep the first.
    found.dedup_by(|later, earlier| later.start < earlier.end);
    found
}

/// The first month-and-year (`Oktober 2024`) in `text`.
pub fn find_month(text: &str) -> Option<PubDate> {
    MONTH_YEAR
        .captures_iter(text)
        .find_map(|c| PubDate::month(year_of(&c[2])?, month_number(&c[1])?))
}

/// The year of a copyright notice (`Copyright © ANTARA 2023`).
pub fn find_copyright_year(text: &str) -> Option<PubDate> {
    COPYRIGHT
        .captures(text)
        .and_then(|c| PubDate::year(year_of(&c[1])?))
}

/// A line that holds a date and nothing else but a weekday, a time and punctuation:
/// `- Kamis, 19 September 2024 | 13:10 WIB`.
pub fn date_only_line(line: &str) -> Option<PubDate> {
    // A date line is a date with a weekday, a time and a label or two at most.
    if line.len() > DATE_LINE_MAX_BYTES {
        return None;
    }
    let days = find_days(line);
    let [only] = days.as_slice() else {
        return None;
    };
    let rest = format!("{}{}", &line[..only.start], &line[only.end..]);
    DATE_LINE_REST.is_match(&rest).then_some(only.date)
}

/// A header's date line: a date with at most a weekday, a time, bylines, a view
/// count or the outlet's name beside it, in segments split by bars, bullets,
/// dashes or wide spaces: `- Kamis, 19 September 2024 | 13:10 WIB`,
/// `29 Jan 2024 11:20  Oleh: Redaksi`, `Diposting oleh: admin | 25 September 2024
/// | Dilihat: 412 kali`, `Kompas.com - 03/10/2024, 10:15 WIB`.
///
/// Not a date line: a numeric date with a two-digit year and no weekday (a
/// browser's print header, `27/11/26, 10.31`), or a day after today.
pub fn header_date_line(line: &str) -> Option<PubDate> {
    if line.len() > HEADER_LINE_MAX_BYTES || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let days = find_days(line);
    let [only] = days.as_slice() else {
        return None;
    };
    let two_digit_year = NUMERIC
        .captures(&line[only.start..only.end])
        .is_some_and(|c| c[5].len() == 2);
    if (two_digit_year && !only.after_weekday) || is_future(only.date) {
        return None;
    }
    // "Diposting pada 20 Agustus 2024 oleh Admin": the date between its labels.
    let line = &*POSTED.replace_all(line, "|");
    let days = find_days(line);
    let [only] = days.as_slice() else {
        return None;
    };
    // The date's own segment: the date with its weekday, time and labels.
    let mut segments = SEGMENT_SPLIT.split(line).filter(|s| !s.trim().is_empty());
    let fits = segments.all(|segment| {
        let start = segment.as_ptr() as usize - line.as_ptr() as usize;
        let end = start + segment.len();
        if start <= only.start && only.end <= end {
            let rest = format!("{}{}", &line[start..only.start], &line[only.end..end]);
            DATE_LINE_REST.is_match(&rest)
        } else {
            DATE_LINE_REST.is_match(segment) || HEADER_SEGMENT.is_match(segment.trim())
        }
    });
    fits.then_some(only.date)
}

/// Whether a date line carries a time ("13:10 WIB") or a label ("Oleh: …") beside
/// its date, as a page's header writes it.
pub fn has_time_or_label(line: &str) -> bool {
    static TIME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)\d{1,2}[:.]\d{2}(?-u:\b)").expect("valid regex"));
    TIME.is_match(line)
        || SEGMENT_SPLIT
            .split(line)
            .filter(|s| !s.trim().is_empty())
            .count()
            > 1
}

/// "Diposting pada", "Diterbitkan:", "oleh": labels around a header's date.
static POSTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:diposting|diunggah|diterbitkan|dipublikasikan|diperbarui|posted|published|updated)(?:\s+(?:pada|on|tanggal))?\s*:?\s*|\s+(?:oleh|by)\s+")
        .expect("valid regex")
});

/// Longest header date line, in bytes.
const HEADER_LINE_MAX_BYTES: usize = 160;

static SEGMENT_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[|•·]\s*|\s{2,}|\s[-–—]\s").expect("valid regex"));

/// What may share a header's date line with its date.
static HEADER_SEGMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:oleh|penulis|reporter|editor|redaktur|wartawan|laporan|pewarta|diposting(?:\s+oleh)?|diunggah(?:\s+oleh)?|dipublikasikan(?:\s+oleh)?|diterbitkan(?:\s+oleh)?|posted\s+by|by|dilihat|dibaca|views?|sumber|kategori|rubrik|admin)(?-u:\b).{0,60}|(?:www\.)?[\w-]+(?:\.[a-z]{2,6}){1,2}|\d[\d.,]*\s*(?:kali|views?|komentar|x|dilihat|dibaca)(?:\s+\w+)?|admin\w*|\p{Lu}[\w.-]*(?:\s+\p{Lu}[\w.-]*){0,3})$")
        .expect("valid regex")
});

/// Whether a date lies after today (a publication date cannot).
fn is_future(date: PubDate) -> bool {
    let today = time::OffsetDateTime::now_utc().date();
    let (lo, _) = date.day_range();
    lo > days_since_epoch(today.year(), today.month() as u32, u32::from(today.day()))
}

/// A day and a month without a year, as a lead writes it: "Senin (7/10)",
/// "MATARAM (27/9) -".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partial {
    pub day: u32,
    pub month: u32,
    /// The weekday written before it, if any.
    pub weekday: Option<Weekday>,
    pub start: usize,
}

static PARTIAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\((\d{1,2})/(\d{1,2})\)").expect("valid regex"));
static WEEKDAY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)(?:\s+(?:pagi|siang|sore|malam|dini\s+hari))?\s*[,(]?\s*$")
        .expect("valid regex")
});

/// A weekday named alone as the day of an event: "di Pangkalpinang, Senin.",
/// "pada Selasa (…".
static BARE_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:,|(?-u:\b)pada|(?-u:\b)hari)\s+(senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)(?:\s+(?:pagi|siang|sore|malam))?\s*(?:[.,(]|$)")
        .expect("valid regex")
});

/// The day of a weekday named alone in `text` ("…, Senin."), as the last such
/// weekday on or before `published` (a day): the week a story reports.
pub fn bare_weekday_before(text: &str, published: PubDate) -> Option<PubDate> {
    let PubDate::Day(y, m, d) = published else {
        return None;
    };
    let wanted = weekday(&BARE_WEEKDAY.captures(text)?[1])?;
    let mut day = Date::from_calendar_date(y, calendar_month(m)?, d as u8).ok()?;
    for _ in 0..7 {
        if day.weekday() == wanted {
            return PubDate::day(day.year(), day.month() as u32, u32::from(day.day()));
        }
        day = day.previous_day()?;
    }
    None
}

/// Every day-and-month without a year in `text`.
pub fn find_partials(text: &str) -> Vec<Partial> {
    PARTIAL
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let (day, month) = (num(&c, 1)?, num(&c, 2)?);
            if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
                return None;
            }
            let weekday = WEEKDAY_NAME
                .captures(&text[..m.start()])
                .and_then(|w| weekday(&w[1]));
            Some(Partial {
                day,
                month,
                weekday,
                start: m.start(),
            })
        })
        .collect()
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name.to_lowercase().replace('\'', "").as_str() {
        "senin" => Weekday::Monday,
        "selasa" => Weekday::Tuesday,
        "rabu" => Weekday::Wednesday,
        "kamis" => Weekday::Thursday,
        "jumat" => Weekday::Friday,
        "sabtu" => Weekday::Saturday,
        "minggu" | "ahad" => Weekday::Sunday,
        _ => return None,
    })
}

impl Partial {
    /// The date in the first of `years` that fits: the day exists, and falls on
    /// the weekday written before it, if any.
    pub fn in_year(&self, years: &[i32]) -> Option<PubDate> {
        years.iter().find_map(|&y| {
            let date = PubDate::day(y, self.month, self.day)?;
            let fits = self.weekday.is_none_or(|w| {
                calendar_month(self.month)
                    .and_then(|m| Date::from_calendar_date(y, m, self.day as u8).ok())
                    .is_some_and(|d| d.weekday() == w)
            });
            fits.then_some(date)
        })
    }
}

/// Four-digit years (1945–2100) a text mentions, most mentioned first.
pub fn years_mentioned(text: &str) -> Vec<i32> {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)((?:19|20)\d{2})(?-u:\b)").expect("valid regex"));
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for c in YEAR.captures_iter(text) {
        let Ok(y) = c[1].parse::<i32>() else { continue };
        if !YEARS.contains(&y) {
            continue;
        }
        match counts.iter_mut().find(|(year, _)| *year == y) {
            Some((_, n)) => *n += 1,
            None => counts.push((y, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().map(|(y, _)| y).collect()
}

/// A metadata date that starts with its year: "2024/10/15 09:47".
static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[^\d])").expect("valid regex")
});

/// Parses a metadata date field as a whole. Day first where both readings are
/// possible (`03/10/2024` is 3 October); month first only where day first is not
/// (`10/13/2025`).
pub fn parse_metadata(s: &str) -> Option<PubDate> {
    let s = s.trim();
    // Year first, as pages' metadata writes it: "2024/10/15 09:47:12",
    // "2024-10-15T09:47:12+07:00", "2024.10.15".
    if let Some(c) = YEAR_FIRST.captures(s) {
        let (y, m, d) = (year_of(&c[1])?, num(&c, 2)?, num(&c, 3)?);
        if let Some(date) = PubDate::day(y, m, d) {
            return Some(date);
        }
    }
    if let Some(c) = NUMERIC.captures(s) {
        if c[2] == c[4] {
            let (a, b, y) = (num(&c, 1)?, num(&c, 3)?, year_of(&c[5])?);
            return PubDate::day(y, b, a).or_else(|| PubDate::day(y, a, b));
        }
    }
    if let Some(first) = find_days(s).first() {
        return Some(first.date);
    }
    if let Some(month) = find_month(s) {
        return Some(month);
    }
    if let Some(date) = PubDate::parse_bound(s) {
        return Some(date);
    }
    // A bare year, or a year at the start of a timestamp-like string.
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 4 {
        return year_of(&digits).and_then(PubDate::year);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<String> {
        find_days(s).first().map(|f| f.date.to_string())
    }

    #[test]
    fn indonesian_written_dates() {
        assert_eq!(
            day("pada Kamis, 03 Oktober 2024."),
            Some("2024-10-03".into())
        );
        assert_eq!(day("3 Okt. 2024"), Some("2024-10-03".into()));
        assert_eq!(day("1 Nopember 2023"), Some("2023-11-01".into()));
        assert_eq!(day("17 Agustus 1945"), Some("1945-08-17".into()));
    }

    #[test]
    fn numeric_dates_are_day_first_with_two_digit_years() {
        assert_eq!(day("Jumat (15/12/2023)."), Some("2023-12-15".into()));
        assert_eq!(day("Kamis (03/10/24)"), Some("2024-10-03".into()));
        assert_eq!(day("Kamis (19/9/2024)"), Some("2024-09-19".into()));
        // Impossible day-first dates and mixed separators are not dates.
        assert_eq!(day("(31/02/2024)"), None);
        assert_eq!(day("nomor 12/2023-11"), None);
    }

    #[test]
    fn weekday_before_a_date_is_noted() {
        let found = find_days("UU 5 Januari 2014 ... Kamis (03/10/24)");
        assert_eq!(found.len(), 2);
        assert!(!found[0].after_weekday);
        assert!(found[1].after_weekday);
    }

    #[test]
    fn a_date_line_is_only_a_date() {
        assert_eq!(
            date_only_line("- Kamis, 19 September 2024 | 13:10 WIB"),
            PubDate::day(2024, 9, 19)
        );
        assert_eq!(
            date_only_line("Rabu, 13 November 2024 | 17:04 WIB"),
            PubDate::day(2024, 11, 13)
        );
        assert_eq!(
            date_only_line("Deklarasi pada Kamis, 19 September 2024"),
            None
        );
    }

    #[test]
    fn header_date_lines_carry_bylines_and_counts_but_no_story() {
        let d = |s: &str| header_date_line(s).map(|d| d.to_string());
        assert_eq!(
            d("29 Jan 2024 11:20  Oleh: Redaksi"),
            Some("2024-01-29".into())
        );
        assert_eq!(
            d("Diposting oleh: admin_kominfo | 25 September 2024 | Dilihat: 412 kali"),
            Some("2024-09-25".into())
        );
        assert_eq!(d("29/01/2024 - 15:20"), Some("2024-01-29".into()));
        assert_eq!(
            d("Kompas.com - 03/10/2024, 10:15 WIB"),
            Some("2024-10-03".into())
        );
        assert_eq!(
            d("Rabu, 2 Oktober 2024 | 09:12 WITA"),
            Some("2024-10-02".into())
        );
        assert_eq!(
            d("04/11/2024 | Dinkominfo Kota Pekalongan | 287 kali dibaca"),
            Some("2024-11-04".into())
        );
        assert_eq!(
            d("Diposting pada 20 Agustus 2024 oleh Admin Diskominfo"),
            Some("2024-08-20".into())
        );
        // A story line, a print header, a day to come.
        assert_eq!(d("Apel digelar pada Kamis, 19 September 2024"), None);
        assert_eq!(d("27/11/26, 10.31"), None);
        assert_eq!(d("Kamis (03/10/24)"), Some("2024-10-03".into()));
        assert_eq!(d("1 Januari 2099"), None);
    }

    #[test]
    fn partial_dates_take_the_year_their_weekday_fits() {
        let found = find_partials("Tanjung Selor, Senin (7/10). MATARAM (27/9) -");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].weekday, Some(Weekday::Monday));
        // 7 October was a Monday in 2024, not in 2023.
        assert_eq!(found[0].in_year(&[2023, 2024]), PubDate::day(2024, 10, 7));
        assert_eq!(found[1].weekday, None);
        assert_eq!(found[1].in_year(&[2023]), PubDate::day(2023, 9, 27));
        assert!(find_partials("(31/13)").is_empty());
        // 8 January 2024 was a Monday: a Monday named alone, reported on the 9th.
        assert_eq!(
            bare_weekday_before("ikrar di Pangkalpinang, Senin.", PubDate::Day(2024, 1, 9)),
            PubDate::day(2024, 1, 8)
        );
        assert_eq!(
            bare_weekday_before("Senin depan", PubDate::Day(2024, 1, 9)),
            None
        );
        assert_eq!(
            years_mentioned("Pemilu 2024, Pilkada 2024, sejak 2019"),
            [2024, 2019]
        );
    }

    #[test]
    fn metadata_fields_in_the_formats_scrapers_produce() {
        let p = |s: &str| parse_metadata(s).map(|d| d.to_string());
        assert_eq!(p("2019-09-17 21:12 WIB"), Some("2019-09-17".into()));
        assert_eq!(p("31 Juli 2019 12:38:00"), Some("2019-07-31".into()));
        assert_eq!(p("Oct 2, 2019"), Some("2019-10-02".into()));
        assert_eq!(p("10/13/2025 21:01"), Some("2025-10-13".into()));
        assert_eq!(p("03/10/2024"), Some("2024-10-03".into()));
        assert_eq!(p("2024-10-03T08:00:00Z"), Some("2024-10-03".into()));
        assert_eq!(p("Oktober 2024"), Some("2024-10".into()));
        assert_eq!(p("2023"), Some("2023".into()));
        assert_eq!(p("kemarin"), None);
        assert_eq!(p(""), None);
    }

    #[test]
    fn copyright_year_and_month_fallbacks() {
        assert_eq!(
            find_copyright_year("Copyright © ANTARA 2023"),
            PubDate::year(2023)
        );
        assert_eq!(
            find_copyright_year("© 2024 Kompas.com"),
            PubDate::year(2024)
        );
        assert_eq!(
            find_month("sejak Oktober 2024 lalu"),
            PubDate::month(2024, 10)
        );
        assert_eq!(find_month("Pemilu 2024"), None);
    }

    #[test]
    fn ranges_and_bounds() {
        assert_eq!(PubDate::Day(1970, 1, 1).day_range(), (0, 0));
        assert_eq!(
            PubDate::Day(2024, 3, 1).day_range().0 - PubDate::Day(2024, 2, 28).day_range().0,
            2
        );
        let (lo, hi) = PubDate::Year(2023).day_range();
        assert_eq!(hi - lo, 364);
        assert_eq!(PubDate::parse_bound("2024-02"), PubDate::month(2024, 2));
        assert_eq!(PubDate::parse_bound("2024-02-30"), None);
        assert_eq!(PubDate::parse_bound("24-02-01"), None);
        assert_eq!(PubDate::parse_bound("2024-+2"), None);
        // Dates as the articles write them.
        assert_eq!(
            PubDate::parse_bound("31/10/2024"),
            PubDate::day(2024, 10, 31)
        );
        assert_eq!(PubDate::parse_bound(" 3-2-2024"), PubDate::day(2024, 2, 3));
        assert_eq!(
            PubDate::parse_bound("31 Oktober 2024"),
            PubDate::day(2024, 10, 31)
        );
        assert_eq!(
            PubDate::parse_bound("Oktober 2024"),
            PubDate::month(2024, 10)
        );
        assert_eq!(PubDate::parse_bound("10/2024"), PubDate::month(2024, 10));
        assert_eq!(PubDate::parse_bound("31/02/2024"), None);
        assert_eq!(PubDate::parse_bound("sejak 31/10/2024"), None);
        assert_eq!(PubDate::parse_bound("13/2024"), None);
    }

    #[test]
    fn metadata_dates_may_start_with_the_year() {
        let d = |s: &str| parse_metadata(s).map(|d| d.to_string());
        assert_eq!(d("2024/10/15 09:47:12").as_deref(), Some("2024-10-15"));
        assert_eq!(
            d("2024-10-03T14:22:00+08:00").as_deref(),
            Some("2024-10-03")
        );
        assert_eq!(d("2024.9.7").as_deref(), Some("2024-09-07"));
        assert_eq!(d("2024").as_deref(), Some("2024"));
    }
}
