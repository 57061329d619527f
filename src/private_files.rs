//! Files and folders only the operator's account can read.
//!
//! Threat: another local account on the server (a colleague's shell, a service running as
//! someone else) reading what the product writes: the database and its WAL (people, e-mail
//! addresses, invite hashes, the ballot's roll), the e-mails written as `.eml` files (invite
//! links), exports and backups (names and results). The default umask makes all of them
//! world-readable (0644 files, 0755 folders). Everything the product creates goes through
//! here: folders 0700, files 0600, and an existing file or folder found more open is narrowed
//! (a deployment from before this rule is fixed at its next start). The operator's own
//! account, and root, are trusted: they hold the key to everything anyway.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

pub const FILE_MODE: u32 = 0o600;
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` (and its parents) if needed and makes `dir` itself 0700.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE))
}

/// Writes `bytes` to `path` as a 0600 file (replacing what was there).
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(FILE_MODE)
        .open(path)?;
    // `mode` applies only when the file is created.
    file.set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Creates `path` empty as a 0600 file if it does not exist; narrows it to 0600 if it does.
pub fn touch(path: &Path) -> io::Result<()> {
    let file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(FILE_MODE)
        .open(path)?;
    file.set_permissions(fs::Permissions::from_mode(FILE_MODE))
}

/// Creates `path` as a new empty 0600 file; fails if anything is already there, so nothing
/// the operator has is overwritten.
pub fn create_new(path: &Path) -> io::Result<()> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(path)
        .map(drop)
}

/// Narrows an existing file to 0600; a missing one is fine.
pub fn narrow(path: &Path) -> io::Result<()> {
    match fs::set_permissions(path, fs::Permissions::from_mode(FILE_MODE)) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn folders_and_files_are_the_owners_only_even_when_they_existed_open() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/b");
        fs::create_dir_all(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        create_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        let file = dir.join("x.csv");
        fs::write(&file, b"old").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
        write(&file, b"new").unwrap();
        assert_eq!(
            (mode(&file), fs::read(&file).unwrap()),
            (0o600, b"new".to_vec())
        );
        let db = dir.join("db");
        touch(&db).unwrap();
        assert_eq!(mode(&db), 0o600);
        fs::set_permissions(&db, fs::Permissions::from_mode(0o644)).unwrap();
        narrow(&db).unwrap();
        assert_eq!(mode(&db), 0o600);
        narrow(&dir.join("missing")).unwrap();
    }
}
