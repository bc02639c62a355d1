//! Members: paged lists, detail, save with optimistic locking, archive.

use super::households::Saved;
use super::{Ctx, Result, StoreError, audit, date_text, places};
use crate::domain::model::{MemberInput, Role, Status};
use crate::domain::search;
use rusqlite::{Connection, OptionalExtension, Row, params};

/// How the members list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Village,
    Name,
    Role,
    Load,
}

impl Sort {
    pub const ALL: &'static [Sort] = &[Sort::Village, Sort::Name, Sort::Role, Sort::Load];

    fn order_by(self) -> &'static str {
        match self {
            Sort::Village => "ORDER BY v.name COLLATE natural_zh, m.name COLLATE natural_zh, m.id",
            Sort::Name => "ORDER BY m.name COLLATE natural_zh, m.id",
            Sort::Role => {
                "ORDER BY CASE m.role WHEN 'cadre' THEN 0 WHEN 'group_leader' THEN 1 WHEN 'villager_group_leader' THEN 2
                WHEN 'member' THEN 3 WHEN 'probationary' THEN 4 ELSE 5 END, v.name COLLATE natural_zh, m.id"
            }
            Sort::Load => "ORDER BY load DESC, m.id",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Sort::Village => "sort.village",
            Sort::Name => "sort.name",
            Sort::Role => "sort.role",
            Sort::Load => "sort.load",
        }
    }
}

/// One member as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: i64,
    pub village: String,
    pub name: String,
    pub phone: String,
    pub role: Role,
    pub status: Status,
    pub unit: String,
    pub party_group: String,
    pub archived: bool,
    pub version: i64,
    /// Households linked today.
    pub load: u32,
    pub last_visit: Option<String>,
}

impl Member {
    pub fn input(&self) -> MemberInput {
        MemberInput {
            village: self.village.clone(),
            name: self.name.clone(),
            phone: self.phone.clone(),
            role: self.role,
            status: self.status,
            unit: self.unit.clone(),
            party_group: self.party_group.clone(),
        }
    }
}

const SELECT: &str = "SELECT m.id, v.name, m.name, m.phone, m.role, m.status, m.unit, m.party_group, m.archived, m.version,
        (SELECT count(*) FROM links l WHERE l.member_id = m.id AND l.since <= ?2 AND (l.until IS NULL OR l.until >= ?2)) AS load,
        (SELECT max(date) FROM visits WHERE member_id = m.id)
    FROM members m JOIN villages v ON v.id = m.village_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Member> {
    let role: String = r.get(4)?;
    let status: String = r.get(5)?;
    Ok(Member {
        id: r.get(0)?,
        village: r.get(1)?,
        name: r.get(2)?,
        phone: r.get(3)?,
        role: Role::from_code(&role).unwrap_or(Role::Member),
        status: Status::from_code(&status).unwrap_or(Status::Normal),
        unit: r.get(6)?,
        party_group: r.get(7)?,
        archived: r.get(8)?,
        version: r.get(9)?,
        load: r.get(10)?,
        last_visit: r.get(11)?,
    })
}

/// Every member in `sort` order as (id, search key) (see
/// `households::keyed`). Sorting by load counts each member's links.
pub fn keyed(conn: &Connection, show_archived: bool, sort: Sort, today: &str) -> Result<Vec<(i64, String)>> {
    keyed_in(conn, show_archived, sort, today, None)
}

/// As `keyed`, in one village only when `village` is set (the user's).
pub fn keyed_in(conn: &Connection, show_archived: bool, sort: Sort, today: &str, village: Option<i64>) -> Result<Vec<(i64, String)>> {
    let load = if sort == Sort::Load {
        ", (SELECT count(*) FROM links l WHERE l.member_id = m.id AND l.since <= ?2 AND (l.until IS NULL OR l.until >= ?2)) AS load"
    } else {
        ", ?2 AS unused"
    };
    let sql = format!(
        "SELECT m.id, m.search_key {load} FROM members m JOIN villages v ON v.id = m.village_id
         WHERE (?1 OR m.archived = 0) AND (?3 IS NULL OR m.village_id = ?3) {}",
        sort.order_by()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![show_archived, today, village], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The members with these ids, in the order given.
pub fn by_ids(conn: &Connection, ids: &[i64], today: &str) -> Result<Vec<Member>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE m.id = ?1"))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(m) = stmt.query_row(params![id, today], from_row).optional()? {
            out.push(m);
        }
    }
    Ok(out)
}

pub fn get(conn: &Connection, id: i64, today: &str) -> Result<Member> {
    let sql = format!("{SELECT} WHERE m.id = ?1");
    conn.query_row(&sql, params![id, today], from_row).optional()?.ok_or(StoreError::NotFound)
}

