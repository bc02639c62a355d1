//! 今日 tab, read-only until the visits issue: the township at a glance,
//! village by village, with the totals at the top.

use super::theme::Theme;
use super::widgets::{self, col};
use crate::app::App;
use crate::i18n::{t, tf};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let b = widgets::block(theme, t("tab.today"));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let [counts, table] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let rows = &app.villages.rows;
    let sum = |g: fn(&crate::store::summary::VillageRow) -> u32| rows.iter().map(g).sum::<u32>().to_string();
    let totals = tf(
        "ui.today_counts",
        &[
            ("villages", &app.villages.total.to_string()),
            ("households", &sum(|r| r.households)),
            ("members", &sum(|r| r.members)),
            ("unlinked", &sum(|r| r.unlinked)),
            ("visits", &sum(|r| r.visits_this_month)),
        ],
    );
    widgets::line(f, counts, &totals, theme.header());
    let cols = [
        col("col.village", 10),
        col("col.households", 6),
        col("col.members", 6),
        col("col.unlinked", 8),
        col("col.visits_month", 10),
        col("col.last_visit", 10),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.village.clone(),
                r.households.to_string(),
                r.members.to_string(),
                r.unlinked.to_string(),
                r.visits_this_month.to_string(),
                r.last_visit.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    widgets::table(f, table, theme, &cols, &cells, app.villages.selected.checked_sub(app.villages.top));
}
