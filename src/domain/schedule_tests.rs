//! Every case of the schedule rules in shared/domain.md.

use super::*;
use crate::domain::model::Class::{Difficult, General, Improving};
use crate::domain::rules::Rules;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn rules() -> VisitRules {
    Rules::defaults().visits
}

/// Today in these tests: Sunday 2026-11-22 (ISO week 47, Monday 11-16).
const TODAY: &str = "2026-11-22";

fn visit(date: &str) -> Option<LastVisit> {
    Some(LastVisit { date: d(date), next_planned: None })
}

fn stand(classes: &[(&str, Class)], links: &[(&str, Option<&str>)], last: Option<LastVisit>) -> Standing {
    stand_on(TODAY, classes, links, last)
}

fn stand_on(today: &str, classes: &[(&str, Class)], links: &[(&str, Option<&str>)], last: Option<LastVisit>) -> Standing {
    let classes: Vec<(NaiveDate, Class)> = classes.iter().map(|(s, c)| (d(s), *c)).collect();
    let links: Vec<Span> = links.iter().map(|(s, u)| (d(s), u.map(d))).collect();
    let h = History { classes: &classes, links: &links };
    let today = d(today);
    let class = h.class_on(today).unwrap();
    standing(&h, class, last, today, &rules())
}

fn listed(status: DueStatus, due_by: &str, missed: u32) -> Standing {
    Standing { status: Some(status), due_by: Some(d(due_by)), missed }
}

#[test]
fn periods_by_cadence() {
    let m = Cadence::Monthly.period_of(d("2028-02-10")).unwrap();
    assert_eq!((m.first, m.last), (d("2028-02-01"), d("2028-02-29")));
    let dec = Cadence::Monthly.period_of(d("2026-12-31")).unwrap();
    assert_eq!(Cadence::Monthly.next(dec).unwrap().first, d("2027-01-01"));
    let w = Cadence::Weekly.period_of(d(TODAY)).unwrap();
    assert_eq!((w.first, w.last), (d("2026-11-16"), d("2026-11-22")));
    // ISO week 53 of 2026 runs into 2027.
    let w53 = Cadence::Weekly.period_of(d("2027-01-02")).unwrap();
    assert_eq!((w53.first, w53.last), (d("2026-12-28"), d("2027-01-03")));
    assert_eq!(Cadence::Weekly.prev(w53).unwrap().first, d("2026-12-21"));
    assert_eq!(Cadence::Planned.period_of(d(TODAY)), None);
}

#[test]
fn general_visited_this_month_is_not_listed_and_next_due_is_next_month() {
    let s = stand(&[("2025-01-01", General)], &[("2025-01-01", None)], visit("2026-11-01"));
    assert_eq!(s, Standing { status: None, due_by: Some(d("2026-12-31")), missed: 0 });
}

#[test]
fn general_visited_last_month_only_is_due_by_month_end() {
    let s = stand(&[("2025-01-01", General)], &[("2025-01-01", None)], visit("2026-10-31"));
    assert_eq!(s, listed(DueStatus::Due, "2026-11-30", 0));
}

#[test]
fn general_month_edges() {
    let classes = [("2025-01-01", General)];
    let links = [("2025-01-01", None)];
    // The last day of October does not count for November.
    assert_eq!(stand_on("2026-11-01", &classes, &links, visit("2026-10-31")).status, Some(DueStatus::Due));
    // The first of the month does.
    assert_eq!(stand_on("2026-11-01", &classes, &links, visit("2026-11-01")).status, None);
    // Visited 09-30, nothing in October: overdue on 11-01 with one missed month.
    assert_eq!(stand_on("2026-11-01", &classes, &links, visit("2026-09-30")), listed(DueStatus::Overdue, "2026-11-30", 1));
}

#[test]
fn general_missed_months_are_consecutive_back_to_the_last_visit() {
    let s = stand(&[("2025-01-01", General)], &[("2025-01-01", None)], visit("2026-07-20"));
    // August, September and October missed.
    assert_eq!(s, listed(DueStatus::Overdue, "2026-11-30", 3));
}

