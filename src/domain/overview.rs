//! 总览: the township at a glance, one line per village. Everything here is
//! counted by the rules 今日 and 考评 use — `schedule::standing` for where a
//! household stands today, `duty::owed_in` for the periods owed month by
//! month — so that "done" has one definition in the whole programme.

use super::duty::{self, Household};
use super::model::Class;
use super::period::{Month, Quarter, Stretch};
use super::rules::VisitRules;
use super::schedule::{Cadence, DueStatus, LastVisit, standing};
use chrono::NaiveDate;

/// Done out of required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub done: u32,
    pub required: u32,
}

impl Tally {
    /// done ÷ required, none when nothing was required.
    pub fn share(self) -> Option<f64> {
        (self.required > 0).then(|| f64::from(self.done) / f64::from(self.required))
    }

    fn add(&mut self, other: Tally) {
        self.done += other.done;
        self.required += other.required;
    }

    fn count(&mut self, done: bool) {
        self.required += 1;
        self.done += u32::from(done);
    }
}

/// One month of a village: the periods owed in it (placed as a quarter
/// places them), the households of each class at its end (or today), and
/// the concern flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthLine {
    pub month: Month,
    /// Every period owed in the month, and by cadence: 一般户's months,
    /// 提升户's weeks, 难点户's plans.
    pub visits: Tally,
    pub by_cadence: [Tally; 3],
    /// Households 一般户, 提升户, 难点户 on the month's last day (today for this month).
    pub classes: [u32; 3],
    pub flow: Flow,
}

/// Concerns raised, resolved (or closed) and passed up to the township in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flow {
    pub raised: u32,
    pub resolved: u32,
    pub passed_up: u32,
}

impl Flow {
    /// The names of the three counts, in the order of `counts`.
    pub const LABEL_KEYS: [&'static str; 3] = ["overview.raised", "overview.resolved", "overview.passed_up"];

    pub fn counts(self) -> [u32; 3] {
        [self.raised, self.resolved, self.passed_up]
    }

    fn add(&mut self, o: Flow) {
        self.raised += o.raised;
        self.resolved += o.resolved;
        self.passed_up += o.passed_up;
    }
}

/// A village's line (or the township's, the sum of them all).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// None: the township total.
    pub village: Option<(i64, String)>,
    pub households: u32,
    /// Linked to a member today.
    pub linked: u32,
    /// 一般户 linked today: visited this month out of all of them.
    pub general_month: Tally,
    /// 提升户 linked today: visited this ISO week out of all of them.
    pub improving_week: Tally,
    /// 难点户 whose planned visit is due, and overdue.
    pub plans_due: u32,
    pub plans_overdue: u32,
    /// Households overdue (any class), and with no member, as 今日 lists them.
    pub overdue: u32,
    pub unlinked: u32,
    /// Concerns not yet resolved, and those of them stuck (as 问题 marks them).
    pub concerns_open: u32,
    pub concerns_stuck: u32,
    /// Upward class conversions in the quarter of the last month shown.
    pub conversions: u32,
    /// Members under and over their load range.
    pub under_load: u32,
    pub over_load: u32,
    /// The last months, oldest first, this month last.
    pub months: Vec<MonthLine>,
}

/// One household as the overview reads it.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub household: Household<'a>,
    /// The class on its row (for a household whose history does not reach today).
    pub class: Class,
    /// The day it was recorded: not counted in a month that ended before.
    pub created_on: NaiveDate,
    /// Its latest visit on or before today.
    pub last: Option<LastVisit>,
}

/// The months an overview shows: `count` of them, ending with today's.
pub fn months(today: NaiveDate, count: usize) -> Vec<Month> {
    let mut out: Vec<Month> = std::iter::successors(Some(Month::of(today)), |m| Some(m.prev())).take(count.max(1)).collect();
    out.reverse();
    out
}

fn class_index(c: Class) -> usize {
    match c {
        Class::General => 0,
        Class::Improving => 1,
        Class::Difficult => 2,
    }
}

impl Line {
    pub fn new(village: Option<(i64, String)>, months: &[Month]) -> Line {
        Line {
            village,
            households: 0,
            linked: 0,
            general_month: Tally::default(),
            improving_week: Tally::default(),
            plans_due: 0,
            plans_overdue: 0,
            overdue: 0,
            unlinked: 0,
            concerns_open: 0,
            concerns_stuck: 0,
            conversions: 0,
            under_load: 0,
            over_load: 0,
            months: months
                .iter()
                .map(|m| MonthLine {
                    month: *m,
                    visits: Tally::default(),
                    by_cadence: [Tally::default(); 3],
                    classes: [0; 3],
                    flow: Flow::default(),
                })
                .collect(),
        }
    }

