//! The 民意测评 screen's list: a village's households linked in a quarter,
//! with their member and their rating for it.

use super::{Ctx, Result, audit, date_text};
use crate::domain::model::Rating;
use crate::domain::period::Quarter;
use rusqlite::{Connection, OptionalExtension, params};

/// A household to rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingEntry {
    pub household_id: i64,
    pub head: String,
    pub address: String,
    /// The member linked last in the quarter: the rating is theirs.
    pub member: String,
    pub rating: Option<Rating>,
}

/// The village's households linked to a member at some time in `q`, by group
/// and address.
pub fn village_quarter(conn: &Connection, village_id: i64, q: Quarter) -> Result<Vec<RatingEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, h.head, h.address,
            (SELECT m.name FROM links l JOIN members m ON m.id = l.member_id
             WHERE l.household_id = h.id AND l.since <= ?3 AND (l.until IS NULL OR l.until >= ?2) ORDER BY l.since DESC LIMIT 1),
            r.rating
         FROM households h LEFT JOIN groups g ON g.id = h.group_id
         LEFT JOIN ratings r ON r.household_id = h.id AND r.quarter = ?4
         WHERE h.village_id = ?1
         ORDER BY g.name COLLATE natural_zh, h.address COLLATE natural_zh, h.id",
    )?;
    let rows = stmt.query_map(params![village_id, date_text(q.first_day()), date_text(q.last_day()), q.to_string()], |r| {
        let member: Option<String> = r.get(3)?;
        let rating: Option<String> = r.get(4)?;
        let (household_id, head, address) = (r.get(0)?, r.get(1)?, r.get(2)?);
        Ok(member.map(|member| RatingEntry { household_id, head, address, member, rating: rating.as_deref().and_then(Rating::from_code) }))
    })?;
    Ok(rows.filter_map(|r| r.transpose()).collect::<rusqlite::Result<_>>()?)
}

/// Removes a household's rating for a quarter (audited). Returns whether
/// there was one.
pub fn clear_rating(conn: &Connection, ctx: &Ctx, household_id: i64, q: Quarter) -> Result<bool> {
    super::access::check(conn, ctx, super::access::Target::Household(household_id))?;
    let qt = q.to_string();
    let before: Option<String> = conn
        .query_row("SELECT rating FROM ratings WHERE household_id = ?1 AND quarter = ?2", params![household_id, qt], |r| r.get(0))
        .optional()?;
    let Some(before) = before else { return Ok(false) };
    conn.execute("DELETE FROM ratings WHERE household_id = ?1 AND quarter = ?2", params![household_id, qt])?;
    audit::record::<_, ()>(conn, ctx, "rating", household_id, "clear", Some(&(qt.as_str(), before.as_str())), None)?;
    Ok(true)
}
