//! Layers over the tabs: the form, confirmations, the welcome offer on an
//! empty database, the import report, and the help built from the key tables.

use super::theme::Theme;
use super::widgets;
use crate::app::keymap::Mode;
use crate::app::overlay::{Overlay, Report};
use crate::app::{App, Confirm};
use crate::domain::text::pad;
use crate::i18n::{t, tf};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the overlays bottom to top: the last opened lies over the others.
pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    for o in &app.overlays {
        match o {
            Overlay::Welcome => welcome(f, area, theme, app),
            Overlay::Filter(_) => {}
            Overlay::Coverage(c) => super::coverage::draw(f, area, c, theme),
            Overlay::Picker(p) => super::picker::draw(f, area, p, theme),
            Overlay::Form(form) => super::form::draw(f, area, form, theme),
            Overlay::Conflict(c) => super::conflict::draw(f, area, c, theme),
            Overlay::Confirm(c) => confirm(f, area, theme, c),
            Overlay::Report(r) => report(f, area, theme, r),
            Overlay::Help(offset) => help(f, area, theme, *offset),
        }
    }
}

fn welcome(f: &mut Frame<'_>, area: Rect, theme: &Theme, app: &App) {
    let rect = widgets::centered(area, 60, 11);
    let inner = widgets::popup(f, theme, rect, t("welcome.title"));
    let lines = vec![
        Line::raw(t("welcome.empty")),
        Line::styled(app.settings.db_path.clone(), theme.muted()),
        Line::raw(""),
        Line::from(vec![Span::styled("d  ", theme.key()), Span::raw(t("welcome.demo"))]),
        Line::from(vec![Span::styled("i  ", theme.key()), Span::raw(t("welcome.import"))]),
        Line::from(vec![Span::styled("a  ", theme.key()), Span::raw(t("welcome.add"))]),
        Line::from(vec![Span::styled("Esc", theme.key()), Span::raw(format!(" {}", t("welcome.close")))]),
    ];
    f.render_widget(Paragraph::new(lines), inner);
}

fn confirm(f: &mut Frame<'_>, area: Rect, theme: &Theme, c: &Confirm) {
    let question = match c {
        Confirm::DiscardForm => t("confirm.discard").to_string(),
        Confirm::LinkExempt { name, head, .. } => tf("confirm.link_exempt", &[("member", name), ("head", head)]),
        Confirm::Finalize { village, quarter, unrated: 0 } => tf("confirm.finalize", &[("village", village), ("quarter", quarter)]),
        Confirm::Finalize { village, quarter, unrated } => format!(
            "{}{}",
            tf("confirm.finalize_unrated", &[("count", &unrated.to_string())]),
            tf("confirm.finalize", &[("village", village), ("quarter", quarter)])
        ),
        Confirm::QuitWithForm => t("confirm.quit_with_form").to_string(),
        Confirm::NewVillage { name, near } if near.is_empty() => tf("confirm.new_village", &[("name", name)]),
        Confirm::NewVillage { name, near } => tf("confirm.new_village_near", &[("name", name), ("near", &near.join("、"))]),
        Confirm::OverLoad { name, load, after, max, .. } => tf(
            "confirm.over_load",
            &[("member", name), ("load", &load.to_string()), ("after", &after.to_string()), ("max", &max.to_string())],
        ),
        Confirm::Rerate { head, from, to, .. } => tf("confirm.rerate", &[("head", head), ("from", from), ("to", to)]),
        Confirm::SameDayVisit { head, date } => tf("confirm.same_day_visit", &[("head", head), ("date", date)]),
        Confirm::FullNames { village, on: true, .. } => tf("confirm.full_names_on", &[("village", village)]),
        Confirm::FullNames { village, on: false, .. } => tf("confirm.full_names_off", &[("village", village)]),
        Confirm::Archive { name, archived: true, .. } => tf("confirm.archive", &[("name", name)]),
        Confirm::Archive { name, archived: false, .. } => tf("confirm.restore", &[("name", name)]),
    };
    // The question wraps inside the popup, which grows to hold it.
    let lines: Vec<String> = crate::ui::wrap(&question, 50);
    let rect = widgets::centered(area, 52, 4 + lines.len() as u16);
    let inner = widgets::popup(f, theme, rect, t("confirm.title"));
    let mut lines: Vec<Line> = lines.into_iter().map(Line::raw).collect();
    lines.extend([Line::raw(""), Line::styled(t("confirm.keys"), theme.key())]);
    f.render_widget(Paragraph::new(lines), inner);
}

