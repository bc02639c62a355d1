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

pub fn draw(f: &mut Frame<'_>, area: Rect, form: &Form, theme: &Theme) {
    let shown = form.fields.iter().filter(|x| !x.hidden);
    let errors = shown.clone().filter(|x| x.error.is_some()).count() as u16;
    let h = shown.count() as u16 + errors + form.caption.len() as u16 + 3;
    let rect = widgets::centered(area, 72, h);
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
        let value_style = if focused { theme.focus() } else { ratatui::style::Style::new() };
        let label_style = if focused { theme.focus() } else { theme.muted() };
        lines.push(Line::from(vec![Span::styled(label, label_style), Span::raw(" "), Span::styled(pad(&shown, field_w), value_style)]));
        if let Some(e) = &field.error {
            lines.push(Line::styled(format!("{}  {e}", " ".repeat(LABEL)), theme.error()));
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
}
