//! Files written safely: under a temporary name in the target's folder,
//! locked while being written, renamed over the target only when complete;
//! never through a symbolic link; readable by owner and group only. A part
//! left by a killed process is swept up by the next run (its lock is gone).
//! And file names made from data (a village's name) that stay in their
//! folder.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What every part's name ends with.
const SUFFIX: &str = ".lianhu-part";

/// A file being written. Dropped without `commit`, it is removed and the
/// target is left as it was.
#[derive(Debug)]
pub struct Part {
    path: PathBuf,
    target: PathBuf,
    /// Holds the part's lock (`flock`) until the rename.
    file: Option<File>,
}

/// An error about `path`, as the io error's text.
fn refused(path: &Path, why: &str) -> io::Error {
    io::Error::other(format!("{}: {why}", path.display()))
}

/// Refuses a target that is a symbolic link: writing would change the
/// file it points at.
pub fn check_target(target: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => Err(refused(target, crate::i18n::t("safety.symlink"))),
        Ok(m) if m.is_dir() => Err(refused(target, crate::i18n::t("safety.is_dir"))),
        _ => Ok(()),
    }
}

fn folder(target: &Path) -> &Path {
    target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

impl Part {
    /// Starts writing `target`: a new, locked file beside it, mode 0640.
    /// Parts that earlier runs left in that folder are removed first.
    pub fn new(target: &Path) -> io::Result<Part> {
        Part::with_mode(target, 0o640)
    }

    /// As `new`, with the file's mode (`authorized_keys` is 0600; the
    /// files of a group-shared database 0660, see `mode_for`).
    pub fn with_mode(target: &Path, mode: u32) -> io::Result<Part> {
        check_target(target)?;
        let dir = folder(target);
        sweep(dir);
        let name = target.file_name().ok_or_else(|| refused(target, crate::i18n::t("safety.no_file_name")))?.to_string_lossy();
        let path = dir.join(format!(".{name}.{}{SUFFIX}", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).read(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(mode);
        }
        #[cfg(not(unix))]
        let _ = mode;
        let file = match options.open(&path) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                // Our own pid's part from a run that was killed: not locked.
                std::fs::remove_file(&path)?;
                options.open(&path)?
            }
            other => other?,
        };
        lock(&file, true)?;
        // The mode asked for, whatever the umask took away.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        Ok(Part { path, target: target.to_path_buf(), file: Some(file) })
    }

    /// The temporary file's path (for writers that open it themselves, as
    /// SQLite's backup does).
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Writes all of `bytes` to the part.
    pub fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.write_all(bytes),
            None => Err(io::Error::other("part already committed")),
        }
    }

    /// Makes the part the target: flushed to disk, then renamed over it
    /// (the link itself, were it one, is replaced; nothing is written
    /// through it).
    pub fn commit(mut self) -> io::Result<PathBuf> {
        check_target(&self.target)?;
        // Another writer (SQLite) may have written through its own handle.
        let f = File::open(&self.path)?;
        f.sync_all()?;
        std::fs::rename(&self.path, &self.target)?;
        if let Ok(d) = File::open(folder(&self.target)) {
            let _ = d.sync_all();
        }
        self.file = None;
        Ok(self.target.clone())
    }
}

impl Drop for Part {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// The mode of files made beside the database `db` (backups, parts): 0660
/// when the database is group-writable (a folder shared by a group, whose
/// members must all be able to rotate and clean up), else 0640.
pub fn mode_for(db: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if std::fs::metadata(db).is_ok_and(|m| m.permissions().mode() & 0o020 != 0) {
            return 0o660;
        }
    }
    let _ = db;
    0o640
}

/// Makes the folder `dir` (and its parents) for files beside the database
/// `db`: group-writable (and setgid, so the group stays) when the database
/// is.
pub fn make_dir_for(dir: &Path, db: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if mode_for(db) == 0o660 { 0o2770 } else { 0o750 };
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

/// Writes `bytes` to `target` in one step, as above.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut part = Part::new(target)?;
    part.write_all(bytes)?;
    part.commit().map(|_| ())
}

