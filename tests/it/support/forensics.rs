//! The attacker's tools against the ballot's secrecy, run on copies of the files the product
//! writes. They are real attacks, not schema checks: each reads bytes the way someone holding
//! the files would.
//!
//! - [`Snapshot::take`] copies every file under the data folder (database, `-wal`, `-shm`, mail
//!   spool, exports) at one moment, as a backup or a stolen disk image would.
//! - [`history`] replays the WAL frame by frame over the main file and yields the database as it
//!   was after every commit still recorded — the "page-history diff": a new ballot-box entry
//!   that appears in the same commit as a roll entry belongs to that voter.
//! - [`link_votes`] runs that diff over the history and reads, for each linked entry, whatever
//!   choice the entry shows in clear.
//! - [`Snapshot::contains`] looks for given bytes anywhere, free pages and WAL slack included.

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Row};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every file under a folder, read at one moment.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

impl Snapshot {
    pub fn take(dir: &Path) -> Self {
        let mut files = Vec::new();
        collect(dir, dir, &mut files);
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Self { files }
    }

    /// The bytes of the file whose name ends with `suffix` (e.g. `.db`, `.db-wal`).
    pub fn file(&self, suffix: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(path, _)| path.to_string_lossy().ends_with(suffix))
            .map(|(_, bytes)| bytes.as_slice())
    }

    /// The files that hold `needle` somewhere in their bytes.
    pub fn contains(&self, needle: &[u8]) -> Vec<PathBuf> {
        self.files
            .iter()
            .filter(|(_, bytes)| bytes.windows(needle.len()).any(|window| window == needle))
            .map(|(path, _)| path.clone())
            .collect()
    }
}

fn collect(root: &Path, dir: &Path, into: &mut Vec<(PathBuf, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, into);
        } else if let Ok(bytes) = std::fs::read(&path) {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            into.push((relative, bytes));
        }
    }
}

fn be32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

/// The database after every commit the WAL still records, oldest first, starting with the main
/// file as it stands. Frames of an older WAL generation (other salts) are skipped, as SQLite
/// itself would; checksums are not needed to read history.
pub fn history(main: &[u8], wal: Option<&[u8]>) -> Vec<Vec<u8>> {
    let mut states = vec![main.to_vec()];
    let Some(wal) = wal.filter(|wal| wal.len() >= 32) else {
        return states;
    };
    let magic = be32(wal, 0);
    if magic & 0xFFFF_FFFE != 0x377F_0682 {
        return states;
    }
    let page_size = be32(wal, 8) as usize;
    let (salt1, salt2) = (be32(wal, 16), be32(wal, 20));
    let mut image = main.to_vec();
    let mut at = 32;
    while at + 24 + page_size <= wal.len() {
        let page = be32(wal, at) as usize;
        let commit_size = be32(wal, at + 4) as usize;
        if (be32(wal, at + 8), be32(wal, at + 12)) != (salt1, salt2) || page == 0 {
            break;
        }
        let data = &wal[at + 24..at + 24 + page_size];
        let offset = (page - 1) * page_size;
        if image.len() < offset + page_size {
            image.resize(offset + page_size, 0);
        }
        image[offset..offset + page_size].copy_from_slice(data);
        if commit_size != 0 {
            let mut committed = image.clone();
            committed.resize(commit_size * page_size, 0);
            states.push(committed);
        }
        at += 24 + page_size;
    }
    states
}

/// What one historical state holds: the roll (who voted on what) and the box, each box entry
/// as every column rendered as text (blobs in hex), so the attack reads whatever is there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub roll: BTreeSet<(i64, i64)>,
    pub ballot_box: BTreeSet<Vec<(String, String)>>,
}

/// Opens an image read-only and immutable (no journal, no WAL looked for) and reads it.
pub async fn read_state(image: &[u8], scratch: &Path) -> State {
    let path = scratch.join(format!("state-{}.db", rand::random::<u64>()));
    std::fs::write(&path, image).expect("write image");
    let mut conn = SqliteConnectOptions::new()
        .filename(&path)
        .read_only(true)
        .immutable(true)
        .connect()
        .await
        .expect("open image");
    let mut state = State::default();
    if let Ok(rows) = sqlx::query("SELECT nomination_id, person_id FROM ballot_roll")
        .fetch_all(&mut conn)
        .await
    {
        for row in rows {
            state.roll.insert((row.get(0), row.get(1)));
        }
    }
    let box_table = box_table_name(&mut conn).await;
    if let Some(table) = box_table {
        let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT name FROM pragma_table_info('{table}')"
        )))
        .fetch_all(&mut conn)
        .await
        .unwrap_or_default();
        let select = columns
            .iter()
            .map(|column| format!("CASE typeof({column}) WHEN 'blob' THEN hex({column}) ELSE CAST({column} AS TEXT) END"))
            .collect::<Vec<_>>()
            .join(", ");
        if let Ok(rows) = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {select} FROM {table}")))
            .fetch_all(&mut conn)
            .await
        {
            for row in rows {
                let entry = columns
                    .iter()
                    .enumerate()
                    .map(|(index, column)| {
                        let value: Option<String> = row.get(index);
                        (column.clone(), value.unwrap_or_default())
                    })
                    .collect();
                state.ballot_box.insert(entry);
            }
        }
    }
    drop(conn);
    let _ = std::fs::remove_file(&path);
    state
}

/// The table that holds the box's entries, whatever this version calls it.
async fn box_table_name(conn: &mut sqlx::SqliteConnection) -> Option<String> {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&mut *conn)
            .await
            .unwrap_or_default();
    ["ballot_papers", "ballot_box"]
        .into_iter()
        .find(|name| tables.iter().any(|table| table == name))
        .map(str::to_owned)
}

/// One voter linked to one box entry by the commit that wrote both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub person: i64,
    pub nomination: i64,
    /// The choice the entry shows in clear, if it shows one ("yes"/"no").
    pub readable_choice: Option<String>,
}

/// The page-history diff: between consecutive states, a single new roll row and a single new box
/// entry on the same nominee are the same vote.
pub fn link_votes(states: &[State]) -> Vec<Link> {
    let mut links = Vec::new();
    for pair in states.windows(2) {
        let new_roll: Vec<_> = pair[1].roll.difference(&pair[0].roll).collect();
        let new_box: Vec<_> = pair[1].ballot_box.difference(&pair[0].ballot_box).collect();
        if let ([(nomination, person)], [entry]) = (new_roll.as_slice(), new_box.as_slice()) {
            let readable_choice = entry
                .iter()
                .map(|(_, value)| value.as_str())
                .find(|value| matches!(*value, "yes" | "no"))
                .map(str::to_owned);
            links.push(Link {
                person: *person,
                nomination: *nomination,
                readable_choice,
            });
        }
    }
    links
}
