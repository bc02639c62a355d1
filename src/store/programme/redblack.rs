//! 红黑榜: a village's red and black lists for a month — the households the
//! rules suggest (`domain::redblack::suggest`) together with the entries
//! link leaders proposed and the village confirmed or dropped, each step
//! dated and audited.

use crate::domain::model::{Class, List, ListState, Sorting};
use crate::domain::period::Month;
use crate::domain::redblack::{self, Basis, Step};
use crate::store::{Ctx, Result, StoreError, audit, date_text, parse_date};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::collections::HashMap;

/// A recorded entry on a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub id: i64,
    pub list: List,
    pub state: ListState,
    /// The link leader who proposed it (None: the village put it on itself).
    pub proposer: Option<String>,
    pub proposed_on: NaiveDate,
    pub decided_on: Option<NaiveDate>,
    pub note: String,
}

/// A household on the month's screen: suggested by the rules, recorded, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub household_id: i64,
    pub head: String,
    pub group: String,
    pub address: String,
    /// Its class at the month's end (today, in the current month).
    pub class: Class,
    /// What the rules suggest, and why.
    pub suggested: Option<(List, Basis)>,
    pub entry: Option<Entry>,
}

impl Row {
    /// The list it is on or suggested for.
    pub fn list(&self) -> List {
        self.entry.as_ref().map(|e| e.list).or(self.suggested.map(|(l, _)| l)).unwrap_or(List::Red)
    }

    pub fn state(&self) -> Option<ListState> {
        self.entry.as_ref().map(|e| e.state)
    }
}

/// The day a month's class is read on: its last day, or today while it runs.
fn end_of(month: Month, today: NaiveDate) -> NaiveDate {
    month.last_day().min(today)
}

/// The month's rows for a village: red first, then black; within a list,
/// recorded entries before bare suggestions, then by group and address.
pub fn month(conn: &Connection, village_id: i64, month: Month, today: NaiveDate) -> Result<Vec<Row>> {
    crate::store::read(conn, || month_in(conn, village_id, month, today))
}

fn month_in(conn: &Connection, village_id: i64, month: Month, today: NaiveDate) -> Result<Vec<Row>> {
    let (first, end) = (date_text(month.first_day()), date_text(end_of(month, today)));
    let mut sortings: HashMap<i64, Vec<Option<Sorting>>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT v.household_id, v.sorting FROM visits v JOIN households h ON h.id = v.household_id
         WHERE h.village_id = ?1 AND v.date BETWEEN ?2 AND ?3",
    )?;
    let mut rows = stmt.query(params![village_id, first, end])?;
    while let Some(r) = rows.next()? {
        let sorting: Option<String> = r.get(1)?;
        sortings.entry(r.get(0)?).or_default().push(sorting.as_deref().and_then(Sorting::from_code));
    }
    let mut entries: HashMap<i64, Entry> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT r.household_id, r.id, r.list, r.state, m.name, r.proposed_on, r.decided_on, r.note
         FROM redblack r JOIN households h ON h.id = r.household_id LEFT JOIN members m ON m.id = r.proposed_by
         WHERE r.month = ?1 AND h.village_id = ?2",
    )?;
    let mut rows = stmt.query(params![month.to_string(), village_id])?;
    while let Some(r) = rows.next()? {
        let (list, state, on, decided): (String, String, String, Option<String>) = (r.get(2)?, r.get(3)?, r.get(5)?, r.get(6)?);
        entries.insert(
            r.get(0)?,
            Entry {
                id: r.get(1)?,
                list: List::from_code(&list).unwrap_or(List::Red),
                state: ListState::from_code(&state).unwrap_or(ListState::Proposed),
                proposer: r.get(4)?,
                proposed_on: parse_date(&on).unwrap_or_default(),
                decided_on: decided.as_deref().and_then(parse_date),
                note: r.get(7)?,
            },
        );
    }
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, h.head, coalesce(g.name, ''), h.address,
            coalesce((SELECT c.class FROM class_history c WHERE c.household_id = h.id AND c.since <= ?2 ORDER BY c.since DESC, c.id DESC LIMIT 1), h.class)
         FROM households h LEFT JOIN groups g ON g.id = h.group_id
         WHERE h.village_id = ?1 AND h.archived = 0 AND h.created_on <= ?2",
    )?;
    let mut rows = stmt.query(params![village_id, end])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let class: String = r.get(4)?;
        let class = Class::from_code(&class).unwrap_or(Class::General);
        let suggested = redblack::suggest(class, sortings.get(&id).map_or(&[][..], Vec::as_slice));
        let entry = entries.remove(&id);
        if suggested.is_some() || entry.is_some() {
            out.push(Row { household_id: id, head: r.get(1)?, group: r.get(2)?, address: r.get(3)?, class, suggested, entry });
        }
    }
    use crate::domain::order::natural;
    out.sort_unstable_by(|a, b| {
        (a.list(), a.entry.is_none())
            .cmp(&(b.list(), b.entry.is_none()))
            .then_with(|| natural(&a.group, &b.group))
            .then_with(|| natural(&a.address, &b.address))
            .then(a.household_id.cmp(&b.household_id))
    });
    Ok(out)
}

