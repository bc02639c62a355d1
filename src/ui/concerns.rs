//! 问题 tab, read-only until the visits issue: concerns passed up, open first.

use super::theme::Theme;
use super::widgets::{self, col};
use crate::app::App;
use crate::i18n::t;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let b = widgets::block(theme, &format!("{} ({})", t("tab.concerns"), t("ui.read_only")));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let [info, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let l = &app.concerns;
    super::info_line(f, info, app, theme, &l.filter, "", l.total);
    let lang = app.settings.lang;
    let today = app.settings.today;
    let cols =
        [col("col.date", 10), col("col.village", 8), col("col.head", 8), col("col.status", 12), col("col.days", 4), col("col.concern", 20)];
    let rows: Vec<Vec<String>> = l
        .rows
        .iter()
        .map(|c| {
            let days = crate::store::parse_date(&c.since).map(|d| (today - d).num_days().to_string()).unwrap_or_default();
            vec![c.raised_on.clone(), c.village.clone(), c.head.clone(), c.status.label(lang).to_string(), days, c.text.clone()]
        })
        .collect();
    widgets::table(f, table, theme, &cols, &rows, l.selected.checked_sub(l.top));
}
