//! 走访 tab, read-only until the visits issue: the visit log, newest first.

use super::theme::Theme;
use super::widgets::{self, col};
use crate::app::App;
use crate::i18n::t;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let b = widgets::block(theme, &format!("{} ({})", t("tab.visits"), t("ui.read_only")));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let [info, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let l = &app.visits;
    super::info_line(f, info, app, theme, &l.filter, "", l.total);
    let lang = app.settings.lang;
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
        .map(|v| {
            vec![
                v.date.clone(),
                v.village.clone(),
                v.head.clone(),
                v.member.clone(),
                v.mode.label(lang).to_string(),
                v.sorting.map(|s| s.label(lang).to_string()).unwrap_or_default(),
                v.note.clone(),
            ]
        })
        .collect();
    widgets::table(f, table, theme, &cols, &rows, l.selected.checked_sub(l.top));
}