/// The entry of a household for a month, as stored: (id, list, state).
fn stored(conn: &Connection, household_id: i64, month: Month) -> Result<Option<(i64, List, ListState)>> {
    let row: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT id, list, state FROM redblack WHERE household_id = ?1 AND month = ?2",
            params![household_id, month.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(row.map(|(id, l, s)| (id, List::from_code(&l).unwrap_or(List::Red), ListState::from_code(&s).unwrap_or(ListState::Proposed))))
}

/// The link leader of the household's member today (the patch it lies in).
fn leader_of_household(conn: &Connection, household_id: i64, today: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT m.leader_id FROM links l JOIN members m ON m.id = l.member_id
             WHERE l.household_id = ?1 AND l.since <= ?2 AND (l.until IS NULL OR l.until >= ?2) ORDER BY l.since DESC LIMIT 1",
            params![household_id, today],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

#[derive(Serialize)]
struct Audited<'a> {
    month: String,
    list: &'a str,
    state: &'a str,
    note: &'a str,
}

/// A household's entry for a month as the user saw it: the list it is on
/// or suggested for, and its state (None: not on a list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub household_id: i64,
    pub month: Month,
    pub list: List,
    pub state: Option<ListState>,
}

/// Takes `step` for the entry the user saw. Someone else's step taken first
/// is a conflict; a step the entry's state does not allow is refused.
/// Proposing records the household's link leader as the proposer.
pub fn take(conn: &Connection, ctx: &Ctx, seen: &Seen, step: Step, note: &str) -> Result<()> {
    let Seen { household_id, month, list, state: seen } = *seen;
    crate::store::access::check(conn, ctx, crate::store::access::Target::Household(household_id))?;
    let now = stored(conn, household_id, month)?;
    if now.map(|(_, _, s)| s) != seen {
        return Err(StoreError::Conflict);
    }
    let Some(to) = redblack::after(seen, step) else {
        return Err(StoreError::Invalid(crate::i18n::t("err.redblack_step").to_string()));
    };
    let today = date_text(ctx.today);
    let decided = (to != ListState::Proposed).then_some(today.as_str());
    let proposer = if step == Step::Propose { leader_of_household(conn, household_id, &today)? } else { None };
    let id = match now {
        None => {
            conn.execute(
                "INSERT INTO redblack (household_id, month, list, state, proposed_by, proposed_on, decided_on, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![household_id, month.to_string(), list.code(), to.code(), proposer, today, decided, note],
            )?;
            conn.last_insert_rowid()
        }
        Some((id, _, _)) => {
            if step == Step::Propose {
                conn.execute(
                    "UPDATE redblack SET list = ?2, state = ?3, proposed_by = ?4, proposed_on = ?5, decided_on = NULL, note = ?6, version = version + 1 WHERE id = ?1",
                    params![id, list.code(), to.code(), proposer, today, note],
                )?;
            } else {
                conn.execute(
                    "UPDATE redblack SET state = ?2, decided_on = ?3, note = CASE WHEN ?4 = '' THEN note ELSE ?4 END, version = version + 1 WHERE id = ?1",
                    params![id, to.code(), decided, note],
                )?;
            }
            id
        }
    };
    let before = now.map(|(_, l, s)| Audited { month: month.to_string(), list: l.code(), state: s.code(), note: "" });
    let after = Audited { month: month.to_string(), list: list.code(), state: to.code(), note };
    audit::record(conn, ctx, "redblack", id, step_code(step), before.as_ref(), Some(&after))
}

fn step_code(step: Step) -> &'static str {
    match step {
        Step::Propose => "propose",
        Step::Confirm => "confirm",
        Step::Drop => "drop",
    }
}

/// Whether the village shows full names on its black list.
pub fn full_names(conn: &Connection, village_id: i64) -> Result<bool> {
    Ok(conn
        .query_row("SELECT black_full_names FROM villages WHERE id = ?1", params![village_id], |r| r.get(0))
        .optional()?
        .unwrap_or(false))
}

/// Sets whether the village shows full names on its black list (audited).
pub fn set_full_names(conn: &Connection, ctx: &Ctx, village_id: i64, on: bool) -> Result<()> {
    crate::store::access::check(conn, ctx, crate::store::access::Target::Village(village_id))?;
    crate::store::access::require_admin(ctx)?;
    let before = full_names(conn, village_id)?;
    conn.execute("UPDATE villages SET black_full_names = ?2, version = version + 1 WHERE id = ?1", params![village_id, on])?;
    audit::record(conn, ctx, "village", village_id, "black_full_names", Some(&before), Some(&on))
}

/// One household on the printed board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardLine {
    /// The head's name, or 张某 on a masked black list.
    pub name: String,
    pub group: String,
    /// Empty on a masked black list (group only).
    pub address: String,
}

/// A village's printable board for a month: the confirmed entries only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    pub village: String,
    pub month: Month,
    pub red: Vec<BoardLine>,
    pub black: Vec<BoardLine>,
    pub full_names: bool,
}

/// The boards of every village in scope for `month`.
pub fn boards(conn: &Connection, month: Month, village: Option<i64>, today: NaiveDate) -> Result<Vec<Board>> {
    let mut out = Vec::new();
    for (id, name) in crate::store::scores::villages(conn, village)? {
        let full_names = full_names(conn, id)?;
        let mut board = Board { village: name, month, red: Vec::new(), black: Vec::new(), full_names };
        for row in month_in(conn, id, month, today)? {
            let Some(e) = row.entry.as_ref().filter(|e| e.state == ListState::Confirmed) else { continue };
            let masked = e.list == List::Black && !full_names;
            let line = BoardLine {
                name: if masked { redblack::masked(&row.head) } else { row.head.clone() },
                group: row.group.clone(),
                address: if masked { String::new() } else { row.address.clone() },
            };
            if e.list == List::Red { board.red.push(line) } else { board.black.push(line) }
        }
        out.push(board);
    }
    Ok(out)
}
