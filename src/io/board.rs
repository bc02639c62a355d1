//! The public board (公示): a printable A4 page per village with the
//! quarter's 季度之星 and 警示党员, written as self-contained HTML that
//! prints cleanly from any browser.

use super::table::IoError;
use crate::domain::score::Label;
use crate::i18n::{Lang, t_in, tf_in};
use crate::present::scores;
use crate::store::scores::Board;
use std::fmt::Write as _;
use std::path::Path;

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "@page { size: A4; margin: 15mm 15mm; }
body { font-family: 'SimSun', 'Songti SC', 'Noto Serif CJK SC', serif; color: #000; margin: 0; }
section { page-break-after: always; break-after: page; }
section:last-child { page-break-after: auto; break-after: auto; }
h1 { text-align: center; font-size: 20pt; margin: 0 0 3mm; }
p.sub { text-align: center; font-size: 11pt; margin: 0 0 5mm; }
h2 { font-size: 14pt; border-bottom: 1px solid #000; padding-bottom: 1mm; margin: 5mm 0 2mm; }
table { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 1.25; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 0.8mm 2.5mm; text-align: left; }
th { background: #eee; }
p.note { font-size: 10pt; margin: 2mm 0; }
p.none { font-style: italic; }
div.end { break-inside: avoid; page-break-inside: avoid; }
p.notice { font-size: 10.5pt; margin: 4mm 0 0; }
footer { margin-top: 6mm; text-align: right; }";

/// The start of a printable A4 page: the document head with its style.
pub fn head(lang: Lang, title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n",
        if lang == Lang::Zh { "zh-CN" } else { "en" },
        escape(title)
    )
}

/// A table with a header row (i18n keys) and escaped cells.
pub fn table(out: &mut String, lang: Lang, heads: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    // The header row repeats on a new page.
    let _ = write!(out, "<table>\n<thead><tr>");
    for h in heads {
        let _ = write!(out, "<th>{}</th>", escape(t_in(lang, h)));
    }
    let _ = writeln!(out, "</tr></thead>");
    for cells in rows {
        let _ = write!(out, "<tr>");
        for c in cells {
            let _ = write!(out, "<td>{}</td>", escape(&c));
        }
        let _ = writeln!(out, "</tr>");
    }
    let _ = writeln!(out, "</table>");
}

/// How long the board is posted and whom objections go to.
#[derive(Debug, Clone, Default)]
pub struct Notice {
    pub days: u32,
    pub phone: String,
}

/// The HTML of one page per board.
pub fn html(boards: &[Board], lang: Lang, today: &str, notice: &Notice) -> String {
    let title = boards
        .first()
        .map(|b| tf_in(lang, "board.title", &[("village", &b.village), ("quarter", &scores::quarter_words(b.quarter, lang))]));
    let mut out = head(lang, &title.unwrap_or_default());
    for b in boards {
        page(&mut out, b, lang, today, notice);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn page(out: &mut String, b: &Board, lang: Lang, today: &str, notice: &Notice) {
    let _ = writeln!(out, "<section>");
    let quarter = scores::quarter_words(b.quarter, lang);
    let _ = writeln!(out, "<h1>{}</h1>", escape(&tf_in(lang, "board.title", &[("village", &b.village), ("quarter", &quarter)])));
    let state = match &b.finalized {
        Some(f) => tf_in(lang, "board.final", &[("date", f.at.get(..10).unwrap_or(&f.at))]),
        None => tf_in(lang, "board.draft", &[("date", today)]),
    };
    let _ = writeln!(out, "<p class=\"sub\">{}<br>{}</p>", escape(&scores::caps_line(b, lang)), escape(&state));
    for (label, key) in [(Label::Star, "board.stars"), (Label::Warning, "board.warnings")] {
        let _ = writeln!(out, "<h2>{}</h2>", escape(t_in(lang, key)));
        let rows: Vec<_> = b.rows.iter().filter(|r| r.label == Some(label)).collect();
        if rows.is_empty() {
            let _ = writeln!(out, "<p class=\"none\">{}</p>", escape(t_in(lang, "board.nobody")));
            continue;
        }
        let heads = ["col.rank", "col.member", "col.role", "col.compliance", "col.satisfaction", "col.points"];
        let cells = rows.iter().map(|r| {
            vec![
                r.rank.map(|n| n.to_string()).unwrap_or_default(),
                r.member.clone(),
                r.role.label(lang).to_string(),
                scores::percent(r.compliance),
                scores::percent(r.satisfaction),
                scores::one_decimal(r.points),
            ]
        });
        table(out, lang, &heads, cells);
    }
    for note in scores::block_notes(b, lang) {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&note));
    }
    // 公示期: from the day printed, `notice.days` days; objections to the branch.
    let mut notice_line = String::new();
    if let Some(from) = crate::store::parse_date(today) {
        let to = from + chrono::Days::new(u64::from(notice.days.max(1) - 1));
        let (from, to) = (crate::present::date(from), crate::present::date(to));
        let days = notice.days.max(1).to_string();
        let mut line = tf_in(lang, "board.notice", &[("from", &from), ("to", &to), ("days", &days), ("village", &b.village)]);
        if !notice.phone.trim().is_empty() {
            line.push_str(&tf_in(lang, "board.notice_phone", &[("phone", notice.phone.trim())]));
        }
        notice_line = format!("<p class=\"notice\">{}</p>\n", escape(&line));
    }
    // The 公示期 and the signature stay together (never the signature alone).
    let footer = escape(&tf_in(lang, "board.footer", &[("village", &b.village), ("date", today)]));
    let _ = writeln!(out, "<div class=\"end\">{notice_line}<footer>{footer}</footer></div>");
    let _ = writeln!(out, "</section>");
}

/// Writes the boards to `path`, readable by owner and group only.
pub fn write(path: &Path, boards: &[Board], lang: Lang, today: &str, notice: &Notice) -> Result<(), IoError> {
    write_html(path, &html(boards, lang, today, notice))
}

/// Writes an HTML page (`.html` / `.htm`), readable by owner and group only.
pub fn write_html(path: &Path, html: &str) -> Result<(), IoError> {
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")) {
        return Err(IoError::Extension { path: path.display().to_string() });
    }
    super::table::write_private(path, html.as_bytes())
        .map_err(|e| IoError::Write { path: path.display().to_string(), message: e.to_string() })
}
