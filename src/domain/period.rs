//! Calendar periods: quarters (scoring), months (一般户) and ISO weeks (提升户).

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// A calendar quarter, written `2026Q2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quarter {
    pub year: i32,
    pub q: u32,
}

impl Quarter {
    pub fn new(year: i32, q: u32) -> Option<Self> {
        (1..=4).contains(&q).then_some(Quarter { year, q })
    }

    /// The quarter that holds `d`.
    pub fn of(d: NaiveDate) -> Self {
        Quarter { year: d.year(), q: (d.month() - 1) / 3 + 1 }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.q - 1) * 3 + 1, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Self {
        if self.q == 4 { Quarter { year: self.year + 1, q: 1 } } else { Quarter { year: self.year, q: self.q + 1 } }
    }

    pub fn prev(self) -> Self {
        if self.q == 1 { Quarter { year: self.year - 1, q: 4 } } else { Quarter { year: self.year, q: self.q - 1 } }
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        Quarter::of(d) == self
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.q)
    }
}

impl FromStr for Quarter {
    type Err = ();

    /// Accepts `2026Q2`, `2026q2`, `2026-Q2` and `2026年第2季度`.
    fn from_str(s: &str) -> Result<Self, ()> {
        let t = s.trim();
        let digits: Vec<&str> = t.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
        let looks_right = t.to_ascii_uppercase().contains('Q') || t.contains('季');
        match (looks_right, digits.as_slice()) {
            (true, [y, q]) if y.len() == 4 => {
                let year = y.parse().map_err(|_| ())?;
                let q = q.parse().map_err(|_| ())?;
                Quarter::new(year, q).ok_or(())
            }
            _ => Err(()),
        }
    }
}

/// A calendar month, written `2026-11` (red/black lists are monthly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// The month that holds `d`.
    pub fn of(d: NaiveDate) -> Self {
        Month { year: d.year(), month: d.month() }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Self {
        if self.month == 12 { Month { year: self.year + 1, month: 1 } } else { Month { year: self.year, month: self.month + 1 } }
    }

    pub fn prev(self) -> Self {
        if self.month == 1 { Month { year: self.year - 1, month: 12 } } else { Month { year: self.year, month: self.month - 1 } }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = ();

    /// Accepts `2026-11`, `2026/11`, `202611` and `2026年11月`.
    fn from_str(s: &str) -> Result<Self, ()> {
        let t = s.trim();
        let digits: Vec<&str> = t.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
        let (y, m) = match digits.as_slice() {
            [y, m] if y.len() == 4 && m.len() <= 2 => (*y, *m),
            [ym] if ym.len() == 6 => (&ym[..4], &ym[4..]),
            _ => return Err(()),
        };
        Month::new(y.parse().map_err(|_| ())?, m.parse().map_err(|_| ())?).ok_or(())
    }
}

/// Days `first..=last`: a quarter, or a run of whole months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stretch {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Stretch {
    /// The months `first..=last`.
    pub fn months(first: Month, last: Month) -> Stretch {
        Stretch { first: first.first_day(), last: last.last_day() }
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        self.first <= d && d <= self.last
    }
}

impl From<Quarter> for Stretch {
    fn from(q: Quarter) -> Stretch {
        Stretch { first: q.first_day(), last: q.last_day() }
    }
}

/// First day of the month that holds `d`.
pub fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The Monday that starts the ISO week holding `d`.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday()))
}

/// The Thursday of the ISO week holding `d`: it decides the week's month and quarter.
pub fn week_thursday(d: NaiveDate) -> NaiveDate {
    week_start(d) + chrono::Days::new(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarters() {
        let q: Quarter = "2026Q2".parse().unwrap();
        assert_eq!(q, Quarter { year: 2026, q: 2 });
        assert_eq!(q.first_day(), d(2026, 4, 1));
        assert_eq!(q.last_day(), d(2026, 6, 30));
        assert_eq!(q.to_string(), "2026Q2");
        assert_eq!(Quarter::of(d(2026, 12, 31)).next(), Quarter { year: 2027, q: 1 });
        assert_eq!("2026年第3季度".parse::<Quarter>(), Ok(Quarter { year: 2026, q: 3 }));
        assert!("2026Q5".parse::<Quarter>().is_err());
        assert!("2026".parse::<Quarter>().is_err());
    }

    #[test]
    fn q2_2026_holds_iso_weeks_14_to_26() {
        // domain.md: ISO weeks 14–26 have their Thursday in Q2 2026.
        let q = Quarter { year: 2026, q: 2 };
        let mut monday = week_start(q.first_day());
        let mut weeks = Vec::new();
        while monday <= q.last_day() + chrono::Days::new(6) {
            if q.contains(week_thursday(monday)) {
                weeks.push(monday.iso_week().week());
            }
            monday = monday + chrono::Days::new(7);
        }
        assert_eq!(weeks, (14..=26).collect::<Vec<_>>());
    }
}