#[test]
fn never_visited_counts_back_to_the_link() {
    // Linked 2026-01-15: January was not linked whole, so February..October.
    let s = stand(&[("2025-06-01", General)], &[("2026-01-15", None)], None);
    assert_eq!(s, listed(DueStatus::Overdue, "2026-11-30", 9));
}

#[test]
fn a_link_that_starts_mid_period() {
    let classes = [("2025-06-01", General)];
    // Linked 10-15: October was not linked whole, so not required: due, not overdue.
    assert_eq!(stand(&classes, &[("2026-10-15", None)], None), listed(DueStatus::Due, "2026-11-30", 0));
    // Linked 10-01: October was required and missed.
    assert_eq!(stand(&classes, &[("2026-10-01", None)], None), listed(DueStatus::Overdue, "2026-11-30", 1));
    // Linked today: due this month.
    assert_eq!(stand(&classes, &[(TODAY, None)], None).status, Some(DueStatus::Due));
}

#[test]
fn a_move_between_members_keeps_the_household_linked() {
    let classes = [("2025-06-01", General)];
    let moved = [("2026-01-01", Some("2026-09-14")), ("2026-09-15", None)];
    assert_eq!(stand(&classes, &moved, visit("2026-08-10")), listed(DueStatus::Overdue, "2026-11-30", 2));
    // A gap of some days in September: September is not required.
    let gap = [("2026-01-01", Some("2026-09-10")), ("2026-09-20", None)];
    assert_eq!(stand(&classes, &gap, visit("2026-08-10")), listed(DueStatus::Overdue, "2026-11-30", 1));
}

#[test]
fn unlinked_whatever_the_visits() {
    let classes = [("2025-06-01", General)];
    assert_eq!(stand(&classes, &[], visit(TODAY)), Standing { status: Some(DueStatus::Unlinked), due_by: None, missed: 0 });
    // A link that ended yesterday.
    let ended = [("2026-01-01", Some("2026-11-21"))];
    assert_eq!(stand(&classes, &ended, None).status, Some(DueStatus::Unlinked));
}

#[test]
fn improving_is_weekly_monday_to_sunday() {
    let classes = [("2025-01-01", Improving)];
    let links = [("2025-01-01", None)];
    // Monday of this week counts; the Sunday before does not.
    assert_eq!(stand(&classes, &links, visit("2026-11-16")), Standing { status: None, due_by: Some(d("2026-11-29")), missed: 0 });
    assert_eq!(stand(&classes, &links, visit("2026-11-15")), listed(DueStatus::Due, TODAY, 0));
    // Last visit in week 45 (11-02..11-08): week 46 missed.
    assert_eq!(stand(&classes, &links, visit("2026-11-04")), listed(DueStatus::Overdue, TODAY, 1));
    // A week across the month end: Monday 11-30 counts on Thursday 12-03.
    assert_eq!(stand_on("2026-12-03", &classes, &links, visit("2026-11-30")).status, None);
    assert_eq!(stand_on("2026-12-03", &classes, &links, visit("2026-11-29")).status, Some(DueStatus::Due));
}

#[test]
fn class_change_mid_period() {
    let links = [("2025-01-01", None)];
    // General until 11-10 (a Tuesday), improving since: week 46 began general,
    // so it was not required; this week is due.
    let changed = [("2025-01-01", General), ("2026-11-10", Improving)];
    assert_eq!(stand(&changed, &links, visit("2026-10-30")), listed(DueStatus::Due, TODAY, 0));
    // Improving since Monday 11-02: weeks 45 and 46 were required and missed.
    let earlier = [("2025-01-01", General), ("2026-11-02", Improving)];
    assert_eq!(stand(&earlier, &links, visit("2026-10-30")), listed(DueStatus::Overdue, TODAY, 2));
    // Back to general on 11-10: October began improving, so only November counts.
    let back = [("2025-01-01", Improving), ("2026-11-10", General)];
    assert_eq!(stand(&back, &links, visit("2026-09-01")), listed(DueStatus::Due, "2026-11-30", 0));
}

