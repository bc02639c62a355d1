//! Issue 18: the 难点户 plan chain, a move-day plan, and the rules
//! domain.md settled, each with the issue's own dates.

use super::duty::{Household, Owed, chain, owed};
use super::model::Class::{self, Difficult, General, Improving};
use super::period::Quarter;
use super::quarter::{HouseholdFacts, MemberFacts, village};
use super::rules::Rules;
use super::schedule::{DueStatus, History, LastVisit, Span, standing};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn q(s: &str) -> Quarter {
    s.parse().unwrap()
}

struct Past {
    classes: Vec<(NaiveDate, Class)>,
    links: Vec<Span>,
    members: Vec<i64>,
    visits: Vec<LastVisit>,
}

impl Past {
    /// One class from `since`, links (member, since, until), visits (date, 下次走访).
    fn new(class: Class, since: &str, links: &[(i64, &str, Option<&str>)], visits: &[(&str, Option<&str>)]) -> Past {
        Past {
            classes: vec![(d(since), class)],
            links: links.iter().map(|(_, s, u)| (d(s), u.map(d))).collect(),
            members: links.iter().map(|(m, _, _)| *m).collect(),
            visits: visits.iter().map(|(v, n)| LastVisit { date: d(v), next_planned: n.map(d) }).collect(),
        }
    }

    fn h(&self) -> Household<'_> {
        Household { history: History { classes: &self.classes, links: &self.links }, members: &self.members, visits: &self.visits }
    }

    fn owed(&self, quarter: &str, today: &str) -> Vec<Owed> {
        owed(&self.h(), q(quarter), d(today), &Rules::defaults().visits)
    }
}

/// The plans as `MM-DD✓` / `MM-DD✗`.
fn marks(o: &[Owed]) -> Vec<String> {
    o.iter().map(|o| format!("{}{}", o.period.first.format("%m-%d"), if o.done_on.is_some() { "✓" } else { "✗" })).collect()
}

#[test]
fn bug_1_the_chain_goes_on_past_a_later_plan_that_an_early_visit_set() {
    let p = Past::new(
        Difficult,
        "2026-01-01",
        &[(1, "2026-01-01", None)],
        &[("2026-03-10", Some("2026-04-10")), ("2026-03-12", Some("2026-03-20"))],
    );
    let q1 = p.owed("2026Q1", "2026-04-30");
    assert_eq!(marks(&q1), ["01-01✗", "01-15✗", "01-29✗", "02-12✗", "02-26✗", "03-12✓", "03-20✗"]);
    // The 04-10 plan the first visit set is done early by the second, and counts in Q2.
    let q2 = p.owed("2026Q2", "2026-04-30");
    assert_eq!(marks(&q2), ["04-03✗", "04-10✓", "04-17✗"]);
}

#[test]
fn bug_2_a_never_visited_household_moved_that_day_is_planned_for_its_first_link() {
    let p = Past::new(Difficult, "2026-06-01", &[(1, "2026-06-01", Some("2026-06-24")), (2, "2026-06-25", None)], &[]);
    let rules = Rules::defaults().visits;
    for day in ["2026-06-24", "2026-06-25", "2026-06-26"] {
        let s = standing(&p.h().history, Difficult, None, d(day), &rules);
        assert_eq!((s.status, s.due_by, s.missed), (Some(DueStatus::Overdue), Some(d("2026-06-01")), 1), "{day}");
    }
}

#[test]
fn rule_3_a_plan_after_today_that_an_early_visit_did_counts_as_done_now() {
    let p = Past::new(Difficult, "2026-01-05", &[(1, "2026-01-05", None)], &[("2026-01-06", None), ("2026-01-08", Some("2026-01-22"))]);
    assert_eq!(marks(&p.owed("2026Q1", "2026-01-10")), ["01-05✓", "01-20✓"]);
}

#[test]
fn rule_4_a_plan_done_by_a_visit_before_its_quarter_counts_there_as_done() {
    let p = Past::new(Difficult, "2026-03-01", &[(1, "2026-03-01", None)], &[("2026-03-21", None), ("2026-03-27", None)]);
    let o = p.owed("2026Q2", "2026-04-20");
    assert_eq!(marks(&o), ["04-04✓", "04-10✗"]);
    let homes = [HouseholdFacts { household: p.h(), rating: None }];
    let out = village(
        &[MemberFacts { id: 1, exempt: false, resolved: 0, adjustments: 0.0 }],
        &homes,
        q("2026Q2"),
        d("2026-04-20"),
        &Rules::defaults(),
    );
    let line = out.lines[0];
    assert_eq!((line.required, line.done), (2, 1));
    assert_eq!(format!("{:.1}", line.points), "43.0");
}

