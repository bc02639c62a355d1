//! The 考评 tab's read-only view until the scoring issue: the quarter's
//! ratings and adjustments, village by village.

use super::Result;
use crate::domain::period::Quarter;
use rusqlite::{Connection, params};

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
