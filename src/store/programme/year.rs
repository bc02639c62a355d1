//! The year-end summary per member of a village (年终): the year's quarters
//! from the boards (finalised ones as frozen), and what the programme's
//! other instruments hold — duties, meetings attended, 办实事 visits, the
//! WeChat group, the democratic appraisal.

use crate::domain::model::{Appraisal, Duty, Role};
use crate::domain::rules::Rules;
use crate::domain::score::Label;
use crate::domain::summary::{self, QuarterLine, YearTotals};
use crate::store::programme::meetings as events;
use crate::store::scores as score;
use crate::store::{Result, programme};
use chrono::NaiveDate;
use rusqlite::{Connection, params};

#[derive(Debug, Clone, PartialEq)]
pub struct MemberYear {
    pub member_id: i64,
    pub name: String,
    pub role: Role,
    pub exempt: bool,
    pub duties: Vec<Duty>,
    pub totals: YearTotals,
    /// The label of each quarter reached so far.
    pub labels: Vec<Option<Label>>,
    pub self_criticism: bool,
    /// Link-leader meetings and other activities attended.
    pub meetings: usize,
    pub activities: usize,
    /// Visits made as 办实事.
    pub help_visits: usize,
    /// Supervision duty days logged (督导员).
    pub duty_days: usize,
    /// The WeChat group: its name, households joined, households linked today.
    pub wechat: Option<(String, usize, usize)>,
    pub linked: usize,
    pub appraisal: Option<(Appraisal, String)>,
}

/// Every member of the village on its boards of `year`, by name.
pub fn village_year(conn: &Connection, village_id: i64, year: i32, today: NaiveDate, rules: &Rules) -> Result<Vec<MemberYear>> {
    crate::store::read(conn, || village_year_in(conn, village_id, year, today, rules))
}

fn village_year_in(conn: &Connection, village_id: i64, year: i32, today: NaiveDate, rules: &Rules) -> Result<Vec<MemberYear>> {
    let boards = score::year(conn, year, village_id, today, rules)?;
    let Some(last) = boards.last() else { return Ok(Vec::new()) };
    let today_text = crate::store::date_text(today);
    let (first, end) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
    let mut help = conn.prepare_cached("SELECT count(*) FROM visits WHERE member_id = ?1 AND mode = 'help' AND date BETWEEN ?2 AND ?3")?;
    let mut linked =
        conn.prepare_cached("SELECT count(*) FROM links WHERE member_id = ?1 AND since <= ?2 AND (until IS NULL OR until >= ?2)")?;
    let mut out = Vec::new();
    for row in &last.rows {
        let id = row.member_id;
        let lines: Vec<QuarterLine> = boards
            .iter()
            .filter_map(|b| b.rows.iter().find(|r| r.member_id == id))
            .map(|r| QuarterLine {
                households: r.households,
                required: r.required,
                done: r.done,
                satisfaction: r.satisfaction,
                resolved: r.resolved,
                label: r.label,
            })
            .collect();
        let (meetings, activities) = events::attended(conn, id, year)?;
        let help_visits: i64 = help.query_row(params![id, first, end], |r| r.get(0))?;
        let linked_now: i64 = linked.query_row(params![id, today_text], |r| r.get(0))?;
        let linked_now = usize::try_from(linked_now).unwrap_or(0);
        out.push(MemberYear {
            member_id: id,
            name: row.member.clone(),
            role: row.role,
            exempt: row.exempt,
            duties: programme::duties(conn, id)?,
            totals: summary::totals(&lines),
            labels: lines.iter().map(|l| l.label).collect(),
            self_criticism: row.self_criticism,
            meetings,
            activities,
            help_visits: usize::try_from(help_visits).unwrap_or(0),
            duty_days: crate::store::programme::bins::days_of(conn, id, year)?,
            wechat: programme::wechat(conn, id)?.map(|g| (g.name, g.joined.len(), linked_now)),
            linked: linked_now,
            appraisal: programme::appraisal(conn, id, year)?,
        });
    }
    out.sort_unstable_by(|a, b| (&a.name, a.member_id).cmp(&(&b.name, b.member_id)));
    Ok(out)
}
