//! The one module that names the database engine. Everything above storage sees [`Db`],
//! [`Conn`], [`Tx`] and [`Connection`]; every storage function takes `&mut Connection`, so the
//! same call works on a pooled connection (reads) or inside a write transaction.
//!
//! Why this shape and not a trait with one implementation per engine: atuin keeps a
//! `Database` trait in `atuin-server-database` and implements it once per engine in
//! `atuin-server-postgres`, `atuin-server-sqlite` and `atuin-server-mysql`, each crate carrying
//! its own copy of every statement. That pays off when engines diverge; here there is one
//! engine today and our SQL is written to stay portable (`?N` binds, no engine-only functions
//! where a cheap portable form exists), so duplicating ~150 statements behind a trait now would
//! be two copies to keep in step for a backend that does not exist yet. Instead each statement
//! has ONE text, in a function named after what it does, and the engine is named only here.
//! A PostgreSQL backend (a later issue) either swaps these aliases for an enum over both
//! connection types, or adds a second module beside this one and picks it at build time; the
//! statements that truly differ (`BEGIN IMMEDIATE`, the unique-violation message) are already
//! behind functions of storage.

use super::error::StorageResult;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::OwnedMutexGuard;

/// What every storage function takes: a connection of the engine.
pub type Connection = sqlx::SqliteConnection;

/// A row as the engine returns it, for the functions of storage that map rows by hand.
pub(crate) type DbRow = sqlx::sqlite::SqliteRow;

/// A pooled connection for reads (and single-statement writes that need no transaction).
pub type Conn = sqlx::pool::PoolConnection<Sqlite>;

/// The applied schema: `migrations/` is its only source.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The database: a pool of connections and the turn to write. Cloning shares both.
#[derive(Debug, Clone)]
pub struct Db {
    pool: SqlitePool,
    /// SQLite lets one writer in at a time. Left to SQLite, writers that find the lock taken
    /// sleep in its busy handler and retry on a back-off (up to 100 ms a nap), so under a rush
    /// the lock sits free while they sleep, the unlucky ones wait out the whole busy timeout and
    /// fail with "database is locked", and who gets in next is chance. Writers of this process
    /// queue here instead, first come first served (tokio's mutex is fair), and each is woken
    /// the moment the one before it finishes; the busy timeout is left for other processes
    /// (the operator's CLI beside a running bot).
    writer: Arc<tokio::sync::Mutex<()>>,
}

/// A write transaction, holding the process's turn to write until it ends. Dropped without
/// [`Tx::commit`], it rolls back.
#[derive(Debug)]
pub struct Tx {
    // Declared first so it is dropped before the turn passes on. sqlx only queues the rollback
    // of a dropped transaction on its connection, so the next writer may still find SQLite's
    // lock held for a moment: its busy timeout covers that wait.
    tx: Transaction<'static, Sqlite>,
    _turn: OwnedMutexGuard<()>,
}

/// How long a writer waits for another process's write lock before "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

fn base_options() -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        // WAL lets the bot read while a writer commits; FULL makes a confirmed write survive a
        // power cut, which is what "nothing a user submitted is ever lost" requires.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        // A deleted row's bytes are overwritten, not left in a free page: the ballot papers
        // deleted at the close must not outlive it in the file.
        .pragma("secure_delete", "ON")
        .busy_timeout(BUSY_TIMEOUT)
}

/// Opens (creating if needed) the database file and migrates it.
pub async fn open(path: &Path, max_connections: u32) -> StorageResult<Db> {
    open_with(path, max_connections, BUSY_TIMEOUT).await
}

async fn open_with(path: &Path, max_connections: u32, busy: Duration) -> StorageResult<Db> {
    if let Some(parent) = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        crate::private_files::create_dir(parent)?;
    }
    // Created 0600 before SQLite opens it: SQLite gives its -wal and -shm files the database
    // file's own permissions. Narrowed again afterwards for files left by an older version.
    crate::private_files::touch(path)?;
    let options = base_options()
        .busy_timeout(busy)
        .filename(path)
        .create_if_missing(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(max_connections)
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    let db = Db::from_pool(pool);
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut companion = path.as_os_str().to_owned();
        companion.push(suffix);
        crate::private_files::narrow(Path::new(&companion))?;
    }
    Ok(db)
}

/// A private in-memory database for unit tests; one connection so every query sees the same data.
pub async fn open_in_memory() -> StorageResult<Db> {
    let options = base_options()
        .in_memory(true)
        .journal_mode(SqliteJournalMode::Memory);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(Db::from_pool(pool))
}

