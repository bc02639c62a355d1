//! Why a member scored what they did in a quarter: household by household,
//! the periods owed to them and the visit that did each; ratings,
//! conversions, resolved concerns and each adjustment with its reason.

use super::load::{self as score_load, Which};
use crate::domain::duty::{self, Conversion, Owed};
use crate::domain::model::{Class, Rating};
use crate::domain::period::Quarter;
use crate::domain::rules::Rules;
use crate::store::{Result, parse_date};
use chrono::NaiveDate;
use rusqlite::{Connection, params};

/// One household linked to the member in the quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct DutyRow {
    pub household_id: i64,
    pub head: String,
    pub address: String,
    /// The class at the end of the quarter (or today).
    pub class: Option<Class>,
    pub rating: Option<Rating>,
    /// Periods that count toward this member, in date order.
    pub owed: Vec<Owed>,
    /// Upward conversions credited to this member.
    pub conversions: Vec<Conversion>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AdjustmentRow {
    pub points: f64,
    pub reason: String,
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedRow {
    pub text: String,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberQuarter {
    pub households: Vec<DutyRow>,
    pub adjustments: Vec<AdjustmentRow>,
    pub resolved: Vec<ResolvedRow>,
}

/// The member's quarter, explained.
pub fn detail(conn: &Connection, member: i64, q: Quarter, today: NaiveDate, rules: &Rules) -> Result<MemberQuarter> {
    let loaded = score_load::load(conn, Which::Member(member), q, q, rules.visits.difficult_grace_days, today)?;
    let facts = super::household_facts(&loaded, q);
    let last = q.last_day().min(today);
    let mut out = MemberQuarter::default();
    for (row, f) in loaded.households.iter().zip(&facts) {
        let h = &f.household;
        if !h.members_between(q.first_day(), last).any(|m| m == member) {
            continue;
        }
        out.households.push(DutyRow {
            household_id: row.id,
            head: row.head.clone(),
            address: row.address.clone(),
            class: h.history.class_on(last),
            rating: f.rating,
            owed: duty::owed(h, q, today, &rules.visits).into_iter().filter(|o| o.member == member).collect(),
            conversions: duty::conversions(h, q, today).into_iter().filter(|c| c.member == Some(member)).collect(),
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT points, reason, created_by, created_at FROM adjustments WHERE member_id = ?1 AND quarter = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![member, q.to_string()], |r| {
        Ok(AdjustmentRow { points: r.get(0)?, reason: r.get(1)?, by: r.get(2)?, at: r.get(3)? })
    })?;
    out.adjustments = rows.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT text, resolved_on FROM concerns WHERE member_id = ?1 AND resolved_on BETWEEN ?2 AND ?3 ORDER BY resolved_on, id",
    )?;
    let mut rows = stmt.query(params![member, crate::store::date_text(q.first_day()), crate::store::date_text(q.last_day())])?;
    while let Some(r) = rows.next()? {
        let on: String = r.get(1)?;
        if let Some(on) = parse_date(&on).filter(|d| q.contains(*d) && *d <= today) {
            out.resolved.push(ResolvedRow { text: r.get(0)?, on });
        }
    }
    Ok(out)
}
