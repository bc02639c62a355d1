//! The due list in two phases: the rules run over every household in scope
//! from three light queries (class, the latest visit kept on the household's
//! row, class records, links), then only the households on the list are read
//! whole. The visit log itself is never scanned.

use super::{Result, date_text};
use crate::domain::model::Class;
use crate::domain::rules::VisitRules;
use crate::domain::schedule::{self, DueStatus, History, LastVisit, Standing};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
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
        Ok(Facts {
            id: r.get(0)?,
            class: Class::from_code(&class).unwrap_or(Class::General),
            last: last.as_deref().and_then(super::standing::parse_last),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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

/// Beyond this many households whose kept standing does not reach today
/// (a `--today` in the past), their pasts are read whole.
const LATE_WHOLE: usize = 300;

/// The due list from the kept standings (issue 23): one small row per
/// household, already in the order a clerk counts; only the households
/// whose kept facts do not reach today have their past read. Gives what
/// `list_whole` gives, on every day.
fn list_in(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<DueRow>> {
    if scope.household.is_some() || !super::standing::unsettled(conn)?.is_empty() {
        // Another program wrote without settling: the kept rows may be stale.
        return list_whole(conn, today, rules, scope);
    }
    let village = match &scope.village {
        Some(name) => {
            match conn.prepare_cached("SELECT id FROM villages WHERE name = ?1")?.query_row([name], |r| r.get::<_, i64>(0)).optional()? {
                Some(id) => Some(id),
                None => return Ok(Vec::new()),
            }
        }
        None => None,
    };
    // (position in the clerk's order, household, class, standing, member, latest visit)
    let mut listed: Vec<(usize, i64, Class, Standing, Option<i64>, Option<LastVisit>)> = Vec::new();
    let mut late = Vec::new();
    let mut at = 0;
    super::standing::rows(conn, village, |r| {
        match r.kept.on(today, rules) {
            Some(s) if s.status.is_some() => listed.push((at, r.household_id, r.kept.class, s, r.kept.member, r.kept.last)),
            Some(_) => {}
            None => late.push((at, r.household_id)),
        }
        at += 1;
    })?;
    if late.len() > LATE_WHOLE {
        let whole: HashMap<i64, _> = standings(conn, today, rules, scope)?.into_iter().map(|t| (t.0.id, t)).collect();
        for (at, id) in late {
            if let Some((f, s, member)) = whole.get(&id) {
                listed.push((at, id, f.class, *s, *member, f.last));
            }
        }
    } else {
        for (at, id) in late {
            let one = Scope { household: Some(id), ..Default::default() };
            for (f, s, member) in standings(conn, today, rules, &one)? {
                listed.push((at, id, f.class, s, member, f.last));
            }
        }
    }
    listed.retain(|t| t.3.status.is_some());
    listed.sort_by_key(|t| (schedule::urgency(&t.3), t.0));
    let mut members = HashMap::new();
    let mut rows = Vec::with_capacity(listed.len());
    for (_, id, class, s, member_id, last) in listed {
        if let Some(row) = due_row(conn, &mut members, scope, (id, class, last), s, member_id)? {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// A household on the list with its text; None when the scope's member is
/// not its member.
fn due_row(
    conn: &Connection,
    members: &mut HashMap<i64, (String, String)>,
    scope: &Scope,
    (id, class, last): (i64, Class, Option<LastVisit>),
    s: Standing,
    member_id: Option<i64>,
) -> Result<Option<DueRow>> {
    let Some(status) = s.status else { return Ok(None) };
    let member = member_id.map(|id| member_text(conn, members, id)).transpose()?;
    if let Some(wanted) = &scope.member
        && member.as_ref().is_none_or(|(name, _)| name != wanted)
    {
        return Ok(None);
    }
    let (village, group, address, head, key) = household_text(conn, id)?;
    let (member, member_key) = match member {
        Some((name, key)) => (Some(name), key),
        None => (None, String::new()),
    };
    Ok(Some(DueRow {
        household_id: id,
        village,
        group,
        address,
        head,
        class,
        member_id,
        member,
        status,
        due_by: s.due_by,
        last_visit: last.map(|v| v.date),
        missed: s.missed,
        search: format!("{key} {member_key}"),
    }))
}

/// The due list from every household's whole past: what the kept
/// standings must give (and what is read when they cannot be trusted).
pub fn list_whole(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<DueRow>> {
    let mut members = HashMap::new();
    let mut rows = Vec::new();
    for (f, s, member_id) in standings(conn, today, rules, scope)? {
        if let Some(row) = due_row(conn, &mut members, scope, (f.id, f.class, f.last), s, member_id)? {
            rows.push(row);
        }
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
