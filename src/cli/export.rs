//! `lianhu export KIND FILE [--quarter Q] [--village V] [--month M] [--year Y]`

use super::output::errln;
use super::{CliError, ExportKind, Globals};
use crate::io::columns;
use crate::store::export::{self, Filter};
use std::path::Path;

/// What an export covers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope<'a> {
    pub quarter: Option<&'a str>,
    pub village: Option<&'a str>,
    pub month: Option<&'a str>,
    pub year: Option<i32>,
    /// What FILE `-` writes: csv, xlsx or html.
    pub format: Option<&'a str>,
}

/// `--month`: `2026-11`.
fn month_arg(month: Option<&str>) -> Result<crate::domain::period::Month, CliError> {
    let Some(m) = month else { return Err(CliError::Usage(crate::i18n::t("err.month_needed").to_string())) };
    m.parse().map_err(|()| CliError::Usage(crate::i18n::tf("err.bad_month", &[("month", m)])))
}

/// `--year`: needed by the yearly reports.
fn year_arg(year: Option<i32>) -> Result<i32, CliError> {
    year.ok_or_else(|| CliError::Usage(crate::i18n::t("err.year_needed").to_string()))
}

/// `FILE` may be `-`: the export is written to a private temporary file
/// (CSV for the tables, HTML for the printed pages, xlsx for `units`) and
/// then to standard output, which is how staff on the township server take
/// files home (`ssh lianhu@town export board - --quarter 2026Q3 > 公示.html`).
pub fn run(g: &Globals, kind: ExportKind, file: &Path, scope: &Scope) -> Result<(), CliError> {
    if file != Path::new("-") {
        return write(g, kind, file, scope, &file.display().to_string());
    }
    let printable = matches!(kind, ExportKind::Board | ExportKind::Cards | ExportKind::Redblack);
    let ext = match (scope.format, printable) {
        (None, true) => "html",
        (None, false) if kind == ExportKind::Units => "xlsx",
        (None, false) => "csv",
        (Some("html"), true) => "html",
        (Some(f @ ("csv" | "xlsx")), false) => f,
        (Some(f), _) => {
            return Err(CliError::Usage(crate::i18n::tf(
                "err.export_format",
                &[("format", f), ("accepted", if printable { "html" } else { "csv | xlsx" })],
            )));
        }
    };
    to_stdout(ext, |tmp| write(g, kind, tmp, scope, crate::i18n::t("msg.stdout")))
}

/// Writes a file of extension `ext` with `write` to a private temporary
/// folder, then to standard output (FILE `-`), and removes it.
pub(super) fn to_stdout(ext: &str, write: impl FnOnce(&Path) -> Result<(), CliError>) -> Result<(), CliError> {
    let dir = std::env::temp_dir().join(format!("lianhu-export-{}-{}", std::process::id(), chrono::Local::now().timestamp_micros()));
    private_dir(&dir).map_err(|e| CliError::Failed(format!("{}: {e}", dir.display())))?;
    let tmp = dir.join(format!("export.{ext}"));
    let done = write(&tmp).and_then(|()| {
        let bytes = std::fs::read(&tmp).map_err(|e| CliError::Failed(e.to_string()))?;
        super::output::print_bytes(&bytes)
    });
    let _ = std::fs::remove_dir_all(&dir);
    done
}

/// The name of an xlsx export's sheet: what it holds, in Chinese like the
/// contract's headers.
fn sheet_name(kind: ExportKind) -> &'static str {
    let t = |k| crate::i18n::t_in(crate::i18n::Lang::Zh, k);
    match kind {
        ExportKind::Households => t("kind.households"),
        ExportKind::Members => t("kind.members"),
        ExportKind::Links => t("kind.links"),
        ExportKind::Visits => t("kind.visits"),
        ExportKind::Ratings => t("kind.ratings"),
        ExportKind::Adjustments => t("kind.adjustments"),
        ExportKind::Due => t("sheet.due"),
        ExportKind::Concerns => t("sheet.concerns"),
        ExportKind::Audit => t("sheet.audit"),
        ExportKind::Scores => t("sheet.scores"),
        ExportKind::Summary => t("sheet.summary"),
        _ => "",
    }
}

