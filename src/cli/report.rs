//! `lianhu report --month YYYY-MM FILE|- [--village V] [--format html|xlsx]`:
//! the monthly report for the township party committee.

use super::output::errln;
use super::{CliError, Globals};
use std::path::Path;

pub fn run(g: &Globals, month: &str, file: &Path, village: Option<&str>, format: Option<&str>) -> Result<(), CliError> {
    let month: crate::domain::period::Month =
        month.parse().map_err(|()| CliError::Usage(crate::i18n::tf("err.bad_month", &[("month", month)])))?;
    if file == Path::new("-") {
        let ext = match format.unwrap_or("html") {
            f @ ("html" | "xlsx") => f,
            f => return Err(CliError::Usage(crate::i18n::tf("err.export_format", &[("format", f), ("accepted", "html | xlsx")]))),
        };
        return super::export::to_stdout(ext, |tmp| write(g, month, tmp, village, crate::i18n::t("msg.stdout")));
    }
    write(g, month, file, village, &file.display().to_string())
}

fn write(g: &Globals, month: crate::domain::period::Month, file: &Path, village: Option<&str>, shown: &str) -> Result<(), CliError> {
    // The extension first: a wrong one is told before any work is done.
    let ext = file.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if !matches!(ext.as_str(), "html" | "htm" | "xlsx") {
        return Err(CliError::Usage(crate::i18n::tf("err.report_extension", &[("file", shown)])));
    }
    let store = g.open()?;
    let village_id = super::village_arg(&store, village)?;
    let rules = super::load_rules(&g.db)?;
    let report = crate::store::report::read(store.conn(), month, g.today, &rules, village_id)?;
    crate::io::report::write(file, &report, g.lang, &crate::store::date_text(g.today))?;
    errln!("{}", crate::i18n::tf("msg.report_written", &[("file", shown)]));
    Ok(())
}
