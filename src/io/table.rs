//! Reading and writing a table of text cells, as CSV (UTF-8, BOM optional on
//! read, written with a BOM for Excel) or as .xlsx (first sheet), by extension.

use calamine::{Data, Reader, open_workbook_auto};
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
                Ok(s) => cells.push(s.to_string()),
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

fn read_xlsx(path: &Path) -> Result<Table, IoError> {
    let err = |m: String| IoError::Read { path: display(path), message: m };
    let mut book = open_workbook_auto(path).map_err(|e| err(e.to_string()))?;
    let range =
        book.worksheet_range_at(0).ok_or_else(|| err(crate::i18n::t("err.no_sheet").to_string()))?.map_err(|e| err(e.to_string()))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let mut table = Table::default();
    for (i, row) in range.rows().enumerate() {
        let mut cells: Vec<String> = std::iter::repeat_n(String::new(), first_col).collect();
        cells.extend(row.iter().map(cell_text));
        let line = first_row + i + 1;
        if table.headers.is_empty() && i == 0 {
            table.headers = cells;
        } else {
            table.rows.push((line, cells));
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
                    w.write_record(r).map_err(|e| err(e.to_string()))?;
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

/// Writes bytes to a new file readable by owner and group only.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o640);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
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
    fn unknown_extension_is_refused() {
        assert!(matches!(read_table(Path::new("x.txt")), Err(IoError::Extension { .. })));
    }
}
