//! The picker popup: a filter line (caret at its end, for the IME), the
//! rows with their chosen marks, warnings in yellow (a move, an exempt member).

use super::theme::Theme;
use super::widgets::{self, Col};
use crate::app::picker::{PICK_ROWS, Picker};
use crate::domain::text::width;
use crate::i18n::{t, tf};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame<'_>, area: Rect, p: &Picker, theme: &Theme) {
    let rect = widgets::centered(area, area.width.saturating_sub(4).min(78), PICK_ROWS as u16 + 4);
    let inner = widgets::popup(f, theme, rect, &p.title);
    let [filter, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let prefix = format!("/{} ", t("ui.filter"));
    let count = if p.multi {
        tf("ui.pick_count", &[("shown", &p.kept.len().to_string()), ("chosen", &p.chosen.len().to_string())])
    } else {
        tf("ui.count", &[("count", &p.kept.len().to_string())])
    };
    let line = Line::from(vec![
        Span::styled(prefix.clone(), theme.muted()),
        Span::styled(p.filter.clone(), theme.focus()),
        Span::styled(format!("  {count}"), theme.muted()),
    ]);
    f.render_widget(Paragraph::new(line), filter);
    let x = filter.x + (width(&prefix) + width(&p.filter)) as u16;
    f.set_cursor_position(Position::new(x.min(filter.right().saturating_sub(1)), filter.y));
    let mut cols: Vec<Col> = Vec::new();
    if p.multi {
        cols.push(Col { header: String::new(), width: 3 });
    }
    cols.extend(p.columns.iter().map(|(k, w)| widgets::col(k, *w)));
    let rows: Vec<Vec<String>> = p
        .list
        .rows
        .iter()
        .filter_map(|i| p.kept.get(*i).and_then(|j| p.items.get(*j)))
        .map(|it| {
            let mut cells = Vec::new();
            if p.multi {
                cells.push(if p.is_chosen(it.id) { "[x]" } else { "[ ]" }.to_string());
            }
            cells.extend(it.cells.iter().cloned());
            cells
        })
        .collect();
    let style_of = |i: usize| match p.list.rows.get(i).and_then(|r| p.kept.get(*r)).and_then(|j| p.items.get(*j)) {
        Some(it) if it.warn => theme.due(),
        _ => Style::new(),
    };
    widgets::table_styled(f, table, theme, &cols, &rows, p.list.selected.checked_sub(p.list.top), style_of);
}
