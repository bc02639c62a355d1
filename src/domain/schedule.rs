//! Visit schedules (shared/domain.md, "Periods and due status"): the periods
//! a household owes by its class, which of them are required, and where the
//! household stands today.

use super::model::Class;
use super::period::{month_start, week_start};
use super::rules::VisitRules;
use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

/// How often a class is visited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    /// 一般户: one visit per calendar month.
    Monthly,
    /// 提升户: one visit per ISO week (Monday–Sunday).
    Weekly,
    /// 难点户: visits on planned dates.
    Planned,
}

impl Class {
    pub fn cadence(self) -> Cadence {
        match self {
            Class::General => Cadence::Monthly,
            Class::Improving => Cadence::Weekly,
            Class::Difficult => Cadence::Planned,
        }
    }
}

/// A visit period, first and last day inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Cadence {
    /// The period that holds `d` (none for planned visits).
    pub fn period_of(self, d: NaiveDate) -> Option<Period> {
        match self {
            Cadence::Monthly => {
                let first = month_start(d);
                let last = first.checked_add_months(Months::new(1)).and_then(|n| n.pred_opt()).unwrap_or(first);
                Some(Period { first, last })
            }
            Cadence::Weekly => {
                let first = week_start(d);
                Some(Period { first, last: first + Days::new(6) })
            }
            Cadence::Planned => None,
        }
    }

    /// The period before `p`.
    pub fn prev(self, p: Period) -> Option<Period> {
        p.first.pred_opt().and_then(|d| self.period_of(d))
    }

    /// The period after `p`.
    pub fn next(self, p: Period) -> Option<Period> {
        p.last.succ_opt().and_then(|d| self.period_of(d))
    }
}

/// A span a household was linked (to any member): since and until, inclusive;
/// `None` while it lasts.
pub type Span = (NaiveDate, Option<NaiveDate>);

/// What the schedule needs to know of one household's past.
#[derive(Debug, Clone, Copy)]
pub struct History<'a> {
    /// Class records, oldest first: (since, class). The history starts with
    /// the first record; before it the class is unknown.
    pub classes: &'a [(NaiveDate, Class)],
    /// Link spans, any member, in any order.
    pub links: &'a [Span],
}

impl History<'_> {
    /// The class held on day `d`, if the history reaches back that far.
    pub fn class_on(&self, d: NaiveDate) -> Option<Class> {
        self.classes.iter().rev().find(|(since, _)| *since <= d).map(|(_, c)| *c)
    }

    pub fn linked_on(&self, d: NaiveDate) -> bool {
        self.links.iter().any(|(since, until)| *since <= d && until.is_none_or(|u| d <= u))
    }

    /// Whether the household was linked on every day of `p`, possibly
    /// through several links one after another.
    pub fn linked_throughout(&self, p: Period) -> bool {
        let mut day = p.first;
        loop {
            let reach = self.links.iter().filter(|(since, until)| *since <= day && until.is_none_or(|u| day <= u)).map(|(_, u)| *u).max();
            match reach {
                None => return false,
                Some(None) => return true,
                Some(Some(until)) if until >= p.last => return true,
                Some(Some(until)) => match until.succ_opt() {
                    Some(next) => day = next,
                    None => return true,
                },
            }
        }
    }

    /// The first day of the unbroken linked stretch that holds `d`.
    pub fn linked_since(&self, d: NaiveDate) -> Option<NaiveDate> {
        if !self.linked_on(d) {
            return None;
        }
        let mut start = d;
        loop {
            // The earliest start of the links holding `start`, then the day
            // before it: linked too (a move made that day), the stretch goes on.
            let s = self
                .links
                .iter()
                .filter(|(since, until)| *since <= start && until.is_none_or(|u| start <= u))
                .map(|(s, _)| *s)
                .min()
                .unwrap_or(start)
                .min(start);
            match s.pred_opt() {
                Some(before) if self.linked_on(before) => start = before,
                _ => return Some(s),
            }
        }
    }

    /// A period is required when the household was linked for all of it and
    /// held the class that owes it on its first day.
    pub fn required(&self, class: Class, p: Period) -> bool {
        self.class_on(p.first) == Some(class) && self.linked_throughout(p)
    }
}

