//! `lianhu demo [--households N] [--years Y] [--seed S] [--force]`

use super::output::{errln, outln};
use super::{CliError, Globals};
use crate::demo::{self, Options};
use crate::i18n::{t, tf};

/// The largest demo: a street and a half.
pub const MAX_HOUSEHOLDS: usize = 100_000;

pub fn run(g: &Globals, households: usize, years: u32, seed: u64, force: bool) -> Result<(), CliError> {
    if households == 0 || years == 0 {
        return Err(CliError::Usage(t("err.demo_size").to_string()));
    }
    if households > MAX_HOUSEHOLDS || years > 20 {
        return Err(CliError::Usage(tf("safety.demo_too_big", &[("max", &MAX_HOUSEHOLDS.to_string())])));
    }
    let mut store = g.open()?;
    if let Some(why) = store.why_no_writes() {
        return Err(CliError::Store(crate::store::StoreError::Denied(why)));
    }
    let options = Options { households, years, seed };
    let progress = g.progress();
    let sum = if store.is_empty()? {
        let sum = fill(&mut store, &options, true, &*progress)?;
        progress.finish();
        sum
    } else {
        if !force {
            return Err(CliError::Failed(t("err.demo_not_empty").to_string()));
        }
        crate::store::access::require_admin(&store.ctx()?)?;
        // --force: the demo is made in a new file beside the database, the
        // database's whole content is kept (an online backup, the WAL's
        // commits included), and the demo is copied into the same file.
        // Nothing is moved or deleted, so sessions already open go on in
        // the one file and see the demo on their next read.
        let name = store.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let part =
            crate::store::files::Part::new(&store.path().with_file_name(format!("{name}.demo"))).map_err(crate::store::StoreError::from)?;
        let sum = {
            let mut fresh = crate::store::Store::create_in(part.path(), store.today)?;
            fresh.who = store.who.clone();
            fill(&mut fresh, &options, false, &*progress)?
        };
        let src = crate::store::backup::open_private(part.path())?;
        let kept = crate::store::backup::replace_with(&mut store, &src, "before-demo", &*progress)?;
        progress.finish();
        errln!("{}", tf("msg.demo_kept", &[("file", &kept.display().to_string())]));
        sum
    };
    outln!(
        "{}",
        tf(
            "msg.demo_done",
            &[
                ("villages", &sum.villages.to_string()),
                ("households", &sum.households.to_string()),
                ("members", &sum.members.to_string()),
                ("links", &sum.links.to_string()),
                ("visits", &sum.visits.to_string()),
                ("concerns", &sum.concerns.to_string()),
                ("ratings", &sum.ratings.to_string()),
            ]
        )
    );
    Ok(())
}

/// Fills an empty database in one transaction: through a rollback journal
/// (which for new pages holds next to nothing) it is written once, where
/// the WAL would take it all and then copy it again. Back to WAL after
/// (a file that is only copied from stays as it is).
/// Another user on the file keeps it in WAL, and the load still works.
fn fill(
    store: &mut crate::store::Store,
    options: &Options,
    back_to_wal: bool,
    progress: &dyn crate::progress::Progress,
) -> Result<demo::Summary, CliError> {
    let journal = |store: &crate::store::Store, mode: &str| {
        store.conn().query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| r.get::<_, String>(0))
    };
    let direct = journal(store, "DELETE").is_ok_and(|m| m.eq_ignore_ascii_case("delete"));
    let sum = demo::generate_with(store, options, progress);
    if direct && back_to_wal {
        journal(store, "WAL").map_err(crate::store::StoreError::from)?;
    }
    Ok(sum?)
}
