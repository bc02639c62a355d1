//! Quarter scores as the app, `lianhu score` and the exports show them: a
//! board per village and quarter, computed from the data or read frozen
//! when the quarter was finalised, with each member's warnings in the year.

pub mod detail;
pub mod finals;
pub(crate) mod load;

use crate::domain::duty::Household;
use crate::domain::model::Role;
use crate::domain::period::Quarter;
use crate::domain::quarter::{self, Caps, HouseholdFacts, MemberFacts};
use crate::domain::rules::Rules;
use crate::domain::schedule::History;
use crate::domain::score::Label;
use crate::store::Result;
use chrono::NaiveDate;
use load::{Loaded, Which};
use rusqlite::{Connection, params};
use serde::Serialize;
use std::collections::HashMap;

/// One member's line on a board.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreRow {
    pub member_id: i64,
    pub member: String,
    pub phone: String,
    pub role: Role,
    pub exempt: bool,
    pub ranked: bool,
    pub households: u32,
    pub required: u32,
    pub done: u32,
    pub compliance: f64,
    pub satisfaction: f64,
    pub conversions: u32,
    pub resolved: u32,
    pub adjustments: f64,
    pub points: f64,
    pub rank: Option<usize>,
    pub label: Option<Label>,
    /// Warnings in this quarter's year up to and including it.
    pub warnings_in_year: u32,
    pub self_criticism: bool,
}

/// Who finalised a quarter, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Final {
    pub at: String,
    pub by: String,
}

/// A village's quarter: the caps, what was used, the ties that stopped a
/// label short of its cap, and every member's line (ranked first).
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    pub village_id: i64,
    pub village: String,
    pub quarter: Quarter,
    pub caps: Caps,
    pub finalized: Option<Final>,
    pub rows: Vec<ScoreRow>,
}

/// The villages in scope: one by id, or all, by name.
pub fn villages(conn: &Connection, village: Option<i64>) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM villages WHERE ?1 IS NULL OR id = ?1 ORDER BY name")?;
    let rows = stmt.query_map(params![village], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Quarter `q` of each village in scope, as of `today`.
pub fn boards(conn: &Connection, q: Quarter, village: Option<i64>, today: NaiveDate, rules: &Rules) -> Result<Vec<Board>> {
    super::read(conn, || boards_in(conn, q, village, today, rules))
}

fn boards_in(conn: &Connection, q: Quarter, village: Option<i64>, today: NaiveDate, rules: &Rules) -> Result<Vec<Board>> {
    let mut out = Vec::new();
    for (id, name) in villages(conn, village)? {
        if let Some(board) = village_year(conn, id, &name, q, today, rules)?.pop() {
            out.push(board);
        }
    }
    Ok(out)
}

/// A village's quarters of `year` up to the current one (all four for a
/// past year), each with the warnings counted up to it.
pub fn year(conn: &Connection, year: i32, village_id: i64, today: NaiveDate, rules: &Rules) -> Result<Vec<Board>> {
    let Some(name) = villages(conn, Some(village_id))?.pop().map(|(_, n)| n) else { return Ok(Vec::new()) };
    let last = Quarter { year, q: 4 }.min(Quarter::of(today).max(Quarter { year, q: 1 }));
    village_year(conn, village_id, &name, last, today, rules)
}

/// Quarters Q1..=`upto` of one village: frozen ones read back, the rest
/// computed from one read of their data.
fn village_year(conn: &Connection, village_id: i64, name: &str, upto: Quarter, today: NaiveDate, rules: &Rules) -> Result<Vec<Board>> {
    let mut frozen = finals::frozen(conn, village_id, name, upto.year)?;
    let quarters: Vec<Quarter> = (1..=upto.q).map(|q| Quarter { year: upto.year, q }).collect();
    // Earlier quarters count for warnings only up to today's quarter.
    let wanted: Vec<Quarter> = quarters.iter().copied().filter(|q| *q == upto || *q <= Quarter::of(today)).collect();
    let open: Vec<Quarter> = wanted.iter().copied().filter(|q| !frozen.contains_key(q)).collect();
    let loaded = match (open.first(), open.last()) {
        (Some(first), Some(last)) => load::load(conn, Which::Village(village_id), *first, *last, rules.visits.difficult_grace_days, today)?,
        _ => Loaded::default(),
    };
    let mut warned: HashMap<i64, u32> = HashMap::new();
    let mut out = Vec::new();
    for q in wanted {
        let mut board = match frozen.remove(&q) {
            Some(b) => b,
            None => compute(&loaded, village_id, name, q, today, rules),
        };
        for row in &mut board.rows {
            let n = warned.entry(row.member_id).or_default();
            *n += u32::from(row.label == Some(Label::Warning));
            row.warnings_in_year = *n;
            row.self_criticism = *n >= 2;
        }
        tell_apart(conn, &mut board)?;
        out.push(board);
    }
    Ok(out)
}

/// Two members of one name (two 李红梅) look different on the screen and
/// the board: each gets their phone's last four digits.
fn tell_apart(conn: &Connection, board: &mut Board) -> Result<()> {
    let names: Vec<String> = board.rows.iter().map(|r| r.member.clone()).collect();
    for row in &mut board.rows {
        if names.iter().filter(|n| **n == row.member).count() > 1 {
            let phone: String =
                conn.query_row("SELECT phone FROM members WHERE id = ?1", [row.member_id], |r| r.get(0)).unwrap_or_default();
            let tail: String = phone.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
            if !tail.is_empty() {
                row.member = format!("{} {tail}", row.member);
            }
        }
    }
    Ok(())
}

/// The domain's view of the loaded households for quarter `q`.
pub(super) fn household_facts(loaded: &Loaded, q: Quarter) -> Vec<HouseholdFacts<'_>> {
    loaded
        .households
        .iter()
        .map(|h| HouseholdFacts {
            household: Household { history: History { classes: &h.classes, links: &h.links }, members: &h.members, visits: &h.visits },
            rating: h.ratings.iter().find(|(rq, _)| *rq == q).map(|(_, r)| *r),
        })
        .collect()
}

