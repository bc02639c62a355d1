//! Villages, groups and buildings: found by name, created when first named.

use super::Result;
use rusqlite::{Connection, OptionalExtension, params};

pub fn village_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM villages WHERE name = ?1", params![name], |r| r.get(0)).optional()?)
}

pub fn ensure_village(conn: &Connection, name: &str) -> Result<i64> {
    if let Some(id) = village_id(conn, name)? {
        return Ok(id);
    }
    conn.execute("INSERT INTO villages (name) VALUES (?1)", params![name])?;
    Ok(conn.last_insert_rowid())
}

/// The group's id, created if new; `None` for an empty name.
pub fn ensure_group(conn: &Connection, village_id: i64, name: &str) -> Result<Option<i64>> {
    if name.is_empty() {
        return Ok(None);
    }
    let found: Option<i64> =
        conn.query_row("SELECT id FROM groups WHERE village_id = ?1 AND name = ?2", params![village_id, name], |r| r.get(0)).optional()?;
    if let Some(id) = found {
        return Ok(Some(id));
    }
    conn.execute("INSERT INTO groups (village_id, name) VALUES (?1, ?2)", params![village_id, name])?;
    Ok(Some(conn.last_insert_rowid()))
}

/// The building's id, created if new; `None` for an empty name or no group.
pub fn ensure_building(conn: &Connection, group_id: Option<i64>, name: &str) -> Result<Option<i64>> {
    let Some(group_id) = group_id.filter(|_| !name.is_empty()) else {
        return Ok(None);
    };
    let found: Option<i64> =
        conn.query_row("SELECT id FROM buildings WHERE group_id = ?1 AND name = ?2", params![group_id, name], |r| r.get(0)).optional()?;
    if let Some(id) = found {
        return Ok(Some(id));
    }
    conn.execute("INSERT INTO buildings (group_id, name) VALUES (?1, ?2)", params![group_id, name])?;
    Ok(Some(conn.last_insert_rowid()))
}

/// All village names, in name order.
pub fn village_names(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM villages ORDER BY name")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
