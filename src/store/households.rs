//! Households: paged lists, detail, save with optimistic locking and a dated
//! class history, archive (never delete).

use super::{Ctx, Result, StoreError, audit, date_text, places};
use crate::domain::model::{Class, HouseholdInput};
use crate::domain::search;
use rusqlite::{Connection, OptionalExtension, Row, params};

/// How the households list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Village,
    Head,
    Class,
    LastVisit,
}

impl Sort {
    pub const ALL: &'static [Sort] = &[Sort::Village, Sort::Head, Sort::Class, Sort::LastVisit];

    /// A fixed ORDER BY clause (never built from user input).
    fn order_by(self) -> &'static str {
        match self {
            Sort::Village => "ORDER BY v.name COLLATE natural_zh, g.name COLLATE natural_zh, h.address COLLATE natural_zh, h.id",
            Sort::Head => "ORDER BY h.head COLLATE natural_zh, h.id",
            Sort::Class => {
                "ORDER BY CASE h.class WHEN 'difficult' THEN 0 WHEN 'improving' THEN 1 ELSE 2 END, v.name COLLATE natural_zh, h.id"
            }
            // The latest visit the row keeps (see migration 002).
            Sort::LastVisit => "ORDER BY h.latest_visit IS NOT NULL, h.latest_visit, h.id",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Sort::Village => "sort.village",
            Sort::Head => "sort.head",
            Sort::Class => "sort.class",
            Sort::LastVisit => "sort.last_visit",
        }
    }
}

/// A `LIKE` pattern that matches `filter` anywhere, with wildcards escaped.
pub fn like_pattern(filter: &str) -> String {
    let q = search::normalise_query(filter);
    let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// One household as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Household {
    pub id: i64,
    pub village: String,
    pub group: String,
    pub building: String,
    pub address: String,
    pub head: String,
    pub phone: String,
    pub size: Option<u32>,
    pub class: Class,
    pub note: String,
    pub archived: bool,
    pub version: i64,
    pub member: Option<String>,
    pub last_visit: Option<String>,
}

impl Household {
    pub fn input(&self) -> HouseholdInput {
        HouseholdInput {
            village: self.village.clone(),
            group: self.group.clone(),
            building: self.building.clone(),
            address: self.address.clone(),
            head: self.head.clone(),
            phone: self.phone.clone(),
            size: self.size,
            class: self.class,
            note: self.note.clone(),
        }
    }
}

const SELECT: &str = "SELECT h.id, v.name, coalesce(g.name, ''), coalesce(b.name, ''), h.address, h.head, h.phone,
        h.size, h.class, h.note, h.archived, h.version,
        (SELECT m.name FROM links l JOIN members m ON m.id = l.member_id
          WHERE l.household_id = h.id AND l.since <= ?2 AND (l.until IS NULL OR l.until >= ?2)
          ORDER BY l.since DESC LIMIT 1),
        (SELECT max(date) FROM visits WHERE household_id = h.id) AS last_visit
    FROM households h
    JOIN villages v ON v.id = h.village_id
    LEFT JOIN groups g ON g.id = h.group_id
    LEFT JOIN buildings b ON b.id = h.building_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Household> {
    let class: String = r.get(8)?;
    Ok(Household {
        id: r.get(0)?,
        village: r.get(1)?,
        group: r.get(2)?,
        building: r.get(3)?,
        address: r.get(4)?,
        head: r.get(5)?,
        phone: r.get(6)?,
        size: r.get(7)?,
        class: Class::from_code(&class).unwrap_or(Class::General),
        note: r.get(9)?,
        archived: r.get(10)?,
        version: r.get(11)?,
        member: r.get(12)?,
        last_visit: r.get(13)?,
    })
}

/// Every household (archived ones too when asked), in `sort` order, as
/// (id, search key): a light query run when the sort or the data changes.
/// Typing a filter then narrows this list in memory, and the rows on screen
/// are read by id, so neither a keystroke nor a move sorts the table.
pub fn keyed(conn: &Connection, show_archived: bool, sort: Sort) -> Result<Vec<(i64, String)>> {
    keyed_in(conn, show_archived, sort, None)
}

/// As `keyed`, in one village only when `village` is set (the user's).
pub fn keyed_in(conn: &Connection, show_archived: bool, sort: Sort, village: Option<i64>) -> Result<Vec<(i64, String)>> {
    let order = sort.order_by();
    let sql = format!(
        "SELECT h.id, h.search_key FROM households h JOIN villages v ON v.id = h.village_id LEFT JOIN groups g ON g.id = h.group_id
         WHERE (?1 OR h.archived = 0) AND (?2 IS NULL OR h.village_id = ?2) {order}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![show_archived, village], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The households with these ids, in the order given.
pub fn by_ids(conn: &Connection, ids: &[i64], today: &str) -> Result<Vec<Household>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE h.id = ?1"))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(h) = stmt.query_row(params![id, today], from_row).optional()? {
            out.push(h);
        }
    }
    Ok(out)
}

/// One household by id.
pub fn get(conn: &Connection, id: i64, today: &str) -> Result<Household> {
    let sql = format!("{SELECT} WHERE h.id = ?1");
    conn.query_row(&sql, params![id, today], from_row).optional()?.ok_or(StoreError::NotFound)
}

/// The household with this key (村, 户主, 地址), archived or not.
pub fn find_by_key(conn: &Connection, village: &str, head: &str, address: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT h.id FROM households h JOIN villages v ON v.id = h.village_id
             WHERE v.name = ?1 AND h.head = ?2 AND h.address = ?3",
            params![village, head, address],
            |r| r.get(0),
        )
        .optional()?)
}

