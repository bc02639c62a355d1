//! 总览's closed months, kept (migration 009): a month's numbers of each
//! village (periods owed and done, classes, the concern flow) once nothing
//! but a write to the past can change them. Triggers
//! drop a village's months from the one before a written date on; whoever
//! reads next counts them again and keeps them. Derived data only: when
//! the file cannot be written (a read-only file, another writer holding the
//! lock) they are simply counted every time.

use crate::domain::overview::{Flow, MonthLine, Tally};
use crate::domain::period::Month;
use crate::domain::rules::VisitRules;
use crate::store::Result;
use chrono::{Days, NaiveDate};
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// Whether `month`'s numbers are final on `today`: every plan in it is past
/// its grace and every week it places (by its Thursday) is over.
pub fn closed(month: Month, today: NaiveDate, rules: &VisitRules) -> bool {
    today > month.last_day() + Days::new(u64::from(rules.difficult_grace_days) + 7)
}

/// The visit rules a month was counted by.
fn fingerprint(rules: &VisitRules) -> String {
    format!("{} {} {}", rules.difficult_interval_days, rules.difficult_due_window_days, rules.difficult_grace_days)
}

fn encode(m: &MonthLine) -> String {
    let mut n = vec![m.visits.done, m.visits.required];
    for t in m.by_cadence {
        n.extend([t.done, t.required]);
    }
    n.extend(m.classes);
    n.extend(m.flow.counts());
    n.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")
}

fn decode(month: Month, s: &str) -> Option<MonthLine> {
    let n: Vec<u32> = s.split(' ').map(str::parse).collect::<std::result::Result<_, _>>().ok()?;
    let tally = |i: usize| Tally { done: n[i], required: n[i + 1] };
    (n.len() == 14).then(|| MonthLine {
        month,
        visits: tally(0),
        by_cadence: [tally(2), tally(4), tally(6)],
        classes: [n[8], n[9], n[10]],
        flow: Flow { raised: n[11], resolved: n[12], passed_up: n[13] },
    })
}

/// The kept months from `first` to `last` of one village (or all),
/// counted by these rules, by (village, month).
pub fn read(
    conn: &Connection,
    village: Option<i64>,
    first: Month,
    last: Month,
    rules: &VisitRules,
) -> Result<HashMap<(i64, Month), MonthLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT village_id, month, counts FROM overview_months
         WHERE rules = ?1 AND month BETWEEN ?2 AND ?3 AND (?4 IS NULL OR village_id = ?4)",
    )?;
    let mut rows = stmt.query(params![fingerprint(rules), first.to_string(), last.to_string(), village])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let Ok(month) = r.get_ref(1)?.as_str().unwrap_or_default().parse::<Month>() else { continue };
        if let Some(line) = decode(month, r.get_ref(2)?.as_str().unwrap_or_default()) {
            out.insert((r.get(0)?, month), line);
        }
    }
    Ok(out)
}

/// Keeps closed months just counted, if the file can be written at once
/// (never waiting for another writer); nothing is lost when it cannot.
pub fn keep(conn: &Connection, months: &[(i64, MonthLine)], rules: &VisitRules) {
    if months.is_empty() || !conn.is_autocommit() || conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
        return;
    }
    let write = || -> rusqlite::Result<()> {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let done = (|| {
            let mut stmt =
                conn.prepare_cached("INSERT OR REPLACE INTO overview_months (village_id, month, rules, counts) VALUES (?1, ?2, ?3, ?4)")?;
            let rules = fingerprint(rules);
            for (village, m) in months {
                stmt.execute(params![village, m.month.to_string(), rules, encode(m)])?;
            }
            Ok(())
        })();
        conn.execute_batch(if done.is_ok() { "COMMIT" } else { "ROLLBACK" })?;
        done
    };
    let _ = conn.busy_timeout(std::time::Duration::ZERO);
    let _ = write();
    let _ = conn.busy_timeout(crate::store::open::BUSY);
}
