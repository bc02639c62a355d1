//! Nothing lost, whatever happens. Crafted backups, files that
//! are not what they seem, locks, careless commands on a file in use, and
//! output that cannot be written. Each test failed before its fix.

mod common;

use common::*;
use lianhu::store::{Store, StoreError, schema};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A township and a backup of it made by `lianhu backup`.
fn township_with_backup(dir: &Path) -> (PathBuf, PathBuf) {
    let db = dir.join("town.db");
    drop(township(&db));
    let out = lianhu(&db, &["backup"]);
    assert!(out.status.success(), "{}", stderr(&out));
    (db, PathBuf::from(String::from_utf8(out.stdout).unwrap().trim()))
}

/// A file of schema version `v`, as that version's migrations made it.
fn old_file(path: &Path, v: i64) {
    let conn = schema::reference(v).unwrap();
    conn.execute("VACUUM INTO ?1", [path.to_str().unwrap()]).unwrap();
}

#[test]
fn restore_refuses_a_backup_carrying_a_trigger_and_the_database_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = township_with_backup(dir.path());
    let crafted = dir.path().join("crafted.db");
    std::fs::copy(&backup, &crafted).unwrap();
    rusqlite::Connection::open(&crafted)
        .unwrap()
        .execute_batch("CREATE TRIGGER eat AFTER INSERT ON visits BEGIN DELETE FROM visits WHERE id = new.id; END;")
        .unwrap();
    let out = lianhu(&db, &["restore", crafted.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("trigger eat"), "{}", stderr(&out));
    assert_eq!(count(&db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'eat'"), 0);
    assert!(!std::fs::read_dir(dir.path()).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains("before-restore")));
    // And `check` names such an object when it is in the database itself.
    rusqlite::Connection::open(&db).unwrap().execute_batch("CREATE VIEW peek AS SELECT * FROM households;").unwrap();
    let out = lianhu(&db, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("view peek"), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn restore_refuses_an_unknown_version_and_every_command_still_opens_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = township_with_backup(dir.path());
    let crafted = dir.path().join("v99.db");
    std::fs::copy(&backup, &crafted).unwrap();
    rusqlite::Connection::open(&crafted).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let out = lianhu(&db, &["restore", crafted.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("较新版本"), "{}", stderr(&out));
    assert!(lianhu(&db, &["due"]).status.success(), "the database still opens");
    // The same file given as --db says what it is.
    let out = lianhu(&crafted, &["due"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("结构版本 99"), "{}", stderr(&out));
}

#[test]
fn restore_takes_an_older_version_and_migrates_it_after_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("town.db");
    drop(township(&db));
    let old = dir.path().join("v3.db");
    old_file(&old, 3);
    let out = lianhu(&db, &["restore", old.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count(&db, "PRAGMA user_version"), schema::latest());
    assert_eq!(count(&db, "SELECT count(*) FROM households"), 0, "the old (empty) content came in");
    assert!(lianhu(&db, &["check"]).status.success());
}

#[test]
fn a_second_restore_with_files_beside_the_backup_finishes_and_leaves_nothing_there() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = township_with_backup(dir.path());
    // What an earlier restore by someone else's program left beside it.
    let wal = PathBuf::from(format!("{}-wal", backup.display()));
    let shm = PathBuf::from(format!("{}-shm", backup.display()));
    std::fs::write(&wal, vec![0xAB; 4096]).unwrap();
    std::fs::write(&shm, vec![0xCD; 32768]).unwrap();
    let listing = |d: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    };
    let before = listing(backup.parent().unwrap());
    for round in 0..2 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lianhu"))
            .args(["restore", backup.to_str().unwrap()])
            .env("LIANHU_DB", &db)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(30) {
                child.kill().unwrap();
                panic!("restore {round} hangs");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(child.wait().unwrap().success(), "restore {round}");
    }
    assert_eq!(listing(backup.parent().unwrap()), before, "nothing created or removed beside the backup");
    assert_eq!(std::fs::read(&wal).unwrap(), vec![0xAB; 4096]);
    assert!(!std::fs::read_dir(dir.path()).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().ends_with("lianhu-part")));
}

#[test]
fn four_staff_opening_an_old_file_at_once_all_get_in_and_it_migrates_once() {
    for round in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("old.db");
        old_file(&db, 3);
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (db, barrier) = (db.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&db, today()).map(|_| ())
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap().unwrap_or_else(|e| panic!("round {round}: {e}"));
        }
        assert_eq!(count(&db, "PRAGMA user_version"), schema::latest());
    }
}