/// A household's class over time, oldest first: (class, since).
pub fn class_history(conn: &Connection, id: i64) -> Result<Vec<(Class, String)>> {
    let mut stmt = conn.prepare_cached("SELECT class, since FROM class_history WHERE household_id = ?1 ORDER BY since, id")?;
    let rows = stmt.query_map(params![id], |r| {
        let c: String = r.get(0)?;
        Ok((Class::from_code(&c).unwrap_or(Class::General), r.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records that the household holds `class` from `since` (one entry per day).
pub fn record_class(conn: &Connection, ctx: &Ctx, id: i64, class: Class, since: &str) -> Result<()> {
    conn.execute("DELETE FROM class_history WHERE household_id = ?1 AND since = ?2", params![id, since])?;
    conn.execute(
        "INSERT INTO class_history (household_id, class, since, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, class.code(), since, super::now_text(), ctx.who],
    )?;
    Ok(())
}

/// Records that household `id` holds `class` from `since` (a visit found it
/// so); its current class follows its history as of today. Audited.
pub fn change_class(conn: &Connection, ctx: &Ctx, id: i64, class: Class, since: chrono::NaiveDate) -> Result<()> {
    super::access::check(conn, ctx, super::access::Target::Household(id))?;
    let today = date_text(ctx.today);
    let before = get(conn, id, &today)?;
    record_class(conn, ctx, id, class, &date_text(since))?;
    let now: String = conn.query_row(
        "SELECT class FROM class_history WHERE household_id = ?1 AND since <= ?2 ORDER BY since DESC, id DESC LIMIT 1",
        params![id, today],
        |r| r.get(0),
    )?;
    conn.execute("UPDATE households SET class = ?1, version = version + 1 WHERE id = ?2", params![now, id])?;
    let after = (class.code(), date_text(since));
    audit::record(conn, ctx, "household", id, "class", Some(&before.class.code()), Some(&after))?;
    Ok(())
}

/// Whether a save created a row, changed one, or found nothing to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Created(i64),
    Updated(i64),
    Unchanged(i64),
}

impl Saved {
    pub fn id(self) -> i64 {
        match self {
            Saved::Created(id) | Saved::Updated(id) | Saved::Unchanged(id) => id,
        }
    }
}

fn duplicate_or(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {
            StoreError::Invalid(crate::i18n::t("err.duplicate_household").to_string())
        }
        _ => StoreError::Sqlite(e),
    }
}

/// Creates a household, or updates household `id` if `expected_version`
/// still matches (else `Conflict`). A new class is recorded dated today.
/// Un-archives a household that is saved again.
pub fn save(conn: &Connection, ctx: &Ctx, target: Option<(i64, i64)>, h: &HouseholdInput) -> Result<Saved> {
    if let Some((id, _)) = target {
        super::access::check(conn, ctx, super::access::Target::Household(id))?;
    }
    super::access::check(conn, ctx, super::access::Target::VillageNamed(&h.village))?;
    let village_id = places::ensure_village(conn, &h.village)?;
    let group_id = places::ensure_group(conn, village_id, &h.group)?;
    let building_id = places::ensure_building(conn, group_id, &h.building)?;
    let key = search::key(&[&h.head, &h.address, &h.village, &h.group, &h.building, &h.phone]);
    let today = date_text(ctx.today);
    match target {
        None => {
            conn.execute(
                "INSERT INTO households (village_id, group_id, building_id, address, head, phone, size, class, note, search_key, created_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![village_id, group_id, building_id, h.address, h.head, h.phone, h.size, h.class.code(), h.note, key, today],
            )
            .map_err(duplicate_or)?;
            let id = conn.last_insert_rowid();
            record_class(conn, ctx, id, h.class, &today)?;
            audit::record::<(), _>(conn, ctx, "household", id, "create", None, Some(h))?;
            Ok(Saved::Created(id))
        }
        Some((id, version)) => {
            let before = get(conn, id, &today)?;
            if before.version != version {
                return Err(StoreError::Conflict);
            }
            if before.input() == *h && !before.archived {
                return Ok(Saved::Unchanged(id));
            }
            let n = conn
                .execute(
                    "UPDATE households SET village_id = ?1, group_id = ?2, building_id = ?3, address = ?4, head = ?5, phone = ?6,
                        size = ?7, class = ?8, note = ?9, search_key = ?10, archived = 0, version = version + 1
                     WHERE id = ?11 AND version = ?12",
                    params![
                        village_id,
                        group_id,
                        building_id,
                        h.address,
                        h.head,
                        h.phone,
                        h.size,
                        h.class.code(),
                        h.note,
                        key,
                        id,
                        version
                    ],
                )
                .map_err(duplicate_or)?;
            if n == 0 {
                return Err(StoreError::Conflict);
            }
            if before.class != h.class {
                record_class(conn, ctx, id, h.class, &today)?;
            }
            audit::record(conn, ctx, "household", id, "update", Some(&before.input()), Some(h))?;
            Ok(Saved::Updated(id))
        }
    }
}

/// Archives (or restores) a household; its history stays.
pub fn set_archived(conn: &Connection, ctx: &Ctx, id: i64, version: i64, archived: bool) -> Result<()> {
    super::access::check(conn, ctx, super::access::Target::Household(id))?;
    let n = conn.execute(
        "UPDATE households SET archived = ?1, version = version + 1 WHERE id = ?2 AND version = ?3",
        params![archived, id, version],
    )?;
    if n == 0 {
        return Err(StoreError::Conflict);
    }
    let action = if archived { "archive" } else { "restore" };
    audit::record::<(), ()>(conn, ctx, "household", id, action, None, None)?;
    Ok(())
}
