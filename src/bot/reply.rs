//! Sending text within Telegram's limits and turning service failures into a sentence.

use crate::domain::language::Lang;
use crate::services::{Ctx, ServiceError};
use crate::texts;
use teloxide::prelude::*;
use teloxide::types::{ChatId, InlineKeyboardMarkup};

/// Telegram refuses messages over 4,096 characters, counted in UTF-16 code units (an emoji such
/// as 🎉 counts twice).
pub const MAX_MESSAGE_CHARS: usize = 4096;

fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Splits text into pieces of at most `limit` UTF-16 units, preferring line breaks.
pub fn split_message(text: &str, limit: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut current_units = 0;
    for line in text.split_inclusive('\n') {
        let line_units = units(line);
        if current_units + line_units > limit && !current.is_empty() {
            pieces.push(std::mem::take(&mut current));
            current_units = 0;
        }
        if line_units > limit {
            // A single over-long line is cut at character boundaries.
            let mut chunk = String::new();
            let mut chunk_units = 0;
            for c in line.chars() {
                if chunk_units + c.len_utf16() > limit {
                    pieces.push(std::mem::take(&mut chunk));
                    chunk_units = 0;
                }
                chunk.push(c);
                chunk_units += c.len_utf16();
            }
            if !chunk.is_empty() {
                pieces.push(chunk);
            }
            continue;
        }
        current.push_str(line);
        current_units += line_units;
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    if pieces.is_empty() {
        pieces.push(String::from("…"));
    }
    pieces
}

/// The longest a reply waits, in all, on Telegram's "too many requests" before giving up.
const MAX_RETRY_WAIT: std::time::Duration = std::time::Duration::from_secs(90);

/// Sends `request`, and again each time Telegram answers 429 with how long to wait, so the
/// answer to a change already committed is not dropped in a rush (up to [`MAX_RETRY_WAIT`]).
pub async fn patiently<R>(
    request: R,
) -> Result<<R::Payload as teloxide::requests::Payload>::Output, teloxide::RequestError>
where
    R: teloxide::requests::Request<Err = teloxide::RequestError> + Clone,
{
    let mut waited = std::time::Duration::ZERO;
    loop {
        match request.clone().send().await {
            Err(teloxide::RequestError::RetryAfter(after)) if waited < MAX_RETRY_WAIT => {
                let wait = after.duration();
                tracing::debug!(?wait, "Telegram asked to wait before replying");
                tokio::time::sleep(wait).await;
                waited += wait.max(std::time::Duration::from_millis(1));
            }
            result => return result,
        }
    }
}

pub async fn say(bot: &Bot, chat: ChatId, text: &str) -> Result<(), teloxide::RequestError> {
    for piece in split_message(text, MAX_MESSAGE_CHARS) {
        patiently(bot.send_message(chat, piece)).await?;
    }
    Ok(())
}

pub async fn say_with_keyboard(
    bot: &Bot,
    chat: ChatId,
    text: &str,
    keyboard: InlineKeyboardMarkup,
) -> Result<teloxide::types::MessageId, teloxide::RequestError> {
    let mut pieces = split_message(text, MAX_MESSAGE_CHARS);
    let last = pieces.pop().unwrap_or_default();
    for piece in pieces {
        patiently(bot.send_message(chat, piece)).await?;
    }
    let sent = patiently(bot.send_message(chat, last).reply_markup(keyboard)).await?;
    Ok(sent.id)
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

    /// Telegram counts UTF-16 units: 2,100 emoji are 4,200 units, over the limit in chars too.
    #[test]
    fn the_limit_counts_utf16_units_as_telegram_does() {
        for text in ["🎉".repeat(2100), "🎉 Xin chúc mừng!\n".repeat(300)] {
            let pieces = split_message(&text, MAX_MESSAGE_CHARS);
            assert!(pieces.len() > 1, "{}", pieces.len());
            assert!(pieces.iter().all(|piece| units(piece) <= MAX_MESSAGE_CHARS));
            assert_eq!(pieces.concat(), text);
        }
    }
}
