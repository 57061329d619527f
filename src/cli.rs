//! The command line: thin wrappers that load settings, open the database and call services.
//! Exit codes: 0 success, 1 a refused input (the message says why), 2 an internal failure.

pub mod backup;
pub mod block;
pub mod campaign;
pub mod document;
pub mod export;
pub mod giaykhen;
pub mod history;
pub mod minutes;
pub mod outbox;
pub mod proposal;
pub mod reminders;
pub mod rules;
pub mod staff;

pub use crate::app::{InputRejected, context};
use crate::config::Settings;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "thidua",
    version,
    about = "Thi đua – khen thưởng: the department's yearly emulation campaign, run through a Telegram bot"
)]
pub struct Cli {
    /// A settings file layered over the built-in defaults (see config/default.toml).
    #[arg(long, global = true, env = "THIDUA_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Hộp cát: bot thật với máy chủ Bot API giả lập, Sở mẫu và trang web để trò chuyện; không
    /// cần token, không dùng mạng / the sandbox: the real bot against an embedded Bot API
    /// emulator, the sample department and a web page to chat in; no token, no network.
    Demo {
        /// Cổng trên 127.0.0.1 (0: cổng trống bất kỳ) / port on 127.0.0.1 (0: any free port).
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Start the bot (long polling) and the background tasks.
    Run,
    /// Create the database if needed and apply migrations, then exit.
    Migrate,
    /// Import and invite staff.
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// Open and inspect yearly campaigns.
    #[command(subcommand)]
    Campaign(campaign::CampaignCommand),
    /// Inspect undelivered messages and re-queue dead ones.
    #[command(subcommand)]
    Outbox(outbox::OutboxCommand),
    /// Preview deadline reminders, digests and escalations.
    #[command(subcommand)]
    Reminders(reminders::RemindersCommand),
    /// Print a rule set (criteria, quotas, ballot thresholds) with each rule's legal reference.
    #[command(subcommand)]
    Rules(rules::RulesCommand),
    /// Past years' awards, ratings, penalties and initiatives (lịch sử khen thưởng).
    #[command(subcommand)]
    History(history::HistoryCommand),
    /// The year's emulation blocks (khối thi đua): import, sheets and ranking, the proposal.
    #[command(subcommand)]
    Block(block::BlockCommand),
    /// The director's Giấy khen proposals (proposed, appraised and decided in chat).
    #[command(subcommand)]
    Giaykhen(giaykhen::GiayKhenCommand),
    /// The proposal to the provincial council: show, record as sent, enter its decision.
    #[command(subcommand)]
    Proposal(proposal::ProposalCommand),
    /// Export a campaign's records as XLSX or CSV (Vietnamese headers, dd/mm/yyyy dates).
    Export(export::ExportArgs),
    /// Write the council meeting's minutes (biên bản) with the ballot results, ready to print.
    Minutes(minutes::MinutesArgs),
    /// Write one of the year's papers as a Word document: to-trinh, bien-ban, quyet-dinh,
    /// bao-cao-thanh-tich, de-nghi-cap-tren (the statistics, thong-ke, as a workbook).
    Document(document::DocumentArgs),
    /// Write a consistent copy of the database (safe while the bot runs; the file is 0600).
    Backup(backup::BackupArgs),
    /// Replace the database with a backup (refused while the bot runs; asks for --yes).
    Restore(backup::RestoreArgs),
}

/// An import file's bytes, or a refusal naming the file.
fn read_import_file(file: &std::path::Path) -> Result<Vec<u8>, InputRejected> {
    std::fs::read(file).map_err(|error| {
        InputRejected(format!(
            "Không đọc được tệp / cannot read {}: {error}",
            file.display()
        ))
    })
}

/// An all-or-nothing import refused: every bad line, and that nothing was written.
fn import_refused(file: &std::path::Path, errors: &[impl std::fmt::Display]) -> anyhow::Error {
    let mut message = format!(
        "Tệp {} bị từ chối, chưa ghi thay đổi nào. Hãy sửa {} lỗi sau rồi nhập lại.\n\
         The file was refused and nothing was written; fix these {} problem(s) and import again:",
        file.display(),
        errors.len(),
        errors.len()
    );
    for error in errors {
        message.push_str(&format!("\n  {error}"));
    }
    InputRejected(message).into()
}

pub async fn dispatch(cli: Cli) -> anyhow::Result<()> {
    // The sandbox brings its own settings: nothing of a real deployment's applies to it.
    if let Command::Demo { port } = cli.command {
        return Box::pin(crate::sandbox::run(port)).await;
    }
    let settings = Settings::load(cli.config.as_deref())?;
    match cli.command {
        Command::Demo { .. } => Ok(()),
        Command::Run => Box::pin(crate::app::run(settings)).await,
        Command::Migrate => {
            let ctx = context(settings).await?;
            println!(
                "Cơ sở dữ liệu đã sẵn sàng / database ready: {}",
                ctx.settings.database.path.display()
            );
            Ok(())
        }
        Command::Staff(command) => staff::dispatch(context(settings).await?, command).await,
        Command::Campaign(command) => campaign::dispatch(context(settings).await?, command).await,
        Command::Outbox(command) => outbox::dispatch(context(settings).await?, command).await,
        Command::Reminders(command) => reminders::dispatch(context(settings).await?, command).await,
        Command::Rules(command) => rules::dispatch(settings, command).await,
        Command::History(command) => history::dispatch(context(settings).await?, command).await,
        Command::Block(command) => block::dispatch(context(settings).await?, command).await,
        Command::Giaykhen(command) => giaykhen::dispatch(context(settings).await?, command).await,
        Command::Proposal(command) => proposal::dispatch(context(settings).await?, command).await,
        Command::Export(args) => export::dispatch(context(settings).await?, args).await,
        Command::Minutes(args) => minutes::dispatch(context(settings).await?, args).await,
        Command::Document(args) => document::dispatch(context(settings).await?, args).await,
        Command::Backup(args) => backup::backup(context(settings).await?, args).await,
        Command::Restore(args) => backup::restore(settings, args).await,
    }
}
