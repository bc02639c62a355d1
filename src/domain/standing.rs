//! A household's standing kept between writes (issue 23): the few facts of
//! its past that decide where it stands on any day after its last recorded
//! change, so that the due list reads one small row per household instead
//! of every class record and link.
//!
//! `Kept::of` is computed from the whole past whenever it changes;
//! `Kept::on` then gives exactly what `schedule::standing` gives for every
//! day from `settled` on, and nothing before it (the caller reads the past
//! then).

use super::model::Class;
use super::rules::VisitRules;
use super::schedule::{self, Cadence, DueStatus, History, LastVisit, Period, Standing};
use chrono::{Datelike, Days, NaiveDate};

/// What the rules need of a household's past, once nothing more changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    /// Its class from `class_since` on (the household's own class when it
    /// has no class records).
    pub class: Class,
    /// The required periods missed, walking back from the one before the
    /// period holding `settled` (for a day in that period), as the schedule
    /// walks: until one was visited or not required.
    pub missed_before: u32,
    /// The same walk from the period holding `settled` itself (for the days
    /// of the periods after it, each of which adds one). None without class
    /// records: then no period is ever required.
    pub missed_through: Option<u32>,
    /// The member of the open link (the latest started), if any.
    pub member: Option<i64>,
    /// The first day of the unbroken linked stretch that lasts (with an open link).
    pub linked_since: Option<NaiveDate>,
    /// The latest visit.
    pub last: Option<LastVisit>,
    /// The first day from which the facts above hold: the day after every
    /// recorded change (class records, link starts and ends, the latest
    /// visit, the household's creation).
    pub settled: NaiveDate,
}

impl Kept {
    /// The kept facts of a household: its class column, the day it was
    /// created, its past (class records oldest first; links with the member
    /// of each) and its latest visit.
    pub fn of(class: Class, created: NaiveDate, past: &History<'_>, members: &[i64], last: Option<LastVisit>) -> Kept {
        let after = |d: NaiveDate| d.succ_opt().unwrap_or(d);
        let settled = past
            .classes
            .iter()
            .map(|(since, _)| *since)
            .chain(past.links.iter().map(|(since, until)| until.map_or(*since, after)))
            .chain(last.map(|v| v.date))
            .fold(created, NaiveDate::max);
        let class_now = past.classes.last().map_or(class, |(_, c)| *c);
        let cadence = class_now.cadence();
        let held = cadence.period_of(settled);
        let missed_before = walk(past, class_now, last, held.and_then(|p| cadence.prev(p)));
        let missed_through = (!past.classes.is_empty()).then(|| walk(past, class_now, last, held));
        let member =
            past.links.iter().zip(members).filter(|((_, until), _)| until.is_none()).max_by_key(|((since, _), _)| *since).map(|(_, m)| *m);
        let linked_since = member.and_then(|_| past.linked_since(settled));
        Kept { class: class_now, missed_before, missed_through, member, linked_since, last, settled }
    }

    /// Where the household stands on `today`: None before `settled`.
    pub fn on(&self, today: NaiveDate, rules: &VisitRules) -> Option<Standing> {
        if today < self.settled {
            return None;
        }
        let Some(linked) = self.linked_since else {
            return Some(Standing { status: Some(DueStatus::Unlinked), due_by: None, missed: 0 });
        };
        let cadence = self.class.cadence();
        let Some(current) = cadence.period_of(today) else {
            let planned = match self.last {
                Some(v) => v.next_planned.unwrap_or(v.date + Days::new(u64::from(rules.difficult_interval_days))),
                None => linked,
            };
            return Some(schedule::planned_standing(planned, today, rules));
        };
        if self.last.is_some_and(|v| v.date >= current.first) {
            return Some(Standing { status: None, due_by: cadence.next(current).map(|p| p.last), missed: 0 });
        }
        // Every period after the one holding `settled` was required
        // (linked throughout, begun in this class) and not visited.
        let missed = match cadence.period_of(self.settled) {
            Some(held) if held != current => self.missed_through.map_or(0, |m| m.saturating_add(between(cadence, held, current))),
            _ => self.missed_before,
        };
        let status = if missed > 0 { DueStatus::Overdue } else { DueStatus::Due };
        Some(Standing { status: Some(status), due_by: Some(current.last), missed })
    }
}

/// The schedule's walk back from `from`: how many periods in a row were
/// required and not visited.
fn walk(past: &History<'_>, class: Class, last: Option<LastVisit>, from: Option<Period>) -> u32 {
    let mut missed = 0;
    let mut p = from;
    while let Some(period) = p {
        if last.is_some_and(|v| v.date >= period.first) || !past.required(class, period) {
            break;
        }
        missed += 1;
        p = class.cadence().prev(period);
    }
    missed
}

/// How many periods lie strictly between `a` and a later `b`.
fn between(cadence: Cadence, a: Period, b: Period) -> u32 {
    let n = match cadence {
        Cadence::Monthly => {
            let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
            months(b.first) - months(a.first)
        }
        Cadence::Weekly => (b.first - a.first).num_days() / 7,
        Cadence::Planned => 0,
    };
    u32::try_from(n - 1).unwrap_or(0)
}

#[cfg(test)]
#[path = "standing_tests.rs"]
mod tests;
