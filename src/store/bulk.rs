//! Fast inserts for generated data (the demo township): prepared statements
//! inside the caller's transaction, one audit entry for the whole load.

use super::{Result, date_text, places};
use crate::domain::model::{Class, ConcernStatus, Rating, Role, Status};
use crate::domain::search;
use chrono::NaiveDate;
use rusqlite::{Connection, params};

pub struct Bulk<'c> {
    conn: &'c Connection,
    who: String,
    now: String,
}

/// A generated visit.
pub use super::records::NewVisit as Visit;

/// A generated household.
pub struct Household<'a> {
    pub village: i64,
    pub group: Option<i64>,
    pub building: Option<i64>,
    pub village_name: &'a str,
    pub group_name: &'a str,
    pub address: &'a str,
    pub head: &'a str,
    pub phone: &'a str,
    pub size: u32,
    pub class: Class,
    pub since: NaiveDate,
}

/// A generated member.
pub struct Member<'a> {
    pub village: i64,
    pub village_name: &'a str,
    pub name: &'a str,
    pub phone: &'a str,
    pub role: Role,
    pub status: Status,
    pub unit: &'a str,
    pub party_group: &'a str,
    pub since: NaiveDate,
}

impl<'c> Bulk<'c> {
    pub fn new(conn: &'c Connection, who: &str) -> Self {
        Bulk { conn, who: who.to_string(), now: super::now_text() }
    }

    /// The connection (the programme's inserts live in `bulk_programme`).
    pub(super) fn conn(&self) -> &Connection {
        self.conn
    }

    pub fn village(&self, name: &str) -> Result<i64> {
        places::ensure_village(self.conn, name)
    }

    pub fn group(&self, village: i64, name: &str) -> Result<Option<i64>> {
        places::ensure_group(self.conn, village, name)
    }

    pub fn building(&self, group: Option<i64>, name: &str) -> Result<Option<i64>> {
        places::ensure_building(self.conn, group, name)
    }

    pub fn household(&self, h: &Household<'_>) -> Result<i64> {
        let key = search::key(&[h.head, h.address, h.village_name, h.group_name, h.phone]);
        self.conn
            .prepare_cached(
                "INSERT INTO households (village_id, group_id, building_id, address, head, phone, size, class, search_key, created_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                h.village,
                h.group,
                h.building,
                h.address,
                h.head,
                h.phone,
                h.size,
                h.class.code(),
                key,
                date_text(h.since)
            ])?;
        let id = self.conn.last_insert_rowid();
        self.class(id, h.class, h.since)?;
        Ok(id)
    }

    /// Records a class from `since`, and makes it the household's current class.
    pub fn class(&self, household: i64, class: Class, since: NaiveDate) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO class_history (household_id, class, since, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![household, class.code(), date_text(since), self.now, self.who])?;
        self.conn.prepare_cached("UPDATE households SET class = ?1 WHERE id = ?2")?.execute(params![class.code(), household])?;
        Ok(())
    }

    pub fn member(&self, m: &Member<'_>) -> Result<i64> {
        let key = search::key(&[m.name, m.village_name, m.unit, m.party_group, m.phone]);
        self.conn
            .prepare_cached(
                "INSERT INTO members (village_id, name, phone, role, status, unit, party_group, search_key, created_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![m.village, m.name, m.phone, m.role.code(), m.status.code(), m.unit, m.party_group, key, date_text(m.since)])?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn set_leader(&self, member: i64, leader: i64) -> Result<()> {
        self.conn.prepare_cached("UPDATE members SET leader_id = ?1 WHERE id = ?2")?.execute(params![leader, member])?;
        Ok(())
    }

    pub fn link(&self, member: i64, household: i64, since: NaiveDate, until: Option<NaiveDate>) -> Result<()> {
        self.conn.prepare_cached("INSERT INTO links (member_id, household_id, since, until) VALUES (?1, ?2, ?3, ?4)")?.execute(params![
            member,
            household,
            date_text(since),
            until.map(date_text)
        ])?;
        Ok(())
    }

    pub fn relation(&self, member: i64, household: i64, kind: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO relations (member_id, household_id, kind) VALUES (?1, ?2, ?3)")?
            .execute(params![member, household, kind])?;
        Ok(())
    }

    /// Inserts a visit; a concern it raises opens a concern item. Returns the
    /// concern's id when one was opened.
    pub fn visit(&self, v: &Visit<'_>) -> Result<Option<i64>> {
        Ok(super::records::insert_visit(self.conn, &self.who, v)?.1)
    }

    pub fn concern_step(&self, concern: i64, status: ConcernStatus, on: NaiveDate) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO concern_steps (concern_id, status, on_date, by_user) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![concern, status.code(), date_text(on), self.who])?;
        let resolved_on = status.is_final().then(|| date_text(on));
        self.conn.prepare_cached("UPDATE concerns SET status = ?1, resolved_on = ?3 WHERE id = ?2")?.execute(params![
            status.code(),
            concern,
            resolved_on
        ])?;
        Ok(())
    }

    pub fn rating(&self, household: i64, quarter: &str, rating: Rating) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO ratings (household_id, quarter, rating) VALUES (?1, ?2, ?3)")?
            .execute(params![household, quarter, rating.code()])?;
        Ok(())
    }

    pub fn adjustment(&self, member: i64, quarter: &str, points: f64, reason: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO adjustments (member_id, quarter, points, reason, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![member, quarter, points, reason, self.now, self.who])?;
        Ok(())
    }

    /// One audit entry describing the whole load.
    pub fn audit(&self, ctx: &super::Ctx, summary: &serde_json::Value) -> Result<()> {
        super::audit::record::<(), _>(self.conn, ctx, "database", 0, "demo", None, Some(summary))
    }
}
