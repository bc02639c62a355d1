//! Store tests on temporary SQLite files.

mod common;

use common::*;
use lianhu::domain::model::Class;
use lianhu::store::households::{self, Saved, Sort};
use lianhu::store::{StoreError, links, members};

#[test]
fn a_new_file_is_migrated_with_wal_and_foreign_keys() {
    let (_dir, store) = temp_store();
    let mode: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    let sync: i64 = store.conn().query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    assert!(store.is_empty().unwrap());
    let version: i64 = store.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, lianhu::store::schema::latest());
}

#[test]
fn a_version_3_file_keeps_its_visits_and_concerns_when_visits_gain_the_help_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../src/store/migrations/001_schema.sql"),
            include_str!("../src/store/migrations/002_due_index.sql"),
            include_str!("../src/store/migrations/003_quarter_finals.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 3;
             INSERT INTO villages (id, name) VALUES (1, '湖口村');
             INSERT INTO households (id, village_id, address, head, class, created_on) VALUES (1, 1, '湖口村三组1号', '张三丰', 'general', '2026-01-01');
             INSERT INTO members (id, village_id, name, role, created_on) VALUES (1, 1, '王芳', 'cadre', '2026-01-01');
             INSERT INTO visits (id, household_id, member_id, date, mode, concern, created_at) VALUES (7, 1, 1, '2026-11-02', 'phone', '桶坏了', '2026-11-02');
             INSERT INTO concerns (id, visit_id, household_id, member_id, text, raised_on) VALUES (1, 7, 1, 1, '桶坏了', '2026-11-02');",
        )
        .unwrap();
    }
    let store = lianhu::store::Store::open(&path, today()).unwrap();
    let c = store.conn();
    let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, lianhu::store::schema::latest());
    let kept: i64 =
        c.query_row("SELECT count(*) FROM standings WHERE household_id = 1 AND last_visit = '2026-11-02'", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, 1, "the migration keeps the standing of every household");
    let (mode, concern): (String, i64) = c
        .query_row("SELECT v.mode, c.id FROM visits v JOIN concerns c ON c.visit_id = v.id WHERE v.id = 7", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((mode.as_str(), concern), ("phone", 1));
    c.execute("INSERT INTO visits (household_id, member_id, date, mode, created_at) VALUES (1, 1, '2026-11-03', 'help', 'x')", []).unwrap();
    let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1, "foreign keys are on again after migrating");
    assert!(c.execute("INSERT INTO visits (household_id, member_id, date, created_at) VALUES (99, 1, '2026-11-03', 'x')", []).is_err());
    let indexes: i64 =
        c.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'visits'", [], |r| r.get(0)).unwrap();
    assert_eq!(indexes, 4, "the visit indexes are rebuilt");
}

#[cfg(unix)]
#[test]
fn a_new_database_is_not_world_readable() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _store) = temp_store();
    let mode = std::fs::metadata(dir.path().join("lianhu.db")).unwrap().permissions().mode();
    assert_eq!(mode & 0o007, 0, "mode {mode:o}");
}

#[test]
fn saving_a_household_records_its_class_history_and_audit() {
    let (_dir, mut store) = temp_store();
    let h = household("湖口村", "张三丰", "湖口村三组12号", "难点户").validate().unwrap();
    let id = store.write(|tx, ctx| households::save(tx, ctx, None, &h)).unwrap().id();
    let today = "2026-11-22";
    let got = households::get(store.conn(), id, today).unwrap();
    assert_eq!(got.class, Class::Difficult);
    assert_eq!(got.version, 1);

    let mut changed = h.clone();
    changed.class = Class::Improving;
    let saved = store.write(|tx, ctx| households::save(tx, ctx, Some((id, 1)), &changed)).unwrap();
    assert_eq!(saved, Saved::Updated(id));
    let history = households::class_history(store.conn(), id).unwrap();
    // Both on the same day: the later class replaces the earlier entry.
    assert_eq!(history, vec![(Class::Improving, today.to_string())]);
    let audit = lianhu::store::audit::history(store.conn(), "household", id).unwrap();
    assert_eq!(audit.len(), 2);
    assert_eq!(audit[0].action, "update");
    assert!(audit[0].before.as_deref().unwrap().contains("difficult"));
    assert!(!audit[0].who.is_empty());
}

