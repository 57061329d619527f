//! Recording refused actions — stale or forged buttons, actions beyond a role — in the audit
//! trail, so the standing body can see who tried what.

use super::Ctx;
use super::caller::Caller;
use crate::storage;
use crate::storage::StorageResult;
use crate::storage::audit::{self, Actor};

/// `what` is a short action name like `callback.forged`; `detail` never holds secrets.
pub async fn record(
    ctx: &Ctx,
    caller: &Caller,
    what: &str,
    detail: serde_json::Value,
) -> StorageResult<()> {
    let now = ctx.now();
    let actor = caller.actor();
    // Not an `Intent`: a refused press is recorded whether or not the account is linked.
    let mut tx = ctx.db.write().await?;
    let person = match actor.telegram_user_id {
        Some(user) => storage::people::find_active_by_telegram_user(&mut tx, user).await?,
        None => None,
    };
    let actor = Actor {
        person_id: person.as_ref().map(|person| person.id.0),
        ..actor
    };
    let subject = person.as_ref().map(|person| person.employee_code.clone());
    audit::record(&mut tx, now, actor, what, subject.as_deref(), Some(&detail)).await?;
    // A refusal changes nothing the person asked for: it must not tell the inbox that this
    // update's change is saved (after a crash the person would be told so).
    tx.commit_unmarked().await
}
