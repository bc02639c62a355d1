//! Contact cards (联系卡): eight cards to an A4 page, one per linked
//! household — the member's name, unit and phone, the household, the
//! village — as self-contained HTML that prints cleanly from any browser.

use super::board::escape;
use super::table::IoError;
use crate::i18n::{Lang, t_in};
use crate::store::linking::Card;
use std::fmt::Write as _;
use std::path::Path;

/// Cards per printed page (two columns, four rows).
pub const PER_PAGE: usize = 8;

const STYLE: &str = "@page { size: A4; margin: 10mm; }
body { font-family: 'SimSun', 'Songti SC', 'Noto Serif CJK SC', serif; color: #000; margin: 0; }
.page { display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: 66mm; gap: 4mm; page-break-after: always; break-after: page; }
.page:last-child { page-break-after: auto; break-after: auto; }
.card { border: 1px dashed #000; padding: 4mm 5mm; break-inside: avoid; font-size: 11pt; line-height: 1.6; }
.card h2 { font-size: 14pt; text-align: center; margin: 0 0 2mm; letter-spacing: 2pt; }
.card .phone { font-size: 15pt; font-weight: bold; }
.card .note { font-size: 9pt; margin-top: 1mm; }";

pub fn html(cards: &[Card], lang: Lang) -> String {
    let tr = |k: &str| escape(t_in(lang, k));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n",
        if lang == Lang::Zh { "zh-CN" } else { "en" },
        tr("card.title")
    );
    for page in cards.chunks(PER_PAGE) {
        out.push_str("<div class=\"page\">\n");
        for c in page {
            let place = if c.group.is_empty() { c.village.clone() } else { format!("{} {}", c.village, c.group) };
            let unit = if c.unit.is_empty() { c.role.label(lang).to_string() } else { format!("{} · {}", c.role.label(lang), c.unit) };
            let _ = writeln!(
                out,
                "<div class=\"card\"><h2>{}</h2>\
                 <div>{}：{}</div><div>{}：{}</div><div>{}：{}</div>\
                 <div>{}：<b>{}</b>（{}）</div><div class=\"phone\">{}：{}</div><div class=\"note\">{}</div></div>",
                tr("card.title"),
                tr("col.village"),
                escape(&place),
                tr("col.head"),
                escape(&c.head),
                tr("col.address"),
                escape(&c.address),
                tr("card.member"),
                escape(&c.member),
                escape(&unit),
                tr("col.phone"),
                escape(&c.phone),
                tr("card.note"),
            );
        }
        out.push_str("</div>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

pub fn write(path: &Path, cards: &[Card], lang: Lang) -> Result<(), IoError> {
    super::board::write_html(path, &html(cards, lang))
}
