//! The monthly report (月报) for the township party committee: a printable
//! A4 page (.html, the charts inline as SVG) or a workbook (.xlsx, one
//! sheet per part, real numbers). Both are made from the same tables.

use super::board::{escape, head, write_html};
use super::svg::{self, Series};
use super::table::IoError;
use crate::domain::overview::{Line, Tally};
use crate::i18n::{Lang, t_in, tf_in};
use crate::store::report::Report;
use std::fmt::Write as _;
use std::path::Path;

/// A cell: text, a number, or a share (written as a percent).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Num(f64),
    Share(Option<f64>),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Num(n) => format!("{n}"),
            Cell::Share(Some(s)) => format!("{:.1}%", s * 100.0),
            Cell::Share(None) => "-".into(),
        }
    }
}

/// One part of the report: its title, headers (i18n keys) and rows.
pub struct Part {
    pub title: String,
    pub heads: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

fn n(x: u32) -> Cell {
    Cell::Num(f64::from(x))
}

fn share(t: Tally) -> Cell {
    Cell::Share(t.share())
}

fn name(l: &Line, lang: Lang) -> String {
    l.village.as_ref().map(|v| v.1.clone()).unwrap_or_else(|| t_in(lang, "ui.township").to_string())
}

/// The month in words: 2026年11月.
pub fn month_words(r: &Report, lang: Lang) -> String {
    tf_in(lang, "report.month_words", &[("year", &r.month.year.to_string()), ("month", &r.month.month.to_string())])
}

fn title(r: &Report, lang: Lang) -> String {
    let whom = r.village.clone().unwrap_or_else(|| t_in(lang, "ui.township").to_string());
    tf_in(lang, "report.title", &[("village", &whom), ("month", &month_words(r, lang))])
}

/// The villages' lines and the total: the month's periods done by cadence.
fn villages(r: &Report, lang: Lang) -> Part {
    // A village's report has its own line only; the township's adds the total.
    let all = r.overview.lines.iter().chain(r.overview.total.iter().filter(|_| r.village.is_none()));
    let rows = all
        .map(|l| {
            let m = l.this_month();
            let c = |i: usize| m.map(|m| m.by_cadence[i]).unwrap_or_default();
            vec![
                Cell::Text(name(l, lang)),
                n(l.households),
                Cell::Share(l.linked_share()),
                n(c(0).done),
                n(c(0).required),
                share(c(0)),
                share(c(1)),
                share(c(2)),
                share(m.map(|m| m.visits).unwrap_or_default()),
                n(l.overdue),
                n(l.unlinked),
                n(l.concerns_open),
                n(l.concerns_stuck),
                n(l.conversions),
                n(l.under_load),
                n(l.over_load),
            ]
        })
        .collect();
    Part {
        title: t_in(lang, "report.part_villages").to_string(),
        heads: vec![
            "col.village",
            "col.households_short",
            "col.linked_share",
            "col.general_done",
            "col.general_owed",
            "col.general_rate",
            "col.improving_rate",
            "col.plans_rate",
            "col.compliance",
            "col.overdue_short",
            "col.unlinked",
            "col.concerns_open",
            "col.stuck",
            "col.conversions",
            "col.under_load",
            "col.over_load",
        ],
        rows,
    }
}

/// The report's own line (the village's, or the township's) month by month.
fn months(r: &Report, lang: Lang) -> Part {
    let rows = r
        .overview
        .total
        .iter()
        .flat_map(|l| l.months.iter())
        .map(|m| {
            vec![
                Cell::Text(m.month.to_string()),
                n(m.visits.required),
                n(m.visits.done),
                share(m.visits),
                n(m.classes[0]),
                n(m.classes[1]),
                n(m.classes[2]),
                n(m.flow.raised),
                n(m.flow.resolved),
                n(m.flow.passed_up),
            ]
        })
        .collect();
    Part {
        title: t_in(lang, "report.part_months").to_string(),
        heads: vec![
            "col.month",
            "col.owed",
            "col.done",
            "col.compliance",
            "class.general",
            "class.improving",
            "class.difficult",
            "overview.raised",
            "overview.resolved",
            "overview.passed_up",
        ],
        rows,
    }
}

fn quarter(r: &Report, lang: Lang) -> Option<Part> {
    let (q, named) = r.quarter.as_ref()?;
    let rows = named
        .iter()
        .map(|x| {
            vec![
                Cell::Text(x.village.clone()),
                Cell::Text(x.member.clone()),
                Cell::Text(crate::present::scores::label_text(Some(x.label), lang).to_string()),
                Cell::Num((x.points * 10.0).round() / 10.0),
            ]
        })
        .collect();
    let words = crate::present::scores::quarter_words(*q, lang);
    Some(Part {
        title: tf_in(lang, "report.part_quarter", &[("quarter", &words)]),
        heads: vec!["col.village", "col.member", "col.label", "col.points"],
        rows,
    })
}

fn redblack(r: &Report, lang: Lang) -> Part {
    let rows =
        r.redblack.iter().map(|(v, red, black)| vec![Cell::Text(v.clone()), Cell::Num(*red as f64), Cell::Num(*black as f64)]).collect();
    Part { title: t_in(lang, "report.part_redblack").to_string(), heads: vec!["col.village", "redblack.red", "redblack.black"], rows }
}

fn stuck(r: &Report, lang: Lang) -> Part {
    let rows = r
        .stuck
        .iter()
        .map(|s| {
            vec![
                Cell::Text(s.village.clone()),
                Cell::Text(s.head.clone()),
                Cell::Text(s.text.clone()),
                Cell::Text(s.status.label(lang).to_string()),
                Cell::Num(s.days as f64),
            ]
        })
        .collect();
    Part {
        title: t_in(lang, "report.part_stuck").to_string(),
        heads: vec!["col.village", "col.head", "col.concern", "col.status", "col.days"],
        rows,
    }
}

/// The quarter's stars and warnings on paper: one row per village, the
/// names in a line each (a street names hundreds; the workbook lists them
/// one a row).
fn quarter_by_village(r: &Report, lang: Lang) -> Option<Part> {
    let mut part = quarter(r, lang)?;
    let (_, named) = r.quarter.as_ref()?;
    let mut villages: Vec<&str> = named.iter().map(|x| x.village.as_str()).collect();
    villages.dedup();
    let names = |v: &str, label| {
        let list: Vec<&str> = named.iter().filter(|x| x.village == v && x.label == label).map(|x| x.member.as_str()).collect();
        (list.len(), list.join(t_in(lang, "report.name_sep")))
    };
    use crate::domain::score::Label;
    part.rows = villages
        .iter()
        .map(|v| {
            let (stars, star_names) = names(v, Label::Star);
            let (warnings, warning_names) = names(v, Label::Warning);
            vec![
                Cell::Text(v.to_string()),
                Cell::Num(stars as f64),
                Cell::Text(star_names),
                Cell::Num(warnings as f64),
                Cell::Text(warning_names),
            ]
        })
        .collect();
    part.heads = vec!["col.village", "report.stars", "report.star_names", "report.warnings", "report.warning_names"];
    Some(part)
}

/// Stuck concerns printed: the longest waiting first, at most this many
/// (the workbook has them all).
pub const STUCK_PRINTED: usize = 40;

/// Every part, in the order written: `paper` for the printed page (the
/// quarter by village, the stuck concerns cut short), else the workbook's.
pub fn parts(r: &Report, lang: Lang, paper: bool) -> Vec<Part> {
    let mut out = vec![villages(r, lang), months(r, lang)];
    out.extend(if paper { quarter_by_village(r, lang) } else { quarter(r, lang) });
    out.push(redblack(r, lang));
    let mut s = stuck(r, lang);
    if paper && s.rows.len() > STUCK_PRINTED {
        let more = s.rows.len() - STUCK_PRINTED;
        s.rows.sort_by(|a, b| match (&a[4], &b[4]) {
            (Cell::Num(x), Cell::Num(y)) => y.total_cmp(x),
            _ => std::cmp::Ordering::Equal,
        });
        s.rows.truncate(STUCK_PRINTED);
        s.title = format!(
            "{}{}",
            s.title,
            tf_in(lang, "report.stuck_more", &[("shown", &STUCK_PRINTED.to_string()), ("more", &more.to_string())])
        );
    }
    out.push(s);
    out
}

/// The summary's sentences.
pub fn summary(r: &Report, lang: Lang) -> Vec<String> {
    r.overview.total.as_ref().map(|t| crate::present::report::summary(t, &r.overview.lines, lang)).unwrap_or_default()
}

const STYLE: &str = "h2 { break-after: avoid; page-break-after: avoid; }
table.report { font-size: 8.5pt; }
table.report th, table.report td { padding: 0.6mm 1.2mm; }
table.report td.n { text-align: right; }
table.report td:first-child { white-space: nowrap; }
div.chart { break-inside: avoid; page-break-inside: avoid; margin: 2mm 0 4mm; }
p.summary { font-size: 11pt; line-height: 1.6; margin: 1mm 0; text-indent: 2em; }";

fn charts(r: &Report, lang: Lang) -> String {
    let Some(t) = &r.overview.total else { return String::new() };
    let labels: Vec<String> =
        t.months.iter().map(|m| tf_in(lang, "report.month_short", &[("month", &m.month.month.to_string())])).collect();
    let whom = r.village.clone().unwrap_or_else(|| name(t, lang));
    let mut out = String::new();
    let rates: Vec<Option<f64>> = t.months.iter().map(|m| m.visits.share().map(|s| (s * 1000.0).round() / 10.0)).collect();
    let chart_title = |key: &str| format!("{} · {whom}", t_in(lang, key));
    out.push_str(&svg::bars(&chart_title("overview.chart_compliance"), &labels, &rates, 100.0, "%"));
    let class_names: Vec<&str> = crate::domain::model::Class::ALL.iter().map(|c| c.label(lang)).collect();
    let classes: Vec<Series> = class_names
        .iter()
        .enumerate()
        .map(|(i, name)| Series {
            name,
            values: t
                .months
                .iter()
                .map(|m| {
                    let all: u32 = m.classes.iter().sum();
                    if all == 0 { 0.0 } else { f64::from(m.classes[i]) * 100.0 / f64::from(all) }
                })
                .collect(),
        })
        .collect();
    out.push_str(&svg::lines(&chart_title("overview.chart_classes"), &labels, &classes, 100.0, "%"));
    use crate::domain::overview::Flow;
    let flows: Vec<Series> = Flow::LABEL_KEYS
        .iter()
        .enumerate()
        .map(|(i, key)| Series { name: t_in(lang, key), values: t.months.iter().map(|m| f64::from(m.flow.counts()[i])).collect() })
        .collect();
    let top = svg::nice(flows.iter().flat_map(|s| s.values.iter().copied()).fold(1.0, f64::max));
    out.push_str(&svg::lines(&chart_title("overview.chart_flow"), &labels, &flows, top, ""));
    out.split("</svg>\n").filter(|s| !s.is_empty()).map(|s| format!("<div class=\"chart\">{s}</svg></div>\n")).collect()
}

/// The report as one printable page (A4, several sheets when long).
pub fn html(r: &Report, lang: Lang, today: &str) -> String {
    let title = title(r, lang);
    let mut out = head(lang, &title).replace("</style>", &format!("{STYLE}\n</style>"));
    let _ = writeln!(out, "<section>\n<h1>{}</h1>", escape(&title));
    let as_of = crate::present::date(if r.closed { r.month.last_day() } else { r.as_of });
    let _ = writeln!(out, "<p class=\"sub\">{}</p>", escape(&tf_in(lang, "report.sub", &[("as_of", &as_of), ("today", today)])));
    let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&tf_in(lang, "report.concerns_now", &[("today", today)])));
    let _ = writeln!(out, "<h2>{}</h2>", escape(t_in(lang, "report.part_summary")));
    for s in summary(r, lang) {
        let _ = writeln!(out, "<p class=\"summary\">{}</p>", escape(&s));
    }
    let parts = parts(r, lang, true);
    let mut parts = parts.iter();
    if let Some(first) = parts.next() {
        part_html(&mut out, first, lang);
    }
    let _ = writeln!(out, "<h2>{}</h2>\n{}", escape(t_in(lang, "report.part_charts")), charts(r, lang));
    for p in parts {
        part_html(&mut out, p, lang);
    }
    // No footer: the line under the title says when it was made, and a
    // footer alone on a last page would waste a sheet.
    let _ = writeln!(out, "</section>\n</body>\n</html>");
    out
}

