//! Reading and writing a table of text cells, as CSV (UTF-8, BOM optional on
//! read, written with a BOM for Excel) or as .xlsx (first sheet), by extension.

use std::path::Path;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum IoError {
    #[error("{path}: {}", crate::i18n::t("err.extension"))]
    Extension { path: String },
    #[error("{path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}: {message}")]
    Write { path: String, message: String },
    #[error("{path}: {}", crate::i18n::t("err.no_header"))]
    NoHeader { path: String },
}

/// A sheet: the header row and the data rows, each with its line number
/// in the file (the header is line 1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" => Some(Format::Csv),
        "xlsx" => Some(Format::Xlsx),
        _ => None,
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Reads a file's first sheet as a table whose first row is the header
/// (the contract's own layout; imports find the header themselves, see
/// `io::understood`). Blank rows are skipped.
pub fn read_table(path: &Path) -> Result<Table, IoError> {
    let (_, sheets) = super::read::sheets(path).map_err(|message| IoError::Read { path: display(path), message })?;
    let mut rows = sheets.into_iter().next().map(|s| s.rows).unwrap_or_default().into_iter();
    let headers = rows.next().map(|(_, h)| h).unwrap_or_default();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(IoError::NoHeader { path: display(path) });
    }
    let mut table = Table { headers, rows: rows.collect() };
    table.rows.retain(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    Ok(table)
}

/// Writes a table, replacing the file. CSV gets a BOM so Excel on Chinese
/// Windows reads it as UTF-8. The file is readable by owner and group only.
pub fn write_table(path: &Path, headers: &[&str], rows: &[Vec<String>]) -> Result<(), IoError> {
    write_sheets(path, headers, &[("", rows)])
}

/// As `write_table`, the xlsx sheet named for what it holds (住户, 党员, …).
pub fn write_named(path: &Path, sheet: &str, headers: &[&str], rows: &[Vec<String>]) -> Result<(), IoError> {
    write_sheets(path, headers, &[(sheet, rows)])
}

/// An Excel sheet's name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(28).collect();
    let base = if clean.trim().is_empty() { "-".to_string() } else { clean };
    let mut out = base.clone();
    let mut n = 1;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&out)) {
        n += 1;
        out = format!("{base}{n}");
    }
    out
}

/// Writes tables with the same headers: in `.xlsx` one sheet each, named
/// (an empty name keeps Excel's); in `.csv` one after the other.
pub fn write_sheets(path: &Path, headers: &[&str], sheets: &[(&str, &[Vec<String>])]) -> Result<(), IoError> {
    let err = |m: String| IoError::Write { path: display(path), message: m };
    match format_of(path) {
        Some(Format::Csv) => {
            let mut out: Vec<u8> = "\u{FEFF}".as_bytes().to_vec();
            {
                let mut w = csv::Writer::from_writer(&mut out);
                w.write_record(headers).map_err(|e| err(e.to_string()))?;
                for r in sheets.iter().flat_map(|(_, rows)| rows.iter()) {
                    w.write_record(r.iter().map(|c| csv_safe(c).into_owned())).map_err(|e| err(e.to_string()))?;
                }
                w.flush().map_err(|e| err(e.to_string()))?;
            }
            write_private(path, &out).map_err(|e| err(e.to_string()))
        }
        Some(Format::Xlsx) => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let mut names: Vec<String> = Vec::new();
            for &(name, rows) in sheets {
                let sheet = book.add_worksheet();
                if !name.is_empty() {
                    let n = sheet_name(name, &names);
                    sheet.set_name(&n).map_err(|e| err(e.to_string()))?;
                    names.push(n);
                }
                write_sheet(sheet, headers, rows).map_err(|e| err(e.to_string()))?;
            }
            let bytes = book.save_to_buffer().map_err(|e| err(e.to_string()))?;
            write_private(path, &bytes).map_err(|e| err(e.to_string()))
        }
        None => Err(IoError::Extension { path: display(path) }),
    }
}

/// What a column holds, from its header: Excel then gets real date cells,
/// numbers and percentages (so a clerk can sort, sum and filter), and text
/// stays text (phones keep their leading digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Date,
    Number,
    Percent,
    Text,
}

fn kind_of(header: &str) -> Kind {
    const NUMBERS: &[&str] =
        &["人口", "应访", "已访", "漏访", "积分", "分值", "名次", "联系户数", "加减分", "转化", "解决问题", "年内警示", "户数", "次数"];
    match header {
        h if h.ends_with("日期") || h == "最近走访" || h == "下次走访" => Kind::Date,
        "完成率" | "满意度" => Kind::Percent,
        h if NUMBERS.contains(&h) => Kind::Number,
        _ => Kind::Text,
    }
}

