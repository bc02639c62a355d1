//! The kept standing (migration 008): each household's `domain::standing::Kept`
//! in one small row, in the order a clerk counts. Triggers list every
//! household a write touches in `standings_dirty`; `settle` computes them
//! again inside the same transaction, before it commits.

use super::history::Past;
use super::{Result, date_text, parse_date};
use crate::domain::model::Class;
use crate::domain::schedule::{History, LastVisit};
use crate::domain::standing::Kept;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// Beyond this many households to settle, the pasts are read whole.
const WHOLE: usize = 2000;

/// Computes again the standing of every household a write marked, and
/// forgets the marks. Runs in the writer's transaction.
pub fn settle(conn: &Connection) -> Result<usize> {
    let dirty: Vec<i64> = {
        let mut stmt = conn.prepare_cached("SELECT household_id FROM standings_dirty")?;
        stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    if dirty.is_empty() {
        return Ok(0);
    }
    let pasts = if dirty.len() > WHOLE {
        super::history::load(conn, None, &rusqlite::types::Null)?
    } else {
        super::history::load(conn, Some("?1 IS NULL AND h.id IN (SELECT household_id FROM standings_dirty)"), &rusqlite::types::Null)?
    };
    conn.execute("DELETE FROM standings WHERE household_id IN (SELECT household_id FROM standings_dirty)", [])?;
    let mut read = conn.prepare_cached(
        "SELECT h.village_id, v.name, coalesce(g.name, ''), h.address, h.class, h.created_on,
            (SELECT vi.date || ' ' || coalesce(vi.next_planned, '') FROM visits vi
             WHERE vi.household_id = h.id ORDER BY vi.date DESC, vi.next_planned DESC LIMIT 1)
         FROM households h JOIN villages v ON v.id = h.village_id LEFT JOIN groups g ON g.id = h.group_id
         WHERE h.id = ?1 AND h.archived = 0",
    )?;
    let mut write = conn.prepare_cached(
        "INSERT INTO standings (sort_key, household_id, village_id, class, missed_before, missed_through, member_id,
            linked_since, last_visit, last_plan, settled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let empty = Past::default();
    for id in &dirty {
        let row = read
            .query_row([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    [r.get::<_, String>(1)?, r.get(2)?, r.get(3)?],
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .optional()?;
        let Some((village, place, class, created, last)) = row else { continue };
        let Some(created) = parse_date(&created) else { continue };
        let past = pasts.get(id).unwrap_or(&empty);
        let history = History { classes: &past.classes, links: &past.links };
        let last = last.as_deref().and_then(parse_last);
        let kept = Kept::of(Class::from_code(&class).unwrap_or(Class::General), created, &history, &past.members, last);
        let key = sort_key(&place, *id);
        write.execute(params![
            key,
            id,
            village,
            kept.class.code(),
            kept.missed_before,
            kept.missed_through,
            kept.member,
            kept.linked_since.map(date_text),
            kept.last.map(|v| date_text(v.date)),
            kept.last.and_then(|v| v.next_planned).map(date_text),
            date_text(kept.settled),
        ])?;
    }
    conn.execute("DELETE FROM standings_dirty", [])?;
    Ok(dirty.len())
}

/// Runs a bulk load (the demo's millions of rows) with the marking
/// triggers of the kept standings and 总览's months set aside, inside the
/// caller's transaction: they are made again exactly as they were before it
/// commits, every household is marked at once, and the kept months dropped.
pub fn in_bulk<T, E: From<super::StoreError>>(
    conn: &Connection,
    f: impl FnOnce() -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    let triggers: Vec<(String, String)> = (|| {
        let mut stmt = conn.prepare(
            r"SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
             AND (name LIKE 'standings\_%' ESCAPE '\' OR name LIKE 'overview\_%' ESCAPE '\')",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<(String, String)>>>()?;
        for (name, _) in &rows {
            conn.execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
        }
        Ok::<_, rusqlite::Error>(rows)
    })()
    .map_err(|e| E::from(e.into()))?;
    let out = f()?;
    let again = || -> Result<()> {
        for (_, sql) in &triggers {
            conn.execute_batch(sql)?;
        }
        conn.execute("DELETE FROM overview_months", [])?;
        mark_all(conn)
    };
    again().map_err(E::from)?;
    Ok(out)
}

/// Marks every household, so that the next `settle` computes them all (a
/// restored file is not trusted to hold its own standings right).
pub fn mark_all(conn: &Connection) -> Result<()> {
    conn.execute("INSERT OR IGNORE INTO standings_dirty SELECT id FROM households", [])?;
    Ok(())
}

/// The order of a household: village, group and address as a clerk counts
/// them, then the id.
pub fn sort_key(place: &[String; 3], id: i64) -> Vec<u8> {
    let mut key = Vec::with_capacity(64);
    for part in place {
        crate::domain::order::natural_key(part, &mut key);
    }
    key.extend_from_slice(&id.to_be_bytes());
    key
}

/// The SQL for a household's (`h`) latest visit on or before the day bound
/// at `day`, as `date plan` (of two on one day, the one with the later
/// plan): the one its row keeps, unless that lies after the day (a
/// `--today` in the past), when the visit index is asked.
pub fn latest_visit(day: &str) -> String {
    format!(
        "CASE WHEN h.latest_visit IS NULL OR h.latest_visit <= {day} THEN h.latest_visit || ' ' || coalesce(h.latest_plan, '')
         ELSE (SELECT vi.date || ' ' || coalesce(vi.next_planned, '') FROM visits vi
               WHERE vi.household_id = h.id AND vi.date <= {day} ORDER BY vi.date DESC, vi.next_planned DESC LIMIT 1) END"
    )
}

/// The latest visit as the due list's queries give it: `date plan`.
pub fn parse_last(s: &str) -> Option<LastVisit> {
    let (date, next) = s.split_once(' ').unwrap_or((s, ""));
    Some(LastVisit { date: parse_date(date)?, next_planned: parse_date(next) })
}

/// One household's kept row, as read for the due list.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub household_id: i64,
    pub village_id: i64,
    pub kept: Kept,
}

/// Whether some household is marked and not settled: written by another program.
pub fn unsettled(conn: &Connection) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM standings_dirty)")?.query_row([], |r| r.get(0))?)
}

/// The kept rows of one village (by id) or all, in the order a clerk counts.
pub fn rows(conn: &Connection, village: Option<i64>, mut each: impl FnMut(Row)) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT household_id, class, missed_before, missed_through, member_id, linked_since, last_visit, last_plan, settled, village_id
         FROM standings WHERE ?1 IS NULL OR village_id = ?1 ORDER BY sort_key",
    )?;
    let mut rows = stmt.query(params![village])?;
    let date = |r: &rusqlite::Row<'_>, i: usize| -> rusqlite::Result<Option<chrono::NaiveDate>> {
        Ok(r.get_ref(i)?.as_str_or_null()?.and_then(parse_date))
    };
    while let Some(r) = rows.next()? {
        let Some(settled) = date(r, 8)? else { continue };
        let last = date(r, 6)?.map(|d| LastVisit { date: d, next_planned: date(r, 7).ok().flatten() });
        let kept = Kept {
            class: r.get_ref(1)?.as_str().ok().and_then(Class::from_code).unwrap_or(Class::General),
            missed_before: r.get(2)?,
            missed_through: r.get(3)?,
            member: r.get(4)?,
            linked_since: date(r, 5)?,
            last,
            settled,
        };
        each(Row { household_id: r.get(0)?, village_id: r.get(9)?, kept });
    }
    Ok(())
}

/// Every household's kept row by id (for tests and checks).
pub fn all(conn: &Connection) -> Result<HashMap<i64, Kept>> {
    let mut out = HashMap::new();
    rows(conn, None, |r| {
        out.insert(r.household_id, r.kept);
    })?;
    Ok(out)
}
