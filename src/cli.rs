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
    about = "Thi đua – khen thưởng qua Telegram: đợt thi đua hằng năm của Sở / the department's yearly emulation campaign, run through a Telegram bot"
)]
pub struct Cli {
    /// Tệp cấu hình đè lên mặc định / a settings file over the built-in defaults
    /// (config/default.toml).
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
    /// Chạy bot (long polling) và các tác vụ nền / start the bot and the background tasks.
    Run,
    /// Tạo cơ sở dữ liệu nếu chưa có và cập nhật cấu trúc / create and migrate the database.
    Migrate,
    /// Nhập danh sách nhân sự và gửi thư mời / import and invite staff.
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// Mở, xem, gia hạn đợt thi đua hằng năm / open, inspect and change yearly campaigns.
    #[command(subcommand)]
    Campaign(campaign::CampaignCommand),
    /// Xem tin nhắn chưa gửi được và gửi lại / inspect undelivered messages, re-queue dead ones.
    #[command(subcommand)]
    Outbox(outbox::OutboxCommand),
    /// Xem trước nhắc hạn, bản tổng hợp, báo cáo vượt cấp / preview reminders, digests and
    /// escalations.
    #[command(subcommand)]
    Reminders(reminders::RemindersCommand),
    /// In bộ tiêu chí kèm căn cứ pháp lý / print a rule set with each rule's legal reference.
    #[command(subcommand)]
    Rules(rules::RulesCommand),
    /// Lịch sử khen thưởng các năm trước / past years' awards, ratings, penalties, initiatives.
    #[command(subcommand)]
    History(history::HistoryCommand),
    /// Khối thi đua: nhập, bảng điểm, xếp hạng, đề nghị / emulation blocks: import, sheets,
    /// ranking, the proposal.
    #[command(subcommand)]
    Block(block::BlockCommand),
    /// Giấy khen của Giám đốc / the director's Giấy khen proposals.
    #[command(subcommand)]
    Giaykhen(giaykhen::GiayKhenCommand),
    /// Tờ trình đề nghị cấp tỉnh: xem, ghi đã gửi, nhập quyết định / the proposal to the
    /// province: show, record as sent, enter its decision.
    #[command(subcommand)]
    Proposal(proposal::ProposalCommand),
    /// Xuất dữ liệu đợt thi đua ra XLSX hoặc CSV / export a campaign's records as XLSX or CSV.
    Export(export::ExportArgs),
    /// Biên bản họp Hội đồng kèm kết quả bỏ phiếu / the council meeting's minutes.
    Minutes(minutes::MinutesArgs),
    /// Văn bản trong năm dạng Word / one of the year's papers as a Word document: to-trinh,
    /// bien-ban, quyet-dinh, bao-cao-thanh-tich, de-nghi-cap-tren (thong-ke as a workbook).
    Document(document::DocumentArgs),
    /// Sao lưu cơ sở dữ liệu (an toàn khi bot đang chạy) / a consistent copy of the database.
    Backup(backup::BackupArgs),
    /// Khôi phục từ bản sao lưu (cần --yes; không khi bot đang chạy) / replace the database
    /// with a backup.
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
