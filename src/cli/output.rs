//! Output formats shared by the reporting commands (`due`, `score`,
//! `links suggest`): an aligned text table, CSV, or one JSON array.

use super::CliError;
use crate::domain::text::{pad, width};
use clap::ValueEnum;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
    Csv,
}

/// Text columns wider than this are cut (addresses, notes).
const MAX_CELLS: usize = 24;

/// An aligned table, columns padded by display width (CJK is 2 cells).
pub fn text_table(headers: &[String], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(c).min(MAX_CELLS));
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(&crate::domain::text::truncate(c, *w));
            } else {
                s.push_str(&pad(c, *w));
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(headers);
    out.push('\n');
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

/// CSV with a header row (no BOM: this goes to a pipe, not to Excel).
pub fn csv_text(headers: &[&str], rows: &[Vec<String>]) -> Result<String, CliError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| CliError::Failed(e.to_string());
    w.write_record(headers).map_err(fail)?;
    for r in rows {
        w.write_record(r).map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| CliError::Failed(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| CliError::Failed(e.to_string()))
}

/// One JSON array, nothing after it but a newline.
pub fn json_text<T: Serialize>(items: &[T]) -> Result<String, CliError> {
    serde_json::to_string_pretty(items).map(|s| s + "\n").map_err(|e| CliError::Failed(e.to_string()))
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Failed(e.to_string())),
        _ => Ok(()),
    }
}
