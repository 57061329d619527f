//! Every SQL statement of the program, in functions named after what they do. Functions take a
//! `&mut Connection` (see [`backend`], the one module that names the engine) so the same call
//! works on a pooled connection or inside a transaction.

pub mod assessments;
pub mod audit;
pub mod backend;
pub mod ballots;
pub mod blocks;
pub mod campaigns;
pub mod chats;
pub mod commendations;
pub mod decisions;
pub mod dialogues;
pub mod error;
pub mod exports;
pub mod history;
pub mod inbox;
pub mod invites;
pub mod meetings;
pub mod nominations;
pub mod outbox;
pub mod people;
pub mod proposals;
pub mod registrations;
pub mod reminders;
pub mod staff;
pub mod units;

pub use backend::{
    BackupRejected, BackupSummary, Conn, Connection, Db, Tx, inspect_backup, open, open_in_memory,
};
pub use error::{StorageError, StorageResult};

/// A list the domain owns (title codes, statuses), bound as one JSON array parameter and read
/// with `IN (SELECT value FROM json_each(?N))`, so the statement keeps one text however long the
/// list is. (PostgreSQL's equivalent is `= ANY(?N)` over an array.)
pub(crate) fn bound_list<'a>(codes: impl IntoIterator<Item = &'a str>) -> StorageResult<String> {
    Ok(serde_json::to_string(
        &codes.into_iter().collect::<Vec<_>>(),
    )?)
}
