//! Import and export through the contract's files.

mod common;

use common::*;
use lianhu::io::import::{ImportError, ImportKind, import_file};

fn count(store: &lianhu::store::Store, table: &str) -> i64 {
    // Table names here are fixed by the tests, never user input.
    store.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn problems(r: Result<lianhu::io::import::Counts, ImportError>) -> Vec<(usize, String)> {
    match r {
        Err(ImportError::Rows(p)) => p.shown.into_iter().map(|p| (p.line, p.column)).collect(),
        other => panic!("expected bad rows, got {other:?}"),
    }
}

const HOUSEHOLDS: &str =
    "\u{FEFF}村,组,地址,户主,电话,人口,类别\n湖口村,一组,湖口村1号,张三丰,13812345678,4,一般户\n湖口村,一组,湖口村2号,李四,,3,提升户\n";

#[test]
fn households_import_and_reimport_does_not_duplicate() {
    let (dir, mut store) = temp_store();
    let f = write(dir.path(), "h.csv", HOUSEHOLDS);
    let c = import_file(&mut store, ImportKind::Households, &f, false).unwrap();
    assert_eq!((c.created, c.updated, c.unchanged), (2, 0, 0));
    let c = import_file(&mut store, ImportKind::Households, &f, false).unwrap();
    assert_eq!((c.created, c.updated, c.unchanged), (0, 0, 2));
    assert_eq!(count(&store, "households"), 2);
    // Another class on re-import records a class change.
    let f2 = write(dir.path(), "h2.csv", "村,地址,户主,类别\n湖口村,湖口村2号,李四,一般户\n");
    let c = import_file(&mut store, ImportKind::Households, &f2, false).unwrap();
    assert_eq!(c.updated, 1);
    let phone: String = store.conn().query_row("SELECT phone FROM households WHERE head = '张三丰'", [], |r| r.get(0)).unwrap();
    assert_eq!(phone, "13812345678", "an absent optional column keeps the value");
    let classes: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM class_history h JOIN households x ON x.id = h.household_id WHERE x.head = '李四'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(classes >= 1);
}

#[test]
fn every_bad_household_row_is_reported_and_nothing_is_written() {
    let (dir, mut store) = temp_store();
    let f = write(
        dir.path(),
        "bad.csv",
        "村,地址,户主,电话,人口,类别\n湖口村,1号,张三,13812345678,4,一般户\n湖口村,2号,,12345,4,一般户\n湖口村,3号,王\u{1b}五,,x,二类户\n",
    );
    let p = problems(import_file(&mut store, ImportKind::Households, &f, false));
    assert_eq!(p, vec![(3, "户主".into()), (3, "电话".into()), (4, "户主".into()), (4, "人口".into()), (4, "类别".into())]);
    assert_eq!(count(&store, "households"), 0, "all rows or none");
}

#[test]
fn a_missing_required_column_is_reported_on_line_1() {
    let (dir, mut store) = temp_store();
    let f = write(dir.path(), "h.csv", "村,户主\n湖口村,张三\n");
    assert_eq!(problems(import_file(&mut store, ImportKind::Households, &f, false)), vec![(1, "地址".into()), (1, "类别".into())]);
}

#[test]
fn members_links_visits_ratings_adjustments_and_their_bad_rows() {
    let (dir, mut store) = temp_store();
    import_file(&mut store, ImportKind::Households, &write(dir.path(), "h.csv", HOUSEHOLDS), false).unwrap();
    let m = write(
        dir.path(),
        "m.csv",
        "村,姓名,电话,身份,状态\n湖口村,王芳,13900000001,普通党员,\n湖口村,王芳,13900000002,两委干部,正常\n湖口村,赵六,,预备党员,流动\n",
    );
    let c = import_file(&mut store, ImportKind::Members, &m, false).unwrap();
    assert_eq!(c.created, 3, "same name, different phones: two members");
    let bad_m = write(dir.path(), "bm.csv", "村,姓名,身份,状态\n湖口村,钱七,群众,正常\n湖口村,孙八,普通党员,退休\n");
    assert_eq!(problems(import_file(&mut store, ImportKind::Members, &bad_m, false)), vec![(2, "身份".into()), (3, "状态".into())]);

    let links = write(
        dir.path(),
        "l.csv",
        "村,党员,党员电话,户主,地址,起始日期\n湖口村,王芳,13900000001,张三丰,湖口村1号,2026-01-01\n湖口村,赵六,,李四,湖口村2号,2026/3/5\n",
    );
    assert_eq!(import_file(&mut store, ImportKind::Links, &links, false).unwrap().created, 2);
    let bad_links = write(
        dir.path(),
        "bl.csv",
        "村,党员,户主,地址,起始日期\n湖口村,王芳,张三丰,湖口村1号,2026-01-01\n湖口村,赵六,无此人,湖口村9号,2026-01-01\n湖口村,赵六,李四,湖口村2号,2099-01-01\n",
    );
    assert_eq!(
        problems(import_file(&mut store, ImportKind::Links, &bad_links, false)),
        vec![(2, "党员".into()), (3, "户主".into()), (4, "起始日期".into())],
        "ambiguous member, no such household, future date"
    );

    let visits = write(
        dir.path(),
        "v.csv",
        "日期,村,党员,党员电话,户主,地址,方式,分类情况,情况,问题\n2026-11-20,湖口村,王芳,13900000001,张三丰,湖口村1号,入户,准确,分类很好,垃圾桶破损\n",
    );
    assert_eq!(import_file(&mut store, ImportKind::Visits, &visits, false).unwrap().created, 1);
    assert_eq!(count(&store, "concerns"), 1, "a concern raised in a visit becomes an item");
    let bad_visits = write(
        dir.path(),
        "bv.csv",
        "日期,村,党员,党员电话,户主,地址,方式,分类情况\n2026-11-23,湖口村,王芳,13900000001,张三丰,湖口村1号,上门,很好\n2026-02-30,湖口村,王芳,139,张三丰,湖口村1号,,\n",
    );
    assert_eq!(
        problems(import_file(&mut store, ImportKind::Visits, &bad_visits, false)),
        vec![(2, "日期".into()), (2, "方式".into()), (2, "分类情况".into()), (3, "日期".into()), (3, "党员电话".into())]
    );

    let ratings = write(dir.path(), "r.csv", "季度,村,户主,地址,评价\n2026Q3,湖口村,张三丰,湖口村1号,满意\n");
    assert_eq!(import_file(&mut store, ImportKind::Ratings, &ratings, false).unwrap().created, 1);
    let bad_ratings =
        write(dir.path(), "br.csv", "季度,村,户主,地址,评价\n2027Q1,湖口村,张三丰,湖口村1号,满意\n2026Q3,湖口村,张三丰,湖口村1号,很好\n");
    assert_eq!(problems(import_file(&mut store, ImportKind::Ratings, &bad_ratings, false)), vec![(2, "季度".into()), (3, "评价".into())]);

    let adj = write(dir.path(), "a.csv", "季度,村,党员,党员电话,分值,原因\n2026Q3,湖口村,王芳,13900000002,+3,组织宣传活动\n");
    assert_eq!(import_file(&mut store, ImportKind::Adjustments, &adj, false).unwrap().created, 1);
    let bad_adj = write(dir.path(), "ba.csv", "季度,村,党员,分值,原因\n2026Q3,湖口村,赵六,abc,\n");
    assert_eq!(problems(import_file(&mut store, ImportKind::Adjustments, &bad_adj, false)), vec![(2, "分值".into()), (2, "原因".into())]);
}

#[test]
fn a_dry_run_writes_nothing() {
    let (dir, mut store) = temp_store();
    let c = import_file(&mut store, ImportKind::Households, &write(dir.path(), "h.csv", HOUSEHOLDS), true).unwrap();
    assert_eq!(c.created, 2);
    assert_eq!(count(&store, "households"), 0);
}

#[test]
fn the_command_reports_file_line_column_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let f = write(dir.path(), "bad.csv", "村,地址,户主,类别\n湖口村,1号,张三,三类户\n");
    let out = lianhu(&db, &["import", "households", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}:2: 类别: 只能是：一般户/提升户/难点户", f.display())), "{err}");
    let usage = lianhu(&db, &["import", "nonsense", "x.csv"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn a_demo_exports_and_imports_back_to_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    assert!(lianhu(&db, &["demo", "--households", "120", "--years", "1"]).status.success());
    assert_eq!(lianhu(&db, &["demo"]).status.code(), Some(1), "refuses a full database");
    // Loaded through a rollback journal, the file is back in WAL mode, whole,
    // and holds the programme's other instruments too.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    for table in ["redblack", "events", "event_attendees", "member_duties", "bins", "duty_days", "wechat_groups", "appraisals"] {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        assert!(n > 0, "the demo fills {table}");
    }
    drop(conn);
    for (kind, ext) in
        [("households", "csv"), ("members", "xlsx"), ("links", "csv"), ("visits", "xlsx"), ("ratings", "csv"), ("adjustments", "csv")]
    {
        let f = dir.path().join(format!("{kind}.{ext}"));
        let out = lianhu(&db, &["export", kind, f.to_str().unwrap()]);
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
        let out = lianhu(&db, &["import", kind, f.to_str().unwrap()]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(text.contains("新增 0，更新 0"), "{kind}: {text}");
    }
    let out = lianhu(&db, &["check"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("正常"));
    let out = lianhu(&db, &["--lang", "en", "backup", "--to", dir.path().join("b").to_str().unwrap()]);
    assert!(out.status.success());
}
