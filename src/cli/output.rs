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

/// CSV with a header row (no BOM: this goes to a pipe, not to Excel);
/// cells that would start a formula are neutralised (`io::table::csv_safe`).
pub fn csv_text(headers: &[&str], rows: &[Vec<String>]) -> Result<String, CliError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| CliError::Failed(e.to_string());
    w.write_record(headers).map_err(fail)?;
    for r in rows {
        w.write_record(r.iter().map(|c| crate::io::table::csv_safe(c).into_owned())).map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| CliError::Failed(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| CliError::Failed(e.to_string()))
}

/// One JSON array, nothing after it but a newline.
pub fn json_text<T: Serialize>(items: &[T]) -> Result<String, CliError> {
    serde_json::to_string_pretty(items).map(|s| s + "\n").map_err(|e| CliError::Failed(e.to_string()))
}

/// Whether text for a terminal goes out in GB18030 (`--encoding gbk`, or
/// a GBK locale): set once from the global options.
static GBK: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_gbk(on: bool) {
    GBK.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Text as a terminal of the chosen encoding reads it. Only a terminal:
/// what goes to a pipe or a file (a script, `> due.txt`) stays UTF-8.
fn for_terminal(text: String, terminal: bool) -> Vec<u8> {
    if terminal && GBK.load(std::sync::atomic::Ordering::Relaxed) { crate::term::encoding::to_gb18030(&text) } else { text.into_bytes() }
}

/// Asked once per process (a `due` of 30,000 lines would ask each line).
fn stdout_is_terminal() -> bool {
    static ANSWER: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ANSWER.get_or_init(|| std::io::IsTerminal::is_terminal(&std::io::stdout()))
}

fn stderr_is_terminal() -> bool {
    static ANSWER: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ANSWER.get_or_init(|| std::io::IsTerminal::is_terminal(&std::io::stderr()))
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Result<(), CliError> {
    print_bytes(&for_terminal(text.to_string(), stdout_is_terminal()))
}

/// As `print`, for any bytes (an xlsx export to `-`).
pub fn print_bytes(bytes: &[u8]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            failed(&e);
            Err(CliError::Failed(crate::i18n::tf("safety.output_failed", &[("error", &e.to_string())])))
        }
        _ => Ok(()),
    }
}

/// The first failure to write standard output other than a closed pipe
/// (a full disk): the command's output is then incomplete.
static OUTPUT_FAILED: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn failed(e: &std::io::Error) {
    if let Ok(mut f) = OUTPUT_FAILED.lock() {
        f.get_or_insert_with(|| e.to_string());
    }
}

/// Why standard output could not be written, if it could not.
pub fn output_failure() -> Option<String> {
    OUTPUT_FAILED.lock().ok().and_then(|f| f.clone())
}

/// One line to standard output; never panics. A closed pipe ends the
/// output quietly; another failure is remembered (`output_failure`).
pub fn line_out(args: std::fmt::Arguments<'_>) {
    let bytes = for_terminal(format!("{args}\n"), stdout_is_terminal());
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(&bytes).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        failed(&e);
    }
}

/// One line to standard error; never panics, and a failure to write it
/// changes nothing (there is nowhere left to say so).
pub fn line_err(args: std::fmt::Arguments<'_>) {
    let bytes = for_terminal(format!("{args}\n"), stderr_is_terminal());
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(&bytes);
}

/// `println!` that never panics (`line_out`).
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::output::line_out(format_args!($($arg)*)) };
}

/// `eprintln!` that never panics (`line_err`).
macro_rules! errln {
    ($($arg:tt)*) => { $crate::cli::output::line_err(format_args!($($arg)*)) };
}

pub(crate) use {errln, outln};
