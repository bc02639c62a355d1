//! 总览: the villages worst first and the township's total, each with its
//! last twelve months of compliance as a sparkline; under the table, the
//! selected line's months charted (one chart, `c` for the next, on a
//! narrow screen; all three side by side from 120 columns). Every chart
//! says what it shows in words and numbers, so that it reads without
//! colour, and draws with ASCII only under `--ascii`.

use crate::app::App;
use crate::app::tabs::overview::{CHARTS_SIDE_BY_SIDE, Chart, State, chart_height};
use crate::domain::overview::{Line as Row, Tally};
use crate::i18n::{t, tf};
use crate::ui::theme::Theme;
use crate::ui::widgets::{self, col};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::{self, Marker};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Bar, BarChart, BarGroup, Dataset, GraphType, LegendPosition, Paragraph, Sparkline};

/// Bars drawn with ASCII only, from low to high.
const ASCII_BARS: symbols::bar::Set<'static> = symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "=",
    five_eighths: "=",
    half: "-",
    three_eighths: "-",
    one_quarter: "_",
    one_eighth: ".",
    empty: " ",
};

fn bars(theme: &Theme) -> symbols::bar::Set<'static> {
    if theme.ascii { ASCII_BARS } else { symbols::bar::NINE_LEVELS }
}

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let b = widgets::block(theme, t("tab.overview"));
    let inner = b.inner(area);
    f.render_widget(b, area);
    let s = &app.tabs.overview;
    let [info, table, detail, charts] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(2), Constraint::Length(1), Constraint::Length(chart_height(app.height))])
            .areas(inner);
    let total = s.read.as_ref().map_or(0, |o| o.lines.len());
    let info_text = format!(
        "{}  {}  {}",
        tf("ui.today_of", &[("date", &crate::present::date(app.settings.today))]),
        tf("overview.villages", &[("count", &total.to_string())]),
        t("overview.worst_first")
    );
    f.render_widget(Paragraph::new(Span::styled(info_text, theme.muted())), info);
    if s.read.is_none() {
        f.render_widget(Paragraph::new(t("ui.loading")), table);
        return;
    }
    lines_table(f, table, s, theme, app.width >= CHARTS_SIDE_BY_SIDE);
    if let Some(row) = s.current() {
        let text = crate::domain::text::truncate(&detail_text(row), usize::from(detail.width));
        f.render_widget(Paragraph::new(Span::styled(text, theme.muted())), detail);
        if app.width >= CHARTS_SIDE_BY_SIDE {
            let parts = Layout::horizontal([Constraint::Ratio(1, 3); 3]).spacing(2).split(charts);
            for (chart, part) in Chart::ALL.iter().zip(parts.iter()) {
                draw_chart(f, *part, *chart, row, theme);
            }
        } else {
            draw_chart(f, charts, s.chart, row, theme);
        }
    }
}

fn percent(share: Option<f64>) -> String {
    share.map(|s| format!("{:.0}%", (s * 100.0).floor())).unwrap_or_else(|| "-".into())
}

fn tally(x: Tally, wide: bool) -> String {
    if wide { format!("{} {}/{}", percent(x.share()), x.done, x.required) } else { percent(x.share()) }
}

fn name(row: &Row) -> String {
    row.village.as_ref().map(|v| v.1.clone()).unwrap_or_else(|| t("ui.township").to_string())
}

