//! Importing rosters (`lianhu import`, and the app's import form): all rows or none. Every bad row is
//! reported as `FILE:LINE: COLUMN: reason`; nothing is written unless every
//! row is good. Rows are applied in one transaction, in file order, so a row
//! may refer to one written earlier in the same file.

use crate::i18n::tf;
use crate::io::columns::{self, Column, HeaderMap};
use crate::store::households::Saved;
use crate::store::{Ctx, StoreError};
use rusqlite::Connection;
use std::path::Path;

mod rows;
use rows::RowCtx;

/// What an import did (or would do, with `--dry-run`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// A roster import: what it did to members, households and links.
    pub roster: Option<[Tally; 3]>,
}

/// Created, updated, unchanged.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Counts {
    fn add(&mut self, s: Saved) {
        match s {
            Saved::Created(_) => self.created += 1,
            Saved::Updated(_) => self.updated += 1,
            Saved::Unchanged(_) => self.unchanged += 1,
        }
    }

    fn wrote(&mut self, wrote: bool) {
        if wrote { self.created += 1 } else { self.unchanged += 1 }
    }
}

/// A bad row: the sheet (empty for a text file), line (Excel's row),
/// column header, reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub sheet: String,
    pub line: usize,
    pub column: String,
    pub reason: String,
}

/// How many bad rows a report lists; the rest are counted.
pub const SHOWN: usize = 100;

/// The bad rows of a file: the first `SHOWN`, and how many in all (a file
/// of millions of bad rows must not fill memory or the screen).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Problems {
    pub shown: Vec<Problem>,
    pub total: usize,
}

impl Problems {
    pub fn push(&mut self, p: Problem) {
        self.total += 1;
        if self.shown.len() < SHOWN {
            self.shown.push(p);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// In file order (sheet, line, then the columns' order), each cell
    /// told once: the first reason found for it stays.
    pub fn settle(&mut self, columns: &[Column], sheets: &[String]) {
        let sheet_at = |s: &str| sheets.iter().position(|x| x == s).unwrap_or(usize::MAX);
        let col_at = |c: &str| columns.iter().position(|x| x.zh == c).unwrap_or(usize::MAX);
        self.shown.sort_by_key(|p| (sheet_at(&p.sheet), p.line, col_at(&p.column)));
        let before = self.shown.len();
        self.shown.dedup_by(|b, a| a.sheet == b.sheet && a.line == b.line && a.column == b.column);
        self.total -= before - self.shown.len();
    }
}

/// The outcome of an import that could not be applied.
#[derive(Debug)]
pub enum ImportError {
    Rows(Problems),
    /// The store failed (not a row's fault).
    Store(StoreError),
    /// The file could not be read.
    File(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Rows(p) => write!(f, "{}", tf("err.import_rejected", &[("count", &p.total.to_string())])),
            ImportError::Store(e) => write!(f, "{e}"),
            ImportError::File(e) => write!(f, "{e}"),
        }
    }
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Store(e)
    }
}

/// What a roster holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Households,
    Members,
    Links,
    Visits,
    Ratings,
    Adjustments,
    /// 党员联系户名单: members, households and links in one step.
    Roster,
}

impl ImportKind {
    pub const ALL: [ImportKind; 7] = [
        ImportKind::Roster,
        ImportKind::Households,
        ImportKind::Members,
        ImportKind::Links,
        ImportKind::Visits,
        ImportKind::Ratings,
        ImportKind::Adjustments,
    ];

    /// The kind as the command line names it (`lianhu import roster …`).
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Households => "households",
            ImportKind::Members => "members",
            ImportKind::Links => "links",
            ImportKind::Visits => "visits",
            ImportKind::Ratings => "ratings",
            ImportKind::Adjustments => "adjustments",
            ImportKind::Roster => "roster",
        }
    }

    /// The i18n key of the kind's name.
    pub fn label_key(self) -> &'static str {
        match self {
            ImportKind::Households => "kind.households",
            ImportKind::Members => "kind.members",
            ImportKind::Links => "kind.links",
            ImportKind::Visits => "kind.visits",
            ImportKind::Ratings => "kind.ratings",
            ImportKind::Adjustments => "kind.adjustments",
            ImportKind::Roster => "kind.roster",
        }
    }
}

pub fn columns_of(kind: ImportKind) -> &'static [Column] {
    match kind {
        ImportKind::Households => columns::HOUSEHOLDS,
        ImportKind::Members => columns::MEMBERS,
        ImportKind::Links => columns::LINKS,
        ImportKind::Visits => columns::VISITS,
        ImportKind::Ratings => columns::RATINGS,
        ImportKind::Adjustments => columns::ADJUSTMENTS,
        ImportKind::Roster => columns::ROSTER,
    }
}

