//! /start: linking a Telegram account with an invite code, or greeting someone who comes back.
//!
//! ```text
//! user: /start Zx3…(invite code from the e-mailed deep link)
//! bot:  Xin chào Nguyễn Thị Mai! Tài khoản Telegram của anh/chị đã được liên kết …
//! user: /start
//! bot:  Xin chào Nguyễn Thị Mai! …           (or, for an unknown account, how to get a link)
//! ```

use super::Turn;
use super::misc::refresh_menu;
use crate::bot::{ChatDialogue, HandlerResult};
use crate::services;
use crate::texts;

pub async fn start(turn: &Turn, dialogue: &ChatDialogue, payload: &str) -> HandlerResult {
    let payload = payload.trim();
    if payload.is_empty() {
        return match services::link::returning(&turn.ctx, turn.user_id).await {
            Err(error) => turn.explain(error).await,
            Ok(Some(person)) => {
                let unit = turn.ctx.org.unit_name(&person.unit_code);
                turn.say(&texts::link::greeting(person.lang, &person, &unit))
                    .await
            }
            Ok(None) => turn.say(&texts::link::bare_start_unknown(turn.lang)).await,
        };
    }
    match services::link::link_account(&turn.ctx, turn.user_id, turn.chat.0, payload).await {
        Ok(person) => {
            // A fresh link starts from a clean conversation.
            super::screen::end(turn, dialogue).await?;
            let unit = turn.ctx.org.unit_name(&person.unit_code);
            turn.say(&texts::link::greeting(person.lang, &person, &unit))
                .await?;
            refresh_menu(turn, person.lang).await;
            Ok(())
        }
        Err(error) => turn.explain(error).await,
    }
}
