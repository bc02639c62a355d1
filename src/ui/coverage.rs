//! The coverage popup: households with no member by village and group, and
//! members linked to nothing (exempt ones marked).

use super::theme::Theme;
use super::widgets;
use crate::domain::text::{mask_phone, pad};
use crate::i18n::{t, tf};
use crate::store::linking::Coverage;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame<'_>, area: Rect, c: &Coverage, theme: &Theme) {
    let rect = widgets::centered(area, area.width.saturating_sub(4).min(72), area.height.saturating_sub(4));
    let inner = widgets::popup(f, theme, rect, t("ui.coverage"));
    let mut lines = vec![Line::styled(tf("ui.coverage_households", &[("count", &c.unlinked_total().to_string())]), theme.header())];
    if c.unlinked.is_empty() {
        lines.push(Line::styled(format!("  {}", t("link.none_unlinked")), theme.info()));
    }
    for (village, group, n) in &c.unlinked {
        lines.push(Line::raw(format!("  {}{}{n}", pad(village, 10), pad(group, 12))));
    }
    lines.push(Line::styled(tf("ui.coverage_members", &[("count", &c.idle_active().to_string())]), theme.header()));
    for (village, name, phone, exempt) in &c.idle {
        let note = if *exempt { t("ui.exempt_note") } else { "" };
        let line = format!("  {}{}{}{note}", pad(village, 10), pad(name, 8), pad(&mask_phone(phone), 13));
        lines.push(if *exempt { Line::styled(line, theme.muted()) } else { Line::raw(line) });
    }
    let shown: Vec<Line> = lines.into_iter().take(usize::from(inner.height)).collect();
    f.render_widget(Paragraph::new(shown), inner);
}
