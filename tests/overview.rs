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

#[test]
fn the_monthly_report_prints_its_parts_and_the_workbook_holds_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    assert!(lianhu(&db, &["demo", "--households", "300", "--years", "1"]).status.success());
    let html = dir.path().join("月报.html");
    let out = lianhu(&db, &["report", "--month", "2026-09", html.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(&html).unwrap();
    for part in [
        "全乡镇党员联户助推垃圾分类2026年9月工作月报",
        "一、概要",
        "本月一般户走访完成率",
        "二、各村/社区情况",
        "<svg",
        "户类占比",
        "问题流转",
        "五、2026年第三季度季度之星和警示党员",
        "六、本月红黑榜",
        "七、滞留问题",
        "数据截至 2026-09-30",
    ] {
        assert!(page.contains(part), "{part}");
    }
    assert_eq!(page.matches("<svg").count(), 3);
    // October ends no quarter: no stars and warnings part.
    let out = lianhu(&db, &["report", "--month", "2026-10", "-"]);
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && !page.contains("季度之星和警示党员"));
    // The workbook: a sheet per part, numbers as numbers.
    let xlsx = dir.path().join("月报.xlsx");
    assert!(lianhu(&db, &["report", "--month", "2026-09", xlsx.to_str().unwrap(), "--village", "湖口村"]).status.success());
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(&xlsx).unwrap();
    let names = book.sheet_names();
    assert!(names.iter().any(|n| n.contains("各村")) && names.iter().any(|n| n.contains("逐月")), "{names:?}");
    let villages = book.worksheet_range(&names[1]).unwrap();
    assert_eq!(villages.get((1, 0)), Some(&Data::String("湖口村".into())));
    assert!(matches!(villages.get((1, 1)), Some(Data::Float(n)) if *n > 0.0), "{:?}", villages.get((1, 1)));
    assert_eq!(villages.height(), 2, "a village's report has its own line only");
    // Refused: a month not begun, a file neither .html nor .xlsx.
    assert_eq!(lianhu(&db, &["report", "--month", "2027-01", "x.html"]).status.code(), Some(1));
    assert_eq!(lianhu(&db, &["report", "--month", "2026-09", "x.pdf"]).status.code(), Some(2));
    assert_eq!(lianhu(&db, &["report", "--month", "2026-13", "x.html"]).status.code(), Some(2));
}

#[test]
fn a_past_months_report_counts_and_lists_the_concerns_stuck_today() {
    let rules = Rules::defaults();
    let today = d("2026-11-22");
    let (_dir, store) = demo(300, today);
    let month: Month = "2026-09".parse().unwrap();
    let r = lianhu::store::report::read(store.conn(), month, today, &rules, None).unwrap();
    let stuck_now =
        lianhu::store::concerns::keyed_in(store.conn(), lianhu::store::concerns::Show::Stuck, today, rules.visits.concern_stuck_days, None)
            .unwrap();
    assert!(!stuck_now.is_empty());
    assert_eq!(r.stuck.len(), stuck_now.len(), "the list is today's, as the report says");
    assert_eq!(r.overview.total.as_ref().unwrap().concerns_stuck as usize, stuck_now.len(), "and so is the count");
    assert_eq!(r.as_of, d("2026-10-01"), "every other figure stands on the day after the month");
}