#[test]
fn rule_5_one_class_a_day_the_last_record_of_the_day_holds_and_is_no_conversion() {
    // Imported as 难点户 and again as 一般户 the same day: 一般户 that day.
    let same_day = History { classes: &[(d("2026-03-05"), General)], links: &[] };
    assert_eq!(same_day.class_on(d("2026-03-05")), Some(General));
    let p = Past { classes: vec![(d("2026-03-05"), General)], links: vec![(d("2026-01-01"), None)], members: vec![1], visits: vec![] };
    assert!(super::duty::conversions(&p.h(), q("2026Q1"), d("2026-04-30")).is_empty());
    // A day later it is a conversion, worth 5 points.
    let p = Past {
        classes: vec![(d("2026-03-05"), Difficult), (d("2026-03-06"), General)],
        links: vec![(d("2026-01-01"), None)],
        members: vec![1],
        visits: vec![],
    };
    let c = super::duty::conversions(&p.h(), q("2026Q1"), d("2026-04-30"));
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].from, c[0].to, c[0].member), (Difficult, General, Some(1)));
}

#[test]
fn rule_6_a_member_owing_a_week_shows_done_over_required_even_unranked() {
    // A 提升户 moved from 李甲 (1) to 王乙 (2) on 2025-01-01: 李甲 keeps the ISO
    // week 2024-12-30 … 2025-01-05, whose Thursday is in 2025Q1, and visited it.
    let p = Past {
        classes: vec![(d("2024-06-01"), Improving)],
        links: vec![(d("2024-06-01"), Some(d("2024-12-31"))), (d("2025-01-01"), None)],
        members: vec![1, 2],
        visits: vec![LastVisit { date: d("2025-01-02"), next_planned: None }],
    };
    let homes = [HouseholdFacts { household: p.h(), rating: None }];
    let members = [
        MemberFacts { id: 1, exempt: false, resolved: 0, adjustments: 0.0 },
        MemberFacts { id: 2, exempt: false, resolved: 0, adjustments: 0.0 },
    ];
    let out = village(&members, &homes, q("2025Q1"), d("2025-04-30"), &Rules::defaults());
    let li = out.lines.iter().find(|l| l.member == 1).unwrap();
    assert_eq!((li.required, li.done, li.ranked), (1, 1, false));
    assert_eq!(li.work.compliance, 1.0, "not 0.0");
}

#[test]
fn rule_7_records_made_after_today_are_not_seen() {
    let p = Past::new(General, "2026-02-01", &[(1, "2026-02-01", None)], &[]);
    // Seen on 2026-01-15 the household does not exist yet: no class, nothing owed.
    assert_eq!(p.h().history.class_on(d("2026-01-15")), None);
    assert!(p.owed("2026Q1", "2026-01-15").is_empty());
}

mod chain_property {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Over random visit histories of a 难点户 linked all year to one
        /// member: every plan of the chain counts in exactly one quarter,
        /// and the four quarters' required periods add up to the plans
        /// dated in the year.
        #[test]
        fn every_plan_counts_in_exactly_one_quarter(
            gaps in proptest::collection::vec((1u64..40, proptest::option::of(-10i64..40)), 0..30),
        ) {
            let start = d("2026-01-01");
            let mut day = start;
            let mut visits = Vec::new();
            for (gap, plan) in gaps {
                day = day + chrono::Days::new(gap);
                if day.format("%Y").to_string() != "2026" { break; }
                let next = plan.map(|p| day + chrono::Duration::days(p));
                visits.push(LastVisit { date: day, next_planned: next });
            }
            let p = Past { classes: vec![(start, Difficult)], links: vec![(start, None)], members: vec![1], visits };
            let today = d("2027-03-01");
            let plans = chain(&p.h(), today, &Rules::defaults().visits);
            let in_year: Vec<_> = plans.iter().filter(|pl| pl.on >= start && pl.on <= d("2026-12-31")).collect();
            let mut counted = Vec::new();
            for quarter in ["2026Q1", "2026Q2", "2026Q3", "2026Q4"] {
                counted.extend(p.owed(quarter, "2027-03-01").into_iter().map(|o| o.period.first));
            }
            // Plans as a multiset of dates (two plans may share a day).
            counted.sort();
            let mut dated: Vec<NaiveDate> = in_year.iter().map(|pl| pl.on).collect();
            dated.sort();
            prop_assert_eq!(counted, dated, "each plan of the year counted once, in its quarter");
        }
    }
}