impl Db {
    fn from_pool(pool: SqlitePool) -> Self {
        Self {
            pool,
            writer: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// A connection from the pool, for reads.
    pub async fn read(&self) -> StorageResult<Conn> {
        Ok(self.pool.acquire().await?)
    }

    /// Starts a write transaction that takes the write lock at once. A deferred transaction that
    /// reads and then writes can fail with SQLITE_BUSY without waiting; this one waits its turn.
    pub async fn write(&self) -> StorageResult<Tx> {
        // The turn first, the connection second: a writer waiting its turn holds no connection
        // that readers could use.
        let turn = Arc::clone(&self.writer).lock_owned().await;
        let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Tx { tx, _turn: turn })
    }

    /// Folds the write-ahead log into the database file and truncates it, so rows deleted by
    /// the last commits (the ballot papers) leave no copy in old log frames. Best effort: a
    /// reader holding an old snapshot keeps the log, and the next checkpoint finishes the job.
    pub async fn checkpoint(&self) -> StorageResult<()> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Writes a consistent copy of the whole database to `target` while others keep reading and
    /// writing (`VACUUM INTO` reads one snapshot). The file is created 0600 first (SQLite
    /// accepts an empty target) so the copy is never readable by others, even for a moment;
    /// its free pages are not copied, so nothing deleted (a ballot paper) travels with it.
    pub async fn backup_into(&self, target: &Path) -> StorageResult<()> {
        crate::private_files::create_new(target)?;
        let result = sqlx::query("VACUUM INTO ?1")
            .bind(target.display().to_string())
            .execute(&self.pool)
            .await;
        if result.is_err() {
            let _ = std::fs::remove_file(target);
        }
        result?;
        Ok(())
    }

    /// Closes the pool: waits for connections in use to come back, then closes them all.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The engine's pool itself. An escape hatch for tests, benches and migrations only (raw
    /// SQL to set up or inspect a case); program code goes through storage functions.
    pub fn sqlite_pool(&self) -> &SqlitePool {
        &self.pool
    }
}

impl Tx {
    /// Commits; while an inbox update is being processed, the first commit of its handling
    /// also marks it done (see [`super::inbox`]), so its change and the mark land together.
    pub async fn commit(mut self) -> StorageResult<()> {
        let marked = super::inbox::mark_in_commit(&mut self.tx).await?;
        self.tx.commit().await?;
        if let Some(update) = marked {
            update.committed();
        }
        Ok(())
    }

    /// Commits bookkeeping an update writes about itself (the audit row of a refused press):
    /// not the change the update asked for, so it never carries the inbox's done mark.
    pub async fn commit_unmarked(self) -> StorageResult<()> {
        Ok(self.tx.commit().await?)
    }

    pub async fn rollback(self) -> StorageResult<()> {
        Ok(self.tx.rollback().await?)
    }
}

impl Deref for Tx {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.tx
    }
}

/// What a backup file holds, read without changing it: checked before a restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// The newest migration applied to it.
    pub schema_version: i64,
    pub people: i64,
    pub campaigns: i64,
    pub registrations: i64,
    /// The last audit entry's time, as stored: how recent the copy is.
    pub last_activity: Option<String>,
}

/// Why a file cannot be restored.
#[derive(Debug, thiserror::Error)]
pub enum BackupRejected {
    #[error("not a thidua database: {0}")]
    NotADatabase(String),
    #[error("damaged: integrity_check says {0}")]
    Damaged(String),
    #[error("written by a newer version (schema {found}, this version knows {known})")]
    Newer { found: i64, known: i64 },
}

/// Opens `file` read-only and reports what it holds, refusing a file that is not a sound
/// thidua database of this version or an older one.
pub async fn inspect_backup(file: &Path) -> Result<BackupSummary, BackupRejected> {
    let not_db = |error: sqlx::Error| BackupRejected::NotADatabase(error.to_string());
    let options = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        // Nobody writes a backup: no locks, no -shm beside it, nothing changed by looking.
        .immutable(true)
        .create_if_missing(false);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(not_db)?;
    let result = async {
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&pool)
            .await
            .map_err(not_db)?;
        if integrity != "ok" {
            return Err(BackupRejected::Damaged(integrity));
        }
        let schema_version: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations")
                .fetch_one(&pool)
                .await
                .map_err(not_db)?;
        let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
        if schema_version > known {
            return Err(BackupRejected::Newer {
                found: schema_version,
                known,
            });
        }
        let count = |table: &'static str| {
            let pool = &pool;
            async move {
                sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                    "SELECT COUNT(*) FROM {table}"
                )))
                .fetch_one(pool)
                .await
                .map_err(not_db)
            }
        };
        Ok(BackupSummary {
            schema_version,
            people: count("people").await?,
            campaigns: count("campaigns").await?,
            registrations: count("registrations").await?,
            last_activity: sqlx::query_scalar("SELECT MAX(at) FROM audit_log")
                .fetch_one(&pool)
                .await
                .map_err(not_db)?,
        })
    }
    .await;
    pool.close().await;
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::dialogues;

    /// With no busy timeout at all, a second writer of the same process still gets in: it waits
    /// for its turn instead of meeting "database is locked".
    #[tokio::test]
    async fn a_second_writer_waits_its_turn_instead_of_failing_busy() {
        let dir = tempfile::tempdir().unwrap();
        let db = open_with(&dir.path().join("turns.db"), 4, Duration::ZERO)
            .await
            .unwrap();
        let now = chrono::Utc::now();

        // The control: two writers that bypass the turn collide at once on this database.
        let mut raw_first = db.pool.begin_with("BEGIN IMMEDIATE").await.unwrap();
        let collided = db.pool.begin_with("BEGIN IMMEDIATE").await;
        assert!(
            collided
                .as_ref()
                .is_err_and(|error| error.to_string().contains("locked")),
            "{collided:?}"
        );
        dialogues::save(&mut raw_first, 9, "{}", now).await.unwrap();
        raw_first.rollback().await.unwrap();

        let mut first = db.write().await.unwrap();
        let second = tokio::spawn({
            let db = db.clone();
            async move {
                let mut tx = db.write().await?;
                dialogues::save(&mut tx, 2, "\"second\"", now).await?;
                tx.commit().await
            }
        });
        // The test runtime has one thread: the second writer runs to its wait and stops there.
        tokio::task::yield_now().await;
        assert!(!second.is_finished());
        dialogues::save(&mut first, 1, "\"first\"", now)
            .await
            .unwrap();
        first.commit().await.unwrap();

        second.await.unwrap().unwrap();
        let mut conn = db.read().await.unwrap();
        assert_eq!(
            dialogues::load(&mut conn, 1).await.unwrap().as_deref(),
            Some("\"first\"")
        );
        assert_eq!(
            dialogues::load(&mut conn, 2).await.unwrap().as_deref(),
            Some("\"second\"")
        );
    }
}
