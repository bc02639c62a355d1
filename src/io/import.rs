//! Importing rosters (`lianhu import`, and the app's import form): all rows or none. Every bad row is
//! reported as `FILE:LINE: COLUMN: reason`; nothing is written unless every
//! row is good. Rows are applied in one transaction, in file order, so a row
//! may refer to one written earlier in the same file.

use crate::domain::model::Rating;
use crate::domain::period::Quarter;
use crate::domain::text::{self, TextError};
use crate::domain::validate::VisitText;
use crate::domain::validate::{HouseholdText, MemberText};
use crate::i18n::{t, tf};
use crate::io::columns::{self, Column, HeaderMap};
use crate::store::access::{self, Target};
use crate::store::households::Saved;
use crate::store::records::{self, VisitInput};
use crate::store::{Ctx, StoreError, households, links, members};
use rusqlite::Connection;
use std::path::Path;

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
    pub const ALL: &'static [ImportKind] = &[
        ImportKind::Roster,
        ImportKind::Households,
        ImportKind::Members,
        ImportKind::Links,
        ImportKind::Visits,
        ImportKind::Ratings,
        ImportKind::Adjustments,
    ];

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
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    pub dry_run: bool,
    /// The village of every row, when the sheet has no 村 column.
    pub village: Option<&'a str>,
}

/// Reads and applies a file in one transaction; rolls back on any bad row
/// or when `dry_run`.
pub fn import_file(store: &mut crate::store::Store, kind: ImportKind, file: &Path, dry_run: bool) -> Result<Counts, ImportError> {
    import(store, kind, file, &Options { dry_run, village: None }).1
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
    let understood = match crate::io::understood::read(file, cols, members, o.village) {
        Ok(u) => u,
        Err((lines, Ok(problems))) => return (lines, Err(ImportError::Rows(problems))),
        Err((lines, Err(message))) => return (lines, Err(ImportError::File(message))),
    };
    let lines = understood.lines.clone();
    (lines, apply(store, kind, understood, o.dry_run))
}

/// How many rows a preview shows as they will be stored.
const PREVIEW_ROWS: usize = 5;

