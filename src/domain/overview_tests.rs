//! The overview's counts, with the dates of the worked example and of a
//! clerk's 1 December.

use super::*;
use crate::domain::model::Class::{Difficult, General, Improving};
use crate::domain::rules::Rules;
use crate::domain::schedule::{History, Span};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

struct Past {
    classes: Vec<(NaiveDate, Class)>,
    links: Vec<Span>,
    members: Vec<i64>,
    visits: Vec<LastVisit>,
}

impl Past {
    fn new(classes: &[(&str, Class)], since: &str, visits: &[&str]) -> Self {
        Past {
            classes: classes.iter().map(|(s, c)| (d(s), *c)).collect(),
            links: vec![(d(since), None)],
            members: vec![7],
            visits: visits.iter().map(|s| LastVisit { date: d(s), next_planned: None }).collect(),
        }
    }

    fn facts(&self) -> Facts<'_> {
        Facts {
            household: Household {
                history: History { classes: &self.classes, links: &self.links },
                members: &self.members,
                visits: &self.visits,
            },
            class: self.classes.last().map(|c| c.1).unwrap_or(General),
            created_on: self.classes.first().map(|c| c.0).unwrap_or(NaiveDate::MIN),
            last: self.visits.last().copied(),
        }
    }
}

fn line(pasts: &[&Past], today: &str, count: usize) -> Line {
    let months = months(d(today), count);
    let mut l = Line::new(Some((1, "湖口村".into())), &months);
    for p in pasts {
        l.count(&p.facts(), d(today), &Rules::defaults().visits);
    }
    l
}

#[test]
fn months_end_with_todays() {
    let m = months(d("2026-12-01"), 12);
    assert_eq!(m.len(), 12);
    assert_eq!(m[0].to_string(), "2026-01");
    assert_eq!(m[11].to_string(), "2026-12");
}

#[test]
fn the_worked_example_owes_19_periods_over_the_three_months_of_q2() {
    // domain.md: 2 一般户 and 1 提升户 owe 2 × 3 + 13 = 19 periods in Q2 2026.
    let general = Past::new(&[("2026-01-01", General)], "2026-01-01", &["2026-04-03", "2026-06-30"]);
    let improving = Past::new(&[("2026-01-01", Improving)], "2026-01-01", &["2026-03-30", "2026-04-01", "2026-06-28"]);
    let l = line(&[&general, &general, &improving], "2026-07-15", 4);
    let q2: Vec<&MonthLine> = l.months.iter().filter(|m| m.month.month >= 4 && m.month.month <= 6).collect();
    assert_eq!(q2.iter().map(|m| m.visits.required).sum::<u32>(), 19);
    // April holds weeks 14–18 (Thursdays 2, 9, 16, 23, 30 April): 5 weeks + 2 months.
    assert_eq!(q2[0].visits.required, 7);
    // Done: the two 一般户 in April and June (4); the 提升户 in weeks 14 and 26 (2).
    assert_eq!(q2.iter().map(|m| m.visits.done).sum::<u32>(), 6);
}

#[test]
fn on_the_first_of_the_month_every_general_household_is_owed_and_none_done() {
    let visited = Past::new(&[("2026-01-01", General)], "2026-01-01", &["2026-11-30"]);
    let l = line(&[&visited, &visited], "2026-12-01", 12);
    assert_eq!(l.general_month, Tally { done: 0, required: 2 });
    assert_eq!(l.overdue, 0, "November was done: due, not overdue");
    // November's periods were both done; December's are still open, so not owed yet.
    assert_eq!(l.months[10].visits, Tally { done: 2, required: 2 });
    assert_eq!(l.months[11].visits, Tally { done: 0, required: 0 });
}

#[test]
fn a_household_not_visited_last_month_is_overdue_and_behind() {
    let late = Past::new(&[("2026-01-01", General)], "2026-01-01", &["2026-10-12"]);
    let fine = Past::new(&[("2026-01-01", General)], "2026-01-01", &["2026-11-05", "2026-12-02"]);
    let l = line(&[&late, &fine], "2026-12-03", 12);
    assert_eq!(l.overdue, 1);
    assert_eq!(l.general_month, Tally { done: 1, required: 2 });
    assert!((l.behind() - 0.5).abs() < 1e-9);
    assert_eq!(l.months[10].visits, Tally { done: 1, required: 2 }, "the late one missed November");
}

#[test]
fn classes_are_counted_at_each_months_end_and_conversions_this_quarter() {
    // A 难点户 converted to 提升户 on 15 November, then to 一般户 on 2 December.
    let p = Past::new(&[("2026-09-01", Difficult), ("2026-11-15", Improving), ("2026-12-02", General)], "2026-09-01", &[]);
    let l = line(&[&p], "2026-12-03", 4);
    assert_eq!(l.months[0].classes, [0, 0, 1], "September");
    assert_eq!(l.months[2].classes, [0, 1, 0], "November");
    assert_eq!(l.months[3].classes, [1, 0, 0], "December, as of today");
    // 2026Q4 holds both conversions.
    assert_eq!(l.conversions, 2);
    // Not yet recorded in August: not counted there.
    let l = line(&[&p], "2026-12-03", 5);
    assert_eq!(l.months[0].classes, [0, 0, 0]);
}

#[test]
fn difficult_plans_due_and_overdue_follow_the_due_list() {
    // Never visited: planned on the link day; overdue after it.
    let overdue = Past::new(&[("2026-11-01", Difficult)], "2026-11-01", &[]);
    // Visited 20 November: planned 4 December, due from 1 December.
    let due = Past::new(&[("2026-11-01", Difficult)], "2026-11-01", &["2026-11-20"]);
    let l = line(&[&overdue, &due], "2026-12-02", 2);
    assert_eq!((l.plans_due, l.plans_overdue, l.overdue), (1, 1, 1));
}

#[test]
fn the_total_adds_every_village_and_the_worst_come_first() {
    let late = Past::new(&[("2026-01-01", General)], "2026-01-01", &["2026-10-12"]);
    let fine = Past::new(&[("2026-01-01", General)], "2026-01-01", &["2026-11-05", "2026-12-02"]);
    let months = months(d("2026-12-03"), 12);
    let rules = Rules::defaults().visits;
    let mut a = Line::new(Some((1, "A村".into())), &months);
    a.count(&fine.facts(), d("2026-12-03"), &rules);
    let mut b = Line::new(Some((2, "B村".into())), &months);
    b.count(&late.facts(), d("2026-12-03"), &rules);
    let mut lines = vec![a, b];
    worst_first(&mut lines);
    assert_eq!(lines[0].village.as_ref().unwrap().1, "B村");
    let t = total(&lines, &months);
    assert_eq!((t.households, t.overdue, t.general_month), (2, 1, Tally { done: 1, required: 2 }));
    assert_eq!(t.months[10].visits, Tally { done: 1, required: 2 });
}