#[test]
fn a_reader_opens_and_reads_while_a_long_write_holds_the_lock() {
    let (dir, store) = temp_store();
    drop(store);
    let db = dir.path().join("lianhu.db");
    drop(township(&db));
    // Someone else's long write: the lock held for 5 s.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE; INSERT INTO villages (name) VALUES ('临时村');").unwrap();
    let started = Instant::now();
    let out = lianhu(&db, &["due", "--format", "json"]);
    let took = started.elapsed();
    holder.execute_batch("ROLLBACK").unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(took < Duration::from_secs(3), "the read waited {took:?}");
}

#[test]
fn files_that_are_not_lianhu_databases_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // Another program's database.
    let photos = dir.path().join("photos.db");
    rusqlite::Connection::open(&photos).unwrap().execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT);").unwrap();
    let before = std::fs::read(&photos).unwrap();
    let out = lianhu(&photos, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("不是联户通的数据库") && stderr(&out).contains("photos"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&photos).unwrap(), before, "not one byte changed");
    assert_eq!(count(&photos, "SELECT count(*) FROM sqlite_schema"), 1);
    // A file cut to nothing.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let out = lianhu(&empty, &["due"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("空文件"), "{}", stderr(&out));
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
    // Not a database at all.
    let text = write(dir.path(), "notes.db", &"这不是数据库。".repeat(400));
    let out = lianhu(&text, &["due"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("已损坏或不是数据库"), "{}", stderr(&out));
}