/// The preview of an import (`--dry-run`, and the app's `i` before Enter):
/// what was understood of the file, its first rows as they will be
/// stored, and the counts to add, update and keep, or the problems. Nothing
/// is written. The bool says whether the import would go through.
pub fn preview(store: &mut crate::store::Store, kind: ImportKind, file: &Path, village: Option<&str>) -> (Vec<String>, bool) {
    let cols = columns_of(kind);
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
    if !understood.rows.is_empty() {
        lines.push(tf("understood.first_rows", &[("count", &understood.rows.len().min(PREVIEW_ROWS).to_string())]));
        for (_, line, cells) in understood.rows.iter().take(PREVIEW_ROWS) {
            let shown: Vec<String> =
                cols.iter().zip(cells).filter(|(_, v)| !v.is_empty()).map(|(c, v)| format!("{}={}", c.zh, v.replace('\n', " "))).collect();
            lines.push(format!("  {line}: {}", shown.join(" ")));
        }
    }
    match apply(store, kind, understood, true) {
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
    crate::store::read(conn, || apply_rows(conn, &ctx, kind, &table, &map, &mut problems, None))?;
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
    store.transact(!dry_run, |tx, ctx| {
        apply_rows(tx, ctx, kind, &table, &map, &mut problems, Some(&mut counts))?;
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
fn apply_rows(
    tx: &Connection,
    ctx: &Ctx,
    kind: ImportKind,
    table: &Rows,
    map: &HeaderMap,
    problems: &mut Problems,
    mut counts: Option<&mut Counts>,
) -> Result<(), ImportError> {
    let cols = columns_of(kind);
    let write = counts.is_some();
    let mut scratch = Counts::default();
    for (sheet, line, row) in &table.rows {
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

/// A value from the file as a message quotes it: at most 40 characters.
fn echo(s: &str) -> String {
    crate::domain::text::echo(s)
}

/// One row being applied.
struct RowCtx<'a> {
    tx: &'a Connection,
    ctx: &'a Ctx,
    map: &'a HeaderMap,
    row: &'a [String],
    cols: &'static [Column],
    sheet: &'a str,
    line: usize,
    problems: &'a mut Problems,
    /// False while the file is only being checked (no write lock held).
    write: bool,
}

impl RowCtx<'_> {
    fn cell(&self, key: &str) -> &str {
        self.map.get(self.row, key)
    }

    fn bad(&mut self, key: &str, reason: impl ToString) {
        let column = columns::header_of(self.cols, key).to_string();
        self.problems.push(Problem { sheet: self.sheet.to_string(), line: self.line, column, reason: reason.to_string() });
    }

    fn check<T>(&mut self, key: &str, r: Result<T, TextError>) -> Option<T> {
        r.map_err(|e| self.bad(key, e)).ok()
    }

    /// A store error that belongs to this row (a rule it breaks) becomes a
    /// problem; anything else aborts the import.
    fn row_error(&mut self, key: &str, e: StoreError) -> Result<(), ImportError> {
        match e {
            StoreError::Invalid(m) => {
                self.bad(key, m);
                Ok(())
            }
            StoreError::Denied(m) => {
                self.bad(key, m);
                Ok(())
            }
            StoreError::Conflict => {
                self.bad(key, e);
                Ok(())
            }
            other => Err(other.into()),
        }
    }

    /// Whether the user may change `target`; a refusal is this row's
    /// problem (the report names every row of another village).
    fn allowed(&mut self, key: &str, target: Target<'_>) -> Result<bool, ImportError> {
        match access::check(self.tx, self.ctx, target) {
            Ok(()) => Ok(true),
            Err(e) => self.row_error(key, e).map(|()| false),
        }
    }

    fn household_ref(&mut self) -> Result<Option<i64>, ImportError> {
        let (v, h, a) =
            (self.cell("village").trim().to_string(), self.cell("head").trim().to_string(), self.cell("address").trim().to_string());
        match households::find_by_key(self.tx, &v, &h, &a)? {
            Some(id) => Ok(self.allowed("village", Target::Household(id))?.then_some(id)),
            None => {
                self.bad("head", tf("err.no_household", &[("village", &echo(&v)), ("head", &echo(&h)), ("address", &echo(&a))]));
                Ok(None)
            }
        }
    }

    fn member_ref(&mut self, name_key: &str) -> Result<Option<i64>, ImportError> {
        let village = self.cell("village").trim().to_string();
        let name = self.cell(name_key).trim().to_string();
        let phone = match text::phone(self.cell("member_phone")) {
            Ok(p) => p,
            Err(e) => {
                self.bad("member_phone", e);
                return Ok(None);
            }
        };
        let ids = members::find(self.tx, &village, &name, &phone)?;
        match ids.as_slice() {
            [id] => Ok(self.allowed("village", Target::Member(*id))?.then_some(*id)),
            [] => {
                self.bad(name_key, tf("err.no_member", &[("village", &echo(&village)), ("name", &echo(&name))]));
                Ok(None)
            }
            _ => {
                self.bad(name_key, tf("err.ambiguous_member", &[("name", &echo(&name)), ("count", &ids.len().to_string())]));
                Ok(None)
            }
        }
    }

    fn household(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        if let Some(s) = self.save_household()? {
            counts.add(s);
        }
        Ok(())
    }

    /// Creates or updates the row's household; None when the row has a
    /// problem, or while only checking.
    fn save_household(&mut self) -> Result<Option<Saved>, ImportError> {
        let village = self.cell("village").trim().to_string();
        if !village.is_empty() && !self.allowed("village", Target::VillageNamed(&village))? {
            return Ok(None);
        }
        let mut text = HouseholdText {
            village: self.cell("village").into(),
            group: self.cell("group").into(),
            building: self.cell("building").into(),
            address: self.cell("address").into(),
            head: self.cell("head").into(),
            phone: self.cell("phone").into(),
            size: self.cell("size").into(),
            class: self.cell("class").into(),
            note: self.cell("note").into(),
        };
        let today = crate::store::date_text(self.ctx.today);
        let existing = households::find_by_key(self.tx, text.village.trim(), text.head.trim(), text.address.trim())?;
        let target = match existing {
            Some(id) => {
                let before = households::get(self.tx, id, &today)?;
                // Empty optional cells keep what the household already has.
                let old = HouseholdText::from(&before.input());
                for (new, old) in [
                    (&mut text.group, old.group),
                    (&mut text.building, old.building),
                    (&mut text.phone, old.phone),
                    (&mut text.size, old.size),
                    (&mut text.note, old.note),
                ] {
                    if new.trim().is_empty() {
                        *new = old;
                    }
                }
                Some((id, before.version))
            }
            None => None,
        };
        match text.validate() {
            Ok(_) if !self.write => {}
            Ok(h) => match households::save(self.tx, self.ctx, target, &h) {
                Ok(s) => return Ok(Some(s)),
                Err(e) => self.row_error("head", e)?,
            },
            Err(problems) => problems.into_iter().for_each(|(k, e)| self.bad(k, e)),
        }
        Ok(None)
    }

    fn member(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        if let Some(s) = self.save_member("name", "phone")? {
            counts.add(s);
        }
        Ok(())
    }

    /// Creates or updates the row's member, whose name and phone are in
    /// the columns `name_key` and `phone_key` (a roster's 党员, 党员电话).
    fn save_member(&mut self, name_key: &'static str, phone_key: &'static str) -> Result<Option<Saved>, ImportError> {
        let key_of = move |k: &'static str| match k {
            "name" => name_key,
            "phone" => phone_key,
            k => k,
        };
        let village = self.cell("village").trim().to_string();
        if !village.is_empty() && !self.allowed("village", Target::VillageNamed(&village))? {
            return Ok(None);
        }
        let role = match self.cell("role").trim() {
            // A roster without 身份 lists ordinary members.
            "" if name_key == "member" => crate::domain::model::Role::Member.zh().to_string(),
            r => r.to_string(),
        };
        let mut text = MemberText {
            village: self.cell("village").into(),
            name: self.cell(name_key).into(),
            phone: self.cell(phone_key).into(),
            role,
            status: self.cell("status").into(),
            unit: self.cell("unit").into(),
            party_group: self.cell("party_group").into(),
        };
        let phone = match text::phone(&text.phone) {
            Ok(p) => p,
            Err(e) => {
                self.bad(phone_key, e);
                return Ok(None);
            }
        };
        let (village, name) = (text.village.trim().to_string(), text.name.trim().to_string());
        let mut ids = members::find(self.tx, &village, &name, &phone)?;
        if ids.is_empty() && !phone.is_empty() {
            // A member first listed without a phone gets one now.
            let all = members::find(self.tx, &village, &name, "")?;
            let today = crate::store::date_text(self.ctx.today);
            let without: Vec<i64> =
                all.into_iter().filter(|id| members::get(self.tx, *id, &today).is_ok_and(|m| m.phone.is_empty())).collect();
            if without.len() == 1 {
                ids = without;
            }
        }
        let target = match ids.as_slice() {
            [] => None,
            [id] => {
                let before = members::get(self.tx, *id, &crate::store::date_text(self.ctx.today))?;
                let old = MemberText::from(&before.input());
                for (new, old) in [
                    (&mut text.phone, old.phone),
                    (&mut text.status, old.status),
                    (&mut text.unit, old.unit),
                    (&mut text.party_group, old.party_group),
                ] {
                    if new.trim().is_empty() {
                        *new = old;
                    }
                }
                Some((*id, before.version))
            }
            _ => {
                self.bad(phone_key, tf("err.ambiguous_member", &[("name", &echo(&name)), ("count", &ids.len().to_string())]));
                return Ok(None);
            }
        };
        match text.validate() {
            Ok(_) if !self.write => {}
            Ok(m) => match members::save(self.tx, self.ctx, target, &m) {
                Ok(s) => return Ok(Some(s)),
                Err(e) => self.row_error(name_key, e)?,
            },
            Err(problems) => problems.into_iter().for_each(|(k, e)| self.bad(key_of(k), e)),
        }
        Ok(None)
    }

    /// A roster row: its member and household created or updated, and the
    /// household linked to the member from 起始日期 (today when empty).
    fn roster(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        let since = match self.cell("since").trim() {
            "" => Some(self.ctx.today),
            s => {
                let r = text::past_date(s, self.ctx.today);
                self.check("since", r)
            }
        };
        let member = self.save_member("member", "member_phone")?;
        let household = self.save_household()?;
        let tally = |t: &mut Tally, s: Saved| match s {
            Saved::Created(_) => t.created += 1,
            Saved::Updated(_) => t.updated += 1,
            Saved::Unchanged(_) => t.unchanged += 1,
        };
        let (Some(m), Some(h), Some(since)) = (member, household, since) else { return Ok(()) };
        let linked = match links::link(self.tx, self.ctx, m.id(), h.id(), since) {
            Ok(l) => l,
            Err(e) => return self.row_error("since", e),
        };
        let parts = counts.roster.get_or_insert([Tally::default(); 3]);
        tally(&mut parts[0], m);
        tally(&mut parts[1], h);
        match linked {
            links::Linked::Created => parts[2].created += 1,
            links::Linked::Moved => parts[2].updated += 1,
            links::Linked::Unchanged => parts[2].unchanged += 1,
        }
        // The row counts once: made if anything was made.
        match (m, h, linked) {
            (Saved::Created(_), ..) | (_, Saved::Created(_), _) | (.., links::Linked::Created) => counts.created += 1,
            (Saved::Unchanged(_), Saved::Unchanged(_), links::Linked::Unchanged) => counts.unchanged += 1,
            _ => counts.updated += 1,
        }
        Ok(())
    }

    fn link(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        let since = match self.cell("since").trim() {
            "" => Some(self.ctx.today),
            s => {
                let r = text::past_date(s, self.ctx.today);
                self.check("since", r)
            }
        };
        let member = self.member_ref("member")?;
        let household = self.household_ref()?;
        if let (Some(since), Some(member), Some(household), true) = (since, member, household, self.write) {
            match links::link(self.tx, self.ctx, member, household, since) {
                Ok(links::Linked::Unchanged) => counts.unchanged += 1,
                Ok(links::Linked::Moved) => counts.updated += 1,
                Ok(links::Linked::Created) => counts.created += 1,
                Err(e) => self.row_error("since", e)?,
            }
        }
        Ok(())
    }

    fn visit(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        let text = VisitText {
            date: self.cell("date").to_string(),
            mode: self.cell("mode").to_string(),
            sorting: self.cell("sorting").to_string(),
            note: self.cell("note").to_string(),
            concern: self.cell("concern").to_string(),
            suggestion: self.cell("suggestion").to_string(),
            next: self.cell("next").to_string(),
        };
        let fields = text.validate(self.ctx.today).map_err(|problems| problems.into_iter().for_each(|(k, e)| self.bad(k, e))).ok();
        let member = self.member_ref("member")?;
        let household = self.household_ref()?;
        if let (Some(v), Some(member_id), Some(household_id), true) = (fields, member, household, self.write) {
            counts.wrote(records::add_visit(self.tx, self.ctx, &VisitInput { household_id, member_id, visit: v })?);
        }
        Ok(())
    }

    fn quarter(&mut self) -> Option<Quarter> {
        let raw = echo(self.cell("quarter").trim());
        match raw.parse::<Quarter>() {
            Ok(q) if q.first_day() <= self.ctx.today => Some(q),
            Ok(_) => {
                self.bad("quarter", t("err.future_quarter"));
                None
            }
            Err(()) => {
                self.bad("quarter", tf("err.quarter", &[("value", &raw)]));
                None
            }
        }
    }

    fn rating(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        let quarter = self.quarter();
        let rating = {
            let raw = self.cell("rating");
            let r = if raw.trim().is_empty() {
                Err(TextError::Required)
            } else {
                Rating::parse(raw).ok_or_else(|| TextError::Choice(crate::domain::validate::choices(Rating::ALL, Rating::zh)))
            };
            self.check("rating", r)
        };
        let household = self.household_ref()?;
        if let (Some(q), Some(r), Some(h), true) = (quarter, rating, household, self.write) {
            counts.wrote(records::set_rating(self.tx, self.ctx, h, q, r)?);
        }
        Ok(())
    }

    fn adjustment(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        let quarter = self.quarter();
        let points = {
            let p = text::adjustment_points(self.cell("points"));
            self.check("points", p)
        };
        let reason = {
            let r = text::required_text(self.cell("reason"));
            self.check("reason", r)
        };
        let member = self.member_ref("member")?;
        if let (Some(q), Some(p), Some(reason), Some(m), true) = (quarter, points, reason, member, self.write) {
            counts.wrote(records::add_adjustment(self.tx, self.ctx, m, q, p, &reason)?);
        }
        Ok(())
    }
}
