//! 总览 counts what 今日 and 考评 count: the same households due, the same
//! periods owed, on the same day.

mod common;
use chrono::NaiveDate;
use common::*;
use lianhu::domain::period::{Month, Quarter};
use lianhu::domain::rules::Rules;
use lianhu::domain::schedule::DueStatus;
use lianhu::store::{due, overview, scores};

fn demo(households: usize, today: NaiveDate) -> (tempfile::TempDir, lianhu::store::Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = lianhu::store::Store::open(&dir.path().join("lianhu.db"), today).unwrap();
    lianhu::demo::generate(&mut store, &lianhu::demo::Options { households, years: 2, seed: 3 }).unwrap();
    (dir, store)
}

#[test]
fn the_overview_counts_what_the_due_list_lists_on_the_same_day() {
    let rules = Rules::defaults();
    // A 1st of the month (every 一般户 due), then a later day.
    for today in [d("2026-12-01"), d("2026-12-09")] {
        let (_dir, store) = demo(400, today);
        let o = overview::read(store.conn(), today, &rules, None).unwrap();
        let all = due::list(store.conn(), today, &rules.visits, &due::Scope::default()).unwrap();
        assert!(o.lines.len() >= 2);
        for l in &o.lines {
            let (_, name) = l.village.clone().unwrap();
            let rows: Vec<&due::DueRow> = all.iter().filter(|r| r.village == name).collect();
            let count = |st: DueStatus, class: Option<lianhu::domain::model::Class>| {
                rows.iter().filter(|r| r.status == st && class.is_none_or(|c| r.class == c)).count() as u32
            };
            use lianhu::domain::model::Class::*;
            assert_eq!(l.overdue, count(DueStatus::Overdue, None), "{name} {today}");
            assert_eq!(l.unlinked, count(DueStatus::Unlinked, None), "{name}");
            assert_eq!(l.plans_overdue, count(DueStatus::Overdue, Some(Difficult)), "{name}");
            assert_eq!(l.plans_due, count(DueStatus::Due, Some(Difficult)), "{name}");
            let general = count(DueStatus::Overdue, Some(General)) + count(DueStatus::Due, Some(General));
            assert_eq!(l.general_month.required - l.general_month.done, general, "{name}");
            let improving = count(DueStatus::Overdue, Some(Improving)) + count(DueStatus::Due, Some(Improving));
            assert_eq!(l.improving_week.required - l.improving_week.done, improving, "{name}");
        }
        let t = o.total.unwrap();
        assert_eq!(t.households, o.lines.iter().map(|l| l.households).sum::<u32>());
        assert_eq!(t.overdue as usize, all.iter().filter(|r| r.status == DueStatus::Overdue).count());
    }
}

#[test]
fn three_months_of_the_overview_owe_what_the_quarter_owes() {
    let rules = Rules::defaults();
    let today = d("2026-11-20");
    let (_dir, store) = demo(300, today);
    let o = overview::read(store.conn(), today, &rules, None).unwrap();
    let q = Quarter { year: 2026, q: 3 };
    let boards = scores::boards(store.conn(), q, None, today, &rules).unwrap();
    for l in &o.lines {
        let (id, name) = l.village.clone().unwrap();
        let board = boards.iter().find(|b| b.village_id == id).unwrap();
        let (required, done) = board.rows.iter().fold((0, 0), |(r, d), s| (r + s.required, d + s.done));
        let months: Vec<_> = l.months.iter().filter(|m| (7..=9).contains(&m.month.month) && m.month.year == 2026).collect();
        assert_eq!(months.len(), 3);
        assert_eq!(months.iter().map(|m| m.visits.required).sum::<u32>(), required, "{name}");
        assert_eq!(months.iter().map(|m| m.visits.done).sum::<u32>(), done, "{name}");
        assert!(required > 0);
        let conversions: u32 =
            scores::boards(store.conn(), Quarter::of(today), Some(id), today, &rules).unwrap()[0].rows.iter().map(|s| s.conversions).sum();
        assert!(l.conversions >= conversions, "{name}: conversions toward nobody count in the village too");
    }
    let t = o.total.unwrap();
    assert_eq!(t.months.last().unwrap().month, Month::of(today));
    // Every household is of one class at each month's end.
    let now = t.months.last().unwrap();
    assert_eq!(now.classes.iter().sum::<u32>(), t.households);
}

#[test]
fn one_village_reads_as_it_does_among_all() {
    let rules = Rules::defaults();
    let today = d("2026-11-20");
    let (_dir, store) = demo(300, today);
    let all = overview::read(store.conn(), today, &rules, None).unwrap();
    let first = all.lines[0].clone();
    let id = first.village.as_ref().unwrap().0;
    let one = overview::read(store.conn(), today, &rules, Some(id)).unwrap();
    assert_eq!(one.lines, vec![first]);
}
