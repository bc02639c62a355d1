//! The audit log: who (the OS user) changed what, when, before and after.

use super::{Ctx, Result, now_text};
use rusqlite::{Connection, params};
use serde::Serialize;

/// Records one change. `before` / `after` are serialised to JSON.
pub fn record<B: Serialize, A: Serialize>(
    conn: &Connection,
    ctx: &Ctx,
    entity: &str,
    entity_id: i64,
    action: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let to_json = |v: Option<String>| v;
    let before = to_json(before.and_then(|b| serde_json::to_string(b).ok()));
    let after = to_json(after.and_then(|a| serde_json::to_string(a).ok()));
    conn.execute(
        "INSERT INTO audit (at, who, entity, entity_id, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![now_text(), ctx.who, entity, entity_id, action, before, after],
    )?;
    Ok(())
}

/// One audit entry, for history views and `export audit`.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub at: String,
    pub who: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The history of one row, newest first.
fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        at: r.get(0)?,
        who: r.get(1)?,
        entity: r.get(2)?,
        entity_id: r.get(3)?,
        action: r.get(4)?,
        before: r.get(5)?,
        after: r.get(6)?,
    })
}

/// A household's or member's history with its links' (made, moved, ended):
/// a link's change shows under the household and under both members.
pub fn history_with_links(conn: &Connection, entity: &str, entity_id: i64) -> Result<Vec<Entry>> {
    let key = if entity == "member" { "member_id" } else { "household_id" };
    let pattern = format!("%\"{key}\":{entity_id},%");
    let mut stmt = conn.prepare(
        "SELECT at, who, entity, entity_id, action, before, after FROM audit
         WHERE (entity = ?1 AND entity_id = ?2) OR (entity = 'link' AND after LIKE ?3) ORDER BY id DESC",
    )?;
    let rows = stmt.query_map(params![entity, entity_id, pattern], entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn history(conn: &Connection, entity: &str, entity_id: i64) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT at, who, entity, entity_id, action, before, after FROM audit
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map(params![entity, entity_id], entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
