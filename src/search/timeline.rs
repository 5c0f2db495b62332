//! How many matching articles a month: the timeline of a view, counted in the
//! search's own pass when [`super::SearchRequest::timeline`] asks for it.
//!
//! Each article counts in the month of its date (the event's, else the
//! publication's; [`crate::article::Article::when`]). An article dated only by its
//! year, or by a range wider than a month, has no month and is counted apart.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::schema::name;

/// Matching articles per month (`"2024-10"` → count), and those with no month.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Timeline {
    pub months: BTreeMap<String, u64>,
    pub without_month: u64,
}

/// The timeline of what a [`MonthCounter`] counted.
pub(super) fn of_counts((by_day, without_month): (BTreeMap<i64, u64>, u64)) -> Timeline {
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    for (month_start, n) in by_day {
        *months.entry(month_label(month_start)).or_default() += n;
    }
    Timeline {
        months,
        without_month,
    }
}

/// "2024-10" for a day counted from 1970-01-01.
fn month_label(days: i64) -> String {
    // Unix day 0 is Julian day 2,440,588.
    match i32::try_from(days + 2_440_588)
        .ok()
        .and_then(|jd| time::Date::from_julian_day(jd).ok())
    {
        Some(d) => format!("{:04}-{:02}", d.year(), u8::from(d.month())),
        None => "?".to_owned(),
    }
}

/// Counts documents by the first day of their date range, for ranges of at most
/// a month; the rest apart.
pub(super) struct MonthCounter;

pub(super) struct MonthSegment {
    lo: Column<i64>,
    hi: Column<i64>,
    counts: BTreeMap<i64, u64>,
    without_month: u64,
}

impl Collector for MonthCounter {
    type Fruit = (BTreeMap<i64, u64>, u64);
    type Child = MonthSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<MonthSegment> {
        Ok(MonthSegment {
            lo: reader.fast_fields().i64(name::DATE_LO)?,
            hi: reader.fast_fields().i64("date_hi")?,
            counts: BTreeMap::new(),
            without_month: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut counts = BTreeMap::new();
        let mut without = 0;
        for (c, w) in fruits {
            for (k, n) in c {
                *counts.entry(k).or_default() += n;
            }
            without += w;
        }
        Ok((counts, without))
    }
}

impl SegmentCollector for MonthSegment {
    type Fruit = (BTreeMap<i64, u64>, u64);

    fn collect(&mut self, doc: DocId, _: Score) {
        match (self.lo.first(doc), self.hi.first(doc)) {
            (Some(lo), Some(hi)) if hi - lo <= 31 => *self.counts.entry(lo).or_default() += 1,
            _ => self.without_month += 1,
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.counts, self.without_month)
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
}
