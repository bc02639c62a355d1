//! 考评 › the year: each member's label in every quarter so far, warnings
//! in the year and the self-criticism flag; and 考评 › 民意测评: the
//! village's households with their rating, one key each.

use crate::app::App;
use crate::domain::score::Label;
use crate::i18n::{t, tf};
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, Col, col};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

pub fn draw(f: &mut Frame<'_>, info: Rect, table: Rect, app: &App, theme: &Theme) {
    let s = &app.tabs.scores;
    let [note, held] = ratatui::layout::Layout::vertical([ratatui::layout::Constraint::Length(1); 2]).areas(info);
    widgets::line(f, note, t("ui.year_note"), theme.muted());
    // The village's meetings and 五个载体 of the year (台账 · 会议活动 lists them).
    let lang = crate::i18n::lang();
    let meetings = s.year_events.iter().filter(|k| **k == crate::domain::model::EventKind::LeaderMeeting).count();
    let five: Vec<String> = crate::domain::events::carriers(&s.year_events).iter().map(|(k, n)| format!("{}{n}", k.label(lang))).collect();
    let line = crate::i18n::tf("ui.year_events", &[("meetings", &meetings.to_string()), ("five", &five.join(" "))]);
    widgets::line(f, held, &crate::domain::text::truncate(&line, usize::from(held.width)), theme.muted());
    let mut cols = vec![col("col.member", 8)];
    for (q, is_final) in &s.year_quarters {
        let mark = if *is_final { t("ui.final_mark") } else { "" };
        cols.push(Col { header: format!("Q{}{mark}", q.q), width: 8 });
    }
    cols.push(col("col.warnings_in_year", 8));
    cols.push(col("col.self_criticism", 8));
    let short = |l: Option<Label>| match l {
        Some(Label::Star) => t("score.star_short"),
        Some(Label::Warning) => t("score.warning_short"),
        None => "·",
    };
    let rows: Vec<Vec<String>> = s
        .year_list
        .rows
        .iter()
        .filter_map(|i| s.year.get(*i))
        .map(|r| {
            let mut cells = vec![r.member.clone()];
            cells.extend(r.labels.iter().map(|l| short(*l).to_string()));
            cells.push(r.warnings.to_string());
            cells.push(if r.self_criticism { t("score.yes") } else { "" }.to_string());
            cells
        })
        .collect();
    let style_of = |i: usize| match s.year_list.rows.get(i).and_then(|j| s.year.get(*j)) {
        Some(r) if r.self_criticism => theme.overdue(),
        _ => Style::new(),
    };
    widgets::table_styled(f, table, theme, &cols, &rows, s.year_list.selected.checked_sub(s.year_list.top), style_of);
}

pub fn ratings(f: &mut Frame<'_>, info: Rect, table: Rect, app: &App, theme: &Theme) {
    let s = &app.tabs.scores;
    let lang = crate::i18n::lang();
    let missing = tf("ui.ratings_missing", &[("missing", &s.unrated().to_string()), ("total", &s.ratings.len().to_string())]);
    let style = if s.unrated() > 0 { theme.due() } else { theme.info() };
    widgets::line(f, info, &missing, style);
    let cols = [col("col.head", 10), col("col.address", 22), col("col.member", 10), col("col.rating", 10)];
    let rows: Vec<Vec<String>> = s
        .rating_list
        .rows
        .iter()
        .filter_map(|i| s.ratings.get(*i))
        .map(|r| {
            let rating = r.rating.map_or_else(|| t("col.unrated").to_string(), |x| x.label(lang).to_string());
            vec![r.head.clone(), r.address.clone(), r.member.clone(), rating]
        })
        .collect();
    let style_of = |i: usize| match s.rating_list.rows.get(i).and_then(|j| s.ratings.get(*j)) {
        Some(r) if r.rating.is_none() => theme.due(),
        _ => Style::new(),
    };
    widgets::table_styled(f, table, theme, &cols, &rows, s.rating_list.selected.checked_sub(s.rating_list.top), style_of);
}
