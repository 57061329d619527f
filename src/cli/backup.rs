//! `thidua backup FILE` and `thidua restore FILE`: a consistent copy taken while the bot runs,
//! and putting one back while it does not.
//!
//! Restoring replaces everything submitted since the copy, so it shows what the copy holds and
//! does nothing without `--yes`; it refuses while any `thidua run` uses the database (the
//! instance lock), and the database it replaces is kept beside it, so a restore can be undone.

use super::InputRejected;
use crate::app::instance;
use crate::config::Settings;
use crate::storage::{self, BackupSummary};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (a new file; an existing one is never overwritten).
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A copy written by `thidua backup`.
    pub file: PathBuf,
    /// Replace the database with the copy (without it, only show what would happen).
    #[arg(long)]
    pub yes: bool,
}

pub async fn backup(ctx: crate::services::Ctx, args: BackupArgs) -> anyhow::Result<()> {
    if args.file.exists() {
        return Err(InputRejected(format!(
            "Tệp {0} đã có; sao lưu không ghi đè lên tệp nào. Hãy chọn một tên mới.\n\
             {0} already exists; a backup never overwrites a file. Choose a new name.",
            args.file.display()
        ))
        .into());
    }
    ctx.db.backup_into(&args.file).await?;
    let summary = storage::inspect_backup(&args.file).await?;
    println!(
        "Đã sao lưu vào {0} (chỉ tài khoản vận hành đọc được).\nBacked up to {0} (readable by the operator's account only).\n{1}",
        args.file.display(),
        describe(&summary)
    );
    Ok(())
}

pub async fn restore(settings: Settings, args: RestoreArgs) -> anyhow::Result<()> {
    let database = settings.database.path.clone();
    let summary = storage::inspect_backup(&args.file).await.map_err(|error| {
        InputRejected(format!(
            "Không khôi phục được từ {0}: {error}.\nCannot restore from {0}: {error}.",
            args.file.display()
        ))
    })?;
    let _lock = instance::acquire(&database, "restore")?;
    let kept = kept_path(&database);
    if !args.yes {
        return Err(InputRejected(format!(
            "Khôi phục sẽ thay toàn bộ cơ sở dữ liệu {db} bằng bản sao {file}; mọi thứ ghi nhận sau thời điểm sao lưu sẽ không còn \
             (cơ sở dữ liệu hiện tại được giữ lại thành {kept}).\n\
             Restoring replaces the whole database {db} with the copy {file}; everything recorded after the copy is gone \
             (the current database is kept as {kept}).\n{summary}\n\
             Chạy lại với --yes để thực hiện / run again with --yes to do it.",
            db = database.display(),
            file = args.file.display(),
            kept = kept.display(),
            summary = describe(&summary)
        ))
        .into());
    }
    replace(&database, &args.file, &kept)?;
    // Brings an older copy's schema up to this version, exactly as a start would.
    storage::open(&database, 1).await?.close().await;
    println!(
        "Đã khôi phục {db} từ {file}; cơ sở dữ liệu trước đó được giữ tại {kept}.\n\
         Restored {db} from {file}; the previous database is kept at {kept}.",
        db = database.display(),
        file = args.file.display(),
        kept = kept.display()
    );
    Ok(())
}

fn kept_path(database: &Path) -> PathBuf {
    let stamp = chrono::Utc::now()
        .with_timezone(&crate::domain::time::LOCAL_TZ)
        .format("%Y%m%d-%H%M%S");
    let mut path = database.as_os_str().to_owned();
    path.push(format!(".before-restore-{stamp}"));
    PathBuf::from(path)
}

/// Copies the backup in beside the database (0600), moves the current database and its log
/// aside, and renames the copy into place: at every moment the path holds a whole database.
fn replace(database: &Path, backup: &Path, kept: &Path) -> anyhow::Result<()> {
    let mut incoming = database.as_os_str().to_owned();
    incoming.push(".restoring");
    let incoming = PathBuf::from(incoming);
    let _ = std::fs::remove_file(&incoming);
    crate::private_files::write(&incoming, &std::fs::read(backup)?)?;
    if database.exists() {
        std::fs::rename(database, kept)?;
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut companion = database.as_os_str().to_owned();
        companion.push(suffix);
        let companion = PathBuf::from(companion);
        if companion.exists() {
            let mut aside = kept.as_os_str().to_owned();
            aside.push(suffix);
            std::fs::rename(&companion, PathBuf::from(aside))?;
        }
    }
    std::fs::rename(&incoming, database)?;
    Ok(())
}

fn describe(summary: &BackupSummary) -> String {
    format!(
        "Nội dung / contents: {} người / people, {} đợt thi đua / campaigns, {} đăng ký / registrations, \
         hoạt động cuối / last activity: {}, lược đồ / schema {}.",
        summary.people,
        summary.campaigns,
        summary.registrations,
        summary.last_activity.as_deref().unwrap_or("—"),
        summary.schema_version
    )
}
