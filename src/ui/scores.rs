//! 考评 tab, read-only until the scoring issue: the quarter's ratings and
//! adjustments, village by village.

use super::theme::Theme;
use super::widgets::{self, col};
use crate::app::App;
use crate::i18n::{t, tf};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let b = widgets::block(theme, &format!("{} ({})", t("tab.scores"), t("ui.read_only")));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let [info, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    widgets::line(f, info, &tf("ui.quarter", &[("quarter", &app.quarter.to_string())]), theme.header());
    let cols = [
        col("col.village", 10),
        col("col.households", 6),
        col("col.satisfied", 6),
        col("col.basic", 8),
        col("col.unsatisfied", 6),
        col("col.unrated", 6),
        col("col.adjustments", 8),
    ];
    let l = &app.ratings;
    let rows: Vec<Vec<String>> = l
        .rows
        .iter()
        .map(|r| {
            let rated = r.satisfied + r.basic + r.unsatisfied;
            vec![
                r.village.clone(),
                r.households.to_string(),
                r.satisfied.to_string(),
                r.basic.to_string(),
                r.unsatisfied.to_string(),
                r.households.saturating_sub(rated).to_string(),
                r.adjustments.to_string(),
            ]
        })
        .collect();
    widgets::table(f, table, theme, &cols, &rows, l.selected.checked_sub(l.top));
}
