//! Concerns passed up: the list with days at the current level, each
//! concern's dated steps, and moving a concern on.

use super::households::like_pattern;
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

/// ?1 text pattern, ?2 show code, ?3 the last day a stuck concern may have
/// reached its level.
const WHERE: &str =
    "WHERE (?1 = '%%' OR h.search_key LIKE ?1 ESCAPE '\\' OR m.search_key LIKE ?1 ESCAPE '\\' OR c.text LIKE ?1 ESCAPE '\\')
      AND (?2 = 'all' OR c.status NOT IN ('resolved', 'closed'))
      AND (?2 <> 'stuck' OR since < ?3)";

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

fn show_code(show: Show) -> &'static str {
    match show {
        Show::Open => "open",
        Show::Stuck => "stuck",
        Show::All => "all",
    }
}

/// The last day a concern may have reached its level and count as stuck today.
fn stuck_before(today: NaiveDate, stuck_days: u32) -> String {
    date_text(today - chrono::Days::new(u64::from(stuck_days)))
}

pub fn count(conn: &Connection, filter: &str, show: Show, today: NaiveDate, stuck_days: u32) -> Result<usize> {
    let sql = format!("SELECT count(*) FROM ({SELECT} {WHERE})");
    let n: i64 = conn
        .prepare_cached(&sql)?
        .query_row(params![like_pattern(filter), show_code(show), stuck_before(today, stuck_days)], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Concerns, unresolved first, the longest waiting first within that.
pub fn page(
    conn: &Connection,
    filter: &str,
    show: Show,
    today: NaiveDate,
    stuck_days: u32,
    offset: usize,
    limit: usize,
) -> Result<Vec<Concern>> {
    let sql = format!("{SELECT} {WHERE} ORDER BY c.status IN ('resolved', 'closed'), since, c.id LIMIT ?4 OFFSET ?5");
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(params![like_pattern(filter), show_code(show), stuck_before(today, stuck_days), limit as i64, offset as i64], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
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
