//! `thidua outbox retry ID`: a message given up (dead) or of unknown outcome gets another try,
//! addressed to where its person can be reached now. A bounced e-mail retried after the staff
//! file corrected the address goes to the corrected address, not the bounced one again.

use super::Ctx;
use super::error::ServiceResult;
use crate::domain::person::PersonId;
use crate::storage::outbox::{self, Destination, RequeueOutcome};
use crate::storage::{self, audit};
use serde_json::json;

/// What the retry did: its outcome, and the new address when it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retried {
    pub outcome: RequeueOutcome,
    pub readdressed_to: Option<String>,
}

pub async fn retry(ctx: &Ctx, id: i64) -> ServiceResult<Retried> {
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    let Some(row) = outbox::find(&mut tx, id).await? else {
        return Ok(Retried {
            outcome: RequeueOutcome::NotFound,
            readdressed_to: None,
        });
    };
    let person = match row.person_id {
        Some(person) => storage::people::find_by_id(&mut tx, PersonId(person)).await?,
        None => None,
    };
    let (chat_id, email_to, readdressed_to) = match (&row.destination, &person) {
        (Destination::Telegram { chat_id }, Some(person)) => match person.telegram_user_id {
            Some(now_at) if now_at != *chat_id => (Some(now_at), None, Some(now_at.to_string())),
            _ => (None, None, None),
        },
        (Destination::Email { to, .. }, Some(person))
            if !person.email.trim().is_empty() && person.email.trim() != to.trim() =>
        {
            let address = person.email.trim().to_owned();
            (None, Some(address.clone()), Some(address))
        }
        _ => (None, None, None),
    };
    let outcome = outbox::requeue_to(&mut tx, id, now, chat_id, email_to.as_deref()).await?;
    if outcome == RequeueOutcome::Requeued {
        audit::record(
            &mut tx,
            now,
            audit::Actor::cli(),
            "outbox.retried",
            Some(&id.to_string()),
            Some(&json!({ "readdressed": readdressed_to.is_some() })),
        )
        .await?;
    }
    tx.commit().await?;
    ctx.wake_outbox();
    Ok(Retried {
        outcome,
        readdressed_to,
    })
}
