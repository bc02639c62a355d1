//! What one household owed in a quarter (shared/domain.md, "Quarter score"):
//! its required visit periods, the member each counts toward, and the visit
//! that did it; and the upward class conversions made in the quarter.

use super::model::Class;
use super::period::{Quarter, week_thursday};
use super::rules::VisitRules;
use super::schedule::{Cadence, History, LastVisit, Period};
use chrono::{Days, NaiveDate};

/// One household's past, as scoring reads it.
#[derive(Debug, Clone, Copy)]
pub struct Household<'a> {
    pub history: History<'a>,
    /// The member of each link, in the order of `history.links`.
    pub members: &'a [i64],
    /// Its visits, oldest first (dates and the plans they set).
    pub visits: &'a [LastVisit],
}

/// A required period (or a 难点户's planned date, `first == last`) that had
/// ended by today or was already done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owed {
    pub period: Period,
    pub cadence: Cadence,
    /// The member linked on its first day: it counts toward them.
    pub member: i64,
    /// The visit that did it, by any member.
    pub done_on: Option<NaiveDate>,
}

/// An upward class change (难点 → 提升 → 一般) inside the quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conversion {
    pub on: NaiveDate,
    pub from: Class,
    pub to: Class,
    /// The member linked that day (none: nobody earns it).
    pub member: Option<i64>,
}

fn standing_rank(c: Class) -> u8 {
    match c {
        Class::Difficult => 0,
        Class::Improving => 1,
        Class::General => 2,
    }
}

impl Household<'_> {
    /// The member linked on `d` (of two, the later link).
    pub fn member_on(&self, d: NaiveDate) -> Option<i64> {
        self.history
            .links
            .iter()
            .zip(self.members)
            .filter(|((since, until), _)| *since <= d && until.is_none_or(|u| d <= u))
            .max_by_key(|((since, _), _)| *since)
            .map(|(_, m)| *m)
    }

    /// Every member linked on some day of `first..=last`.
    pub fn members_between(&self, first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = i64> + '_ {
        self.history
            .links
            .iter()
            .zip(self.members)
            .filter(move |((since, until), _)| *since <= last && until.is_none_or(|u| first <= u))
            .map(|(_, m)| *m)
    }

    /// The first visit dated within `first..=last`.
    fn visit_between(&self, first: NaiveDate, last: NaiveDate) -> Option<NaiveDate> {
        let i = self.visits.partition_point(|v| v.date < first);
        self.visits.get(i).map(|v| v.date).filter(|d| *d <= last)
    }
}

/// The periods a household owed in quarter `q`, in date order. A period
/// still open today and not yet done is left out: it is not owed yet.
/// Visits dated after today are not seen.
pub fn owed(h: &Household<'_>, q: Quarter, today: NaiveDate, rules: &VisitRules) -> Vec<Owed> {
    // Visits after today (a `--today` in the past) are not known yet.
    let h = &Household { visits: &h.visits[..h.visits.partition_point(|v| v.date <= today)], ..*h };
    let mut out = Vec::new();
    for (class, cadence) in [(Class::General, Cadence::Monthly), (Class::Improving, Cadence::Weekly)] {
        let Some(mut p) = first_period(cadence, q) else { continue };
        while in_quarter(cadence, p, q) && p.first <= today {
            if h.history.required(class, p)
                && let Some(member) = h.member_on(p.first)
            {
                let done_on = h.visit_between(p.first, p.last);
                if done_on.is_some() || p.last < today {
                    out.push(Owed { period: p, cadence, member, done_on });
                }
            }
            match cadence.next(p) {
                Some(n) => p = n,
                None => break,
            }
        }
    }
    out.extend(planned(h, q, today, rules));
    out.sort_by_key(|o| o.period);
    out
}

fn first_period(cadence: Cadence, q: Quarter) -> Option<Period> {
    let p = cadence.period_of(q.first_day())?;
    if in_quarter(cadence, p, q) { Some(p) } else { cadence.next(p) }
}

/// A month belongs to its quarter; an ISO week to the quarter of its Thursday.
fn in_quarter(cadence: Cadence, p: Period, q: Quarter) -> bool {
    match cadence {
        Cadence::Weekly => q.contains(week_thursday(p.first)),
        _ => q.contains(p.first),
    }
}

/// A 难点户's planned dates in the quarter. Each visit sets the next plan
/// (its own, or the visit date + the interval); the next visit fulfils it
/// when it comes on or before the plan + the grace days. A plan that passes
/// unvisited is missed, and the next one falls an interval later. Before
/// any visit, the plan is the day the household was first linked.
fn planned(h: &Household<'_>, q: Quarter, today: NaiveDate, rules: &VisitRules) -> Vec<Owed> {
    let (start, end) = (q.first_day(), q.last_day());
    let difficult_in_quarter = h.history.class_on(start) == Some(Class::Difficult)
        || h.history.classes.iter().any(|(since, c)| *c == Class::Difficult && (start..=end).contains(since));
    if !difficult_in_quarter {
        return Vec::new();
    }
    let interval = Days::new(u64::from(rules.difficult_interval_days));
    let grace = Days::new(u64::from(rules.difficult_grace_days));
    let plan_after = |v: &LastVisit| v.next_planned.unwrap_or(v.date + interval);
    let mut next = h.visits.partition_point(|v| v.date < start);
    let mut plan = match next.checked_sub(1).and_then(|i| h.visits.get(i)) {
        Some(v) => plan_after(v),
        None => match h.history.links.iter().map(|(since, _)| *since).min() {
            Some(d) => d,
            None => return Vec::new(),
        },
    };
    let mut out = Vec::new();
    while plan <= end && plan <= today {
        let visit = h.visits.get(next);
        let done_on = visit.map(|v| v.date).filter(|d| *d <= plan + grace);
        if done_on.is_none() && plan + grace >= today {
            break; // still open
        }
        if plan >= start
            && h.history.class_on(plan) == Some(Class::Difficult)
            && let Some(member) = h.member_on(plan)
        {
            out.push(Owed { period: Period { first: plan, last: plan }, cadence: Cadence::Planned, member, done_on });
        }
        match (done_on, visit) {
            (Some(_), Some(v)) => {
                plan = plan_after(v).max(v.date);
                next += 1;
            }
            _ => plan = plan + interval,
        }
    }
    out
}

/// Upward class changes dated inside the quarter and not after today.
pub fn conversions(h: &Household<'_>, q: Quarter, today: NaiveDate) -> Vec<Conversion> {
    h.history
        .classes
        .windows(2)
        .filter(|w| q.contains(w[1].0) && w[1].0 <= today && standing_rank(w[1].1) > standing_rank(w[0].1))
        .map(|w| Conversion { on: w[1].0, from: w[0].1, to: w[1].1, member: h.member_on(w[1].0) })
        .collect()
}

#[cfg(test)]
#[path = "duty_tests.rs"]
mod tests;
