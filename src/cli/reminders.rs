//! `thidua reminders preview --at "2026-03-18T08:00:00+07:00"`: who would be reminded of what at
//! that instant, given what the database holds now. Nothing is sent or written.

use super::InputRejected;
use crate::domain::campaign::parse_local;
use crate::domain::time::format_local;
use crate::services::Ctx;
use crate::services::reminders::{self, Preview, PreviewLine};
use crate::texts::reminders::preview as preview_text;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum RemindersCommand {
    /// Print the reminders, digests and escalations a pass would queue at an instant.
    Preview {
        /// RFC 3339 (`2026-03-18T08:00:00+07:00`) or local `2026-03-18T08:00`; default: now.
        #[arg(long)]
        at: Option<String>,
        /// Also print each message's full text.
        #[arg(long)]
        full: bool,
    },
}

pub async fn dispatch(ctx: Ctx, command: RemindersCommand) -> anyhow::Result<()> {
    match command {
        RemindersCommand::Preview { at, full } => {
            let at = match at {
                Some(raw) => parse_local(&raw).map_err(InputRejected)?,
                None => ctx.now(),
            };
            preview(&ctx, at, full).await
        }
    }
}

async fn preview(ctx: &Ctx, at: chrono::DateTime<chrono::Utc>, full: bool) -> anyhow::Result<()> {
    let preview = reminders::preview(ctx, at).await?;
    match print(&mut std::io::stdout().lock(), at, &preview, full) {
        // `… | head` closing the pipe early is not a failure.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => Ok(result?),
    }
}

fn print(
    out: &mut impl Write,
    at: chrono::DateTime<chrono::Utc>,
    preview: &Preview,
    full: bool,
) -> std::io::Result<()> {
    writeln!(
        out,
        "Xem trước lúc / preview at {} (Asia/Ho_Chi_Minh)",
        format_local(at)
    )?;
    let Some(year) = preview.campaign_year else {
        return writeln!(out, "Chưa có đợt thi đua nào / no campaign yet.");
    };
    writeln!(out, "Đợt thi đua / campaign {year}")?;
    let (sent, skipped): (Vec<&PreviewLine>, Vec<&PreviewLine>) = preview
        .reminders
        .iter()
        .partition(|line| line.skipped.is_none());
    section(out, "Nhắc hạn sẽ gửi / reminders to send", &sent, full)?;
    // Reminders that fell due before `at` and were never decided: a pass would record them as
    // skipped (as if the process had been down until then). Their text is never sent.
    section(
        out,
        "Nhắc hạn sẽ ghi nhận bỏ qua / reminders to record as skipped",
        &skipped,
        false,
    )?;
    let digests: Vec<&PreviewLine> = preview.digests.iter().collect();
    section(out, "Tin tổng hợp / digests", &digests, full)?;
    let escalations: Vec<&PreviewLine> = preview.escalations.iter().collect();
    section(out, "Báo quá hạn / escalations", &escalations, full)
}

fn section(
    out: &mut impl Write,
    title: &str,
    lines: &[&PreviewLine],
    full: bool,
) -> std::io::Result<()> {
    writeln!(out, "{title}: {}", lines.len())?;
    for line in lines {
        write!(
            out,
            "  {} {} ({}) {} — {} — lúc / at {}",
            line.employee_code,
            line.full_name,
            line.unit_code,
            preview_text::channel(line.channel),
            preview_text::about(&line.notice),
            format_local(line.due_at)
        )?;
        match line.skipped {
            Some(reason) => writeln!(
                out,
                " — bỏ qua / skipped: {}",
                preview_text::skipped(reason)
            )?,
            None => writeln!(out)?,
        }
        if full {
            // The internal key, to find the row in the logs and the database.
            writeln!(out, "      khóa / key: {}", line.logical_key)?;
            let body = crate::notify::render::render(&line.notice, line.lang).body;
            for body_line in body.lines() {
                writeln!(out, "      {body_line}")?;
            }
        }
    }
    Ok(())
}
