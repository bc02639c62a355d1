//! The SQLite store: open with the right pragmas, migrate, and one module per
//! table family. Every write is one `BEGIN IMMEDIATE` transaction.

pub mod access;
pub mod audit;
pub mod backup;
pub mod bins;
pub mod bulk;
pub mod bulk_programme;
pub mod checks;
pub mod concerns;
pub mod drafts;
pub mod due;
mod error;
pub mod events;
pub mod export;
pub mod finals;
pub mod households;
pub mod linking;
pub mod links;
pub mod members;
pub mod places;
pub mod programme;
pub mod ratings;
pub mod records;
pub mod redblack;
pub mod registrations;
pub mod score;
pub mod score_detail;
mod score_load;
pub mod summary;
pub mod visits;

pub use error::{Result, StoreError};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Numbered migrations, embedded in the binary. Append only.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_schema.sql")),
        M::up(include_str!("migrations/002_due_index.sql")),
        M::up(include_str!("migrations/003_quarter_finals.sql")),
        M::up(include_str!("migrations/004_programme.sql")).foreign_key_check(),
        M::up(include_str!("migrations/005_idle_index.sql")),
    ])
}

/// Who is at the keyboard: the OS user (SUDO_USER, else USER / LOGNAME).
pub fn os_user() -> String {
    ["SUDO_USER", "USER", "LOGNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Whether a file can be read by every user of the machine (residents'
/// names and phones: 个人信息保护法).
pub fn world_readable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o004 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Local time as stored in timestamps.
pub fn now_text() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

pub fn date_text(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Parses a stored date (`YYYY-MM-DD`, as `date_text` writes it). Lists of
/// tens of thousands of rows parse dates, so this does not go through a
/// format string.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// Runs the reads in `f` as one read transaction: one snapshot, so the
/// queries agree with each other, and SQLite's locks taken once instead of
/// once per statement (the due list runs thousands of small queries).
/// Inside a transaction already, `f` simply runs in it.
pub fn read<T, E>(conn: &Connection, f: impl FnOnce() -> std::result::Result<T, E>) -> std::result::Result<T, E>
where
    E: From<StoreError>,
{
    if !conn.is_autocommit() {
        return f();
    }
    conn.execute_batch("BEGIN").map_err(|e| E::from(e.into()))?;
    let out = f();
    // Only reads happened: ending the transaction cannot lose anything.
    let end = conn.execute_batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" });
    let out = out?;
    end.map_err(|e| E::from(e.into()))?;
    Ok(out)
}

/// An open database and the facts every write records.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The OS user, recorded in the audit log.
    pub who: String,
    /// "Today" (`--today` or the local date).
    pub today: NaiveDate,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path, today: NaiveDate) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let existed = path.exists();
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        if !existed {
            restrict_permissions(path);
        }
        configure(&conn)?;
        migrate(&mut conn)?;
        Ok(Store { conn, path: path.to_path_buf(), who: os_user(), today })
    }

    /// An in-memory database (tests and benchmarks).
    pub fn open_in_memory(today: NaiveDate) -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrate(&mut conn)?;
        Ok(Store { conn, path: PathBuf::from(":memory:"), who: os_user(), today })
    }

    /// The connection itself, for whole-database operations (restore).
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: committed when `f`
    /// returns `Ok`, rolled back otherwise.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Transaction<'_>, &Ctx) -> std::result::Result<T, E>) -> std::result::Result<T, E>
    where
        E: From<StoreError>,
    {
        self.transact(true, f)
    }

    /// As `write`, but when `commit` is false the transaction is always
    /// rolled back (dry runs).
    pub fn transact<T, E>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&Transaction<'_>, &Ctx) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        E: From<StoreError>,
    {
        let ctx = Ctx { who: self.who.clone(), today: self.today, access: access::of(&self.conn, &self.who).map_err(E::from)? };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| E::from(StoreError::from(e)))?;
        let out = f(&tx, &ctx)?;
        if commit {
            tx.commit().map_err(|e| E::from(StoreError::from(e)))?;
        }
        Ok(out)
    }

    /// Whether the database holds no households and no members yet.
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row("SELECT (SELECT count(*) FROM households) + (SELECT count(*) FROM members)", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// SQLite's counter of commits by other connections (`PRAGMA data_version`).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

/// The facts a write records: who and which day.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub who: String,
    pub today: NaiveDate,
    /// What `who` may change (access by village).
    pub access: access::Access,
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // A bounded page cache (8 MB) instead of a memory map: the app stays
    // small on a shared server, and the OS cache still holds the file.
    conn.pragma_update(None, "mmap_size", 0)?;
    conn.pragma_update(None, "cache_size", -8192)?;
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    // Several staff may start at once: take the write lock before looking at
    // the schema version, so only one of them migrates.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    drop(tx);
    // A migration that rebuilds a table (004 changes a CHECK) must run with
    // foreign keys off, as SQLite's ALTER TABLE notes say; each such
    // migration checks the keys itself before it commits.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let done = migrations().to_latest(conn);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    done?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_bad_ones_are_refused() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
        assert_eq!(date_text(d), "2026-02-28");
        assert_eq!(parse_date("2026-02-28"), Some(d));
        for bad in ["2026-02-30", "2026-2-28", "2026/02/28", "20260228xx", "", "２０２６-02-28"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }
}
