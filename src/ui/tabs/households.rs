//! 住户 tab: the households table and the selected household's detail.

use crate::app::{App, layout};
use crate::domain::text::mask_phone;
use crate::i18n::t;
use crate::present::date as date_text;
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, col};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let pane = if app.detail_shown() { layout::DETAIL } else { 0 };
    let [list, detail] = Layout::vertical([Constraint::Min(5), Constraint::Length(pane)]).areas(area);
    let l = &app.tabs.households.list;
    let title =
        if l.show_archived { format!("{} ({})", t("tab.households"), t("ui.with_archived")) } else { t("tab.households").to_string() };
    let b = widgets::block(theme, &title);
    let inner = b.inner(list);
    f.render_widget(b, list);
    let [info, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let sort = format!("{}: {}", t("ui.sort"), t(app.tabs.households.sort.label_key()));
    crate::ui::info_line(f, info, app, theme, &l.filter, &sort, l.total);
    // The class column fits its longest label in the language; the address gives way.
    let class_w =
        crate::domain::model::Class::ALL.iter().map(|c| crate::domain::text::width(c.label(crate::i18n::lang()))).max().unwrap_or(6);
    let cols = [
        col("col.village", 8),
        col("col.head", 8),
        col("col.address", 24usize.saturating_sub(class_w)),
        col("col.class", class_w),
        col("col.phone", 11),
        col("col.member", 8),
        col("col.last_visit", 10),
    ];
    let rows: Vec<Vec<String>> = l
        .rows
        .iter()
        .map(|h| {
            let head = if h.archived { format!("{}{}", h.head, t("ui.archived_mark")) } else { h.head.clone() };
            vec![
                h.village.clone(),
                head,
                h.address.clone(),
                h.class.label(crate::i18n::lang()).to_string(),
                mask_phone(&h.phone),
                h.member.clone().unwrap_or_else(|| t("ui.unlinked").to_string()),
                h.last_visit.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    widgets::table(f, table, theme, &cols, &rows, l.selected.checked_sub(l.top));
    if app.detail_shown() {
        draw_detail(f, detail, app, theme);
    }
}

fn draw_detail(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let b = widgets::block(theme, t("ui.detail"));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let Some(h) = app.tabs.households.list.current() else {
        f.render_widget(Paragraph::new(Line::styled(t("ui.empty_list"), theme.muted())), inner);
        return;
    };
    let lang = crate::i18n::lang();
    let place = [h.village.as_str(), h.group.as_str(), h.building.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" / ");
    let size = h.size.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
    let classes =
        app.tabs.households.detail.classes.iter().map(|(c, since)| format!("{}({since})", c.label(lang))).collect::<Vec<_>>().join(" → ");
    let links = app
        .tabs
        .households
        .detail
        .links
        .iter()
        .map(|(name, _, since, until)| format!("{name} {since}~{}", until.clone().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("; ");
    let detail = &app.tabs.households.detail;
    let next = match detail.standing {
        Some(st) => {
            let status = st.status.map(|s| format!(" ({})", t(s.label_key()))).unwrap_or_default();
            let by = st.due_by.map(date_text).unwrap_or_else(|| "-".into());
            let missed = if st.missed > 0 { format!("  {} {}", t("col.missed"), st.missed) } else { String::new() };
            format!("{}: {by}{status}{missed}", t("ui.next_due"))
        }
        None => format!("{}: -", t("ui.next_due")),
    };
    let visits = detail
        .visits
        .iter()
        .map(|v| format!("{} {} {}", date_text(v.visit.date), v.member, v.visit.mode.label(lang)))
        .collect::<Vec<_>>()
        .join("; ");
    let visits = if visits.is_empty() { t("ui.none").to_string() } else { visits };
    let note = if h.note.is_empty() { String::new() } else { format!("  {}: {}", t("field.note"), h.note) };
    let lines = vec![
        Line::raw(format!(
            "{} {}  {}: {}  {}: {}",
            h.head,
            h.address,
            t("col.phone"),
            if h.phone.is_empty() { "-" } else { &h.phone },
            t("field.size"),
            size
        )),
        Line::raw(format!("{place}  {}: {}{note}", t("col.class"), h.class.label(lang))),
        Line::raw(format!("{}: {}", t("ui.class_history"), classes)),
        Line::raw(format!("{}: {}", t("ui.link_history"), if links.is_empty() { t("ui.unlinked").to_string() } else { links })),
        Line::styled(next, theme.header()),
        Line::raw(format!("{}: {visits}", t("ui.recent_visits"))),
    ];
    f.render_widget(Paragraph::new(lines), inner);
}
