use thiserror::Error;

/// Failures of the store. Messages speak the user's language.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}: {e}", crate::i18n::t("err.database"), e = .0)]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}: {e}", crate::i18n::t("err.migration"), e = .0)]
    Migration(#[from] rusqlite_migration::Error),
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
}

impl StoreError {
    /// Whether SQLite stopped the statement on request (a progress handler).
    pub fn is_interrupt(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::OperationInterrupted)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
