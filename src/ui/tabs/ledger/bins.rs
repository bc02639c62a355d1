//! 台账 · 督导: a village's 党员责任垃圾桶 — where each stands, its group, the
//! 督导员 who holds it and the duty days logged there this year — and the
//! selected bin's latest duty days below.

use crate::app::App;
use crate::app::layout::EVENT_DETAIL;
use crate::domain::text::truncate;
use crate::i18n::{t, tf};
use crate::present::date as date_text;
use crate::store::programme::bins::Bin;
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, col};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame<'_>, head: Rect, body: Rect, app: &App, theme: &Theme) {
    let l = &app.tabs.ledger;
    let days: usize = l.bins.all.iter().map(|b| b.days_in_year).sum();
    let holders = {
        let mut ids: Vec<i64> = l.bins.all.iter().filter_map(|b| b.member_id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    let line = tf(
        "ui.bins_head",
        &[
            ("village", l.village_name()),
            ("year", &l.month.year.to_string()),
            ("bins", &l.bins.all.len().to_string()),
            ("holders", &holders.to_string()),
            ("days", &days.to_string()),
        ],
    );
    widgets::line(f, head, &truncate(&line, usize::from(head.width)), theme.header());
    let [table, detail] = Layout::vertical([Constraint::Min(1), Constraint::Length(EVENT_DETAIL)]).areas(body);
    let cols = [col("col.location", 20), col("col.group", 8), col("col.supervisor", 8), col("col.duty_days", 6), col("col.last_duty", 10)];
    let cells = |b: &Bin| {
        vec![
            b.location.clone(),
            b.group.clone(),
            b.member.clone(),
            b.days_in_year.to_string(),
            b.last_day.map(date_text).unwrap_or_default(),
        ]
    };
    let rows: Vec<Vec<String>> = l.bins.shown().map(cells).collect();
    widgets::table(f, table, theme, &cols, &rows, l.bins.selected_on_screen());
    let width = usize::from(detail.width);
    let mut lines: Vec<Line> = Vec::new();
    match l.current_bin() {
        Some(b) => {
            lines.push(Line::styled(truncate(&tf("ledger.bin_days_of", &[("location", &b.location)]), width), theme.header()));
            if l.bin_days.is_empty() {
                lines.push(Line::styled(t("ledger.no_duty_days"), theme.muted()));
            }
            for (date, member, note) in &l.bin_days {
                lines.push(Line::raw(truncate(&format!("{}  {member}  {note}", date_text(*date)), width)));
            }
        }
        None => lines.push(Line::styled(t("ledger.no_bins"), theme.muted())),
    }
    f.render_widget(Paragraph::new(lines), detail);
}
