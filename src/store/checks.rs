//! `lianhu check`: SQLite's integrity check and the programme's own checks.

use super::{Result, date_text};
use crate::domain::model::{Role, Status};
use crate::domain::rules::Rules;
use chrono::NaiveDate;
use rusqlite::{Connection, params};

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Problems SQLite found in the file itself (empty when sound).
    pub integrity: Vec<String>,
    /// References that point at nothing: (table, rowid, parent table).
    pub broken_references: Vec<(String, i64, String)>,
    /// Tables, indexes, triggers or views that are not what the migrations
    /// make (a trigger added by hand would silently change every write).
    pub schema: super::schema::Difference,
    /// Households with no member linked today: (village, group, head, address).
    pub unlinked: Vec<(String, String, String, String)>,
    /// Members outside their load range: (village, name, phone, role, load, min, max).
    pub off_load: Vec<(String, String, String, Role, u32, u32, u32)>,
}

impl Report {
    pub fn damaged(&self) -> bool {
        !self.integrity.is_empty() || !self.broken_references.is_empty() || !self.schema.is_empty()
    }
}

pub fn run(conn: &Connection, rules: &Rules, today: NaiveDate, full: bool) -> Result<Report> {
    // SQLite's quick check by default; the integrity check (which also
    // compares every index with its table) with `full`.
    let mut stmt = conn.prepare(if full { "PRAGMA integrity_check" } else { "PRAGMA quick_check" })?;
    let integrity: Vec<String> =
        stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().filter(|s| s != "ok").collect();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let broken_references = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0), r.get::<_, String>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let schema = super::schema::compare(conn)?;
    let today = date_text(today);
    let mut stmt = conn.prepare(
        "SELECT v.name, coalesce(g.name, ''), h.head, h.address FROM households h
         JOIN villages v ON v.id = h.village_id LEFT JOIN groups g ON g.id = h.group_id
         WHERE h.archived = 0 AND NOT EXISTS (SELECT 1 FROM links l WHERE l.household_id = h.id
             AND l.since <= ?1 AND (l.until IS NULL OR l.until >= ?1))
         ORDER BY v.name COLLATE natural_zh, g.name COLLATE natural_zh, h.address COLLATE natural_zh",
    )?;
    let unlinked =
        stmt.query_map(params![today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(
        "SELECT v.name, m.name, m.phone, m.role, m.status,
            (SELECT count(*) FROM links l WHERE l.member_id = m.id AND l.since <= ?1 AND (l.until IS NULL OR l.until >= ?1))
         FROM members m JOIN villages v ON v.id = m.village_id WHERE m.archived = 0 ORDER BY v.name COLLATE natural_zh, m.name COLLATE natural_zh",
    )?;
    let rows = stmt
        .query_map(params![today], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, u32>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut off_load = Vec::new();
    for (village, name, phone, role, status, load) in rows {
        let role = Role::from_code(&role).unwrap_or(Role::Member);
        let exempt = Status::from_code(&status).is_some_and(Status::is_exempt);
        let (min, max) = rules.loads.range(role);
        // Exempt members may be left out of linking: only too many is a problem.
        if load > max || (!exempt && load < min) {
            off_load.push((village, name, phone, role, load, min, max));
        }
    }
    Ok(Report { integrity, broken_references, schema, unlinked, off_load })
}
