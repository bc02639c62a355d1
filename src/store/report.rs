//! What the monthly report (月报) reads: the overview as of the month's last
//! day (or today, for the month under way), the quarter's stars and
//! warnings when the month ends a quarter, the month's red and black list
//! counts, and the concerns stuck on that day.

use super::{Result, StoreError};
use crate::domain::period::{Month, Quarter};
use crate::domain::rules::Rules;
use crate::domain::score::Label;
use chrono::NaiveDate;
use rusqlite::Connection;

/// A member named star or warning in the quarter the month ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub village: String,
    pub member: String,
    pub label: Label,
    pub points: f64,
}

/// A concern stuck on the report's day: how long it has waited at its level.
#[derive(Debug, Clone, PartialEq)]
pub struct Stuck {
    pub village: String,
    pub head: String,
    pub text: String,
    pub status: crate::domain::model::ConcernStatus,
    pub days: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub month: Month,
    /// The day the numbers stand on: the day after the month (so that its
    /// periods have ended and the households not visited in it are
    /// overdue), or today while the month is under way.
    pub as_of: NaiveDate,
    /// Whether the month had ended by today.
    pub closed: bool,
    /// One village's report, or (None) the township's.
    pub village: Option<String>,
    pub overview: super::overview::Overview,
    /// The quarter the month ends, with its stars and warnings (None: the
    /// month ends no quarter).
    pub quarter: Option<(Quarter, Vec<Named>)>,
    /// Confirmed red and black list entries of the month, by village.
    pub redblack: Vec<(String, usize, usize)>,
    /// Concerns stuck today (concerns keep where they stand now, not where
    /// they stood on a past day; so do the open and stuck counts).
    pub stuck: Vec<Stuck>,
}

/// The report of `month` as of `today`, of one village or the township.
pub fn read(conn: &Connection, month: Month, today: NaiveDate, rules: &Rules, village: Option<i64>) -> Result<Report> {
    super::read(conn, || read_in(conn, month, today, rules, village))
}

fn read_in(conn: &Connection, month: Month, today: NaiveDate, rules: &Rules, village: Option<i64>) -> Result<Report> {
    if month.first_day() > today {
        return Err(StoreError::Invalid(crate::i18n::tf("err.report_future", &[("month", &month.to_string())])));
    }
    let closed = month.last_day() < today;
    let as_of = if closed { month.next().first_day() } else { today };
    let name = match village {
        Some(id) => Some(super::scores::villages(conn, Some(id))?.pop().map(|v| v.1).ok_or(StoreError::NotFound)?),
        None => None,
    };
    let months: Vec<Month> = {
        let mut m: Vec<Month> = std::iter::successors(Some(month), |m| Some(m.prev())).take(super::overview::MONTHS).collect();
        m.reverse();
        m
    };
    // Concerns keep only where they stand now (not where they stood on a
    // past day): their open and stuck counts are as of today, which is also
    // what the committee acts on. The report says so.
    let overview = super::overview::read_months(conn, as_of, today, rules, village, &months)?;
    let quarter = if month.month.is_multiple_of(3) {
        let q = Quarter::of(month.first_day());
        let mut named = Vec::new();
        for b in super::scores::boards(conn, q, village, today, rules)? {
            for r in b.rows.iter().filter(|r| r.label.is_some()) {
                named.push(Named {
                    village: b.village.clone(),
                    member: r.member.clone(),
                    label: r.label.unwrap_or(Label::Star),
                    points: r.points,
                });
            }
        }
        Some((q, named))
    } else {
        None
    };
    let redblack = super::programme::redblack::boards(conn, month, village, today)?
        .into_iter()
        .map(|b| (b.village, b.red.len(), b.black.len()))
        .collect();
    let stuck_days = rules.visits.concern_stuck_days;
    let ids: Vec<i64> =
        super::concerns::keyed_in(conn, super::concerns::Show::Stuck, today, stuck_days, village)?.into_iter().map(|(id, _)| id).collect();
    let stuck = super::concerns::by_ids(conn, &ids)?
        .into_iter()
        .map(|c| Stuck { village: c.village, head: c.head, text: c.text, status: c.status, days: (today - c.since).num_days() })
        .collect();
    Ok(Report { month, as_of, closed, village: name, overview, quarter, redblack, stuck })
}
