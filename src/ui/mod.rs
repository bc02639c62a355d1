//! Drawing: a pure function of the app state. No SQL, no mutation.

mod conflict;
mod coverage;
mod form;
mod picker;
mod popups;
pub use popups::gauge;
mod tabs;
pub mod theme;
pub mod widgets;
use tabs::{concerns, households, ledger, members, overview, scores, today, visits};

use crate::app::{App, MIN_HEIGHT, MIN_WIDTH, Tab, Tone, layout};
use crate::domain::text::width;
use crate::i18n::{t, tf};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use theme::Theme;

pub fn theme(app: &App) -> Theme {
    Theme { ascii: app.settings.ascii, color: app.settings.color }
}

/// Draws the whole screen for `app`.
pub fn draw(f: &mut Frame<'_>, app: &App) {
    paint(f, app);
    if app.settings.ascii {
        ascii_only(f.buffer_mut());
    }
}

/// With `--ascii`, every narrow mark that is not ASCII (arrows, dots,
/// dashes, stars, the selection mark) becomes an ASCII sign that reads
/// the same; Chinese text, which is wide, stays.
fn ascii_only(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        let s = cell.symbol();
        if s.is_ascii() || width(s) != 1 {
            continue;
        }
        let to = match s {
            "↑" | "▲" => "^",
            "↓" | "▼" => "v",
            "←" | "◀" => "<",
            "→" | "▶" | "›" => ">",
            "·" | "•" | "∙" => ".",
            "…" => "~",
            "–" | "—" | "─" | "━" => "-",
            "│" | "┃" => "|",
            "★" | "☆" => "*",
            // Charts: blocks by height, braille dots as stars.
            "█" | "▇" | "▆" => "#",
            "▅" | "▄" | "▃" => "=",
            "▂" | "▁" => "_",
            "✓" | "✔" => "v",
            "✗" | "✘" | "×" => "x",
            _ if s.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)) => "+",
            _ if s.chars().any(|c| ('\u{2580}'..='\u{259f}').contains(&c)) => "#",
            _ if s.chars().any(|c| ('\u{2800}'..='\u{28ff}').contains(&c)) => "*",
            _ => "?",
        };
        cell.set_symbol(to);
    }
}

fn paint(f: &mut Frame<'_>, app: &App) {
    let theme = theme(app);
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(f, area, &theme);
        return;
    }
    let [tabs, body, status, footer] =
        Layout::vertical([Constraint::Length(layout::TOP), Constraint::Min(1), Constraint::Length(1), Constraint::Length(1)]).areas(area);
    tab_bar(f, tabs, app, &theme);
    match app.tab {
        Tab::Overview => overview::draw(f, body, app, &theme),
        Tab::Today => today::draw(f, body, app, &theme),
        Tab::Households => households::draw(f, body, app, &theme),
        Tab::Members => members::draw(f, body, app, &theme),
        Tab::Visits => visits::draw(f, body, app, &theme),
        Tab::Scores => scores::draw(f, body, app, &theme),
        Tab::Concerns => concerns::draw(f, body, app, &theme),
        Tab::Ledger => ledger::draw(f, body, app, &theme),
    }
    if let Some((msg, tone)) = &app.status {
        let style = if *tone == Tone::Error { theme.error() } else { theme.info() };
        widgets::line(f, status, msg, style);
    }
    widgets::footer(f, footer, &theme, app.mode(), |a| app.available(a));
    popups::draw(f, area, app, &theme);
}

fn too_small(f: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let msg = tf(
        "ui.too_small",
        &[("w", &MIN_WIDTH.to_string()), ("h", &MIN_HEIGHT.to_string()), ("cw", &area.width.to_string()), ("ch", &area.height.to_string())],
    );
    let lines: Vec<Line> =
        crate::ui::wrap(&msg, usize::from(area.width.max(1))).into_iter().map(|l| Line::styled(l, theme.error())).collect();
    f.render_widget(Paragraph::new(lines), area);
}

