//! 走访: the visit log, newest first, with its filters (`/` text, `f` dates,
//! village, member, household). Enter corrects the selected visit.

use crate::app::App;
use crate::i18n::t;
use crate::present::date as date_text;
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, col};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

/// The filters in force, in words (empty when none).
fn filters(app: &App) -> String {
    let q = &app.tabs.visits.query;
    let mut parts = Vec::new();
    if q.from.is_some() || q.to.is_some() {
        let d = |x: Option<chrono::NaiveDate>| x.map(date_text).unwrap_or_default();
        parts.push(format!("{}~{}", d(q.from), d(q.to)));
    }
    for (key, v) in [("col.village", &q.village), ("col.member", &q.member), ("col.head", &q.household)] {
        if !v.is_empty() {
            parts.push(format!("{}:{v}", t(key)));
        }
    }
    if parts.is_empty() { String::new() } else { format!("{}: {}", t("ui.filters"), parts.join(" ")) }
}

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let b = widgets::block(theme, t("tab.visits"));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let [info, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let l = &app.tabs.visits.list;
    crate::ui::info_line(f, info, app, theme, &l.filter, &filters(app), l.total);
    let lang = crate::i18n::lang();
    let cols = [
        col("col.date", 10),
        col("col.village", 8),
        col("col.head", 8),
        col("col.member", 8),
        col("col.mode", 4),
        col("col.sorting", 8),
        col("col.note", 20),
    ];
    let rows: Vec<Vec<String>> = l
        .rows
        .iter()
        .map(|row| {
            let v = &row.visit;
            let note = if v.concern.is_empty() { v.note.clone() } else { format!("{} 【{}】{}", v.note, t("col.concern"), v.concern) };
            vec![
                date_text(v.date),
                row.village.clone(),
                row.head.clone(),
                row.member.clone(),
                v.mode.label(lang).to_string(),
                v.sorting.map(|s| s.label(lang).to_string()).unwrap_or_default(),
                note,
            ]
        })
        .collect();
    widgets::table(f, table, theme, &cols, &rows, l.selected.checked_sub(l.top));
}
