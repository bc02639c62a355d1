//! Consistent copies of the database (SQLite's online backup API).

use super::{Result, Store};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `backups/` beside the database file.
pub fn default_dir(db: &Path) -> PathBuf {
    db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

/// Copies the open database into `dir` as `lianhu-YYYYMMDD-HHMMSS.db`
/// (a numeric suffix when that name is taken). Returns the new file.
pub fn backup_to_dir(store: &Store, dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let mut path = dir.join(format!("lianhu-{stamp}.db"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("lianhu-{stamp}-{n}.db"));
    }
    let mut dst = Connection::open(&path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640))?;
    }
    {
        let b = rusqlite::backup::Backup::new(store.conn(), &mut dst)?;
        // Small steps with pauses let other writers in while the copy runs.
        b.run_to_completion(256, Duration::from_millis(5), None)?;
    }
    dst.close().map_err(|(_, e)| e)?;
    Ok(path)
}
