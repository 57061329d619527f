//! Groups and channels: the bot never runs a personal dialogue there. A command gets a short
//! pointer to the private chat; ordinary conversation is left alone.

use crate::bot::HandlerResult;
use crate::services::Ctx;
use crate::texts;
use teloxide::prelude::*;
use teloxide::types::Me;

pub async fn message(bot: Bot, ctx: Ctx, me: Me, msg: Message) -> HandlerResult {
    let is_command = msg.text().is_some_and(|text| text.starts_with('/'));
    if !is_command {
        return Ok(());
    }
    let username = me
        .username
        .clone()
        .unwrap_or_else(|| ctx.settings.telegram.bot_username.clone());
    bot.send_message(
        msg.chat.id,
        texts::common::group_pointer(Default::default(), &username),
    )
    .reply_parameters(teloxide::types::ReplyParameters::new(msg.id))
    .await?;
    Ok(())
}
