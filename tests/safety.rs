//! The shared-server guarantees that do not need a terminal: daily backups
//! and restore, privacy of the files, several importers at once, and a
//! writer killed mid-import.

mod common;

use common::*;
use lianhu::store::backup;
use std::process::{Command, Stdio};

fn count(db: &std::path::Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_first_start_of_a_day_backs_up_once_and_keeps_the_newest_14() {
    let (dir, store) = temp_store();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    for day in 1..=20 {
        std::fs::write(backups.join(format!("lianhu-202501{day:02}-080000.db")), b"old").unwrap();
    }
    // A copy cut short (the app closed while it ran) is not a backup.
    let today = chrono::Local::now().format("lianhu-%Y%m%d-070000.db.part").to_string();
    std::fs::write(backups.join(&today), b"half").unwrap();
    let made = backup::daily(store.path()).unwrap().expect("today's backup");
    assert!(!backups.join(&today).exists(), "the cut-short copy is gone");
    assert!(backup::daily(store.path()).unwrap().is_none(), "once a day");
    let kept = backup::list(&backups);
    assert_eq!(kept.len(), backup::KEEP);
    assert_eq!(kept.last(), Some(&made));
    assert!(!kept.iter().any(|p| p.ends_with("lianhu-20250101-080000.db")), "the oldest went first");
    assert!(!lianhu::store::world_readable(&made) && !lianhu::store::world_readable(store.path()));
}

/// Issue 23: what interrupted backups left is swept by the next daily
/// backup, even when today's is already made (the journal of an earlier
/// version's `lianhu-….db.part` too); a backup another session is making
/// (its part locked) is left to it.
#[test]
fn interrupted_backups_leave_nothing_and_one_being_made_is_not_made_twice() {
    let (dir, store) = temp_store();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let leftovers = ["lianhu-20261130-080000.db.part-journal", ".lianhu-20261130-080000.db.4242.lianhu-part-journal"];
    for name in leftovers {
        std::fs::write(backups.join(name), b"journal").unwrap();
    }
    // Another session's part of today's backup, locked while it is written.
    let stamp = chrono::Local::now().format("lianhu-%Y%m%d-").to_string();
    let target = backups.join(format!("{stamp}070000.db"));
    let part = lianhu::store::files::Part::new(&target).unwrap();
    assert!(backup::daily(store.path()).unwrap().is_none(), "left to the session making it");
    for name in leftovers {
        assert!(!backups.join(name).exists(), "{name} swept");
    }
    assert!(backup::list(&backups).is_empty());
    drop(part);
    assert!(backup::daily(store.path()).unwrap().is_some(), "made once the other gave up");
    std::fs::write(backups.join(leftovers[0]), b"journal").unwrap();
    assert!(backup::daily(store.path()).unwrap().is_none(), "once a day");
    assert!(!backups.join(leftovers[0]).exists(), "swept even when today's is made");
}

#[test]
fn restore_checks_the_backup_first_and_keeps_what_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    drop(township(&db));
    let out = lianhu(&db, &["backup"]);
    assert!(out.status.success());
    let copy = std::path::PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    let roster = write(dir.path(), "h.csv", "村,地址,户主,类别\n湖口村,湖口村九组9号,司马光,一般户\n");
    assert!(lianhu(&db, &["import", "households", roster.to_str().unwrap()]).status.success());
    assert_eq!(count(&db, "SELECT count(*) FROM households WHERE head = '司马光'"), 1);
    // A damaged or foreign file is refused and nothing changes.
    let junk = write(dir.path(), "junk.db", "not a database at all");
    let refused = lianhu(&db, &["restore", junk.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("不是完好的联户通备份"));
    assert_eq!(count(&db, "SELECT count(*) FROM households WHERE head = '司马光'"), 1);
    let restored = lianhu(&db, &["restore", copy.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
    assert_eq!(count(&db, "SELECT count(*) FROM households WHERE head = '司马光'"), 0);
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(count(&kept[0].path(), "SELECT count(*) FROM households WHERE head = '司马光'"), 1, "the replaced data is kept");
}

fn import(db: &std::path::Path, file: &std::path::Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_lianhu"))
        .args(["import", "households", file.to_str().unwrap()])
        .env("LIANHU_DB", db)
        .env("LIANHU_TODAY", "2026-11-22")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn roster(dir: &std::path::Path, name: &str, village: &str, rows: usize) -> std::path::PathBuf {
    let mut text = String::from("村,地址,户主,类别\n");
    for i in 0..rows {
        text += &format!("{village},{village}一组{i}号,户主{i},一般户\n");
    }
    write(dir, name, &text)
}

#[test]
fn six_importers_at_once_all_land() {
    let (dir, store) = temp_store();
    drop(store);
    let db = dir.path().join("lianhu.db");
    let villages = ["湖口村", "东阳村", "南塘村", "西岗村", "青石村", "桥头村"];
    let children: Vec<_> =
        villages.iter().enumerate().map(|(i, v)| import(&db, &roster(dir.path(), &format!("r{i}.csv"), v, 300))).collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(count(&db, "SELECT count(*) FROM households"), 1800);
    assert_eq!(count(&db, "SELECT count(*) FROM villages"), 6);
}

#[test]
fn a_writer_killed_mid_import_leaves_the_database_whole_and_the_import_all_or_nothing() {
    let (dir, store) = temp_store();
    drop(store);
    let db = dir.path().join("lianhu.db");
    let file = roster(dir.path(), "big.csv", "湖口村", 20_000);
    let mut child = import(&db, &file);
    // Kill it while it writes: wait until its transaction holds the write lock.
    let wal = dir.path().join("lianhu.db-wal");
    let start = std::time::Instant::now();
    while std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) < 64 * 1024 && start.elapsed().as_secs() < 20 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(9), "the import was still running when killed");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let n: i64 = conn.query_row("SELECT count(*) FROM households", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0, "killed before its commit: nothing of it landed");
    drop(conn);
    // The same import run again lands whole.
    let out = import(&db, &file).wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(count(&db, "SELECT count(*) FROM households"), 20_000);
}