/// Removes the parts in `dir` that nobody is writing (their lock is free):
/// what a killed or failed run left behind.
pub fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let path = entry.path();
        // SQLite's files beside a part it wrote: gone with their part
        // (`lianhu-….db.part-journal` of an interrupted backup of an
        // earlier version too).
        if let Some(base) =
            ["-journal", "-wal", "-shm"].iter().find_map(|s| name.strip_suffix(s)).filter(|b| b.ends_with(SUFFIX) || legacy(b))
        {
            if !dir.join(base).exists() {
                let _ = std::fs::remove_file(&path);
            }
            continue;
        }
        if !name.ends_with(SUFFIX) && !legacy(name) {
            continue;
        }
        if let Ok(f) = std::fs::OpenOptions::new().read(true).open(&path)
            && lock(&f, false).is_ok()
        {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Earlier versions named a backup being written `lianhu-….db.part`.
fn legacy(name: &str) -> bool {
    name.starts_with("lianhu-") && name.ends_with(".db.part")
}

/// Whether a part whose name starts with `prefix` is in `dir` and locked:
/// another process is writing it now.
pub fn being_written(dir: &Path, prefix: &str) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else { return false };
    entries.flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name.starts_with(prefix) && name.ends_with(SUFFIX) && std::fs::File::open(e.path()).is_ok_and(|f| lock(&f, false).is_err())
    })
}

/// `flock`: exclusive; waits only when `wait`.
#[cfg(unix)]
fn lock(file: &File, wait: bool) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let op = if wait { libc::LOCK_EX } else { libc::LOCK_EX | libc::LOCK_NB };
    // SAFETY: flock on a descriptor this function borrows for the call.
    if unsafe { libc::flock(file.as_raw_fd(), op) } == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

#[cfg(not(unix))]
fn lock(_file: &File, _wait: bool) -> io::Result<()> {
    Ok(())
}

/// A file name made from data (a village's name): no path separators, no
/// leading dots, no control characters, at most 40 characters; an empty
/// result becomes `_`.
pub fn safe_name(s: &str) -> String {
    let cleaned: String =
        s.chars().map(|c| if c == '/' || c == '\\' || c == ':' || c == '\0' || c.is_control() { '_' } else { c }).take(40).collect();
    let trimmed = cleaned.trim().trim_start_matches('.').trim();
    if trimmed.is_empty() { "_".to_string() } else { trimmed.to_string() }
}

/// A file name from parts that may come from data, joined by `-`, each
/// made safe: `名单-湖口村-2026.xlsx`.
pub fn name_from(parts: &[&str], ext: &str) -> String {
    let joined: Vec<String> = parts.iter().map(|p| safe_name(p)).collect();
    format!("{}.{ext}", joined.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_that_is_dropped_leaves_the_target_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.csv");
        std::fs::write(&target, "old").unwrap();
        {
            let mut p = Part::new(&target).unwrap();
            p.write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no part left");
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_0640_and_links_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.csv");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o666)).unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o640);
        let secret = dir.path().join("secret");
        std::fs::write(&secret, "keep").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        assert!(write_atomic(&link, b"x").is_err());
        assert_eq!(std::fs::read_to_string(&secret).unwrap(), "keep");
    }

    #[test]
    fn parts_nobody_holds_are_swept_and_held_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".x.csv.1.lianhu-part");
        std::fs::write(&stale, "left by a killed run").unwrap();
        let held = Part::new(&dir.path().join("y.csv")).unwrap();
        sweep(dir.path());
        assert!(!stale.exists());
        assert!(held.path().exists(), "a part being written stays");
    }

    #[test]
    fn names_from_data_stay_in_their_folder() {
        assert_eq!(safe_name("x/../../pwn"), "x_.._.._pwn");
        assert_eq!(safe_name("../etc"), "_etc");
        assert_eq!(safe_name(".hidden"), "hidden");
        assert_eq!(safe_name(""), "_");
        assert_eq!(safe_name("湖口村"), "湖口村");
        assert_eq!(safe_name(&"长".repeat(100)).chars().count(), 40);
        assert!(!safe_name("a\nb").contains('\n'));
    }
}
