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

/// Records the message now holding `chat_id`'s dialogue keyboard (`None`: no message does) and
/// returns the one that held it before, whose buttons the caller takes off the screen.
pub async fn keyboard_moved(
    ctx: &Ctx,
    chat_id: i64,
    message_id: Option<i32>,
) -> ServiceResult<Option<i32>> {
    let mut conn = ctx.db.read().await?;
    Ok(dialogues::swap_keyboard(&mut conn, chat_id, message_id, ctx.now()).await?)
}
