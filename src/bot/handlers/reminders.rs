//! /nhacnho (/reminders): how much reminding a person wants; and the button under a reminder,
//! which starts what the reminder is about.
//!
//! ```text
//! user: /nhacnho
//! bot:  Nhắc hạn và tin tổng hợp — hiện tại: nhận tất cả. Anh/chị muốn nhận như thế nào? …
//!       [🔔 Nhận tất cả lời nhắc] [📋 Chỉ nhận tin tổng hợp] [⏸ Tạm dừng 1 tuần]
//! user: (presses Tạm dừng 1 tuần)
//! bot:  Đã lưu: nhận tất cả, đang tạm dừng đến 08/03/2026 10:00. Lời nhắc vào ngày cuối … vẫn luôn được gửi.
//!
//! bot:  Kính gửi anh/chị …, Thời hạn đăng ký danh hiệu thi đua còn 7 ngày, kết thúc lúc 25/03/2026 17:00. …
//!       [📝 Đăng ký ngay]
//! user: (presses Đăng ký ngay) → the /dangky dialogue starts
//! ```

use super::Turn;
use crate::bot::{ChatDialogue, HandlerResult, reply};
use crate::services::reminders::{self, MuteChoice};
use crate::texts;
use crate::ui::reminder_buttons::ReminderButton;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// "Digest only" is offered only to those who receive digests (unit heads).
fn keyboard(turn: &Turn, receives_digest: bool) -> InlineKeyboardMarkup {
    let [all, digest, pause] = texts::reminders::mute_labels(turn.lang);
    let button = |label: String, button: ReminderButton| {
        vec![InlineKeyboardButton::callback(label, button.encode())]
    };
    let mut rows = vec![button(all, ReminderButton::MuteNone)];
    if receives_digest {
        rows.push(button(digest, ReminderButton::DigestOnly));
    }
    rows.push(button(pause, ReminderButton::PauseWeek));
    InlineKeyboardMarkup::new(rows)
}

/// /nhacnho: the current choice and the options.
pub async fn menu(turn: &Turn) -> HandlerResult {
    match reminders::mute_status(&turn.ctx, &turn.caller).await {
        Ok(status) => {
            let text = turn.addressed(&texts::reminders::mute_menu(
                turn.lang,
                status.mute,
                status.receives_digest,
                turn.ctx.now(),
            ));
            let keyboard = keyboard(turn, status.receives_digest);
            reply::say_with_keyboard(&turn.bot, turn.chat, &text, keyboard).await?;
            Ok(())
        }
        Err(error) => turn.explain(error).await,
    }
}

/// A press on a reminder's button or a /nhacnho option; re-authorised by the services.
pub async fn press(
    turn: &Turn,
    dialogue: &ChatDialogue,
    query: &CallbackQuery,
    button: ReminderButton,
) -> HandlerResult {
    turn.bot.answer_callback_query(query.id.clone()).await?;
    let choice = match button {
        ReminderButton::OpenRegistration => {
            return super::registration::start(turn, dialogue).await;
        }
        ReminderButton::OpenAssessment => return super::assessment::start(turn, dialogue).await,
        ReminderButton::OpenReview => return super::review::start(turn, dialogue).await,
        ReminderButton::OpenMeeting => return super::meeting::start(turn, dialogue).await,
        ReminderButton::MuteNone => MuteChoice::All,
        ReminderButton::DigestOnly => MuteChoice::DigestOnly,
        ReminderButton::PauseWeek => MuteChoice::PauseWeek,
    };
    match reminders::set_mute(&turn.ctx, &turn.caller, choice).await {
        Ok(mute) => {
            let text = turn.addressed(&texts::reminders::mute_saved(
                turn.lang,
                mute,
                turn.ctx.now(),
            ));
            match query.message.as_ref() {
                Some(message) => {
                    reply::patiently(turn.bot.edit_message_text(turn.chat, message.id(), text))
                        .await?;
                }
                None => turn.say(&text).await?,
            }
            Ok(())
        }
        Err(error) => turn.explain(error).await,
    }
}