#[test]
fn a_stale_version_is_a_conflict_not_an_overwrite() {
    let (_dir, mut store) = temp_store();
    let h = household("湖口村", "李四", "湖口村1号", "一般户").validate().unwrap();
    let id = store.write(|tx, ctx| households::save(tx, ctx, None, &h)).unwrap().id();
    let mut first = h.clone();
    first.note = "第一位".into();
    store.write(|tx, ctx| households::save(tx, ctx, Some((id, 1)), &first)).unwrap();
    let mut second = h.clone();
    second.note = "第二位".into();
    let r = store.write(|tx, ctx| households::save(tx, ctx, Some((id, 1)), &second));
    assert!(matches!(r, Err(StoreError::Conflict)));
    assert_eq!(households::get(store.conn(), id, "2026-11-22").unwrap().note, "第一位");
}

#[test]
fn archive_hides_but_keeps_and_duplicates_are_refused() {
    let (_dir, mut store) = temp_store();
    let h = household("湖口村", "王五", "湖口村2号", "一般户").validate().unwrap();
    let id = store.write(|tx, ctx| households::save(tx, ctx, None, &h)).unwrap().id();
    let dup = store.write(|tx, ctx| households::save(tx, ctx, None, &h));
    assert!(matches!(dup, Err(StoreError::Invalid(_))));
    store.write(|tx, ctx| households::set_archived(tx, ctx, id, 1, true)).unwrap();
    assert_eq!(households::keyed(store.conn(), false, Sort::Village).unwrap().len(), 0);
    assert_eq!(households::keyed(store.conn(), true, Sort::Village).unwrap().len(), 1);
}

#[test]
fn lists_page_and_filter_by_pinyin_initials() {
    let (_dir, mut store) = temp_store();
    store
        .write(|tx, ctx| {
            for i in 0..30 {
                let head = if i == 17 { "张三丰".to_string() } else { format!("李{}", ["一", "二", "三"][i % 3]) };
                let h = household("湖口村", &head, &format!("湖口村{i}号"), "一般户").validate().unwrap();
                households::save(tx, ctx, None, &h)?;
            }
            let s = household("曾家村", "曾国藩", "曾家村1号", "一般户").validate().unwrap();
            households::save(tx, ctx, None, &s)
        })
        .unwrap();
    let keyed = households::keyed(store.conn(), false, Sort::Village).unwrap();
    let all: Vec<i64> = keyed.iter().map(|(id, _)| *id).collect();
    assert_eq!(all.len(), 31);
    let window = households::by_ids(store.conn(), &all[10..15], "2026-11-22").unwrap();
    assert_eq!(window.iter().map(|h| h.id).collect::<Vec<_>>(), all[10..15].to_vec(), "in the order asked");
    let matching = |q: &str| -> Vec<i64> {
        keyed.iter().filter(|(_, k)| lianhu::domain::search::Matcher::new(q).matches(k)).map(|(id, _)| *id).collect()
    };
    let found = households::by_ids(store.conn(), &matching("zsf"), "2026-11-22").unwrap();
    assert_eq!(found.iter().map(|h| h.head.as_str()).collect::<Vec<_>>(), vec!["张三丰"]);
    for q in ["zgf", "cgf", "国藩"] {
        assert_eq!(matching(q).len(), 1, "{q}");
    }
    assert_eq!(matching("%").len(), 0, "% is literal");
}

#[test]
fn moving_a_household_ends_the_old_link_the_day_before() {
    let (_dir, mut store) = temp_store();
    let (a, b, h) = store
        .write(|tx, ctx| {
            let a = members::save(tx, ctx, None, &member("湖口村", "甲", "", "普通党员").validate().unwrap())?.id();
            let b = members::save(tx, ctx, None, &member("湖口村", "乙", "", "普通党员").validate().unwrap())?.id();
            let h = households::save(tx, ctx, None, &household("湖口村", "丙", "1号", "一般户").validate().unwrap())?.id();
            Ok::<_, StoreError>((a, b, h))
        })
        .unwrap();
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    store.write(|tx, ctx| links::link(tx, ctx, a, h, d("2026-01-01"))).unwrap();
    let moved = store.write(|tx, ctx| links::link(tx, ctx, b, h, d("2026-07-01"))).unwrap();
    assert_eq!(moved, links::Linked::Moved);
    let history = links::household_history(store.conn(), h).unwrap();
    assert_eq!(history[0].0, "乙");
    assert_eq!(history[1], ("甲".to_string(), String::new(), "2026-01-01".to_string(), Some("2026-06-30".to_string())));
    let too_early = store.write(|tx, ctx| links::link(tx, ctx, a, h, d("2026-05-01")));
    assert!(matches!(too_early, Err(StoreError::Invalid(_))));
}

