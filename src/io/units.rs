//! The 双报到 report to each work unit: its members registered with the
//! communities where they live, their year in the programme, and each
//! community's evaluation. In `.xlsx` every unit gets a sheet of its own.

use crate::i18n::Lang;
use crate::present::scores::percent;
use crate::store::programme::units::UnitLine;

/// Headers of `export units` (Chinese, as every export).
pub const HEADERS: [&str; 14] = [
    "工作单位",
    "社区/村",
    "党员",
    "电话",
    "报到日期",
    "年度",
    "联户数",
    "应访",
    "已访",
    "完成率",
    "满意度",
    "参加活动",
    "社区评价",
    "评价说明",
];

fn cells(year: i32, l: &UnitLine, lang: Lang) -> Vec<String> {
    let r = &l.registration;
    let compliance = if l.required == 0 { String::new() } else { percent(f64::from(l.done) / f64::from(l.required)) };
    vec![
        l.unit.clone(),
        l.village.clone(),
        r.member.clone(),
        r.phone.clone(),
        crate::store::date_text(r.registered_on),
        year.to_string(),
        l.linked.to_string(),
        l.required.to_string(),
        l.done.to_string(),
        compliance,
        l.satisfaction.map(percent).unwrap_or_default(),
        l.meetings.to_string(),
        r.review.as_ref().map(|(v, _)| v.label(lang).to_string()).unwrap_or_default(),
        r.review.as_ref().map(|(_, n)| n.clone()).unwrap_or_default(),
    ]
}

/// The lines grouped by unit (they come sorted by unit): (unit, rows).
pub fn by_unit(year: i32, lines: &[UnitLine], lang: Lang) -> Vec<(String, Vec<Vec<String>>)> {
    let mut out: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    for l in lines {
        match out.last_mut() {
            Some((unit, rows)) if *unit == l.unit => rows.push(cells(year, l, lang)),
            _ => out.push((l.unit.clone(), vec![cells(year, l, lang)])),
        }
    }
    out
}
