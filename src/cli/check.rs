//! `lianhu check`: exits 1 only when the database itself is damaged.

use super::output::outln;
use super::{CliError, Globals};
use crate::domain::text::mask_phone;
use crate::i18n::{t, tf};
use crate::store::checks;

/// How many entries of each list to print before summarising.
const SHOWN: usize = 50;

pub fn run(g: &Globals, full: bool) -> Result<(), CliError> {
    let store = g.open()?;
    let rules = crate::cli::load_rules(&g.db)?;
    // SQLite tells nothing while it checks: a spinner with the clock and
    // the file's size in pages says it is working.
    let progress = g.progress();
    let pages: i64 = store.conn().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap_or(0);
    progress.stage(&tf(if full { "progress.check_full" } else { "progress.check" }, &[("pages", &pages.to_string())]), None);
    let report = checks::run(store.conn(), &rules, g.today, full);
    progress.finish();
    let report = report?;
    if !report.damaged() {
        outln!("{}", t("check.integrity_ok"));
    }
    for path in crate::store::perms::writable_by_others(store.path()) {
        outln!("{}", tf("access.check_writable", &[("file", &path.display().to_string())]));
    }
    if !report.schema.is_empty() {
        outln!("{}: {}", t("check.schema_bad"), report.schema.describe());
    }
    for line in &report.integrity {
        outln!("{}: {line}", t("check.integrity_bad"));
    }
    for (table, rowid, parent) in &report.broken_references {
        outln!("{}", tf("check.broken_reference", &[("table", table), ("rowid", &rowid.to_string()), ("parent", parent)]));
    }
    outln!("{}", tf("check.unlinked", &[("count", &report.unlinked.len().to_string())]));
    for (village, group, head, address) in report.unlinked.iter().take(SHOWN) {
        outln!("  {village} {group} {head} {address}");
    }
    if report.unlinked.len() > SHOWN {
        outln!("  {}", tf("check.more", &[("count", &(report.unlinked.len() - SHOWN).to_string())]));
    }
    // Members linked to nothing (exempt members may be; they are not listed).
    let coverage = crate::store::linking::coverage(store.conn(), g.today)?;
    let idle: Vec<_> = coverage.idle.iter().filter(|m| !m.3).collect();
    outln!("{}", tf("check.idle", &[("count", &idle.len().to_string())]));
    for (village, name, phone, _) in idle.iter().take(SHOWN) {
        outln!("  {village} {name} {}", mask_phone(phone));
    }
    if idle.len() > SHOWN {
        outln!("  {}", tf("check.more", &[("count", &(idle.len() - SHOWN).to_string())]));
    }
    outln!("{}", tf("check.off_load", &[("count", &report.off_load.len().to_string())]));
    for (village, name, phone, role, load, min, max) in report.off_load.iter().take(SHOWN) {
        let role = role.label(g.lang);
        outln!("  {village} {name} {} {role} {load} ({min}–{max})", mask_phone(phone));
    }
    if report.off_load.len() > SHOWN {
        outln!("  {}", tf("check.more", &[("count", &(report.off_load.len() - SHOWN).to_string())]));
    }
    if report.damaged() { Err(CliError::Failed(t("check.damaged").to_string())) } else { Ok(()) }
}