/// One sheet: a bold header row frozen above an autofilter, each column as
/// wide as its content (CJK counted double), cells typed by `kind_of`.
fn write_sheet(sheet: &mut rust_xlsxwriter::Worksheet, headers: &[&str], rows: &[Vec<String>]) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{ExcelDateTime, Format};
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0.0%");
    let kinds: Vec<Kind> = headers.iter().map(|h| kind_of(h)).collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| crate::domain::text::width(h)).collect();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = (r + 1) as u32;
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let col = c as u16;
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(crate::domain::text::width(v));
            }
            let kind = kinds.get(c).copied().unwrap_or(Kind::Text);
            match (kind, crate::store::parse_date(v), v.parse::<f64>()) {
                (Kind::Date, Some(d), _) => {
                    use chrono::Datelike;
                    let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(r, col, &dt, &date)?;
                }
                (Kind::Number, _, Ok(n)) if n.is_finite() => {
                    sheet.write_number(r, col, n)?;
                }
                (Kind::Percent, _, Ok(n)) if n.is_finite() => {
                    sheet.write_number_with_format(r, col, n, &percent)?;
                }
                _ => {
                    sheet.write_string(r, col, v)?;
                }
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*w).clamp(4, 60) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if !headers.is_empty() {
        sheet.autofilter(0, 0, rows.len() as u32, (headers.len() - 1) as u16)?;
    }
    Ok(())
}

/// Writes bytes as a new file readable by owner and group only (0640),
/// through a temporary file renamed over the target when complete: a
/// failed write leaves the old file whole. A symbolic link is refused.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::store::files::write_atomic(path, bytes)
}

/// A cell as it goes into a CSV file that Excel or WPS will open: one that
/// would start a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
/// first) gets a `'` in front, as OWASP advises for CSV injection. Plain
/// numbers (`-5`, `+2.5`) stay numbers.
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = match cell.as_bytes().first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !is_number(&cell[1..]),
        _ => false,
    };
    if risky { std::borrow::Cow::Owned(format!("'{cell}")) } else { std::borrow::Cow::Borrowed(cell) }
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.') && s.chars().filter(|c| *c == '.').count() <= 1
}

/// The inverse of `csv_safe`, on import: the `'` lianhu (or a careful
/// clerk) put before a formula character is taken off again.
pub fn csv_unsafe(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if matches!(rest.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_round_trip_with_bom_and_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        write_table(&p, &["村", "户主"], &[vec!["湖口村".into(), "张三,丰".into()]]).unwrap();
        let raw = std::fs::read(&p).unwrap();
        assert!(raw.starts_with("\u{FEFF}".as_bytes()));
        let t = read_table(&p).unwrap();
        assert_eq!(t.headers, vec!["村", "户主"]);
        assert_eq!(t.rows, vec![(2, vec!["湖口村".to_string(), "张三,丰".to_string()])]);
    }

    #[test]
    fn xlsx_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.xlsx");
        write_table(&p, &["村", "户主"], &[vec!["湖口村".into(), "李四".into()], vec!["湖口村".into(), "王五".into()]]).unwrap();
        let t = read_table(&p).unwrap();
        assert_eq!(t.headers, vec!["村", "户主"]);
        assert_eq!(t.rows[1], (3, vec!["湖口村".to_string(), "王五".to_string()]));
    }

    #[test]
    fn formulas_are_neutralised_in_csv_and_come_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        let risky = ["=HYPERLINK(\"http://x\",\"点我\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\tx"];
        let rows: Vec<Vec<String>> = risky.iter().map(|c| vec![c.to_string(), "-5".into(), "+2.5".into()]).collect();
        write_table(&p, &["备注", "分值", "其他"], &rows).unwrap();
        let raw = String::from_utf8(std::fs::read(&p).unwrap()).unwrap();
        assert!(raw.contains("'=HYPERLINK"), "{raw}");
        assert!(raw.contains("'+cmd") && raw.contains("'@SUM") && raw.contains("'-2+3"));
        assert!(raw.contains(",-5,+2.5"), "numbers stay numbers: {raw}");
        let back = read_table(&p).unwrap();
        for (row, want) in back.rows.iter().zip(risky) {
            assert_eq!(row.1[0], want);
        }
    }
}
