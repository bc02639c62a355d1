//! What a file may make the program hold, checked before a workbook is
//! read: at most `MAX_ROWS` rows and `MAX_COLUMNS` columns of cells, a
//! sheet of at most `MAX_CELLS` cells where a reader lays cells out densely
//! (`.xls`, `.ods`), zips that inflate to at most `MAX_INFLATED`, and no
//! more shared strings than `MAX_STRINGS`. Beyond them a file is refused
//! with a message, never read on.

use std::io::Read;

pub const MAX_ROWS: u32 = 200_000;
pub const MAX_COLUMNS: u32 = 200;
pub const MAX_CELLS: u64 = 5_000_000;
const MAX_INFLATED: u64 = 256 * 1024 * 1024;
const MAX_PARTS: usize = 10_000;
const MAX_STRINGS: u64 = 5_000_000;

/// The message for a cell beyond the bounds at 0-based row `r`.
pub fn too_big(r: u32) -> String {
    crate::i18n::tf(
        "safety.sheet_too_big",
        &[("rows", &MAX_ROWS.to_string()), ("columns", &MAX_COLUMNS.to_string()), ("row", &(u64::from(r) + 1).to_string())],
    )
}

/// Checks a zip's directory (the sizes its parts say they inflate to: the
/// zip reader holds each part to its declared size; their number) and the
/// shared strings an `.xlsx` declares. Returns the parts' names.
pub fn check_zip(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    if zip.len() > MAX_PARTS {
        return Err(crate::i18n::tf("safety.too_many_parts", &[("count", &zip.len().to_string())]));
    }
    let mut inflated: u64 = 0;
    let mut names = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| e.to_string())?;
        inflated = inflated.saturating_add(entry.size());
        names.push(entry.name().map(|n| n.to_string()).unwrap_or_default());
    }
    if inflated > MAX_INFLATED {
        return Err(crate::i18n::tf("safety.too_big_inflated", &[("mb", &(inflated / 1024 / 1024).to_string())]));
    }
    if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case("xl/sharedStrings.xml")) {
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
    Ok(names)
}

/// `.xls`: walks the BIFF records of the workbook stream. calamine reserves
/// room for what a sheet's DIMENSIONS record declares and lays its cells
/// out densely, so both the declared and the actual extent of every sheet
/// must stay within bounds.
pub fn check_xls(bytes: &[u8]) -> Result<(), String> {
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let name =
        ["/Workbook", "/Book"].into_iter().find(|n| file.is_stream(n)).ok_or_else(|| crate::i18n::t("read.no_workbook").to_string())?;
    let mut stream = Vec::new();
    file.open_stream(name).map_err(|e| e.to_string())?.take(bytes.len() as u64 * 2).read_to_end(&mut stream).map_err(|e| e.to_string())?;
    let u16_at = |d: &[u8], i: usize| d.get(i..i + 2).map_or(0, |b| u32::from(u16::from_le_bytes([b[0], b[1]])));
    let u32_at = |d: &[u8], i: usize| d.get(i..i + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    let mut extent = (0u32, 0u32);
    let mut at = 0usize;
    while at + 4 <= stream.len() {
        let kind = u16_at(&stream, at);
        let len = u16_at(&stream, at + 2) as usize;
        let data = &stream[at + 4..(at + 4 + len).min(stream.len())];
        at += 4 + len;
        match kind {
            // BOF: a new sheet's extent.
            0x0809 => extent = (0, 0),
            // DIMENSIONS: first row, last row + 1, first column, last column + 1.
            0x0200 => {
                let rows = u32_at(data, 4).saturating_sub(u32_at(data, 0));
                let cols = u16_at(data, 10).saturating_sub(u16_at(data, 8));
                within(rows, cols)?;
            }
            // Cells: row, column first.
            0x0203 | 0x027E | 0x00FD | 0x0204 | 0x00D6 | 0x0201 | 0x0205 | 0x0006 | 0x0207 => {
                extent = (extent.0.max(u16_at(data, 0) + 1), extent.1.max(u16_at(data, 2) + 1));
                within(extent.0, extent.1)?;
            }
            // MULRK and MULBLANK: row, first column, …, last column.
            0x00BD | 0x00BE if data.len() >= 6 => {
                let last = u16_at(data, data.len() - 2);
                extent = (extent.0.max(u16_at(data, 0) + 1), extent.1.max(last + 1));
                within(extent.0, extent.1)?;
            }
            _ => {}
        }
    }
    Ok(())
}

fn within(rows: u32, cols: u32) -> Result<(), String> {
    if rows > MAX_ROWS || cols > MAX_COLUMNS || u64::from(rows) * u64::from(cols) > MAX_CELLS {
        return Err(too_big(rows.saturating_sub(1)));
    }
    Ok(())
}

/// `.ods`: walks `content.xml`, where a row or cell may be repeated any
/// number of times; the extent of the cells that hold something must stay
/// within bounds (calamine skips the empty repeats LibreOffice writes).
pub fn check_ods(bytes: &[u8]) -> Result<(), String> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let content = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let repeat = |e: &quick_xml::events::BytesStart<'_>, key: &str| -> u64 {
        e.attributes().flatten().find(|a| a.key.as_ref() == key).and_then(|a| a.value.parse().ok()).unwrap_or(1)
    };
    let (mut row, mut row_repeat, mut col) = (0u64, 1u64, 0u64);
    let (mut row_full, mut max_row, mut max_col) = (false, 0u64, 0u64);
    loop {
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "table" => (row, max_row, max_col) = (0, 0, 0),
            Event::Start(e) if e.local_name().as_ref() == "table-row" => {
                (row_repeat, col, row_full) = (repeat(&e, "table:number-rows-repeated"), 0, false);
            }
            Event::Empty(e) if e.local_name().as_ref() == "table-row" => row += repeat(&e, "table:number-rows-repeated"),
            Event::End(e) if e.local_name().as_ref() == "table-row" => {
                if row_full {
                    max_row = max_row.max(row + row_repeat);
                }
                row += row_repeat;
            }
            Event::Start(e) | Event::Empty(e) if matches!(e.local_name().as_ref(), "table-cell" | "covered-table-cell") => {
                let n = repeat(&e, "table:number-columns-repeated");
                let full = e.attributes().flatten().any(|a| a.key.as_ref() == "office:value-type");
                if full {
                    row_full = true;
                    max_col = max_col.max(col + n);
                }
                col += n;
            }
            Event::Eof => break,
            _ => {}
        }
        if max_row > u64::from(MAX_ROWS) || max_col > u64::from(MAX_COLUMNS) || max_row * max_col > MAX_CELLS {
            return Err(too_big(u32::try_from(max_row).unwrap_or(u32::MAX).saturating_sub(1)));
        }
        buf.clear();
    }
    Ok(())
}
