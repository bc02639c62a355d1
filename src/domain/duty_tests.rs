//! Required periods and conversions in a quarter (shared/domain.md).

use super::*;
use crate::domain::model::Class::{Difficult, General, Improving};
use crate::domain::rules::Rules;
use crate::domain::schedule::Span;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const Q2: Quarter = Quarter { year: 2026, q: 2 };
const AFTER: &str = "2026-11-22";

struct Past {
    classes: Vec<(NaiveDate, Class)>,
    links: Vec<Span>,
    members: Vec<i64>,
    visits: Vec<LastVisit>,
}

impl Past {
    fn new(classes: &[(&str, Class)], links: &[(i64, &str, Option<&str>)], visits: &[&str]) -> Self {
        Past {
            classes: classes.iter().map(|(s, c)| (d(s), *c)).collect(),
            links: links.iter().map(|(_, s, u)| (d(s), u.map(d))).collect(),
            members: links.iter().map(|(m, _, _)| *m).collect(),
            visits: visits.iter().map(|s| LastVisit { date: d(s), next_planned: None }).collect(),
        }
    }

    fn h(&self) -> Household<'_> {
        Household { history: History { classes: &self.classes, links: &self.links }, members: &self.members, visits: &self.visits }
    }

    fn owed(&self, q: Quarter, today: &str) -> Vec<Owed> {
        owed(&self.h(), q, d(today), &Rules::defaults().visits)
    }
}

fn done(o: &[Owed]) -> usize {
    o.iter().filter(|o| o.done_on.is_some()).count()
}

#[test]
fn worked_example_two_general_and_one_improving_owe_19_periods_in_q2() {
    let linked = [(7, "2026-01-01", None)];
    let general = Past::new(&[("2026-01-01", General)], &linked, &["2026-04-03", "2026-06-30"]);
    let improving = Past::new(&[("2026-01-01", Improving)], &linked, &["2026-03-30", "2026-04-01", "2026-06-28"]);
    let all: Vec<Owed> = [&general, &general, &improving].iter().flat_map(|p| p.owed(Q2, AFTER)).collect();
    assert_eq!(all.len(), 19);
    assert!(all.iter().all(|o| o.member == 7));
    // ISO weeks 14–26: Monday 03-30 (Thursday 04-02) to Monday 06-22.
    let weeks: Vec<&Owed> = all.iter().filter(|o| o.cadence == Cadence::Weekly).collect();
    assert_eq!((weeks[0].period.first, weeks[12].period.last), (d("2026-03-30"), d("2026-06-28")));
    // General: April and June done; improving: weeks 14 (twice) and 26.
    assert_eq!(done(&all), 2 + 2 + 2);
}

#[test]
fn periods_still_open_today_are_owed_only_once_done() {
    let p = Past::new(&[("2026-01-01", General)], &[(1, "2026-01-01", None)], &["2026-05-20"]);
    // On 05-25: April (missed) and May (done) count; June has not begun.
    let o = p.owed(Q2, "2026-05-25");
    assert_eq!(o.len(), 2);
    assert_eq!(done(&o), 1);
    // On 05-10 May is open and undone: only April counts.
    assert_eq!(p.owed(Q2, "2026-05-10").len(), 1);
}

#[test]
fn a_period_counts_toward_the_member_linked_on_its_first_day_and_any_member_may_do_it() {
    let links = [(1, "2026-01-01", Some("2026-05-10")), (2, "2026-05-11", None)];
    let p = Past::new(&[("2026-01-01", General)], &links, &["2026-05-05"]);
    let o = p.owed(Q2, AFTER);
    let members: Vec<i64> = o.iter().map(|o| o.member).collect();
    assert_eq!(members, vec![1, 1, 2]);
    assert_eq!(o[1].done_on, Some(d("2026-05-05")));
}

