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
pub mod evidence;
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
pub mod reopenings;
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

/// Sorts people the Vietnamese way ([`crate::domain::collation::compare_names`]) within each run
/// of rows that `same_group` keeps together, leaving the runs in the order SQL gave them (the
/// unit's place in the organisation file, a title's display order).
pub(crate) fn sort_names_within<T>(
    rows: &mut [T],
    same_group: impl Fn(&T, &T) -> bool,
    name: impl Fn(&T) -> &str,
) {
    for run in rows.chunk_by_mut(|a, b| same_group(a, b)) {
        run.sort_by(|a, b| crate::domain::collation::compare_names(name(a), name(b)));
    }
}
