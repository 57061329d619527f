//! `thidua outbox status` and `thidua outbox retry ID`: what has not been delivered and why, and
//! a second chance for a message that was given up.

use super::InputRejected;
use crate::domain::time::format_local;
use crate::services::Ctx;
use crate::storage::outbox::{self, Destination, OutboxRow, RequeueOutcome, Status};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// List messages not yet delivered: pending, retrying, dead and unknown, with their reasons.
    Status,
    /// Queue a dead (or unknown) message again, to the recipient's current address; a running
    /// bot is woken to send it at once.
    Retry { id: i64 },
}

pub async fn dispatch(ctx: Ctx, command: OutboxCommand) -> anyhow::Result<()> {
    match command {
        OutboxCommand::Status => status(&ctx).await,
        OutboxCommand::Retry { id } => retry(&ctx, id).await,
    }
}

async fn status(ctx: &Ctx) -> anyhow::Result<()> {
    let mut conn = ctx.db.read().await?;
    let rows = outbox::list_undelivered(&mut conn).await?;
    if rows.is_empty() {
        println!("Mọi tin nhắn đã được gửi / everything has been delivered.");
        return Ok(());
    }
    for (index, title) in HEADINGS.iter().enumerate() {
        let members: Vec<&OutboxRow> = rows.iter().filter(|row| heading(row) == index).collect();
        println!("{title}: {}", members.len());
        for row in members {
            println!("  {}", describe(row));
        }
    }
    Ok(())
}

const HEADINGS: [&str; 5] = [
    "Đang chờ gửi / pending",
    "Đang gửi lại / retrying",
    "Đang gửi / sending",
    "Không gửi được / dead",
    "Chưa rõ kết quả / unknown",
];

/// Which of [`HEADINGS`] a row is listed under.
fn heading(row: &OutboxRow) -> usize {
    match row.status {
        Status::Pending if row.is_retrying() => 1,
        Status::Pending => 0,
        Status::Sending => 2,
        // Sent rows are not listed at all (`list_undelivered`).
        Status::Dead | Status::Sent => 3,
        Status::Unknown => 4,
    }
}

fn describe(row: &OutboxRow) -> String {
    let to = match &row.destination {
        Destination::Telegram { chat_id } => format!("telegram {chat_id}"),
        Destination::Email { to, .. } => format!("email {to}"),
    };
    let mut line = format!(
        "#{id} {kind} → {to} ({key}), {attempts} lần thử / attempts",
        id = row.id,
        kind = row.kind.as_str(),
        key = row.logical_key,
        attempts = row.attempts,
    );
    if row.status == Status::Pending {
        line.push_str(&format!(
            ", lần tới / next: {}",
            format_local(row.next_attempt_at)
        ));
    }
    if let Some(error) = &row.last_error {
        line.push_str(&format!("\n      lý do / reason: {error}"));
    }
    line
}

async fn retry(ctx: &Ctx, id: i64) -> anyhow::Result<()> {
    let retried = crate::services::outbox_retry::retry(ctx, id).await?;
    match retried.outcome {
        RequeueOutcome::Requeued => {
            if let Some(address) = &retried.readdressed_to {
                println!(
                    "Tin #{id} sẽ gửi tới địa chỉ hiện tại của người nhận: {address} / message #{id} goes to the recipient's current address: {address}."
                );
            }
            if crate::app::instance::wake_outbox(&ctx.settings.database.path) {
                println!(
                    "Đã xếp lại tin #{id}; bot đang chạy sẽ gửi ngay / message #{id} queued again; the running bot sends it now."
                );
            } else {
                println!(
                    "Đã xếp lại tin #{id}; tin sẽ được gửi khi `thidua run` chạy / message #{id} queued again; it is sent once `thidua run` is running."
                );
            }
            Ok(())
        }
        RequeueOutcome::NotFound => {
            Err(InputRejected(format!("Không có tin #{id} / no message #{id}.")).into())
        }
        RequeueOutcome::NotRequeueable(status) => Err(InputRejected(format!(
            "Tin #{id} đang ở trạng thái {} — chỉ gửi lại được tin 'dead' hoặc 'unknown' / \
             message #{id} is {}; only dead or unknown messages can be retried.",
            status.as_str(),
            status.as_str()
        ))
        .into()),
    }
}
