//! The form popup: one line per field, problems under their fields, and the
//! real terminal cursor at the caret so an IME composes in place.

use super::theme::Theme;
use super::widgets;
use crate::app::form::Form;
use crate::domain::text::{pad, width_of_prefix};
use crate::i18n::t;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const LABEL: usize = 12;

/// The part of `text` shown in `cells` cells so that the caret stays visible:
/// (shown text, caret offset in cells from the field's start).
pub fn visible(text: &str, caret: usize, cells: usize) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut start = 0;
    while start < caret && width_of_prefix(&chars[start..].iter().collect::<String>(), caret - start) >= cells {
        start += 1;
    }
    let shown: String = chars[start..].iter().collect();
    let caret_x = width_of_prefix(&shown, caret - start);
    (shown, caret_x)
}

/// Fields whose text is prose: it wraps onto up to this many lines.
const WRAPPED: &[&str] = &["note", "concern", "suggestion", "step_note", "reason"];
const WRAP_LINES: usize = 3;

/// `text` in lines of at most `cells` cells, and where the caret falls:
/// (lines, line of the caret, caret offset in cells on it).
pub fn wrapped(text: &str, caret: usize, cells: usize) -> (Vec<String>, usize, usize) {
    let cells = cells.max(2);
    let (mut lines, mut line, mut used) = (Vec::new(), String::new(), 0);
    let mut at = None;
    for (i, c) in text.chars().enumerate() {
        let w = crate::domain::text::width(c.encode_utf8(&mut [0; 4]));
        if used + w > cells {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if i == caret {
            at = Some((lines.len(), used));
        }
        line.push(c);
        used += w;
    }
    // A caret after the last character goes on a new line when this one is full.
    let at = at.unwrap_or(if used >= cells { (lines.len() + 1, 0) } else { (lines.len(), used) });
    lines.push(line);
    if at.0 == lines.len() {
        lines.push(String::new());
    }
    (lines, at.0, at.1)
}

/// The lines a field takes: prose wraps (up to `WRAP_LINES`), the rest one.
fn field_lines(field: &crate::app::form::Field, cells: usize) -> usize {
    match field.display() {
        (text, Some(caret)) if WRAPPED.contains(&field.key) => wrapped(&text, caret, cells).0.len().min(WRAP_LINES),
        _ => 1,
    }
}

/// A problem under its field, wrapped to the popup's width.
fn problem_lines(e: &str, cells: usize) -> Vec<String> {
    super::wrap(e, cells.saturating_sub(LABEL + 2).max(10))
}

pub fn draw(f: &mut Frame<'_>, area: Rect, form: &Form, theme: &Theme) {
    let (popup_w, inner_w) = (72u16, 70usize);
    let field_w = inner_w.saturating_sub(LABEL + 2);
    let shown: Vec<_> = form.fields.iter().filter(|x| !x.hidden).collect();
    let body: usize = shown.iter().map(|x| field_lines(x, field_w) + x.error.as_ref().map_or(0, |e| problem_lines(e, inner_w).len())).sum();
    let h = body as u16 + form.caption.len() as u16 + 3;
    let rect = widgets::centered(area, popup_w, h);
    let inner = widgets::popup(f, theme, rect, t(form.title_key()));
    let field_w = usize::from(inner.width).saturating_sub(LABEL + 2);
    let mut lines: Vec<Line> =
        form.caption.iter().map(|c| Line::styled(crate::domain::text::truncate(c, usize::from(inner.width)), theme.header())).collect();
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        if field.hidden {
            continue;
        }
        let focused = i == form.focus;
        let star = if field.required { "*" } else { " " };
        let label = pad(&format!("{star}{}", t(field.label)), LABEL);
        let (text, caret) = field.display();
        let value_style = if focused { theme.focus() } else { ratatui::style::Style::new() };
        let label_style = if focused { theme.focus() } else { theme.muted() };
        if let (Some(caret), true) = (caret, WRAPPED.contains(&field.key)) {
            // Prose wraps; the lines around the caret show.
            let (all, row, x) = wrapped(&text, caret, field_w);
            let first = row.saturating_sub(WRAP_LINES - 1).min(all.len().saturating_sub(WRAP_LINES));
            for (n, l) in all.iter().enumerate().skip(first).take(WRAP_LINES) {
                if focused && n == row {
                    cursor = Some((inner.x + (LABEL + 1) as u16 + x as u16, inner.y + lines.len() as u16));
                }
                let head = if n == first { label.clone() } else { " ".repeat(LABEL) };
                let head_style = if n == first { label_style } else { theme.muted() };
                lines.push(Line::from(vec![Span::styled(head, head_style), Span::raw(" "), Span::styled(pad(l, field_w), value_style)]));
            }
            for l in field.error.iter().flat_map(|e| problem_lines(e, usize::from(inner.width))) {
                lines.push(Line::styled(format!("{}  {l}", " ".repeat(LABEL)), theme.error()));
            }
            continue;
        }
        let shown = match caret {
            Some(caret) => {
                let (shown, x) = visible(&text, caret, field_w);
                if focused {
                    cursor = Some((inner.x + (LABEL + 1) as u16 + x as u16, inner.y + lines.len() as u16));
                }
                shown
            }
            None => format!("< {text} >"),
        };
        lines.push(Line::from(vec![Span::styled(label, label_style), Span::raw(" "), Span::styled(pad(&shown, field_w), value_style)]));
        for l in field.error.iter().flat_map(|e| problem_lines(e, usize::from(inner.width))) {
            lines.push(Line::styled(format!("{}  {l}", " ".repeat(LABEL)), theme.error()));
        }
    }
    lines.push(Line::styled(t("ui.form_hint"), theme.muted()));
    f.render_widget(Paragraph::new(lines), inner);
    if let Some((x, y)) = cursor {
        f.set_cursor_position(Position::new(x, y));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_stays_visible_in_wide_text() {
        assert_eq!(visible("张三丰", 3, 20), ("张三丰".to_string(), 6));
        let (shown, x) = visible("一二三四五六", 6, 6);
        assert!(x < 6, "caret at {x} in {shown}");
        assert!(shown.ends_with('六'));
    }

    #[test]
    fn prose_wraps_and_the_caret_follows_it() {
        assert_eq!(wrapped("一二三四五", 5, 4), (vec!["一二".into(), "三四".into(), "五".into()], 2, 2));
        assert_eq!(wrapped("一二", 2, 4), (vec!["一二".into(), String::new()], 1, 0), "a full line: the caret on the next");
        assert_eq!(wrapped("一二三", 1, 4), (vec!["一二".into(), "三".into()], 0, 2));
        assert_eq!(wrapped("", 0, 4), (vec![String::new()], 0, 0));
    }
}
