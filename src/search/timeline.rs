//! How many matching articles a month: the timeline of a view, counted in the
//! search's own pass when [`super::SearchRequest::timeline`] asks for it.
//!
//! Each article counts in the month of its date (the event's, else the
//! publication's; [`crate::article::Article::when`]). An article dated only by its
//! year, or by a range wider than a month, has no month and is counted apart; an
//! article dated to the day (or to a range within a week) counts in its week too,
//! for the short ranges the page draws by week.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::kept::Kept;
use crate::schema::name;

/// Matching articles per month (`"2024-10"` → count), and those with no month;
/// per week (`"2024-10-07"`, the Monday) for those dated within a week.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Timeline {
    pub months: BTreeMap<String, u64>,
    pub without_month: u64,
    pub weeks: BTreeMap<String, u64>,
}

/// What a [`MonthCounter`] counted: documents by the first day of their date,
/// those dated within a week apart from those dated within a month.
#[derive(Debug, Clone, Default)]
pub(super) struct DayCounts {
    within_week: BTreeMap<i64, u64>,
    within_month: BTreeMap<i64, u64>,
    without_month: u64,
}

/// The timeline of what a [`MonthCounter`] counted.
pub(super) fn of_counts(counts: DayCounts) -> Timeline {
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    let mut weeks: BTreeMap<String, u64> = BTreeMap::new();
    for (&day, &n) in &counts.within_week {
        *months.entry(month_label(day)).or_default() += n;
        *weeks.entry(day_label(monday(day))).or_default() += n;
    }
    for (&day, &n) in &counts.within_month {
        *months.entry(month_label(day)).or_default() += n;
    }
    Timeline {
        months,
        without_month: counts.without_month,
        weeks,
    }
}

/// The date of a day counted from 1970-01-01.
fn date(days: i64) -> Option<time::Date> {
    // Unix day 0 is Julian day 2,440,588.
    i32::try_from(days + 2_440_588)
        .ok()
        .and_then(|jd| time::Date::from_julian_day(jd).ok())
}

/// The Monday of a day's week (days counted from 1970-01-01, a Thursday).
pub fn monday(day: i64) -> i64 {
    day - (day + 3).rem_euclid(7)
}

/// "2024-10" for a day counted from 1970-01-01.
pub fn month_label(days: i64) -> String {
    match date(days) {
        Some(d) => format!("{:04}-{:02}", d.year(), u8::from(d.month())),
        None => "?".to_owned(),
    }
}

/// "2024-10-07" for a day counted from 1970-01-01.
pub fn day_label(days: i64) -> String {
    match date(days) {
        Some(d) => format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()),
        None => "?".to_owned(),
    }
}

/// Counts documents by the first day of their date range, for ranges of at most
/// a month; the rest apart.
pub(super) struct MonthCounter;

pub(super) struct MonthSegment {
    /// The segment's days, decoded once, when they span at most
    /// [`MAX_DENSE_DAYS`] (a slot a day); else the date columns.
    days: Days,
    counts: DayCounts,
}

enum Days {
    Dense {
        codes: Arc<DayCodes>,
        within_week: Vec<u64>,
        within_month: Vec<u64>,
        without_month: u64,
    },
    Columns {
        lo: Column<i64>,
        hi: Column<i64>,
    },
}

/// Each document's day from the segment's first day and whether its date lies
/// within a week, or that it has no month: reading two date columns a document
/// was the page's costliest count at 1M articles.
pub(super) struct DayCodes {
    first: i64,
    /// Per document: `day << 1 | within a week`, or [`NO_MONTH`].
    codes: Vec<u32>,
    /// Days spanned.
    days: usize,
}

const NO_MONTH: u32 = u32::MAX;

impl DayCodes {
    fn of(lo: &Column<i64>, hi: &Column<i64>, max_doc: DocId) -> Option<DayCodes> {
        let (first, last) = (lo.min_value(), lo.max_value());
        if last < first || last - first >= MAX_DENSE_DAYS {
            return None;
        }
        let codes = (0..max_doc)
            .map(|doc| match (lo.first(doc), hi.first(doc)) {
                (Some(lo), Some(hi)) if hi - lo <= 31 && lo >= first => {
                    ((lo - first) as u32) << 1 | u32::from(hi - lo < 7)
                }
                _ => NO_MONTH,
            })
            .collect();
        Some(DayCodes {
            first,
            codes,
            days: (last - first + 1) as usize,
        })
    }
}

