//! Finalised quarters: a board frozen as it stood, read back unchanged
//! whatever happens to the quarter's data later, and reopened only with a
//! reason. Both steps are audited.

use super::{Board, Final, ScoreRow};
use crate::domain::model::Role;
use crate::domain::period::Quarter;
use crate::domain::quarter::Caps;
use crate::domain::score::{Block, Label};
use crate::store::{Ctx, Result, StoreError, audit, now_text};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Blocks {
    star: Option<Block>,
    warning: Option<Block>,
}

/// The frozen boards of a village's year, by quarter.
pub fn frozen(conn: &Connection, village_id: i64, village: &str, year: i32) -> Result<HashMap<Quarter, Board>> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, quarter, finalized_at, finalized_by, members, star_cap, warning_cap, blocks FROM quarter_finals
         WHERE village_id = ?1 AND quarter BETWEEN ?2 AND ?3",
    )?;
    let finals: Vec<(i64, String, Final, [usize; 3], String)> = stmt
        .query_map(params![village_id, format!("{year}Q1"), format!("{year}Q4")], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                Final { at: r.get(2)?, by: r.get(3)? },
                [r.get::<_, i64>(4)? as usize, r.get::<_, i64>(5)? as usize, r.get::<_, i64>(6)? as usize],
                r.get(7)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, quarter, finalized, [members, star_cap, warning_cap], blocks) in finals {
        let Ok(quarter) = quarter.parse::<Quarter>() else { continue };
        let blocks: Blocks = serde_json::from_str(&blocks).unwrap_or_default();
        let rows = results(conn, id)?;
        let count = |l: Label| rows.iter().filter(|r| r.label == Some(l)).count();
        out.insert(
            quarter,
            Board {
                village_id,
                village: village.to_string(),
                quarter,
                caps: Caps {
                    members,
                    star_cap,
                    warning_cap,
                    stars: count(Label::Star),
                    warnings: count(Label::Warning),
                    star_block: blocks.star,
                    warning_block: blocks.warning,
                },
                finalized: Some(finalized),
                rows,
            },
        );
    }
    Ok(out)
}

fn results(conn: &Connection, final_id: i64) -> Result<Vec<ScoreRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.member_id, m.name, m.phone, m.role, r.exempt, r.ranked, r.households, r.required, r.done, r.compliance,
                r.satisfaction, r.conversions, r.resolved, r.adjustments, r.points, r.rank, r.label
         FROM quarter_results r JOIN members m ON m.id = r.member_id WHERE r.final_id = ?1
         ORDER BY r.rank IS NULL, r.rank, CASE WHEN r.rank IS NULL THEN m.name COLLATE natural_zh ELSE '' END, m.id",
    )?;
    let rows = stmt.query_map(params![final_id], |r| {
        let role: String = r.get(3)?;
        let label: Option<String> = r.get(16)?;
        Ok(ScoreRow {
            member_id: r.get(0)?,
            member: r.get(1)?,
            phone: r.get(2)?,
            role: Role::from_code(&role).unwrap_or(Role::Member),
            exempt: r.get(4)?,
            ranked: r.get(5)?,
            households: r.get(6)?,
            required: r.get(7)?,
            done: r.get(8)?,
            compliance: r.get(9)?,
            satisfaction: r.get(10)?,
            conversions: r.get(11)?,
            resolved: r.get(12)?,
            adjustments: r.get(13)?,
            points: r.get(14)?,
            rank: r.get::<_, Option<i64>>(15)?.map(|v| v as usize),
            label: match label.as_deref() {
                Some("star") => Some(Label::Star),
                Some("warning") => Some(Label::Warning),
                _ => None,
            },
            warnings_in_year: 0,
            self_criticism: false,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn label_code(l: Option<Label>) -> Option<&'static str> {
    l.map(|l| match l {
        Label::Star => "star",
        Label::Warning => "warning",
    })
}

/// Freezes a computed board. Returns false when the quarter was already final.
pub fn freeze(conn: &Connection, ctx: &Ctx, board: &Board) -> Result<bool> {
    crate::store::access::check(conn, ctx, crate::store::access::Target::Village(board.village_id))?;
    // The real clock, not `--today`: a quarter is final only once its
    // last day has really passed.
    if board.quarter.last_day() >= real_today() {
        return Err(StoreError::Invalid(crate::i18n::tf("err.quarter_not_over", &[("quarter", &board.quarter.to_string())])));
    }
    let q = board.quarter.to_string();
    let exists: Option<i64> = conn
        .query_row("SELECT id FROM quarter_finals WHERE village_id = ?1 AND quarter = ?2", params![board.village_id, q], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        return Ok(false);
    }
    let blocks = serde_json::to_string(&Blocks { star: board.caps.star_block, warning: board.caps.warning_block })
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    conn.execute(
        "INSERT INTO quarter_finals (village_id, quarter, finalized_at, finalized_by, members, star_cap, warning_cap, blocks)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            board.village_id,
            q,
            now_text(),
            ctx.who,
            board.caps.members as i64,
            board.caps.star_cap as i64,
            board.caps.warning_cap as i64,
            blocks
        ],
    )?;
    let final_id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO quarter_results (final_id, member_id, exempt, ranked, households, required, done, compliance, satisfaction,
            conversions, resolved, adjustments, points, rank, label)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for r in &board.rows {
        stmt.execute(params![
            final_id,
            r.member_id,
            r.exempt,
            r.ranked,
            r.households,
            r.required,
            r.done,
            r.compliance,
            r.satisfaction,
            r.conversions,
            r.resolved,
            r.adjustments,
            r.points,
            r.rank.map(|v| v as i64),
            label_code(r.label)
        ])?;
    }
    let after = (q.as_str(), board.caps.stars, board.caps.warnings);
    audit::record::<(), _>(conn, ctx, "quarter", final_id, "finalize", None, Some(&after))?;
    Ok(true)
}

/// Today by the machine's clock.
pub fn real_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Reopens a finalised quarter of a village; the reason is required and
/// recorded. Returns false when it was not final.
pub fn reopen(conn: &Connection, ctx: &Ctx, village_id: i64, q: Quarter, reason: &str) -> Result<bool> {
    crate::store::access::check(conn, ctx, crate::store::access::Target::Village(village_id))?;
    crate::store::access::require_admin(ctx)?;
    if reason.trim().is_empty() {
        return Err(StoreError::Invalid(crate::i18n::t("err.reason_required").to_string()));
    }
    let found: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT id, finalized_at, finalized_by FROM quarter_finals WHERE village_id = ?1 AND quarter = ?2",
            params![village_id, q.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((id, at, by)) = found else { return Ok(false) };
    conn.execute("DELETE FROM quarter_finals WHERE id = ?1", params![id])?;
    let before = (q.to_string(), at, by);
    audit::record(conn, ctx, "quarter", id, "reopen", Some(&before), Some(&reason.trim()))?;
    Ok(true)
}
