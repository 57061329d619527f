//! Evidence in chat: a PDF or a photo sent during /tudanhgia is attached to the working copy;
//! /minhchung CODE sends a person's files to them, their unit's head, the standing body or the
//! director.
//!
//! ```text
//! user: /tudanhgia … (any question, or the summary)
//! user: [quyet-dinh-sang-kien.pdf]     bot: 📎 Đã đính kèm “quyet-dinh-sang-kien.pdf” (120 KB) … (1/5 tệp)
//!                                      bot: (the question it was on, again)
//! user: [hoso.zip]                     bot: Tệp này không phải PDF hoặc ảnh … (nothing stored)
//! head: /minhchung NV004               bot: [quyet-dinh-sang-kien.pdf] Minh chứng của Trần Ngọc Ánh (1/1)
//! ```
//!
//! What Telegram says of a file (type, size) is checked before it is fetched, so an oversized or
//! wrong file is refused without downloading it; the service checks the bytes themselves.

use crate::bot::handlers::Turn;
use crate::bot::handlers::screen::{Screen, refuse};
use crate::bot::reply::patiently;
use crate::bot::state::State;
use crate::bot::{ChatDialogue, HandlerResult};
use crate::domain::evidence;
use crate::services::assessment::evidence::{self as service, Incoming};
use crate::services::error::Internal;
use crate::services::{ServiceError, assessment};
use crate::texts;
use std::sync::Arc;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::InputFile;

/// A message carrying a file (a document or a photo).
pub fn carries_file(msg: Message) -> bool {
    msg.document().is_some() || msg.photo().is_some()
}

/// What Telegram tells of the file: its id, name, declared type and size.
fn described(msg: &Message) -> Option<(String, String, Option<String>, u64)> {
    if let Some(document) = msg.document() {
        return Some((
            document.file.id.0.clone(),
            document.file_name.clone().unwrap_or_default(),
            document.mime_type.as_ref().map(ToString::to_string),
            u64::from(document.file.size),
        ));
    }
    // A photo comes in several sizes; the largest is the one worth keeping.
    let photo = msg
        .photo()?
        .iter()
        .max_by_key(|size| size.width * size.height)?;
    Some((
        photo.file.id.0.clone(),
        String::new(),
        Some("image/jpeg".to_owned()),
        u64::from(photo.file.size),
    ))
}

/// A file sent during the self-assessment.
pub async fn attach(
    turn: Arc<Turn>,
    dialogue: ChatDialogue,
    state: State,
    msg: Message,
) -> HandlerResult {
    let Some((file_id, name, mime_type, size)) = described(&msg) else {
        return Ok(());
    };
    let declared = match evidence::check_declared(mime_type.as_deref(), &name, size) {
        Ok(declared) => declared,
        Err(rejected) => {
            return turn
                .say(&texts::evidence::rejected(turn.lang, &rejected))
                .await;
        }
    };
    // Refused before anything is fetched when the assessment cannot change now.
    if let Err(error) = assessment::open(&turn.ctx, &turn.caller).await {
        return refuse(&turn, &dialogue, Screen::New, error).await;
    }
    let bytes = match fetch(&turn.bot, &file_id).await {
        Ok(bytes) => bytes,
        Err(error) => {
            let internal = Internal::new("fetching an evidence file from Telegram", error);
            return turn.explain(ServiceError::Internal(internal)).await;
        }
    };
    let fallback = format!("Ảnh minh chứng {}", msg.id.0);
    let incoming = Incoming {
        file_name: evidence::clean_name(&name, declared, &fallback),
        declared,
        bytes,
    };
    match service::attach(&turn.ctx, &turn.caller, incoming).await {
        Ok((session, reference)) => {
            let count = session.answers.evidence.len();
            turn.say(&texts::evidence::attached(turn.lang, &reference, count))
                .await?;
            // Back to the question the person was on, with the summary showing the file.
            super::assessment::resume(&turn, &dialogue, state).await
        }
        Err(ServiceError::Refused(refusal)) => turn.explain(ServiceError::Refused(refusal)).await,
        Err(error) => refuse(&turn, &dialogue, Screen::New, error).await,
    }
}

async fn fetch(
    bot: &Bot,
    file_id: &str,
) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
    let file = patiently(bot.get_file(teloxide::types::FileId(file_id.to_owned()))).await?;
    if u64::from(file.size) > evidence::MAX_FILE_BYTES {
        return Err(format!("Telegram reports {} bytes", file.size).into());
    }
    let mut bytes = Vec::with_capacity(file.size as usize);
    bot.download_file(&file.path, &mut bytes).await?;
    Ok(bytes)
}

/// A file sent when no self-assessment is open: how to attach one.
pub async fn outside(turn: Arc<Turn>) -> HandlerResult {
    turn.say(&texts::evidence::outside_assessment(turn.lang))
        .await
}

/// /minhchung NV004: the person's files, one document each.
pub async fn send_files(turn: &Turn, code: &str) -> HandlerResult {
    if code.trim().is_empty() {
        return turn.say(&texts::evidence::usage(turn.lang)).await;
    }
    let files = match service::files_of(&turn.ctx, &turn.caller, code).await {
        Ok(files) => files,
        Err(error) => return turn.explain(error).await,
    };
    let count = files.files.len();
    for (index, (reference, bytes)) in files.files.into_iter().enumerate() {
        let file = InputFile::memory(bytes).file_name(reference.file_name);
        let caption = texts::evidence::caption(turn.lang, &files.owner.full_name, index + 1, count);
        patiently(turn.bot.send_document(turn.chat, file).caption(caption)).await?;
    }
    Ok(())
}