/// The widest span of days counted in arrays (about 270 years).
const MAX_DENSE_DAYS: i64 = 100_000;

/// Decoded days by segment (4 bytes an article; none for a segment whose days
/// span too much).
static DAY_CODES: LazyLock<Mutex<Kept<String, Option<Arc<DayCodes>>>>> = LazyLock::new(|| {
    Mutex::new(Kept::new(64 << 20, |_, d| {
        d.as_ref().map_or(0, |d| 4 * d.codes.len())
    }))
});

impl Collector for MonthCounter {
    type Fruit = DayCounts;
    type Child = MonthSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<MonthSegment> {
        let lo = reader.fast_fields().i64(name::DATE_LO)?;
        let hi = reader.fast_fields().i64("date_hi")?;
        let segment = reader.segment_id().uuid_string();
        let codes = Kept::get_or_make(&DAY_CODES, segment, || {
            DayCodes::of(&lo, &hi, reader.max_doc()).map(Arc::new)
        });
        let days = match codes {
            Some(codes) => Days::Dense {
                within_week: vec![0; codes.days],
                within_month: vec![0; codes.days],
                without_month: 0,
                codes,
            },
            None => Days::Columns { lo, hi },
        };
        Ok(MonthSegment {
            days,
            counts: DayCounts::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all = DayCounts::default();
        for c in fruits {
            for (k, n) in c.within_week {
                *all.within_week.entry(k).or_default() += n;
            }
            for (k, n) in c.within_month {
                *all.within_month.entry(k).or_default() += n;
            }
            all.without_month += c.without_month;
        }
        Ok(all)
    }
}

impl SegmentCollector for MonthSegment {
    type Fruit = DayCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        match &mut self.days {
            Days::Dense {
                codes,
                within_week,
                within_month,
                without_month,
            } => match codes.codes.get(doc as usize) {
                Some(&code) if code != NO_MONTH => {
                    let days = if code & 1 == 1 {
                        within_week
                    } else {
                        within_month
                    };
                    days[(code >> 1) as usize] += 1;
                }
                _ => *without_month += 1,
            },
            Days::Columns { lo, hi } => {
                let c = &mut self.counts;
                let (Some(lo), Some(hi)) = (lo.first(doc), hi.first(doc)) else {
                    c.without_month += 1;
                    return;
                };
                let span = hi - lo;
                if span > 31 {
                    c.without_month += 1;
                    return;
                }
                let days = if span < 7 {
                    &mut c.within_week
                } else {
                    &mut c.within_month
                };
                *days.entry(lo).or_default() += 1;
            }
        }
    }

    fn harvest(mut self) -> Self::Fruit {
        if let Days::Dense {
            codes,
            within_week,
            within_month,
            without_month,
        } = self.days
        {
            let c = &mut self.counts;
            c.without_month += without_month;
            for (days, into) in [
                (within_week, &mut c.within_week),
                (within_month, &mut c.within_month),
            ] {
                for (i, n) in days.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                    *into.entry(codes.first + i as i64).or_default() += n;
                }
            }
        }
        self.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_months() {
        assert_eq!(month_label(0), "1970-01");
        // 2024-10-31 is day 20,027.
        assert_eq!(month_label(20_027), "2024-10");
        assert_eq!(month_label(20_028), "2024-11");
    }

    #[test]
    fn days_become_weeks_from_monday() {
        // 2024-10-31 (day 20,027) was a Thursday; 2024-11-04 (20,031) a Monday.
        let counts = DayCounts {
            within_week: [(20_027, 2), (20_031, 1), (20_030, 4)]
                .into_iter()
                .collect(),
            within_month: [(20_027, 5)].into_iter().collect(),
            without_month: 3,
        };
        let t = of_counts(counts);
        assert_eq!(
            t.weeks.into_iter().collect::<Vec<_>>(),
            [("2024-10-28".to_owned(), 6), ("2024-11-04".to_owned(), 1)]
        );
        assert_eq!(t.months["2024-10"], 7);
        assert_eq!(t.months["2024-11"], 5);
        assert_eq!(t.without_month, 3);
    }
}
