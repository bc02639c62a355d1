//! Reads what a village's quarters need, in a few queries over a date
//! range: members, households with their class records, links, visits
//! (and the last one before the range), ratings, adjustments and resolved
//! concerns. Nothing here decides anything; domain::quarter does.

use crate::domain::model::{Class, Rating, Role, Status};
use crate::domain::period::Quarter;
use crate::domain::schedule::{LastVisit, Span};
use crate::store::{Result, date_text, parse_date};
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// Which households to read: a village's, or those ever linked to a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Village(i64),
    Member(i64),
}

impl Which {
    /// The fixed condition on `h` (households), `?1` being the id.
    fn clause(self) -> &'static str {
        match self {
            Which::Village(_) => "h.village_id = ?1",
            Which::Member(_) => "h.id IN (SELECT household_id FROM links WHERE member_id = ?1)",
        }
    }

    fn id(self) -> i64 {
        match self {
            Which::Village(id) | Which::Member(id) => id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub role: Role,
    pub status: Status,
}

#[derive(Debug, Clone, Default)]
pub struct HouseholdRow {
    pub id: i64,
    pub head: String,
    pub address: String,
    pub classes: Vec<(NaiveDate, Class)>,
    pub links: Vec<Span>,
    /// The member of each link, in the order of `links`.
    pub members: Vec<i64>,
    /// Visits in the range, and the last one before it; oldest first.
    pub visits: Vec<LastVisit>,
    pub ratings: Vec<(Quarter, Rating)>,
}

/// Everything read for a span of quarters.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub members: Vec<MemberRow>,
    pub households: Vec<HouseholdRow>,
    /// Sum of adjustments per member and quarter.
    pub adjustments: HashMap<(i64, Quarter), f64>,
    /// The day each concern a member raised was resolved (or closed).
    pub resolved: HashMap<i64, Vec<NaiveDate>>,
}

