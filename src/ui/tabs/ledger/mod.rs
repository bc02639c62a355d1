//! 台账 · 红黑榜: a village's red and black lists for a month — counts and
//! the black list's name setting on top, the month and village keys, then
//! every household suggested or recorded, with its basis and where it stands.

mod bins;
mod meetings;
mod units;
mod year;

use crate::app::keymap::Mode;
use crate::app::tabs::ledger::Pane;
use crate::app::{Action, App, TabAction};
use crate::domain::model::List;
use crate::domain::redblack::Basis;
use crate::domain::text::truncate;
use crate::i18n::{t, tf};
use crate::present::date as date_text;
use crate::store::programme::redblack::Row;
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, col};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let l = &app.tabs.ledger;
    let pane = match l.pane {
        Pane::RedBlack => t("ui.redblack"),
        Pane::Meetings => t("ui.events"),
        Pane::Year => t("ui.year_summary"),
        Pane::Bins => t("ui.bins"),
        Pane::Units => t("ui.units"),
    };
    let b = widgets::block(theme, &format!("{} · {pane}", t("tab.ledger")));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let [head, hint, table] = Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    if l.villages.is_empty() {
        widgets::line(f, head, t("ui.no_villages"), theme.muted());
        return;
    }
    widgets::line(f, hint, &truncate(&hint_line(l.pane), usize::from(hint.width)), theme.muted());
    match l.pane {
        Pane::Meetings => return meetings::draw(f, head, table, app, theme),
        Pane::Year => return year::draw(f, head, table, app, theme),
        Pane::Bins => return bins::draw(f, head, table, app, theme),
        Pane::Units => return units::draw(f, head, table, app, theme),
        Pane::RedBlack => {}
    }
    let ((red, red_ok), (black, black_ok)) = (l.counts(List::Red), l.counts(List::Black));
    let names = t(if l.full_names { "redblack.names_full" } else { "redblack.names_masked" });
    let line = tf(
        "ui.redblack_head",
        &[
            ("village", l.village_name()),
            ("month", &l.month.to_string()),
            ("red", &red.to_string()),
            ("red_ok", &red_ok.to_string()),
            ("black", &black.to_string()),
            ("black_ok", &black_ok.to_string()),
            ("names", names),
        ],
    );
    widgets::line(f, head, &truncate(&line, usize::from(head.width)), theme.header());
    let lang = crate::i18n::lang();
    let cols = [
        col("col.list", 5),
        col("col.head", 8),
        col("col.group", 6),
        col("col.class", 6),
        col("col.basis", 16),
        col("col.state", 9),
        col("col.proposer", 6),
        col("col.date", 10),
    ];
    let cells = |r: &Row| {
        let basis = match r.suggested {
            Some((_, Basis::Improving)) => t("redblack.basis_improving").to_string(),
            Some((_, Basis::AllAccurate(n))) => tf("redblack.basis_accurate", &[("n", &n.to_string())]),
            None => t("redblack.basis_none").to_string(),
        };
        let (state, proposer, date) = match &r.entry {
            Some(e) => {
                (e.state.label(lang).to_string(), e.proposer.clone().unwrap_or_default(), date_text(e.decided_on.unwrap_or(e.proposed_on)))
            }
            None => (t("redblack.suggested").to_string(), String::new(), String::new()),
        };
        vec![t(short(r.list())).to_string(), r.head.clone(), r.group.clone(), r.class.label(lang).to_string(), basis, state, proposer, date]
    };
    let rows: Vec<Vec<String>> = l.redblack.shown().map(cells).collect();
    let style_of = |i: usize| match l.redblack.shown().nth(i) {
        Some(r) if r.entry.is_none() => theme.muted(),
        Some(r) if r.list() == List::Red => theme.star(),
        Some(_) => theme.overdue(),
        None => Style::new(),
    };
    widgets::table_styled(f, table, theme, &cols, &rows, l.redblack.selected_on_screen(), style_of);
}

/// The list's name in the table's narrow column.
fn short(list: List) -> &'static str {
    match list {
        List::Red => "redblack.red_short",
        List::Black => "redblack.black_short",
    }
}

/// "[ ] 换月份  v V 换村  N 黑榜实名": the keys off the footer, from the key table.
fn hint_line(pane: Pane) -> String {
    let mode = match pane {
        Pane::RedBlack => Mode::RedBlack,
        Pane::Meetings => Mode::Meetings,
        Pane::Year => Mode::Year,
        Pane::Bins => Mode::Bins,
        Pane::Units => Mode::Units,
    };
    let (prev, next, period) = match pane {
        Pane::RedBlack => (Action::Tab(TabAction::PrevMonth), Action::Tab(TabAction::NextMonth), "ui.hint_month"),
        _ => (Action::Tab(TabAction::PrevYear), Action::Tab(TabAction::NextYear), "ui.hint_year"),
    };
    let mut parts = vec![
        (vec![prev, next], period),
        (vec![Action::Tab(TabAction::NextVillage), Action::Tab(TabAction::PrevVillage)], "ui.hint_village"),
    ];
    if pane == Pane::RedBlack {
        parts.push((vec![Action::Tab(TabAction::ToggleFullNames)], "ui.hint_names"));
    }
    for (p, action, label) in [
        (Pane::RedBlack, Action::Tab(TabAction::ShowRedBlack), "ui.pane_redblack"),
        (Pane::Meetings, Action::Tab(TabAction::ShowMeetings), "ui.pane_events"),
        (Pane::Year, Action::Tab(TabAction::ShowYearEnd), "ui.pane_year"),
        (Pane::Bins, Action::Tab(TabAction::ShowBins), "ui.pane_bins"),
        (Pane::Units, Action::Tab(TabAction::ShowUnits), "ui.pane_units"),
    ] {
        if p != pane {
            parts.push((vec![action], label));
        }
    }
    parts.iter().map(|(actions, label)| format!("{} {}", widgets::keys_for(mode, actions), t(label))).collect::<Vec<_>>().join("  ")
}
