//! `lianhu backup [--to DIR]`: SQLite's online backup, while others keep working.

use super::output::{errln, outln};
use super::{CliError, Globals};
use crate::store::backup;

pub fn run(g: &Globals, to: Option<&std::path::Path>) -> Result<(), CliError> {
    let store = g.open()?;
    let dir = to.map(std::path::Path::to_path_buf).unwrap_or_else(|| backup::default_dir(store.path()));
    let path = backup::backup_to_dir(store.conn(), &dir, &*g.progress())?;
    outln!("{}", path.display());
    Ok(())
}

/// `lianhu restore FILE`: checks the backup, keeps what it replaces, and
/// copies it in while others may be working (they see it on their next read).
pub fn restore(g: &Globals, file: &std::path::Path) -> Result<(), CliError> {
    let mut store = g.open()?;
    crate::store::access::require_admin(&store.ctx()?)?;
    let kept = backup::restore(&mut store, file, &*g.progress())?;
    errln!("{}", crate::i18n::tf("msg.restored", &[("file", &file.display().to_string()), ("kept", &kept.display().to_string())]));
    Ok(())
}
