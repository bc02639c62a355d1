//! Consistent copies of the database (SQLite's online backup API).

use super::{Result, Store};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `backups/` beside the database file.
pub fn default_dir(db: &Path) -> PathBuf {
    db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

/// Copies the database open on `src` into `dir` as
/// `lianhu-YYYYMMDD-HHMMSS.db` (a numeric suffix when that name is taken).
/// Returns the new file.
pub fn backup_to_dir(src: &Connection, dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let mut path = dir.join(format!("lianhu-{stamp}.db"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("lianhu-{stamp}-{n}.db"));
    }
    // Written under another name and renamed when complete, so that a copy
    // cut short (the app closed meanwhile) never passes for a backup.
    let part = path.with_extension(PART);
    let mut dst = Connection::open(&part)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&part, std::fs::Permissions::from_mode(0o640))?;
    }
    {
        let b = rusqlite::backup::Backup::new(src, &mut dst)?;
        // One step: a copy made in small steps starts over whenever another
        // connection writes, and on a busy database might never end. In WAL
        // mode the one read it takes does not hold writers up.
        while b.step(-1)? != rusqlite::backup::StepResult::Done {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    dst.close().map_err(|(_, e)| e)?;
    std::fs::rename(&part, &path)?;
    Ok(path)
}

/// The extension of a backup being written.
const PART: &str = "db.part";

/// How many daily backups are kept.
pub const KEEP: usize = 14;

/// The backups in `dir`, oldest first (their names sort by time).
pub fn list(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    out.retain(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("lianhu-") && n.ends_with(".db")));
    out.sort();
    out
}

/// The first start of a day backs the database `db` up beside it and keeps
/// the newest `KEEP`. Returns the new backup, or None when today's exists.
/// It reads on a connection of its own, so that the app can run it on a
/// thread of its own while the user works.
pub fn daily(db: &Path) -> Result<Option<PathBuf>> {
    let dir = default_dir(db);
    let today = chrono::Local::now().format("lianhu-%Y%m%d-").to_string();
    if list(&dir).iter().any(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&today))) {
        return Ok(None);
    }
    // Copies cut short on an earlier day go first.
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        if entry.file_name().to_str().is_some_and(|n| n.starts_with("lianhu-") && n.ends_with(PART)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let src = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let made = backup_to_dir(&src, &dir)?;
    let all = list(&dir);
    for old in all.iter().take(all.len().saturating_sub(KEEP)) {
        std::fs::remove_file(old)?;
    }
    Ok(Some(made))
}

/// Replaces the database's content with `file` while others may be
/// working: the file must pass SQLite's integrity check and carry this
/// programme's schema; the content it replaces is kept first as
/// `<db>.before-restore-YYYYMMDD-HHMMSS`. Returns that file.
pub fn restore(store: &mut Store, file: &Path) -> Result<PathBuf> {
    let src = Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| super::StoreError::Invalid(format!("{}: {e}", file.display())))?;
    let check: String = src.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap_or_else(|e| e.to_string());
    let version: i64 = src.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap_or(0);
    let has_schema =
        src.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'households'", [], |r| r.get::<_, i64>(0)).unwrap_or(0) == 1;
    if check != "ok" || version < 1 || !has_schema {
        return Err(super::StoreError::Invalid(crate::i18n::tf(
            "err.bad_backup",
            &[("file", &file.display().to_string()), ("why", &check)],
        )));
    }
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let kept = PathBuf::from(format!("{}.before-restore-{stamp}", store.path().display()));
    {
        let mut dst = Connection::open(&kept)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640))?;
        }
        rusqlite::backup::Backup::new(store.conn(), &mut dst)?.run_to_completion(256, Duration::from_millis(5), None)?;
    }
    rusqlite::backup::Backup::new(&src, store.conn_mut())?.run_to_completion(256, Duration::from_millis(5), None)?;
    Ok(kept)
}
