//! Quarter scoring through the store and `lianhu score` (shared/domain.md,
//! "Quarter score"; shared/contract.md, `score` and its JSON).

mod common;

use common::{lianhu, township, write};
use lianhu::domain::model::Rating;
use lianhu::domain::period::Quarter;
use lianhu::domain::rules::Rules;
use lianhu::store::scores::finals;
use lianhu::store::scores::{self as score, Board, ScoreRow};
use lianhu::store::{Store, places, records};
use serde_json::Value;
use std::path::Path;

const Q3: Quarter = Quarter { year: 2026, q: 3 };

fn row<'a>(b: &'a Board, name: &str) -> &'a ScoreRow {
    b.rows.iter().find(|r| r.member == name).unwrap()
}

fn hukou(store: &Store, q: Quarter) -> Board {
    let id = places::village_id(store.conn(), "湖口村").unwrap().unwrap();
    score::boards(store.conn(), q, Some(id), common::today(), &Rules::defaults()).unwrap().pop().unwrap()
}

#[test]
fn the_township_q3_counts_every_owed_period_rating_and_adjustment() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("t.db"));
    let b = hukou(&store, Q3);
    let wang = row(&b, "王芳");
    // 张三丰 Jul–Sep (August done), 李四 13 ISO weeks, 曾国藩 six missed
    // plans (07-13 … 09-21, rolled from the link day), 王五 Jul–Sep.
    assert_eq!((wang.households, wang.required, wang.done), (4, 25, 1));
    assert_eq!(wang.points, 20.0, "50 × 1/25 + 30 × 0.6");
    assert_eq!((b.caps.members, b.caps.star_cap, b.caps.warning_cap), (2, 0, 0));
    assert!(b.rows.iter().all(|r| r.label.is_none()));

    let zhang = store.conn().query_row("SELECT id FROM households WHERE head = '张三丰'", [], |r| r.get::<_, i64>(0)).unwrap();
    let wang_id = wang.member_id;
    store
        .write(|tx, ctx| {
            records::set_rating(tx, ctx, zhang, Q3, Rating::Satisfied)?;
            records::add_adjustment(tx, ctx, wang_id, Q3, 1.5, "协助村里开展分类宣传")
        })
        .unwrap();
    let b = hukou(&store, Q3);
    let wang = row(&b, "王芳");
    assert!((wang.satisfaction - 0.7).abs() < 1e-9, "(1.0 + 3 × 0.6) / 4");
    assert_eq!((wang.adjustments, wang.points), (1.5, 24.5));

    // The detail explains every number, household by household.
    let why = lianhu::store::scores::detail::detail(store.conn(), wang_id, Q3, common::today(), &Rules::defaults()).unwrap();
    let owed: Vec<(&str, usize, usize)> =
        why.households.iter().map(|h| (h.head.as_str(), h.owed.len(), h.owed.iter().filter(|o| o.done_on.is_some()).count())).collect();
    assert_eq!(owed, vec![("张三丰", 3, 1), ("李四", 13, 0), ("曾国藩", 6, 0), ("王五", 3, 0)]);
    assert_eq!(why.households[0].owed[1].done_on, Some(common::d("2026-08-15")));
    assert_eq!(why.households[0].rating, Some(Rating::Satisfied));
    assert_eq!(why.adjustments.len(), 1);
    assert_eq!((why.adjustments[0].points, why.adjustments[0].reason.as_str()), (1.5, "协助村里开展分类宣传"));
    assert!(!why.adjustments[0].by.is_empty());
}

/// Runs the binary with "today" set.
fn on(db: &Path, today: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lianhu"))
        .args(args)
        .env("LIANHU_DB", db)
        .env("LIANHU_TODAY", today)
        .env_remove("LIANHU_LANG")
        .output()
        .unwrap()
}