fn lines_table(f: &mut Frame<'_>, area: Rect, s: &State, theme: &Theme, wide: bool) {
    let (gw, iw) = if wide { (13, 11) } else { (5, 5) };
    let cols = vec![
        col("col.village", if wide { 12 } else { 8 }),
        col("col.households_short", 5),
        col("col.linked_share", 4),
        col(if wide { "col.general_month" } else { "col.general_short" }, gw),
        col(if wide { "col.improving_week" } else { "col.improving_short" }, iw),
        col("col.plans", 5),
        col("col.overdue_short", 4),
        col("col.concerns_short", 7),
        col("col.conversions", 4),
        col("col.loads", 5),
        col("col.months", 12),
    ];
    let rows: Vec<Vec<String>> = s
        .list
        .rows
        .iter()
        .filter_map(|i| s.line(*i))
        .map(|r| {
            vec![
                name(r),
                r.households.to_string(),
                percent(r.linked_share()),
                tally(r.general_month, wide),
                tally(r.improving_week, wide),
                format!("{}/{}", r.plans_due, r.plans_overdue),
                r.overdue.to_string(),
                format!("{}/{}", r.concerns_open, r.concerns_stuck),
                r.conversions.to_string(),
                format!("{}/{}", r.under_load, r.over_load),
                String::new(),
            ]
        })
        .collect();
    let selected = s.list.selected.checked_sub(s.list.top);
    let total_at = s.len().checked_sub(1);
    let style_of = |i: usize| if Some(s.list.top + i) == total_at { theme.header() } else { Style::new() };
    widgets::table_styled(f, area, theme, &cols, &rows, selected, style_of);
    // The sparklines, in the last column's cells of each row.
    let mark_w = crate::domain::text::width(theme.mark()) + 1;
    let x = mark_w + cols[..cols.len() - 1].iter().map(|c| c.width + 1).sum::<usize>();
    let Ok(x) = u16::try_from(x) else { return };
    if x + 2 > area.width {
        return;
    }
    for (i, r) in s.list.rows.iter().filter_map(|i| s.line(*i)).enumerate() {
        let Ok(dy) = u16::try_from(i + 1) else { break };
        if dy >= area.height {
            break;
        }
        let cell = Rect { x: area.x + x, y: area.y + dy, width: (area.width - x).min(12), height: 1 };
        let style = if selected == Some(i) { theme.selected() } else { theme.info() };
        let data: Vec<Option<u64>> = r.months.iter().map(|m| m.visits.share().map(|s| (s * 100.0) as u64)).collect();
        f.render_widget(Sparkline::default().data(data).max(100).bar_set(bars(theme)).style(style).absent_value_symbol(" "), cell);
    }
}

/// The selected line's numbers in full.
fn detail_text(r: &Row) -> String {
    let n = |x: u32| x.to_string();
    tf(
        "overview.detail",
        &[
            ("village", &name(r)),
            ("general", &format!("{}/{}", r.general_month.done, r.general_month.required)),
            ("improving", &format!("{}/{}", r.improving_week.done, r.improving_week.required)),
            ("due", &n(r.plans_due)),
            ("overdue", &n(r.plans_overdue)),
            ("unlinked", &n(r.unlinked)),
            ("stuck", &n(r.concerns_stuck)),
            ("under", &n(r.under_load)),
            ("over", &n(r.over_load)),
        ],
    )
}

fn month_label(m: crate::domain::period::Month) -> String {
    m.month.to_string()
}

fn draw_chart(f: &mut Frame<'_>, area: Rect, chart: Chart, row: &Row, theme: &Theme) {
    // The title, then what each series is (in words, with its marker).
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    match chart {
        Chart::Compliance => compliance(f, head, body, row, theme),
        Chart::Classes => classes(f, head, body, row, theme),
        Chart::Flow => flow(f, head, body, row, theme),
    }
}

fn title(chart: Chart, row: &Row) -> String {
    format!("{} · {}", t(chart.label_key()), name(row))
}

/// Compliance month by month: one bar a month, its percent on it.
fn compliance(f: &mut Frame<'_>, head: Rect, body: Rect, row: &Row, theme: &Theme) {
    let now = row.this_month().map(|m| percent(m.visits.share())).unwrap_or_default();
    let lines = vec![
        Line::styled(crate::domain::text::truncate(&title(Chart::Compliance, row), usize::from(head.width)), theme.header()),
        Line::raw(format!("{} {now}", t("overview.this_month"))),
    ];
    f.render_widget(Paragraph::new(lines), head);
    let n = row.months.len().max(1) as u16;
    // A gap between bars where there is room for one.
    let (width, gap) = if body.width / n >= 4 { ((body.width / n - 1).min(5), 1) } else { ((body.width / n).max(1), 0) };
    let bars: Vec<Bar> = row
        .months
        .iter()
        .map(|m| {
            let v = m.visits.share().map(|s| (s * 100.0) as u64);
            Bar::default()
                .value(v.unwrap_or(0))
                .text_value(v.map(|v| v.to_string()).unwrap_or_else(|| "-".into()))
                .label(Line::from(month_label(m.month)))
        })
        .collect();
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .max(100)
        .bar_width(width)
        .bar_gap(gap)
        .bar_set(self::bars(theme))
        .bar_style(theme.info())
        .value_style(theme.selected());
    f.render_widget(chart, body);
}