#[test]
fn demo_is_deterministic_and_refuses_a_full_database() {
    let run = || {
        let (dir, mut store) = temp_store();
        let sum = lianhu::demo::generate(&mut store, &lianhu::demo::Options { households: 200, years: 1, seed: 7 }).unwrap();
        let heads: Vec<String> = {
            let mut stmt = store.conn().prepare("SELECT head || address || class FROM households ORDER BY id").unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        drop(dir);
        (sum, heads)
    };
    let (a, ha) = run();
    let (b, hb) = run();
    assert_eq!(a, b);
    assert_eq!(ha, hb);
    assert_eq!(a.households, 200);
    assert!(a.visits > 1000, "{a:?}");
    assert!(a.concerns > 0 && a.ratings > 0);
}

#[test]
fn demo_has_every_role_and_status_and_same_name_members() {
    let (_dir, mut store) = temp_store();
    lianhu::demo::generate(&mut store, &lianhu::demo::Options { households: 600, years: 1, seed: 1 }).unwrap();
    let conn = store.conn();
    let roles: i64 = conn.query_row("SELECT count(DISTINCT role) FROM members", [], |r| r.get(0)).unwrap();
    let statuses: i64 = conn.query_row("SELECT count(DISTINCT status) FROM members", [], |r| r.get(0)).unwrap();
    let same: i64 = conn
        .query_row("SELECT count(*) FROM (SELECT village_id, name FROM members GROUP BY 1, 2 HAVING count(*) > 1)", [], |r| r.get(0))
        .unwrap();
    let changes: i64 =
        conn.query_row("SELECT count(*) FROM class_history GROUP BY household_id HAVING count(*) > 1 LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(roles, 6);
    assert_eq!(statuses, 3);
    assert!(same >= 1, "same-name members occur");
    assert!(changes >= 2, "class changes occur");
    let report = lianhu::store::checks::run(conn, &lianhu::domain::rules::Rules::defaults(), today(), true).unwrap();
    assert!(!report.damaged());
}

#[test]
fn backup_is_a_consistent_copy() {
    let (dir, mut store) = temp_store();
    let h = household("湖口村", "王五", "湖口村2号", "一般户").validate().unwrap();
    store.write(|tx, ctx| households::save(tx, ctx, None, &h)).unwrap();
    let path = lianhu::store::backup::backup_to_dir(store.conn(), &dir.path().join("backups"), &lianhu::progress::SILENT).unwrap();
    let copy = lianhu::store::Store::open(&path, today()).unwrap();
    assert!(!copy.is_empty().unwrap());
}

#[test]
fn counting_idle_members_reads_two_covering_indexes() {
    let (_dir, store) = temp_store();
    let plan: Vec<String> = store
        .conn()
        .prepare(&format!("EXPLAIN QUERY PLAN {}", lianhu::store::linking::IDLE_SQL))
        .unwrap()
        .query_map(["2026-11-22"], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let plan = plan.join("\n");
    assert!(plan.contains("COVERING INDEX members_status"), "{plan}");
    assert!(plan.contains("COVERING INDEX links_member"), "{plan}");
}

/// Issue 20: households come in the order a clerk counts: 第二组 before
/// 第十组, 9号 before 10号, villages by pinyin.
#[test]
fn households_sort_as_a_clerk_counts() {
    use lianhu::domain::validate::HouseholdText;
    use lianhu::store::households::{self, Sort};
    let (_d, mut store) = temp_store();
    let rows = [("湖口村", "第十组", "10号"), ("湖口村", "第二组", "10号"), ("湖口村", "第二组", "9号"), ("东阳村", "第一组", "1号")];
    store
        .write(|tx, ctx| {
            for (i, (v, g, a)) in rows.iter().enumerate() {
                let h = HouseholdText { group: g.to_string(), ..household(v, &format!("户主{i}"), a, "一般户") };
                households::save(tx, ctx, None, &h.validate().unwrap())?;
            }
            Ok::<(), lianhu::store::StoreError>(())
        })
        .unwrap();
    let ids: Vec<i64> = households::keyed(store.conn(), false, Sort::Village).unwrap().into_iter().map(|(id, _)| id).collect();
    let order: Vec<String> =
        ids.iter().map(|id| store.conn().query_row("SELECT address FROM households WHERE id = ?1", [id], |r| r.get(0)).unwrap()).collect();
    let groups: Vec<String> = ids
        .iter()
        .map(|id| {
            store
                .conn()
                .query_row("SELECT g.name FROM households h JOIN groups g ON g.id = h.group_id WHERE h.id = ?1", [id], |r| r.get(0))
                .unwrap()
        })
        .collect();
    assert_eq!(groups, ["第一组", "第二组", "第二组", "第十组"]);
    assert_eq!(order, ["1号", "9号", "10号", "10号"]);
}
