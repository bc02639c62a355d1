//! `lianhu users [list | set USER ROLE [--village V] | remove USER]`: access
//! by village. With no users, everyone may do everything; once one is set,
//! only administrators change the list.

use super::output::{errln, outln};
use super::{CliError, Globals};
use crate::i18n::{t, tf};
use crate::store::{access, keys};
use clap::{Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Role {
    /// Township administrator: every village.
    Admin,
    /// Village clerk: edits one village, reads the rest.
    Clerk,
    /// Reads everything, changes nothing.
    Reader,
}

#[derive(Debug, Subcommand)]
pub enum UsersAction {
    /// Every configured user, with the fingerprints of their SSH keys.
    List {
        #[arg(long, value_name = "FILE")]
        authorized_keys: Option<PathBuf>,
    },
    /// Gives a user a role (a clerk needs --village); with --key, also lets
    /// that SSH key in as the user (the township server).
    Set {
        user: String,
        role: Role,
        #[arg(long)]
        village: Option<String>,
        /// The member's public key (`id_ed25519.pub`), or `-` for stdin.
        #[arg(long, value_name = "FILE|-")]
        key: Option<PathBuf>,
        /// The file to edit (default: the owner's ~/.ssh/authorized_keys).
        #[arg(long, value_name = "FILE")]
        authorized_keys: Option<PathBuf>,
    },
    /// Takes a user off the list, and their keys out of authorized_keys.
    Remove {
        user: String,
        #[arg(long, value_name = "FILE")]
        authorized_keys: Option<PathBuf>,
    },
}

/// Reads a public key from a file or (`-`) standard input, at most 16 KB.
fn read_key(path: &Path) -> Result<keys::PublicKey, CliError> {
    use std::io::Read;
    let mut text = String::new();
    let read = if path == Path::new("-") {
        std::io::stdin().lock().take(16_384).read_to_string(&mut text)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(16_384).read_to_string(&mut text))
    };
    read.map_err(|e| CliError::Failed(format!("{}: {e}", path.display())))?;
    Ok(keys::PublicKey::parse(&text)?)
}

/// The authorized_keys file to edit: only the database's owner edits keys
/// (its forced commands run as the owner).
fn keys_file(store: &crate::store::Store, given: Option<PathBuf>) -> Result<PathBuf, CliError> {
    let owner = crate::store::identity::owner_uid(store.path()) == Some(crate::store::identity::uid());
    if !owner {
        return Err(CliError::Failed(t("keys.owner_only").to_string()));
    }
    Ok(given.unwrap_or_else(keys::default_file))
}

pub fn run(g: &Globals, action: UsersAction) -> Result<(), CliError> {
    let mut store = g.open()?;
    match action {
        UsersAction::List { authorized_keys } => {
            let users = access::users(store.conn())?;
            if users.is_empty() {
                outln!("{}", t("users.none"));
            }
            let file = authorized_keys.unwrap_or_else(keys::default_file);
            for (user, role, village) in users {
                let prints = keys::fingerprints(&file, &user).unwrap_or_default().join(" ");
                outln!("{user}\t{role}\t{}\t{prints}", village.unwrap_or_default());
            }
        }
        UsersAction::Set { user, role, village, key, authorized_keys } => {
            if !crate::store::identity::valid_name(&user) {
                return Err(CliError::Usage(tf("access.bad_name", &[("name", &crate::domain::text::echo(&user))])));
            }
            let key = key.as_deref().map(read_key).transpose()?;
            let file = key.as_ref().map(|_| keys_file(&store, authorized_keys)).transpose()?;
            let village = match (role, village) {
                (Role::Clerk, None) => return Err(CliError::Usage(t("users.clerk_village").to_string())),
                (_, Some(v)) => Some(super::village_arg(&store, Some(&v))?.unwrap_or_default()),
                (_, None) => None,
            };
            let code = match role {
                Role::Admin => "admin",
                Role::Clerk => "clerk",
                Role::Reader => "reader",
            };
            // The key only after the role is recorded (which checks that the
            // caller is an administrator).
            store.write(|tx, ctx| access::set_user(tx, ctx, &user, code, village))?;
            errln!("{}", tf("users.set", &[("user", &user), ("role", code)]));
            if let (Some(key), Some(file)) = (key, file) {
                let exe = std::env::current_exe().map_err(|e| CliError::Failed(e.to_string()))?;
                let db = std::fs::canonicalize(store.path()).unwrap_or_else(|_| store.path().to_path_buf());
                keys::add(&file, &exe, &db, &user, &key)?;
                errln!(
                    "{}",
                    tf("keys.added", &[("user", &user), ("fingerprint", &key.fingerprint()), ("file", &file.display().to_string())])
                );
            }
        }
        UsersAction::Remove { user, authorized_keys } => {
            let removed = store.write(|tx, ctx| access::remove_user(tx, ctx, &user))?;
            errln!("{}", tf(if removed { "users.removed" } else { "users.not_found" }, &[("user", &user)]));
            let owner = crate::store::identity::owner_uid(store.path()) == Some(crate::store::identity::uid());
            if owner || authorized_keys.is_some() {
                let file = authorized_keys.unwrap_or_else(keys::default_file);
                let n = keys::remove(&file, &user)?;
                if n > 0 {
                    errln!("{}", tf("keys.removed", &[("user", &user), ("count", &n.to_string()), ("file", &file.display().to_string())]));
                }
            }
        }
    }
    Ok(())
}
