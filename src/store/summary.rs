//! Read-only views for the tabs whose own issues come later: a village
//! overview, the visit log, concerns, and the quarter's ratings.

use super::households::like_pattern;
use super::{Result, date_text};
use crate::domain::model::{ConcernStatus, Mode, Sorting};
use crate::domain::period::Quarter;
use chrono::NaiveDate;
use rusqlite::{Connection, params};

/// One village in the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct VillageRow {
    pub village: String,
    pub households: u32,
    pub members: u32,
    pub unlinked: u32,
    pub visits_this_month: u32,
    pub last_visit: Option<String>,
}

pub fn villages(conn: &Connection, today: NaiveDate) -> Result<Vec<VillageRow>> {
    let today_s = date_text(today);
    let month_start = date_text(crate::domain::period::month_start(today));
    let mut stmt = conn.prepare_cached(
        "SELECT v.name,
            (SELECT count(*) FROM households h WHERE h.village_id = v.id AND h.archived = 0),
            (SELECT count(*) FROM members m WHERE m.village_id = v.id AND m.archived = 0),
            (SELECT count(*) FROM households h WHERE h.village_id = v.id AND h.archived = 0 AND NOT EXISTS
                (SELECT 1 FROM links l WHERE l.household_id = h.id AND l.since <= ?1 AND (l.until IS NULL OR l.until >= ?1))),
            (SELECT count(*) FROM visits vi JOIN households h ON h.id = vi.household_id
                WHERE h.village_id = v.id AND vi.date BETWEEN ?2 AND ?1),
            (SELECT max(vi.date) FROM visits vi JOIN households h ON h.id = vi.household_id WHERE h.village_id = v.id)
         FROM villages v ORDER BY v.name",
    )?;
    let rows = stmt.query_map(params![today_s, month_start], |r| {
        Ok(VillageRow {
            village: r.get(0)?,
            households: r.get(1)?,
            members: r.get(2)?,
            unlinked: r.get(3)?,
            visits_this_month: r.get(4)?,
            last_visit: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One visit in the log.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitRow {
    pub date: String,
    pub village: String,
    pub head: String,
    pub member: String,
    pub mode: Mode,
    pub sorting: Option<Sorting>,
    pub note: String,
}

const VISIT_FILTER: &str = "(h.search_key LIKE ?1 ESCAPE '\\' OR m.search_key LIKE ?1 ESCAPE '\\')";

pub fn visit_count(conn: &Connection, filter: &str) -> Result<usize> {
    if filter.trim().is_empty() {
        let n: i64 = conn.query_row("SELECT count(*) FROM visits", [], |r| r.get(0))?;
        return Ok(usize::try_from(n).unwrap_or(0));
    }
    let sql = format!(
        "SELECT count(*) FROM visits vi JOIN households h ON h.id = vi.household_id JOIN members m ON m.id = vi.member_id WHERE {VISIT_FILTER}"
    );
    let n: i64 = conn.query_row(&sql, params![like_pattern(filter)], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The visit log, newest first.
pub fn visit_page(conn: &Connection, filter: &str, offset: usize, limit: usize) -> Result<Vec<VisitRow>> {
    let sql = format!(
        "SELECT vi.date, v.name, h.head, m.name, vi.mode, vi.sorting, vi.note
         FROM visits vi JOIN households h ON h.id = vi.household_id JOIN members m ON m.id = vi.member_id
         JOIN villages v ON v.id = h.village_id
         WHERE ?1 = '%%' OR {VISIT_FILTER}
         ORDER BY vi.date DESC, vi.id DESC LIMIT ?2 OFFSET ?3"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![like_pattern(filter), limit as i64, offset as i64], |r| {
        let mode: String = r.get(4)?;
        let sorting: Option<String> = r.get(5)?;
        Ok(VisitRow {
            date: r.get(0)?,
            village: r.get(1)?,
            head: r.get(2)?,
            member: r.get(3)?,
            mode: Mode::from_code(&mode).unwrap_or(Mode::InPerson),
            sorting: sorting.as_deref().and_then(Sorting::from_code),
            note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One concern and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct ConcernRow {
    pub raised_on: String,
    pub village: String,
    pub head: String,
    pub member: String,
    pub text: String,
    pub status: ConcernStatus,
    /// The date of the last step (the day it reached its current level).
    pub since: String,
}

pub fn concern_count(conn: &Connection, filter: &str) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM concerns c JOIN households h ON h.id = c.household_id JOIN members m ON m.id = c.member_id
         WHERE (h.search_key LIKE ?1 ESCAPE '\\' OR m.search_key LIKE ?1 ESCAPE '\\' OR c.text LIKE ?1 ESCAPE '\\')",
        params![like_pattern(filter)],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Concerns, the ones still open first, oldest first within that.
pub fn concern_page(conn: &Connection, filter: &str, offset: usize, limit: usize) -> Result<Vec<ConcernRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.raised_on, v.name, h.head, m.name, c.text, c.status,
            coalesce((SELECT max(s.on_date) FROM concern_steps s WHERE s.concern_id = c.id), c.raised_on)
         FROM concerns c JOIN households h ON h.id = c.household_id JOIN members m ON m.id = c.member_id
         JOIN villages v ON v.id = h.village_id
         WHERE (h.search_key LIKE ?1 ESCAPE '\\' OR m.search_key LIKE ?1 ESCAPE '\\' OR c.text LIKE ?1 ESCAPE '\\')
         ORDER BY c.status IN ('resolved', 'closed'), c.raised_on, c.id LIMIT ?2 OFFSET ?3",
    )?;
    let rows = stmt.query_map(params![like_pattern(filter), limit as i64, offset as i64], |r| {
        let status: String = r.get(5)?;
        Ok(ConcernRow {
            raised_on: r.get(0)?,
            village: r.get(1)?,
            head: r.get(2)?,
            member: r.get(3)?,
            text: r.get(4)?,
            status: ConcernStatus::from_code(&status).unwrap_or(ConcernStatus::Open),
            since: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A village's ratings and adjustments for one quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingRow {
    pub village: String,
    pub households: u32,
    pub satisfied: u32,
    pub basic: u32,
    pub unsatisfied: u32,
    pub adjustments: u32,
}

pub fn ratings(conn: &Connection, quarter: Quarter) -> Result<Vec<RatingRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.name,
            (SELECT count(*) FROM households h WHERE h.village_id = v.id AND h.archived = 0),
            (SELECT count(*) FROM ratings r JOIN households h ON h.id = r.household_id WHERE h.village_id = v.id AND r.quarter = ?1 AND r.rating = 'satisfied'),
            (SELECT count(*) FROM ratings r JOIN households h ON h.id = r.household_id WHERE h.village_id = v.id AND r.quarter = ?1 AND r.rating = 'basic'),
            (SELECT count(*) FROM ratings r JOIN households h ON h.id = r.household_id WHERE h.village_id = v.id AND r.quarter = ?1 AND r.rating = 'unsatisfied'),
            (SELECT count(*) FROM adjustments a JOIN members m ON m.id = a.member_id WHERE m.village_id = v.id AND a.quarter = ?1)
         FROM villages v ORDER BY v.name",
    )?;
    let rows = stmt.query_map(params![quarter.to_string()], |r| {
        Ok(RatingRow {
            village: r.get(0)?,
            households: r.get(1)?,
            satisfied: r.get(2)?,
            basic: r.get(3)?,
            unsatisfied: r.get(4)?,
            adjustments: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
