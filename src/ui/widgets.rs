//! Shared drawing helpers: bordered blocks, tables padded by display width,
//! popups, the key footer.

use super::theme::Theme;
use crate::app::keymap::Mode;
use crate::domain::text::{pad, width};
use crate::i18n::t;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn block<'a>(theme: &Theme, title: &str) -> Block<'a> {
    Block::default().borders(Borders::ALL).border_set(theme.border()).title(format!(" {title} "))
}

/// A column: header text and width in cells.
pub struct Col {
    pub header: String,
    pub width: usize,
}

pub fn col(header_key: &str, width: usize) -> Col {
    Col { header: t(header_key).to_string(), width }
}

/// Fits column widths into `total` cells: the last column takes what is left.
fn fit(cols: &[Col], total: usize) -> Vec<usize> {
    let mut out = Vec::with_capacity(cols.len());
    let mut left = total;
    for (i, c) in cols.iter().enumerate() {
        let w = if i + 1 == cols.len() { left } else { c.width.min(left) };
        out.push(w);
        left = left.saturating_sub(w + 1);
    }
    out
}

/// One line of cells, each cut and padded to its width by display cells.
fn row_line(cells: &[String], widths: &[usize], mark: &str) -> String {
    let mut s = String::from(mark);
    for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&pad(c, *w));
    }
    s
}

/// A table: header, then `rows` (text cells), the `selected` one marked.
pub fn table(f: &mut Frame<'_>, area: Rect, theme: &Theme, cols: &[Col], rows: &[Vec<String>], selected: Option<usize>) {
    table_styled(f, area, theme, cols, rows, selected, |_| Style::new());
}

/// A table whose rows have their own style (`style_of(row index)`); the
/// selection's style wins.
pub fn table_styled(
    f: &mut Frame<'_>,
    area: Rect,
    theme: &Theme,
    cols: &[Col],
    rows: &[Vec<String>],
    selected: Option<usize>,
    style_of: impl Fn(usize) -> Style,
) {
    let mark_w = width(theme.mark()) + 1;
    let widths = fit(cols, usize::from(area.width).saturating_sub(mark_w));
    let headers: Vec<String> = cols.iter().map(|c| c.header.clone()).collect();
    let mut lines = vec![Line::styled(row_line(&headers, &widths, &" ".repeat(mark_w)), theme.header())];
    for (i, r) in rows.iter().enumerate().take(usize::from(area.height).saturating_sub(1)) {
        if Some(i) == selected {
            let mark = format!("{} ", theme.mark());
            lines.push(Line::styled(row_line(r, &widths, &mark), theme.selected()));
        } else {
            lines.push(Line::styled(row_line(r, &widths, &" ".repeat(mark_w)), style_of(i)));
        }
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// A centred rectangle of at most `w` × `h` cells.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(h.min(area.height))]).flex(Flex::Center).areas(area);
    let [r] = Layout::horizontal([Constraint::Length(w.min(area.width))]).flex(Flex::Center).areas(v);
    r
}

/// Clears a popup's area and draws its frame; returns the inside.
pub fn popup(f: &mut Frame<'_>, theme: &Theme, area: Rect, title: &str) -> Rect {
    f.render_widget(Clear, area);
    split_wide_edges(f, area);
    let b = block(theme, title);
    let inner = b.inner(area);
    f.render_widget(b, area);
    inner
}

/// A wide (CJK) character half under a popup's edge would hide the border
/// (the terminal draws the whole character, or skips the half): blank the
/// character that sticks in from the left, and the orphaned half on the right.
fn split_wide_edges(f: &mut Frame<'_>, area: Rect) {
    let buf = f.buffer_mut();
    let bounds = buf.area;
    for y in area.top()..area.bottom() {
        if area.left() > bounds.left() {
            let cell = &mut buf[(area.left() - 1, y)];
            if width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
        if area.right() < bounds.right() {
            let cell = &mut buf[(area.right(), y)];
            if cell.symbol().is_empty() || width(cell.symbol()) == 0 {
                cell.set_symbol(" ");
            }
        }
    }
}

/// The keys a mode's table binds to `actions`, as the footer writes them
/// ("[ ]", "v V"): hints off the footer stay in step with the table.
pub fn keys_for(mode: Mode, actions: &[crate::app::Action]) -> String {
    crate::app::keys::table(mode)
        .iter()
        .filter(|b| actions.contains(&b.action))
        .flat_map(|b| b.keys.iter().map(|k| k.label(false)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The footer: the keys of the current mode that its table marks for it.
/// When they do not fit the width, entries give way from the right, except
/// the last two (help and quit in most modes): `?` lists every key.
pub fn footer(f: &mut Frame<'_>, area: Rect, theme: &Theme, mode: Mode, available: impl Fn(&crate::app::Action) -> bool) {
    let mut entries: Vec<(String, String, bool)> = crate::app::keys::table(mode)
        .iter()
        .filter(|b| b.footer)
        .map(|b| {
            (
                b.keys.iter().map(|k| k.label(theme.ascii)).collect::<Vec<_>>().join("/"),
                format!(" {}  ", crate::i18n::t_foot(b.help)),
                available(&b.action),
            )
        })
        .collect();
    let width = |e: &[(String, String, bool)]| {
        e.iter().map(|(k, h, _)| crate::domain::text::width(k) + crate::domain::text::width(h)).sum::<usize>()
    };
    // The trailing two spaces of the last entry need not fit.
    while entries.len() > 2 && width(&entries) > usize::from(area.width) + 2 {
        entries.remove(entries.len() - 3);
    }
    // A key that does nothing here now is shown greyed out, not hidden, so
    // the footer does not jump as the selection moves.
    let spans: Vec<Span<'_>> = entries
        .into_iter()
        .flat_map(|(k, h, on)| {
            if on {
                [Span::styled(k, theme.key()), Span::raw(h)]
            } else {
                [Span::styled(k, theme.disabled()), Span::styled(h, theme.disabled())]
            }
        })
        .collect();
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A line of text in one style.
pub fn line(f: &mut Frame<'_>, area: Rect, text: &str, style: Style) {
    f.render_widget(Paragraph::new(Line::styled(text.to_string(), style)), area);
}
