//! Concerns passed up: the list with days at the current level, each
//! concern's dated steps, and moving a concern on.

use super::{Ctx, Result, StoreError, audit, date_text, parse_date};
use crate::domain::model::ConcernStatus;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

/// One concern and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Concern {
    pub id: i64,
    pub raised_on: NaiveDate,
    pub village: String,
    pub head: String,
    pub address: String,
    pub member: String,
    pub text: String,
    pub status: ConcernStatus,
    /// The day it reached its current level (its last step).
    pub since: NaiveDate,
    pub version: i64,
}

/// Which concerns the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    /// Not yet resolved or closed.
    #[default]
    Open,
    /// Open and waiting longer than the rules allow.
    Stuck,
    All,
}

impl Show {
    pub const ALL: &'static [Show] = &[Show::Open, Show::Stuck, Show::All];

    pub fn label_key(self) -> &'static str {
        match self {
            Show::Open => "concern.show_open",
            Show::Stuck => "concern.show_stuck",
            Show::All => "concern.show_all",
        }
    }
}

const SELECT: &str = "SELECT c.id, c.raised_on, v.name, h.head, h.address, m.name, c.text, c.status,
        coalesce((SELECT max(s.on_date) FROM concern_steps s WHERE s.concern_id = c.id), c.raised_on) AS since, c.version
    FROM concerns c JOIN households h ON h.id = c.household_id JOIN members m ON m.id = c.member_id
    JOIN villages v ON v.id = h.village_id";

/// The WHERE clause for a view, ?1 being the last day a stuck concern may
/// have reached its level. The unresolved views name their statuses so that
/// SQLite reads them by the status index instead of every concern ever raised.
fn where_for(show: Show) -> &'static str {
    match show {
        Show::Open => "WHERE c.status IN ('open', 'village', 'township') AND ?1 IS NOT NULL",
        Show::Stuck => "WHERE c.status IN ('open', 'village', 'township') AND since < ?1",
        Show::All => "WHERE ?1 IS NOT NULL",
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Concern> {
    let raised: String = r.get(1)?;
    let status: String = r.get(7)?;
    let since: String = r.get(8)?;
    Ok(Concern {
        id: r.get(0)?,
        raised_on: parse_date(&raised).unwrap_or_default(),
        village: r.get(2)?,
        head: r.get(3)?,
        address: r.get(4)?,
        member: r.get(5)?,
        text: r.get(6)?,
        status: ConcernStatus::from_code(&status).unwrap_or(ConcernStatus::Open),
        since: parse_date(&since).unwrap_or_default(),
        version: r.get(9)?,
    })
}

/// The last day a concern may have reached its level and count as stuck today.
fn stuck_before(today: NaiveDate, stuck_days: u32) -> String {
    date_text(today - chrono::Days::new(u64::from(stuck_days)))
}

/// The concerns a view shows, in order (unresolved first, the longest
/// waiting first within that), each with its search text (the household's
/// and member's search keys and the concern itself) for filtering in memory.
pub fn keyed(conn: &Connection, show: Show, today: NaiveDate, stuck_days: u32) -> Result<Vec<(i64, String)>> {
    keyed_in(conn, show, today, stuck_days, None)
}

/// As `keyed`, in one village only when `village` is set (the user's).
pub fn keyed_in(conn: &Connection, show: Show, today: NaiveDate, stuck_days: u32, village: Option<i64>) -> Result<Vec<(i64, String)>> {
    let sql = format!(
        "SELECT c.id, h.search_key || char(10) || m.search_key || char(10) || lower(c.text),
            coalesce((SELECT max(s.on_date) FROM concern_steps s WHERE s.concern_id = c.id), c.raised_on) AS since
         FROM concerns c JOIN households h ON h.id = c.household_id JOIN members m ON m.id = c.member_id
         {} AND (?2 IS NULL OR h.village_id = ?2) ORDER BY c.status IN ('resolved', 'closed'), since, c.id",
        where_for(show)
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(params![stuck_before(today, stuck_days), village], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Unresolved concerns and those of them stuck, by village: the counts of
/// the 问题 tab's open and stuck views.
pub fn open_by_village(conn: &Connection, today: NaiveDate, stuck_days: u32) -> Result<Vec<(i64, (u32, u32))>> {
    let sql = format!(
        "SELECT village_id, count(*), sum(since < ?1) FROM (
            SELECT h.village_id,
                coalesce((SELECT max(s.on_date) FROM concern_steps s WHERE s.concern_id = c.id), c.raised_on) AS since
            FROM concerns c JOIN households h ON h.id = c.household_id {}) GROUP BY village_id",
        where_for(Show::Open)
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(params![stuck_before(today, stuck_days)], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The concerns with these ids, in that order.
pub fn by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<Concern>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE c.id = ?1"))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(c) = stmt.query_row(params![id], from_row).optional()? {
            out.push(c);
        }
    }
    Ok(out)
}

pub fn get(conn: &Connection, id: i64) -> Result<Concern> {
    conn.query_row(&format!("{SELECT} WHERE c.id = ?1"), params![id], from_row).optional()?.ok_or(StoreError::NotFound)
}

/// One step of a concern: status, date, who, note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub status: ConcernStatus,
    pub on: NaiveDate,
    pub by: String,
    pub note: String,
}

/// A concern's steps, oldest first.
pub fn steps(conn: &Connection, id: i64) -> Result<Vec<Step>> {
    let rows = conn
        .prepare_cached("SELECT status, on_date, by_user, note FROM concern_steps WHERE concern_id = ?1 ORDER BY on_date, id")?
        .query_map(params![id], |r| {
            let status: String = r.get(0)?;
            let on: String = r.get(1)?;
            Ok(Step {
                status: ConcernStatus::from_code(&status).unwrap_or(ConcernStatus::Open),
                on: parse_date(&on).unwrap_or_default(),
                by: r.get(2)?,
                note: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Moves concern `id` (still at `version`) on to `to`, dated `on` and
/// recorded with who did it. Only the flow's next steps are allowed, and a
/// step cannot be dated before the one it follows or after today.
pub fn advance(conn: &Connection, ctx: &Ctx, id: i64, version: i64, to: ConcernStatus, on: NaiveDate, note: &str) -> Result<()> {
    super::access::check(conn, ctx, super::access::Target::Concern(id))?;
    let before = get(conn, id)?;
    if before.version != version {
        return Err(StoreError::Conflict);
    }
    if !before.status.next_steps().contains(&to) {
        return Err(StoreError::Invalid(crate::i18n::tf(
            "err.concern_step",
            &[("from", before.status.label(crate::i18n::lang())), ("to", to.label(crate::i18n::lang()))],
        )));
    }
    if on < before.since || on > ctx.today {
        return Err(StoreError::Invalid(crate::i18n::tf("err.step_date", &[("since", &date_text(before.since))])));
    }
    let resolved_on = to.is_final().then(|| date_text(on));
    conn.execute(
        "UPDATE concerns SET status = ?1, resolved_on = ?4, version = version + 1 WHERE id = ?2 AND version = ?3",
        params![to.code(), id, version, resolved_on],
    )?;
    conn.execute(
        "INSERT INTO concern_steps (concern_id, status, on_date, by_user, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, to.code(), date_text(on), ctx.who, note],
    )?;
    let after = (to.code(), date_text(on), note);
    audit::record(conn, ctx, "concern", id, "step", Some(&before.status.code()), Some(&after))?;
    Ok(())
}
