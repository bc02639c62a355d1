//! Who else may touch the database's files. Access by village is only as
//! strong as the file's permissions: a file that users outside its owner
//! and group can write can be changed around lianhu's checks (`sqlite3
//! town.db "update users …"`), so access is then advisory, and lianhu says
//! so (`check`, and the app's status line).

use std::path::{Path, PathBuf};

/// The database, its WAL and shared memory, the backups folder and every
/// backup in it.
fn files(db: &Path) -> Vec<PathBuf> {
    let side = |ext: &str| {
        let mut s = db.as_os_str().to_os_string();
        s.push(ext);
        PathBuf::from(s)
    };
    let dir = super::backup::default_dir(db);
    let mut out = vec![db.to_path_buf(), side("-wal"), side("-shm"), dir.clone()];
    out.extend(super::backup::list(&dir));
    out
}

#[cfg(unix)]
fn mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).ok().map(|m| m.permissions().mode())
}

#[cfg(not(unix))]
fn mode(_path: &Path) -> Option<u32> {
    None
}

/// The files that users outside the owner and group may write.
pub fn writable_by_others(db: &Path) -> Vec<PathBuf> {
    files(db).into_iter().filter(|p| mode(p).is_some_and(|m| m & 0o002 != 0)).collect()
}

/// What `check` reports and the app's status line shows: access is
/// advisory (others may write), else the file is readable by everyone.
pub fn warning(db: &Path) -> Option<String> {
    let open = writable_by_others(db);
    if let Some(first) = open.first() {
        return Some(crate::i18n::tf("access.advisory", &[("file", &first.display().to_string()), ("count", &open.len().to_string())]));
    }
    super::world_readable(db).then(|| crate::i18n::tf("err.world_readable", &[("file", &db.display().to_string())]))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_world_writable_wal_or_backup_makes_access_advisory() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        std::fs::write(&db, b"x").unwrap();
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o660)).unwrap();
        assert_eq!(warning(&db), None);
        let wal = dir.path().join("t.db-wal");
        std::fs::write(&wal, b"x").unwrap();
        std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o666)).unwrap();
        assert_eq!(writable_by_others(&db), vec![wal.clone()]);
        assert!(warning(&db).is_some_and(|w| w.contains("t.db-wal")));
        std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o660)).unwrap();
        std::fs::create_dir(dir.path().join("backups")).unwrap();
        let b = dir.path().join("backups").join("lianhu-20261130-080000.db");
        std::fs::write(&b, b"x").unwrap();
        std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o646)).unwrap();
        assert_eq!(writable_by_others(&db), vec![b]);
    }
}