/// Resolved concerns of a member dated in `q` and not after today.
pub(super) fn resolved_in(loaded: &Loaded, member: i64, q: Quarter, today: NaiveDate) -> u32 {
    loaded.resolved.get(&member).map_or(0, |days| days.iter().filter(|d| q.contains(**d) && **d <= today).count() as u32)
}

fn compute(loaded: &Loaded, village_id: i64, name: &str, q: Quarter, today: NaiveDate, rules: &Rules) -> Board {
    let members: Vec<MemberFacts> = loaded
        .members
        .iter()
        .map(|m| MemberFacts {
            id: m.id,
            exempt: m.status.is_exempt(),
            resolved: resolved_in(loaded, m.id, q, today),
            adjustments: loaded.adjustments.get(&(m.id, q)).copied().unwrap_or(0.0),
        })
        .collect();
    let outcome = quarter::village(&members, &household_facts(loaded, q), q, today, rules);
    let by_id: HashMap<i64, &load::MemberRow> = loaded.members.iter().map(|m| (m.id, m)).collect();
    let rows = outcome
        .lines
        .iter()
        .filter_map(|l| {
            let m = by_id.get(&l.member)?;
            Some(ScoreRow {
                member_id: l.member,
                member: m.name.clone(),
                phone: m.phone.clone(),
                role: m.role,
                exempt: l.exempt,
                ranked: l.ranked,
                households: l.households,
                required: l.required,
                done: l.done,
                compliance: l.work.compliance,
                satisfaction: l.work.satisfaction,
                conversions: l.work.conversions,
                resolved: l.work.resolved,
                adjustments: l.work.adjustments,
                points: l.points,
                rank: l.rank,
                label: l.label,
                warnings_in_year: 0,
                self_criticism: false,
            })
        })
        .collect();
    Board { village_id, village: name.to_string(), quarter: q, caps: outcome.caps, finalized: None, rows }
}
