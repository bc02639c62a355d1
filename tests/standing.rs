//! The kept standing (issue 23) equals a full recomputation from every
//! household's past after every kind of write, on a random township; and
//! the due list read from it equals the one read from the whole past, on
//! the 1st of a month, in mid-month, weeks ahead and in the past.

mod common;

use chrono::Days;
use common::*;
use lianhu::domain::model::Class;
use lianhu::domain::rules::Rules;
use lianhu::domain::schedule::History;
use lianhu::domain::standing::Kept;
use lianhu::store::Store;
use lianhu::store::due::{self, Scope};
use lianhu::store::{households, linking, links, standing, visits};
use std::collections::HashMap;

/// Every household's kept standing computed from nothing but its past.
fn recomputed(store: &Store) -> HashMap<i64, Kept> {
    let conn = store.conn();
    let pasts = lianhu::store::history::load(conn, None, &rusqlite::types::Null).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT h.id, h.class, h.created_on,
                (SELECT date || ' ' || coalesce(next_planned, '') FROM visits WHERE household_id = h.id
                 ORDER BY date DESC, next_planned DESC LIMIT 1)
             FROM households h WHERE h.archived = 0",
        )
        .unwrap();
    let empty = Default::default();
    stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?)))
        .unwrap()
        .map(|row| {
            let (id, class, created, last) = row.unwrap();
            let past: &lianhu::store::history::Past = pasts.get(&id).unwrap_or(&empty);
            let history = History { classes: &past.classes, links: &past.links };
            let last = last.as_deref().and_then(standing::parse_last);
            (id, Kept::of(Class::from_code(&class).unwrap(), d(&created), &history, &past.members, last))
        })
        .collect()
}

/// The kept rows equal the recomputation, and the due list from them the
/// one from the whole past, township-wide and for one village, on days
/// around `today` and long before it (when more households than
/// `LATE_WHOLE` have changed since, their pasts are read whole).
fn check(store: &Store, after: &str) {
    let conn = store.conn();
    let kept = standing::all(conn).unwrap();
    let whole = recomputed(store);
    assert_eq!(kept.len(), whole.len(), "after {after}: one kept row per household not archived");
    for (id, k) in &whole {
        assert_eq!(kept.get(id), Some(k), "after {after}: household {id}");
    }
    let dirty: i64 = conn.query_row("SELECT count(*) FROM standings_dirty", [], |r| r.get(0)).unwrap();
    assert_eq!(dirty, 0, "after {after}: every mark settled");
    let rules = Rules::defaults().visits;
    let village: String = conn.query_row("SELECT name FROM villages ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    for day in [today(), d("2026-12-01"), d("2026-11-16"), today() + Days::new(45), d("2026-10-03"), d("2025-06-01")] {
        for scope in [Scope::default(), Scope { village: Some(village.clone()), ..Default::default() }] {
            let fast = due::list(conn, day, &rules, &scope).unwrap();
            let slow = due::list_whole(conn, day, &rules, &scope).unwrap();
            assert_eq!(fast.len(), slow.len(), "after {after}, on {day}, {scope:?}");
            for (a, b) in fast.iter().zip(&slow) {
                assert_eq!(a, b, "after {after}, on {day}, {scope:?}");
            }
        }
    }
}

/// A few households picked by a fixed stride, as (id, member linked now).
fn some(store: &Store, n: usize, skip: usize) -> Vec<(i64, Option<i64>)> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT h.id, (SELECT member_id FROM links WHERE household_id = h.id AND until IS NULL)
             FROM households h WHERE h.archived = 0 ORDER BY h.id",
        )
        .unwrap();
    let all: Vec<(i64, Option<i64>)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    all.into_iter().skip(skip).step_by(7).take(n).collect()
}

fn any_member(conn: &rusqlite::Connection, not: Option<i64>) -> i64 {
    conn.query_row("SELECT id FROM members WHERE archived = 0 AND id IS NOT ?1 ORDER BY id LIMIT 1", [not], |r| r.get(0)).unwrap()
}

