//! Reading the files villages really have, into sheets of text cells.
//!
//! The kind of file is found from its bytes, not its name (a `.xls` renamed
//! `.xlsx` is read as what it is): a zip is `.xlsx`, `.xlsb` or `.ods`, a
//! compound file is `.xls` (BIFF8, Excel 97–2003 and WPS's default), a web
//! page is refused with a message, and anything else is text: the encoding
//! from its BOM (UTF-8, UTF-16LE/BE), else strict UTF-8, else GB18030 (what
//! Excel's "CSV (逗号分隔)" writes on Chinese Windows); the separator from
//! the lines themselves (comma or tab). Every sheet of a workbook is read
//! with its merged cells. What a file may make the program hold is bounded
//! before calamine reads it (`bounds`).

use super::bounds;
use calamine::{Data, Reader};
use std::path::Path;

/// A sheet as text: rows with their line number in the file (Excel's row
/// number for a workbook), and the merged ranges (first row, first column,
/// last row, last column; 0-based into `rows` order by line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<(usize, Vec<String>)>,
    pub merged: Vec<(usize, usize, usize, usize)>,
}

/// What a file turned out to be (for the report).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text { encoding: &'static str, tab: bool },
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Kind {
    pub fn describe(self) -> String {
        match self {
            Kind::Text { encoding, tab } => format!("{encoding} {}", if tab { "TAB" } else { "CSV" }),
            Kind::Xlsx => "xlsx".into(),
            Kind::Xlsb => "xlsb".into(),
            Kind::Xls => "xls".into(),
            Kind::Ods => "ods".into(),
        }
    }
}

/// Why a file could not be read.
pub type Error = String;

/// The largest file read at all.
const MAX_FILE: u64 = 128 * 1024 * 1024;

/// Reads every sheet of `path`.
pub fn sheets(path: &Path) -> Result<(Kind, Vec<Sheet>), Error> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > MAX_FILE {
        return Err(crate::i18n::tf("safety.file_too_big", &[("mb", &(size / 1024 / 1024).to_string())]));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if bytes.starts_with(b"PK\x03\x04") {
        return workbook_zip(&bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        bounds::check_xls(&bytes)?;
        let book = calamine::Xls::new(std::io::Cursor::new(bytes.as_slice())).map_err(|e| e.to_string())?;
        return Ok((Kind::Xls, read_book(book, merges_xls)?));
    }
    let (text, encoding) = decode(&bytes);
    if looks_like_html(&text) {
        return Err(crate::i18n::t("read.html").to_string());
    }
    let (tab, sheet) = text_sheet(&text)?;
    Ok((Kind::Text { encoding, tab }, vec![sheet]))
}

fn workbook_zip(bytes: &[u8]) -> Result<(Kind, Vec<Sheet>), Error> {
    let names = bounds::check_zip(bytes)?;
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    let cursor = || std::io::Cursor::new(bytes);
    // Both readers stream a sheet cell by cell; their types differ only.
    macro_rules! streamed {
        ($book:expr, $kind:expr, $merges:expr) => {{
            let mut book = $book.map_err(|e| e.to_string())?;
            let mut out = Vec::new();
            for name in book.sheet_names() {
                let merged = $merges(&mut book, &name);
                let mut cells = book.worksheet_cells_reader(&name).map_err(|e| e.to_string())?;
                let mut grid = Grid::default();
                while let Some(cell) = cells.next_cell().map_err(|e| e.to_string())? {
                    let (r, c) = cell.get_position();
                    grid.put(r, c, Data::from(cell.get_value().clone()))?;
                }
                drop(cells);
                out.push(grid.into_sheet(name, &merged));
            }
            return Ok(($kind, out));
        }};
    }
    if has("xl/workbook.xml") {
        streamed!(calamine::Xlsx::new(cursor()), Kind::Xlsx, |b: &mut calamine::Xlsx<_>, n: &str| b
            .merge_cells_by_sheet_name(n)
            .unwrap_or_default());
    }
    if has("xl/workbook.bin") {
        streamed!(calamine::Xlsb::new(cursor()), Kind::Xlsb, |_: &mut calamine::Xlsb<_>, _: &str| Vec::new());
    }
    if has("content.xml") {
        bounds::check_ods(bytes)?;
        let book = calamine::Ods::new(cursor()).map_err(|e| e.to_string())?;
        return Ok((Kind::Ods, read_book(book, |_, _| Vec::new())?));
    }
    Err(crate::i18n::t("read.unknown_zip").to_string())
}

/// Every sheet of a workbook read whole by calamine (after the bounds were
/// checked), with its merged ranges.
fn read_book<'a, R, F>(mut book: R, merges: F) -> Result<Vec<Sheet>, Error>
where
    R: Reader<std::io::Cursor<&'a [u8]>>,
    R::Error: std::fmt::Display,
    F: Fn(&R, &str) -> Vec<calamine::Dimensions>,
{
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => return Err(e.to_string()),
        };
        let merged = merges(&book, &name);
        let mut grid = Grid::default();
        if let Some((r0, c0)) = range.start() {
            for (i, row) in range.rows().enumerate() {
                for (j, cell) in row.iter().enumerate() {
                    grid.put(r0 + i as u32, c0 + j as u32, cell.clone())?;
                }
            }
        }
        out.push(grid.into_sheet(name, &merged));
    }
    Ok(out)
}

