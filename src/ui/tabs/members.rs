//! 党员 tab: the members table and the selected member's households.

use crate::app::{App, layout};
use crate::domain::linking::{LoadState, load_label, load_state};
use crate::domain::text::mask_phone;
use crate::i18n::{t, tf};
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, col};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let pane = if app.detail_shown() { layout::DETAIL } else { 0 };
    let [list, detail] = Layout::vertical([Constraint::Min(5), Constraint::Length(pane)]).areas(area);
    let l = &app.tabs.members.list;
    let title = if l.show_archived { format!("{} ({})", t("tab.members"), t("ui.with_archived")) } else { t("tab.members").to_string() };
    let b = widgets::block(theme, &title);
    let inner = b.inner(list);
    f.render_widget(b, list);
    let [info, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let sort = format!("{}: {}", t("ui.sort"), t(app.tabs.members.sort.label_key()));
    crate::ui::info_line(f, info, app, theme, &l.filter, &sort, l.total);
    let cols = [
        col("col.village", 8),
        col("col.name", 8),
        col("col.role", 12),
        col("col.status", 8),
        col("col.phone", 11),
        col("col.load", 8),
        col("col.last_visit", 10),
    ];
    let lang = crate::i18n::lang();
    let rows: Vec<Vec<String>> = l
        .rows
        .iter()
        .map(|m| {
            let name = if m.archived { format!("{}{}", m.name, t("ui.archived_mark")) } else { m.name.clone() };
            vec![
                m.village.clone(),
                name,
                m.role.label(lang).to_string(),
                m.status.label(lang).to_string(),
                mask_phone(&m.phone),
                load_label(&app.rules.loads, m.role, m.status, m.load, app.settings.ascii),
                m.last_visit.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let style_of = |i: usize| match l.rows.get(i).map(|m| load_state(&app.rules.loads, m.role, m.status, m.load)) {
        Some(LoadState::Over) => theme.overdue(),
        Some(LoadState::Under) => theme.due(),
        _ => ratatui::style::Style::new(),
    };
    widgets::table_styled(f, table, theme, &cols, &rows, l.selected.checked_sub(l.top), style_of);
    if !app.detail_shown() {
        return;
    }
    let b = widgets::block(theme, t("ui.detail"));
    let inner = b.inner(detail);
    f.render_widget(b, detail);
    let Some(m) = l.current() else {
        f.render_widget(Paragraph::new(Line::styled(t("ui.empty_list"), theme.muted())), inner);
        return;
    };
    let mut lines = vec![Line::raw(format!(
        "{} {}  {}  {}: {}  {}: {}  {}: {}",
        m.village,
        m.name,
        m.role.label(lang),
        t("col.phone"),
        if m.phone.is_empty() { "-" } else { &m.phone },
        t("field.unit"),
        m.unit,
        t("field.party_group"),
        m.party_group
    ))];
    let d = &app.tabs.members.detail;
    let mut patch = match &d.leader {
        Some(leader) => tf("ui.in_patch_of", &[("leader", leader)]),
        None => String::new(),
    };
    if !d.patch.is_empty() {
        patch = format!("{patch}  {}", tf("ui.leads_patch", &[("count", &d.patch.len().to_string())]));
    }
    if !patch.trim().is_empty() {
        lines.push(Line::styled(crate::domain::text::truncate(patch.trim(), usize::from(inner.width)), theme.muted()));
    }
    // A leader's patch: each member with their households.
    for (name, heads) in &d.patch {
        let line = format!("  {name}({})：{}", heads.len(), heads.join("、"));
        lines.push(Line::raw(crate::domain::text::truncate(&line, usize::from(inner.width))));
    }
    let hh = &d.households;
    lines.push(Line::styled(format!("{} ({})", t("ui.linked_households"), hh.len()), theme.header()));
    let room = usize::from(inner.height).saturating_sub(lines.len());
    for h in hh.iter().take(room) {
        lines.push(Line::raw(format!("  {}  {}  {}  {}{}", h.head, h.address, h.class.label(lang), t("ui.since"), h.since)));
    }
    // Ended links below the current ones, as room allows.
    for (head, address, since, until) in
        d.history.iter().filter(|e| e.3.is_some()).take(usize::from(inner.height).saturating_sub(lines.len()))
    {
        let until = until.as_deref().unwrap_or_default();
        lines.push(Line::styled(format!("  {head}  {address}  {since} – {until}"), theme.muted()));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
