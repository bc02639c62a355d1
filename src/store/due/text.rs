//! The text of the households on the due list: read only for the rows
//! asked for (the rows on screen, or all for a command's output).

use super::{Due, DueRow};
use crate::store::Result;
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// The text of a household (village, group, address, head, search key).
fn household_text(conn: &Connection, id: i64) -> Result<(String, String, String, String, String)> {
    Ok(conn
        .prepare_cached(
            "SELECT v.name, coalesce(g.name, ''), h.address, h.head, h.search_key
         FROM households h JOIN villages v ON v.id = h.village_id LEFT JOIN groups g ON g.id = h.group_id WHERE h.id = ?1",
        )?
        .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?)
}

/// A member's name and search key, remembered across rows.
fn member_text(conn: &Connection, cache: &mut HashMap<i64, (String, String)>, id: i64) -> Result<(String, String)> {
    if let Some(m) = cache.get(&id) {
        return Ok(m.clone());
    }
    let m: (String, String) = conn
        .prepare_cached("SELECT name, search_key FROM members WHERE id = ?1")?
        .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    cache.insert(id, m.clone());
    Ok(m)
}

/// Beyond this many rows, `keys` reads each table once.
const ONE_PASS: usize = 1000;

/// The rows with their text, in the order given.
pub fn rows_of(conn: &Connection, facts: &[Due]) -> Result<Vec<DueRow>> {
    let mut members = HashMap::new();
    let mut rows = Vec::with_capacity(facts.len());
    for f in facts {
        let member = f.member_id.map(|id| member_text(conn, &mut members, id)).transpose()?;
        let (village, group, address, head, key) = household_text(conn, f.household_id)?;
        let (member, member_key) = match member {
            Some((name, key)) => (Some(name), key),
            None => (None, String::new()),
        };
        rows.push(DueRow {
            household_id: f.household_id,
            village_id: f.village_id,
            village,
            group,
            address,
            head,
            class: f.class,
            member_id: f.member_id,
            member,
            status: f.status,
            due_by: f.due_by,
            last_visit: f.last_visit,
            missed: f.missed,
            search: format!("{key} {member_key}"),
        });
    }
    Ok(rows)
}

/// The search keys of the rows (the household's and its member's), in the
/// order given: what the filter matches as it is typed.
pub fn keys(conn: &Connection, facts: &[Due]) -> Result<Vec<String>> {
    // A township's whole list (tens of thousands of rows on the 1st of a
    // month) reads each table once instead of a lookup per row.
    let whole = |sql: &str| -> Result<HashMap<i64, String>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let many = facts.len() > ONE_PASS;
    let mut households = if many { whole("SELECT id, search_key FROM households WHERE archived = 0")? } else { HashMap::new() };
    let member_keys = if many { whole("SELECT id, search_key FROM members")? } else { HashMap::new() };
    let mut members = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT search_key FROM households WHERE id = ?1")?;
    let mut out = Vec::with_capacity(facts.len());
    for f in facts {
        let key = match households.remove(&f.household_id) {
            Some(key) => key,
            None => stmt.query_row(params![f.household_id], |r| r.get(0))?,
        };
        let member = match f.member_id {
            Some(id) if many => member_keys.get(&id).cloned(),
            Some(id) => Some(member_text(conn, &mut members, id)?.1),
            None => None,
        };
        out.push(format!("{key} {}", member.unwrap_or_default()));
    }
    Ok(out)
}
