//! The group chat the results are published to.

use super::Ctx;
use crate::storage::StorageResult;

/// Where publications go now: the configured `telegram.group_chat_id`, followed through any
/// migration Telegram reported since (a group upgraded to a supergroup changes id). `None` when
/// no group is configured. Whoever queues a publication should address it here.
pub async fn group_chat_id(ctx: &Ctx) -> StorageResult<Option<i64>> {
    let configured = ctx.settings.telegram.group_chat_id;
    if configured == 0 {
        return Ok(None);
    }
    let mut conn = ctx.db.read().await?;
    Ok(Some(
        crate::storage::chats::current_chat_id(&mut conn, configured).await?,
    ))
}