/// One line per bad row: `FILE:LINE: COLUMN: reason`, the first `SHOWN`,
/// then how many more there are.
pub fn report(file: &Path, problems: &Problems) -> Vec<String> {
    let name = file.display().to_string();
    let place = |p: &Problem| if p.sheet.is_empty() { format!("{name}:{}", p.line) } else { format!("{name}[{}]:{}", p.sheet, p.line) };
    let mut lines: Vec<String> = problems.shown.iter().map(|p| format!("{}: {}: {}", place(p), p.column, p.reason)).collect();
    if problems.total > problems.shown.len() {
        lines.push(tf("safety.more_problems", &[("count", &(problems.total - problems.shown.len()).to_string())]));
    }
    lines
}

/// The one-line summary of a successful import.
pub fn summary(c: Counts, dry_run: bool) -> String {
    let key = if dry_run { "msg.import_dry_run" } else { "msg.imported" };
    let line =
        tf(key, &[("created", &c.created.to_string()), ("updated", &c.updated.to_string()), ("unchanged", &c.unchanged.to_string())]);
    match c.roster {
        None => line,
        Some([m, h, l]) => {
            let part = |label: &str, t: Tally| {
                tf(
                    "msg.roster_part",
                    &[
                        ("what", label),
                        ("created", &t.created.to_string()),
                        ("updated", &t.updated.to_string()),
                        ("unchanged", &t.unchanged.to_string()),
                    ],
                )
            };
            format!(
                "{line} {}；{}；{}",
                part(crate::i18n::t("kind.members"), m),
                part(crate::i18n::t("kind.households"), h),
                part(crate::i18n::t("kind.links"), l)
            )
        }
    }
}

/// What an import is told besides the file.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    pub dry_run: bool,
    /// The village of every row, when the sheet has no 村 column.
    pub village: Option<&'a str>,
    /// Told the rows read, checked and written.
    pub progress: &'a dyn crate::progress::Progress,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options { dry_run: false, village: None, progress: &crate::progress::SILENT }
    }
}

/// Reads and applies a file in one transaction; rolls back on any bad row
/// or when `dry_run`.
pub fn import_file(store: &mut crate::store::Store, kind: ImportKind, file: &Path, dry_run: bool) -> Result<Counts, ImportError> {
    import(store, kind, file, &Options { dry_run, ..Options::default() }).1
}

/// Imports `file`: returns what was understood of it (the report's first
/// lines) and what came of it.
pub fn import(
    store: &mut crate::store::Store,
    kind: ImportKind,
    file: &Path,
    o: &Options<'_>,
) -> (Vec<String>, Result<Counts, ImportError>) {
    let cols = columns_of(kind);
    let members = matches!(kind, ImportKind::Members);
    o.progress.stage(crate::i18n::t("progress.import_read"), None);
    let understood = match crate::io::understood::read(file, cols, members, o.village) {
        Ok(u) => u,
        Err((lines, Ok(problems))) => return (lines, Err(ImportError::Rows(problems))),
        Err((lines, Err(message))) => return (lines, Err(ImportError::File(message))),
    };
    let lines = understood.lines.clone();
    o.progress.done(understood.rows.len() as u64);
    (lines, apply(store, kind, understood, o.dry_run, o.progress))
}

/// How many rows a preview shows as they will be stored.
const PREVIEW_ROWS: usize = 5;

/// The preview of an import (`--dry-run`, and the app's `i` before Enter):
/// what was understood of the file, its first rows as they will be
/// stored, and the counts to add, update and keep, or the problems. Nothing
/// is written. The bool says whether the import would go through.
pub fn preview(store: &mut crate::store::Store, kind: ImportKind, file: &Path, o: &Options<'_>) -> (Vec<String>, bool) {
    let (village, progress) = (o.village, o.progress);
    let cols = columns_of(kind);
    progress.stage(crate::i18n::t("progress.import_read"), None);
    let understood = match crate::io::understood::read(file, cols, matches!(kind, ImportKind::Members), village) {
        Ok(u) => u,
        Err((mut lines, Ok(problems))) => {
            lines.extend(report(file, &problems));
            return (lines, false);
        }
        Err((mut lines, Err(message))) => {
            lines.push(message);
            return (lines, false);
        }
    };
    let mut lines = understood.lines.clone();
    progress.done(understood.rows.len() as u64);
    if !understood.rows.is_empty() {
        lines.push(tf("understood.first_rows", &[("count", &understood.rows.len().min(PREVIEW_ROWS).to_string())]));
        for (_, line, cells) in understood.rows.iter().take(PREVIEW_ROWS) {
            let shown: Vec<String> =
                cols.iter().zip(cells).filter(|(_, v)| !v.is_empty()).map(|(c, v)| format!("{}={}", c.zh, v.replace('\n', " "))).collect();
            lines.push(format!("  {line}: {}", shown.join(" ")));
        }
    }
    match apply(store, kind, understood, true, progress) {
        Ok(c) => {
            lines.push(summary(c, true));
            (lines, true)
        }
        Err(ImportError::Rows(problems)) => {
            lines.extend(report(file, &problems));
            lines.push(tf("err.import_rejected", &[("count", &problems.total.to_string())]));
            (lines, false)
        }
        Err(ImportError::Store(e)) => {
            lines.push(e.to_string());
            (lines, false)
        }
        Err(ImportError::File(e)) => {
            lines.push(e);
            (lines, false)
        }
    }
}