#[test]
fn periods_before_the_link_or_across_a_gap_are_not_required() {
    let p = Past::new(&[("2026-01-01", General)], &[(1, "2026-04-15", Some("2026-05-20")), (1, "2026-06-02", None)], &[]);
    // April begins unlinked, May is cut by the gap, June starts in the gap.
    assert!(p.owed(Q2, AFTER).is_empty());
    let moved = Past::new(&[("2026-01-01", General)], &[(1, "2026-01-01", Some("2026-05-15")), (2, "2026-05-16", None)], &[]);
    assert_eq!(moved.owed(Q2, AFTER).iter().map(|o| o.member).collect::<Vec<_>>(), vec![1, 1, 2], "a move is no gap");
}

#[test]
fn a_class_change_mid_quarter_switches_cadence_from_the_next_period() {
    // 一般户 until 05-13 (a Wednesday), 提升户 from then.
    let p = Past::new(&[("2026-01-01", General), ("2026-05-13", Improving)], &[(1, "2026-01-01", None)], &[]);
    let o = p.owed(Q2, AFTER);
    let months = o.iter().filter(|o| o.cadence == Cadence::Monthly).count();
    let weeks = o.iter().filter(|o| o.cadence == Cadence::Weekly).count();
    // April and May as 一般户 (general on their first day); the weeks from
    // Monday 05-18 to 06-22 as 提升户 (the week of 05-11 began general).
    assert_eq!((months, weeks), (2, 6));
}

#[test]
fn difficult_plans_are_done_within_grace_and_a_missed_plan_rolls_on() {
    // Linked long ago; last visit before Q2 on 03-25 plans 04-08.
    let mut p = Past::new(&[("2025-01-01", Difficult)], &[(1, "2025-01-01", None)], &["2026-03-25", "2026-04-11", "2026-05-20"]);
    let o = p.owed(Q2, AFTER);
    let plans: Vec<(NaiveDate, Option<NaiveDate>)> = o.iter().map(|o| (o.period.first, o.done_on)).collect();
    assert_eq!(
        plans,
        vec![
            (d("2026-04-08"), Some(d("2026-04-11"))), // 3 days' grace
            (d("2026-04-25"), None),                  // planned 04-11 + 14, missed
            (d("2026-05-09"), None),                  // rolled on by 14 days, missed
            (d("2026-05-23"), Some(d("2026-05-20"))), // an early visit does it
            (d("2026-06-03"), None),
            (d("2026-06-17"), None),
        ]
    );
    // A plan the visit sets itself replaces the default.
    p.visits[1].next_planned = Some(d("2026-05-21"));
    let o = p.owed(Q2, AFTER);
    assert_eq!(o[1].period.first, d("2026-05-21"));
    assert_eq!(o[1].done_on, Some(d("2026-05-20")));
}

#[test]
fn a_difficult_household_never_visited_is_planned_for_its_link_day() {
    let p = Past::new(&[("2026-01-01", Difficult)], &[(3, "2026-04-20", None)], &[]);
    let o = p.owed(Q2, "2026-05-05");
    assert_eq!(o.iter().map(|o| o.period.first).collect::<Vec<_>>(), vec![d("2026-04-20")]);
    // Within its grace the plan is not owed yet.
    assert!(p.owed(Q2, "2026-04-22").is_empty());
}

#[test]
fn conversions_count_upward_changes_inside_the_quarter_for_the_member_linked_that_day() {
    let classes =
        [("2025-01-01", Difficult), ("2026-03-31", Improving), ("2026-04-20", General), ("2026-05-01", Improving), ("2026-06-10", General)];
    let p = Past::new(&classes, &[(1, "2025-01-01", Some("2026-05-31")), (2, "2026-06-01", None)], &[]);
    let c = conversions(&p.h(), Q2, d(AFTER));
    assert_eq!(c.iter().map(|c| (c.on, c.member)).collect::<Vec<_>>(), vec![(d("2026-04-20"), Some(1)), (d("2026-06-10"), Some(2))]);
    assert!(conversions(&p.h(), Q2, d("2026-06-01")).len() == 1, "not after today");
}
