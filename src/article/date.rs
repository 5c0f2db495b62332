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
use time::{Date, Month};

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
const WEEKDAY_RE: &str = r"(?i)(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*[,(]?\s*$";

static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})\s+({})\s+(\d{{4}})(?-u:\b)",
        *MONTH_RE
    ))
    .expect("valid regex")
});
static ENGLISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)({})\s+(\d{{1,2}}),?\s+(\d{{4}})(?-u:\b)",
        *MONTH_RE
    ))
    .expect("valid regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2})(?-u:\b)")
        .expect("valid regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?:(?-u:\b)|T)").expect("valid regex")
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
    for c in WRITTEN.captures_iter(text) {
        let date = (|| PubDate::day(year_of(&c[3])?, month_number(&c[2])?, num(&c, 1)?))();
        push(c.get(0).expect("group 0"), date);
    }
    for c in ENGLISH.captures_iter(text) {
        let date = (|| PubDate::day(year_of(&c[3])?, month_number(&c[1])?, num(&c, 2)?))();
        push(c.get(0).expect("group 0"), date);
    }
    for c in NUMERIC.captures_iter(text) {
        // Same separator twice, and day first: Indonesian text writes 15/12/2023.
        if c[2] != c[4] {
            continue;
        }
        let date = (|| PubDate::day(year_of(&c[5])?, num(&c, 3)?, num(&c, 1)?))();
        push(c.get(0).expect("group 0"), date);
    }
    for c in ISO.captures_iter(text) {
        let date = (|| PubDate::day(year_of(&c[1])?, num(&c, 2)?, num(&c, 3)?))();
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

/// Parses a metadata date field as a whole. Day first where both readings are
/// possible (`03/10/2024` is 3 October); month first only where day first is not
/// (`10/13/2025`).
pub fn parse_metadata(s: &str) -> Option<PubDate> {
    let s = s.trim();
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
}