fn merges_xls(book: &calamine::Xls<std::io::Cursor<&[u8]>>, name: &str) -> Vec<calamine::Dimensions> {
    book.merge_cells_by_sheet_name(name).unwrap_or_default()
}

/// Cells gathered by position, bounded.
#[derive(Default)]
struct Grid {
    rows: std::collections::BTreeMap<u32, Vec<String>>,
}

impl Grid {
    fn put(&mut self, r: u32, c: u32, value: Data) -> Result<(), Error> {
        if r >= bounds::MAX_ROWS || c >= bounds::MAX_COLUMNS {
            return Err(bounds::too_big(r));
        }
        let text = cell_text(&value);
        if text.is_empty() {
            return Ok(());
        }
        let row = self.rows.entry(r).or_default();
        let c = c as usize;
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = text;
        Ok(())
    }

    fn into_sheet(self, name: String, merged: &[calamine::Dimensions]) -> Sheet {
        let rows: Vec<(usize, Vec<String>)> = self.rows.into_iter().map(|(r, cells)| (r as usize + 1, cells)).collect();
        let merged = merged
            .iter()
            .filter(|d| d.end.0 >= d.start.0 && d.end.1 >= d.start.1)
            .map(|d| (d.start.0 as usize, d.start.1 as usize, d.end.0 as usize, d.end.1 as usize))
            .collect();
        Sheet { name, rows, merged }
    }
}

/// A spreadsheet cell as text: whole numbers without `.0` (phones typed as
/// numbers), dates as `YYYY-MM-DD` (a time of day dropped).
pub fn cell_text(cell: &Data) -> String {
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

/// Text bytes to a string: BOM first, then strict UTF-8, then GB18030.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        let name = if enc == encoding_rs::UTF_8 { "UTF-8 BOM" } else { enc.name() };
        return (text.into_owned(), name);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), "GB18030")
        }
    }
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<table") || head.contains("<html")
}

/// Tab or comma: the one that splits the most of the first lines into
/// more than one field.
fn separator(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(30).collect();
    let tabs = lines.iter().filter(|l| l.contains('\t')).count();
    let commas = lines.iter().filter(|l| l.contains(',')).count();
    if tabs > commas { b'\t' } else { b',' }
}

/// A text file as one sheet; line numbers are the file's lines (a record
/// spanning lines is numbered by its first).
fn text_sheet(text: &str) -> Result<(bool, Sheet), Error> {
    let sep = separator(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(sep).from_reader(text.as_bytes());
    // Line numbers counted from the bytes (the csv reader's own count is
    // off by one per CRLF line break).
    let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |byte: usize| starts.partition_point(|s| *s <= byte);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut i = 0u32;
    loop {
        let read = reader.read_record(&mut record).map_err(|e| e.to_string())?;
        if !read {
            break;
        }
        if i >= bounds::MAX_ROWS || record.len() as u32 > bounds::MAX_COLUMNS {
            return Err(bounds::too_big(i));
        }
        // The record's first byte: past any line break the reader stopped at.
        let mut at = record.position().map_or(0, |p| p.byte() as usize);
        while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        rows.push((line_of(at), record.iter().map(|f| super::table::csv_unsafe(f).to_string()).collect()));
        i += 1;
    }
    Ok((sep == b'\t', Sheet { name: String::new(), rows, merged: Vec::new() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_apart() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("村,户主\n湖口村,刘䶮\n");
        assert_eq!(decode(&gbk), ("村,户主\n湖口村,刘䶮\n".to_string(), "GB18030"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("村".as_bytes());
        assert_eq!(decode(&bom).0, "村");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "村\t户主".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16), ("村\t户主".to_string(), "UTF-16LE"));
    }

    #[test]
    fn crlf_lines_are_numbered_as_excel_shows_them() {
        let (_, s) = text_sheet("村,户主\r\n湖口村,甲\r\n\r\n湖口村,乙\r\n").unwrap();
        let lines: Vec<usize> = s.rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, vec![1, 2, 4]);
    }
}