/// The tab bar: the app's name, then each tab's number and name, and the
/// date at the right. When that is too wide (English at 80 columns), the
/// name goes first, then the other tabs show their number only.
fn tab_bar(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let max = usize::from(area.width);
    let spans_for = |name: bool, labels: bool| {
        let mut spans = Vec::new();
        if name {
            spans.push(Span::styled(format!("{} ", t("app.name")), theme.header()));
        }
        for tab in Tab::ALL {
            let label =
                if labels || tab == app.tab { format!(" {} {} ", tab.index(), t(tab.label_key())) } else { format!(" {} ", tab.index()) };
            let style = if tab == app.tab { theme.tab_active() } else { ratatui::style::Style::new() };
            spans.push(Span::styled(label, style));
        }
        spans
    };
    let used = |spans: &[Span]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    let date = app.settings.today.format("%Y-%m-%d").to_string();
    // The widest bar that leaves room for the date; failing that, the
    // narrowest, without it.
    let candidates = [(true, true), (false, true), (true, false), (false, false)];
    let fitting = candidates.iter().map(|(n, l)| spans_for(*n, *l)).find(|s| used(s) + 1 + width(&date) <= max);
    let mut spans = fitting.unwrap_or_else(|| spans_for(false, false));
    let used = used(&spans);
    if used + 1 + width(&date) <= max {
        spans.push(Span::raw(" ".repeat(max - used - width(&date))));
        spans.push(Span::styled(date, theme.muted()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Splits text into lines of at most `max` cells.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut out = Vec::new();
    let mut line = String::new();
    // Whether `line` continues a broken one (its leading spaces go).
    let mut continued = false;
    for c in text.chars() {
        if width(&line) + width(c.encode_utf8(&mut [0; 4])) > max {
            continued = true;
            // An English word being cut moves whole to the next line; Chinese
            // breaks between any two characters.
            let rest = match line.rfind(' ') {
                Some(i) if i > 0 && c.is_ascii_graphic() && line[i + 1..].is_ascii() => line.split_off(i + 1),
                _ => String::new(),
            };
            out.push(line.trim_end().to_string());
            line = rest;
        }
        if !(continued && line.is_empty() && c == ' ') {
            line.push(c);
        }
    }
    out.push(line);
    out
}

/// The line above a table: the filter (with the caret while typing), the
/// sort and the count.
pub(crate) fn info_line(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, filter: &str, extra: &str, total: usize) {
    let mut spans = Vec::new();
    let prefix = format!("/{} ", t("ui.filter"));
    spans.push(Span::styled(prefix.clone(), theme.muted()));
    spans.push(Span::styled(filter.to_string(), theme.focus()));
    let scope = app.tabs.village.as_ref().map(|(_, v)| format!("  {}: {v}", t("col.village"))).unwrap_or_default();
    let count = format!("  {}{scope}  {extra}", tf("ui.count", &[("count", &total.to_string())]));
    spans.push(Span::styled(count, theme.muted()));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
    if let Some(crate::app::Overlay::Filter(caret)) = app.top() {
        let before: String = filter.chars().take(*caret).collect();
        let x = area.x + (width(&prefix) + width(&before)) as u16;
        f.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
}

#[cfg(test)]
mod wrap_tests {
    use super::wrap;

    #[test]
    fn english_breaks_between_words_and_chinese_between_characters() {
        assert_eq!(wrap("with 2 star place(s) left", 12), vec!["with 2 star", "place(s)", "left"]);
        assert_eq!(wrap("第3名有2人完全并列", 8), vec!["第3名有2", "人完全并", "列"]);
        assert_eq!(wrap("", 5), vec![""]);
        // A space in Chinese text does not push the rest to the next line.
        assert_eq!(wrap("窗口太小（当前 40×10）。请放大", 16), vec!["窗口太小（当前", "40×10）。请放大"]);
    }
}