/// Members of `village` named `name`; with `phone`, only the one with that phone.
pub fn find(conn: &Connection, village: &str, name: &str, phone: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id FROM members m JOIN villages v ON v.id = m.village_id
         WHERE v.name = ?1 AND m.name = ?2 AND (?3 = '' OR m.phone = ?3) ORDER BY m.id",
    )?;
    let rows = stmt.query_map(params![village, name, phone], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether a member of this name exists (in `village`, if given).
pub fn name_exists(conn: &Connection, name: &str, village: Option<&str>) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM members m JOIN villages v ON v.id = m.village_id WHERE m.name = ?1 AND (?2 IS NULL OR v.name = ?2) LIMIT 1",
            params![name, village],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Creates a member, or updates member `id` if `expected_version` still matches.
pub fn save(conn: &Connection, ctx: &Ctx, target: Option<(i64, i64)>, m: &MemberInput) -> Result<Saved> {
    if let Some((id, _)) = target {
        super::access::check(conn, ctx, super::access::Target::Member(id))?;
    }
    super::access::check(conn, ctx, super::access::Target::VillageNamed(&m.village))?;
    let village_id = places::ensure_village(conn, &m.village)?;
    let key = search::key(&[&m.name, &m.village, &m.unit, &m.party_group, &m.phone]);
    let today = date_text(ctx.today);
    let same_person = |id: Option<i64>| -> Result<bool> {
        if m.phone.is_empty() {
            return Ok(false);
        }
        let others = find(conn, &m.village, &m.name, &m.phone)?;
        Ok(others.iter().any(|o| Some(*o) != id))
    };
    match target {
        None => {
            if same_person(None)? {
                return Err(StoreError::Invalid(crate::i18n::t("err.duplicate_member").to_string()));
            }
            conn.execute(
                "INSERT INTO members (village_id, name, phone, role, status, unit, party_group, search_key, created_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![village_id, m.name, m.phone, m.role.code(), m.status.code(), m.unit, m.party_group, key, today],
            )?;
            let id = conn.last_insert_rowid();
            audit::record::<(), _>(conn, ctx, "member", id, "create", None, Some(m))?;
            Ok(Saved::Created(id))
        }
        Some((id, version)) => {
            let before = get(conn, id, &today)?;
            if before.version != version {
                return Err(StoreError::Conflict);
            }
            if before.input() == *m && !before.archived {
                return Ok(Saved::Unchanged(id));
            }
            if same_person(Some(id))? {
                return Err(StoreError::Invalid(crate::i18n::t("err.duplicate_member").to_string()));
            }
            let n = conn.execute(
                "UPDATE members SET village_id = ?1, name = ?2, phone = ?3, role = ?4, status = ?5, unit = ?6, party_group = ?7,
                    search_key = ?8, archived = 0, version = version + 1
                 WHERE id = ?9 AND version = ?10",
                params![village_id, m.name, m.phone, m.role.code(), m.status.code(), m.unit, m.party_group, key, id, version],
            )?;
            if n == 0 {
                return Err(StoreError::Conflict);
            }
            audit::record(conn, ctx, "member", id, "update", Some(&before.input()), Some(m))?;
            Ok(Saved::Updated(id))
        }
    }
}

/// Archives (or restores) a member; links and visits stay.
pub fn set_archived(conn: &Connection, ctx: &Ctx, id: i64, version: i64, archived: bool) -> Result<()> {
    super::access::check(conn, ctx, super::access::Target::Member(id))?;
    let n = conn.execute(
        "UPDATE members SET archived = ?1, version = version + 1 WHERE id = ?2 AND version = ?3",
        params![archived, id, version],
    )?;
    if n == 0 {
        return Err(StoreError::Conflict);
    }
    let action = if archived { "archive" } else { "restore" };
    audit::record::<(), ()>(conn, ctx, "member", id, action, None, None)?;
    Ok(())
}

/// A household a member is linked to today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedHousehold {
    pub id: i64,
    pub head: String,
    pub address: String,
    pub class: crate::domain::model::Class,
    pub since: String,
}

/// The households a member is linked to on `today`, by address.
pub fn linked_households(conn: &Connection, id: i64, today: &str) -> Result<Vec<LinkedHousehold>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, h.head, h.address, h.class, l.since FROM links l JOIN households h ON h.id = l.household_id
         WHERE l.member_id = ?1 AND l.since <= ?2 AND (l.until IS NULL OR l.until >= ?2) AND h.archived = 0 ORDER BY h.address COLLATE natural_zh, h.id",
    )?;
    let rows = stmt.query_map(params![id, today], |r| {
        let class: String = r.get(3)?;
        Ok(LinkedHousehold {
            id: r.get(0)?,
            head: r.get(1)?,
            address: r.get(2)?,
            class: crate::domain::model::Class::from_code(&class).unwrap_or(crate::domain::model::Class::General),
            since: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Who can log a visit to a household: the members of its village (and the
/// member linked to it, wherever that member belongs), the linked one first.
/// Each as (id, name, phone).
pub fn for_visit(conn: &Connection, household_id: i64, today: &str) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "WITH linked AS (SELECT member_id FROM links WHERE household_id = ?1 AND since <= ?2 AND (until IS NULL OR until >= ?2))
         SELECT m.id, m.name, m.phone FROM members m
         WHERE m.id IN (SELECT member_id FROM linked)
            OR (m.archived = 0 AND m.village_id = (SELECT village_id FROM households WHERE id = ?1))
         ORDER BY m.id NOT IN (SELECT member_id FROM linked), m.name COLLATE natural_zh, m.id",
    )?;
    let rows = stmt.query_map(params![household_id, today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