fn ok(out: std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// 湖口村 with ten members, each linked on 2026-01-01 to one 一般户. Members
/// 党员0–党员8 visit every month of the first half; 党员9 never does.
/// 党员0's household rates them 满意 in Q1. Caps: 1 star, 1 warning.
fn ten_members(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("ten.db");
    let mut members = String::from("村,姓名,电话,身份\n");
    let mut households = String::from("村,地址,户主,类别\n");
    let mut links = String::from("村,党员,户主,地址,起始日期\n");
    let mut visits = String::from("日期,村,党员,户主,地址\n");
    for i in 0..10 {
        members += &format!("湖口村,党员{i},1390000000{i},普通党员\n");
        households += &format!("湖口村,湖口村一组{i}号,户主{i},一般户\n");
        links += &format!("湖口村,党员{i},户主{i},湖口村一组{i}号,2026-01-01\n");
        if i < 9 {
            for m in 1..=6 {
                visits += &format!("2026-{m:02}-10,湖口村,党员{i},户主{i},湖口村一组{i}号\n");
            }
        }
    }
    for (kind, text) in [("members", members), ("households", households), ("links", links)] {
        let f = write(dir, &format!("{kind}.csv"), &text);
        ok(on(&db, "2026-01-01", &["import", kind, f.to_str().unwrap()]));
    }
    let f = write(dir, "visits.csv", &visits);
    ok(on(&db, "2026-07-01", &["import", "visits", f.to_str().unwrap()]));
    let f = write(dir, "ratings.csv", "季度,村,户主,地址,评价\n2026Q1,湖口村,户主0,湖口村一组0号,满意\n");
    ok(on(&db, "2026-07-01", &["import", "ratings", f.to_str().unwrap()]));
    db
}

fn json(db: &Path, quarter: &str) -> Vec<Value> {
    let text = ok(lianhu(db, &["score", "--quarter", quarter, "--format", "json"]));
    serde_json::from_str::<Value>(&text).unwrap().as_array().unwrap().clone()
}

fn member<'a>(rows: &'a [Value], name: &str) -> &'a Value {
    rows.iter().find(|r| r["member"] == name).unwrap()
}

#[test]
fn json_has_the_contract_fields_and_two_warnings_flag_self_criticism() {
    let dir = tempfile::tempdir().unwrap();
    let db = ten_members(dir.path());
    let q2 = json(&db, "2026Q2");
    assert_eq!(q2.len(), 10);
    let keys: Vec<&str> = q2[0].as_object().unwrap().keys().map(String::as_str).collect();
    let mut want = vec![
        "village",
        "member",
        "role",
        "exempt",
        "ranked",
        "required",
        "done",
        "compliance",
        "satisfaction",
        "points",
        "rank",
        "label",
        "warnings_in_year",
        "self_criticism",
        "finalized",
    ];
    want.sort_unstable();
    let mut got = keys.clone();
    got.sort_unstable();
    assert_eq!(got, want);
    let nine = member(&q2, "党员9");
    assert_eq!((nine["required"].as_i64(), nine["done"].as_i64(), nine["compliance"].as_f64()), (Some(3), Some(0), Some(0.0)));
    assert_eq!((nine["rank"].as_i64(), nine["label"].as_str()), (Some(10), Some("warning")));
    assert_eq!((nine["warnings_in_year"].as_i64(), nine["self_criticism"].as_bool()), (Some(2), Some(true)));
    assert_eq!(nine["role"], "member");
    // Q2: nine members tie at 68.0 (unrated: 0.6) on every tie-break; the star cap is 1, so nobody is starred.
    assert!(q2.iter().all(|r| r["label"] != "star"));
    assert_eq!(member(&q2, "党员3")["rank"].as_i64(), Some(1));
    assert_eq!(member(&q2, "党员0")["points"].as_f64(), Some(68.0));
    let text = ok(lianhu(&db, &["score", "--quarter", "2026Q2", "--village", "湖口村"]));
    assert!(text.contains("第 1 名有 9 人完全并列"), "{text}");
    // Q1: 党员0's 满意 rating lifts them to the only star.
    let q1 = json(&db, "2026Q1");
    assert_eq!(member(&q1, "党员0")["label"], "star");
    assert_eq!(member(&q1, "党员0")["points"].as_f64(), Some(80.0));
    assert_eq!(member(&q1, "党员9")["warnings_in_year"].as_i64(), Some(1));
}

#[test]
fn a_finalised_quarter_is_frozen_until_reopened_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = ten_members(dir.path());
    // Not over yet: refused, nothing written.
    let early = on(&db, "2026-03-31", &["score", "--quarter", "2026Q1", "--finalize"]);
    assert_eq!(early.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&early.stderr).contains("尚未结束"));
    ok(lianhu(&db, &["score", "--quarter", "2026Q1", "--finalize"]));
    assert!(json(&db, "2026Q1").iter().all(|r| r["finalized"] == true));
    // 党员9 catches up on Q1 afterwards: the frozen quarter does not move.
    let late = (1..=3).map(|m| format!("2026-{m:02}-20,湖口村,党员9,户主9,湖口村一组9号\n")).collect::<String>();
    let f = write(dir.path(), "late.csv", &format!("日期,村,党员,户主,地址\n{late}"));
    ok(lianhu(&db, &["import", "visits", f.to_str().unwrap()]));
    let q1 = json(&db, "2026Q1");
    assert_eq!((member(&q1, "党员9")["done"].as_i64(), member(&q1, "党员9")["label"].as_str()), (Some(0), Some("warning")));
    assert_eq!(member(&json(&db, "2026Q2"), "党员9")["warnings_in_year"].as_i64(), Some(2));
    // Reopening needs a reason; then Q1 is computed from today's data.
    let store = Store::open(&db, common::today()).unwrap();
    let id = places::village_id(store.conn(), "湖口村").unwrap().unwrap();
    let ctx = lianhu::store::Ctx { who: "tester".into(), today: common::today(), access: lianhu::store::access::Access::Everyone };
    assert!(finals::reopen(store.conn(), &ctx, id, Quarter { year: 2026, q: 1 }, "  ").is_err());
    drop(store);
    ok(lianhu(&db, &["score", "--quarter", "2026Q1", "--reopen", "补录一季度走访记录"]));
    let q1 = json(&db, "2026Q1");
    assert_eq!(member(&q1, "党员9")["done"].as_i64(), Some(3));
    assert!(member(&q1, "党员9")["label"].is_null(), "nine tie at the bottom, cap 1");
    let q2 = json(&db, "2026Q2");
    assert_eq!(
        (member(&q2, "党员9")["warnings_in_year"].as_i64(), member(&q2, "党员9")["self_criticism"].as_bool()),
        (Some(1), Some(false))
    );
    ok(lianhu(&db, &["export", "audit", dir.path().join("a.csv").to_str().unwrap()]));
    let log = std::fs::read_to_string(dir.path().join("a.csv")).unwrap();
    assert!(log.contains("finalize") && log.contains("reopen") && log.contains("补录一季度走访记录"), "{log}");
}