/// The village's members (not archived) recorded by `today`, by name: a
/// member recorded later is not seen (and not in the village's total).
pub fn members(conn: &Connection, village_id: i64, today: NaiveDate) -> Result<Vec<MemberRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, phone, role, status FROM members WHERE village_id = ?1 AND archived = 0 AND created_on <= ?2 ORDER BY name, id",
    )?;
    let rows = stmt.query_map(params![village_id, date_text(today)], |r| {
        let role: String = r.get(3)?;
        let status: String = r.get(4)?;
        Ok(MemberRow {
            id: r.get(0)?,
            name: r.get(1)?,
            phone: r.get(2)?,
            role: Role::from_code(&role).unwrap_or(Role::Member),
            status: Status::from_code(&status).unwrap_or(Status::Normal),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reads the households `which` selects and the facts of quarters
/// `first..=last` (members and per-member facts only for a village).
/// Households and members first recorded after `today` are not seen.
pub fn load(conn: &Connection, which: Which, first: Quarter, last: Quarter, grace_days: u32, today: NaiveDate) -> Result<Loaded> {
    // Weeks of the first quarter may start before it; a plan at its end is
    // done by a visit within the grace days after it.
    let from = first.first_day() - chrono::Days::new(7);
    let to = last.last_day() + chrono::Days::new(u64::from(grace_days) + 1);
    let mut out = Loaded::default();
    let id = which.id();
    let clause = which.clause();
    let mut index: HashMap<i64, usize> = HashMap::new();
    let mut stmt = conn
        .prepare_cached(&format!("SELECT h.id, h.head, h.address FROM households h WHERE {clause} AND h.created_on <= ?2 ORDER BY h.id"))?;
    let mut rows = stmt.query(params![id, date_text(today)])?;
    while let Some(r) = rows.next()? {
        index.insert(r.get(0)?, out.households.len());
        out.households.push(HouseholdRow { id: r.get(0)?, head: r.get(1)?, address: r.get(2)?, ..Default::default() });
    }
    // Class records and links: the loader the due list uses too.
    let pasts = crate::store::history::load(conn, Some(clause), &id)?;
    for h in &mut out.households {
        if let Some(p) = pasts.get(&h.id) {
            h.classes.clone_from(&p.classes);
            h.links.clone_from(&p.links);
            h.members.clone_from(&p.members);
        }
    }
    let mut each = |sql: &str, args: &[&dyn rusqlite::ToSql], f: &mut dyn FnMut(&mut HouseholdRow, &rusqlite::Row<'_>)| -> Result<()> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(args)?;
        // Rows come grouped by household: look each one up once.
        let mut last: Option<(i64, Option<usize>)> = None;
        while let Some(r) = rows.next()? {
            let id = r.get::<_, i64>(0)?;
            let at = match last {
                Some((prev, at)) if prev == id => at,
                _ => index.get(&id).copied(),
            };
            last = Some((id, at));
            if let Some(h) = at.map(|i| &mut out.households[i]) {
                f(h, r);
            }
        }
        Ok(())
    };
    let date = |r: &rusqlite::Row<'_>, i: usize| r.get_ref(i).ok().and_then(|v| v.as_str().ok()).and_then(parse_date);
    let (from_text, to_text) = (date_text(from), date_text(to));
    each(
        &format!(
            "SELECT h.id, (SELECT v.date || ' ' || coalesce(v.next_planned, '') FROM visits v
                WHERE v.household_id = h.id AND v.date < ?2 ORDER BY v.date DESC, v.next_planned DESC LIMIT 1)
             FROM households h WHERE {clause}
                AND NOT EXISTS (SELECT 1 FROM class_history c WHERE c.household_id = h.id AND c.class = 'difficult')"
        ),
        &[&id, &from_text],
        &mut |h, r| {
            let text: Option<String> = r.get(1).ok().flatten();
            if let Some((d, plan)) = text.as_deref().and_then(|t| t.split_once(' '))
                && let Some(date) = parse_date(d)
            {
                h.visits.push(LastVisit { date, next_planned: parse_date(plan) });
            }
        },
    )?;
    let mut push_visit = |h: &mut HouseholdRow, r: &rusqlite::Row<'_>| {
        if let Some(d) = date(r, 1) {
            h.visits.push(LastVisit { date: d, next_planned: date(r, 2) });
        }
    };
    // A 难点户's plans form one chain from its first link day: every visit
    // before the range counts (the last one alone would lose the plans done
    // early before the quarter).
    each(
        &format!(
            "SELECT v.household_id, v.date, v.next_planned FROM households h JOIN visits v ON v.household_id = h.id
             WHERE {clause} AND v.date < ?2
                AND EXISTS (SELECT 1 FROM class_history c WHERE c.household_id = h.id AND c.class = 'difficult')
             ORDER BY v.household_id, v.date"
        ),
        &[&id, &from_text],
        &mut push_visit,
    )?;
    each(
        &format!(
            "SELECT v.household_id, v.date, v.next_planned FROM households h JOIN visits v ON v.household_id = h.id
             WHERE {clause} AND v.date BETWEEN ?2 AND ?3"
        ),
        &[&id, &from_text, &to_text],
        &mut push_visit,
    )?;
    let (q1, q2) = (first.to_string(), last.to_string());
    let quarters: Vec<(String, Quarter)> =
        std::iter::successors(Some(first), |q| (*q < last).then(|| q.next())).map(|q| (q.to_string(), q)).collect();
    each(
        &format!(
            "SELECT r.household_id, r.quarter, r.rating FROM ratings r JOIN households h ON h.id = r.household_id
             WHERE {clause} AND r.quarter BETWEEN ?2 AND ?3"
        ),
        &[&id, &q1, &q2],
        &mut |h, r| {
            let text = r.get_ref(1).ok().and_then(|v| v.as_str().ok());
            let q = text.and_then(|t| quarters.iter().find(|(s, _)| s == t)).map(|(_, q)| *q);
            let rating = r.get_ref(2).ok().and_then(|v| v.as_str().ok()).and_then(Rating::from_code);
            if let (Some(q), Some(rating)) = (q, rating) {
                h.ratings.push((q, rating));
            }
        },
    )?;
    // The index gives each household's visits in date order; make sure.
    for h in &mut out.households {
        if !h.visits.is_sorted_by_key(|v| v.date) {
            h.visits.sort_by_key(|v| (v.date, v.next_planned));
        }
    }
    if let Which::Village(village) = which {
        out.members = members(conn, village, today)?;
        per_member(conn, "m.village_id = ?1", village, (&q1, &q2), (from, to), &mut out)?;
    } else {
        per_member(conn, "m.id = ?1", id, (&q1, &q2), (from, to), &mut out)?;
    }
    Ok(out)
}

/// Adjustments and resolved concerns of the members `clause` selects.
fn per_member(conn: &Connection, clause: &str, id: i64, q: (&str, &str), days: (NaiveDate, NaiveDate), out: &mut Loaded) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.member_id, a.quarter, sum(a.points) FROM adjustments a JOIN members m ON m.id = a.member_id
         WHERE {clause} AND a.quarter BETWEEN ?2 AND ?3 GROUP BY a.member_id, a.quarter"
    ))?;
    let mut rows = stmt.query(params![id, q.0, q.1])?;
    while let Some(r) = rows.next()? {
        let quarter: String = r.get(1)?;
        if let Ok(quarter) = quarter.parse::<Quarter>() {
            out.adjustments.insert((r.get(0)?, quarter), r.get(2)?);
        }
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.member_id, c.resolved_on FROM members m JOIN concerns c ON c.member_id = m.id
         WHERE {clause} AND c.resolved_on BETWEEN ?2 AND ?3"
    ))?;
    let mut rows = stmt.query(params![id, date_text(days.0), date_text(days.1)])?;
    while let Some(r) = rows.next()? {
        let on: String = r.get(1)?;
        if let Some(on) = parse_date(&on) {
            out.resolved.entry(r.get(0)?).or_default().push(on);
        }
    }
    Ok(())
}
