//! 联户长座谈会 and the 五个载体 activities: dated, per village, with the
//! members who attended (and how many others), what a meeting raised and
//! decided, and the concerns opened from it. Every change is audited.

use crate::domain::events::EventFields;
use crate::domain::model::EventKind;
use crate::store::{Ctx, Result, StoreError, audit, date_text, parse_date};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: i64,
    pub village_id: i64,
    pub kind: EventKind,
    pub date: NaiveDate,
    pub title: String,
    pub difficulties: String,
    pub decisions: String,
    pub others: u32,
    /// Members who attended: (id, name), by name.
    pub attendees: Vec<(i64, String)>,
    /// Concerns opened from it.
    pub concerns: usize,
    pub version: i64,
}

#[derive(Serialize)]
struct Audited<'a> {
    village_id: i64,
    kind: &'a str,
    date: String,
    title: &'a str,
    difficulties: &'a str,
    decisions: &'a str,
    others: u32,
}

fn audited(village_id: i64, f: &EventFields) -> Audited<'_> {
    Audited {
        village_id,
        kind: f.kind.code(),
        date: date_text(f.date),
        title: &f.title,
        difficulties: &f.difficulties,
        decisions: &f.decisions,
        others: f.others,
    }
}

/// The events a `WHERE` clause on `events e` finds, newest first, with
/// their attendees and the count of concerns opened from each.
fn select(conn: &Connection, clause: &str, values: impl rusqlite::Params) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.id, e.village_id, e.kind, e.date, e.title, e.difficulties, e.decisions, e.others, e.version,
            (SELECT count(*) FROM concerns c WHERE c.event_id = e.id)
         FROM events e WHERE {clause} ORDER BY e.date DESC, e.id DESC"
    ))?;
    let rows = stmt.query_map(values, |r| {
        let (kind, date): (String, String) = (r.get(2)?, r.get(3)?);
        Ok(Event {
            id: r.get(0)?,
            village_id: r.get(1)?,
            kind: EventKind::from_code(&kind).unwrap_or(EventKind::LeaderMeeting),
            date: parse_date(&date).unwrap_or_default(),
            title: r.get(4)?,
            difficulties: r.get(5)?,
            decisions: r.get(6)?,
            others: r.get(7)?,
            attendees: Vec::new(),
            concerns: usize::try_from(r.get::<_, i64>(9)?).unwrap_or(0),
            version: r.get(8)?,
        })
    })?;
    let mut out: Vec<Event> = rows.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.name FROM event_attendees a JOIN members m ON m.id = a.member_id WHERE a.event_id = ?1 ORDER BY m.name COLLATE natural_zh, m.id",
    )?;
    for e in &mut out {
        e.attendees = stmt.query_map(params![e.id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

/// A village's events in `year`, newest first.
pub fn of_year(conn: &Connection, village_id: i64, year: i32) -> Result<Vec<Event>> {
    select(
        conn,
        "e.village_id = ?1 AND e.date BETWEEN ?2 AND ?3",
        params![village_id, format!("{year:04}-01-01"), format!("{year:04}-12-31")],
    )
}

/// Records a new event in a village (None) or changes one still at
/// `version`. Returns its id.
pub fn save(conn: &Connection, ctx: &Ctx, village_id: i64, existing: Option<(i64, i64)>, f: &EventFields) -> Result<i64> {
    crate::store::access::check(conn, ctx, crate::store::access::Target::Village(village_id))?;
    let date = date_text(f.date);
    match existing {
        None => {
            conn.execute(
                "INSERT INTO events (village_id, kind, date, title, difficulties, decisions, others) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![village_id, f.kind.code(), date, f.title, f.difficulties, f.decisions, f.others],
            )?;
            let id = conn.last_insert_rowid();
            audit::record::<(), _>(conn, ctx, "event", id, "create", None, Some(&audited(village_id, f)))?;
            Ok(id)
        }
        Some((id, version)) => {
            let before = get(conn, id)?.ok_or(StoreError::NotFound)?;
            if before.version != version {
                return Err(StoreError::Conflict);
            }
            conn.execute(
                "UPDATE events SET kind = ?2, date = ?3, title = ?4, difficulties = ?5, decisions = ?6, others = ?7, version = version + 1 WHERE id = ?1",
                params![id, f.kind.code(), date, f.title, f.difficulties, f.decisions, f.others],
            )?;
            let was = EventFields {
                date: before.date,
                kind: before.kind,
                title: before.title.clone(),
                difficulties: before.difficulties.clone(),
                decisions: before.decisions.clone(),
                others: before.others,
            };
            audit::record(conn, ctx, "event", id, "update", Some(&audited(village_id, &was)), Some(&audited(village_id, f)))?;
            Ok(id)
        }
    }
}

/// One event.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Event>> {
    Ok(select(conn, "e.id = ?1", params![id])?.pop())
}

/// Sets who of the members attended (replacing the list; audited).
pub fn set_attendees(conn: &Connection, ctx: &Ctx, event_id: i64, members: &[i64]) -> Result<()> {
    let village: i64 = conn.query_row("SELECT village_id FROM events WHERE id = ?1", params![event_id], |r| r.get(0))?;
    crate::store::access::check(conn, ctx, crate::store::access::Target::Village(village))?;
    let before: Vec<i64> = conn
        .prepare_cached("SELECT member_id FROM event_attendees WHERE event_id = ?1 ORDER BY member_id")?
        .query_map(params![event_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    conn.execute("DELETE FROM event_attendees WHERE event_id = ?1", params![event_id])?;
    let mut add = conn.prepare_cached("INSERT OR IGNORE INTO event_attendees (event_id, member_id) VALUES (?1, ?2)")?;
    for m in members {
        add.execute(params![event_id, m])?;
    }
    let mut after = members.to_vec();
    after.sort_unstable();
    after.dedup();
    audit::record(conn, ctx, "event", event_id, "attendees", Some(&before), Some(&after))
}

/// Opens a concern about a household, raised at the event: it goes the
/// concerns' way (待处理 first), under the member linked to the household
/// on the event's day. Returns the concern's id.
pub fn open_concern(conn: &Connection, ctx: &Ctx, event_id: i64, household_id: i64, text: &str) -> Result<i64> {
    crate::store::access::check(conn, ctx, crate::store::access::Target::Household(household_id))?;
    let date: String = conn.query_row("SELECT date FROM events WHERE id = ?1", params![event_id], |r| r.get(0))?;
    let member: Option<i64> = conn
        .query_row(
            "SELECT member_id FROM links WHERE household_id = ?1 AND since <= ?2 AND (until IS NULL OR until >= ?2) ORDER BY since DESC LIMIT 1",
            params![household_id, date],
            |r| r.get(0),
        )
        .optional()?;
    let Some(member) = member else {
        return Err(StoreError::Invalid(crate::i18n::t("err.concern_unlinked").to_string()));
    };
    conn.execute(
        "INSERT INTO concerns (household_id, member_id, text, raised_on, event_id) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![household_id, member, text, date, event_id],
    )?;
    let id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO concern_steps (concern_id, status, on_date, by_user) VALUES (?1, 'open', ?2, ?3)",
        params![id, date, ctx.who],
    )?;
    audit::record::<(), _>(conn, ctx, "concern", id, "create", None, Some(&(event_id, household_id, text)))?;
    Ok(id)
}

/// A member offered in a picker.
#[derive(Debug, Clone)]
pub struct VillageMember {
    pub id: i64,
    pub name: String,
    pub role: crate::domain::model::Role,
    pub search_key: String,
}

/// The members of a village (not archived), by name.
pub fn village_members(conn: &Connection, village_id: i64) -> Result<Vec<VillageMember>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, role, search_key FROM members WHERE village_id = ?1 AND archived = 0 ORDER BY name, id")?;
    let rows = stmt.query_map(params![village_id], |r| {
        let role: String = r.get(2)?;
        Ok(VillageMember {
            id: r.get(0)?,
            name: r.get(1)?,
            role: crate::domain::model::Role::from_code(&role).unwrap_or(crate::domain::model::Role::Member),
            search_key: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The households of a village (not archived): (id, head, address, search key).
pub fn village_households(conn: &Connection, village_id: i64) -> Result<Vec<(i64, String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, head, address, search_key FROM households WHERE village_id = ?1 AND archived = 0 ORDER BY address COLLATE natural_zh, id",
    )?;
    let rows = stmt.query_map(params![village_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many link-leader meetings (and other events) a member attended in a year.
pub fn attended(conn: &Connection, member_id: i64, year: i32) -> Result<(usize, usize)> {
    let (meetings, other): (i64, i64) = conn.query_row(
        "SELECT coalesce(sum(e.kind = 'leader_meeting'), 0), coalesce(sum(e.kind <> 'leader_meeting'), 0)
         FROM event_attendees a JOIN events e ON e.id = a.event_id
         WHERE a.member_id = ?1 AND e.date BETWEEN ?2 AND ?3",
        params![member_id, format!("{year:04}-01-01"), format!("{year:04}-12-31")],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((usize::try_from(meetings).unwrap_or(0), usize::try_from(other).unwrap_or(0)))
}
