//! 问题: concerns passed up, unresolved first and the longest waiting first,
//! days at the current level, stuck ones marked; the selected concern's steps
//! below. Enter moves it on.

use crate::app::{App, layout};
use crate::i18n::t;
use crate::present::date as date_text;
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, col};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let [list, steps] = Layout::vertical([Constraint::Min(5), Constraint::Length(layout::STEPS)]).areas(area);
    let b = widgets::block(theme, t("tab.concerns"));
    let inner = b.inner(list);
    f.render_widget(b, list);
    let [info, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let l = &app.tabs.concerns.list;
    let show = format!("{}: {}", t("ui.filters"), t(app.tabs.concerns.show.label_key()));
    crate::ui::info_line(f, info, app, theme, &l.filter, &show, l.total);
    let lang = crate::i18n::lang();
    let today = app.settings.today;
    let stuck_days = app.rules.visits.concern_stuck_days;
    let stuck = |c: &crate::store::concerns::Concern| c.status.is_stuck(c.since, today, stuck_days);
    let cols =
        [col("col.date", 10), col("col.village", 8), col("col.head", 8), col("col.status", 12), col("col.days", 6), col("col.concern", 20)];
    let rows: Vec<Vec<String>> = l
        .rows
        .iter()
        .map(|c| {
            // Days at the current level; a concern resolved or closed waits no more.
            let days = (today - c.since).num_days();
            let days = if c.status.is_final() {
                "-".to_string()
            } else if stuck(c) {
                format!("{days}!")
            } else {
                days.to_string()
            };
            vec![date_text(c.raised_on), c.village.clone(), c.head.clone(), c.status.label(lang).to_string(), days, c.text.clone()]
        })
        .collect();
    let style_of = |i: usize| if l.rows.get(i).is_some_and(stuck) { theme.overdue() } else { ratatui::style::Style::new() };
    widgets::table_styled(f, table, theme, &cols, &rows, l.selected.checked_sub(l.top), style_of);
    let b = widgets::block(theme, t("ui.steps"));
    let inner = b.inner(steps);
    f.render_widget(b, steps);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(c) = l.current() {
        let mark = if stuck(c) { format!("  [{}]", t("ui.stuck")) } else { String::new() };
        lines.push(Line::styled(format!("{} {} · {}：{}{mark}", c.head, c.address, t("col.member"), c.member), theme.header()));
        // The whole concern (the table cuts it), then the latest steps.
        let room = usize::from(inner.height).saturating_sub(1);
        let text = crate::ui::wrap(&c.text, usize::from(inner.width));
        let text_lines = text.len().min(room.saturating_sub(1).max(1));
        for (i, l) in text.iter().take(text_lines).enumerate() {
            let cut = i + 1 == text_lines && text.len() > text_lines;
            let l = if cut { crate::domain::text::truncate(&format!("{l}…"), usize::from(inner.width)) } else { l.clone() };
            lines.push(Line::raw(l));
        }
        for s in app.tabs.concerns.steps.iter().rev().take(room.saturating_sub(text_lines)).rev() {
            let note = if s.note.is_empty() { String::new() } else { format!("  {}", s.note) };
            lines.push(Line::raw(format!("{}  {}  {}{note}", date_text(s.on), s.status.label(lang), s.by)));
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}
