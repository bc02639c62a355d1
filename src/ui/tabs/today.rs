//! 今日: who is overdue, due or unlinked today, most urgent first, with the
//! counts at the top. `v` logs a visit to the selected household.

use crate::app::App;
use crate::domain::schedule::DueStatus;
use crate::i18n::{t, tf};
use crate::present::date as date_text;
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, col};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let b = widgets::block(theme, t("tab.today"));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let [counts, info, table] = Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let d = &app.tabs.today;
    let (overdue, due, unlinked) = d.counts;
    let counts_line = Line::from(vec![
        Span::styled(format!("{} {overdue}", t("due.overdue")), theme.overdue()),
        Span::raw("  "),
        Span::styled(format!("{} {due}", t("due.due")), theme.due()),
        Span::raw("  "),
        Span::raw(format!("{} {unlinked}", t("due.unlinked"))),
        Span::raw("  "),
        Span::raw(tf("ui.idle_members", &[("count", &d.idle_members.to_string())])),
        Span::styled(format!("   {}", tf("ui.today_of", &[("date", &date_text(app.settings.today))])), theme.muted()),
    ]);
    f.render_widget(Paragraph::new(counts_line), counts);
    crate::ui::info_line(f, info, app, theme, &d.list.filter, "", d.list.total);
    if d.by_member {
        return members(f, table, d, theme);
    }
    let lang = crate::i18n::lang();
    // The status column fits its longest label (6 cells in Chinese, 8 in
    // English); the address gives way.
    let status_w = DueStatus::ALL.iter().map(|s| crate::domain::text::width(t(s.label_key()))).max().unwrap_or(6);
    let class_w = crate::domain::model::Class::ALL.iter().map(|c| crate::domain::text::width(c.label(lang))).max().unwrap_or(6);
    // Several villages listed: a 村 column (an urban address such as
    // 第八网格2幢101室 does not say which community), the dates then
    // written short (11-24) to make room.
    let several = d.several_villages;
    let (village_w, date_w): (usize, usize) = if several { (6, 5) } else { (0, 10) };
    let mut cols = vec![col("col.status", status_w), col("col.head", 8)];
    if several {
        cols.push(col("col.village", village_w));
    }
    cols.extend([
        col("col.address", (28 + 2 * (10 - date_w)).saturating_sub(status_w + class_w + village_w + usize::from(several))),
        col("col.class", class_w),
        col("col.member", 8),
        col(if several { "col.last_short" } else { "col.last_visit" }, date_w),
        col(if several { "col.due_short" } else { "col.due_by" }, date_w),
        col("col.missed", 4),
    ]);
    let day = |d: chrono::NaiveDate| if several { d.format("%m-%d").to_string() } else { date_text(d) };
    let rows: Vec<Vec<String>> = d
        .list
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![t(r.status.label_key()).to_string(), r.head.clone()];
            if several {
                row.push(r.village.clone());
            }
            row.extend([
                r.address.clone(),
                r.class.label(lang).to_string(),
                r.member.clone().unwrap_or_else(|| "-".into()),
                r.last_visit.map(day).unwrap_or_else(|| "-".into()),
                r.due_by.map(day).unwrap_or_else(|| "-".into()),
                if r.missed > 0 { r.missed.to_string() } else { String::new() },
            ]);
            row
        })
        .collect();
    if rows.is_empty() {
        let msg = if d.all.is_empty() { t("due.none") } else { t("ui.empty_filter") };
        widgets::line(f, table, msg, theme.info());
        return;
    }
    let style_of = |i: usize| match d.list.rows.get(i).map(|r| r.status) {
        Some(DueStatus::Overdue) => theme.overdue(),
        Some(DueStatus::Due) => theme.due(),
        _ => ratatui::style::Style::new(),
    };
    widgets::table_styled(f, table, theme, &cols, &rows, d.list.selected.checked_sub(d.list.top), style_of);
}

/// Whom to remind: each member with their overdue and due households and
/// their whole phone number.
fn members(f: &mut Frame<'_>, area: Rect, d: &crate::app::tabs::today::State, theme: &Theme) {
    use crate::domain::schedule::DueStatus;
    if d.reminders.is_empty() {
        widgets::line(f, area, t("due.none"), theme.info());
        return;
    }
    let cols = [
        col("col.member", 8),
        col("col.village", 8),
        col("col.phone", 13),
        col("col.overdue_n", 4),
        col("col.due_n", 4),
        col("col.to_visit", 30),
    ];
    let rows: Vec<Vec<String>> = d
        .member_list
        .rows
        .iter()
        .filter_map(|i| d.reminders.get(*i))
        .map(|r| {
            let heads: Vec<&str> = r.households.iter().map(|h| h.0.as_str()).collect();
            vec![
                r.member.clone(),
                r.village.clone(),
                r.phone.clone(),
                r.count(DueStatus::Overdue).to_string(),
                r.count(DueStatus::Due).to_string(),
                heads.join("、"),
            ]
        })
        .collect();
    let style_of = |i: usize| match d.member_list.rows.get(i).and_then(|j| d.reminders.get(*j)) {
        Some(r) if r.count(DueStatus::Overdue) > 0 => theme.overdue(),
        _ => ratatui::style::Style::new(),
    };
    widgets::table_styled(f, area, theme, &cols, &rows, d.member_list.selected.checked_sub(d.member_list.top), style_of);
}