fn report(f: &mut Frame<'_>, area: Rect, theme: &Theme, r: &Report) {
    let rect = widgets::centered(area, area.width.saturating_sub(4), area.height.saturating_sub(4));
    let inner = widgets::popup(f, theme, rect, t(r.title));
    let width = usize::from(inner.width);
    let all: Vec<String> = r.lines.iter().flat_map(|l| wrap(l, width)).collect();
    let height = usize::from(inner.height);
    let (shown, more) = scrolled(all.len(), height, r.offset);
    let mut lines: Vec<Line> = all.into_iter().skip(shown.start).take(shown.len()).map(Line::raw).collect();
    if more > 0 {
        lines.push(Line::styled(crate::i18n::tf("ui.more_below", &[("count", &more.to_string())]), theme.muted()));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// Which of `total` lines show in `height` rows scrolled by `offset`
/// (clamped, never past the end), and how many stay below; the last row
/// then says so.
pub fn scrolled(total: usize, height: usize, offset: usize) -> (std::ops::Range<usize>, usize) {
    if total <= height {
        return (0..total, 0);
    }
    let room = height.saturating_sub(1).max(1);
    let start = offset.min(total.saturating_sub(room));
    let end = (start + room).min(total);
    (start..end, total - end)
}

/// A report line cut into pieces of at most `width` cells (CJK counted
/// double); the pieces after the first are indented, so that a mapping or
/// a row as it will be stored is read whole.
fn wrap(line: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = crate::domain::text::width(c.encode_utf8(&mut [0; 4]));
        if used + w > width {
            out.push(std::mem::take(&mut current));
            current.push_str("    ");
            used = 4;
        }
        current.push(c);
        used += w;
    }
    out.push(current);
    out
}

/// Every mode's bindings, from the same tables the footer reads.
pub fn help_lines(ascii: bool) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for mode in Mode::ALL {
        out.push((true, t(mode.title_key()).to_string()));
        for b in crate::app::keys::table(*mode) {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label(ascii)).collect();
            out.push((false, format!("  {} {}", pad(&keys.join(" "), 20), t(b.help))));
        }
    }
    out
}

fn help(f: &mut Frame<'_>, area: Rect, theme: &Theme, offset: usize) {
    let rect = widgets::centered(area, 64, area.height.saturating_sub(2));
    let inner = widgets::popup(f, theme, rect, t("mode.help"));
    let all = help_lines(theme.ascii);
    let offset = offset.min(all.len().saturating_sub(usize::from(inner.height)));
    let lines: Vec<Line> = all
        .into_iter()
        .skip(offset)
        .map(|(title, text)| if title { Line::styled(text, theme.header()) } else { Line::raw(text) })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// Long work under way (a demo, an import's check or writing): a gauge over
/// the screen, with what is done and how much of it, so that a slow PC is
/// seen working, not hung. `total` None: only the count.
pub fn gauge(f: &mut Frame<'_>, theme: &Theme, what: &str, done: u64, total: Option<u64>) {
    let area = crate::ui::widgets::centered(f.area(), 56, 4);
    let inner = crate::ui::widgets::popup(f, theme, area, crate::i18n::t("ui.working"));
    let (ratio, count) = match total {
        Some(n) if n > 0 => ((done as f64 / n as f64).clamp(0.0, 1.0), format!("{done}/{n}")),
        _ => (0.0, done.to_string()),
    };
    let (filled, unfilled) = if theme.ascii { ("=", "-") } else { ("█", "░") };
    let g = ratatui::widgets::LineGauge::default()
        .ratio(ratio)
        .label(format!("{what} {count}"))
        .filled_symbol(filled)
        .unfilled_symbol(unfilled)
        .filled_style(theme.info());
    f.render_widget(g, inner);
}
