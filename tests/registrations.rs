//! 双报到 in the store and on file: members of outside units registered with
//! the community where they live (once each), the community's yearly
//! evaluation, and `export units` with a sheet per work unit.

mod common;

use calamine::Reader;
use common::*;
use lianhu::domain::model::Review;
use lianhu::store::StoreError;
use lianhu::store::programme::units as registrations;

#[test]
fn members_register_once_are_evaluated_per_year_and_edits_respect_the_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("t.db"));
    let v = lianhu::store::places::village_id(store.conn(), "湖口村").unwrap().unwrap();
    let (wang, shan) = (member_id(&store, "王芳"), member_id(&store, "单雄信"));
    let r = store.write(|tx, ctx| registrations::save(tx, ctx, wang, None, "县供电公司", d("2026-03-01"))).unwrap();
    store.write(|tx, ctx| registrations::save(tx, ctx, shan, None, "县人民医院", d("2026-04-01"))).unwrap();
    let twice = store.write(|tx, ctx| registrations::save(tx, ctx, wang, None, "县供电公司", d("2026-05-01")));
    assert!(matches!(twice, Err(StoreError::Invalid(_))));
    store.write(|tx, ctx| registrations::review(tx, ctx, r, 2026, Review::Good, "常参加志愿活动")).unwrap();
    store.write(|tx, ctx| registrations::review(tx, ctx, r, 2026, Review::Excellent, "带头分类")).unwrap();

    let list = registrations::of_village(store.conn(), v, 2026).unwrap();
    assert_eq!(
        list.iter().map(|r| (r.unit.as_str(), r.member.as_str())).collect::<Vec<_>>(),
        vec![("县人民医院", "单雄信"), ("县供电公司", "王芳")]
    );
    assert_eq!(list[1].review, Some((Review::Excellent, "带头分类".to_string())));
    assert_eq!(registrations::of_village(store.conn(), v, 2025).unwrap()[1].review, None, "evaluations are per year");

    let version = list[1].version;
    store.write(|tx, ctx| registrations::save(tx, ctx, wang, Some((r, version)), "县供电公司城南所", d("2026-03-01"))).unwrap();
    let stale = store.write(|tx, ctx| registrations::save(tx, ctx, wang, Some((r, version)), "x", d("2026-03-01")));
    assert!(matches!(stale, Err(StoreError::Conflict)));
    let audited: i64 = store.conn().query_row("SELECT count(*) FROM audit WHERE entity = 'registration'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 5);
}

#[test]
fn export_units_writes_a_sheet_per_work_unit_with_the_members_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut store = township(&db);
    let (wang, shan, sun) = (member_id(&store, "王芳"), member_id(&store, "单雄信"), member_id(&store, "孙八"));
    let r = store.write(|tx, ctx| registrations::save(tx, ctx, wang, None, "县供电公司", d("2026-03-01"))).unwrap();
    store.write(|tx, ctx| registrations::save(tx, ctx, shan, None, "县人民医院", d("2026-04-01"))).unwrap();
    store.write(|tx, ctx| registrations::save(tx, ctx, sun, None, "县供电公司", d("2026-04-02"))).unwrap();
    store.write(|tx, ctx| registrations::review(tx, ctx, r, 2026, Review::Excellent, "")).unwrap();
    let v = lianhu::store::places::village_id(store.conn(), "湖口村").unwrap().unwrap();
    let year =
        lianhu::store::programme::year::village_year(store.conn(), v, 2026, today(), &lianhu::domain::rules::Rules::defaults()).unwrap();
    let owed = year.iter().find(|m| m.member_id == wang).unwrap().totals.required;
    assert!(owed > 0);
    drop(store);
    let out = dir.path().join("units.xlsx");
    let run = lianhu(&db, &["export", "units", out.to_str().unwrap(), "--year", "2026"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), vec!["县人民医院".to_string(), "县供电公司".to_string()]);
    let sheet = book.worksheet_range("县供电公司").unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows[0][..5], ["工作单位", "社区/村", "党员", "电话", "报到日期"]);
    assert_eq!(rows.len(), 3, "header, 孙八 (东阳村) and 王芳 (湖口村)");
    assert_eq!((rows[1][1].as_str(), rows[1][2].as_str()), ("东阳村", "孙八"));
    assert_eq!((rows[2][2].as_str(), rows[2][12].as_str()), ("王芳", "优秀"));
    assert_eq!(rows[2][7], owed.to_string(), "visits owed this year, from the year summary");
    let missing = lianhu(&db, &["export", "units", out.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
}
