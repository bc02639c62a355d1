//! Access by village: an optional `users` table maps OS users to roles —
//! township administrator (every village), village clerk (edits one
//! village, reads the rest), read-only. With no users configured everyone
//! may do everything. Every write function checks its target here, so the
//! app and the command line refuse alike, and say why.

use super::{Ctx, Result, StoreError};
use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// No users configured.
    Everyone,
    Admin,
    Clerk {
        village: i64,
        name: String,
    },
    Reader,
    /// Users are configured and this OS user is not among them: read only.
    NotListed,
}

/// What a write touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    Village(i64),
    VillageNamed(&'a str),
    Household(i64),
    Member(i64),
    Concern(i64),
    /// The whole township (users, every village at once).
    Township,
}

/// The access of `who`; `owner` when that is the database's owner
/// speaking for themselves (always an administrator).
pub fn of(conn: &Connection, who: &str, owner: bool) -> Result<Access> {
    if owner {
        return Ok(Access::Admin);
    }
    let configured: i64 = conn.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
    if configured == 0 {
        return Ok(Access::Everyone);
    }
    let row: Option<(String, Option<i64>, Option<String>)> = conn
        .query_row(
            "SELECT u.role, u.village_id, v.name FROM users u LEFT JOIN villages v ON v.id = u.village_id WHERE u.os_user = ?1",
            params![who],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(match row {
        None => Access::NotListed,
        Some((role, _, _)) if role == "admin" => Access::Admin,
        Some((role, Some(village), name)) if role == "clerk" => Access::Clerk { village, name: name.unwrap_or_default() },
        Some(_) => Access::Reader,
    })
}

fn village_of(conn: &Connection, target: Target<'_>) -> Result<Option<i64>> {
    let one = |sql: &str, id: i64| -> Result<Option<i64>> { Ok(conn.query_row(sql, params![id], |r| r.get(0)).optional()?) };
    match target {
        Target::Village(id) => Ok(Some(id)),
        Target::VillageNamed(name) => {
            Ok(conn.query_row("SELECT id FROM villages WHERE name = ?1", params![name], |r| r.get(0)).optional()?)
        }
        Target::Household(id) => one("SELECT village_id FROM households WHERE id = ?1", id),
        Target::Member(id) => one("SELECT village_id FROM members WHERE id = ?1", id),
        Target::Concern(id) => one("SELECT h.village_id FROM concerns c JOIN households h ON h.id = c.household_id WHERE c.id = ?1", id),
        Target::Township => Ok(None),
    }
}

/// Why `ctx`'s user may write nothing at all, if so.
pub fn refusal(ctx: &Ctx) -> Option<String> {
    let t = |k: &str| crate::i18n::tf(k, &[("who", &ctx.who)]);
    match &ctx.access {
        Access::Reader => Some(t("err.read_only_user")),
        Access::NotListed => Some(t("err.unlisted_user")),
        _ => None,
    }
}

/// Refuses what only an administrator may do (restore, demo --force, the
/// users list, reopening a final quarter, the black list's full names):
/// the database's owner, or a user the list makes `admin`.
pub fn require_admin(ctx: &Ctx) -> Result<()> {
    match &ctx.access {
        Access::Admin => Ok(()),
        _ => Err(StoreError::Denied(crate::i18n::tf("access.admin_only", &[("who", &ctx.who)]))),
    }
}

/// Refuses a write the user may not make, saying why.
pub fn check(conn: &Connection, ctx: &Ctx, target: Target<'_>) -> Result<()> {
    let t = |k: &str| crate::i18n::tf(k, &[("who", &ctx.who)]);
    match &ctx.access {
        Access::Everyone | Access::Admin => Ok(()),
        Access::Reader => Err(StoreError::Denied(t("err.read_only_user"))),
        Access::NotListed => Err(StoreError::Denied(t("err.unlisted_user"))),
        Access::Clerk { village, name } => {
            if village_of(conn, target)? == Some(*village) {
                Ok(())
            } else {
                Err(StoreError::Denied(crate::i18n::tf("err.other_village", &[("who", &ctx.who), ("village", name)])))
            }
        }
    }
}

/// Sets (or replaces) a user's role. `village` is required for a clerk.
pub fn set_user(conn: &Connection, ctx: &Ctx, os_user: &str, role: &str, village: Option<i64>) -> Result<()> {
    require_admin(ctx)?;
    conn.execute(
        "INSERT INTO users (os_user, role, village_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (os_user) DO UPDATE SET role = excluded.role, village_id = excluded.village_id",
        params![os_user, role, village],
    )?;
    super::audit::record::<(), _>(conn, ctx, "user", 0, "set", None, Some(&(os_user, role, village)))?;
    Ok(())
}

pub fn remove_user(conn: &Connection, ctx: &Ctx, os_user: &str) -> Result<bool> {
    require_admin(ctx)?;
    let n = conn.execute("DELETE FROM users WHERE os_user = ?1", params![os_user])?;
    super::audit::record::<_, ()>(conn, ctx, "user", 0, "remove", Some(&os_user), None)?;
    Ok(n > 0)
}

/// Every configured user: (os user, role, village name).
pub fn users(conn: &Connection) -> Result<Vec<(String, String, Option<String>)>> {
    let mut stmt =
        conn.prepare("SELECT u.os_user, u.role, v.name FROM users u LEFT JOIN villages v ON v.id = u.village_id ORDER BY u.os_user")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
