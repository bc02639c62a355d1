//! The due list from the kept standings (issue 23): one small row per
//! household, already in the order a clerk counts; only the households
//! whose kept facts do not reach the day have their past read.

use super::{Due, Scope, whole};
use crate::domain::rules::VisitRules;
use crate::domain::schedule;
use crate::store::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

/// Beyond this many households whose kept standing does not reach the day
/// (a `--today` in the past), their pasts are read whole.
const LATE_WHOLE: usize = 300;

/// The listed households, most urgent first, then in the clerk's order.
pub(super) fn facts(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<Due>> {
    if scope.household.is_some() || crate::store::standing::unsettled(conn)? {
        // Another program wrote without settling: the kept rows may be stale.
        return whole_in_order(conn, today, rules, scope);
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
    // (position in the clerk's order, the row)
    let mut listed: Vec<(usize, Due)> = Vec::new();
    let mut late = Vec::new();
    let mut at = 0;
    crate::store::standing::rows(conn, village, |r| {
        let k = &r.kept;
        match k.on(today, rules) {
            Some(s) => {
                listed.extend(Due::new(r.household_id, r.village_id, k.class, &s, k.member, k.last.map(|v| v.date)).map(|d| (at, d)))
            }
            None => late.push((at, r.household_id)),
        }
        at += 1;
    })?;
    if late.len() > LATE_WHOLE {
        let all: HashMap<i64, Due> = whole::facts(conn, today, rules, scope)?.into_iter().map(|d| (d.household_id, d)).collect();
        listed.extend(late.into_iter().filter_map(|(at, id)| all.get(&id).map(|d| (at, *d))));
    } else {
        for (at, id) in late {
            let one = Scope { household: Some(id), ..Default::default() };
            listed.extend(whole::facts(conn, today, rules, &one)?.into_iter().map(|d| (at, d)));
        }
    }
    listed.sort_unstable_by_key(|(at, d)| (urgency(d), *at));
    Ok(listed.into_iter().map(|(_, d)| d).collect())
}

type Urgency = (Option<schedule::DueStatus>, std::cmp::Reverse<u32>, Option<NaiveDate>);

fn urgency(d: &Due) -> Urgency {
    schedule::urgency(&schedule::Standing { status: Some(d.status), due_by: d.due_by, missed: d.missed })
}

/// The whole past's list, in its order, without text.
fn whole_in_order(conn: &Connection, today: NaiveDate, rules: &VisitRules, scope: &Scope) -> Result<Vec<Due>> {
    let rows = whole::list_whole(conn, today, rules, &Scope { member: None, ..scope.clone() })?;
    Ok(rows
        .into_iter()
        .map(|r| Due {
            household_id: r.household_id,
            village_id: r.village_id,
            class: r.class,
            member_id: r.member_id,
            status: r.status,
            due_by: r.due_by,
            last_visit: r.last_visit,
            missed: r.missed,
        })
        .collect())
}
