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
///
/// A new state is the change an update asked for as much as a saved row is, so its commit
/// carries the inbox's done mark: an update killed after its dialogue moved on but before its
/// answer left is not run again against the new state (where a typed vote count met "use the
/// buttons" and the step's screen was never shown); its person gets the restart's note and
/// finds the step where it stands.
pub async fn save(ctx: &Ctx, chat_id: i64, state: &str) -> ServiceResult<()> {
    let mut tx = ctx.db.write().await?;
    dialogues::save(&mut tx, chat_id, state, ctx.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Forgets `chat_id`'s conversation; false when it had none. Marks the update done, as
/// [`save`] does.
pub async fn remove(ctx: &Ctx, chat_id: i64) -> ServiceResult<bool> {
    let mut tx = ctx.db.write().await?;
    let removed = dialogues::remove(&mut tx, chat_id).await?;
    tx.commit().await?;
    Ok(removed)
}

/// Records the message now holding `chat_id`'s dialogue keyboard (`None`: no message does) and
/// returns the one that held it before, whose buttons the caller takes off the screen.
pub async fn keyboard_moved(
    ctx: &Ctx,
    chat_id: i64,
    message_id: Option<i32>,
) -> ServiceResult<Option<i32>> {
    // Bookkeeping about the screen, not the change asked for: never the done mark.
    let mut tx = ctx.db.write().await?;
    let previous = dialogues::swap_keyboard(&mut tx, chat_id, message_id, ctx.now()).await?;
    tx.commit_unmarked().await?;
    Ok(previous)
}
