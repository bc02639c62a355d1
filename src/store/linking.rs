//! The linking workflow's queries: ending a link, the picker lists, link
//! histories, coverage (households with no member, members with none), link
//! leaders' patches, and suggestions for the unlinked households.

use super::{Ctx, Result, StoreError, audit, date_text, links};
use crate::domain::linking::{self, Open, Reason, Relation, Taker};
use crate::domain::model::{Class, Role, Status};
use crate::domain::rules::Loads;
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// Ends the household's current link on `until` (its last day). Returns
/// false when it had none.
pub fn unlink(conn: &Connection, ctx: &Ctx, household_id: i64, until: NaiveDate) -> Result<bool> {
    unlink_for(conn, ctx, household_id, until, None)
}

/// As `unlink`, with the reason the link ends (recorded in the audit log
/// and shown in both histories).
pub fn unlink_for(conn: &Connection, ctx: &Ctx, household_id: i64, until: NaiveDate, reason: Option<&str>) -> Result<bool> {
    super::access::check(conn, ctx, super::access::Target::Household(household_id))?;
    let Some((link_id, member_id, since)) = links::open_link(conn, household_id)? else { return Ok(false) };
    let until_text = date_text(until);
    if until_text < since {
        return Err(StoreError::Invalid(crate::i18n::tf("err.unlink_before_since", &[("since", &since)])));
    }
    conn.execute("UPDATE links SET until = ?1, version = version + 1 WHERE id = ?2", params![until_text, link_id])?;
    let after = links::LinkAudit { member_id, household_id, since: &since, until: Some(&until_text), reason };
    audit::record::<(), _>(conn, ctx, "link", link_id, "end", None, Some(&after))?;
    Ok(true)
}

/// A household offered to a member's picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub id: i64,
    pub head: String,
    pub address: String,
    pub group: String,
    pub class: Class,
    /// The member linked today, if any (picking it moves the household).
    pub member: Option<String>,
    pub search_key: String,
}

