//! What one household owed in a quarter (shared/domain.md, "Quarter score"):
//! its required visit periods, the member each counts toward, and the visit
//! that did it; and the upward class conversions made in the quarter.

use super::model::Class;
use super::period::{Quarter, Stretch, week_thursday};
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
    owed_in(h, Stretch::from(q), today, rules)
}

/// The periods a household owed in a stretch of whole months (a quarter,
/// or the months the overview charts), by the same rules as a quarter: a
/// month counts where it lies, an ISO week where its Thursday lies, a plan
/// where its date lies.
pub fn owed_in(h: &Household<'_>, q: Stretch, today: NaiveDate, rules: &VisitRules) -> Vec<Owed> {
    // Visits after today (a `--today` in the past) are not known yet.
    let h = &Household { visits: &h.visits[..h.visits.partition_point(|v| v.date <= today)], ..*h };
    let mut out = Vec::new();
    for (class, cadence) in [(Class::General, Cadence::Monthly), (Class::Improving, Cadence::Weekly)] {
        let Some(mut p) = first_period(cadence, q) else { continue };
        while in_stretch(cadence, p, q) && p.first <= today {
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

fn first_period(cadence: Cadence, q: Stretch) -> Option<Period> {
    let p = cadence.period_of(q.first)?;
    if in_stretch(cadence, p, q) { Some(p) } else { cadence.next(p) }
}

/// The day that places a period: a month (or plan) by its first day, an
/// ISO week by its Thursday.
pub fn placed_on(cadence: Cadence, p: Period) -> NaiveDate {
    match cadence {
        Cadence::Weekly => week_thursday(p.first),
        _ => p.first,
    }
}

fn in_stretch(cadence: Cadence, p: Period, q: Stretch) -> bool {
    q.contains(placed_on(cadence, p))
}

/// One plan of a 难点户's chain: its date, and the visit that did it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub on: NaiveDate,
    pub done_on: Option<NaiveDate>,
}

/// A 难点户's plans as one chain (shared/domain.md, "Periods and due
/// status"): the first plan is the first link day; visits are taken in date
/// order; before each visit every plan whose grace (plan + grace days)
/// ended before the visit's date is missed and the next falls an interval
/// after it; the visit then does the plan in force, early or within the
/// grace, and sets the next plan (its own, or its date + the interval),
/// even one dated before the plan it just did. After the last visit, plans
/// roll on by the interval while their grace ends before today. `visits`
/// are those on or before today, oldest first.
pub fn chain(h: &Household<'_>, today: NaiveDate, rules: &VisitRules) -> Vec<Plan> {
    let Some(first) = h.history.links.iter().map(|(since, _)| *since).min() else { return Vec::new() };
    let interval = Days::new(u64::from(rules.difficult_interval_days.max(1)));
    let grace = Days::new(u64::from(rules.difficult_grace_days));
    let mut plan = first;
    let mut out = Vec::new();
    for v in h.visits.iter().filter(|v| v.date >= first && v.date <= today) {
        while plan + grace < v.date {
            out.push(Plan { on: plan, done_on: None });
            plan = plan + interval;
        }
        out.push(Plan { on: plan, done_on: Some(v.date) });
        plan = v.next_planned.unwrap_or(v.date + interval);
    }
    while plan + grace < today {
        out.push(Plan { on: plan, done_on: None });
        plan = plan + interval;
    }
    out
}

/// The plans of the chain dated in quarter `q` on a day the household was
/// 难点户, each toward the member linked that day. A plan done by a visit
/// dated before the quarter, or dated after today but already done, counts
/// here as done; the plan still open (grace not over, not done) is not
/// owed yet.
fn planned(h: &Household<'_>, q: Stretch, today: NaiveDate, rules: &VisitRules) -> Vec<Owed> {
    let (start, end) = (q.first, q.last);
    let difficult_in_quarter = h.history.class_on(start) == Some(Class::Difficult)
        || h.history.classes.iter().any(|(since, c)| *c == Class::Difficult && (start..=end).contains(since));
    if !difficult_in_quarter {
        return Vec::new();
    }
    chain(h, today, rules)
        .into_iter()
        .filter(|p| q.contains(p.on) && h.history.class_on(p.on) == Some(Class::Difficult))
        .filter_map(|p| {
            let member = h.member_on(p.on)?;
            Some(Owed { period: Period { first: p.on, last: p.on }, cadence: Cadence::Planned, member, done_on: p.done_on })
        })
        .collect()
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
