//! Sending text within Telegram's limits and turning service failures into a sentence.

use crate::domain::language::Lang;
use crate::services::{Ctx, ServiceError};
use crate::texts;
use teloxide::prelude::*;
use teloxide::types::{ChatId, InlineKeyboardMarkup};

/// Telegram refuses messages over 4,096 characters.
pub const MAX_MESSAGE_CHARS: usize = 4096;

/// Splits text into pieces of at most `limit` characters, preferring line breaks.
pub fn split_message(text: &str, limit: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut current_chars = 0;
    for line in text.split_inclusive('\n') {
        let line_chars = line.chars().count();
        if current_chars + line_chars > limit && !current.is_empty() {
            pieces.push(std::mem::take(&mut current));
            current_chars = 0;
        }
        if line_chars > limit {
            // A single over-long line is cut at character boundaries.
            let chars: Vec<char> = line.chars().collect();
            for chunk in chars.chunks(limit) {
                pieces.push(chunk.iter().collect());
            }
            continue;
        }
        current.push_str(line);
        current_chars += line_chars;
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    if pieces.is_empty() {
        pieces.push(String::from("…"));
    }
    pieces
}

pub async fn say(bot: &Bot, chat: ChatId, text: &str) -> Result<(), teloxide::RequestError> {
    for piece in split_message(text, MAX_MESSAGE_CHARS) {
        bot.send_message(chat, piece).await?;
    }
    Ok(())
}

pub async fn say_with_keyboard(
    bot: &Bot,
    chat: ChatId,
    text: &str,
    keyboard: InlineKeyboardMarkup,
) -> Result<(), teloxide::RequestError> {
    let mut pieces = split_message(text, MAX_MESSAGE_CHARS);
    let last = pieces.pop().unwrap_or_default();
    for piece in pieces {
        bot.send_message(chat, piece).await?;
    }
    bot.send_message(chat, last).reply_markup(keyboard).await?;
    Ok(())
}

/// Explains a refusal, or apologises for an internal failure after logging its cause.
pub async fn explain(
    bot: &Bot,
    ctx: &Ctx,
    chat: ChatId,
    lang: Lang,
    error: ServiceError,
) -> Result<(), teloxide::RequestError> {
    say(bot, chat, &error_text(ctx, lang, error).await).await
}

pub async fn error_text(ctx: &Ctx, lang: Lang, error: ServiceError) -> String {
    match error {
        ServiceError::Refused(refusal) => {
            let contact = crate::services::registration::contact(ctx)
                .await
                .unwrap_or_else(|_| ctx.settings.campaign.contact.clone());
            texts::refusal::explain(lang, &refusal, &contact)
        }
        ServiceError::Internal(error) => {
            let cause = crate::services::error::cause_chain(&error);
            tracing::error!(error = %cause, "service failed");
            texts::common::internal_error(lang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_split_under_the_limit_without_losing_characters() {
        let line = "Nguyễn Thị Bích Ngọc — Lao động tiên tiến\n";
        let text = line.repeat(300);
        let pieces = split_message(&text, MAX_MESSAGE_CHARS);
        assert!(pieces.len() > 1);
        assert!(
            pieces
                .iter()
                .all(|piece| piece.chars().count() <= MAX_MESSAGE_CHARS)
        );
        assert_eq!(pieces.concat(), text);
        let one_line = "ư".repeat(5000);
        let pieces = split_message(&one_line, MAX_MESSAGE_CHARS);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces.concat(), one_line);
    }
}
