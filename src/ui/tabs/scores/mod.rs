//! 考评: a village's quarter board — caps used, the state (final or not),
//! notes on ties, and the ranking; the other panes have their own modules.

mod member;
mod year;

use crate::app::App;
use crate::app::keymap::Mode;
use crate::app::tabs::scores::Pane;
use crate::app::{Action, TabAction};
use crate::domain::score::Label;
use crate::domain::text::truncate;
use crate::i18n::{t, tf};
use crate::present::scores;
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, col};
use crate::ui::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let s = &app.tabs.scores;
    let title = match s.pane {
        Pane::Ranking => t("tab.scores").to_string(),
        Pane::Member => s.current().map(|r| tf("ui.score_of", &[("member", &r.member)])).unwrap_or_default(),
        Pane::Year => tf("ui.year_of", &[("year", &s.quarter.year.to_string())]),
        Pane::Ratings => t("ui.ratings").to_string(),
    };
    let b = widgets::block(theme, &title);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let [head, state, notes, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(crate::app::layout::SCORE_NOTES),
        Constraint::Min(1),
    ])
    .areas(inner);
    let Some(board) = &s.board else {
        widgets::line(f, head, t("ui.no_villages"), theme.muted());
        return;
    };
    let lang = crate::i18n::lang();
    widgets::line(f, head, &scores::caps_line(board, lang), theme.header());
    let keys = pick_hint();
    let state_style = if board.finalized.is_some() { theme.info() } else { theme.muted() };
    // While a member is being found (`/`), the state line is the filter.
    if s.pane == Pane::Ranking && (app.filtering() || !s.list.filter.is_empty()) {
        crate::ui::info_line(f, state, app, theme, &s.list.filter, "", s.list.total);
    } else {
        widgets::line(f, state, &truncate(&format!("{}  {keys}", scores::state_line(board, lang)), usize::from(state.width)), state_style);
    }
    match s.pane {
        Pane::Ranking => {
            let lines: Vec<String> = scores::block_notes(board, lang).iter().flat_map(|n| wrap(n, usize::from(notes.width))).collect();
            let text: Vec<ratatui::text::Line> = lines.into_iter().map(|l| ratatui::text::Line::styled(l, theme.due())).collect();
            f.render_widget(ratatui::widgets::Paragraph::new(text), notes);
            ranking(f, body, app, theme);
        }
        Pane::Member => member::draw(f, Rect { y: notes.y, height: notes.height + body.height, ..notes }, app, theme),
        Pane::Year => year::draw(f, notes, body, app, theme),
        Pane::Ratings => year::ratings(f, notes, body, app, theme),
    }
}

/// "[ ] 换季度  v V 换村": the picker keys, from the key table.
fn pick_hint() -> String {
    let keys = |actions: &[Action]| widgets::keys_for(Mode::Scores, actions);
    tf(
        "ui.pick_hint",
        &[
            ("quarter_keys", &keys(&[Action::Tab(TabAction::PrevQuarter), Action::Tab(TabAction::NextQuarter)])),
            ("village_keys", &keys(&[Action::Tab(TabAction::NextVillage), Action::Tab(TabAction::PrevVillage)])),
        ],
    )
}

fn ranking(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let s = &app.tabs.scores;
    let Some(board) = &s.board else { return };
    let lang = crate::i18n::lang();
    let cols = [
        col("col.rank", 6),
        col("col.member", 8),
        col("col.required", 4),
        col("col.done", 4),
        col("col.compliance", 6),
        col("col.satisfaction", 6),
        col("col.conversions", 4),
        col("col.resolved_short", 4),
        col("col.adjustments", 6),
        col("col.points", 5),
        col("col.label", 12),
    ];
    let rows: Vec<Vec<String>> =
        s.list.rows.iter().filter_map(|i| board.rows.get(*i)).map(|r| scores::ranking_cells(r, lang, "·")).collect();
    let style_of = |i: usize| match s.list.rows.get(i).and_then(|j| board.rows.get(*j)) {
        Some(r) if r.label == Some(Label::Star) => theme.star(),
        Some(r) if r.label == Some(Label::Warning) => theme.overdue(),
        Some(r) if !r.ranked => theme.muted(),
        _ => Style::new(),
    };
    widgets::table_styled(f, area, theme, &cols, &rows, s.list.selected.checked_sub(s.list.top), style_of);
}
