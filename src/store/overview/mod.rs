//! What 总览 and the monthly report read: every household's class, latest
//! visit and past (the due list's loader), the visits of the months shown
//! (and every visit of a household ever 难点户, whose plans form one chain),
//! concern counts and flow, and members' loads. domain::overview counts.

mod months;

use super::history::Past;
use super::{Result, date_text, parse_date};
use crate::domain::duty::Household;
use crate::domain::linking::{LoadState, load_state};
use crate::domain::model::{Class, Role, Status};
use crate::domain::overview::{self, Facts, Flow, Line, MonthLine};
use crate::domain::period::Month;
use crate::domain::rules::Rules;
use crate::domain::schedule::{History, LastVisit};
use chrono::{Days, NaiveDate};
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// Months charted: the last twelve, this one included.
pub const MONTHS: usize = 12;

/// The township's lines, worst village first, and its total.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overview {
    pub lines: Vec<Line>,
    pub total: Option<Line>,
}

struct Row {
    id: i64,
    village: i64,
    class: Class,
    created_on: NaiveDate,
    last: Option<LastVisit>,
}

/// The overview as of `today` over the last `MONTHS` months, this one
/// last, of one village or all (总览); the closed months it counted are
/// kept when the connection is not inside a transaction.
pub fn read(conn: &Connection, today: NaiveDate, rules: &Rules, village: Option<i64>) -> Result<Overview> {
    let (overview, unkept) = read_with(conn, today, rules, village)?;
    unkept.keep(conn);
    Ok(overview)
}

/// As `read`, leaving the closed months it counted to be kept once the
/// caller's read transaction is over (`Unkept::keep`).
pub fn read_with(conn: &Connection, today: NaiveDate, rules: &Rules, village: Option<i64>) -> Result<(Overview, Unkept)> {
    let months = overview::months(today, MONTHS);
    let (o, closed) = super::read(conn, || read_in(conn, (today, today), rules, village, &months))?;
    Ok((o, Unkept { months: closed, rules: rules.visits.clone() }))
}

/// Closed months counted by a reading, not kept yet.
#[derive(Debug, Clone)]
pub struct Unkept {
    months: Vec<(i64, MonthLine)>,
    rules: crate::domain::rules::VisitRules,
}

impl Unkept {
    /// Keeps them if the file can be written at once (see `months::keep`).
    pub fn keep(self, conn: &Connection) {
        months::keep(conn, &self.months, &self.rules);
    }
}

/// As `read`, over `months` (oldest first; the monthly report's end with
/// the month it is for). Concerns keep only where they stand now, so
/// their open and stuck counts are as of `concerns_on` (today). Kept
/// months are read; the closed months counted are kept when the
/// connection is not inside a transaction.
pub fn read_months(
    conn: &Connection,
    today: NaiveDate,
    concerns_on: NaiveDate,
    rules: &Rules,
    village: Option<i64>,
    months: &[Month],
) -> Result<Overview> {
    let (overview, closed) = super::read(conn, || read_in(conn, (today, concerns_on), rules, village, months))?;
    months::keep(conn, &closed, &rules.visits);
    Ok(overview)
}

