//! Consistent copies of the database (SQLite's online backup API), and
//! restoring one: only a sound file that holds exactly what this
//! programme's migrations make is taken, and the database is untouched
//! otherwise.

use super::files::Part;
use super::{Result, Store, StoreError, schema};
use crate::i18n::tf;
use crate::progress::Progress;
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// `backups/` beside the database file.
pub fn default_dir(db: &Path) -> PathBuf {
    db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

/// How long a copy may wait for locks in all before it gives up.
const WAIT: Duration = Duration::from_secs(30);

/// Pages copied per step while the source stays as it was.
const CHUNK: i32 = 2048;

/// Copies `src` into `dst`, telling `progress` the pages copied. The copy
/// goes in steps of `CHUNK` pages while nobody writes; a step-by-step copy
/// starts over whenever another connection writes (on a busy database it
/// might never end), so the moment that is seen the rest is copied in one
/// step (in WAL mode its one read does not hold writers up). A lock held
/// by another connection is waited for, within `WAIT` in all.
fn copy(src: &Connection, dst: &mut Connection, progress: &dyn Progress) -> Result<()> {
    let started = Instant::now();
    let b = Backup::new(src, dst)?;
    let (mut pages, mut copied) = (CHUNK, 0);
    loop {
        let step = b.step(pages)?;
        let p = b.progress();
        let now = u64::try_from(p.pagecount - p.remaining).unwrap_or(0);
        if copied == 0 && now > 0 {
            progress.stage(crate::i18n::t("progress.pages"), u64::try_from(p.pagecount).ok());
        }
        if now < copied {
            // Started over: someone wrote. The rest in one step.
            pages = -1;
        }
        copied = now;
        progress.done(copied);
        match step {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked if started.elapsed() < WAIT => std::thread::sleep(Duration::from_millis(50)),
            StepResult::Busy | StepResult::Locked => return Err(StoreError::Invalid(crate::i18n::t("safety.copy_busy").to_string())),
            _ => {}
        }
    }
}

/// SQLite's quick check of the open database: the problems it found.
pub fn quick_check(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>();
    match rows {
        Ok(rows) => Ok(rows.into_iter().filter(|s| s != "ok").take(10).collect()),
        Err(e) => Ok(vec![e.to_string()]),
    }
}

/// Writes a copy of the database open on `src` to `target`, through a part
/// renamed when complete (a copy cut short never passes for a backup).
pub fn copy_to(src: &Connection, target: &Path, progress: &dyn Progress) -> Result<PathBuf> {
    let mode = src.path().map_or(0o640, |p| super::files::mode_for(Path::new(p)));
    let part = Part::with_mode(target, mode)?;
    {
        let mut dst = Connection::open(part.path())?;
        // A new file that is thrown away if this fails: no journal needed.
        dst.pragma_update(None, "journal_mode", "OFF")?;
        dst.pragma_update(None, "cache_size", SMALL_CACHE)?;
        copy(src, &mut dst, progress)?;
        dst.close().map_err(|(_, e)| e)?;
    }
    Ok(part.commit()?)
}

/// Copies the database open on `src` into `dir` as
/// `lianhu-YYYYMMDD-HHMMSS.db` (a numeric suffix when that name is taken).
/// A damaged database is refused: its copy would pass for a good backup.
/// Returns the new file.
pub fn backup_to_dir(src: &Connection, dir: &Path, progress: &dyn Progress) -> Result<PathBuf> {
    let problems = quick_check(src)?;
    if !problems.is_empty() {
        let path = src.path().unwrap_or_default().to_string();
        return Err(StoreError::DamagedFile(tf("safety.backup_refused", &[("file", &path), ("why", &problems.join("; "))])));
    }
    super::files::make_dir_for(dir, Path::new(src.path().unwrap_or_default()))?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let mut path = dir.join(format!("lianhu-{stamp}.db"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("lianhu-{stamp}-{n}.db"));
    }
    copy_to(src, &path, progress)
}

/// The page cache of the connections a copy uses (KiB, as SQLite takes it).
const SMALL_CACHE: i64 = -256;

/// How many daily backups are kept.
pub const KEEP: usize = 14;

/// The backups in `dir`, oldest first (their names sort by time).
pub fn list(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    out.retain(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("lianhu-") && n.ends_with(".db")));
    out.sort_unstable();
    out
}

/// The first start of a day backs the database `db` up beside it and keeps
/// the newest `KEEP`. Returns the new backup, or None when today's exists.
/// It reads on a connection of its own, so that the app can run it on a
/// thread of its own while the user works. A damaged database is not
/// copied and no backup is rotated out: the error says so.
pub fn daily(db: &Path) -> Result<Option<PathBuf>> {
    let dir = default_dir(db);
    // What interrupted backups left (their parts and journals) goes first.
    super::files::sweep(&dir);
    let today = chrono::Local::now().format("lianhu-%Y%m%d-").to_string();
    if list(&dir).iter().any(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&today))) {
        return Ok(None);
    }
    // Another session of the same day is making it (its part is locked).
    if super::files::being_written(&dir, &format!(".{today}")) {
        return Ok(None);
    }
    let src = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    // The app's memory: a page cache of 256 KiB is enough to copy through.
    src.pragma_update(None, "cache_size", SMALL_CACHE)?;
    let made = backup_to_dir(&src, &dir, &crate::progress::SILENT)?;
    let all = list(&dir);
    for old in all.iter().take(all.len().saturating_sub(KEEP)) {
        std::fs::remove_file(old)?;
    }
    Ok(Some(made))
}

