//! 台账 · 红黑榜: a village's red and black lists for a month — counts and
//! the black list's name setting on top, the month and village keys, then
//! every household suggested or recorded, with its basis and where it stands.

use super::theme::Theme;
use super::widgets::{self, col};
use crate::app::keymap::Mode;
use crate::app::ledger::Pane;
use crate::app::{Action, App};
use crate::domain::model::List;
use crate::domain::redblack::Basis;
use crate::domain::text::truncate;
use crate::i18n::{t, tf};
use crate::store::date_text;
use crate::store::redblack::Row;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let l = &app.ledger;
    let pane = match l.pane {
        Pane::RedBlack => t("ui.redblack"),
        Pane::Events => t("ui.events"),
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
    if l.pane == Pane::Events {
        super::ledger_events::draw(f, head, table, app, theme);
        return;
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
    let lang = app.settings.lang;
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
    let rows: Vec<Vec<String>> = l.list.rows.iter().filter_map(|i| l.rows.get(*i)).map(cells).collect();
    let style_of = |i: usize| match l.list.rows.get(i).and_then(|j| l.rows.get(*j)) {
        Some(r) if r.entry.is_none() => theme.muted(),
        Some(r) if r.list() == List::Red => theme.star(),
        Some(_) => theme.overdue(),
        None => Style::new(),
    };
    widgets::table_styled(f, table, theme, &cols, &rows, l.list.selected.checked_sub(l.list.top), style_of);
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
    match pane {
        Pane::RedBlack => {
            let keys = |actions: &[Action]| widgets::keys_for(Mode::Ledger, actions);
            tf(
                "ui.ledger_hint",
                &[
                    ("month_keys", &keys(&[Action::PrevMonth, Action::NextMonth])),
                    ("village_keys", &keys(&[Action::NextVillage, Action::PrevVillage])),
                    ("names_key", &keys(&[Action::ToggleFullNames])),
                    ("pane_key", &keys(&[Action::ShowEvents])),
                ],
            )
        }
        Pane::Events => {
            let keys = |actions: &[Action]| widgets::keys_for(Mode::Events, actions);
            tf(
                "ui.events_hint",
                &[
                    ("year_keys", &keys(&[Action::PrevYear, Action::NextYear])),
                    ("village_keys", &keys(&[Action::NextVillage, Action::PrevVillage])),
                    ("pane_key", &keys(&[Action::ShowRedBlack])),
                ],
            )
        }
    }
}
