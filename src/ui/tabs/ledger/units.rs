//! 台账 · 双报到: the members of outside work units registered with this
//! village (community), by unit, with the community's evaluation of the year.

use crate::app::App;
use crate::domain::text::truncate;
use crate::i18n::tf;
use crate::present::date as date_text;
use crate::store::programme::units::Registration;
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, col};
use ratatui::Frame;
use ratatui::layout::Rect;

pub fn draw(f: &mut Frame<'_>, head: Rect, body: Rect, app: &App, theme: &Theme) {
    let l = &app.tabs.ledger;
    let lang = crate::i18n::lang();
    let mut units: Vec<&str> = l.registrations.all.iter().map(|r| r.unit.as_str()).collect();
    units.dedup();
    let reviewed = l.registrations.all.iter().filter(|r| r.review.is_some()).count();
    let line = tf(
        "ui.units_head",
        &[
            ("village", l.village_name()),
            ("year", &l.month.year.to_string()),
            ("count", &l.registrations.all.len().to_string()),
            ("units", &units.len().to_string()),
            ("reviewed", &reviewed.to_string()),
        ],
    );
    widgets::line(f, head, &truncate(&line, usize::from(head.width)), theme.header());
    let cols = [col("col.unit", 16), col("col.member", 8), col("col.registered_on", 10), col("col.review", 6), col("col.note", 20)];
    let cells = |r: &Registration| {
        let (review, note) = match &r.review {
            Some((v, n)) => (v.label(lang).to_string(), n.clone()),
            None => (String::new(), String::new()),
        };
        vec![r.unit.clone(), r.member.clone(), date_text(r.registered_on), review, note]
    };
    let rows: Vec<Vec<String>> = l.registrations.shown().map(cells).collect();
    widgets::table(f, body, theme, &cols, &rows, l.registrations.selected_on_screen());
}
