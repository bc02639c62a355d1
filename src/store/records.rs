//! Visits, ratings and score adjustments as rosters bring them in.

use super::{Ctx, Result, audit, date_text};
use crate::domain::model::{Mode, Rating, Sorting};
use crate::domain::period::Quarter;
use crate::domain::validate::VisitFields;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// A visit to record: who visited which household, and what they found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VisitInput {
    pub household_id: i64,
    pub member_id: i64,
    pub visit: VisitFields,
}

impl VisitInput {
    /// The visit as the shared insert takes it.
    pub fn as_new(&self) -> NewVisit<'_> {
        let v = &self.visit;
        NewVisit {
            household: self.household_id,
            member: self.member_id,
            date: v.date,
            mode: v.mode,
            sorting: v.sorting,
            note: &v.note,
            concern: &v.concern,
            suggestion: &v.suggestion,
            next: v.next,
        }
    }
}

/// Records a visit unless the same visit (household, member, date, mode, note)
/// is already there. A visit that raises a concern opens a concern item.
/// Returns whether a row was written.
pub fn add_visit(conn: &Connection, ctx: &Ctx, v: &VisitInput) -> Result<bool> {
    super::access::check(conn, ctx, super::access::Target::Household(v.household_id))?;
    let date = date_text(v.visit.date);
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM visits WHERE household_id = ?1 AND member_id = ?2 AND date = ?3 AND mode = ?4 AND note = ?5",
            params![v.household_id, v.member_id, date, v.visit.mode.code(), v.visit.note],
            |r| r.get(0),
        )
        .optional()?;
    if existing.is_some() {
        return Ok(false);
    }
    let (id, _) = insert_visit(conn, &ctx.who, &v.as_new())?;
    audit::record::<(), _>(conn, ctx, "visit", id, "create", None, Some(v))?;
    Ok(true)
}

/// A visit to insert, borrowed (shared by imports and the demo generator).
pub struct NewVisit<'a> {
    pub household: i64,
    pub member: i64,
    pub date: NaiveDate,
    pub mode: Mode,
    pub sorting: Option<Sorting>,
    pub note: &'a str,
    pub concern: &'a str,
    pub suggestion: &'a str,
    pub next: Option<NaiveDate>,
}

/// Inserts a visit; a concern it raises opens a concern item with its first
/// step. Returns the visit's id and the concern's id, if one was opened.
pub fn insert_visit(conn: &Connection, who: &str, v: &NewVisit<'_>) -> Result<(i64, Option<i64>)> {
    let date = date_text(v.date);
    conn.prepare_cached(
        "INSERT INTO visits (household_id, member_id, date, mode, sorting, note, concern, suggestion, next_planned, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        v.household,
        v.member,
        date,
        v.mode.code(),
        v.sorting.map(Sorting::code),
        v.note,
        v.concern,
        v.suggestion,
        v.next.map(date_text),
        super::now_text()
    ])?;
    let id = conn.last_insert_rowid();
    // The household's latest visit (the due list reads it from the row).
    conn.prepare_cached(
        "UPDATE households SET latest_visit = ?2, latest_plan = ?3
         WHERE id = ?1 AND (latest_visit IS NULL OR latest_visit < ?2
            OR (latest_visit = ?2 AND coalesce(latest_plan, '') < coalesce(?3, '')))",
    )?
    .execute(params![v.household, date, v.next.map(date_text)])?;
    if v.concern.is_empty() {
        return Ok((id, None));
    }
    Ok((id, Some(open_concern(conn, who, id, v)?)))
}

/// Recomputes a household's latest visit after a visit changed.
pub fn refresh_latest(conn: &Connection, household: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE households SET (latest_visit, latest_plan) =
            (SELECT date, next_planned FROM visits WHERE household_id = ?1 ORDER BY date DESC, next_planned DESC LIMIT 1)
         WHERE id = ?1",
    )?
    .execute(params![household])?;
    Ok(())
}

/// Opens the concern a visit raised, with its first step (待处理) dated the
/// visit's day. Returns the concern's id.
pub fn open_concern(conn: &Connection, who: &str, visit_id: i64, v: &NewVisit<'_>) -> Result<i64> {
    let date = date_text(v.date);
    conn.prepare_cached("INSERT INTO concerns (visit_id, household_id, member_id, text, raised_on) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![visit_id, v.household, v.member, v.concern, date])?;
    let concern = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO concern_steps (concern_id, status, on_date, by_user) VALUES (?1, 'open', ?2, ?3)")?
        .execute(params![concern, date, who])?;
    Ok(concern)
}

/// Sets a household's rating for a quarter. Returns whether anything changed.
pub fn set_rating(conn: &Connection, ctx: &Ctx, household_id: i64, quarter: Quarter, rating: Rating) -> Result<bool> {
    super::access::check(conn, ctx, super::access::Target::Household(household_id))?;
    let q = quarter.to_string();
    let before: Option<String> = conn
        .query_row("SELECT rating FROM ratings WHERE household_id = ?1 AND quarter = ?2", params![household_id, q], |r| r.get(0))
        .optional()?;
    if before.as_deref() == Some(rating.code()) {
        return Ok(false);
    }
    conn.execute(
        "INSERT INTO ratings (household_id, quarter, rating) VALUES (?1, ?2, ?3)
         ON CONFLICT (household_id, quarter) DO UPDATE SET rating = excluded.rating, version = version + 1",
        params![household_id, q, rating.code()],
    )?;
    let after = (q.as_str(), rating.code());
    audit::record(conn, ctx, "rating", household_id, "set", before.as_ref(), Some(&after))?;
    Ok(true)
}

/// Adds a score adjustment unless the same one is already recorded.
pub fn add_adjustment(conn: &Connection, ctx: &Ctx, member_id: i64, quarter: Quarter, points: f64, reason: &str) -> Result<bool> {
    super::access::check(conn, ctx, super::access::Target::Member(member_id))?;
    let q = quarter.to_string();
    let exists: Option<i64> = conn
        .query_row(
            "SELECT id FROM adjustments WHERE member_id = ?1 AND quarter = ?2 AND points = ?3 AND reason = ?4",
            params![member_id, q, points, reason],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Ok(false);
    }
    conn.execute(
        "INSERT INTO adjustments (member_id, quarter, points, reason, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![member_id, q, points, reason, super::now_text(), ctx.who],
    )?;
    let id = conn.last_insert_rowid();
    let after = (member_id, q.as_str(), points, reason);
    audit::record::<(), _>(conn, ctx, "adjustment", id, "create", None, Some(&after))?;
    Ok(true)
}
