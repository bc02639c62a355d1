//! The due list (今日, `lianhu due`): who is overdue, due or unlinked on a
//! day, most urgent first, then in the order a clerk counts. Read from the
//! kept standings (`kept`), which give it without reading any household's
//! past; the whole past (`whole`) is read where they cannot answer, and is
//! what they are tested against. Text is read only for the rows asked for.

mod kept;
mod text;
mod whole;

use super::Result;
use crate::domain::model::Class;
use crate::domain::rules::VisitRules;
use crate::domain::schedule::{DueStatus, Standing};
use chrono::NaiveDate;
use rusqlite::Connection;

pub use text::{keys, rows_of};
pub use whole::{list_whole, standing_of};

/// One household on the due list, without its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Due {
    pub household_id: i64,
    pub village_id: i64,
    pub class: Class,
    pub member_id: Option<i64>,
    pub status: DueStatus,
    pub due_by: Option<NaiveDate>,
    pub last_visit: Option<NaiveDate>,
    pub missed: u32,
}

impl Due {
    fn new(household_id: i64, village_id: i64, class: Class, s: &Standing, member_id: Option<i64>, last: Option<NaiveDate>) -> Option<Due> {
        Some(Due { household_id, village_id, class, member_id, status: s.status?, due_by: s.due_by, last_visit: last, missed: s.missed })
    }
}

/// One household on the due list, with its text.
#[derive(Debug, Clone, PartialEq)]
pub struct DueRow {
    pub household_id: i64,
    pub village_id: i64,
    pub village: String,
    pub group: String,
    pub address: String,
    pub head: String,
    pub class: Class,
    pub member_id: Option<i64>,
    pub member: Option<String>,
    pub status: DueStatus,
    pub due_by: Option<NaiveDate>,
    pub last_visit: Option<NaiveDate>,
    pub missed: u32,
    /// The household's and its member's search keys, for filtering as you type.
    pub search: String,
}

/// Which households to consider.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Only this village (by name).
    pub village: Option<String>,
    /// Only households whose current member has this name.
    pub member: Option<String>,
    /// Only this household.
    pub household: Option<i64>,
}

/// Every household in the scope's village (or all) that is overdue, due or
/// unlinked on `today`, most urgent first, then in the clerk's order: no
/// text (the member in `scope` is not looked at).
pub fn facts(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<Due>> {
    super::read(conn, || kept::facts(conn, today, rules, scope))
}

/// The due list with its text, of the scope's member only when one is
/// named.
pub fn list(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<DueRow>> {
    super::read(conn, || {
        let facts = of_member(conn, kept::facts(conn, today, rules, scope)?, scope)?;
        rows_of(conn, &facts)
    })
}

/// The rows whose member has the scope's member's name (all when none is
/// named), chosen before any text is read.
fn of_member(conn: &Connection, mut facts: Vec<Due>, scope: &Scope) -> Result<Vec<Due>> {
    if let Some(name) = &scope.member {
        let mut stmt = conn.prepare_cached("SELECT id FROM members WHERE name = ?1")?;
        let ids: Vec<i64> = stmt.query_map([name], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        facts.retain(|f| f.member_id.is_some_and(|m| ids.contains(&m)));
    }
    Ok(facts)
}

/// Every member's phone (whole: the clerk calls them), by id.
pub fn phones(conn: &Connection) -> Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, phone FROM members")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many of these statuses are of each kind: (overdue, due, unlinked).
pub fn counts(statuses: impl IntoIterator<Item = DueStatus>) -> (usize, usize, usize) {
    statuses.into_iter().fold((0, 0, 0), |(o, d, u), s| match s {
        DueStatus::Overdue => (o + 1, d, u),
        DueStatus::Due => (o, d + 1, u),
        DueStatus::Unlinked => (o, d, u + 1),
    })
}
