//! What an import understood of a file, before anything is looked up or
//! written: which sheets were read and which skipped (and why), the header
//! row found in each, the mapping `文件列 → 字段` and the columns ignored;
//! and the rows as the contract's columns, their values cleaned
//! (`io::clean`). Every import report begins with these lines.

use super::columns::Column;
use super::import::{Problem, Problems};
use super::layout;
use super::read::{self, Sheet};
use crate::i18n::tf;
use std::path::Path;

/// A file understood.
#[derive(Debug, Clone, Default)]
pub struct Understood {
    /// The report's opening lines.
    pub lines: Vec<String>,
    /// The rows, cells in `columns` order: (sheet name, line, cells).
    pub rows: Vec<(String, usize, Vec<String>)>,
    /// Values that could not be understood (a date without a year).
    pub problems: Problems,
}

/// Reads `file` for `columns`. `village` fills the 村 column when the
/// sheet has none (`--village`). `members` marks a members import (whose
/// phone is the member's own). Err holds the report's lines when no sheet
/// holds the table, with a problem per missing column (at the row most
/// like a header), or the reason the file could not be read.
pub fn read(
    file: &Path,
    columns: &[Column],
    members: bool,
    village: Option<&str>,
) -> Result<Understood, (Vec<String>, Result<Problems, String>)> {
    let (kind, sheets) = read::sheets(file).map_err(|e| (Vec::new(), Err(format!("{}: {e}", file.display()))))?;
    let given: Vec<&str> = if village.is_some() { vec!["village"] } else { Vec::new() };
    let mut u = Understood::default();
    u.lines.push(tf("understood.file", &[("file", &file.display().to_string()), ("kind", &kind.describe())]));
    let named = sheets.len() > 1;
    let mut closest: Option<(String, layout::NotFound)> = None;
    let mut read_any = false;
    for sheet in &sheets {
        let label = sheet.name.clone();
        if sheet.rows.is_empty() {
            if named {
                u.lines.push(tf("understood.skipped_empty", &[("sheet", &label)]));
            }
            continue;
        }
        match layout::find(sheet, columns, members, &given) {
            Ok(found) => {
                read_any = true;
                describe(&mut u.lines, &label, &found, columns);
                take_rows(&mut u, sheet, &found, columns, village);
            }
            Err(nf) => {
                // A sheet that names no column at all (填表说明) is said briefly.
                let why = if nf.any_header { missing_text(&nf, columns) } else { crate::i18n::t("understood.no_table").to_string() };
                u.lines.push(tf("understood.skipped", &[("sheet", &label), ("why", &why)]));
                let better = closest.as_ref().is_none_or(|(_, c)| nf.missing.len() < c.missing.len());
                if better {
                    closest = Some((label, nf));
                }
            }
        }
    }
    if !read_any {
        let mut lines = u.lines;
        let mut problems = Problems::default();
        if let Some((label, nf)) = closest {
            let at = nf.best_line.map(|l| tf("understood.closest", &[("sheet", &label), ("line", &l.to_string())])).unwrap_or_default();
            lines.push(tf("understood.no_header", &[("closest", &at)]));
            for zh in &nf.missing {
                let accepted = layout::accepted(columns, zh).join(crate::i18n::t("ui.list_sep"));
                let reason = tf("understood.missing_column", &[("accepted", &accepted)]);
                problems.push(Problem { sheet: label.clone(), line: nf.best_line.unwrap_or(1), column: zh.to_string(), reason });
            }
        }
        return Err((lines, Ok(problems)));
    }
    Ok(u)
}

/// The required columns a sheet lacks, each with the header words accepted.
fn missing_text(nf: &layout::NotFound, columns: &[Column]) -> String {
    nf.missing
        .iter()
        .map(|zh| {
            let accepted = layout::accepted(columns, zh);
            tf("understood.missing", &[("column", zh), ("accepted", &accepted.join(crate::i18n::t("ui.list_sep")))])
        })
        .collect::<Vec<_>>()
        .join(crate::i18n::t("understood.sep"))
}

/// A sheet's lines of the report: header row, mapping, ignored columns.
fn describe(lines: &mut Vec<String>, label: &str, found: &layout::Found, columns: &[Column]) {
    let header = found.header_lines.iter().map(usize::to_string).collect::<Vec<_>>().join("–");
    lines.push(tf("understood.sheet", &[("sheet", label), ("line", &header), ("rows", &found.rows.len().to_string())]));
    let mapping: Vec<String> = found
        .mapping
        .fields
        .iter()
        .map(|(_, key, header)| {
            let zh = super::columns::header_of(columns, key);
            let shown = header.split_whitespace().collect::<Vec<_>>().join("");
            if layout::normal(&shown) == layout::normal(zh) { zh.to_string() } else { format!("{shown} → {zh}") }
        })
        .collect();
    lines.push(tf("understood.mapping", &[("mapping", &mapping.join(crate::i18n::t("ui.list_sep")))]));
    if !found.mapping.ignored.is_empty() {
        lines.push(tf("understood.ignored", &[("columns", &found.mapping.ignored.join(crate::i18n::t("ui.list_sep")))]));
    }
}

/// The sheet's rows as the contract's columns, cleaned.
fn take_rows(u: &mut Understood, sheet: &Sheet, found: &layout::Found, columns: &[Column], village: Option<&str>) {
    for (line, cells) in &found.rows {
        let mut out = vec![String::new(); columns.len()];
        for (col, key, _) in &found.mapping.fields {
            let Some(at) = columns.iter().position(|c| c.key == *key) else { continue };
            let raw = cells.get(*col).map(String::as_str).unwrap_or("");
            match super::clean::cell(key, raw) {
                Ok(v) => out[at] = v,
                // The raw value stays: what is checked later about the same
                // cell is then told once (`Problems::settle`).
                Err(reason) => {
                    out[at] = raw.trim().to_string();
                    u.problems.push(Problem {
                        sheet: sheet.name.clone(),
                        line: *line,
                        column: super::columns::header_of(columns, key).to_string(),
                        reason,
                    })
                }
            }
        }
        if let (Some(v), Some(at)) = (village, columns.iter().position(|c| c.key == "village"))
            && out[at].is_empty()
        {
            out[at] = super::clean::name(v);
        }
        u.rows.push((sheet.name.clone(), *line, out));
    }
}
