//! A village's quarter from members and households (shared/domain.md).

use super::*;
use crate::domain::model::Class::{self, General, Improving};
use crate::domain::schedule::{History, LastVisit, Span};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const Q2: Quarter = Quarter { year: 2026, q: 2 };
const TODAY: &str = "2026-11-22";

struct Home {
    classes: Vec<(NaiveDate, Class)>,
    links: Vec<Span>,
    members: Vec<i64>,
    visits: Vec<LastVisit>,
    rating: Option<Rating>,
}

/// A household linked to `member` since 2026-01; visited on the days given.
fn home(member: i64, class: Class, visits: &[&str], rating: Option<Rating>) -> Home {
    Home {
        classes: vec![(d("2026-01-01"), class)],
        links: vec![(d("2026-01-01"), None)],
        members: vec![member],
        visits: visits.iter().map(|s| LastVisit { date: d(s), next_planned: None }).collect(),
        rating,
    }
}

fn facts(homes: &[Home]) -> Vec<HouseholdFacts<'_>> {
    homes
        .iter()
        .map(|h| HouseholdFacts {
            household: Household { history: History { classes: &h.classes, links: &h.links }, members: &h.members, visits: &h.visits },
            rating: h.rating,
        })
        .collect()
}

fn member(id: i64) -> MemberFacts {
    MemberFacts { id, exempt: false, resolved: 0, adjustments: 0.0 }
}

fn run(members: &[MemberFacts], homes: &[Home]) -> Outcome {
    village(members, &facts(homes), Q2, d(TODAY), &Rules::defaults())
}

fn line(o: &Outcome, id: i64) -> Line {
    *o.lines.iter().find(|l| l.member == id).unwrap()
}

const EVERY_MONTH: [&str; 3] = ["2026-04-10", "2026-05-10", "2026-06-10"];

/// domain.md's 湖口村: 23 members, 2 exempt, 21 linking; caps 3 and 2.
/// Members 1–21 link one 一般户 each; member i visits it in the first
/// `visits(i)` months of the quarter.
fn hukou(visits: impl Fn(i64) -> usize) -> (Vec<MemberFacts>, Vec<Home>) {
    let mut members: Vec<MemberFacts> = (1..=23).map(member).collect();
    members[21].exempt = true;
    members[22].exempt = true;
    let homes = (1..=21).map(|i| home(i, General, &EVERY_MONTH[..visits(i)], Some(Rating::Satisfied))).collect();
    (members, homes)
}

#[test]
fn worked_example_caps_and_exempt_members() {
    // Members 1–4 did every month; the rest two months, 20 and 21 none.
    let (mut members, homes) = hukou(|i| match i {
        1..=4 => 3,
        20 | 21 => 0,
        _ => 2,
    });
    members[0].adjustments = 2.0;
    members[1].adjustments = 1.0;
    let o = run(&members, &homes);
    assert_eq!((o.caps.members, o.caps.star_cap, o.caps.warning_cap), (23, 3, 2));
    // 1 and 2 lead; 3 and 4 tie on points and every tie-break, crossing the cap.
    let stars: Vec<i64> = o.lines.iter().filter(|l| l.label == Some(Label::Star)).map(|l| l.member).collect();
    let warned: Vec<i64> = o.lines.iter().filter(|l| l.label == Some(Label::Warning)).map(|l| l.member).collect();
    assert_eq!(stars, vec![1, 2]);
    assert_eq!(warned, vec![20, 21]);
    assert_eq!(o.caps.star_block, Some(Block { rank: 3, size: 2, room: 1 }));
    assert_eq!((line(&o, 3).rank, line(&o, 4).rank), (Some(3), Some(3)));
    for exempt in [22, 23] {
        let l = line(&o, exempt);
        assert!(l.exempt && !l.ranked && l.rank.is_none() && l.label.is_none());
    }
    // 50 × 1 + 30 × 1 + 2 = 82.0; 50 × 2/3 + 30 = 63.3; 0 + 30 = 30.
    assert_eq!((line(&o, 1).points, line(&o, 5).points, line(&o, 21).points), (82.0, 63.3, 30.0));
    assert_eq!((line(&o, 5).required, line(&o, 5).done), (3, 2));
}

#[test]
fn worked_example_member_owes_19_periods() {
    let homes = vec![home(1, General, &[], None), home(1, General, &[], None), home(1, Improving, &[], None)];
    let o = run(&[member(1)], &homes);
    let l = line(&o, 1);
    assert_eq!((l.households, l.required, l.done), (3, 19, 0));
    assert_eq!((l.work.compliance, l.work.satisfaction), (0.0, 0.6), "unrated households count 0.6");
}

#[test]
fn satisfaction_is_the_mean_over_linked_households() {
    let homes = vec![
        home(1, General, &EVERY_MONTH, Some(Rating::Satisfied)),
        home(1, General, &EVERY_MONTH, Some(Rating::Unsatisfied)),
        home(1, General, &EVERY_MONTH, Some(Rating::Basic)),
        home(1, General, &EVERY_MONTH, None),
    ];
    let l = line(&run(&[member(1)], &homes), 1);
    assert!((l.work.satisfaction - 0.55).abs() < 1e-9);
    assert_eq!(l.points, 50.0 + 16.5);
}

#[test]
fn unlinked_members_are_listed_unranked_but_count_in_the_caps() {
    // 10 members, one linked: caps floor(1.5) = 1 and floor(1.0) = 1.
    let members: Vec<MemberFacts> = (1..=10).map(member).collect();
    let o = run(&members, &[home(1, General, &EVERY_MONTH, None)]);
    assert_eq!((o.caps.star_cap, o.caps.warning_cap), (1, 1));
    assert_eq!(o.lines.iter().filter(|l| l.ranked).count(), 1);
    assert_eq!(line(&o, 1).label, Some(Label::Star), "the only ranked member is starred, never also warned");
    let idle = line(&o, 2);
    assert_eq!((idle.ranked, idle.households, idle.work.compliance, idle.points), (false, 0, 0.0, 0.0));
    assert_eq!(o.lines[0].member, 1, "ranked members come first");
}

#[test]
fn a_moved_household_counts_for_both_members_and_conversions_for_the_one_linked_that_day() {
    let moved = Home {
        classes: vec![(d("2026-01-01"), Improving), (d("2026-05-20"), General)],
        links: vec![(d("2026-01-01"), Some(d("2026-05-15"))), (d("2026-05-16"), None)],
        members: vec![1, 2],
        visits: vec![],
        rating: Some(Rating::Unsatisfied),
    };
    let o = run(&[member(1), member(2)], &[moved]);
    let (a, b) = (line(&o, 1), line(&o, 2));
    assert_eq!((a.households, b.households), (1, 1));
    assert_eq!((a.work.satisfaction, b.work.satisfaction), (0.0, 0.0));
    assert_eq!((a.work.conversions, b.work.conversions), (0, 1));
    // Weeks 14–20 (Mondays 03-30 … 05-11: a move is no gap) for member 1;
    // week 21 (05-18, still 提升户 on its Monday) and June as 一般户 for member 2.
    assert_eq!((a.required, b.required), (7, 2));
}

#[test]
fn a_member_owing_nothing_but_linked_is_fully_compliant() {
    // Linked on 06-15: no whole period in the quarter.
    let late = Home { links: vec![(d("2026-06-15"), None)], ..home(1, General, &[], None) };
    let l = line(&run(&[member(1)], &[late]), 1);
    assert_eq!((l.ranked, l.required, l.work.compliance), (true, 0, 1.0));
}
