//! 台账 · 会议活动: a village's link-leader meetings and 五个载体 activities
//! of a year — which of the five it has held, each event with its
//! attendance, and below, the selected one's attendees and what it raised
//! and decided.

use crate::app::App;
use crate::app::layout::EVENT_DETAIL;
use crate::domain::events::carriers;
use crate::domain::model::EventKind;
use crate::domain::text::truncate;
use crate::i18n::{t, tf};
use crate::present::date as date_text;
use crate::store::programme::meetings::Event;
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, col};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// "label：text" (a full-width colon in Chinese, ": " in English).
fn labelled(label: &str, text: &str) -> String {
    tf("ui.labelled", &[("label", t(label)), ("text", text)])
}

/// Draws the pane under its head and hint lines (`head`, `body`).
pub fn draw(f: &mut Frame<'_>, head: Rect, body: Rect, app: &App, theme: &Theme) {
    let l = &app.tabs.ledger;
    let lang = crate::i18n::lang();
    let kinds: Vec<EventKind> = l.events.all.iter().map(|e| e.kind).collect();
    let meetings = kinds.iter().filter(|k| **k == EventKind::LeaderMeeting).count();
    let five: Vec<String> = carriers(&kinds).iter().map(|(k, n)| format!("{}{n}", k.label(lang))).collect();
    let line = tf(
        "ui.events_head",
        &[
            ("village", l.village_name()),
            ("year", &l.month.year.to_string()),
            ("meetings", &meetings.to_string()),
            ("five", &five.join(" ")),
        ],
    );
    widgets::line(f, head, &truncate(&line, usize::from(head.width)), theme.header());
    let [table, detail] = Layout::vertical([Constraint::Min(1), Constraint::Length(EVENT_DETAIL)]).areas(body);
    let cols = [
        col("col.date", 10),
        col("col.event_kind", 12),
        col("col.title", 14),
        col("col.attendance", 8),
        col("col.concerns", 4),
        col("col.decisions", 20),
    ];
    let cells = |e: &Event| {
        let attendance = tf("ledger.attendance", &[("members", &e.attendees.len().to_string()), ("others", &e.others.to_string())]);
        let said = if e.decisions.is_empty() { e.difficulties.clone() } else { e.decisions.clone() };
        vec![date_text(e.date), e.kind.label(lang).to_string(), e.title.clone(), attendance, e.concerns.to_string(), said]
    };
    let rows: Vec<Vec<String>> = l.events.shown().map(cells).collect();
    widgets::table(f, table, theme, &cols, &rows, l.events.selected_on_screen());
    let width = usize::from(detail.width);
    let lines: Vec<Line> = match l.current_event() {
        Some(e) => {
            let names: Vec<&str> = e.attendees.iter().map(|(_, n)| n.as_str()).collect();
            let who = if names.is_empty() { t("ledger.no_attendees").to_string() } else { names.join(t("ui.list_sep")) };
            vec![
                Line::styled(truncate(&labelled("col.attendance", &who), width), theme.header()),
                Line::raw(truncate(&labelled("field.difficulties", &e.difficulties), width)),
                Line::raw(truncate(&labelled("field.decisions", &e.decisions), width)),
                Line::styled(truncate(&tf("ledger.concerns_opened", &[("count", &e.concerns.to_string())]), width), theme.muted()),
            ]
        }
        None => vec![Line::styled(t("ledger.no_events"), theme.muted())],
    };
    f.render_widget(Paragraph::new(lines), detail);
}
