//! What each OS user last chose (their village; what 考评 and 台账 last
//! showed), kept per user in the database so it follows them from PC to
//! PC and over SSH. A preference is the user's own: no role is needed to
//! keep one, and a file that cannot be written simply keeps none.

use super::{Result, Store};
use rusqlite::{Connection, OptionalExtension, params};

pub fn get(conn: &Connection, who: &str, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM prefs WHERE os_user = ?1 AND key = ?2", params![who, key], |r| r.get(0)).optional()?)
}

/// Remembers `value` (None forgets): one statement, its own transaction.
pub fn set(store: &Store, key: &str, value: Option<&str>) -> Result<()> {
    if store.read_only.is_some() {
        return Ok(());
    }
    let conn = store.conn();
    match value {
        Some(v) => conn
            .prepare_cached("INSERT INTO prefs (os_user, key, value) VALUES (?1, ?2, ?3) ON CONFLICT (os_user, key) DO UPDATE SET value = excluded.value")?
            .execute(params![store.who, key, v])?,
        None => conn.prepare_cached("DELETE FROM prefs WHERE os_user = ?1 AND key = ?2")?.execute(params![store.who, key])?,
    };
    Ok(())
}