/// Issue 23: the closed months kept by the first reading are what counting
/// them again gives, and every kind of write to the past drops the months
/// it changes (checked against a count from nothing after each).
#[test]
fn kept_months_equal_a_count_from_nothing_after_writes_to_the_past() {
    use lianhu::domain::model::{Class, ConcernStatus};
    use lianhu::store::{concerns, households, linking, links, visits};
    let today = d("2026-12-01");
    let rules = Rules::defaults();
    let (_dir, mut store) = demo(300, today);
    let fresh = |store: &lianhu::store::Store| {
        store.conn().execute("DELETE FROM overview_months", []).unwrap();
        overview::read(store.conn(), today, &rules, None).unwrap()
    };
    let first = overview::read(store.conn(), today, &rules, None).unwrap();
    let kept: i64 = store.conn().query_row("SELECT count(*) FROM overview_months", [], |r| r.get(0)).unwrap();
    assert!(kept >= 9 * first.lines.len() as i64, "the closed months are kept: {kept}");
    assert_eq!(overview::read(store.conn(), today, &rules, None).unwrap(), first, "read from what was kept");
    let pick = |store: &lianhu::store::Store, n: i64| -> (i64, i64) {
        store
            .conn()
            .query_row("SELECT household_id, member_id FROM links WHERE until IS NULL ORDER BY household_id LIMIT 1 OFFSET ?1", [n], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
    };
    // The first concern still open that was raised on `raised`, moved on step by step.
    fn step(
        tx: &rusqlite::Transaction<'_>,
        ctx: &lianhu::store::Ctx,
        raised: &str,
        steps: [(&str, ConcernStatus); 2],
    ) -> lianhu::store::Result<()> {
        let id: i64 = tx.query_row(
            "SELECT min(id) FROM concerns WHERE raised_on = ?1 AND status = 'open' AND text = '垃圾桶不够'",
            [raised],
            |r| r.get(0),
        )?;
        for (on, to) in steps {
            let version: i64 = tx.query_row("SELECT version FROM concerns WHERE id = ?1", [id], |r| r.get(0))?;
            concerns::advance(tx, ctx, id, version, to, d(on), "")?;
        }
        Ok(())
    }
    type Write = Box<dyn Fn(&rusqlite::Transaction<'_>, &lianhu::store::Ctx, (i64, i64)) -> lianhu::store::Result<()>>;
    let writes: Vec<(&str, Write)> = vec![
        (
            "a visit logged months late",
            Box::new(|tx, ctx, (h, m)| visits::log(tx, ctx, &visit(h, m, "2026-04-14", "补记"), None).map(|_| ())),
        ),
        ("a class dated back", Box::new(|tx, ctx, (h, _)| households::change_class(tx, ctx, h, Class::Difficult, d("2026-06-03")))),
        ("a link ended in the past", Box::new(|tx, ctx, (h, _)| linking::unlink(tx, ctx, h, d("2026-08-20")).map(|_| ()))),
        (
            "a link made in the past",
            Box::new(|tx, ctx, (h, m)| {
                // Unlinked through June, linked again from July.
                linking::unlink(tx, ctx, h, d("2026-05-31"))?;
                links::link(tx, ctx, m, h, d("2026-07-01")).map(|_| ())
            }),
        ),
        (
            "a concern raised by a visit logged late",
            Box::new(|tx, ctx, (h, m)| {
                let mut v = visit(h, m, "2026-03-05", "补记");
                v.visit.concern = "桶坏了".into();
                visits::log(tx, ctx, &v, None).map(|_| ())
            }),
        ),
        (
            "concerns raised by visits logged late",
            Box::new(|tx, ctx, (h, m)| {
                for date in ["2026-02-11", "2026-02-12"] {
                    let mut v = visit(h, m, date, "补记");
                    v.visit.concern = "垃圾桶不够".into();
                    visits::log(tx, ctx, &v, None)?;
                }
                Ok(())
            }),
        ),
        (
            "concerns taken up and passed up, dated back",
            Box::new(|tx, ctx, _| {
                step(tx, ctx, "2026-02-11", [("2026-06-01", ConcernStatus::Village), ("2026-07-10", ConcernStatus::Township)])
            }),
        ),
        (
            "concerns taken up and resolved, dated back",
            Box::new(|tx, ctx, _| {
                step(tx, ctx, "2026-02-12", [("2026-05-02", ConcernStatus::Village), ("2026-08-03", ConcernStatus::Resolved)])
            }),
        ),
        (
            "a household archived",
            Box::new(|tx, ctx, (h, _)| {
                let version: i64 = tx.query_row("SELECT version FROM households WHERE id = ?1", [h], |r| r.get(0))?;
                households::set_archived(tx, ctx, h, version, true)
            }),
        ),
    ];
    let mut before = first;
    for (i, (what, write)) in writes.iter().enumerate() {
        // Fifteen households each, so that the months surely change.
        let targets: Vec<(i64, i64)> = (0..15).map(|k| pick(&store, 3 + 20 * i as i64 + k)).collect();
        store.write(|tx, ctx| targets.iter().try_for_each(|t| write(tx, ctx, *t))).unwrap();
        let read = overview::read(store.conn(), today, &rules, None).unwrap();
        let months = |o: &overview::Overview| o.total.as_ref().map(|t| t.months[..10].to_vec());
        assert_ne!(months(&read), months(&before), "{what} changes the closed months");
        assert_eq!(read, fresh(&store), "after {what}");
        before = read;
    }
}
