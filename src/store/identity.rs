//! Who is at the keyboard: the login name of the process's real user id,
//! asked of the kernel (`getuid`) and the password database
//! (`getpwuid_r`), never an environment variable. The OS user who owns the
//! database file is its administrator; only that user may speak for
//! someone else: `--as NAME` (the forced command of a staff member's SSH
//! key on the township server: NAME's role applies), or `SUDO_USER` when
//! the owner's account was entered through sudo (the owner's authority,
//! recorded under that member's name). For anyone else `--as` is refused
//! and `SUDO_USER` ignored.

use super::{Result, StoreError};
use crate::i18n::tf;
use std::path::Path;

/// The identity a store records and checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The name written to the audit log, drafts and steps.
    pub who: String,
    /// The name that holds the owner's authority (administrator): the
    /// real user when they own the file, or the member who entered the
    /// owner's account through sudo; None when the real user is not the
    /// owner.
    pub owner: Option<String>,
}

impl Identity {
    /// Whether `who` is the owner speaking for themselves.
    pub fn is_owner(&self, who: &str) -> bool {
        self.owner.as_deref() == Some(who)
    }
}

/// The real user id of this process.
#[cfg(unix)]
pub fn uid() -> u32 {
    // SAFETY: getuid has no preconditions and cannot fail.
    unsafe { libc::getuid() }
}

#[cfg(not(unix))]
pub fn uid() -> u32 {
    0
}

/// The login name and home folder of `uid`, from the password database.
#[cfg(unix)]
pub fn passwd(uid: u32) -> Option<(String, std::path::PathBuf)> {
    let mut buf = vec![0u8; 4096];
    // SAFETY: an all-zero passwd is valid (null pointers, zero ids).
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes into `pwd` and `buf`, which outlive the
    // call and whose sizes are given; `found` is set to `&pwd` or null.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr().cast(), buf.len(), &mut found) };
    if rc != 0 || found.is_null() || pwd.pw_name.is_null() || pwd.pw_dir.is_null() {
        return None;
    }
    // SAFETY: both point at NUL-terminated strings inside `buf`.
    let (name, dir) = unsafe { (std::ffi::CStr::from_ptr(pwd.pw_name), std::ffi::CStr::from_ptr(pwd.pw_dir)) };
    let name = name.to_str().ok().filter(|s| !s.is_empty())?.to_string();
    Some((name, std::path::PathBuf::from(dir.to_string_lossy().into_owned())))
}

/// The login name of `uid` from the password database; `uid:N` when it has
/// no entry (a container's numeric user).
#[cfg(unix)]
pub fn login_of(uid: u32) -> String {
    passwd(uid).map_or_else(|| format!("uid:{uid}"), |(name, _)| name)
}

#[cfg(not(unix))]
pub fn login_of(_uid: u32) -> String {
    std::env::var("USERNAME").unwrap_or_else(|_| "unknown".into())
}

/// Who the real user is.
pub fn real_user() -> String {
    login_of(uid())
}

/// The user id that owns the database file, or (before it exists) its
/// folder's; None when neither can be read.
#[cfg(unix)]
pub fn owner_uid(db: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(db).ok().map(|m| m.uid()).or_else(|| {
        let dir = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::metadata(dir).ok().map(|m| m.uid())
    })
}

#[cfg(not(unix))]
pub fn owner_uid(_db: &Path) -> Option<u32> {
    Some(0)
}

/// A name given to `--as` or found in `SUDO_USER`: a login name as
/// `useradd` allows (letters, digits, `._-`, at most 32), so that nothing
/// odd reaches the audit log or an `authorized_keys` line.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 32
        && !name.starts_with('-')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Resolves who is at the keyboard for the database `db`, with `--as`.
pub fn resolve(db: &Path, as_name: Option<&str>) -> Result<Identity> {
    let me = uid();
    let real = login_of(me);
    let is_owner = owner_uid(db).is_none_or(|o| o == me);
    let owner = is_owner.then(|| real.clone());
    if let Some(name) = as_name {
        if !is_owner {
            let owner_name = owner_uid(db).map(login_of).unwrap_or_default();
            return Err(StoreError::Denied(tf("access.as_refused", &[("who", &real), ("owner", &owner_name)])));
        }
        if !valid_name(name) {
            return Err(StoreError::Denied(tf("access.bad_name", &[("name", &crate::domain::text::echo(name))])));
        }
        return Ok(Identity { who: name.to_string(), owner });
    }
    // Someone who entered the owner's account through sudo holds the
    // owner's power over the file anyway; they act as its administrator,
    // recorded under their own name.
    if is_owner
        && let Ok(sudo) = std::env::var("SUDO_USER")
        && valid_name(&sudo)
        && sudo != real
    {
        return Ok(Identity { who: sudo.clone(), owner: Some(sudo) });
    }
    Ok(Identity { who: real, owner })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_login_names() {
        for ok in ["clerk1", "wang.fang", "li_si", "a-b"] {
            assert!(valid_name(ok), "{ok}");
        }
        for bad in ["", "-x", "a b", "王芳", "x;rm", "a\"b", &"x".repeat(33)] {
            assert!(!valid_name(bad), "{bad}");
        }
    }

    #[test]
    fn the_real_user_comes_from_the_kernel_not_the_environment() {
        let before = real_user();
        // SAFETY: this test is the only one in the crate that touches USER.
        unsafe { std::env::set_var("USER", "forged-admin") };
        assert_eq!(real_user(), before);
        assert_ne!(real_user(), "forged-admin");
    }
}