fn read_in(
    conn: &Connection,
    (today, concerns_on): (NaiveDate, NaiveDate),
    rules: &Rules,
    village: Option<i64>,
    all_months: &[Month],
) -> Result<(Overview, Vec<(i64, MonthLine)>)> {
    let villages = super::scores::villages(conn, village)?;
    // The closed months every village has kept are read, not counted: the
    // households' visits are read from the first month still to count.
    let (Some(first_month), Some(last_month)) = (all_months.first(), all_months.last()) else {
        return Ok((Overview::default(), Vec::new()));
    };
    let kept = months::read(conn, village, *first_month, *last_month, &rules.visits)?;
    let counted_from = all_months
        .iter()
        .position(|m| !(months::closed(*m, today, &rules.visits) && villages.iter().all(|(v, _)| kept.contains_key(&(*v, *m)))))
        .unwrap_or(all_months.len());
    let months = &all_months[counted_from..];
    let first = months.first().map(|m| m.first_day()).unwrap_or(today);
    let mut lines: HashMap<i64, Line> = villages.iter().map(|(id, name)| (*id, Line::new(Some((*id, name.clone())), months))).collect();
    let rows = households(conn, today, village)?;
    let pasts = super::history::load(conn, village.map(|_| "h.village_id = ?1"), &village)?;
    // A week counted in the first month may start up to three days before it.
    let from = first - Days::new(7);
    let visits = visits(conn, from, today)?;
    let empty_past = Past::default();
    // One household's visits at a time, unpacked into the same buffer.
    let mut buffer: Vec<LastVisit> = Vec::new();
    for r in &rows {
        let Some(line) = lines.get_mut(&r.village) else { continue };
        let past = pasts.get(&r.id).unwrap_or(&empty_past);
        buffer.clear();
        buffer.extend(visits.get(&r.id).into_iter().flatten().map(|v| v.unpack(from)));
        let facts = Facts {
            household: Household {
                history: History { classes: &past.classes, links: &past.links },
                members: &past.members,
                visits: &buffer,
            },
            class: r.class,
            created_on: r.created_on,
            last: r.last,
        };
        line.count(&facts, today, &rules.visits);
    }
    for (v, (open, stuck)) in super::concerns::open_by_village(conn, concerns_on, rules.visits.concern_stuck_days)? {
        if let Some(l) = lines.get_mut(&v) {
            (l.concerns_open, l.concerns_stuck) = (open, stuck);
        }
    }
    for (v, month, flow) in flow(conn, first, today)? {
        if let Some(l) = lines.get_mut(&v) {
            l.add_flow(month, flow);
        }
    }
    // What was just counted of closed months is kept; the kept ones go first.
    let mut closed = Vec::new();
    for (v, line) in &mut lines {
        closed.extend(line.months.iter().filter(|m| months::closed(m.month, today, &rules.visits)).map(|m| (*v, *m)));
        let before = all_months[..counted_from].iter().filter_map(|m| kept.get(&(*v, *m)).copied());
        line.months.splice(0..0, before);
    }
    for (v, state) in loads(conn, today, rules)? {
        if let Some(l) = lines.get_mut(&v) {
            match state {
                LoadState::Under => l.under_load += 1,
                LoadState::Over => l.over_load += 1,
                LoadState::Within => {}
            }
        }
    }
    let mut lines: Vec<Line> = lines.into_values().collect();
    overview::worst_first(&mut lines);
    let total = (!lines.is_empty()).then(|| overview::total(&lines, all_months));
    Ok((Overview { lines, total }, closed))
}

/// Households recorded by today and not archived, with their latest visit
/// on or before today (as the due list reads it).
fn households(conn: &Connection, today: NaiveDate, village: Option<i64>) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT h.id, h.village_id, h.class, h.created_on, {}
         FROM households h WHERE h.archived = 0 AND h.created_on <= ?1 AND (?2 IS NULL OR h.village_id = ?2)",
        super::standing::latest_visit("?1")
    ))?;
    let rows = stmt.query_map(params![date_text(today), village], |r| {
        let class: String = r.get(2)?;
        let created: String = r.get(3)?;
        let last: Option<String> = r.get(4)?;
        Ok(Row {
            id: r.get(0)?,
            village: r.get(1)?,
            class: Class::from_code(&class).unwrap_or(Class::General),
            created_on: parse_date(&created).unwrap_or(NaiveDate::MIN),
            last: last.as_deref().and_then(super::standing::parse_last),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A visit as days from the window's start: its date and plan (four bytes,
/// not twelve: a street's year holds half a million visits).
#[derive(Debug, Clone, Copy)]
struct Packed(i16, i16);

const NO_PLAN: i16 = i16::MIN;

impl Packed {
    fn pack(v: LastVisit, from: NaiveDate) -> Option<Packed> {
        let days = |d: NaiveDate| i16::try_from((d - from).num_days()).ok().filter(|n| *n != NO_PLAN);
        // A plan beyond ±89 years (a typo) stands as the farthest one.
        let plan = match v.next_planned {
            None => NO_PLAN,
            Some(p) => days(p).unwrap_or(if p > from { i16::MAX } else { NO_PLAN + 1 }),
        };
        Some(Packed(days(v.date)?, plan))
    }

    fn unpack(self, from: NaiveDate) -> LastVisit {
        let day = |n: i16| from.checked_add_signed(chrono::TimeDelta::days(i64::from(n))).unwrap_or(from);
        LastVisit { date: day(self.0), next_planned: (self.1 != NO_PLAN).then(|| day(self.1)) }
    }
}

/// Visits dated `from..=today` by household, oldest first; and for a
/// household ever 难点户 the last two before `from` as well. A plan chain
/// from any visit on depends on that visit alone (its plan, or its date +
/// the interval), so the chain from the second last visit before `from`
/// gives every plan dated from `from` on exactly as the whole past does.
/// Both read indexes alone, never the visit rows with their notes.
fn visits(conn: &Connection, from_day: NaiveDate, today: NaiveDate) -> Result<HashMap<i64, Vec<Packed>>> {
    let mut out: HashMap<i64, Vec<Packed>> = HashMap::new();
    let (from, today) = (date_text(from_day), date_text(today));
    // The last two visits before `from`, from the household index alone
    // (reading the visit rows themselves would fetch a page each).
    let last = |offset: &str| {
        format!(
            "(SELECT date || ' ' || coalesce(next_planned, '') FROM visits WHERE household_id = d.household_id AND date < ?1
              ORDER BY date DESC, next_planned DESC LIMIT 1 OFFSET {offset})"
        )
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT d.household_id, {}, {} FROM (SELECT DISTINCT household_id FROM class_history WHERE class = 'difficult') d",
        last("1"),
        last("0")
    ))?;
    let mut rows = stmt.query(params![from])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        for i in [1, 2] {
            let Some(text) = r.get_ref(i)?.as_str().ok() else { continue };
            if let Some(p) = super::standing::parse_last(text).and_then(|v| Packed::pack(v, from_day)) {
                out.entry(id).or_default().push(p);
            }
        }
    }
    let mut push = |r: &rusqlite::Row<'_>| -> rusqlite::Result<()> {
        if let Some(date) = r.get_ref(1)?.as_str().ok().and_then(parse_date) {
            let next_planned = r.get_ref(2)?.as_str().ok().and_then(parse_date);
            if let Some(p) = Packed::pack(LastVisit { date, next_planned }, from_day) {
                out.entry(r.get(0)?).or_default().push(p);
            }
        }
        Ok(())
    };
    // The date index holds (date, household, plan): in date order, so each
    // household's visits come oldest first.
    let mut stmt =
        conn.prepare_cached("SELECT household_id, date, next_planned FROM visits INDEXED BY visits_date WHERE date >= ?1 AND date <= ?2")?;
    let mut rows = stmt.query(params![from, today])?;
    while let Some(r) = rows.next()? {
        push(r)?;
    }
    Ok(out)
}

