//! The one error type of the storage layer. Callers above storage see `StorageError`, never the
//! engine's own error type, so a second backend can fill the same variants.

use crate::domain::UnknownValue;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The engine failed: connection, constraint, I/O inside the database, busy timeout.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// Applying the migrations failed at open.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Preparing the database file's directory failed.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// A row holds a value the code does not know. A CHECK constraint should make this
    /// impossible, but a hand-edited database must be refused loudly, never guessed at.
    #[error("corrupt row: {0}")]
    Corrupt(#[from] UnknownValue),
    /// A JSON column could not be written or read back.
    #[error("json column: {0}")]
    Json(#[from] serde_json::Error),
    /// A row the caller relies on (it was read or written moments ago) is absent.
    #[error("missing row: {0}")]
    Missing(&'static str),
    /// The stored facts break an invariant the code relies on, or a step after reading them
    /// failed in a way no user can fix. Kept here until services own an internal-error variant.
    #[error("invariant: {0}")]
    Invariant(String),
}

pub type StorageResult<T> = Result<T, StorageError>;
