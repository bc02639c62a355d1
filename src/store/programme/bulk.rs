//! Fast inserts of the programme's other instruments for the demo township
//! (red/black lists, events, duties, bins, WeChat groups, appraisals, dual
//! registration), inside the caller's transaction.

use crate::domain::model::{Appraisal, Duty, EventKind, List, Review};
use crate::store::bulk::Bulk;
use crate::store::{Result, date_text};
use chrono::NaiveDate;
use rusqlite::params;

/// A generated meeting or activity.
pub struct Event<'a> {
    pub village: i64,
    pub kind: EventKind,
    pub date: NaiveDate,
    pub title: &'a str,
    pub difficulties: &'a str,
    pub decisions: &'a str,
    pub others: u32,
}

impl Bulk<'_> {
    pub fn duty(&self, member: i64, duty: Duty, since: NaiveDate) -> Result<()> {
        self.conn()
            .prepare_cached("INSERT OR IGNORE INTO member_duties (member_id, duty, since) VALUES (?1, ?2, ?3)")?
            .execute(params![member, duty.code(), date_text(since)])?;
        Ok(())
    }

    pub fn bin(&self, village: i64, group: Option<i64>, location: &str, member: i64) -> Result<i64> {
        self.conn()
            .prepare_cached("INSERT INTO bins (village_id, group_id, location, member_id) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![village, group, location, member])?;
        Ok(self.conn().last_insert_rowid())
    }

    pub fn duty_day(&self, member: i64, date: NaiveDate, bin: i64, note: &str) -> Result<()> {
        self.conn()
            .prepare_cached("INSERT OR IGNORE INTO duty_days (member_id, date, bin_id, note) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![member, date_text(date), bin, note])?;
        Ok(())
    }

    pub fn event(&self, e: &Event<'_>, attendees: &[i64]) -> Result<i64> {
        self.conn()
            .prepare_cached(
                "INSERT INTO events (village_id, kind, date, title, difficulties, decisions, others) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![e.village, e.kind.code(), date_text(e.date), e.title, e.difficulties, e.decisions, e.others])?;
        let id = self.conn().last_insert_rowid();
        let mut add = self.conn().prepare_cached("INSERT OR IGNORE INTO event_attendees (event_id, member_id) VALUES (?1, ?2)")?;
        for m in attendees {
            add.execute(params![id, m])?;
        }
        Ok(id)
    }

    pub fn wechat(&self, member: i64, name: &str, since: NaiveDate, joined: &[i64]) -> Result<()> {
        let on = date_text(since);
        self.conn()
            .prepare_cached("INSERT INTO wechat_groups (member_id, name, created_on) VALUES (?1, ?2, ?3)")?
            .execute(params![member, name, on])?;
        let mut add =
            self.conn().prepare_cached("INSERT OR IGNORE INTO wechat_joined (member_id, household_id, joined_on) VALUES (?1, ?2, ?3)")?;
        for h in joined {
            add.execute(params![member, h, on])?;
        }
        Ok(())
    }

    /// What the rules suggest for a village's month (`redblack::month`).
    pub fn suggested(&self, village: i64, month: crate::domain::period::Month, today: NaiveDate) -> Result<Vec<(i64, List)>> {
        let rows = crate::store::programme::redblack::month(self.conn(), village, month, today)?;
        Ok(rows.into_iter().filter_map(|r| r.suggested.map(|(list, _)| (r.household_id, list))).collect())
    }

    /// A confirmed entry on a month's list (`month` as 2026-11).
    pub fn listed(&self, household: i64, month: &str, list: List, proposer: Option<i64>, on: NaiveDate) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT OR IGNORE INTO redblack (household_id, month, list, state, proposed_by, proposed_on, decided_on)
                 VALUES (?1, ?2, ?3, 'confirmed', ?4, ?5, ?5)",
            )?
            .execute(params![household, month, list.code(), proposer, date_text(on)])?;
        Ok(())
    }

    pub fn appraisal(&self, member: i64, year: i32, result: Appraisal, on: NaiveDate) -> Result<()> {
        self.conn()
            .prepare_cached("INSERT OR IGNORE INTO appraisals (member_id, year, result, decided_on) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![member, year, result.code(), date_text(on)])?;
        Ok(())
    }

    pub fn registration(&self, member: i64, unit: &str, on: NaiveDate) -> Result<i64> {
        self.conn().prepare_cached("INSERT INTO registrations (member_id, unit, registered_on) VALUES (?1, ?2, ?3)")?.execute(params![
            member,
            unit,
            date_text(on)
        ])?;
        Ok(self.conn().last_insert_rowid())
    }

    pub fn review(&self, registration: i64, year: i32, rating: Review, on: NaiveDate) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT OR IGNORE INTO registration_reviews (registration_id, year, rating, reviewed_on) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![registration, year, rating.code(), date_text(on)])?;
        Ok(())
    }
}