/// Concerns raised, resolved (or closed) and passed up to the township,
/// by village and month, from `first` to today.
fn flow(conn: &Connection, first: NaiveDate, today: NaiveDate) -> Result<Vec<(i64, Month, Flow)>> {
    let mut out = Vec::new();
    let queries = [
        "SELECT h.village_id, substr(c.raised_on, 1, 7), count(*) FROM concerns c JOIN households h ON h.id = c.household_id
         WHERE c.raised_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
        "SELECT h.village_id, substr(c.resolved_on, 1, 7), count(*) FROM concerns c JOIN households h ON h.id = c.household_id
         WHERE c.resolved_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
        "SELECT h.village_id, substr(s.on_date, 1, 7), count(DISTINCT s.concern_id) FROM concern_steps s
         JOIN concerns c ON c.id = s.concern_id JOIN households h ON h.id = c.household_id
         WHERE s.status = 'township' AND s.on_date BETWEEN ?1 AND ?2 GROUP BY 1, 2",
    ];
    for (i, sql) in queries.iter().enumerate() {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params![date_text(first), date_text(today)])?;
        while let Some(r) = rows.next()? {
            let month: String = r.get(1)?;
            let Ok(month) = month.parse::<Month>() else { continue };
            let n: u32 = r.get(2)?;
            let flow = match i {
                0 => Flow { raised: n, ..Flow::default() },
                1 => Flow { resolved: n, ..Flow::default() },
                _ => Flow { passed_up: n, ..Flow::default() },
            };
            out.push((r.get(0)?, month, flow));
        }
    }
    Ok(out)
}

/// Each member's load state today, by village (members not archived and
/// recorded by today), as `check` and 党员 judge it.
fn loads(conn: &Connection, today: NaiveDate, rules: &Rules) -> Result<Vec<(i64, LoadState)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.village_id, m.role, m.status,
            (SELECT count(*) FROM links l WHERE l.member_id = m.id AND l.since <= ?1 AND (l.until IS NULL OR l.until >= ?1))
         FROM members m WHERE m.archived = 0 AND m.created_on <= ?1",
    )?;
    let rows = stmt.query_map(params![date_text(today)], |r| {
        let role: String = r.get(1)?;
        let status: String = r.get(2)?;
        let role = Role::from_code(&role).unwrap_or(Role::Member);
        let status = Status::from_code(&status).unwrap_or(Status::Normal);
        Ok((r.get(0)?, load_state(&rules.loads, role, status, r.get(3)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
