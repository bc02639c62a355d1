//! Rows for the contract's exports, in the column order of `io::columns`,
//! with Chinese labels, so that an export imports back to the same rows.

use super::{Result, date_text};
use crate::domain::model::{Class, Mode, Rating, Role, Sorting, Status};
use chrono::NaiveDate;
use rusqlite::{Connection, params};

/// Optional filters shared by every export, and where it tells the rows read.
#[derive(Debug, Clone, Copy)]
pub struct Filter<'a> {
    pub village: &'a str,
    pub quarter: &'a str,
    pub progress: &'a dyn crate::progress::Progress,
}

impl Default for Filter<'_> {
    fn default() -> Self {
        Filter { village: "", quarter: "", progress: &crate::progress::SILENT }
    }
}

fn rows(conn: &Connection, sql: &str, f: &Filter, width: usize, map: impl Fn(usize, String) -> String) -> Result<Vec<Vec<String>>> {
    let mut stmt = conn.prepare(sql)?;
    f.progress.stage(crate::i18n::t("progress.export_rows"), None);
    let mut ticker = crate::progress::Ticker::new(f.progress, 1000);
    let rows = stmt.query_map(params![f.village, f.quarter], |r| {
        ticker.tick();
        let mut out = Vec::with_capacity(width);
        for i in 0..width {
            let v: Option<rusqlite::types::Value> = r.get(i)?;
            let text = match v {
                None | Some(rusqlite::types::Value::Null) => String::new(),
                Some(rusqlite::types::Value::Integer(n)) => n.to_string(),
                Some(rusqlite::types::Value::Real(x)) => format_points(x),
                Some(rusqlite::types::Value::Text(s)) => s,
                Some(rusqlite::types::Value::Blob(_)) => String::new(),
            };
            out.push(map(i, text));
        }
        Ok(out)
    })?;
    let rows = rows.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Points with at most one decimal, without a trailing `.0`.
pub fn format_points(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn label<T: Copy>(code: &str, from: fn(&str) -> Option<T>, zh: fn(T) -> &'static str) -> String {
    from(code).map(zh).map(str::to_string).unwrap_or_default()
}

pub fn households(conn: &Connection, f: &Filter) -> Result<Vec<Vec<String>>> {
    rows(
        conn,
        "SELECT v.name, g.name, b.name, h.address, h.head, h.phone, h.size, h.class, h.note
         FROM households h JOIN villages v ON v.id = h.village_id
         LEFT JOIN groups g ON g.id = h.group_id LEFT JOIN buildings b ON b.id = h.building_id
         WHERE h.archived = 0 AND (?1 = '' OR v.name = ?1) AND ?2 = ?2
         ORDER BY v.name COLLATE natural_zh, g.name COLLATE natural_zh, h.address COLLATE natural_zh, h.id",
        f,
        9,
        |i, s| if i == 7 { label(&s, Class::from_code, Class::zh) } else { s },
    )
}

pub fn members(conn: &Connection, f: &Filter) -> Result<Vec<Vec<String>>> {
    rows(
        conn,
        "SELECT v.name, m.name, m.phone, m.role, m.status, m.unit, m.party_group
         FROM members m JOIN villages v ON v.id = m.village_id
         WHERE m.archived = 0 AND (?1 = '' OR v.name = ?1) AND ?2 = ?2
         ORDER BY v.name COLLATE natural_zh, m.name COLLATE natural_zh, m.id",
        f,
        7,
        |i, s| match i {
            3 => label(&s, Role::from_code, Role::zh),
            4 => label(&s, Status::from_code, Status::zh),
            _ => s,
        },
    )
}

/// Current links (those without an end date).
pub fn links(conn: &Connection, f: &Filter) -> Result<Vec<Vec<String>>> {
    rows(
        conn,
        "SELECT v.name, m.name, m.phone, h.head, h.address, l.since
         FROM links l JOIN members m ON m.id = l.member_id JOIN households h ON h.id = l.household_id
         JOIN villages v ON v.id = h.village_id
         WHERE l.until IS NULL AND (?1 = '' OR v.name = ?1) AND ?2 = ?2
         ORDER BY v.name COLLATE natural_zh, m.name COLLATE natural_zh, h.address COLLATE natural_zh, l.id",
        f,
        6,
        |_, s| s,
    )
}

pub fn visits(conn: &Connection, f: &Filter) -> Result<Vec<Vec<String>>> {
    rows(
        conn,
        "SELECT vi.date, v.name, m.name, m.phone, h.head, h.address, vi.mode, vi.sorting, vi.note, vi.concern, vi.suggestion, vi.next_planned
         FROM visits vi JOIN members m ON m.id = vi.member_id JOIN households h ON h.id = vi.household_id
         JOIN villages v ON v.id = h.village_id
         WHERE (?1 = '' OR v.name = ?1)
           AND (?2 = '' OR (substr(vi.date, 1, 4) || 'Q' || ((CAST(substr(vi.date, 6, 2) AS INTEGER) + 2) / 3)) = ?2)
         ORDER BY vi.date, vi.id",
        f,
        12,
        |i, s| match i {
            6 => label(&s, Mode::from_code, Mode::zh),
            7 => label(&s, Sorting::from_code, Sorting::zh),
            _ => s,
        },
    )
}

pub fn ratings(conn: &Connection, f: &Filter) -> Result<Vec<Vec<String>>> {
    rows(
        conn,
        "SELECT r.quarter, v.name, h.head, h.address, r.rating
         FROM ratings r JOIN households h ON h.id = r.household_id JOIN villages v ON v.id = h.village_id
         WHERE (?1 = '' OR v.name = ?1) AND (?2 = '' OR r.quarter = ?2)
         ORDER BY r.quarter, v.name COLLATE natural_zh, h.address COLLATE natural_zh, r.id",
        f,
        5,
        |i, s| if i == 4 { label(&s, Rating::from_code, Rating::zh) } else { s },
    )
}

pub fn adjustments(conn: &Connection, f: &Filter) -> Result<Vec<Vec<String>>> {
    rows(
        conn,
        "SELECT a.quarter, v.name, m.name, m.phone, a.points, a.reason
         FROM adjustments a JOIN members m ON m.id = a.member_id JOIN villages v ON v.id = m.village_id
         WHERE (?1 = '' OR v.name = ?1) AND (?2 = '' OR a.quarter = ?2)
         ORDER BY a.quarter, v.name COLLATE natural_zh, m.name COLLATE natural_zh, a.id",
        f,
        6,
        |_, s| s,
    )
}

pub const CONCERN_HEADERS: &[&str] =
    &["提出日期", "村", "户主", "地址", "党员", "问题", "状态", "状态日期", "停留天数", "滞留", "处理经过"];

/// Concerns with where they stand on `today`: days at the current level,
/// whether stuck (longer than `stuck_days`), and every step with who took it.
pub fn concerns(conn: &Connection, f: &Filter, today: NaiveDate, stuck_days: u32) -> Result<Vec<Vec<String>>> {
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT c.id FROM concerns c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
             WHERE (?1 = '' OR v.name = ?1) AND ?2 = ?2 ORDER BY c.raised_on, c.id",
        )?
        .query_map(params![f.village, f.quarter], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let c = super::concerns::get(conn, id)?;
        let steps = super::concerns::steps(conn, id)?
            .iter()
            .map(|s| {
                let note = if s.note.is_empty() { String::new() } else { format!("（{}）", s.note) };
                format!("{} {} {}{note}", date_text(s.on), s.status.zh(), s.by)
            })
            .collect::<Vec<_>>()
            .join("；");
        let stuck = c.status.is_stuck(c.since, today, stuck_days);
        out.push(vec![
            date_text(c.raised_on),
            c.village,
            c.head,
            c.address,
            c.member,
            c.text,
            c.status.zh().to_string(),
            date_text(c.since),
            (today - c.since).num_days().to_string(),
            if stuck { "是" } else { "" }.to_string(),
            steps,
        ]);
    }
    Ok(out)
}

pub const AUDIT_HEADERS: &[&str] = &["时间", "用户", "对象", "编号", "操作", "修改前", "修改后"];

pub fn audit(conn: &Connection, f: &Filter) -> Result<Vec<Vec<String>>> {
    rows(conn, "SELECT at, who, entity, entity_id, action, before, after FROM audit WHERE ?1 = ?1 AND ?2 = ?2 ORDER BY id", f, 7, |_, s| s)
}