/// The village's households not linked to `member` today: unlinked ones
/// first, then those of other members; by group and address.
pub fn offers(conn: &Connection, member: i64, today: NaiveDate) -> Result<Vec<Offer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, h.head, h.address, coalesce(g.name, ''), h.class, m.name, h.search_key
         FROM households h LEFT JOIN groups g ON g.id = h.group_id
         LEFT JOIN links l ON l.household_id = h.id AND l.since <= ?2 AND (l.until IS NULL OR l.until >= ?2)
         LEFT JOIN members m ON m.id = l.member_id
         WHERE h.archived = 0 AND h.village_id = (SELECT village_id FROM members WHERE id = ?1)
           AND (l.member_id IS NULL OR l.member_id <> ?1)
         ORDER BY l.member_id IS NOT NULL, g.name COLLATE natural_zh, h.address COLLATE natural_zh, h.id",
    )?;
    let rows = stmt.query_map(params![member, date_text(today)], |r| {
        let class: String = r.get(4)?;
        Ok(Offer {
            id: r.get(0)?,
            head: r.get(1)?,
            address: r.get(2)?,
            group: r.get(3)?,
            class: Class::from_code(&class).unwrap_or(Class::General),
            member: r.get(5)?,
            search_key: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A member offered to a household's picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub role: Role,
    pub status: Status,
    pub load: u32,
    pub search_key: String,
    /// Linked to the household the list is for, today.
    pub current: bool,
}

/// The members of the household's village (not archived), exempt ones last,
/// then by name.
pub fn candidates(conn: &Connection, household: i64, today: NaiveDate) -> Result<Vec<Candidate>> {
    members_where(conn, "(SELECT village_id FROM households WHERE id = ?1)", household, Some(household), today)
}

/// The members of a member's village, as `candidates` lists them.
pub fn village_members(conn: &Connection, member: i64, today: NaiveDate) -> Result<Vec<Candidate>> {
    members_where(conn, "(SELECT village_id FROM members WHERE id = ?1)", member, None, today)
}

/// `village` is a fixed subquery giving the village id from `?1`.
fn members_where(conn: &Connection, village: &str, id: i64, household: Option<i64>, today: NaiveDate) -> Result<Vec<Candidate>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.name, m.phone, m.role, m.status,
            (SELECT count(*) FROM links l WHERE l.member_id = m.id AND l.since <= ?2 AND (l.until IS NULL OR l.until >= ?2)),
            m.search_key,
            EXISTS (SELECT 1 FROM links l WHERE l.member_id = m.id AND l.household_id = ?3 AND l.since <= ?2 AND (l.until IS NULL OR l.until >= ?2))
         FROM members m WHERE m.archived = 0 AND m.village_id = {village}
         ORDER BY m.status <> 'normal', m.name COLLATE natural_zh, m.id"
    ))?;
    let rows = stmt.query_map(params![id, date_text(today), household], |r| {
        let (role, status): (String, String) = (r.get(3)?, r.get(4)?);
        Ok(Candidate {
            id: r.get(0)?,
            name: r.get(1)?,
            phone: r.get(2)?,
            role: Role::from_code(&role).unwrap_or(Role::Member),
            status: Status::from_code(&status).unwrap_or(Status::Normal),
            load: r.get(5)?,
            search_key: r.get(6)?,
            current: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One of a member's links: (head, address, since, until).
pub type MemberLink = (String, String, String, Option<String>);

/// A member's links, current first, then ended ones; newest first.
pub fn member_history(conn: &Connection, member: i64) -> Result<Vec<MemberLink>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.head, h.address, l.since, l.until FROM links l JOIN households h ON h.id = l.household_id
         WHERE l.member_id = ?1 ORDER BY l.until IS NOT NULL, l.since DESC, l.id DESC",
    )?;
    let rows = stmt.query_map(params![member], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Coverage as of today.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Coverage {
    /// Households with no member, per (village, group): the count.
    pub unlinked: Vec<(String, String, u32)>,
    /// Members linked to nothing: (village, name, phone, exempt).
    pub idle: Vec<(String, String, String, bool)>,
}

impl Coverage {
    pub fn unlinked_total(&self) -> u32 {
        self.unlinked.iter().map(|(_, _, n)| n).sum()
    }

    /// Idle members who are not exempt: the ones to give households to.
    pub fn idle_active(&self) -> usize {
        self.idle.iter().filter(|m| !m.3).count()
    }
}

pub fn coverage(conn: &Connection, today: NaiveDate) -> Result<Coverage> {
    let today = date_text(today);
    let mut stmt = conn.prepare_cached(
        "SELECT v.name, coalesce(g.name, ''), count(*) FROM households h
         JOIN villages v ON v.id = h.village_id LEFT JOIN groups g ON g.id = h.group_id
         WHERE h.archived = 0 AND NOT EXISTS (SELECT 1 FROM links l WHERE l.household_id = h.id
             AND l.since <= ?1 AND (l.until IS NULL OR l.until >= ?1))
         GROUP BY v.name, g.name ORDER BY v.name COLLATE natural_zh, g.name COLLATE natural_zh",
    )?;
    let unlinked = stmt.query_map(params![today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT v.name, m.name, m.phone, m.status <> 'normal' FROM members m JOIN villages v ON v.id = m.village_id
         WHERE m.archived = 0 AND NOT EXISTS (SELECT 1 FROM links l WHERE l.member_id = m.id
             AND l.since <= ?1 AND (l.until IS NULL OR l.until >= ?1))
         ORDER BY m.status <> 'normal', v.name COLLATE natural_zh, m.name COLLATE natural_zh",
    )?;
    let idle = stmt.query_map(params![today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(Coverage { unlinked, idle })
}

/// How many members (not exempt) are linked to no household today.
pub fn idle_count(conn: &Connection, today: NaiveDate) -> Result<usize> {
    Ok(conn.prepare_cached(IDLE_SQL)?.query_row(params![date_text(today)], |r| r.get::<_, i64>(0))? as usize)
}

/// Members (not exempt) with no link today; it reads the covering indexes
/// `members_status` and `links_member` (migration 005).
pub const IDLE_SQL: &str = "SELECT count(*) FROM members m WHERE m.archived = 0 AND m.status = 'normal' AND NOT EXISTS
    (SELECT 1 FROM links l WHERE l.member_id = m.id AND l.since <= ?1 AND (l.until IS NULL OR l.until >= ?1))";

/// Puts `member` in the patch of link leader `leader` (None: in no patch).
pub fn set_leader(conn: &Connection, ctx: &Ctx, member: i64, leader: Option<i64>) -> Result<()> {
    super::access::check(conn, ctx, super::access::Target::Member(member))?;
    if leader == Some(member) {
        return Err(StoreError::Invalid(crate::i18n::t("err.own_leader").to_string()));
    }
    let before: Option<i64> = conn.query_row("SELECT leader_id FROM members WHERE id = ?1", params![member], |r| r.get(0))?;
    conn.execute("UPDATE members SET leader_id = ?1, version = version + 1 WHERE id = ?2", params![leader, member])?;
    audit::record(conn, ctx, "member", member, "leader", Some(&before), Some(&leader))?;
    Ok(())
}

/// A leader's patch: each member in it (by name) with the heads of the
/// households linked to them today.
pub fn patch(conn: &Connection, leader: i64, today: NaiveDate) -> Result<Vec<(String, Vec<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.name, h.head FROM members m
         LEFT JOIN links l ON l.member_id = m.id AND l.since <= ?2 AND (l.until IS NULL OR l.until >= ?2)
         LEFT JOIN households h ON h.id = l.household_id
         WHERE m.leader_id = ?1 AND m.archived = 0 ORDER BY m.name COLLATE natural_zh, m.id, h.address COLLATE natural_zh",
    )?;
    let mut out: Vec<(i64, String, Vec<String>)> = Vec::new();
    let mut rows = stmt.query(params![leader, date_text(today)])?;
    while let Some(r) = rows.next()? {
        let (id, head): (i64, Option<String>) = (r.get(0)?, r.get(2)?);
        if out.last().is_none_or(|(last, _, _)| *last != id) {
            out.push((id, r.get(1)?, Vec::new()));
        }
        if let (Some(head), Some(last)) = (head, out.last_mut()) {
            last.2.push(head);
        }
    }
    Ok(out.into_iter().map(|(_, name, heads)| (name, heads)).collect())
}

/// The leader of a member's patch, by name.
pub fn leader_of(conn: &Connection, member: i64) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT l.name FROM members m LEFT JOIN members l ON l.id = m.leader_id WHERE m.id = ?1", params![member], |r| {
        r.get(0)
    })?)
}

/// One suggestion, with the text to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestRow {
    pub household_id: i64,
    pub village: String,
    pub group: String,
    pub address: String,
    pub head: String,
    /// (id, name, phone) of the proposed member.
    pub member: Option<(i64, String, String)>,
    pub reason: Option<Reason>,
}

/// Suggestions for the unlinked households of a village (or all) today.
pub fn suggest(conn: &Connection, village: Option<i64>, today: NaiveDate, loads: &Loads) -> Result<Vec<SuggestRow>> {
    let day = date_text(today);
    let covering = "l.since <= ?2 AND (l.until IS NULL OR l.until >= ?2)";
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT h.id, h.village_id, h.group_id, h.building_id, v.name, coalesce(g.name, ''), h.address, h.head
         FROM households h JOIN villages v ON v.id = h.village_id LEFT JOIN groups g ON g.id = h.group_id
         WHERE h.archived = 0 AND (?1 IS NULL OR h.village_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM links l WHERE l.household_id = h.id AND {covering})
         ORDER BY v.name COLLATE natural_zh, g.name COLLATE natural_zh, h.address COLLATE natural_zh, h.id"
    ))?;
    let mut open = Vec::new();
    let mut text: HashMap<i64, (String, String, String, String)> = HashMap::new();
    let rows = stmt.query_map(params![village, day], |r| {
        Ok((
            Open { id: r.get(0)?, village: r.get(1)?, group: r.get(2)?, building: r.get(3)? },
            (r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?),
        ))
    })?;
    for row in rows {
        let (o, t) = row?;
        text.insert(o.id, t);
        open.push(o);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.village_id, m.role, m.name, m.phone, h.group_id, h.building_id, l.id
         FROM members m LEFT JOIN links l ON l.member_id = m.id AND {covering}
         LEFT JOIN households h ON h.id = l.household_id
         WHERE m.archived = 0 AND m.status = 'normal' AND (?1 IS NULL OR m.village_id = ?1)
         ORDER BY m.id"
    ))?;
    let mut takers: Vec<Taker> = Vec::new();
    let mut names: HashMap<i64, (String, String)> = HashMap::new();
    let mut rows = stmt.query(params![village, day])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if takers.last().is_none_or(|t| t.id != id) {
            let role: String = r.get(2)?;
            let (min, max) = loads.range(Role::from_code(&role).unwrap_or(Role::Member));
            takers.push(Taker { id, village: r.get(1)?, load: 0, min, max, groups: Vec::new(), buildings: Vec::new() });
            names.insert(id, (r.get(3)?, r.get(4)?));
        }
        let (group, building, link): (Option<i64>, Option<i64>, Option<i64>) = (r.get(5)?, r.get(6)?, r.get(7)?);
        if let Some(t) = takers.last_mut() {
            t.load += u32::from(link.is_some());
            t.groups.extend(group);
            t.buildings.extend(building);
        }
    }
    let mut relations = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT r.member_id, r.household_id, r.kind FROM relations r JOIN members m ON m.id = r.member_id WHERE ?1 IS NULL OR m.village_id = ?1",
    )?;
    let mut rows = stmt.query(params![village])?;
    while let Some(r) = rows.next()? {
        let kind = if r.get::<_, String>(2)? == "kin" { Relation::Kin } else { Relation::Acquaintance };
        relations.insert((r.get(0)?, r.get(1)?), kind);
    }
    Ok(linking::suggest(&open, &takers, &relations)
        .into_iter()
        .filter_map(|s| {
            let (village, group, address, head) = text.remove(&s.household)?;
            let member = s.member.and_then(|(id, _)| names.get(&id).map(|(n, p)| (id, n.clone(), p.clone())));
            Some(SuggestRow { household_id: s.household, village, group, address, head, member, reason: s.member.map(|(_, r)| r) })
        })
        .collect())
}

