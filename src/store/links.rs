//! Links between members and households, with since/until dates.

use super::{Ctx, Result, StoreError, audit, date_text};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linked {
    Created,
    /// The household was moved from another member, whose link ended the day before.
    Moved,
    Unchanged,
}

#[derive(Serialize)]
pub(super) struct LinkAudit<'a> {
    pub member_id: i64,
    pub household_id: i64,
    pub since: &'a str,
    pub until: Option<&'a str>,
    /// Why it ended, when someone said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
}

/// The open link of a household: (link id, member id, since).
pub fn open_link(conn: &Connection, household_id: i64) -> Result<Option<(i64, i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, member_id, since FROM links WHERE household_id = ?1 AND until IS NULL ORDER BY since DESC LIMIT 1",
            params![household_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// Links `member_id` to `household_id` from `since`. A household linked to
/// another member is moved: the old link ends the day before `since`.
pub fn link(conn: &Connection, ctx: &Ctx, member_id: i64, household_id: i64, since: NaiveDate) -> Result<Linked> {
    super::access::check(conn, ctx, super::access::Target::Household(household_id))?;
    let since_text = date_text(since);
    let mut outcome = Linked::Created;
    if let Some((link_id, current, current_since)) = open_link(conn, household_id)? {
        if current == member_id {
            return Ok(Linked::Unchanged);
        }
        let until = since.pred_opt().map(date_text).unwrap_or_default();
        if until < current_since {
            return Err(StoreError::Invalid(crate::i18n::tf("err.link_before_current", &[("since", &current_since)])));
        }
        conn.execute("UPDATE links SET until = ?1, version = version + 1 WHERE id = ?2", params![until, link_id])?;
        let ended = LinkAudit { member_id: current, household_id, since: &current_since, until: Some(&until), reason: None };
        audit::record::<(), _>(conn, ctx, "link", link_id, "end", None, Some(&ended))?;
        outcome = Linked::Moved;
    }
    conn.execute("INSERT INTO links (member_id, household_id, since) VALUES (?1, ?2, ?3)", params![member_id, household_id, since_text])?;
    let id = conn.last_insert_rowid();
    let created = LinkAudit { member_id, household_id, since: &since_text, until: None, reason: None };
    audit::record::<(), _>(conn, ctx, "link", id, "create", None, Some(&created))?;
    Ok(outcome)
}

/// One link as shown in a history: (member name, member phone, since, until).
pub type LinkEntry = (String, String, String, Option<String>);

/// A household's links, newest first.
pub fn household_history(conn: &Connection, household_id: i64) -> Result<Vec<LinkEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.name, m.phone, l.since, l.until FROM links l JOIN members m ON m.id = l.member_id
         WHERE l.household_id = ?1 ORDER BY l.since DESC, l.id DESC",
    )?;
    let rows = stmt.query_map(params![household_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
