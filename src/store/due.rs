//! The due list in two phases: the rules run over every household in scope
//! from three light queries (class, the latest visit kept on the household's
//! row, class records, links), then only the households on the list are read
//! whole. The visit log itself is never scanned.

use super::{Result, date_text, parse_date};
use crate::domain::model::Class;
use crate::domain::rules::VisitRules;
use crate::domain::schedule::{self, DueStatus, History, LastVisit, Standing};
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// One household on the due list.
#[derive(Debug, Clone, PartialEq)]
pub struct DueRow {
    pub household_id: i64,
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

/// What phase one reads of every household in scope: no text, so that the
/// rules run over tens of thousands of households without copying names.
struct Facts {
    id: i64,
    class: Class,
    last: Option<LastVisit>,
}

use super::history::Past;

/// The fixed WHERE clause for a scope: one household by its key (so that
/// SQLite seeks the indexes), or a village (or all), `?1` being the id or name.
fn scope_where(scope: &Scope) -> &'static str {
    if scope.household.is_some() { "h.id = ?1" } else { "h.archived = 0 AND (?1 IS NULL OR v.name = ?1)" }
}

fn scope_param(scope: &Scope) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match (scope.household, &scope.village) {
        (Some(id), _) => Value::Integer(id),
        (None, Some(v)) => Value::Text(v.clone()),
        (None, None) => Value::Null,
    }
}

/// Households in scope with their latest visit on or before today (of two
/// on one day, the one with the later plan). The store keeps each
/// household's latest visit on its row; only when that lies after "today"
/// (a `--today` in the past) is the visit index consulted.
fn households(conn: &Connection, today: &str, scope: &Scope) -> Result<Vec<Facts>> {
    let sql = format!(
        "SELECT h.id, h.class,
            CASE WHEN h.latest_visit IS NULL OR h.latest_visit <= ?2 THEN h.latest_visit || ' ' || coalesce(h.latest_plan, '')
            ELSE (SELECT vi.date || ' ' || coalesce(vi.next_planned, '') FROM visits vi
                  WHERE vi.household_id = h.id AND vi.date <= ?2 ORDER BY vi.date DESC, vi.next_planned DESC LIMIT 1) END
         FROM households h JOIN villages v ON v.id = h.village_id
         WHERE h.created_on <= ?2 AND {}",
        scope_where(scope)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![scope_param(scope), today], |r| {
        let class: String = r.get(1)?;
        let last: Option<String> = r.get(2)?;
        Ok(Facts { id: r.get(0)?, class: Class::from_code(&class).unwrap_or(Class::General), last: last.as_deref().and_then(parse_last) })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn parse_last(s: &str) -> Option<LastVisit> {
    let (date, next) = s.split_once(' ').unwrap_or((s, ""));
    Some(LastVisit { date: parse_date(date)?, next_planned: parse_date(next) })
}

/// Class records and links of the households in scope, by household (the
/// loader scoring uses too). With no scope, the tables are read whole.
fn pasts(conn: &Connection, scope: &Scope) -> Result<HashMap<i64, Past>> {
    let whole = *scope == Scope::default();
    super::history::load(conn, (!whole).then(|| scope_where(scope)), &scope_param(scope))
}

/// Where each household in scope stands today, with the member linked today.
fn standings(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<(Facts, Standing, Option<i64>)>> {
    let facts = households(conn, &date_text(today), scope)?;
    let pasts = pasts(conn, scope)?;
    let empty = Past::default();
    let mut out = Vec::with_capacity(facts.len());
    for f in facts {
        let past = pasts.get(&f.id).unwrap_or(&empty);
        let history = History { classes: &past.classes, links: &past.links };
        let class = history.class_on(today).unwrap_or(f.class);
        let standing = schedule::standing(&history, class, f.last, today, rules);
        let member = past
            .links
            .iter()
            .zip(&past.members)
            .filter(|((since, until), _)| *since <= today && until.is_none_or(|u| today <= u))
            .max_by_key(|((since, _), _)| *since)
            .map(|(_, id)| *id);
        out.push((Facts { class, ..f }, standing, member));
    }
    Ok(out)
}

/// Phase two: the text of a household on the list (village, group, address,
/// head, search key).
fn household_text(conn: &Connection, id: i64) -> Result<(String, String, String, String, String)> {
    Ok(conn
        .prepare_cached(
            "SELECT v.name, coalesce(g.name, ''), h.address, h.head, h.search_key
         FROM households h JOIN villages v ON v.id = h.village_id LEFT JOIN groups g ON g.id = h.group_id WHERE h.id = ?1",
        )?
        .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?)
}

/// A member's name and search key, remembered across rows.
fn member_text(conn: &Connection, cache: &mut HashMap<i64, (String, String)>, id: i64) -> Result<(String, String)> {
    if let Some(m) = cache.get(&id) {
        return Ok(m.clone());
    }
    let m: (String, String) = conn
        .prepare_cached("SELECT name, search_key FROM members WHERE id = ?1")?
        .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    cache.insert(id, m.clone());
    Ok(m)
}

/// Every household in scope that is overdue, due or unlinked today, most
/// urgent first (then by village, group and address).
pub fn list(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<DueRow>> {
    super::read(conn, || list_in(conn, today, rules, scope))
}

fn list_in(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<DueRow>> {
    let mut members = HashMap::new();
    let mut rows = Vec::new();
    for (f, s, member_id) in standings(conn, today, rules, scope)? {
        let Some(status) = s.status else { continue };
        let member = member_id.map(|id| member_text(conn, &mut members, id)).transpose()?;
        if let Some(wanted) = &scope.member
            && member.as_ref().is_none_or(|(name, _)| name != wanted)
        {
            continue;
        }
        let (village, group, address, head, key) = household_text(conn, f.id)?;
        let (member, member_key) = match member {
            Some((name, key)) => (Some(name), key),
            None => (None, String::new()),
        };
        rows.push(DueRow {
            household_id: f.id,
            village,
            group,
            address,
            head,
            class: f.class,
            member_id,
            member,
            status,
            due_by: s.due_by,
            last_visit: f.last.map(|v| v.date),
            missed: s.missed,
            search: format!("{key} {member_key}"),
        });
    }
    use crate::domain::order::natural;
    rows.sort_by(|a, b| {
        let key = |r: &DueRow| schedule::urgency(&Standing { status: Some(r.status), due_by: r.due_by, missed: r.missed });
        key(a)
            .cmp(&key(b))
            .then_with(|| natural(&a.village, &b.village))
            .then_with(|| natural(&a.group, &b.group))
            .then_with(|| natural(&a.address, &b.address))
            .then(a.household_id.cmp(&b.household_id))
    });
    Ok(rows)
}

/// Every member's phone (whole: the clerk calls them), by id.
pub fn phones(conn: &Connection) -> Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, phone FROM members")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where one household stands today (its detail pane).
pub fn standing_of(conn: &Connection, household_id: i64, today: NaiveDate, rules: &VisitRules) -> Result<Option<Standing>> {
    let scope = Scope { household: Some(household_id), ..Default::default() };
    Ok(standings(conn, today, rules, &scope)?.into_iter().next().map(|(_, s, _)| s))
}

/// How many of the rows have each status: (overdue, due, unlinked).
pub fn counts<'a>(rows: impl IntoIterator<Item = &'a DueRow>) -> (usize, usize, usize) {
    rows.into_iter().fold((0, 0, 0), |(o, d, u), r| match r.status {
        DueStatus::Overdue => (o + 1, d, u),
        DueStatus::Due => (o, d + 1, u),
        DueStatus::Unlinked => (o, d, u + 1),
    })
}
