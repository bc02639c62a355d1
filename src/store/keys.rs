//! The township server's SSH keys: each staff member's key is a line of
//! the service account's `~/.ssh/authorized_keys` whose forced command runs
//! lianhu as that member (`--as NAME`), as gitolite and Gitea do. Lines of
//! ours end with the comment `lianhu:NAME`; every other line is kept as it
//! is. The file is written whole through a part renamed over it, 0600, in
//! a folder 0700.

use super::files::Part;
use super::{Result, StoreError};
use crate::i18n::tf;
use std::path::{Path, PathBuf};

/// The key types OpenSSH accepts in `authorized_keys`.
const TYPES: &[&str] = &[
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
];

/// A public key as `ssh-keygen` writes it: type and base64 blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub kind: String,
    pub blob: String,
}

impl PublicKey {
    /// Reads the first key of an `.pub` file's text (one line; a comment
    /// after the blob is dropped). Refuses anything else, saying what is
    /// accepted.
    pub fn parse(text: &str) -> Result<PublicKey> {
        use base64::Engine;
        let bad = || StoreError::Invalid(tf("keys.bad_key", &[("types", &TYPES.join(", "))]));
        let line = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).ok_or_else(bad)?;
        let mut words = line.split_whitespace();
        let (kind, blob) = (words.next().ok_or_else(bad)?, words.next().ok_or_else(bad)?);
        if !TYPES.contains(&kind) || blob.len() > 16_384 {
            return Err(bad());
        }
        let raw = base64::engine::general_purpose::STANDARD.decode(blob).map_err(|_| bad())?;
        // The blob starts with its own type, length-prefixed.
        let n = raw.get(..4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize).ok_or_else(bad)?;
        if raw.get(4..4 + n) != Some(kind.as_bytes()) {
            return Err(bad());
        }
        Ok(PublicKey { kind: kind.to_string(), blob: blob.to_string() })
    }

    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    pub fn fingerprint(&self) -> String {
        use base64::Engine;
        use sha2::Digest;
        let raw = base64::engine::general_purpose::STANDARD.decode(&self.blob).unwrap_or_default();
        let digest = sha2::Sha256::digest(&raw);
        format!("SHA256:{}", base64::engine::general_purpose::STANDARD_NO_PAD.encode(digest))
    }
}

/// The forced command a member's key runs.
pub fn forced_command(exe: &Path, db: &Path, name: &str) -> String {
    format!("{} --db {} --as {name}", exe.display(), db.display())
}

/// One line of ours.
fn line(exe: &Path, db: &Path, name: &str, key: &PublicKey) -> String {
    format!("restrict,pty,command=\"{}\" {} {} lianhu:{name}", forced_command(exe, db, name), key.kind, key.blob)
}

/// The user a line of ours is for, from its closing comment.
fn user_of(line: &str) -> Option<&str> {
    line.split_whitespace().last()?.strip_prefix("lianhu:")
}

/// The key blob of any line (the word after a known type).
fn blob_of(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace();
    while let Some(w) = words.next() {
        if TYPES.contains(&w) {
            return words.next();
        }
    }
    None
}

/// The owner's `authorized_keys`, from the password database's home (not
/// `$HOME`).
pub fn default_file() -> PathBuf {
    home_of(super::identity::uid()).join(".ssh").join("authorized_keys")
}

#[cfg(unix)]
fn home_of(uid: u32) -> PathBuf {
    super::identity::passwd(uid).map_or_else(|| PathBuf::from("/"), |(_, home)| home)
}

#[cfg(not(unix))]
fn home_of(_uid: u32) -> PathBuf {
    PathBuf::from(".")
}

fn read(file: &Path) -> Result<Vec<String>> {
    match std::fs::read_to_string(file) {
        Ok(text) => Ok(text.lines().map(str::to_string).collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e.into()),
    }
}

/// Writes the lines back whole: the folder 0700, the file 0600.
fn write(file: &Path, lines: &[String]) -> Result<()> {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        std::fs::create_dir_all(dir)?;
        set_mode(dir, 0o700)?;
    }
    let mut text = lines.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    let mut part = Part::with_mode(file, 0o600)?;
    part.write_all(text.as_bytes())?;
    part.commit()?;
    Ok(())
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?)
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}

/// Adds `key` for `name`, or replaces the line that has the same key (a
/// key speaks for one member only). Other lines stay as they are.
pub fn add(file: &Path, exe: &Path, db: &Path, name: &str, key: &PublicKey) -> Result<()> {
    let mut lines = read(file)?;
    let ours = line(exe, db, name, key);
    match lines.iter().position(|l| blob_of(l) == Some(key.blob.as_str())) {
        Some(i) => lines[i] = ours,
        None => lines.push(ours),
    }
    write(file, &lines)
}

/// Removes every line of ours for `name`; returns how many.
pub fn remove(file: &Path, name: &str) -> Result<usize> {
    let mut lines = read(file)?;
    let before = lines.len();
    lines.retain(|l| user_of(l) != Some(name));
    let removed = before - lines.len();
    if removed > 0 {
        write(file, &lines)?;
    }
    Ok(removed)
}

/// The fingerprints of `name`'s keys.
pub fn fingerprints(file: &Path, name: &str) -> Result<Vec<String>> {
    Ok(read(file)?
        .iter()
        .filter(|l| user_of(l) == Some(name))
        .filter_map(|l| {
            let mut w = l.split_whitespace().rev();
            let (_, blob, kind) = (w.next()?, w.next()?, w.next()?);
            Some(PublicKey { kind: kind.to_string(), blob: blob.to_string() }.fingerprint())
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f clerk1@pc";

    #[test]
    fn a_key_file_is_read_and_junk_refused() {
        let k = PublicKey::parse(&format!("\n{ED}\n")).unwrap();
        assert_eq!(k.kind, "ssh-ed25519");
        assert!(k.fingerprint().starts_with("SHA256:") && k.fingerprint().len() == 50, "{}", k.fingerprint());
        for bad in ["", "hello", "ssh-ed25519 !!!", "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f"] {
            assert!(PublicKey::parse(bad).is_err(), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn lines_are_added_replaced_and_removed_and_others_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".ssh").join("authorized_keys");
        let (exe, db) = (Path::new("/usr/local/bin/lianhu"), Path::new("/srv/lianhu/town.db"));
        let key = PublicKey::parse(ED).unwrap();
        add(&file, exe, db, "clerk1", &key).unwrap();
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::metadata(file.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
        // Someone's own line, by hand.
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherKeyOfTheAdminxxxxxxxxxxxxxxxxxxxxxxx admin@laptop\n");
        std::fs::write(&file, text).unwrap();
        // The same key given to another member moves to them.
        add(&file, exe, db, "clerk2", &key).unwrap();
        let lines: Vec<String> = std::fs::read_to_string(&file).unwrap().lines().map(String::from).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0],
            format!(
                "restrict,pty,command=\"/usr/local/bin/lianhu --db /srv/lianhu/town.db --as clerk2\" ssh-ed25519 {} lianhu:clerk2",
                key.blob
            )
        );
        assert!(lines[1].ends_with("admin@laptop"));
        assert_eq!(fingerprints(&file, "clerk2").unwrap(), vec![key.fingerprint()]);
        assert!(fingerprints(&file, "clerk1").unwrap().is_empty());
        assert_eq!(remove(&file, "clerk2").unwrap(), 1);
        let left = std::fs::read_to_string(&file).unwrap();
        assert_eq!(left.lines().count(), 1);
        assert!(left.contains("admin@laptop"));
        assert_eq!(remove(&file, "nobody").unwrap(), 0);
    }
}
