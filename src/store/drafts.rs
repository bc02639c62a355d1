//! Drafts: each OS user's open form, kept as it is typed (at most once a
//! second, and at hang-up) and reopened on the next start. One per user.

use super::{Result, now_text};
use rusqlite::{Connection, OptionalExtension, params};

const OPEN_FORM: &str = "open";

pub fn save(conn: &Connection, who: &str, data: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO drafts (who, form, data, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (who, form) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
    )?
    .execute(params![who, OPEN_FORM, data, now_text()])?;
    Ok(())
}

pub fn load(conn: &Connection, who: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT data FROM drafts WHERE who = ?1 AND form = ?2")?
        .query_row(params![who, OPEN_FORM], |r| r.get(0))
        .optional()?)
}

pub fn clear(conn: &Connection, who: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM drafts WHERE who = ?1 AND form = ?2")?.execute(params![who, OPEN_FORM])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_draft_per_user_replaced_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("d.db"), chrono::NaiveDate::MIN).unwrap();
        let c = store.conn();
        assert_eq!(load(c, "clerk").unwrap(), None);
        save(c, "clerk", "{\"a\":1}").unwrap();
        save(c, "clerk", "{\"a\":2}").unwrap();
        save(c, "other", "{\"b\":1}").unwrap();
        assert_eq!(load(c, "clerk").unwrap().as_deref(), Some("{\"a\":2}"));
        clear(c, "clerk").unwrap();
        assert_eq!(load(c, "clerk").unwrap(), None);
        assert!(load(c, "other").unwrap().is_some());
    }
}