/// The first bytes of every SQLite database file.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Refuses `file` as a backup, saying why.
fn bad(file: &Path, why: &str) -> StoreError {
    StoreError::Invalid(tf("err.bad_backup", &[("file", &file.display().to_string()), ("why", why)]))
}

/// A private copy of the backup `file` beside the database, read as an
/// immutable file: whatever `-wal` or `-shm` files lie beside the backup
/// (left by someone else's program) are never read, locked or created,
/// and the copy is gone when the returned part is dropped.
fn private_copy(file: &Path, db: &Path) -> Result<(Part, Connection)> {
    use std::io::{Read, Seek, SeekFrom, Write};
    let mut head = [0u8; 100];
    let mut src = std::fs::File::open(file).map_err(|e| bad(file, &e.to_string()))?;
    if src.read_exact(&mut head).is_err() || &head[..16] != MAGIC {
        return Err(bad(file, crate::i18n::t("safety.not_sqlite")));
    }
    src.seek(SeekFrom::Start(0))?;
    let name = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let part = Part::new(&db.with_file_name(format!("{name}.restore")))?;
    let mut out = std::fs::OpenOptions::new().write(true).open(part.path())?;
    std::io::copy(&mut src, &mut out)?;
    // A WAL-mode file (bytes 18 and 19 are 2) would be read with its WAL;
    // the copy is marked as a rollback-journal file, read on its own.
    if head[18] == 2 || head[19] == 2 {
        out.seek(SeekFrom::Start(18))?;
        out.write_all(&[1, 1])?;
    }
    out.sync_all()?;
    drop(out);
    let conn = open_private(part.path()).map_err(|e| bad(file, &e.to_string()))?;
    Ok((part, conn))
}

/// Why `src` (a backup being restored) is not what this programme makes:
/// None when it is sound and holds exactly its migrations' schema.
pub fn unsound(src: &Connection) -> Option<String> {
    let version = match schema::version(src) {
        Ok(v) => v,
        Err(e) => return Some(e.to_string()),
    };
    if version < 1 {
        return Some(crate::i18n::t("safety.no_version").to_string());
    }
    if version > schema::latest() {
        return Some(StoreError::Newer { found: version, known: schema::latest() }.to_string());
    }
    let mut problems: Vec<String> = Vec::new();
    match src
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>())
    {
        Ok(rows) => problems.extend(rows.into_iter().filter(|r| r != "ok").take(5)),
        Err(e) => problems.push(e.to_string()),
    }
    if !problems.is_empty() {
        return Some(problems.join("; "));
    }
    match src.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get::<_, i64>(0)) {
        Ok(0) => {}
        Ok(n) => return Some(tf("safety.broken_keys", &[("count", &n.to_string())])),
        Err(e) => return Some(e.to_string()),
    }
    match schema::compare(src) {
        Ok(d) if d.is_empty() => None,
        Ok(d) => Some(d.describe()),
        Err(e) => Some(e.to_string()),
    }
}

/// Replaces the database's content with `file` while others may be
/// working. The file is copied first and read only as that private copy;
/// it must pass SQLite's integrity and foreign key checks, carry a schema
/// version this binary knows and exactly the tables, indexes, triggers and
/// views its migrations make at that version. The content it replaces is
/// kept first as `<db>.before-restore-YYYYMMDD-HHMMSS`; an older version is
/// migrated after the copy. Every wait is bounded. Returns the kept file.
pub fn restore(store: &mut Store, file: &Path, progress: &dyn Progress) -> Result<PathBuf> {
    if let Some(why) = &store.read_only {
        return Err(StoreError::ReadOnly(why.clone()));
    }
    let db = store.path().to_path_buf();
    let (copy_part, src) = private_copy(file, &db)?;
    if let Some(why) = unsound(&src) {
        return Err(bad(file, &why));
    }
    let kept = replace_with(store, &src, "before-restore", progress)?;
    drop(copy_part);
    Ok(kept)
}

/// Keeps the database's whole content as `<db>.<label>-YYYYMMDD-HHMMSS`
/// (an online backup: every committed change, the WAL's included), then
/// copies `src` into the same file, so that sessions already open see the
/// new content on their next read; nothing is moved or deleted. Migrates
/// what came in when it is older. Returns the kept file.
pub fn replace_with(store: &mut Store, src: &Connection, label: &str, progress: &dyn Progress) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let kept = copy_to(store.conn(), &PathBuf::from(format!("{}.{label}-{stamp}", store.path().display())), progress)?;
    copy(src, store.conn_mut(), progress)?;
    schema::migrate(store.conn_mut())?;
    // What came in is not trusted to keep its own standings right.
    store.write(|tx, _| super::standing::mark_all(tx))?;
    Ok(kept)
}

/// Opens a database file this process made and holds (a part) for reading
/// only, touching nothing beside it.
pub fn open_private(path: &Path) -> Result<Connection> {
    Ok(super::open::immutable(path)?)
}
