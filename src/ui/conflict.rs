//! The conflict screen: each field that differs, this user's value and the
//! one saved meanwhile, and which the merge takes.

use super::theme::Theme;
use super::widgets::{self, col};
use crate::app::conflict::Conflict;
use crate::i18n::t;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame<'_>, area: Rect, c: &Conflict, theme: &Theme) {
    let rect =
        widgets::centered(area, area.width.saturating_sub(4).min(76), (c.fields.len() as u16 + 6).min(area.height.saturating_sub(2)));
    let inner = widgets::popup(f, theme, rect, t("ui.conflict"));
    let [note, table] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let lines: Vec<Line> =
        super::wrap(t("ui.conflict_note"), usize::from(note.width)).into_iter().map(|l| Line::styled(l, theme.due())).collect();
    f.render_widget(Paragraph::new(lines), note);
    let cols = [col("col.field", 10), col("col.mine", 24), col("col.theirs", 24), col("col.merge", 6)];
    let rows: Vec<Vec<String>> = c
        .fields
        .iter()
        .map(|d| {
            let take = if d.take_theirs { t("ui.theirs") } else { t("ui.mine") };
            vec![t(d.label).to_string(), d.mine.clone(), d.theirs.clone(), take.to_string()]
        })
        .collect();
    let style_of = |i: usize| if c.fields.get(i).is_some_and(|d| d.take_theirs) { theme.info() } else { Style::new() };
    widgets::table_styled(f, table, theme, &cols, &rows, Some(c.selected), style_of);
}