/// Makes a folder only its owner can enter.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Writes the export to `file`; messages name it `shown`.
fn write(g: &Globals, kind: ExportKind, file: &Path, scope: &Scope, shown: &str) -> Result<(), CliError> {
    let village = scope.village;
    let quarter = scope.quarter.map(super::quarter_arg).transpose()?;
    if matches!(kind, ExportKind::Scores | ExportKind::Board) && quarter.is_none() {
        return Err(CliError::Usage(crate::i18n::t("err.quarter_needed").to_string()));
    }
    let store = g.open()?;
    let village_id = super::village_arg(&store, village)?;
    let quarter_text = quarter.map(|q| q.to_string()).unwrap_or_default();
    let progress = g.progress();
    let filter = Filter { village: village.unwrap_or_default(), quarter: &quarter_text, progress: &*progress };
    let conn = store.conn();
    let (headers, rows) = match kind {
        ExportKind::Households => (columns::headers(columns::HOUSEHOLDS), export::households(conn, &filter)?),
        ExportKind::Members => (columns::headers(columns::MEMBERS), export::members(conn, &filter)?),
        ExportKind::Links => (columns::headers(columns::LINKS), export::links(conn, &filter)?),
        ExportKind::Visits => (columns::headers(columns::VISITS), export::visits(conn, &filter)?),
        ExportKind::Ratings => (columns::headers(columns::RATINGS), export::ratings(conn, &filter)?),
        ExportKind::Adjustments => (columns::headers(columns::ADJUSTMENTS), export::adjustments(conn, &filter)?),
        ExportKind::Due => (super::due::HEADERS.to_vec(), super::due::table_rows(&super::due::rows(&store, g, village, None)?)),
        ExportKind::Concerns => (export::CONCERN_HEADERS.to_vec(), {
            let stuck_days = super::load_rules(&g.db)?.visits.concern_stuck_days;
            export::concerns(conn, &filter, g.today, stuck_days)?
        }),
        ExportKind::Audit => (export::AUDIT_HEADERS.to_vec(), export::audit(conn, &filter)?),
        ExportKind::Cards => {
            let cards = crate::store::linking::cards(conn, village_id, g.today)?;
            crate::io::cards::write(file, &cards, g.lang)?;
            errln!("{}", crate::i18n::tf("msg.cards_written", &[("count", &cards.len().to_string()), ("file", shown)]));
            return Ok(());
        }
        ExportKind::Redblack => {
            let month = month_arg(scope.month)?;
            let boards = crate::store::read(conn, || crate::store::programme::redblack::boards(conn, month, village_id, g.today))?;
            crate::io::redblack::write(file, &boards, g.lang, &crate::store::date_text(g.today))?;
            errln!("{}", crate::i18n::tf("msg.redblack_written", &[("file", shown)]));
            return Ok(());
        }
        ExportKind::Units => {
            let year = year_arg(scope.year)?;
            let rules = super::load_rules(&g.db)?;
            let lines = crate::store::programme::units::report(conn, year, village_id, g.today, &rules)?;
            let units = crate::io::units::by_unit(year, &lines, crate::i18n::Lang::Zh);
            let sheets: Vec<(&str, &[Vec<String>])> = units.iter().map(|(u, rows)| (u.as_str(), rows.as_slice())).collect();
            crate::io::write_sheets(file, &crate::io::units::HEADERS, &sheets)?;
            errln!(
                "{}",
                crate::i18n::tf(
                    "msg.units_written",
                    &[("units", &units.len().to_string()), ("count", &lines.len().to_string()), ("file", shown)]
                )
            );
            return Ok(());
        }
        ExportKind::Summary => {
            let year = year_arg(scope.year)?;
            let rules = super::load_rules(&g.db)?;
            let mut rows = Vec::new();
            for (id, name) in crate::store::scores::villages(conn, village_id)? {
                let members = crate::store::programme::year::village_year(conn, id, year, g.today, &rules)?;
                rows.extend(crate::io::summary::cells(year, &name, &members, crate::i18n::Lang::Zh));
            }
            (crate::io::summary::HEADERS.to_vec(), rows)
        }
        ExportKind::Scores | ExportKind::Board => {
            let Some(q) = quarter else { return Err(CliError::Usage(crate::i18n::t("err.quarter_needed").to_string())) };
            let boards = super::score::boards(&store, g, q, village_id)?;
            if kind == ExportKind::Board {
                let rules = super::load_rules(&g.db)?;
                let notice = crate::io::board::Notice { days: rules.board.notice_days, phone: rules.board.contact_phone };
                crate::io::board::write(file, &boards, g.lang, &crate::store::date_text(g.today), &notice)?;
                errln!("{}", crate::i18n::tf("msg.board_written", &[("file", shown)]));
                return Ok(());
            }
            (
                crate::present::scores::HEADERS.to_vec(),
                boards.iter().flat_map(|b| crate::present::scores::cells(b, crate::i18n::Lang::Zh)).collect(),
            )
        }
    };
    progress.finish();
    crate::io::write_named(file, sheet_name(kind), &headers, &rows)?;
    errln!("{}", crate::i18n::tf("msg.exported", &[("count", &rows.len().to_string()), ("file", shown)]));
    Ok(())
}
