//! A member's 四员 duties, WeChat group and democratic appraisal in the
//! store (audited), 办实事 visits counting as visits, and the year-end
//! summary per member with its export.

mod common;

use common::*;
use lianhu::domain::model::{Appraisal, Duty, Mode};
use lianhu::domain::rules::Rules;
use lianhu::store::programme::year as summary;
use lianhu::store::{programme, visits};

#[test]
fn duties_wechat_and_appraisal_are_kept_per_member_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("t.db"));
    let wang = member_id(&store, "王芳");
    let (zhang, li) = (id_of(&store, "张三丰"), id_of(&store, "李四"));
    store.write(|tx, ctx| programme::set_duties(tx, ctx, wang, &[Duty::Supervisor, Duty::Pioneer])).unwrap();
    assert_eq!(programme::duties(store.conn(), wang).unwrap(), vec![Duty::Pioneer, Duty::Supervisor], "in the notice's order");
    store.write(|tx, ctx| programme::set_duties(tx, ctx, wang, &[Duty::Pioneer])).unwrap();
    assert_eq!(programme::duties(store.conn(), wang).unwrap(), vec![Duty::Pioneer]);

    store.write(|tx, ctx| programme::set_wechat(tx, ctx, wang, "三组联户群", &[zhang, li])).unwrap();
    store.write(|tx, ctx| programme::set_wechat(tx, ctx, wang, "三组垃圾分类群", &[li])).unwrap();
    let g = programme::wechat(store.conn(), wang).unwrap().unwrap();
    assert_eq!((g.name.as_str(), g.joined), ("三组垃圾分类群", vec![li]));

    store.write(|tx, ctx| programme::set_appraisal(tx, ctx, wang, 2026, Appraisal::Qualified, "")).unwrap();
    store.write(|tx, ctx| programme::set_appraisal(tx, ctx, wang, 2026, Appraisal::Excellent, "带头分类")).unwrap();
    assert_eq!(programme::appraisal(store.conn(), wang, 2026).unwrap(), Some((Appraisal::Excellent, "带头分类".to_string())));
    assert_eq!(programme::appraisal(store.conn(), wang, 2025).unwrap(), None);
    let audited: Vec<String> = store
        .conn()
        .prepare("SELECT action FROM audit WHERE entity = 'member' AND entity_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([wang], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        audited.iter().filter(|a| a.as_str() != "create").collect::<Vec<_>>(),
        vec!["duties", "duties", "wechat", "wechat", "appraisal", "appraisal"]
    );
}

#[test]
fn a_banshishi_visit_counts_as_a_visit_and_in_the_year_summary() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("t.db"));
    let (wang, zhang) = (member_id(&store, "王芳"), id_of(&store, "张三丰"));
    let before = summary::village_year(store.conn(), village_id(&store), 2026, today(), &Rules::defaults()).unwrap();
    let wang_before = before.iter().find(|m| m.member_id == wang).unwrap().totals.done;
    store
        .write(|tx, ctx| {
            let mut v = visit(zhang, wang, "2026-11-18", "帮助修理分类桶");
            v.visit.mode = Mode::Help;
            visits::log(tx, ctx, &v, None)
        })
        .unwrap();
    let after = summary::village_year(store.conn(), village_id(&store), 2026, today(), &Rules::defaults()).unwrap();
    let w = after.iter().find(|m| m.member_id == wang).unwrap();
    assert_eq!(w.help_visits, 1);
    assert_eq!(w.totals.done, wang_before + 1, "张三丰's November is done by the 办实事 visit");
    assert_eq!(w.labels.len(), 4, "Q1–Q4 of 2026 reached");
    assert_eq!(w.linked, 4);
    let names: Vec<&str> = after.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, vec!["单雄信", "王芳"], "the village's members, by name");
}

fn village_id(store: &lianhu::store::Store) -> i64 {
    lianhu::store::places::village_id(store.conn(), "湖口村").unwrap().unwrap()
}

#[test]
fn export_summary_writes_a_row_per_member_and_needs_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut store = township(&db);
    let wang = member_id(&store, "王芳");
    store.write(|tx, ctx| programme::set_appraisal(tx, ctx, wang, 2026, Appraisal::Excellent, "")).unwrap();
    drop(store);
    let out = dir.path().join("年终.csv");
    let run = lianhu(&db, &["export", "summary", out.to_str().unwrap(), "--year", "2026"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].starts_with("年度,村,党员,身份,四员,联户数,应访,已访"), "{}", lines[0]);
    assert_eq!(lines.len(), 4, "header and three members: {text}");
    assert!(lines.iter().any(|l| l.starts_with("2026,湖口村,王芳,两委干部,") && l.ends_with(",优秀")), "{text}");
    let missing = lianhu(&db, &["export", "summary", out.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_roster_may_log_banshishi_visits_and_the_export_writes_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    drop(township(&db));
    let csv =
        write(dir.path(), "v.csv", "日期,村,党员,户主,地址,方式,情况\n2026-11-18,湖口村,王芳,张三丰,湖口村三组1号,办实事,帮助修理分类桶\n");
    let out = lianhu(&db, &["import", "visits", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let back = dir.path().join("back.csv");
    assert!(lianhu(&db, &["export", "visits", back.to_str().unwrap()]).status.success());
    let text = std::fs::read_to_string(&back).unwrap();
    assert!(text.lines().any(|l| l.contains("张三丰") && l.contains(",办实事,") && l.contains("帮助修理分类桶")), "{text}");
}