/// The three series' markers: distinct shapes, so that they read without colour.
const MARKERS: [(Marker, &str); 3] = [(Marker::Block, "█"), (Marker::Bar, "▄"), (Marker::Dot, "•")];

/// Lines over the months: `series` (name, values), the y axis from 0 to `top`.
fn lines_chart(f: &mut Frame<'_>, body: Rect, row: &Row, series: &[(String, Vec<f64>)], top: f64, unit: &str, theme: &Theme) {
    let points: Vec<Vec<(f64, f64)>> = series.iter().map(|(_, v)| v.iter().enumerate().map(|(i, y)| (i as f64, *y)).collect()).collect();
    let colours = [theme.info(), theme.due(), theme.overdue()];
    let sets: Vec<Dataset> = points
        .iter()
        .zip(MARKERS)
        .zip(colours)
        .map(|((p, (marker, _)), style)| Dataset::default().data(p).marker(marker).graph_type(GraphType::Line).style(style))
        .collect();
    let last = row.months.len().saturating_sub(1) as f64;
    let first = row.months.first().map(|m| m.month.to_string()).unwrap_or_default();
    let end = row.months.last().map(|m| m.month.to_string()).unwrap_or_default();
    let top_label = format!("{}{unit}", fmt_num(top));
    let chart = ratatui::widgets::Chart::new(sets)
        .legend_position(None::<LegendPosition>)
        .x_axis(Axis::default().bounds([0.0, last.max(1.0)]).labels([first, end]).style(theme.muted()))
        .y_axis(Axis::default().bounds([0.0, top.max(1.0)]).labels(["0".to_string(), top_label]).style(theme.muted()));
    f.render_widget(chart, body);
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.1}") }
}

/// The legend in words: each series' marker, name and value this month.
fn legend(f: &mut Frame<'_>, head: Rect, chart: Chart, row: &Row, values: &[(String, String)], theme: &Theme) {
    let w = usize::from(head.width);
    let series: Vec<String> = values.iter().zip(MARKERS).map(|((name, value), (_, mark))| format!("{mark}{name} {value}")).collect();
    let lines = vec![
        Line::styled(crate::domain::text::truncate(&title(chart, row), w), theme.header()),
        Line::raw(crate::domain::text::truncate(&series.join(" "), w)),
    ];
    f.render_widget(Paragraph::new(lines), head);
}

/// Households of each class as shares of all, at each month's end.
fn classes(f: &mut Frame<'_>, head: Rect, body: Rect, row: &Row, theme: &Theme) {
    let lang = crate::i18n::lang();
    let share = |m: &crate::domain::overview::MonthLine, i: usize| {
        let all: u32 = m.classes.iter().sum();
        if all == 0 { 0.0 } else { f64::from(m.classes[i]) * 100.0 / f64::from(all) }
    };
    let series: Vec<(String, Vec<f64>)> = crate::domain::model::Class::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| (c.label(lang).to_string(), row.months.iter().map(|m| share(m, i)).collect()))
        .collect();
    let now: Vec<(String, String)> = series
        .iter()
        .zip(0..)
        .map(|((name, _), i)| (name.clone(), row.this_month().map(|m| m.classes[i].to_string()).unwrap_or_default()))
        .collect();
    legend(f, head, Chart::Classes, row, &now, theme);
    lines_chart(f, body, row, &series, 100.0, "%", theme);
}

/// Concerns raised, resolved and passed up, month by month.
fn flow(f: &mut Frame<'_>, head: Rect, body: Rect, row: &Row, theme: &Theme) {
    use crate::domain::overview::Flow;
    let series: Vec<(String, Vec<f64>)> = Flow::LABEL_KEYS
        .iter()
        .enumerate()
        .map(|(i, key)| (t(key).to_string(), row.months.iter().map(|m| f64::from(m.flow.counts()[i])).collect()))
        .collect();
    let top = crate::present::nice(series.iter().flat_map(|(_, v)| v.iter().copied()).fold(0.0, f64::max));
    let now: Vec<(String, String)> = Flow::LABEL_KEYS
        .iter()
        .enumerate()
        .map(|(i, key)| (t(key).to_string(), row.this_month().map(|m| m.flow.counts()[i].to_string()).unwrap_or_default()))
        .collect();
    legend(f, head, Chart::Flow, row, &now, theme);
    lines_chart(f, body, row, &series, top, "", theme);
}
