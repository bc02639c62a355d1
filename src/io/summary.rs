//! The year-end summary per member (年终总结) as table cells: what `export
//! summary` writes and the app's `b` on 台账 · 年终 saves.

use crate::domain::summary::marks;
use crate::i18n::{Lang, t_in};
use crate::present::scores::percent;
use crate::store::programme::year::MemberYear;

/// Headers of `export summary` (Chinese, as every export).
pub const HEADERS: [&str; 18] = [
    "年度",
    "村",
    "党员",
    "身份",
    "四员",
    "联户数",
    "应访",
    "已访",
    "完成率",
    "满意度",
    "解决问题",
    "季度评定",
    "需作检讨",
    "座谈会",
    "活动",
    "办实事",
    "值勤天数",
    "民主评议",
];

/// One row per member of `village` for `year`.
pub fn cells(year: i32, village: &str, members: &[MemberYear], lang: Lang) -> Vec<Vec<String>> {
    let yes_no = |b: bool| t_in(lang, if b { "score.yes" } else { "score.no" }).to_string();
    members
        .iter()
        .map(|m| {
            let t = &m.totals;
            let compliance = if t.required == 0 { String::new() } else { percent(f64::from(t.done) / f64::from(t.required)) };
            let duties: Vec<&str> = m.duties.iter().map(|d| d.label(lang)).collect();
            vec![
                year.to_string(),
                village.to_string(),
                m.name.clone(),
                m.role.label(lang).to_string(),
                duties.join("、"),
                m.linked.to_string(),
                t.required.to_string(),
                t.done.to_string(),
                compliance,
                t.satisfaction.map(percent).unwrap_or_default(),
                t.resolved.to_string(),
                marks(&m.labels),
                yes_no(m.self_criticism),
                m.meetings.to_string(),
                m.activities.to_string(),
                m.help_visits.to_string(),
                m.duty_days.to_string(),
                m.appraisal.as_ref().map(|(a, _)| a.label(lang).to_string()).unwrap_or_default(),
            ]
        })
        .collect()
}
