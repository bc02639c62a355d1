use thiserror::Error;

/// Failures of the store. Messages speak the user's language and say what
/// to do.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}: {e}", crate::i18n::t("err.database"), e = .0)]
    Sqlite(rusqlite::Error),
    #[error("{}: {m}", crate::i18n::t("err.migration"), m = .0)]
    Migration(String),
    #[error("{}: {e}", crate::i18n::t("err.file"), e = .0)]
    Io(#[from] std::io::Error),
    #[error("{}", crate::i18n::t("err.conflict"))]
    Conflict,
    #[error("{}", crate::i18n::t("err.not_found"))]
    NotFound,
    #[error("{0}")]
    Invalid(String),
    /// Access by village refused the write; the text says why.
    #[error("{0}")]
    Denied(String),
    /// The file was written by a newer lianhu.
    #[error("{}", crate::i18n::tf("safety.newer", &[("found", &found.to_string()), ("known", &known.to_string())]))]
    Newer { found: i64, known: i64 },
    /// A database of another program (its first tables named).
    #[error("{}", crate::i18n::tf("safety.not_ours", &[("tables", .0)]))]
    NotOurs(String),
    /// SQLite found the file damaged (what it said).
    #[error("{}", crate::i18n::tf("safety.damaged", &[("error", .0)]))]
    Damaged(String),
    /// A damaged file, told with its path and the backup to restore.
    #[error("{0}")]
    DamagedFile(String),
    /// Writing is impossible here (read-only file or folder); the text says why.
    #[error("{0}")]
    ReadOnly(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if is_damage(&e) {
            return StoreError::Damaged(e.to_string());
        }
        StoreError::Sqlite(e)
    }
}

/// Whether SQLite's error means the file itself is damaged (or not a
/// database at all), or a text column holds bytes that are not UTF-8, which
/// lianhu never writes.
pub fn is_damage(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match e {
        rusqlite::Error::SqliteFailure(f, _) => matches!(f.code, DatabaseCorrupt | NotADatabase),
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => inner.is::<std::str::Utf8Error>(),
        rusqlite::Error::Utf8Error(..) => true,
        _ => false,
    }
}

impl StoreError {
    /// The error with what a clerk needs to act on it: a damaged database
    /// is named, with the command that restores its latest backup.
    pub fn at(self, db: &std::path::Path) -> StoreError {
        match self {
            StoreError::Damaged(why) => StoreError::DamagedFile(super::open::damage_text(db, &why)),
            other => other,
        }
    }

    /// Whether SQLite stopped the statement on request (a progress handler).
    pub fn is_interrupt(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::OperationInterrupted)
    }

    /// Whether another connection held the lock past the wait.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) if matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