fn part_html(out: &mut String, p: &Part, lang: Lang) {
    let _ = writeln!(out, "<h2>{}</h2>", escape(&p.title));
    if p.rows.is_empty() {
        let _ = writeln!(out, "<p class=\"none\">{}</p>", escape(t_in(lang, "report.none")));
        return;
    }
    let _ = write!(out, "<table class=\"report\">\n<thead><tr>");
    for h in &p.heads {
        let _ = write!(out, "<th>{}</th>", escape(t_in(lang, h)));
    }
    let _ = writeln!(out, "</tr></thead>");
    for row in &p.rows {
        let _ = write!(out, "<tr>");
        for c in row {
            let class = if matches!(c, Cell::Text(_)) { "" } else { " class=\"n\"" };
            let _ = write!(out, "<td{class}>{}</td>", escape(&c.text()));
        }
        let _ = writeln!(out, "</tr>");
    }
    let _ = writeln!(out, "</table>");
}

/// The workbook: the summary, then one sheet per part, numbers as numbers.
pub fn xlsx(r: &Report, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0.0%");
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(t_in(lang, "report.part_summary")))?;
    sheet.write_string_with_format(0, 0, title(r, lang), &bold)?;
    for (i, s) in summary(r, lang).iter().enumerate() {
        sheet.write_string(i as u32 + 2, 0, s)?;
    }
    for p in parts(r, lang, false) {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&p.title))?;
        for (c, h) in p.heads.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, t_in(lang, h), &bold)?;
            sheet.set_column_width(c as u16, if c == 0 { 12 } else { 9 })?;
        }
        for (i, row) in p.rows.iter().enumerate() {
            let at = i as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => sheet.write_string(at, c, s).map(|_| ())?,
                    Cell::Num(x) => sheet.write_number(at, c, *x).map(|_| ())?,
                    Cell::Share(Some(x)) => sheet.write_number_with_format(at, c, *x, &pct).map(|_| ())?,
                    Cell::Share(None) => sheet.write_string(at, c, "-").map(|_| ())?,
                }
            }
        }
    }
    book.save_to_buffer()
}

/// An Excel sheet's name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(s: &str) -> String {
    s.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}

/// Writes the report to `path`, `.html` or `.xlsx` by its extension.
pub fn write(path: &Path, r: &Report, lang: Lang, today: &str) -> Result<(), IoError> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => write_html(path, &html(r, lang, today)),
        "xlsx" => {
            let err = |m: String| IoError::Write { path: path.display().to_string(), message: m };
            let bytes = xlsx(r, lang).map_err(|e| err(e.to_string()))?;
            super::table::write_private(path, &bytes).map_err(|e| err(e.to_string()))
        }
        _ => Err(IoError::Extension { path: path.display().to_string() }),
    }
}
