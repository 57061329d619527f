//! `thidua staff import FILE [--dry-run] [--confirm-deactivations]` and `thidua staff invite
//! (--all | --unit CODE | --employee CODE) [--send-email]`.

mod report;

use super::InputRejected;
use crate::services::Ctx;
use crate::services::invite::{self, InviteError, Selector};
use crate::services::staff_import::{self, ImportError, ImportOptions};
use clap::{ArgGroup, Args, Subcommand};
use std::io::Write as _;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Nhập/cập nhật nhân sự từ tệp CSV hoặc XLSX (tất cả hoặc không; xem
    /// config/staff.example.csv) / import or update staff from a CSV or XLSX file
    /// (all-or-nothing).
    Import {
        file: PathBuf,
        /// Chỉ xem trước ai được thêm, đổi, ngừng hoạt động; không ghi gì / show who is added,
        /// changed and deactivated, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Đồng ý ngừng hoạt động người giữ vai trò chủ chốt hoặc hơn 1/5 nhân sự / agree to
        /// deactivating key role holders or more than a fifth of the staff.
        #[arg(long)]
        confirm_deactivations: bool,
    },
    /// Create single-use invite links (revoking any pending one) and print them.
    Invite(InviteArgs),
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("who").required(true).args(["all", "unit", "employee"])))]
pub struct InviteArgs {
    /// Every active person.
    #[arg(long)]
    pub all: bool,
    /// Every active person of one unit (a code from config/org.toml, e.g. VP).
    #[arg(long, value_name = "CODE")]
    pub unit: Option<String>,
    /// One person, by employee code.
    #[arg(long, value_name = "CODE")]
    pub employee: Option<String>,
    /// Also e-mail each person their link (Vietnamese, with English below).
    #[arg(long)]
    pub send_email: bool,
    /// Also invite people already linked (a new phone, a lost account): whoever redeems the new
    /// link takes the account over after confirming, and the old account is told.
    #[arg(long)]
    pub relink: bool,
}

impl InviteArgs {
    fn selector(&self) -> Selector {
        match (&self.unit, &self.employee) {
            (Some(unit), _) => Selector::Unit(unit.clone()),
            (_, Some(employee)) => Selector::Employee(employee.clone()),
            // clap's group guarantees exactly one selector, so this is `--all`.
            _ => Selector::All,
        }
    }
}

pub async fn dispatch(ctx: Ctx, command: StaffCommand) -> anyhow::Result<()> {
    match command {
        StaffCommand::Import {
            file,
            dry_run,
            confirm_deactivations,
        } => {
            let options = ImportOptions {
                dry_run,
                confirm_deactivations,
            };
            import(&ctx, &file, options).await
        }
        StaffCommand::Invite(args) => invite(&ctx, &args).await,
    }
}

async fn import(ctx: &Ctx, file: &std::path::Path, options: ImportOptions) -> anyhow::Result<()> {
    let bytes = super::read_import_file(file)?;
    match staff_import::import_with(ctx, &bytes, options).await {
        Ok(outcome) => {
            say(format_args!("{}", report::outcome(file, &outcome)));
            Ok(())
        }
        Err(ImportError::Rejected(errors)) => Err(super::import_refused(file, &errors)),
        Err(ImportError::NeedsConfirmation(risk)) => {
            Err(InputRejected(report::refused(file, &risk)).into())
        }
        Err(ImportError::Database(error)) => Err(error.into()),
    }
}

async fn invite(ctx: &Ctx, args: &InviteArgs) -> anyhow::Result<()> {
    let options = invite::IssueOptions {
        send_email: args.send_email,
        relink: args.relink,
    };
    // Written out before the codes commit: a closed pipe (`| head`) issues nothing.
    let show = |issued: &[invite::IssuedInvite]| {
        let mut out = std::io::stdout().lock();
        for invite in issued {
            writeln!(
                out,
                "{}  {}  {}",
                invite.employee_code, invite.full_name, invite.link
            )?;
        }
        if let Some(first) = issued.first() {
            writeln!(
                out,
                "{} thư mời, hiệu lực đến {} (giờ Việt Nam) / {} invite(s), valid until then.",
                issued.len(),
                crate::domain::time::format_local(first.expires_at),
                issued.len()
            )?;
        }
        out.flush()
    };
    let skipped = match invite::issue_and_show(ctx, &args.selector(), options, show).await {
        Ok((_, skipped)) => skipped,
        Err(InviteError::Database(error)) => return Err(error.into()),
        Err(refused) => return Err(InputRejected(refused.to_string()).into()),
    };
    if skipped > 0 {
        say(format_args!(
            "Bỏ qua {skipped} người đã liên kết tài khoản (thêm --relink để mời lại) / skipped {skipped} already linked (add --relink to invite them again)."
        ));
    }
    if args.send_email {
        let report = crate::notify::deliver_pending_email(ctx).await?;
        say(format_args!(
            "E-mail: đã gửi / sent {}, sẽ thử lại / retrying {}, thất bại / failed {}",
            report.sent, report.retrying, report.dead
        ));
        if !ctx.settings.smtp_configured() {
            say(format_args!(
                "Chưa cấu hình máy chủ SMTP (mail.smtp_host): e-mail được ghi thành tệp .eml trong {} \
                 / no SMTP server configured: e-mails were written as .eml files there.",
                ctx.settings.mail.file_dir.display()
            ));
        }
        if report.retrying > 0 {
            say(format_args!(
                "E-mail chưa gửi được vẫn nằm trong hàng đợi; `thidua run` sẽ tự thử lại. \
                 Unsent e-mails stay queued and `thidua run` retries them."
            ));
        }
        if report.dead > 0 {
            say(format_args!(
                "E-mail thất bại sẽ không được gửi lại: hãy kiểm tra địa chỉ và gửi đường dẫn ở trên bằng cách khác. \
                 Failed e-mails are not retried: check the addresses and pass on the links above another way."
            ));
        }
    }
    Ok(())
}

/// A line printed after the work is done: a reader that went away (`| head`) loses nothing, and
/// the command does not panic on the closed pipe.
fn say(line: std::fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}