#[test]
fn class_history_starts_when_first_recorded() {
    // Linked since January but the class was first recorded in June: only
    // June..October can be missed.
    let s = stand(&[("2026-06-01", General)], &[("2026-01-01", None)], None);
    assert_eq!(s.missed, 5);
    // Recorded mid-June: July..October.
    let s = stand(&[("2026-06-15", General)], &[("2026-01-01", None)], None);
    assert_eq!(s.missed, 4);
}

#[test]
fn difficult_never_visited_is_planned_for_the_link_date() {
    let classes = [("2025-01-01", Difficult)];
    assert_eq!(stand(&classes, &[("2026-11-01", None)], None), listed(DueStatus::Overdue, "2026-11-01", 1));
    // Linked in two links in a row: the stretch began with the first.
    let moved = [("2026-11-20", Some("2026-11-20")), ("2026-11-21", None)];
    assert_eq!(stand(&classes, &moved, None), listed(DueStatus::Overdue, "2026-11-20", 1));
    // Linked today: due today.
    assert_eq!(stand(&classes, &[(TODAY, None)], None), listed(DueStatus::Due, TODAY, 0));
}

#[test]
fn difficult_due_from_three_days_before_the_plan() {
    let classes = [("2025-01-01", Difficult)];
    let links = [("2025-01-01", None)];
    // 11-08 + 14 = 11-22: due today.
    assert_eq!(stand(&classes, &links, visit("2026-11-08")), listed(DueStatus::Due, "2026-11-22", 0));
    // 11-11 + 14 = 11-25: window opens 11-22.
    assert_eq!(stand(&classes, &links, visit("2026-11-11")), listed(DueStatus::Due, "2026-11-25", 0));
    // 11-12 + 14 = 11-26: not yet.
    assert_eq!(stand(&classes, &links, visit("2026-11-12")), Standing { status: None, due_by: Some(d("2026-11-26")), missed: 0 });
    // 11-07 + 14 = 11-21: overdue since yesterday.
    assert_eq!(stand(&classes, &links, visit("2026-11-07")), listed(DueStatus::Overdue, "2026-11-21", 1));
}

#[test]
fn difficult_follows_the_plan_the_visit_set() {
    let classes = [("2025-01-01", Difficult)];
    let links = [("2025-01-01", None)];
    let planned = |p: &str| Some(LastVisit { date: d("2026-11-20"), next_planned: Some(d(p)) });
    assert_eq!(stand(&classes, &links, planned("2026-12-20")).status, None);
    assert_eq!(stand(&classes, &links, planned("2026-11-24")), listed(DueStatus::Due, "2026-11-24", 0));
    assert_eq!(stand(&classes, &links, planned("2026-11-21")), listed(DueStatus::Overdue, "2026-11-21", 1));
}

#[test]
fn required_periods_need_the_class_on_the_first_day_and_a_whole_link() {
    let classes = [(d("2026-01-01"), General), (d("2026-04-15"), Improving)];
    let links = [(d("2026-02-10"), None)];
    let h = History { classes: &classes, links: &links };
    let month = |s: &str| Cadence::Monthly.period_of(d(s)).unwrap();
    assert!(!h.required(General, month("2026-02-01")), "linked from the 10th");
    assert!(h.required(General, month("2026-03-01")));
    assert!(h.required(General, month("2026-04-01")), "general on April 1st");
    assert!(!h.required(General, month("2026-05-01")), "improving on May 1st");
    let week = |s: &str| Cadence::Weekly.period_of(d(s)).unwrap();
    assert!(!h.required(Improving, week("2026-04-15")), "week of 04-13 began general");
    assert!(h.required(Improving, week("2026-04-20")));
}
