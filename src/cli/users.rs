//! `lianhu users [list | set USER ROLE [--village V] | remove USER]`: access
//! by village. With no users, everyone may do everything; once one is set,
//! only administrators change the list.

use super::output::{errln, outln};
use super::{CliError, Globals};
use crate::i18n::{t, tf};
use crate::store::access;
use clap::{Subcommand, ValueEnum};

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
    /// Every configured user.
    List,
    /// Gives an OS user a role (a clerk needs --village).
    Set {
        user: String,
        role: Role,
        #[arg(long)]
        village: Option<String>,
    },
    /// Takes an OS user off the list.
    Remove { user: String },
}

pub fn run(g: &Globals, action: UsersAction) -> Result<(), CliError> {
    let mut store = g.open()?;
    match action {
        UsersAction::List => {
            let users = access::users(store.conn())?;
            if users.is_empty() {
                outln!("{}", t("users.none"));
            }
            for (user, role, village) in users {
                outln!("{user}\t{role}\t{}", village.unwrap_or_default());
            }
        }
        UsersAction::Set { user, role, village } => {
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
            store.write(|tx, ctx| access::set_user(tx, ctx, &user, code, village))?;
            errln!("{}", tf("users.set", &[("user", &user), ("role", code)]));
        }
        UsersAction::Remove { user } => {
            let removed = store.write(|tx, ctx| access::remove_user(tx, ctx, &user))?;
            errln!("{}", tf(if removed { "users.removed" } else { "users.not_found" }, &[("user", &user)]));
        }
    }
    Ok(())
}
