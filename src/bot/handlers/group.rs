//! Groups and channels: the bot never runs a personal dialogue there. One of its commands gets a
//! short pointer to the private chat; ordinary conversation, a path that starts with '/', an
//! unknown command and a command addressed to another bot (`/start@otherbot`) are left alone.

use crate::bot::HandlerResult;
use crate::bot::commands::Command;
use crate::services::Ctx;
use crate::texts;
use teloxide::prelude::*;
use teloxide::types::Me;
use teloxide::utils::command::BotCommands;

pub async fn message(bot: Bot, ctx: Ctx, me: Me, msg: Message) -> HandlerResult {
    let username = me
        .username
        .clone()
        .unwrap_or_else(|| ctx.settings.telegram.bot_username.clone());
    // Parsed as the private chat parses it: only our commands, bare or with our @username.
    let ours = msg
        .text()
        .is_some_and(|text| Command::parse(text, &username).is_ok());
    if !ours {
        return Ok(());
    }
    bot.send_message(
        msg.chat.id,
        texts::common::group_pointer(Default::default(), &username),
    )
    .reply_parameters(teloxide::types::ReplyParameters::new(msg.id))
    .await?;
    Ok(())
}