fn apply(
    store: &mut crate::store::Store,
    kind: ImportKind,
    understood: crate::io::understood::Understood,
    dry_run: bool,
    progress: &dyn crate::progress::Progress,
) -> Result<Counts, ImportError> {
    let cols = columns_of(kind);
    let headers: Vec<String> = cols.iter().map(|c| c.zh.to_string()).collect();
    let map = HeaderMap::new(cols, &headers).map_err(|_| ImportError::File("columns".into()))?;
    let table = Rows { rows: understood.rows };
    // First the whole file is checked in a read snapshot, without the write
    // lock: every cell validated and every reference to a household or
    // member looked up. A bad file never holds other users' saves up.
    let ctx = store.ctx()?;
    // A reader (or a read-only file) is told at once, not once per row.
    if let Some(why) = store.why_no_writes() {
        return Err(StoreError::Denied(why).into());
    }
    let mut problems = understood.problems;
    let conn = store.conn();
    let rows = Some(table.rows.len() as u64);
    progress.stage(crate::i18n::t("progress.import_check"), rows);
    crate::store::read(conn, || apply_rows(conn, &ctx, kind, &table, &map, &mut problems, None, progress))?;
    if !problems.is_empty() {
        let mut sheets: Vec<String> = Vec::new();
        for (s, _, _) in &table.rows {
            if sheets.last() != Some(s) {
                sheets.push(s.clone());
            }
        }
        problems.settle(cols, &sheets);
        return Err(ImportError::Rows(problems));
    }
    // Then the rows are written in one short transaction. What only the
    // writes can find (a rule of the store, someone else's change meanwhile)
    // is reported the same way, and any problem rolls it all back.
    let mut counts = Counts::default();
    if kind == ImportKind::Roster {
        counts.roster = Some([Tally::default(); 3]);
    }
    progress.stage(crate::i18n::t("progress.import_write"), rows);
    store.transact(!dry_run, |tx, ctx| {
        apply_rows(tx, ctx, kind, &table, &map, &mut problems, Some(&mut counts), progress)?;
        if !problems.is_empty() {
            return Err(ImportError::Rows(std::mem::take(&mut problems)));
        }
        Ok(counts)
    })
}

/// The rows of an import: (sheet, line, cells in the kind's column order).
struct Rows {
    rows: Vec<(String, usize, Vec<String>)>,
}

/// Runs every row: validates and resolves it, and writes it when `counts`
/// is given (inside the write transaction), or only checks it when not.
#[allow(clippy::too_many_arguments)]
fn apply_rows(
    tx: &Connection,
    ctx: &Ctx,
    kind: ImportKind,
    table: &Rows,
    map: &HeaderMap,
    problems: &mut Problems,
    mut counts: Option<&mut Counts>,
    progress: &dyn crate::progress::Progress,
) -> Result<(), ImportError> {
    let cols = columns_of(kind);
    let write = counts.is_some();
    let mut scratch = Counts::default();
    let mut ticker = crate::progress::Ticker::new(progress, 200);
    for (sheet, line, row) in &table.rows {
        ticker.tick();
        let counts = counts.as_deref_mut().unwrap_or(&mut scratch);
        let mut r = RowCtx { tx, ctx, map, row, cols, sheet, line: *line, problems, write };
        match kind {
            ImportKind::Households => r.household(counts)?,
            ImportKind::Members => r.member(counts)?,
            ImportKind::Links => r.link(counts)?,
            ImportKind::Visits => r.visit(counts)?,
            ImportKind::Ratings => r.rating(counts)?,
            ImportKind::Adjustments => r.adjustment(counts)?,
            ImportKind::Roster => r.roster(counts)?,
        }
    }
    Ok(())
}
