//! What a member carries beyond links and visits: the 四员 duties, a WeChat
//! group with the households that joined it, and the year-end democratic
//! appraisal (民主评议). Every change is audited.

pub mod bins;
pub mod bulk;
pub mod meetings;
pub mod redblack;
pub mod units;
pub mod year;

use crate::domain::model::{Appraisal, Duty};
use crate::store::{Ctx, Result, audit, date_text};
use rusqlite::{Connection, OptionalExtension, params};

/// The member's duties, in the notice's order.
pub fn duties(conn: &Connection, member_id: i64) -> Result<Vec<Duty>> {
    let codes: Vec<String> = conn
        .prepare_cached("SELECT duty FROM member_duties WHERE member_id = ?1")?
        .query_map(params![member_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Duty::ALL.iter().copied().filter(|d| codes.iter().any(|c| c == d.code())).collect())
}

/// Sets the member's duties; a duty kept keeps the day it was taken on.
pub fn set_duties(conn: &Connection, ctx: &Ctx, member_id: i64, duties: &[Duty]) -> Result<()> {
    crate::store::access::check(conn, ctx, crate::store::access::Target::Member(member_id))?;
    let before = self::duties(conn, member_id)?;
    for d in Duty::ALL {
        if duties.contains(d) && !before.contains(d) {
            conn.execute(
                "INSERT INTO member_duties (member_id, duty, since) VALUES (?1, ?2, ?3)",
                params![member_id, d.code(), date_text(ctx.today)],
            )?;
        } else if !duties.contains(d) && before.contains(d) {
            conn.execute("DELETE FROM member_duties WHERE member_id = ?1 AND duty = ?2", params![member_id, d.code()])?;
        }
    }
    let codes = |ds: &[Duty]| ds.iter().map(|d| d.code()).collect::<Vec<_>>();
    audit::record(conn, ctx, "member", member_id, "duties", Some(&codes(&before)), Some(&codes(&self::duties(conn, member_id)?)))
}

/// A member's WeChat group: its name and the households that joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub joined: Vec<i64>,
}

pub fn wechat(conn: &Connection, member_id: i64) -> Result<Option<Group>> {
    let name: Option<String> =
        conn.query_row("SELECT name FROM wechat_groups WHERE member_id = ?1", params![member_id], |r| r.get(0)).optional()?;
    let Some(name) = name else { return Ok(None) };
    let joined = conn
        .prepare_cached("SELECT household_id FROM wechat_joined WHERE member_id = ?1 ORDER BY household_id")?
        .query_map(params![member_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(Group { name, joined }))
}

/// Names the member's group (creating it) and sets which households joined;
/// a household that stays keeps the day it joined.
pub fn set_wechat(conn: &Connection, ctx: &Ctx, member_id: i64, name: &str, joined: &[i64]) -> Result<()> {
    crate::store::access::check(conn, ctx, crate::store::access::Target::Member(member_id))?;
    let before = wechat(conn, member_id)?;
    let today = date_text(ctx.today);
    conn.execute(
        "INSERT INTO wechat_groups (member_id, name, created_on) VALUES (?1, ?2, ?3)
         ON CONFLICT (member_id) DO UPDATE SET name = excluded.name, version = version + 1",
        params![member_id, name, today],
    )?;
    let was = before.as_ref().map(|g| g.joined.clone()).unwrap_or_default();
    for h in joined.iter().filter(|h| !was.contains(h)) {
        conn.execute("INSERT INTO wechat_joined (member_id, household_id, joined_on) VALUES (?1, ?2, ?3)", params![member_id, h, today])?;
    }
    for h in was.iter().filter(|h| !joined.contains(h)) {
        conn.execute("DELETE FROM wechat_joined WHERE member_id = ?1 AND household_id = ?2", params![member_id, h])?;
    }
    let after = wechat(conn, member_id)?;
    let view = |g: &Option<Group>| g.as_ref().map(|g| (g.name.clone(), g.joined.clone()));
    audit::record(conn, ctx, "member", member_id, "wechat", Some(&view(&before)), Some(&view(&after)))
}

/// The member's appraisal for a year, with its note.
pub fn appraisal(conn: &Connection, member_id: i64, year: i32) -> Result<Option<(Appraisal, String)>> {
    let row: Option<(String, String)> = conn
        .query_row("SELECT result, note FROM appraisals WHERE member_id = ?1 AND year = ?2", params![member_id, year], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(row.and_then(|(r, note)| Appraisal::from_code(&r).map(|a| (a, note))))
}

/// Records (or changes) the member's appraisal for a year, dated today.
pub fn set_appraisal(conn: &Connection, ctx: &Ctx, member_id: i64, year: i32, result: Appraisal, note: &str) -> Result<()> {
    crate::store::access::check(conn, ctx, crate::store::access::Target::Member(member_id))?;
    let before = appraisal(conn, member_id, year)?;
    conn.execute(
        "INSERT INTO appraisals (member_id, year, result, note, decided_on) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (member_id, year) DO UPDATE SET result = excluded.result, note = excluded.note,
             decided_on = excluded.decided_on, version = version + 1",
        params![member_id, year, result.code(), note, date_text(ctx.today)],
    )?;
    let view = |a: Option<(Appraisal, String)>| a.map(|(r, n)| (year, r.code(), n));
    audit::record(conn, ctx, "member", member_id, "appraisal", Some(&view(before)), Some(&view(Some((result, note.to_string())))))
}
