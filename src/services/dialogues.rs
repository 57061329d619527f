//! Where a chat's conversation state is kept between updates, for the bot's dialogue storage.
//! The state is the transport's own (serialised by it); services only keep it with everything
//! else, in the same database and backups, stamped with the clock's time.

use super::Ctx;
use super::error::ServiceResult;
use crate::storage::dialogues;

/// The serialised state of `chat_id`'s conversation, if it has one.
pub async fn load(ctx: &Ctx, chat_id: i64) -> ServiceResult<Option<String>> {
    let mut conn = ctx.db.read().await?;
    Ok(dialogues::load(&mut conn, chat_id).await?)
}

/// Keeps `state` as `chat_id`'s conversation, replacing what was there.
pub async fn save(ctx: &Ctx, chat_id: i64, state: &str) -> ServiceResult<()> {
    let mut conn = ctx.db.read().await?;
    Ok(dialogues::save(&mut conn, chat_id, state, ctx.now()).await?)
}

/// Forgets `chat_id`'s conversation; false when it had none.
pub async fn remove(ctx: &Ctx, chat_id: i64) -> ServiceResult<bool> {
    let mut conn = ctx.db.read().await?;
    Ok(dialogues::remove(&mut conn, chat_id).await?)
}