/// A contact card (联系卡): a linked household and its member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub village: String,
    pub group: String,
    pub head: String,
    pub address: String,
    pub member: String,
    pub role: Role,
    pub unit: String,
    pub phone: String,
}

/// A card for every household of a village (or all) linked today, by
/// village, group and address.
pub fn cards(conn: &Connection, village: Option<i64>, today: NaiveDate) -> Result<Vec<Card>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.name, coalesce(g.name, ''), h.head, h.address, m.name, m.role, m.unit, m.phone
         FROM households h JOIN villages v ON v.id = h.village_id LEFT JOIN groups g ON g.id = h.group_id
         JOIN links l ON l.household_id = h.id AND l.since <= ?2 AND (l.until IS NULL OR l.until >= ?2)
         JOIN members m ON m.id = l.member_id
         WHERE h.archived = 0 AND (?1 IS NULL OR h.village_id = ?1)
         ORDER BY v.name COLLATE natural_zh, g.name COLLATE natural_zh, h.address COLLATE natural_zh, h.id",
    )?;
    let rows = stmt.query_map(params![village, date_text(today)], |r| {
        let role: String = r.get(5)?;
        Ok(Card {
            village: r.get(0)?,
            group: r.get(1)?,
            head: r.get(2)?,
            address: r.get(3)?,
            member: r.get(4)?,
            role: Role::from_code(&role).unwrap_or(Role::Member),
            unit: r.get(6)?,
            phone: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