/// The household's latest visit on or before today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastVisit {
    pub date: NaiveDate,
    /// The next planned visit it set (难点户).
    pub next_planned: Option<NaiveDate>,
}

/// Why a household is on the due list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DueStatus {
    Overdue,
    Due,
    Unlinked,
}

impl DueStatus {
    pub const ALL: [DueStatus; 3] = [DueStatus::Overdue, DueStatus::Due, DueStatus::Unlinked];

    pub fn label_key(self) -> &'static str {
        match self {
            DueStatus::Overdue => "due.overdue",
            DueStatus::Due => "due.due",
            DueStatus::Unlinked => "due.unlinked",
        }
    }
}

/// Where a household stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// `None`: nothing is owed today.
    pub status: Option<DueStatus>,
    /// The day the next visit is needed by: the end of the current period
    /// (or of the next one when the current one is done), or the planned
    /// date. `None` for an unlinked household.
    pub due_by: Option<NaiveDate>,
    /// Consecutive required periods missed before the current one.
    pub missed: u32,
}

/// The planned date of a 难点户's next visit: set by its last visit
/// (default: visit date + the interval), else the day it was linked.
pub fn planned_date(h: &History<'_>, last: Option<LastVisit>, today: NaiveDate, rules: &VisitRules) -> Option<NaiveDate> {
    match last {
        Some(v) => Some(v.next_planned.unwrap_or(v.date + Days::new(u64::from(rules.difficult_interval_days)))),
        None => h.linked_since(today),
    }
}

/// Where a 难点户 whose next visit is planned on `planned` stands on `today`.
pub fn planned_standing(planned: NaiveDate, today: NaiveDate, rules: &VisitRules) -> Standing {
    let window_opens = planned - Days::new(u64::from(rules.difficult_due_window_days));
    let (status, missed) = if today > planned {
        (Some(DueStatus::Overdue), 1)
    } else if today >= window_opens {
        (Some(DueStatus::Due), 0)
    } else {
        (None, 0)
    };
    Standing { status, due_by: Some(planned), missed }
}

/// Where the household stands on `today`. `class` is its class today;
/// `last` its latest visit on or before today.
pub fn standing(h: &History<'_>, class: Class, last: Option<LastVisit>, today: NaiveDate, rules: &VisitRules) -> Standing {
    if !h.linked_on(today) {
        return Standing { status: Some(DueStatus::Unlinked), due_by: None, missed: 0 };
    }
    let cadence = class.cadence();
    let Some(current) = cadence.period_of(today) else {
        let Some(planned) = planned_date(h, last, today, rules) else {
            return Standing { status: None, due_by: None, missed: 0 };
        };
        return planned_standing(planned, today, rules);
    };
    let visited_since = |d: NaiveDate| last.is_some_and(|v| v.date >= d);
    if visited_since(current.first) {
        let next = cadence.next(current).map(|p| p.last);
        return Standing { status: None, due_by: next, missed: 0 };
    }
    // The latest visit is older than the current period: walk back until a
    // period that was done or not required.
    let mut missed = 0;
    let mut p = cadence.prev(current);
    while let Some(period) = p {
        if visited_since(period.first) || !h.required(class, period) {
            break;
        }
        missed += 1;
        p = cadence.prev(period);
    }
    let status = if missed > 0 { DueStatus::Overdue } else { DueStatus::Due };
    Standing { status: Some(status), due_by: Some(current.last), missed }
}

/// Sort key, most urgent first: overdue (more missed periods first, then the
/// earlier deadline), then due (earlier deadline first), then unlinked.
pub fn urgency(s: &Standing) -> (Option<DueStatus>, std::cmp::Reverse<u32>, Option<NaiveDate>) {
    (s.status, std::cmp::Reverse(s.missed), s.due_by)
}

#[cfg(test)]
#[path = "schedule_tests.rs"]
mod tests;
