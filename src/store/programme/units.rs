//! 双报到: members of outside work units registered with the community
//! (village) where they live, the community's yearly evaluation of each,
//! and the report per work unit that the urban notice asks communities to
//! send. Every change is audited.

use crate::domain::model::Review;
use crate::domain::rules::Rules;
use crate::store::{Ctx, Result, StoreError, audit, date_text, parse_date};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug, Clone, PartialEq)]
pub struct Registration {
    pub id: i64,
    pub member_id: i64,
    pub member: String,
    pub phone: String,
    pub unit: String,
    pub registered_on: NaiveDate,
    /// The community's evaluation for the year shown, with its note.
    pub review: Option<(Review, String)>,
    pub version: i64,
}

/// The registrations with a village (its members), by unit and name, with
/// the evaluations of `year`.
pub fn of_village(conn: &Connection, village_id: i64, year: i32) -> Result<Vec<Registration>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, m.id, m.name, m.phone, r.unit, r.registered_on, v.rating, v.note, r.version
         FROM registrations r JOIN members m ON m.id = r.member_id
         LEFT JOIN registration_reviews v ON v.registration_id = r.id AND v.year = ?2
         WHERE m.village_id = ?1 ORDER BY r.unit, m.name COLLATE natural_zh, r.id",
    )?;
    let rows = stmt.query_map(params![village_id, year], |r| {
        let (on, rating, note): (String, Option<String>, Option<String>) = (r.get(5)?, r.get(6)?, r.get(7)?);
        Ok(Registration {
            id: r.get(0)?,
            member_id: r.get(1)?,
            member: r.get(2)?,
            phone: r.get(3)?,
            unit: r.get(4)?,
            registered_on: parse_date(&on).unwrap_or_default(),
            review: rating.as_deref().and_then(Review::from_code).map(|v| (v, note.unwrap_or_default())),
            version: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Registers a member (None) or changes a registration still at `version`:
/// the work unit and the day they registered. Returns its id.
pub fn save(conn: &Connection, ctx: &Ctx, member_id: i64, existing: Option<(i64, i64)>, unit: &str, on: NaiveDate) -> Result<i64> {
    crate::store::access::check(conn, ctx, crate::store::access::Target::Member(member_id))?;
    let after = (unit, date_text(on));
    match existing {
        None => {
            let taken: i64 = conn.query_row("SELECT count(*) FROM registrations WHERE member_id = ?1", params![member_id], |r| r.get(0))?;
            if taken > 0 {
                return Err(StoreError::Invalid(crate::i18n::t("err.registered_already").to_string()));
            }
            conn.execute(
                "INSERT INTO registrations (member_id, unit, registered_on) VALUES (?1, ?2, ?3)",
                params![member_id, unit, after.1],
            )?;
            let id = conn.last_insert_rowid();
            audit::record::<(), _>(conn, ctx, "registration", id, "create", None, Some(&after))?;
            Ok(id)
        }
        Some((id, version)) => {
            let changed = conn.execute(
                "UPDATE registrations SET unit = ?3, registered_on = ?4, version = version + 1 WHERE id = ?1 AND version = ?2",
                params![id, version, unit, after.1],
            )?;
            if changed == 0 {
                return Err(StoreError::Conflict);
            }
            audit::record::<(), _>(conn, ctx, "registration", id, "update", None, Some(&after))?;
            Ok(id)
        }
    }
}

/// Records (or changes) the community's evaluation of a registration for a year.
pub fn review(conn: &Connection, ctx: &Ctx, registration_id: i64, year: i32, rating: Review, note: &str) -> Result<()> {
    let member: i64 = conn.query_row("SELECT member_id FROM registrations WHERE id = ?1", params![registration_id], |r| r.get(0))?;
    crate::store::access::check(conn, ctx, crate::store::access::Target::Member(member))?;
    let before: Option<(String, String)> = conn
        .query_row(
            "SELECT rating, note FROM registration_reviews WHERE registration_id = ?1 AND year = ?2",
            params![registration_id, year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    conn.execute(
        "INSERT INTO registration_reviews (registration_id, year, rating, note, reviewed_on) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (registration_id, year) DO UPDATE SET rating = excluded.rating, note = excluded.note,
             reviewed_on = excluded.reviewed_on, version = version + 1",
        params![registration_id, year, rating.code(), note, date_text(ctx.today)],
    )?;
    audit::record(conn, ctx, "registration", registration_id, "review", Some(&before), Some(&(year, rating.code(), note)))
}

/// One registered member's year, for the report to their work unit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitLine {
    pub unit: String,
    pub village: String,
    pub registration: Registration,
    /// From the year summary: households linked today, visits owed and done.
    pub linked: usize,
    pub required: u32,
    pub done: u32,
    pub satisfaction: Option<f64>,
    pub help_visits: usize,
    pub meetings: usize,
}

/// Every registration in scope with the member's year, by work unit, then
/// village and name.
pub fn report(conn: &Connection, year: i32, village: Option<i64>, today: NaiveDate, rules: &Rules) -> Result<Vec<UnitLine>> {
    crate::store::read(conn, || {
        let mut out = Vec::new();
        for (id, name) in crate::store::scores::villages(conn, village)? {
            let regs = of_village(conn, id, year)?;
            if regs.is_empty() {
                continue;
            }
            let year_of = crate::store::programme::year::village_year(conn, id, year, today, rules)?;
            for r in regs {
                let m = year_of.iter().find(|m| m.member_id == r.member_id);
                out.push(UnitLine {
                    unit: r.unit.clone(),
                    village: name.clone(),
                    linked: m.map_or(0, |m| m.linked),
                    required: m.map_or(0, |m| m.totals.required),
                    done: m.map_or(0, |m| m.totals.done),
                    satisfaction: m.and_then(|m| m.totals.satisfaction),
                    help_visits: m.map_or(0, |m| m.help_visits),
                    meetings: m.map_or(0, |m| m.meetings + m.activities),
                    registration: r,
                });
            }
        }
        out.sort_by(|a, b| (&a.unit, &a.village, &a.registration.member).cmp(&(&b.unit, &b.village, &b.registration.member)));
        Ok(out)
    })
}
