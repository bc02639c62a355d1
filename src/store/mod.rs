//! The SQLite store: open with the right pragmas, migrate, and one module per
//! table family. Every write is one `BEGIN IMMEDIATE` transaction.

pub mod access;
pub mod audit;
pub mod backup;
pub mod bulk;
pub mod checks;
pub mod concerns;
pub mod drafts;
pub mod due;
mod error;
pub mod export;
pub mod files;
pub mod history;
pub mod households;
pub mod identity;
pub mod keys;
pub mod linking;
pub mod links;
pub mod members;
mod open;
pub mod overview;
pub mod perms;
pub mod places;
pub mod prefs;
pub mod programme;
pub mod ratings;
pub mod records;
pub mod report;
pub mod schema;
pub mod scores;
pub mod standing;
pub mod visits;

pub use error::{Result, StoreError};

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// The rules: the embedded defaults, overridden by a `rules.toml` beside
/// the database `db`.
pub fn rules_for(db: &Path) -> Result<crate::domain::rules::Rules> {
    let path = db.parent().unwrap_or(Path::new(".")).join("rules.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => crate::domain::rules::Rules::with_override(&text).map_err(|e| StoreError::Invalid(format!("{}: {e}", path.display()))),
        Err(_) => Ok(crate::domain::rules::Rules::defaults()),
    }
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
    /// Who is at the keyboard (`identity`), recorded in the audit log.
    pub who: String,
    /// The database owner's login when that is the real user: the
    /// owner speaking for themselves is always an administrator.
    owner: Option<String>,
    /// "Today" (`--today` or the local date).
    pub today: NaiveDate,
    /// Why writes are refused, when the file or its folder cannot be
    /// written (the database was opened read-only).
    pub read_only: Option<String>,
    /// Set while a form is being saved: the write that saves it also
    /// clears the user's draft, in the same transaction, so that a kill
    /// right after the save cannot bring the form back as unsaved.
    pub saving_form: bool,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    /// Refuses an empty file, another program's database, a newer schema
    /// and a damaged file, each with what to do; opens read-only when the
    /// file or its folder cannot be written.
    pub fn open(path: &Path, today: NaiveDate) -> Result<Store> {
        Store::open_as(path, today, None)
    }

    /// As `open`, speaking as `as_name` (`--as`): allowed to the file's
    /// owner only.
    pub fn open_as(path: &Path, today: NaiveDate, as_name: Option<&str>) -> Result<Store> {
        let id = identity::resolve(path, as_name)?;
        let (conn, read_only) = open::connect(path)?;
        open::collations(&conn)?;
        Ok(Store { conn, path: path.to_path_buf(), who: id.who, owner: id.owner, today, read_only, saving_form: false })
    }

    /// Creates a database in `path`, an empty file this process has just
    /// made (a part being filled, as `demo --force` does).
    pub fn create_in(path: &Path, today: NaiveDate) -> Result<Store> {
        let conn = open::create_in(path)?;
        open::collations(&conn)?;
        let id = identity::resolve(path, None)?;
        Ok(Store { conn, path: path.to_path_buf(), who: id.who, owner: id.owner, today, read_only: None, saving_form: false })
    }

    /// An in-memory database (tests and benchmarks).
    pub fn open_in_memory(today: NaiveDate) -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        open::configure(&conn)?;
        open::collations(&conn)?;
        schema::migrate(&mut conn)?;
        let who = identity::real_user();
        Ok(Store { conn, path: PathBuf::from(":memory:"), owner: Some(who.clone()), who, today, read_only: None, saving_form: false })
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
        let ctx = self.begin().map_err(E::from)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| E::from(StoreError::from(e)))?;
        let out = f(&tx, &ctx)?;
        finish(tx, &ctx, self.saving_form, commit).map_err(E::from)?;
        Ok(out)
    }

    /// What every write checks before it takes the lock (one copy, not
    /// one per kind of write).
    #[inline(never)]
    fn begin(&self) -> Result<Ctx> {
        if let Some(why) = &self.read_only {
            return Err(StoreError::ReadOnly(why.clone()));
        }
        self.ctx()
    }

    /// The facts a write would record, for checking a write before taking
    /// the lock (an import validates its whole file this way first).
    pub fn ctx(&self) -> Result<Ctx> {
        let owner = self.owner.as_deref() == Some(self.who.as_str());
        Ok(Ctx { who: self.who.clone(), today: self.today, access: access::of(&self.conn, &self.who, owner)? })
    }

    /// Why this user may not write here at all (a read-only file, a reader,
    /// a user not on the list), said at once; None when some write may be
    /// allowed (each write still checks its village).
    pub fn why_no_writes(&self) -> Option<String> {
        if let Some(why) = &self.read_only {
            return Some(why.clone());
        }
        match self.ctx() {
            Ok(ctx) => access::refusal(&ctx),
            Err(e) => Some(e.to_string()),
        }
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

/// The end of every write: the standings of the households it touched
/// computed again, the form's draft gone with its save, then the commit
/// (or, for a dry run, the rollback when `tx` drops).
#[inline(never)]
fn finish(tx: Transaction<'_>, ctx: &Ctx, saving_form: bool, commit: bool) -> Result<()> {
    standing::settle(&tx)?;
    if saving_form {
        drafts::clear(&tx, &ctx.who)?;
    }
    if commit {
        tx.commit()?;
    }
    Ok(())
}

/// The facts a write records: who and which day.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub who: String,
    pub today: NaiveDate,
    /// What `who` may change (access by village).
    pub access: access::Access,
}

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
}
