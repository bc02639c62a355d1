//! Opening the database file: what is refused before SQLite touches it,
//! read-only when writing is impossible, the pragmas, and the migrations
//! (which take the write lock only when one is due).

use super::{Result, StoreError, backup, files, schema};
use crate::i18n::tf;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// How long a statement waits for another connection's lock.
pub const BUSY: Duration = Duration::from_secs(10);

/// Opens `path`; returns the connection and, when it is read-only, why.
pub fn connect(path: &Path) -> Result<(Connection, Option<String>)> {
    let file = path.display().to_string();
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let existed = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(StoreError::Invalid(tf("safety.is_folder", &[("file", &file)]))),
        Ok(m) => {
            // A file of no bytes (and no WAL holding its pages) is a database
            // cut to nothing, or something else; it is never silently made
            // into a new township.
            if m.len() == 0 && std::fs::metadata(wal_of(path)).map_or(true, |w| w.len() == 0) {
                return Err(StoreError::Invalid(tf("safety.empty_file", &[("file", &file)])));
            }
            true
        }
        Err(_) => {
            std::fs::create_dir_all(dir)?;
            false
        }
    };
    let read_only = if existed { why_read_only(path, dir) } else { None };
    let opened = match &read_only {
        None => open_writable(path, existed),
        Some(_) => open_read_only(path),
    };
    let conn = opened.map_err(|e| e.at(path))?;
    if read_only.is_none() {
        files::sweep(dir);
        files::sweep(&backup::default_dir(path));
    }
    Ok((conn, read_only))
}

fn wal_of(path: &Path) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push("-wal");
    s.into()
}

/// A new database in an empty file this process made.
pub fn create_in(path: &Path) -> Result<Connection> {
    open_writable(path, false)
}

fn open_writable(path: &Path, existed: bool) -> Result<Connection> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if !existed {
        restrict_permissions(path);
    } else {
        // Before any pragma changes the file: is it ours, and not newer?
        conn.busy_timeout(BUSY)?;
        ours(&conn)?;
    }
    configure(&conn)?;
    schema::migrate(&mut conn)?;
    Ok(conn)
}

/// Read-only: the version must be this binary's (migrating needs writing).
/// A WAL database whose folder cannot be written, with nobody else in it
/// (no `-shm` to share), is read as an immutable snapshot.
fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match Connection::open_with_flags(path, flags).and_then(|c| probe(&c).map(|()| c)) {
        Ok(c) => c,
        Err(_) => {
            let c = immutable(path)?;
            probe(&c)?;
            c
        }
    };
    conn.busy_timeout(BUSY)?;
    ours(&conn)?;
    if schema::version(&conn)? < schema::latest() {
        return Err(StoreError::ReadOnly(tf("safety.read_only_old", &[("file", &path.display().to_string())])));
    }
    Ok(conn)
}

/// Refuses a file that another program made (no version, objects that are
/// not ours) and one written by a newer lianhu.
fn ours(conn: &Connection) -> Result<()> {
    let found = schema::version(conn)?;
    if found > schema::latest() {
        return Err(StoreError::Newer { found, known: schema::latest() });
    }
    if found == 0 {
        schema::refuse_foreign(conn)?;
    }
    Ok(())
}

fn probe(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)).map(|_| ())
}

fn busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

/// Opens `path` read-only as an immutable file: SQLite takes no lock and
/// reads or creates no `-wal`, `-shm` or journal beside it.
pub fn immutable(path: &Path) -> rusqlite::Result<Connection> {
    let uri = format!("file:{}?immutable=1", uri_path(path));
    Connection::open_with_flags(uri, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI)
}

/// A path as a `file:` URI's path: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Why this user cannot write the database: the file, or the folder where
/// SQLite keeps its `-wal` and `-shm` files. Asked of the kernel for the
/// real user (`access`), not guessed from permission bits.
fn why_read_only(path: &Path, dir: &Path) -> Option<String> {
    let file = path.display().to_string();
    if !can_write(path) {
        return Some(tf("safety.read_only_file", &[("file", &file)]));
    }
    if !can_write(dir) {
        return Some(tf("safety.read_only_folder", &[("folder", &dir.display().to_string())]));
    }
    None
}

#[cfg(unix)]
fn can_write(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else { return false };
    // SAFETY: access() reads the NUL-terminated path for the call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn can_write(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
}

/// What to say of a damaged database: which file, what SQLite said, and
/// the command that restores the newest backup.
pub fn damage_text(path: &Path, why: &str) -> String {
    let latest = backup::list(&backup::default_dir(path)).into_iter().last();
    let restore = match latest {
        Some(b) => tf("safety.restore_latest", &[("backup", &b.display().to_string())]),
        None => tf("safety.no_backup", &[("dir", &backup::default_dir(path).display().to_string())]),
    };
    tf("safety.damaged_file", &[("file", &path.display().to_string()), ("why", why), ("restore", &restore)])
}

/// `COLLATE natural_zh`: names ordered as a clerk counts (第二组 before
/// 第十组, 2号 before 10号; `domain::order`).
pub fn collations(conn: &Connection) -> Result<()> {
    conn.create_collation("natural_zh", crate::domain::order::natural)?;
    Ok(())
}

pub fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY)?;
    // Turning a rollback-journal file into WAL needs the file to itself;
    // several staff opening it at once get "locked" without SQLite's busy
    // wait (it would deadlock), so the change is retried, within `BUSY`.
    let started = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e) if busy(&e) && started.elapsed() < BUSY => {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => break other?,
        }
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // A bounded page cache (4 MB) instead of a memory map: the app stays
    // small on a shared server, and the OS cache still holds the file.
    conn.pragma_update(None, "mmap_size", 0)?;
    conn.pragma_update(None, "cache_size", -4096)?;
    Ok(())
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // Residents' names and phones: owner and group only. Failing to narrow
    // permissions is not fatal (the app warns about world-readable files).
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660));
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) {}