#[test]
fn the_board_is_a_printable_page_per_village_and_scores_export_the_whole_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = ten_members(dir.path());
    let board = dir.path().join("公示.html");
    ok(lianhu(&db, &["export", "board", board.to_str().unwrap(), "--quarter", "2026Q1"]));
    let html = std::fs::read_to_string(&board).unwrap();
    assert!(html.contains("@page { size: A4;") && html.contains("<meta charset=\"utf-8\">"));
    assert_eq!(html.matches("<section>").count(), 1);
    // Issue 20: the quarter in words, and the 公示期 from the day printed.
    assert!(html.contains("湖口村 2026年第一季度 党员联户考评公示"), "{html}");
    assert!(html.contains("公示期：2026-11-22 至 2026-11-28（7 天）"), "{html}");
    let stars = html.split("<h2>警示党员</h2>").next().unwrap();
    assert!(stars.contains("<td>党员0</td>") && !stars.contains("<td>党员9</td>"), "{html}");
    assert!(html.split("<h2>警示党员</h2>").nth(1).unwrap().contains("<td>党员9</td>"));
    assert!(html.contains("草稿"), "not final yet");
    assert_eq!(lianhu::io::board::escape("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");

    let csv = dir.path().join("scores.csv");
    ok(lianhu(&db, &["export", "scores", csv.to_str().unwrap(), "--quarter", "2026Q2", "--village", "湖口村"]));
    let t = lianhu::io::read_table(&csv).unwrap();
    assert_eq!(t.headers, lianhu::present::scores::HEADERS);
    assert_eq!(t.rows.len(), 10);
    let nine = t.rows.iter().find(|(_, r)| r[2] == "党员9").unwrap();
    assert_eq!((nine.1[16].as_str(), nine.1[17].as_str(), nine.1[18].as_str()), ("警示党员", "2", "是"));
    let missing = lianhu(&db, &["export", "scores", csv.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
}

/// Issue 18, bug 1, through the CSV contract: the 难点户 plan chain goes on
/// past a later plan that an early visit set.
#[test]
fn the_plan_chain_through_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let run = |today: &str, args: &[&str]| run_on(&db, today, args);
    let f = |name: &str, text: &str| common::write(dir.path(), name, text).to_str().unwrap().to_string();
    run("2026-01-01", &["import", "households", &f("h.csv", "村,地址,户主,类别\n湖口村,湖口村一组1号,张三,难点户\n")]);
    run("2026-01-01", &["import", "members", &f("m.csv", "村,姓名,电话,身份\n湖口村,王芳,13900000001,普通党员\n")]);
    run("2026-01-01", &["import", "links", &f("l.csv", "村,党员,户主,地址,起始日期\n湖口村,王芳,张三,湖口村一组1号,2026-01-01\n")]);
    run(
        "2026-03-25",
        &[
            "import",
            "visits",
            &f(
                "v.csv",
                "日期,村,党员,户主,地址,下次走访\n2026-03-10,湖口村,王芳,张三,湖口村一组1号,2026-04-10\n2026-03-12,湖口村,王芳,张三,湖口村一组1号,2026-03-20\n",
            ),
        ],
    );
    let score = |quarter: &str| -> serde_json::Value {
        let text = run("2026-04-30", &["score", "--quarter", quarter, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v.as_array().unwrap().iter().find(|m| m["member"] == "王芳").cloned().unwrap()
    };
    let q1 = score("2026Q1");
    assert_eq!((q1["required"].as_u64(), q1["done"].as_u64()), (Some(7), Some(1)), "{q1}");
    assert_eq!(q1["compliance"].as_f64(), Some(0.143));
    let q2 = score("2026Q2");
    assert_eq!((q2["required"].as_u64(), q2["done"].as_u64()), (Some(3), Some(1)), "04-03✗ 04-10✓ 04-17✗: {q2}");
}

/// Issue 18: the member detail shows each plan of the chain with the visit
/// that did it, including a plan done by a visit before the quarter.
#[test]
fn the_member_detail_explains_every_plan_of_the_chain() {
    use lianhu::app::{self, Action, App, TabAction};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut store = lianhu::store::Store::open(&db, common::d("2026-03-01")).unwrap();
    store
        .write(|tx, ctx| {
            let m = lianhu::store::members::save(
                tx,
                ctx,
                None,
                &common::member("湖口村", "王芳", "13900000001", "普通党员").validate().unwrap(),
            )?
            .id();
            let h = lianhu::store::households::save(
                tx,
                ctx,
                None,
                &common::household("湖口村", "张三", "湖口村一组1号", "难点户").validate().unwrap(),
            )?
            .id();
            lianhu::store::links::link(tx, ctx, m, h, common::d("2026-03-01"))?;
            Ok::<_, lianhu::store::StoreError>((m, h))
        })
        .map(|(m, h)| {
            store.today = common::d("2026-04-20");
            for day in ["2026-03-21", "2026-03-27"] {
                store.write(|tx, ctx| lianhu::store::visits::log(tx, ctx, &common::visit(h, m, day, "入户"), None)).unwrap();
            }
        })
        .unwrap();
    let mut s = common::settings();
    s.today = common::d("2026-04-20");
    let mut a = App::new(s, lianhu::domain::rules::Rules::defaults(), 80, 24);
    app::start(&mut a, &mut store);
    app::update(&mut a, &mut store, Action::GoTab(5));
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowDetail));
    let screen = common::screen(&a, 80, 24);
    assert!(screen.contains("计划04-04✓03-27") && screen.contains("计划04-10✗"), "{screen}");
    assert!(screen.contains("1/2"), "{screen}");
}

/// Issue 18, rule 7: records first made after "today" are not seen.
#[test]
fn records_made_after_today_are_not_seen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let run = |today: &str, args: &[&str]| run_on(&db, today, args);
    let f = |name: &str, text: &str| common::write(dir.path(), name, text).to_str().unwrap().to_string();
    run("2026-02-01", &["import", "households", &f("h.csv", "村,地址,户主,类别\n湖口村,一组1号,张三,一般户\n")]);
    run("2026-02-01", &["import", "members", &f("m.csv", "村,姓名,电话,身份\n湖口村,王芳,13900000001,普通党员\n")]);
    run("2026-02-01", &["import", "links", &f("l.csv", "村,党员,户主,地址\n湖口村,王芳,张三,一组1号\n")]);
    assert_eq!(run("2026-01-15", &["due", "--format", "json"]).trim(), "[]");
    assert_eq!(run("2026-01-15", &["score", "--quarter", "2026Q1", "--format", "json"]).trim(), "[]");
    assert!(run("2026-02-20", &["due", "--format", "json"]).contains("张三"));
}

