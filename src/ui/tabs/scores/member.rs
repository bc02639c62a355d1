//! 考评 › a member: every number of their quarter explained — the formula
//! with their values, each household's owed periods and the visit that did
//! each, ratings, conversions, resolved concerns and each adjustment.

use crate::app::App;
use crate::domain::schedule::Cadence;
use crate::domain::text::{truncate, width as text_width};
use crate::i18n::{t, tf};
use crate::present::scores;
use crate::store::scores::detail::DutyRow;
use crate::ui::theme::Theme;
use crate::ui::wrap;
use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let s = &app.tabs.scores;
    let (Some(board), Some(row), Some(detail)) = (&s.board, s.current(), &s.member) else { return };
    let lang = crate::i18n::lang();
    let width = usize::from(area.width);
    let p = &app.rules.points;
    let mut lines: Vec<Line> = Vec::new();
    let mut text = |s: String, style: ratatui::style::Style| {
        for l in wrap(&s, width) {
            lines.push(Line::styled(l, style));
        }
    };
    let place = match (row.rank, row.ranked) {
        (Some(n), _) => format!("{} {}", tf("ui.rank_n", &[("n", &n.to_string())]), scores::label_text(row.label, lang)),
        _ => scores::unranked_reason(row, lang).to_string(),
    };
    text(
        tf(
            "ui.score_summary",
            &[
                ("households", &row.households.to_string()),
                ("required", &row.required.to_string()),
                ("done", &row.done.to_string()),
                ("place", place.trim()),
            ],
        ),
        theme.header(),
    );
    text(
        tf(
            "ui.score_formula",
            &[
                ("wc", &p.compliance.to_string()),
                ("compliance", &scores::percent(row.compliance)),
                ("ws", &p.satisfaction.to_string()),
                ("satisfaction", &scores::percent(row.satisfaction)),
                ("conversions", &row.conversions.to_string()),
                ("resolved", &row.resolved.to_string()),
                ("adjustments", &format!("{:+.1}", row.adjustments)),
                ("points", &scores::one_decimal(row.points)),
            ],
        ),
        ratatui::style::Style::new(),
    );
    if row.self_criticism {
        text(tf("ui.self_criticism_note", &[("n", &row.warnings_in_year.to_string())]), theme.overdue());
    }
    for (block, key) in [(board.caps.star_block, "score.star_block"), (board.caps.warning_block, "score.warning_block")] {
        if let Some(b) = block.filter(|b| row.rank == Some(b.rank)) {
            text(tf(key, &[("rank", &b.rank.to_string()), ("size", &b.size.to_string()), ("room", &b.room.to_string())]), theme.due());
        }
    }
    if board.finalized.is_some() {
        text(t("ui.final_detail_note").to_string(), theme.muted());
    }
    for h in &detail.households {
        household(h, app, theme, width, &mut text);
    }
    if !detail.resolved.is_empty() {
        text(t("ui.resolved_concerns").to_string(), theme.header());
        for c in &detail.resolved {
            text(format!("  {}  {}", crate::present::date(c.on), c.text), ratatui::style::Style::new());
        }
    }
    text(t("ui.adjustments").to_string(), theme.header());
    if detail.adjustments.is_empty() {
        text(format!("  {}", t("ui.none")), theme.muted());
    }
    for a in &detail.adjustments {
        text(format!("  {:+.1}  {}  — {} {}", a.points, a.reason, a.by, a.at), ratatui::style::Style::new());
    }
    let shown: Vec<Line> = lines.into_iter().skip(s.scroll).take(usize::from(area.height)).collect();
    f.render_widget(Paragraph::new(shown), area);
}

/// A household's line and its owed periods, ✓ with the visit day or ✗.
fn household(h: &DutyRow, app: &App, theme: &Theme, width: usize, text: &mut impl FnMut(String, ratatui::style::Style)) {
    let lang = crate::i18n::lang();
    let done = h.owed.iter().filter(|o| o.done_on.is_some()).count();
    let rating = h.rating.map_or_else(|| t("col.unrated").to_string(), |r| r.label(lang).to_string());
    let class = h.class.map(|c| c.label(lang)).unwrap_or_default();
    text(truncate(&format!("{} {} · {class} · {rating} · {done}/{}", h.head, h.address, h.owed.len()), usize::MAX), theme.key());
    let (yes, no) = if app.settings.ascii { ("+", "-") } else { ("✓", "✗") };
    let periods: Vec<String> = h
        .owed
        .iter()
        .map(|o| {
            let name = match o.cadence {
                Cadence::Monthly => tf("ui.month_n", &[("n", &o.period.first.month().to_string())]),
                Cadence::Weekly => tf("ui.week_n", &[("n", &o.period.first.iso_week().week().to_string())]),
                Cadence::Planned => tf("ui.plan_on", &[("date", &o.period.first.format("%m-%d").to_string())]),
            };
            // A plan done by a visit of another year shows that year too.
            match o.done_on {
                Some(d) if d.year() != o.period.first.year() => format!("{name}{yes}{}", d.format("%Y-%m-%d")),
                Some(d) => format!("{name}{yes}{}", d.format("%m-%d")),
                None => format!("{name}{no}"),
            }
        })
        .collect();
    if periods.is_empty() {
        text(format!("  {}", t("ui.nothing_owed")), theme.muted());
    }
    for line in pack(&periods, width) {
        text(line, ratatui::style::Style::new());
    }
    for c in &h.conversions {
        let change = format!("{}→{} {}", c.from.label(lang), c.to.label(lang), c.on.format("%m-%d"));
        text(format!("  {}", tf("ui.conversion", &[("change", &change)])), theme.info());
    }
}

/// Packs words into indented lines of at most `width` cells, never
/// splitting a word.
fn pack(words: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for w in words {
        if !line.trim().is_empty() && text_width(&line) + 2 + text_width(w) > width {
            lines.push(std::mem::take(&mut line));
        }
        line = if line.trim().is_empty() { format!("  {w}") } else { format!("{line}  {w}") };
    }
    if !line.trim().is_empty() {
        lines.push(line);
    }
    lines
}
