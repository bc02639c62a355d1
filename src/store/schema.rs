//! The schema: numbered migrations, applied under the write lock only when
//! one is due, and the check that a file holds exactly what they make.
//!
//! `rusqlite_migration` was used before; it reads the version outside the
//! transaction that migrates, so two staff starting at once both ran the
//! same migration ("index … already exists"). Here the version is read
//! without any lock on every open, and read again under `BEGIN IMMEDIATE`
//! before anything is applied.

use super::{Result, StoreError};
use rusqlite::{Connection, TransactionBehavior};

/// One migration: its SQL, and whether foreign keys are checked after it
/// (it rebuilds a table, which runs with foreign keys off).
struct Migration {
    sql: &'static str,
    check_keys: bool,
}

/// Append only: the position is the schema version it produces.
const MIGRATIONS: &[Migration] = &[
    Migration { sql: include_str!("migrations/001_schema.sql"), check_keys: false },
    Migration { sql: include_str!("migrations/002_due_index.sql"), check_keys: false },
    Migration { sql: include_str!("migrations/003_quarter_finals.sql"), check_keys: false },
    Migration { sql: include_str!("migrations/004_programme.sql"), check_keys: true },
    Migration { sql: include_str!("migrations/005_idle_index.sql"), check_keys: false },
    Migration { sql: include_str!("migrations/006_prefs.sql"), check_keys: false },
    Migration { sql: include_str!("migrations/007_overview_indexes.sql"), check_keys: false },
    Migration { sql: include_str!("migrations/008_standings.sql"), check_keys: false },
    Migration { sql: include_str!("migrations/009_overview_months.sql"), check_keys: false },
];

/// The version from which the kept standings exist (and are settled).
const STANDINGS: i64 = 8;

/// The schema version this binary writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// The tables, indexes, triggers and views in a file, as (type, name, SQL),
/// sorted; SQLite's own objects left out.
pub fn objects(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Brings the database up to `latest()`. Costs one read when nothing is
/// due; takes the write lock only to migrate, and then reads the version
/// again under it, so that of several staff starting at once only the first
/// migrates. Refuses a file that another program made, and one written by
/// a newer lianhu.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found = version(conn)?;
    if found == latest() {
        return Ok(());
    }
    if found > latest() {
        return Err(StoreError::Newer { found, known: latest() });
    }
    // A migration that rebuilds a table (004 changes a CHECK) must run with
    // foreign keys off, as SQLite's ALTER TABLE notes say; the pragma has no
    // effect inside a transaction, so it is set around it.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let done = migrate_locked(conn, latest());
    conn.pragma_update(None, "foreign_keys", "ON")?;
    done
}

/// Applies the migrations up to `target` in one `BEGIN IMMEDIATE`
/// transaction, after reading the version again under the lock.
fn migrate_locked(conn: &mut Connection, target: i64) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = version(&tx)?;
    if found > latest() {
        return Err(StoreError::Newer { found, known: latest() });
    }
    if found == 0 {
        refuse_foreign(&tx)?;
    }
    for (i, m) in MIGRATIONS.iter().enumerate().take(usize::try_from(target).unwrap_or(0)).skip(usize::try_from(found).unwrap_or(0)) {
        tx.execute_batch(m.sql).map_err(|e| StoreError::Migration(format!("{:03}: {e}", i + 1)))?;
        if m.check_keys {
            let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
            if broken > 0 {
                return Err(StoreError::Migration(format!("{:03}: foreign_key_check: {broken}", i + 1)));
            }
        }
    }
    if target >= STANDINGS {
        super::standing::settle(&tx)?;
    }
    tx.pragma_update(None, "user_version", target.max(found))?;
    tx.commit()?;
    Ok(())
}

/// Refuses a file of version 0 that holds objects: another program's
/// database, never migrated into a township.
pub fn refuse_foreign(conn: &Connection) -> Result<()> {
    let foreign = objects(conn)?;
    if foreign.is_empty() {
        return Ok(());
    }
    Err(StoreError::NotOurs(foreign.iter().take(5).map(|o| o.1.clone()).collect::<Vec<_>>().join(", ")))
}

/// A database as this binary's migrations make it at `version`, in memory:
/// what a file of that version must hold, object for object.
pub fn reference(version: i64) -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    migrate_locked(&mut conn, version.clamp(0, latest()))?;
    Ok(conn)
}

/// What makes a file something other than what the migrations produce at
/// its version: objects added, missing or changed (by name and SQL).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Difference {
    pub foreign: Vec<String>,
    pub missing: Vec<String>,
    pub changed: Vec<String>,
}

impl Difference {
    pub fn is_empty(&self) -> bool {
        self.foreign.is_empty() && self.missing.is_empty() && self.changed.is_empty()
    }

    /// One line for a message: the first few names of each kind.
    pub fn describe(&self) -> String {
        let list = |v: &[String]| v.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
        let mut parts = Vec::new();
        for (key, names) in [("safety.foreign", &self.foreign), ("safety.missing", &self.missing), ("safety.changed", &self.changed)] {
            if !names.is_empty() {
                parts.push(crate::i18n::tf(key, &[("names", &list(names)), ("count", &names.len().to_string())]));
            }
        }
        parts.join("; ")
    }
}

/// Compares a file's objects with the reference of its version.
pub fn compare(conn: &Connection) -> Result<Difference> {
    let v = version(conn)?;
    let want = objects(&reference(v)?)?;
    let have = objects(conn)?;
    let mut d = Difference::default();
    for (kind, name, sql) in &have {
        match want.iter().find(|w| &w.0 == kind && &w.1 == name) {
            None => d.foreign.push(format!("{kind} {name}")),
            Some(w) if normal(&w.2) != normal(sql) => d.changed.push(format!("{kind} {name}")),
            Some(_) => {}
        }
    }
    for (kind, name, _) in &want {
        if !have.iter().any(|h| &h.0 == kind && &h.1 == name) {
            d.missing.push(format!("{kind} {name}"));
        }
    }
    Ok(d)
}

/// SQL compared without differences of white space (SQLite keeps the text
/// as written, and `ALTER TABLE … RENAME` quotes the new name).
fn normal(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ").replace('"', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_is_its_own_reference() {
        for v in 0..=latest() {
            let conn = reference(v).unwrap();
            assert_eq!(version(&conn).unwrap(), v);
            assert!(compare(&conn).unwrap().is_empty(), "version {v}");
        }
    }

    #[test]
    fn an_added_trigger_and_a_dropped_index_are_seen() {
        let conn = reference(latest()).unwrap();
        conn.execute_batch(
            "CREATE TRIGGER eat AFTER INSERT ON visits BEGIN DELETE FROM visits WHERE id = new.id; END;
             DROP INDEX visits_date;",
        )
        .unwrap();
        let d = compare(&conn).unwrap();
        assert_eq!(d.foreign, vec!["trigger eat"]);
        assert_eq!(d.missing, vec!["index visits_date"]);
        assert!(d.changed.is_empty());
    }

    #[test]
    fn a_foreign_file_is_not_migrated() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)").unwrap();
        assert!(matches!(migrate(&mut conn), Err(StoreError::NotOurs(n)) if n == "photos"));
        assert_eq!(objects(&conn).unwrap().len(), 1, "untouched");
    }

    #[test]
    fn a_newer_file_says_so() {
        let mut conn = reference(latest()).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(migrate(&mut conn), Err(StoreError::Newer { found: 99, .. })));
    }
}
