//! The schedule through the store (`store::due`) and `lianhu due` as the
//! contract says: text, json, csv, filters, and errors.

mod common;

use common::*;
use lianhu::domain::rules::Rules;
use lianhu::domain::schedule::DueStatus;
use lianhu::store::due::{self, Scope};

#[test]
fn the_due_list_is_most_urgent_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = township(&dir.path().join("l.db"));
    let rows = due::list(store.conn(), today(), &Rules::defaults().visits, &Scope::default()).unwrap();
    let got: Vec<(&str, DueStatus, u32, Option<String>)> =
        rows.iter().map(|r| (r.head.as_str(), r.status, r.missed, r.due_by.map(lianhu::store::date_text))).collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        got,
        vec![
            ("欧阳娜娜", DueStatus::Overdue, 5, s("2026-11-30")),
            ("张三丰", DueStatus::Overdue, 2, s("2026-11-30")),
            ("李四", DueStatus::Due, 0, s("2026-11-22")),
            ("曾国藩", DueStatus::Due, 0, s("2026-11-24")),
            ("钱七", DueStatus::Due, 0, s("2026-11-30")),
            ("赵六", DueStatus::Unlinked, 0, None),
        ]
    );
    assert_eq!(rows[1].member.as_deref(), Some("王芳"));
    assert_eq!(rows[1].last_visit, Some(d("2026-08-15")));
    assert_eq!(due::counts(rows.iter().map(|r| r.status)), (2, 3, 1));
    let one = Scope { village: Some("东阳村".into()), ..Default::default() };
    assert_eq!(due::list(store.conn(), today(), &Rules::defaults().visits, &one).unwrap().len(), 1);
}

#[test]
fn due_json_has_the_contract_fields_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    drop(township(&db));
    let out = lianhu(&db, &["due", "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 6);
    let first = items[0].as_object().unwrap();
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    let mut expected = ["village", "group", "address", "head", "class", "member", "status", "due_by", "last_visit", "missed"];
    expected.sort();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(sorted, expected);
    assert_eq!(first["head"], "欧阳娜娜");
    assert_eq!(first["class"], "general");
    assert_eq!(first["status"], "overdue");
    assert_eq!(first["missed"], 5);
    assert_eq!(first["last_visit"], serde_json::Value::Null);
    assert_eq!(first["member"], "单雄信");
    let unlinked = items.last().unwrap();
    assert_eq!((unlinked["status"].as_str(), unlinked["member"].is_null(), unlinked["due_by"].is_null()), (Some("unlinked"), true, true));
    // Nothing after the array but a newline.
    assert!(String::from_utf8(out.stdout).unwrap().trim_end().ends_with(']'));
}

#[test]
fn due_csv_and_text_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    drop(township(&db));
    let csv = String::from_utf8(lianhu(&db, &["due", "--format", "csv", "--member", "王芳"]).stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "村,组,地址,户主,类别,党员,状态,应访日期,最近走访,漏访");
    assert_eq!(lines[1], "湖口村,三组,湖口村三组1号,张三丰,一般户,王芳,逾期,2026-11-30,2026-08-15,2");
    assert_eq!(lines.len(), 4, "{csv}");
    let text = String::from_utf8(lianhu(&db, &["due", "--village", "湖口村"]).stdout).unwrap();
    assert!(text.contains("欧阳娜娜") && !text.contains("钱七"), "{text}");
    assert!(text.trim_end().ends_with("逾期 2 户，待访 2 户，未联户 1 户"), "{text}");
    let en = String::from_utf8(lianhu(&db, &["--lang", "en", "due"]).stdout).unwrap();
    assert!(en.contains("overdue") && en.contains("2 overdue, 3 due, 1 unlinked"), "{en}");
    let bad = lianhu(&db, &["due", "--village", "无此村"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("没有这个村"));
    assert_eq!(lianhu(&db, &["due", "--member", "查无此人"]).status.code(), Some(1));
    assert_eq!(lianhu(&db, &["due", "--format", "xml"]).status.code(), Some(2));
}

#[test]
fn export_due_writes_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    drop(township(&db));
    let file = dir.path().join("due.csv");
    let out = lianhu(&db, &["export", "due", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(text.lines().count(), 7);
}

#[test]
fn visits_after_today_do_not_count_and_corrections_move_the_latest_visit() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("l.db"));
    let rules = Rules::defaults().visits;
    // Seen from 2026-11-08, 李四's visit of 11-10 has not happened yet.
    let earlier = due::list(store.conn(), d("2026-11-08"), &rules, &Scope::default()).unwrap();
    let li = earlier.iter().find(|r| r.head == "李四").unwrap();
    assert_eq!((li.last_visit, li.status), (None, DueStatus::Overdue));
    let wang = earlier.iter().find(|r| r.head == "王五");
    assert!(wang.is_none(), "visited 11-05, done for November as of 11-08");
    // Moving 张三丰's visit to 11-20 takes him off today's list.
    let q = lianhu::store::visits::Query { household: "张三丰".into(), ..Default::default() };
    let v = lianhu::store::visits::page(store.conn(), &q, 0, 1).unwrap().remove(0);
    let mut input = v.input();
    input.visit.date = d("2026-11-20");
    store.write(|tx, ctx| lianhu::store::visits::correct(tx, ctx, v.id, v.version, &input)).unwrap();
    let now = due::list(store.conn(), today(), &rules, &Scope::default()).unwrap();
    assert!(now.iter().all(|r| r.head != "张三丰"));
}

/// Issue 20: `due --by-member`: a reminder a line for a WeChat group, and
/// each member's whole phone and counts as JSON.
#[test]
fn due_by_member_prints_a_reminder_a_member() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    drop(township(&db));
    let out = lianhu(&db, &["due", "--by-member", "--format", "text"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap_or_default();
    assert!(first.starts_with("王芳同志：您联系的 ") && first.contains("尚未按时走访") && first.contains("（逾期）"), "{text}");
    assert!(!text.contains("赵六"), "an unlinked household is no one's to remind: {text}");
    let out = lianhu(&db, &["due", "--by-member", "--format", "json", "--village", "湖口村"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let wang = v.as_array().unwrap().iter().find(|m| m["member"] == "王芳").expect("王芳 listed");
    assert_eq!(wang["phone"], "13900000001");
    assert!(wang["households"].as_array().unwrap().len() >= 2);
}

/// Issue 23: the filter's search keys are the rows' own, whether read one
/// by one (a village's list) or in one pass (a township's on the 1st).
#[test]
fn the_search_keys_are_the_rows_own_one_by_one_and_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = lianhu::store::Store::open(&dir.path().join("l.db"), today()).unwrap();
    // The 1st of the month after the demo's: every 一般户 is due.
    let day = d("2027-01-01");
    lianhu::demo::generate(&mut store, &lianhu::demo::Options { households: 1300, years: 1, seed: 5 }).unwrap();
    let rules = Rules::defaults().visits;
    let village: String = store.conn().query_row("SELECT name FROM villages ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    for scope in [Scope::default(), Scope { village: Some(village), ..Default::default() }] {
        let facts = due::facts(store.conn(), day, &rules, &scope).unwrap();
        let rows = due::rows_of(store.conn(), &facts).unwrap();
        let keys = due::keys(store.conn(), &facts).unwrap();
        assert_eq!(keys, rows.iter().map(|r| r.search.clone()).collect::<Vec<_>>(), "{scope:?}");
        if scope.village.is_none() {
            assert!(facts.len() > 1000, "read in one pass: {}", facts.len());
        }
    }
}
