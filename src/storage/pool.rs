//! Opening the SQLite database with the settings every connection needs, and applying the
//! migrations in `migrations/` (the only source of the schema).

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::path::Path;
use std::time::Duration;

pub type Db = SqlitePool;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

fn base_options() -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        // WAL lets the bot read while a writer commits; FULL makes a confirmed write survive a
        // power cut, which is what "nothing a user submitted is ever lost" requires.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
}

/// Opens (creating if needed) the database file and migrates it.
pub async fn open(path: &Path, max_connections: u32) -> Result<Db, sqlx::Error> {
    if let Some(parent) = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
    }
    let options = base_options().filename(path).create_if_missing(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(max_connections)
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// A private in-memory database for unit tests; one connection so every query sees the same data.
pub async fn open_in_memory() -> Result<Db, sqlx::Error> {
    let options = base_options()
        .in_memory(true)
        .journal_mode(SqliteJournalMode::Memory);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// Starts a write transaction that takes the write lock at once. A deferred transaction that
/// reads and then writes can fail with SQLITE_BUSY without waiting; this one waits its turn.
pub async fn begin_immediate(db: &Db) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    db.begin_with("BEGIN IMMEDIATE").await
}
