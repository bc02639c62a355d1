//! The due list from every household's whole past, as the rules read it:
//! class, the latest visit on or before the day, class records and links.

use super::{Due, DueRow, Scope};
use crate::domain::model::Class;
use crate::domain::rules::VisitRules;
use crate::domain::schedule::{self, History, LastVisit, Standing};
use crate::store::history::Past;
use crate::store::{Result, date_text};
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// What is read of every household in scope: no text.
pub(super) struct Facts {
    pub id: i64,
    pub village_id: i64,
    pub class: Class,
    pub last: Option<LastVisit>,
}

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
        "SELECT h.id, h.class, h.village_id, {}
         FROM households h JOIN villages v ON v.id = h.village_id
         WHERE h.created_on <= ?2 AND {}",
        crate::store::standing::latest_visit("?2"),
        scope_where(scope)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![scope_param(scope), today], |r| {
        let class: String = r.get(1)?;
        let last: Option<String> = r.get(3)?;
        Ok(Facts {
            id: r.get(0)?,
            village_id: r.get(2)?,
            class: Class::from_code(&class).unwrap_or(Class::General),
            last: last.as_deref().and_then(crate::store::standing::parse_last),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Class records and links of the households in scope, by household (the
/// loader scoring uses too). With no scope, the tables are read whole.
fn pasts(conn: &Connection, scope: &Scope) -> Result<HashMap<i64, Past>> {
    let whole = *scope == Scope::default();
    crate::store::history::load(conn, (!whole).then(|| scope_where(scope)), &scope_param(scope))
}

/// Where each household in scope stands today, with the member linked today.
pub(super) fn standings(
    conn: &Connection,
    today: NaiveDate,
    rules: &VisitRules,
    scope: &Scope,
) -> Result<Vec<(Facts, Standing, Option<i64>)>> {
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

/// The due list of the scope's households (of the scope's member only
/// when one is named), from their whole past.
pub fn list_whole(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<DueRow>> {
    let facts = super::of_member(conn, facts(conn, today, rules, scope)?, scope)?;
    let mut rows = super::rows_of(conn, &facts)?;
    use crate::domain::order::natural;
    rows.sort_unstable_by(|a, b| {
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

/// The listed households from their whole past (in no particular order).
pub(super) fn facts(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<Due>> {
    Ok(standings(conn, today, rules, scope)?
        .into_iter()
        .filter_map(|(f, s, member)| Due::new(f.id, f.village_id, f.class, &s, member, f.last.map(|v| v.date)))
        .collect())
}

/// Where one household stands today (its detail pane).
pub fn standing_of(conn: &Connection, household_id: i64, today: NaiveDate, rules: &VisitRules) -> Result<Option<Standing>> {
    let scope = Scope { household: Some(household_id), ..Default::default() };
    Ok(standings(conn, today, rules, &scope)?.into_iter().next().map(|(_, s, _)| s))
}