#[test]
fn the_kept_standing_equals_the_whole_past_after_every_kind_of_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let mut store = Store::open(&db, today()).unwrap();
    lianhu::demo::generate(&mut store, &lianhu::demo::Options { households: 360, years: 2, seed: 23 }).unwrap();
    check(&store, "the demo");

    // Visits: today, and one dated back (not the latest).
    let picked = some(&store, 12, 0);
    store
        .write(|tx, ctx| {
            for (i, (h, m)) in picked.iter().enumerate() {
                let member = m.unwrap_or_else(|| any_member(tx, None));
                let date = if i % 2 == 0 { "2026-11-22" } else { "2026-09-03" };
                visits::log(tx, ctx, &visit(*h, member, date, "看分类"), None)?;
            }
            Ok::<_, lianhu::store::StoreError>(())
        })
        .unwrap();
    check(&store, "visits");

    // A correction that moves a visit to another day, and one that plans the next.
    let (vid, version, h, m): (i64, i64, i64, i64) = store
        .conn()
        .query_row("SELECT id, version, household_id, member_id FROM visits ORDER BY date DESC, id LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    store
        .write(|tx, ctx| {
            let mut v = visit(h, m, "2026-10-30", "改了日期");
            v.visit.next = Some(d("2026-12-04"));
            visits::correct(tx, ctx, vid, version, &v)
        })
        .unwrap();
    check(&store, "a correction");

    // Class changes: from today, and dated back into last month.
    let picked = some(&store, 10, 1);
    store
        .write(|tx, ctx| {
            for (i, (h, _)) in picked.iter().enumerate() {
                let class = [Class::Improving, Class::Difficult, Class::General][i % 3];
                let since = if i % 2 == 0 { today() } else { d("2026-10-14") };
                households::change_class(tx, ctx, *h, class, since)?;
            }
            Ok::<_, lianhu::store::StoreError>(())
        })
        .unwrap();
    check(&store, "class changes");

    // Ends: today (still linked today, unlinked tomorrow) and in a week.
    let picked: Vec<i64> = some(&store, 20, 2).into_iter().filter(|(_, m)| m.is_some()).map(|(h, _)| h).take(6).collect();
    store
        .write(|tx, ctx| {
            for (i, h) in picked.iter().enumerate() {
                let until = if i % 2 == 0 { today() } else { today() + Days::new(7) };
                linking::unlink(tx, ctx, *h, until)?;
            }
            Ok::<_, lianhu::store::StoreError>(())
        })
        .unwrap();
    check(&store, "ends");

    // Links of unlinked households, and moves of linked ones to another member.
    let picked = some(&store, 14, 3);
    store
        .write(|tx, ctx| {
            for (h, m) in &picked {
                let member = any_member(tx, *m);
                links::link(tx, ctx, member, *h, today())?;
            }
            Ok::<_, lianhu::store::StoreError>(())
        })
        .unwrap();
    check(&store, "links and moves");

    // Archiving, and bringing one back.
    let picked = some(&store, 4, 4);
    for (h, _) in &picked {
        let version: i64 = store.conn().query_row("SELECT version FROM households WHERE id = ?1", [h], |r| r.get(0)).unwrap();
        store.write(|tx, ctx| households::set_archived(tx, ctx, *h, version, true)).unwrap();
    }
    check(&store, "archiving");
    let (h, _) = picked[0];
    let version: i64 = store.conn().query_row("SELECT version FROM households WHERE id = ?1", [h], |r| r.get(0)).unwrap();
    store.write(|tx, ctx| households::set_archived(tx, ctx, h, version, false)).unwrap();
    check(&store, "un-archiving");

    // A village renamed moves its households in the clerk's order.
    store
        .write(|tx, _| {
            tx.execute("UPDATE villages SET name = '阿村' WHERE id = (SELECT max(id) FROM villages)", [])
                .map(|_| ())
                .map_err(lianhu::store::StoreError::from)
        })
        .unwrap();
    check(&store, "a village renamed");

    // An import: new households and a changed one, by the command.
    let (village, head, address): (String, String, String) = store
        .conn()
        .query_row(
            "SELECT v.name, h.head, h.address FROM households h JOIN villages v ON v.id = h.village_id WHERE h.archived = 0 LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let csv = format!(
        "村,地址,户主,类别\n{village},{address},{head},难点户\n{village},新村2号,新户甲,一般户\n{village},新村10号,新户乙,提升户\n"
    );
    let out = lianhu(&db, &["import", "households", write(dir.path(), "h.csv", &csv).to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    check(&store, "an import");

    // A restore: of a backup whose standings were tampered with.
    let out = lianhu(&db, &["backup"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let backup = String::from_utf8(out.stdout).unwrap().trim().to_string();
    rusqlite::Connection::open(&backup).unwrap().execute_batch("UPDATE standings SET missed_before = 99, member_id = NULL").unwrap();
    store.write(|tx, ctx| visits::log(tx, ctx, &visit(h, any_member(tx, None), "2026-11-21", "还原前"), None)).unwrap();
    let out = lianhu(&db, &["restore", &backup]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    check(&store, "a restore");

    // A write by another program leaves its marks: the list is read from
    // the whole past until lianhu settles them.
    rusqlite::Connection::open(&db).unwrap().execute("DELETE FROM links WHERE household_id = ?1", [h]).unwrap();
    let rules = Rules::defaults().visits;
    let fast = due::list(store.conn(), today(), &rules, &Scope::default()).unwrap();
    assert_eq!(fast, due::list_whole(store.conn(), today(), &rules, &Scope::default()).unwrap());
    store.write(|_, _| Ok::<_, lianhu::store::StoreError>(())).unwrap();
    check(&store, "another program's write, settled by the next");
}