    /// Counts one household in (`self.months` set by `new`).
    pub fn count(&mut self, f: &Facts<'_>, today: NaiveDate, rules: &VisitRules) {
        let h = &f.household;
        let class = h.history.class_on(today).unwrap_or(f.class);
        let s = standing(&h.history, class, f.last, today, rules);
        self.households += 1;
        let linked = h.history.linked_on(today);
        self.linked += u32::from(linked);
        match s.status {
            Some(DueStatus::Overdue) => self.overdue += 1,
            Some(DueStatus::Unlinked) => self.unlinked += 1,
            _ => {}
        }
        // On the list or not is what 今日 says: the current period is done
        // exactly when the household is not listed.
        let done = s.status.is_none();
        match class {
            Class::General if linked => self.general_month.count(done),
            Class::Improving if linked => self.improving_week.count(done),
            Class::Difficult => match s.status {
                Some(DueStatus::Due) => self.plans_due += 1,
                Some(DueStatus::Overdue) => self.plans_overdue += 1,
                _ => {}
            },
            _ => {}
        }
        let (Some(first), Some(last)) = (self.months.first().map(|m| m.month), self.months.last().map(|m| m.month)) else { return };
        // The quarter of the last month shown (today's, on 总览).
        self.conversions += duty::conversions(h, Quarter::of(last.first_day()), today).len() as u32;
        for o in duty::owed_in(h, Stretch::months(first, last), today, rules) {
            let at = Month::of(duty::placed_on(o.cadence, o.period));
            if let Some(m) = self.months.iter_mut().find(|m| m.month == at) {
                m.visits.count(o.done_on.is_some());
                let c = match o.cadence {
                    Cadence::Monthly => 0,
                    Cadence::Weekly => 1,
                    Cadence::Planned => 2,
                };
                m.by_cadence[c].count(o.done_on.is_some());
            }
        }
        for m in &mut self.months {
            let day = m.month.last_day().min(today);
            if f.created_on <= day
                && let Some(c) = h.history.class_on(day).or((day == today).then_some(class))
            {
                m.classes[class_index(c)] += 1;
            }
        }
    }

    /// Adds the concern flow of one month.
    pub fn add_flow(&mut self, month: Month, flow: Flow) {
        if let Some(m) = self.months.iter_mut().find(|m| m.month == month) {
            m.flow.add(flow);
        }
    }

    /// Adds another line's numbers (the township's total).
    pub fn add(&mut self, o: &Line) {
        self.households += o.households;
        self.linked += o.linked;
        self.general_month.add(o.general_month);
        self.improving_week.add(o.improving_week);
        self.plans_due += o.plans_due;
        self.plans_overdue += o.plans_overdue;
        self.overdue += o.overdue;
        self.unlinked += o.unlinked;
        self.concerns_open += o.concerns_open;
        self.concerns_stuck += o.concerns_stuck;
        self.conversions += o.conversions;
        self.under_load += o.under_load;
        self.over_load += o.over_load;
        for (m, om) in self.months.iter_mut().zip(&o.months) {
            m.visits.add(om.visits);
            for (c, oc) in m.by_cadence.iter_mut().zip(om.by_cadence) {
                c.add(oc);
            }
            for (c, oc) in m.classes.iter_mut().zip(om.classes) {
                *c += oc;
            }
            m.flow.add(om.flow);
        }
    }

    /// Linked households as a share of all.
    pub fn linked_share(&self) -> Option<f64> {
        (self.households > 0).then(|| f64::from(self.linked) / f64::from(self.households))
    }

    /// How far behind the village is: overdue and unlinked households as a
    /// share of all (the worst first in the table).
    pub fn behind(&self) -> f64 {
        if self.households == 0 { 0.0 } else { f64::from(self.overdue + self.unlinked) / f64::from(self.households) }
    }

    /// This month's line (the last).
    pub fn this_month(&self) -> Option<&MonthLine> {
        self.months.last()
    }
}

/// Villages worst first: the most behind, then the lowest share of 一般户
/// visited this month, then by name.
pub fn worst_first(lines: &mut [Line]) {
    lines.sort_unstable_by(|a, b| {
        b.behind()
            .total_cmp(&a.behind())
            .then_with(|| a.general_month.share().unwrap_or(1.0).total_cmp(&b.general_month.share().unwrap_or(1.0)))
            .then_with(|| {
                let name = |l: &Line| l.village.as_ref().map(|v| v.1.clone()).unwrap_or_default();
                super::order::natural(&name(a), &name(b))
            })
    });
}

/// The township's total of the villages' lines.
pub fn total(lines: &[Line], months: &[Month]) -> Line {
    let mut t = Line::new(None, months);
    for l in lines {
        t.add(l);
    }
    t
}

#[cfg(test)]
#[path = "overview_tests.rs"]
mod tests;