/// Runs the binary on `db` as of `today`; it must succeed. Its stdout.
fn run_on(db: &std::path::Path, today: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lianhu"))
        .args(args)
        .env("LIANHU_DB", db)
        .env("LIANHU_TODAY", today)
        .env_remove("LIANHU_LANG")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Issue 20: two members of one name in a village are told apart on the
/// board by their phone's last four digits.
#[test]
fn two_members_of_one_name_are_told_apart_on_the_board() {
    use common::{d, household, member, temp_store};
    use lianhu::store::{households, links, members};
    let (_d, mut store) = temp_store();
    store
        .write(|tx, ctx| {
            for (phone, head) in [("13900001234", "甲"), ("13900005678", "乙")] {
                let m = members::save(tx, ctx, None, &member("湖口村", "李红梅", phone, "普通党员").validate().unwrap())?.id();
                let h =
                    households::save(tx, ctx, None, &household("湖口村", head, &format!("{head}号"), "一般户").validate().unwrap())?.id();
                links::link(tx, ctx, m, h, d("2026-06-01"))?;
            }
            Ok::<_, lianhu::store::StoreError>(())
        })
        .unwrap();
    let boards = score::boards(store.conn(), Quarter { year: 2026, q: 3 }, None, d("2026-11-22"), &Rules::defaults()).unwrap();
    let mut names: Vec<String> = boards[0].rows.iter().map(|r| r.member.clone()).collect();
    names.sort();
    assert_eq!(names, ["李红梅 1234", "李红梅 5678"]);
}