/// Overwrites the root page of the visits table: the file opens (its
/// schema is whole) but SQLite's checks see it damaged.
fn damage(db: &Path) {
    let root: i64 = count(db, "SELECT rootpage FROM sqlite_schema WHERE name = 'visits'");
    let mut bytes = std::fs::read(db).unwrap();
    let at = (root as usize - 1) * 4096;
    for b in &mut bytes[at + 12..at + 400] {
        *b = 0x5A;
    }
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn a_damaged_database_is_not_backed_up_and_says_how_to_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("town.db");
    let out = lianhu(&db, &["demo", "--households", "300", "--years", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let good = lianhu(&db, &["backup"]);
    assert!(good.status.success());
    // Yesterday's good backup.
    let made = PathBuf::from(String::from_utf8(good.stdout).unwrap().trim());
    let good = made.with_file_name("lianhu-20261130-080000.db");
    std::fs::rename(&made, &good).unwrap();
    rusqlite::Connection::open(&db).unwrap().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    damage(&db);
    let out = lianhu(&db, &["backup"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("拒绝备份"), "{}", stderr(&out));
    assert_eq!(lianhu::store::backup::list(good.parent().unwrap()), vec![good.clone()], "no bad copy beside the good one");
    // The daily backup refuses the same way and rotates nothing out.
    assert!(lianhu::store::backup::daily(&db).is_err());
    assert!(good.exists());
    // Reading it says it is damaged and names the backup to restore.
    let out = lianhu(&db, &["export", "visits", dir.path().join("v.csv").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("v.csv").exists(), "no half export");
    let text = stderr(&out);
    assert!(text.contains("已损坏") && text.contains(&format!("lianhu restore {}", good.display())), "{text}");
}

#[test]
fn demo_force_under_an_open_session_keeps_every_committed_change_in_the_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("town.db");
    drop(township(&db));
    // A session that stays open, with a read in progress and changes
    // committed since the last checkpoint (still in the WAL).
    let mut session = Store::open(&db, today()).unwrap();
    session
        .write(|tx, ctx| {
            lianhu::store::households::save(tx, ctx, None, &household("湖口村", "司马光", "湖口村九组9号", "一般户").validate().unwrap())
        })
        .unwrap();
    let reader = rusqlite::Connection::open(&db).unwrap();
    reader.execute_batch("BEGIN; SELECT count(*) FROM households;").unwrap();
    let out = lianhu(&db, &["demo", "--households", "60", "--years", "1", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    reader.execute_batch("COMMIT").unwrap();
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("town.db.before-demo-"))
        .collect();
    assert_eq!(kept.len(), 1, "the whole old content is kept");
    assert_eq!(count(&kept[0], "SELECT count(*) FROM households WHERE head = '司马光'"), 1, "with the change the WAL held");
    // The open session is in the same file: it sees the demo and its next
    // save lands where everyone else reads.
    let n: i64 = session.conn().query_row("SELECT count(*) FROM households", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 60);
    session
        .write(|tx, ctx| {
            lianhu::store::households::save(tx, ctx, None, &household("湖口村", "司马迁", "湖口村九组10号", "一般户").validate().unwrap())
        })
        .unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM households WHERE head = '司马迁'"), 1);
    assert!(!std::fs::read_dir(dir.path()).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains("lianhu-part")));
}

#[test]
fn demo_size_is_capped() {
    let dir = tempfile::tempdir().unwrap();
    let out = lianhu(&dir.path().join("d.db"), &["demo", "--households", "10000000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("100000"), "{}", stderr(&out));
    assert!(!dir.path().join("d.db").exists() || std::fs::metadata(dir.path().join("d.db")).unwrap().len() < 200_000);
}

/// Runs the binary with its standard output already closed (`| true`).
fn with_closed_stdout(db: &Path, args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let child = Command::new(env!("CARGO_BIN_EXE_lianhu"))
        .args(args)
        .env("LIANHU_DB", db)
        .env("LIANHU_TODAY", "2026-11-22")
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_or_full_stdout_never_panics_and_the_exit_code_tells_the_truth() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("town.db");
    drop(township(&db));
    for args in [&["check"][..], &["backup"], &["users", "list"], &["due"], &["score", "--quarter", "2026Q3"]] {
        let out = with_closed_stdout(&db, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{args:?}");
    }
    let roster = write(dir.path(), "h.csv", "村,地址,户主,类别\n湖口村,湖口村九组9号,司马光,一般户\n");
    let out = with_closed_stdout(&db, &["import", "households", roster.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "the import committed: {}", stderr(&out));
    assert_eq!(count(&db, "SELECT count(*) FROM households WHERE head = '司马光'"), 1);
    // A full disk: a report that could not be written fails; a write that
    // happened still says so.
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_lianhu"))
            .args(args)
            .env("LIANHU_DB", &db)
            .env("LIANHU_TODAY", "2026-11-22")
            .stdout(full())
            .stderr(Stdio::piped())
            .output()
            .unwrap()
    };
    let out = run(&["due"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("无法写出输出"), "{}", stderr(&out));
    let roster = write(dir.path(), "h2.csv", "村,地址,户主,类别\n湖口村,湖口村九组10号,司马迁,一般户\n");
    let out = run(&["import", "households", roster.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn a_file_of_thousands_of_bad_rows_reports_the_first_hundred_with_short_values() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("town.db");
    drop(township(&db));
    let mut text = String::from("村,户主,地址,党员,党员电话,日期\n");
    let long = "很长的地址".repeat(400);
    for i in 0..5000 {
        text += &format!("湖口村,无此人{i},{long},王芳,13900000001,2026-11-01\n");
    }
    let file = write(dir.path(), "v.csv", &text);
    let out = lianhu(&db, &["import", "visits", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines.len() <= 106, "{} lines", lines.len());
    assert!(err.contains("另有 4900 处错误未列出"), "{}", lines.last().unwrap());
    assert!(err.contains("有 5000 处错误"));
    assert!(lines.iter().all(|l| l.chars().count() < 400), "values are cut: {}", lines[0]);
}

#[test]
fn exports_never_write_through_a_link_and_are_made_0640() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("town.db");
    drop(township(&db));
    let secret = write(dir.path(), "secret.txt", "keep me");
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    let out = lianhu(&db, &["export", "households", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("符号链接"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "keep me");
    let open = write(dir.path(), "h.csv", "old");
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o666)).unwrap();
    assert!(lianhu(&db, &["export", "households", open.to_str().unwrap()]).status.success());
    assert_eq!(std::fs::metadata(&open).unwrap().permissions().mode() & 0o777, 0o640);
    assert!(std::fs::read_to_string(&open).unwrap().contains("张三丰"));
    // A failed export (the folder is gone) leaves nothing behind.
    let out = lianhu(&db, &["export", "households", dir.path().join("no/such/dir/h.csv").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_read_only_database_is_read_and_writes_say_why_they_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("town.db");
    drop(township(&db));
    // As another user (root may write anything): the file 0644 in a folder
    // that user may enter but not write.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let as_nobody = |args: &[&str]| {
        let is_root = unsafe { libc_getuid() } == 0;
        let mut cmd = if is_root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_lianhu")]);
            c
        } else {
            std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
            Command::new(env!("CARGO_BIN_EXE_lianhu"))
        };
        cmd.args(args).env("LIANHU_DB", &db).env("LIANHU_TODAY", "2026-11-22").output().unwrap()
    };
    if unsafe { libc_getuid() } == 0 && Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: running as root without setpriv");
        return;
    }
    let out = as_nobody(&["due", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("张三丰"));
    let roster = write(dir.path(), "h.csv", "村,地址,户主,类别\n湖口村,湖口村九组9号,司马光,一般户\n");
    std::fs::set_permissions(&roster, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = as_nobody(&["import", "households", roster.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("只读"), "{}", stderr(&out));
}

unsafe extern "C" {
    #[link_name = "getuid"]
    fn libc_getuid() -> u32;
}

#[test]
fn store_errors_name_what_was_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    old_file(&db, schema::latest());
    rusqlite::Connection::open(&db).unwrap().pragma_update(None, "user_version", schema::latest() + 1).unwrap();
    match Store::open(&db, today()) {
        Err(StoreError::Newer { found, known }) => assert_eq!((found, known), (schema::latest() + 1, schema::latest())),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("opened a newer file"),
    }
}

mod workbooks {
    use lianhu::io::read_table;
    use proptest::prelude::*;

    /// A sheet with cells at the given (row, column) positions.
    fn book(path: &std::path::Path, cells: &[(u32, u16, &str)]) {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheet = wb.add_worksheet();
        for (r, c, v) in cells {
            sheet.write_string(*r, *c, *v).unwrap();
        }
        wb.save(path).unwrap();
    }

    #[test]
    fn a_sheet_claiming_the_last_cell_of_excel_is_refused_not_allocated() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("huge.xlsx");
        book(&p, &[(0, 0, "村"), (1_048_575, 16_383, "x")]);
        assert!(std::fs::metadata(&p).unwrap().len() < 10_000);
        let e = read_table(&p).unwrap_err().to_string();
        assert!(e.contains("表格太大") && e.contains("1048576"), "{e}");
        // Through the CLI too, with an exit code and no abort.
        let db = dir.path().join("t.db");
        let out = super::lianhu(&db, &["import", "households", p.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", super::stderr(&out));
    }

    #[test]
    fn a_zip_that_inflates_past_the_limit_is_refused_before_reading() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bomb.xlsx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&p).unwrap());
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..300 {
            zip.write_all(&chunk).unwrap();
        }
        zip.finish().unwrap();
        assert!(std::fs::metadata(&p).unwrap().len() < 2_000_000);
        let e = read_table(&p).unwrap_err().to_string();
        assert!(e.contains("256 MB"), "{e}");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Whatever cells a sheet has, the reader returns them within its
        /// bounds or refuses; and a workbook with bytes changed never
        /// panics.
        #[test]
        fn the_reader_stays_within_bounds(
            cells in proptest::collection::vec((0u32..400_000, 0u16..400, "[a-z村户]{1,6}"), 1..20),
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("t.xlsx");
            let cells: Vec<(u32, u16, &str)> = cells.iter().map(|(r, c, v)| (*r, *c, v.as_str())).collect();
            book(&p, &cells);
            let beyond = cells.iter().any(|(r, c, _)| *r >= 200_000 || *c >= 200);
            match read_table(&p) {
                Ok(t) => {
                    prop_assert!(!beyond);
                    prop_assert!(t.rows.len() <= 200_000);
                    prop_assert!(t.headers.len() <= 200 && t.rows.iter().all(|(_, r)| r.len() <= 200));
                }
                Err(e) => prop_assert!(beyond, "{e}"),
            }
            let mut bytes = std::fs::read(&p).unwrap();
            for (i, b) in &flips {
                let at = i.index(bytes.len());
                bytes[at] = *b;
            }
            std::fs::write(&p, &bytes).unwrap();
            let _ = read_table(&p);
        }
    }
}
