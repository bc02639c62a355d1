//! The due list: each household's facts in three queries that never scan the
//! visit log (one index seek per household for its latest visit), then the
//! schedule rules in `domain::schedule`.

use super::{Result, date_text, parse_date};
use crate::domain::model::Class;
use crate::domain::rules::VisitRules;
use crate::domain::schedule::{self, DueStatus, History, LastVisit, Span, Standing};
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

struct Facts {
    id: i64,
    village: String,
    group: String,
    address: String,
    head: String,
    class: Class,
    search: String,
    last: Option<LastVisit>,
}

#[derive(Default)]
struct Past {
    classes: Vec<(NaiveDate, Class)>,
    links: Vec<Span>,
    /// Links with their member: (since, until, member id, name, search key).
    members: Vec<(NaiveDate, Option<NaiveDate>, i64, String, String)>,
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

fn households(conn: &Connection, today: &str, scope: &Scope) -> Result<Vec<Facts>> {
    let sql = format!(
        "SELECT h.id, v.name, coalesce(g.name, ''), h.address, h.head, h.class, h.search_key,
            (SELECT vi.date || ' ' || coalesce(vi.next_planned, '') FROM visits vi
              WHERE vi.household_id = h.id AND vi.date <= ?2 ORDER BY vi.date DESC, vi.id DESC LIMIT 1)
         FROM households h JOIN villages v ON v.id = h.village_id LEFT JOIN groups g ON g.id = h.group_id
         WHERE {}",
        scope_where(scope)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![scope_param(scope), today], |r| {
        let class: String = r.get(5)?;
        let last: Option<String> = r.get(7)?;
        Ok(Facts {
            id: r.get(0)?,
            village: r.get(1)?,
            group: r.get(2)?,
            address: r.get(3)?,
            head: r.get(4)?,
            class: Class::from_code(&class).unwrap_or(Class::General),
            search: r.get(6)?,
            last: last.as_deref().and_then(parse_last),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn parse_last(s: &str) -> Option<LastVisit> {
    let (date, next) = s.split_once(' ').unwrap_or((s, ""));
    Some(LastVisit { date: parse_date(date)?, next_planned: parse_date(next) })
}

/// Class records and links of the households in scope, by household.
fn pasts(conn: &Connection, scope: &Scope) -> Result<HashMap<i64, Past>> {
    let mut out: HashMap<i64, Past> = HashMap::new();
    let sql = format!(
        "SELECT c.household_id, c.since, c.class FROM class_history c
         JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
         WHERE {} ORDER BY c.household_id, c.since, c.id",
        scope_where(scope).replace("h.id", "c.household_id")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![scope_param(scope)])?;
    while let Some(r) = rows.next()? {
        let since: String = r.get(1)?;
        let class: String = r.get(2)?;
        if let (Some(since), Some(class)) = (parse_date(&since), Class::from_code(&class)) {
            out.entry(r.get(0)?).or_default().classes.push((since, class));
        }
    }
    let sql = format!(
        "SELECT l.household_id, l.since, l.until, m.id, m.name, m.search_key FROM links l
         JOIN members m ON m.id = l.member_id JOIN households h ON h.id = l.household_id JOIN villages v ON v.id = h.village_id
         WHERE {}",
        scope_where(scope).replace("h.id", "l.household_id")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![scope_param(scope)])?;
    while let Some(r) = rows.next()? {
        let since: String = r.get(1)?;
        let until: Option<String> = r.get(2)?;
        let Some(since) = parse_date(&since) else { continue };
        let until = until.as_deref().and_then(parse_date);
        let past = out.entry(r.get(0)?).or_default();
        past.links.push((since, until));
        past.members.push((since, until, r.get(3)?, r.get(4)?, r.get(5)?));
    }
    Ok(out)
}

/// The member linked today: (id, name, search key).
type Current = Option<(i64, String, String)>;

/// Where each household in scope stands today, with its current member.
fn standings(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<(Facts, Standing, Current)>> {
    let today_text = date_text(today);
    let facts = households(conn, &today_text, scope)?;
    let pasts = pasts(conn, scope)?;
    let empty = Past::default();
    let mut out = Vec::with_capacity(facts.len());
    for f in facts {
        let past = pasts.get(&f.id).unwrap_or(&empty);
        let history = History { classes: &past.classes, links: &past.links };
        let class = history.class_on(today).unwrap_or(f.class);
        let standing = schedule::standing(&history, class, f.last, today, rules);
        let member = past
            .members
            .iter()
            .filter(|(since, until, ..)| *since <= today && until.is_none_or(|u| today <= u))
            .max_by_key(|(since, ..)| *since)
            .map(|(_, _, id, name, key)| (*id, name.clone(), key.clone()));
        out.push((Facts { class, ..f }, standing, member));
    }
    Ok(out)
}

/// Every household in scope that is overdue, due or unlinked today, most
/// urgent first (then by village, group and address).
pub fn list(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<DueRow>> {
    let mut rows: Vec<DueRow> = standings(conn, today, rules, scope)?
        .into_iter()
        .filter(|(_, _, member)| scope.member.as_ref().is_none_or(|m| member.as_ref().is_some_and(|(_, name, _)| name == m)))
        .filter_map(|(f, s, member)| {
            let status = s.status?;
            let (member_id, member, member_key) = match member {
                Some((id, name, key)) => (Some(id), Some(name), key),
                None => (None, None, String::new()),
            };
            Some(DueRow {
                household_id: f.id,
                village: f.village,
                group: f.group,
                address: f.address,
                head: f.head,
                class: f.class,
                member_id,
                member,
                status,
                due_by: s.due_by,
                last_visit: f.last.map(|v| v.date),
                missed: s.missed,
                search: format!("{} {member_key}", f.search),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &DueRow| schedule::urgency(&Standing { status: Some(r.status), due_by: r.due_by, missed: r.missed });
        key(a)
            .cmp(&key(b))
            .then_with(|| (&a.village, &a.group, &a.address, a.household_id).cmp(&(&b.village, &b.group, &b.address, b.household_id)))
    });
    Ok(rows)
}

/// Where one household stands today (its detail pane).
pub fn standing_of(conn: &Connection, household_id: i64, today: NaiveDate, rules: &VisitRules) -> Result<Option<Standing>> {
    let scope = Scope { household: Some(household_id), ..Default::default() };
    Ok(standings(conn, today, rules, &scope)?.into_iter().next().map(|(_, s, _)| s))
}

/// How many of the rows have each status: (overdue, due, unlinked).
pub fn counts(rows: &[DueRow]) -> (usize, usize, usize) {
    let n = |s: DueStatus| rows.iter().filter(|r| r.status == s).count();
    (n(DueStatus::Overdue), n(DueStatus::Due), n(DueStatus::Unlinked))
}
