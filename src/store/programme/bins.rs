//! 党员责任垃圾桶 and volunteer supervision duty days: each bin is held by a
//! 督导员 (a member with that duty), who logs the days spent supervising
//! it. Every change is audited.

use crate::domain::model::Duty;
use crate::store::{Ctx, Result, StoreError, audit, date_text, parse_date, places};
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    pub id: i64,
    pub location: String,
    pub group: String,
    pub member_id: Option<i64>,
    pub member: String,
    /// Duty days logged at it in the year shown, and the latest of all.
    pub days_in_year: usize,
    pub last_day: Option<NaiveDate>,
    pub version: i64,
}

/// A village's bins (not archived) by group and location, with duty days of `year`.
pub fn of_village(conn: &Connection, village_id: i64, year: i32) -> Result<Vec<Bin>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, b.location, coalesce(g.name, ''), b.member_id, coalesce(m.name, ''), b.version,
            (SELECT count(*) FROM duty_days d WHERE d.bin_id = b.id AND d.date BETWEEN ?2 AND ?3),
            (SELECT max(d.date) FROM duty_days d WHERE d.bin_id = b.id)
         FROM bins b LEFT JOIN groups g ON g.id = b.group_id LEFT JOIN members m ON m.id = b.member_id
         WHERE b.village_id = ?1 AND b.archived = 0 ORDER BY g.name COLLATE natural_zh, b.location COLLATE natural_zh, b.id",
    )?;
    let rows = stmt.query_map(params![village_id, format!("{year:04}-01-01"), format!("{year:04}-12-31")], |r| {
        let last: Option<String> = r.get(7)?;
        Ok(Bin {
            id: r.get(0)?,
            location: r.get(1)?,
            group: r.get(2)?,
            member_id: r.get(3)?,
            member: r.get(4)?,
            version: r.get(5)?,
            days_in_year: usize::try_from(r.get::<_, i64>(6)?).unwrap_or(0),
            last_day: last.as_deref().and_then(parse_date),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The members of a village who hold the 督导员 duty: (id, name, phone).
pub fn supervisors(conn: &Connection, village_id: i64) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.name, m.phone FROM members m JOIN member_duties d ON d.member_id = m.id AND d.duty = ?2
         WHERE m.village_id = ?1 AND m.archived = 0 ORDER BY m.name COLLATE natural_zh, m.id",
    )?;
    let rows = stmt.query_map(params![village_id, Duty::Supervisor.code()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn is_supervisor(conn: &Connection, member_id: i64) -> Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM member_duties WHERE member_id = ?1 AND duty = ?2",
        params![member_id, Duty::Supervisor.code()],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

#[derive(Serialize)]
struct Audited<'a> {
    location: &'a str,
    group: &'a str,
    member_id: i64,
}

/// Records a bin (None) or changes one still at `version`: where it stands,
/// its group, and the 督导员 who holds it. Returns its id.
pub fn save(
    conn: &Connection,
    ctx: &Ctx,
    village_id: i64,
    existing: Option<(i64, i64)>,
    location: &str,
    group: &str,
    member_id: i64,
) -> Result<i64> {
    crate::store::access::check(conn, ctx, crate::store::access::Target::Village(village_id))?;
    if !is_supervisor(conn, member_id)? {
        return Err(StoreError::Invalid(crate::i18n::t("err.not_supervisor").to_string()));
    }
    let group_id = places::ensure_group(conn, village_id, group)?;
    let after = Audited { location, group, member_id };
    match existing {
        None => {
            conn.execute(
                "INSERT INTO bins (village_id, group_id, location, member_id) VALUES (?1, ?2, ?3, ?4)",
                params![village_id, group_id, location, member_id],
            )?;
            let id = conn.last_insert_rowid();
            audit::record::<(), _>(conn, ctx, "bin", id, "create", None, Some(&after))?;
            Ok(id)
        }
        Some((id, version)) => {
            let changed = conn.execute(
                "UPDATE bins SET group_id = ?3, location = ?4, member_id = ?5, version = version + 1 WHERE id = ?1 AND version = ?2",
                params![id, version, group_id, location, member_id],
            )?;
            if changed == 0 {
                return Err(StoreError::Conflict);
            }
            audit::record::<(), _>(conn, ctx, "bin", id, "update", None, Some(&after))?;
            Ok(id)
        }
    }
}

/// Logs a duty day of the bin's 督导员 at it. A member has one duty day per date.
pub fn log_duty(conn: &Connection, ctx: &Ctx, bin_id: i64, date: NaiveDate, note: &str) -> Result<i64> {
    let (village, member): (i64, Option<i64>) =
        conn.query_row("SELECT village_id, member_id FROM bins WHERE id = ?1", params![bin_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    crate::store::access::check(conn, ctx, crate::store::access::Target::Village(village))?;
    let Some(member) = member else { return Err(StoreError::Invalid(crate::i18n::t("err.not_supervisor").to_string())) };
    let day = date_text(date);
    let taken: i64 =
        conn.query_row("SELECT count(*) FROM duty_days WHERE member_id = ?1 AND date = ?2", params![member, day], |r| r.get(0))?;
    if taken > 0 {
        return Err(StoreError::Invalid(crate::i18n::tf("err.duty_day_taken", &[("date", &day)])));
    }
    conn.execute("INSERT INTO duty_days (member_id, date, bin_id, note) VALUES (?1, ?2, ?3, ?4)", params![member, day, bin_id, note])?;
    let id = conn.last_insert_rowid();
    audit::record::<(), _>(conn, ctx, "duty_day", id, "create", None, Some(&(member, day.as_str(), bin_id, note)))?;
    Ok(id)
}

/// A bin's latest duty days: (date, member, note), newest first.
pub fn duty_days(conn: &Connection, bin_id: i64, limit: usize) -> Result<Vec<(NaiveDate, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.date, m.name, d.note FROM duty_days d JOIN members m ON m.id = d.member_id
         WHERE d.bin_id = ?1 ORDER BY d.date DESC, d.id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![bin_id, limit as i64], |r| {
        let d: String = r.get(0)?;
        Ok((parse_date(&d).unwrap_or_default(), r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Duty days a member logged in a year (the year-end summary).
pub fn days_of(conn: &Connection, member_id: i64, year: i32) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM duty_days WHERE member_id = ?1 AND date BETWEEN ?2 AND ?3",
        params![member_id, format!("{year:04}-01-01"), format!("{year:04}-12-31")],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}
