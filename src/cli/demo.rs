//! `lianhu demo [--households N] [--years Y] [--seed S] [--force]`

use super::{CliError, Globals};
use crate::demo::{self, Options};
use crate::i18n::{t, tf};

pub fn run(g: &Globals, households: usize, years: u32, seed: u64, force: bool) -> Result<(), CliError> {
    if households == 0 || years == 0 {
        return Err(CliError::Usage(t("err.demo_size").to_string()));
    }
    let mut store = g.open()?;
    if !store.is_empty()? {
        if !force {
            return Err(CliError::Failed(t("err.demo_not_empty").to_string()));
        }
        // --force: start over in a fresh file, keeping the old one beside it.
        let path = store.path().to_path_buf();
        drop(store);
        let kept = path.with_extension(format!("db.{}.bak", chrono::Local::now().format("%Y%m%d-%H%M%S")));
        std::fs::rename(&path, &kept).map_err(|e| CliError::Failed(format!("{}: {e}", path.display())))?;
        for ext in ["db-wal", "db-shm"] {
            let _ = std::fs::remove_file(path.with_extension(ext));
        }
        eprintln!("{}", tf("msg.demo_kept", &[("file", &kept.display().to_string())]));
        store = g.open()?;
    }
    // The empty file is filled in one transaction: through a rollback journal
    // (which for new pages holds next to nothing) it is written once, where
    // the WAL would take it all and then copy it again. Back to WAL after.
    // Another user on the file keeps it in WAL, and the load still works.
    let journal = |store: &crate::store::Store, mode: &str| {
        store.conn().query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| r.get::<_, String>(0))
    };
    let direct = journal(&store, "DELETE").is_ok_and(|m| m.eq_ignore_ascii_case("delete"));
    let sum = demo::generate(&mut store, &Options { households, years, seed });
    if direct {
        journal(&store, "WAL").map_err(crate::store::StoreError::from)?;
    }
    let sum = sum?;
    println!(
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
