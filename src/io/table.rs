//! Reading and writing a table of text cells, as CSV (UTF-8, BOM optional on
//! read, written with a BOM for Excel) or as .xlsx (first sheet), by extension.

use calamine::{Data, Reader};
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

/// Reads a table; blank rows are skipped.
pub fn read_table(path: &Path) -> Result<Table, IoError> {
    let mut table = match format_of(path) {
        Some(Format::Csv) => read_csv(path)?,
        Some(Format::Xlsx) => read_xlsx(path)?,
        None => return Err(IoError::Extension { path: display(path) }),
    };
    if table.headers.iter().all(|h| h.trim().is_empty()) {
        return Err(IoError::NoHeader { path: display(path) });
    }
    table.rows.retain(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    Ok(table)
}

fn read_csv(path: &Path) -> Result<Table, IoError> {
    let bytes = std::fs::read(path).map_err(|e| IoError::Read { path: display(path), message: e.to_string() })?;
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut table = Table::default();
    for (i, record) in reader.byte_records().enumerate() {
        let record = record.map_err(|e| IoError::Read { path: display(path), message: e.to_string() })?;
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        let mut cells = Vec::with_capacity(record.len());
        for field in record.iter() {
            match std::str::from_utf8(field) {
                Ok(s) => cells.push(csv_unsafe(s).to_string()),
                Err(_) => {
                    return Err(IoError::Read {
                        path: display(path),
                        message: crate::i18n::tf("err.not_utf8", &[("line", &line.to_string())]),
                    });
                }
            }
        }
        if i == 0 {
            table.headers = cells;
        } else {
            table.rows.push((line, cells));
        }
    }
    Ok(table)
}

/// A spreadsheet cell as text: whole numbers without `.0` (phones typed as
/// numbers), dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.as_datetime().map(|d| d.date().format("%Y-%m-%d").to_string()).unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// What a workbook may make the program hold: rows and columns of a sheet,
/// the inflated size of all its parts, and the shared strings it declares.
/// Beyond them a file is refused with a message, never read on.
pub const MAX_ROWS: u32 = 200_000;
pub const MAX_COLUMNS: u32 = 200;
const MAX_INFLATED: u64 = 256 * 1024 * 1024;
const MAX_PARTS: usize = 10_000;
const MAX_STRINGS: u64 = 5_000_000;

/// Checks a workbook's zip directory before calamine reads it: the sizes
/// each part says it inflates to (the zip reader holds every part to the
/// size it declares), their number, and the count of shared strings that
/// calamine would reserve room for.
fn check_workbook(path: &Path) -> Result<(), String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| e.to_string())?;
    if zip.len() > MAX_PARTS {
        return Err(crate::i18n::tf("safety.too_many_parts", &[("count", &zip.len().to_string())]));
    }
    let mut inflated: u64 = 0;
    let mut strings = None;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| e.to_string())?;
        inflated = inflated.saturating_add(entry.size());
        if entry.name().is_ok_and(|n| n.eq_ignore_ascii_case("xl/sharedStrings.xml")) {
            strings = Some(i);
        }
    }
    if inflated > MAX_INFLATED {
        return Err(crate::i18n::tf("safety.too_big_inflated", &[("mb", &(inflated / 1024 / 1024).to_string())]));
    }
    if let Some(i) = strings {
        let mut head = Vec::new();
        zip.by_index(i).map_err(|e| e.to_string())?.take(4096).read_to_end(&mut head).map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&head);
        let declared = ["uniqueCount=\"", "count=\""].iter().filter_map(|k| {
            let at = text.find(k)? + k.len();
            text[at..].split('"').next()?.trim().parse::<u64>().ok()
        });
        if let Some(n) = declared.max().filter(|n| *n > MAX_STRINGS) {
            return Err(crate::i18n::tf("safety.too_many_strings", &[("count", &n.to_string())]));
        }
    }
    Ok(())
}

/// Reads the first sheet cell by cell (never as one range sized by what
/// the sheet declares), refusing a cell beyond `MAX_ROWS` × `MAX_COLUMNS`.
fn read_xlsx(path: &Path) -> Result<Table, IoError> {
    let err = |m: String| IoError::Read { path: display(path), message: m };
    check_workbook(path).map_err(err)?;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).map_err(|e: calamine::XlsxError| err(e.to_string()))?;
    let Some(first) = book.sheet_names().first().cloned() else { return Err(err(crate::i18n::t("err.no_sheet").to_string())) };
    let mut cells = book.worksheet_cells_reader(&first).map_err(|e| err(e.to_string()))?;
    let mut rows: std::collections::BTreeMap<u32, Vec<String>> = std::collections::BTreeMap::new();
    while let Some(cell) = cells.next_cell().map_err(|e| err(e.to_string()))? {
        let (r, c) = cell.get_position();
        if r >= MAX_ROWS || c >= MAX_COLUMNS {
            return Err(err(crate::i18n::tf(
                "safety.sheet_too_big",
                &[("rows", &MAX_ROWS.to_string()), ("columns", &MAX_COLUMNS.to_string()), ("row", &(u64::from(r) + 1).to_string())],
            )));
        }
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        let row = rows.entry(r).or_default();
        let c = c as usize;
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = text;
    }
    let mut table = Table::default();
    for (r, cells) in rows {
        if table.headers.is_empty() {
            table.headers = cells;
        } else {
            table.rows.push((r as usize + 1, cells));
        }
    }
    Ok(table)
}

/// Writes a table, replacing the file. CSV gets a BOM so Excel on Chinese
/// Windows reads it as UTF-8. The file is readable by owner and group only.
pub fn write_table(path: &Path, headers: &[&str], rows: &[Vec<String>]) -> Result<(), IoError> {
    write_sheets(path, headers, &[("", rows)])
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
            let bold = rust_xlsxwriter::Format::new().set_bold();
            let mut names: Vec<String> = Vec::new();
            for &(name, rows) in sheets {
                let sheet = book.add_worksheet();
                if !name.is_empty() {
                    let n = sheet_name(name, &names);
                    sheet.set_name(&n).map_err(|e| err(e.to_string()))?;
                    names.push(n);
                }
                for (c, h) in headers.iter().enumerate() {
                    sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(|e| err(e.to_string()))?;
                }
                for (r, row) in rows.iter().enumerate() {
                    for (c, v) in row.iter().enumerate() {
                        sheet.write_string((r + 1) as u32, c as u16, v).map_err(|e| err(e.to_string()))?;
                    }
                }
            }
            let bytes = book.save_to_buffer().map_err(|e| err(e.to_string()))?;
            write_private(path, &bytes).map_err(|e| err(e.to_string()))
        }
        None => Err(IoError::Extension { path: display(path) }),
    }
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

    #[test]
    fn unknown_extension_is_refused() {
        assert!(matches!(read_table(Path::new("x.txt")), Err(IoError::Extension { .. })));
    }
}
