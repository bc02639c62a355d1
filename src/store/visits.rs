//! The visit log: logging a visit from the app (with a class change dated
//! that day), correcting one later, and the log filtered and paged.

use super::households::{self, like_pattern};
use super::records::{self, VisitInput};
use super::{Ctx, Result, StoreError, audit, date_text, parse_date};
use crate::domain::model::{Class, ConcernStatus, Mode, Sorting};
use crate::domain::validate::VisitFields;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

/// One visit, whole, as the log lists it and the form edits it.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub id: i64,
    pub household_id: i64,
    pub member_id: i64,
    pub village: String,
    pub head: String,
    pub address: String,
    pub member: String,
    pub visit: VisitFields,
    pub version: i64,
}

impl Visit {
    pub fn input(&self) -> VisitInput {
        VisitInput { household_id: self.household_id, member_id: self.member_id, visit: self.visit.clone() }
    }
}

const SELECT: &str = "SELECT vi.id, vi.household_id, vi.member_id, v.name, h.head, h.address, m.name, vi.date, vi.mode, vi.sorting,
        vi.note, vi.concern, vi.suggestion, vi.next_planned, vi.version
    FROM visits vi JOIN households h ON h.id = vi.household_id JOIN members m ON m.id = vi.member_id
    JOIN villages v ON v.id = h.village_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Visit> {
    let date: String = r.get(7)?;
    let mode: String = r.get(8)?;
    let sorting: Option<String> = r.get(9)?;
    let next: Option<String> = r.get(13)?;
    Ok(Visit {
        id: r.get(0)?,
        household_id: r.get(1)?,
        member_id: r.get(2)?,
        village: r.get(3)?,
        head: r.get(4)?,
        address: r.get(5)?,
        member: r.get(6)?,
        visit: VisitFields {
            date: parse_date(&date).unwrap_or_default(),
            mode: Mode::from_code(&mode).unwrap_or(Mode::InPerson),
            sorting: sorting.as_deref().and_then(Sorting::from_code),
            note: r.get(10)?,
            concern: r.get(11)?,
            suggestion: r.get(12)?,
            next: next.as_deref().and_then(parse_date),
        },
        version: r.get(14)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Visit> {
    conn.query_row(&format!("{SELECT} WHERE vi.id = ?1"), params![id], from_row).optional()?.ok_or(StoreError::NotFound)
}

/// Which visits the log shows. Empty strings and `None` do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Household or member, by text or pinyin initials (typed with `/`).
    pub text: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Village name, part of it.
    pub village: String,
    /// Member, by name or pinyin initials.
    pub member: String,
    /// Household, by head, address or pinyin initials.
    pub household: String,
}

const HOUSEHOLDS_LIKE: &str = "SELECT id FROM households WHERE search_key LIKE ? ESCAPE '\\'";
const MEMBERS_LIKE: &str = "SELECT id FROM members WHERE search_key LIKE ? ESCAPE '\\'";

/// The WHERE clause for the filters in force, built from fixed pieces (the
/// values are bound). Text filters pick households and members first, so the
/// visits are found through their indexes instead of scanning the log.
fn clause(q: &Query) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut parts: Vec<String> = Vec::new();
    let mut values = Vec::new();
    if !q.text.trim().is_empty() {
        parts.push(format!("(vi.household_id IN ({HOUSEHOLDS_LIKE}) OR vi.member_id IN ({MEMBERS_LIKE}))"));
        values.extend([Value::Text(like_pattern(&q.text)), Value::Text(like_pattern(&q.text))]);
    }
    if let Some(from) = q.from {
        parts.push("vi.date >= ?".into());
        values.push(Value::Text(date_text(from)));
    }
    if let Some(to) = q.to {
        parts.push("vi.date <= ?".into());
        values.push(Value::Text(date_text(to)));
    }
    if !q.village.trim().is_empty() {
        parts.push(
            "vi.household_id IN (SELECT h.id FROM households h JOIN villages v ON v.id = h.village_id WHERE v.name LIKE ? ESCAPE '\\')"
                .into(),
        );
        values.push(Value::Text(like_pattern(&q.village)));
    }
    if !q.member.trim().is_empty() {
        parts.push(format!("vi.member_id IN ({MEMBERS_LIKE})"));
        values.push(Value::Text(like_pattern(&q.member)));
    }
    if !q.household.trim().is_empty() {
        parts.push(format!("vi.household_id IN ({HOUSEHOLDS_LIKE})"));
        values.push(Value::Text(like_pattern(&q.household)));
    }
    let sql = if parts.is_empty() { String::new() } else { format!("WHERE {}", parts.join(" AND ")) };
    (sql, values)
}

pub fn count(conn: &Connection, q: &Query) -> Result<usize> {
    let (clause, values) = clause(q);
    let sql = format!("SELECT count(*) FROM visits vi {clause}");
    let n: i64 = conn.prepare_cached(&sql)?.query_row(rusqlite::params_from_iter(values), |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The log, newest first: visits `[offset, offset + limit)`.
pub fn page(conn: &Connection, q: &Query, offset: usize, limit: usize) -> Result<Vec<Visit>> {
    let (clause, mut values) = clause(q);
    values.extend([rusqlite::types::Value::Integer(limit as i64), rusqlite::types::Value::Integer(offset as i64)]);
    let sql = format!("{SELECT} {clause} ORDER BY vi.date DESC, vi.id DESC LIMIT ? OFFSET ?");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A household's latest visits, newest first.
pub fn of_household(conn: &Connection, household_id: i64, limit: usize) -> Result<Vec<Visit>> {
    let sql = format!("{SELECT} WHERE vi.household_id = ?1 ORDER BY vi.date DESC, vi.id DESC LIMIT ?2");
    let rows = conn.prepare_cached(&sql)?.query_map(params![household_id, limit as i64], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Logs a visit made in the app; `class` is the household's class as the
/// visit found it, recorded from the visit's date when it changed.
/// Whether the household has a visit logged on `date` already.
pub fn on_day(conn: &Connection, household_id: i64, date: chrono::NaiveDate) -> Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM visits WHERE household_id = ?1 AND date = ?2",
        params![household_id, crate::store::date_text(date)],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

pub fn log(conn: &Connection, ctx: &Ctx, v: &VisitInput, class: Option<Class>) -> Result<i64> {
    super::access::check(conn, ctx, super::access::Target::Household(v.household_id))?;
    let (id, _) = records::insert_visit(conn, &ctx.who, &v.as_new())?;
    audit::record::<(), _>(conn, ctx, "visit", id, "create", None, Some(v))?;
    if let Some(class) = class {
        households::change_class(conn, ctx, v.household_id, class, v.visit.date)?;
    }
    Ok(id)
}

/// Corrects visit `id` if it still has `version` (else `Conflict`). Its
/// concern follows: added, reworded, or withdrawn while nobody has taken
/// it up yet.
pub fn correct(conn: &Connection, ctx: &Ctx, id: i64, version: i64, v: &VisitInput) -> Result<()> {
    super::access::check(conn, ctx, super::access::Target::Household(v.household_id))?;
    let before = get(conn, id)?;
    if before.version != version {
        return Err(StoreError::Conflict);
    }
    let n = conn.execute(
        "UPDATE visits SET member_id = ?1, date = ?2, mode = ?3, sorting = ?4, note = ?5, concern = ?6, suggestion = ?7,
            next_planned = ?8, version = version + 1
         WHERE id = ?9 AND version = ?10",
        params![
            v.member_id,
            date_text(v.visit.date),
            v.visit.mode.code(),
            v.visit.sorting.map(Sorting::code),
            v.visit.note,
            v.visit.concern,
            v.visit.suggestion,
            v.visit.next.map(date_text),
            id,
            version
        ],
    )?;
    if n == 0 {
        return Err(StoreError::Conflict);
    }
    records::refresh_latest(conn, before.household_id)?;
    let concern: Option<(i64, String)> =
        conn.query_row("SELECT id, status FROM concerns WHERE visit_id = ?1", params![id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    match (concern, v.visit.concern.is_empty()) {
        (None, false) => {
            records::open_concern(conn, &ctx.who, id, &v.as_new())?;
        }
        (Some((cid, _)), false) if v.visit.concern != before.visit.concern || v.member_id != before.member_id => {
            conn.execute(
                "UPDATE concerns SET text = ?1, member_id = ?2, version = version + 1 WHERE id = ?3",
                params![v.visit.concern, v.member_id, cid],
            )?;
        }
        (Some((cid, status)), true) => {
            let steps: i64 = conn.query_row("SELECT count(*) FROM concern_steps WHERE concern_id = ?1", params![cid], |r| r.get(0))?;
            if status != ConcernStatus::Open.code() || steps > 1 {
                return Err(StoreError::Invalid(crate::i18n::t("err.concern_taken_up").to_string()));
            }
            conn.execute("DELETE FROM concern_steps WHERE concern_id = ?1", params![cid])?;
            conn.execute("DELETE FROM concerns WHERE id = ?1", params![cid])?;
        }
        _ => {}
    }
    audit::record(conn, ctx, "visit", id, "update", Some(&before.input()), Some(v))?;
    Ok(())
}
