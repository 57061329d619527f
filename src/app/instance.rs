//! One `thidua run` per database. Two bots polling the same token steal each other's updates
//! (Telegram answers the second `getUpdates` with 409 Conflict) and two notifiers on one file
//! send every reminder twice; a test once had 27 running on one file, silently. `run` (and
//! `restore`, which must not replace a file in use) takes an exclusive lock on `<database>.lock`
//! and writes who holds it there, so the refusal names the running one.

use super::InputRejected;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Held for as long as the instance runs; the operating system releases the lock when the
/// process ends, however it ends (kill -9 included), so a stale file never blocks a start.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
}

pub fn lock_path(database: &Path) -> PathBuf {
    let mut path = database.as_os_str().to_owned();
    path.push(".lock");
    PathBuf::from(path)
}

/// Takes the lock for `database`, refusing with the holder's pid, host and start time when
/// another instance has it. `what` names this command in the holder's line.
pub fn acquire(database: &Path, what: &str) -> anyhow::Result<InstanceLock> {
    let path = lock_path(database);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::private_files::create_dir(parent)?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(crate::private_files::FILE_MODE)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            return Err(InputRejected(crate::texts::cli::already_running(
                &database.display().to_string(),
                holder.trim(),
            ))
            .into());
        }
        Err(TryLockError::Error(error)) => return Err(error.into()),
    }
    let started = chrono::Utc::now()
        .with_timezone(&crate::domain::time::LOCAL_TZ)
        .format("%d/%m/%Y %H:%M:%S");
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|name| name.trim().to_owned())
        .unwrap_or_else(|_| "?".to_owned());
    file.set_len(0)?;
    file.rewind()?;
    writeln!(
        file,
        "thidua {what}, pid {}, host {host}, started {started}",
        std::process::id()
    )?;
    file.sync_all()?;
    Ok(InstanceLock { _file: file })
}

/// The instance running on `database`, if one holds the lock now: its pid and its line.
pub fn running(database: &Path) -> Option<(i32, String)> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(lock_path(database))
        .ok()?;
    match file.try_lock() {
        // Nobody holds it: whatever pid the file names is gone (and may be reused).
        Ok(()) => None,
        Err(TryLockError::WouldBlock) => {
            let mut line = String::new();
            file.read_to_string(&mut line).ok()?;
            let pid = line
                .split(", ")
                .find_map(|part| part.strip_prefix("pid "))?
                .trim()
                .parse()
                .ok()?;
            Some((pid, line.trim().to_owned()))
        }
        Err(TryLockError::Error(_)) => None,
    }
}

/// Asks the instance running on `database` to look at its outbox now (SIGUSR1), instead of at
/// its next idle pass. Returns whether one was running and was asked.
pub fn wake_outbox(database: &Path) -> bool {
    let Some((pid, _)) = running(database) else {
        return false;
    };
    // The pid is read from a lock its holder keeps while alive, so it is that process's. The
    // system's kill(1), since the crate forbids the unsafe code a direct kill(2) needs.
    std::process::Command::new("kill")
        .args(["-USR1", &pid.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// In the running instance: wakes the outbox whenever SIGUSR1 arrives, until the task ends.
pub async fn wake_outbox_on_signal(ctx: crate::services::Ctx) {
    let Ok(mut signals) =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::user_defined1())
    else {
        tracing::warn!("cannot listen for SIGUSR1; `outbox retry` waits for the next pass");
        return;
    };
    while signals.recv().await.is_some() {
        ctx.wake_outbox();
    }
}
