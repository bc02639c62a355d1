//! 台账 · 年终: each member of a village over a year, for the democratic
//! appraisal — visits owed and done, satisfaction, concerns resolved, the
//! quarters' labels, meetings, 四员 duties, the WeChat group and the
//! appraisal — and below, the selected member in full.

use crate::app::App;
use crate::app::layout::EVENT_DETAIL;
use crate::domain::summary::marks;
use crate::domain::text::truncate;
use crate::i18n::{t, tf};
use crate::present::scores::percent;
use crate::store::programme::year::MemberYear;
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, col};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame<'_>, head: Rect, body: Rect, app: &App, theme: &Theme) {
    let l = &app.tabs.ledger;
    let lang = crate::i18n::lang();
    let appraised = l.members.all.iter().filter(|m| m.appraisal.is_some()).count();
    let line = tf(
        "ui.year_summary_head",
        &[
            ("village", l.village_name()),
            ("year", &l.month.year.to_string()),
            ("members", &l.members.all.len().to_string()),
            ("appraised", &appraised.to_string()),
        ],
    );
    widgets::line(f, head, &truncate(&line, usize::from(head.width)), theme.header());
    let [table, detail] = Layout::vertical([Constraint::Min(1), Constraint::Length(EVENT_DETAIL)]).areas(body);
    let cols = [
        col("col.member", 8),
        col("col.required", 5),
        col("col.done", 5),
        col("col.satisfaction", 6),
        col("col.resolved_short", 4),
        col("col.quarters", 4),
        col("col.meetings", 4),
        col("col.duty", 10),
        col("col.appraisal", 8),
    ];
    let cells = |m: &MemberYear| {
        let t = &m.totals;
        // 先督 in Chinese; in English the first three letters (pioneer and
        // publicist share their first).
        let short = if lang == crate::i18n::Lang::Zh { 1 } else { 3 };
        let duties: Vec<String> = m.duties.iter().map(|d| d.label(lang).chars().take(short).collect()).collect();
        vec![
            m.name.clone(),
            t.required.to_string(),
            t.done.to_string(),
            t.satisfaction.map(percent).unwrap_or_default(),
            t.resolved.to_string(),
            marks(&m.labels),
            m.meetings.to_string(),
            duties.join(if short == 1 { "" } else { "/" }),
            m.appraisal.as_ref().map(|(a, _)| a.label(lang).to_string()).unwrap_or_default(),
        ]
    };
    let rows: Vec<Vec<String>> = l.members.shown().map(cells).collect();
    let style_of = |i: usize| match l.members.shown().nth(i) {
        Some(m) if m.self_criticism => theme.overdue(),
        Some(m) if m.exempt => theme.muted(),
        _ => ratatui::style::Style::new(),
    };
    widgets::table_styled(f, table, theme, &cols, &rows, l.members.selected_on_screen(), style_of);
    let width = usize::from(detail.width);
    let lines: Vec<Line> = match l.current_member() {
        Some(m) => detail_lines(m, app).into_iter().map(|s| Line::raw(truncate(&s, width))).collect(),
        None => vec![Line::styled(t("ledger.no_members"), theme.muted())],
    };
    f.render_widget(Paragraph::new(lines), detail);
}

/// The selected member in full, a line per subject.
fn detail_lines(m: &MemberYear, app: &App) -> Vec<String> {
    let lang = crate::i18n::lang();
    let duties: Vec<&str> = m.duties.iter().map(|d| d.label(lang)).collect();
    let duties = if duties.is_empty() { t("ledger.none").to_string() } else { duties.join(t("ui.list_sep")) };
    let wechat = match &m.wechat {
        Some((name, joined, linked)) => {
            tf("ledger.wechat_line", &[("group", name), ("joined", &joined.to_string()), ("linked", &linked.to_string())])
        }
        None => t("ledger.no_wechat").to_string(),
    };
    let appraisal = match &m.appraisal {
        Some((a, note)) if note.is_empty() => a.label(lang).to_string(),
        Some((a, note)) => tf("ui.with_note", &[("text", a.label(lang)), ("note", note)]),
        None => t("ledger.not_appraised").to_string(),
    };
    let caution = if m.self_criticism { t("ledger.self_criticism") } else { "" };
    vec![
        tf("ledger.member_line", &[("member", &m.name), ("role", m.role.label(lang)), ("duties", &duties), ("caution", caution)]),
        tf(
            "ledger.work_line",
            &[
                ("meetings", &m.meetings.to_string()),
                ("activities", &m.activities.to_string()),
                ("help", &m.help_visits.to_string()),
                ("duty", &m.duty_days.to_string()),
                ("stars", &m.totals.stars.to_string()),
                ("warnings", &m.totals.warnings.to_string()),
            ],
        ),
        wechat,
        tf("ledger.appraisal_line", &[("year", &app.tabs.ledger.month.year.to_string()), ("result", &appraisal)]),
    ]
}
