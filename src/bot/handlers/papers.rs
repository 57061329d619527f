//! /vanban (/papers): the standing body or the director gets one of the year's papers as a Word
//! file (the statistics as a workbook), written from the records at the moment of asking.
//!
//! ```text
//! secretary: /vanban                      bot: Văn bản năm 2026 … • /vanban quyet-dinh — …
//! secretary: /vanban quyet-dinh           bot: [quyet-dinh-2026.docx] Quyết định công nhận …
//! secretary: /vanban bao-cao-thanh-tich NV010   bot: [bao-cao-thanh-tich-2026-NV010.docx]
//! staff:     /vanban quyet-dinh           bot: Chức năng này dành cho … (nothing written)
//! ```
//!
//! Every request is authorised again by the service (the role as of now), whatever the menu
//! showed; a typed kind that does not exist, or a code after a kind that takes none, is
//! explained and nothing is written.

use crate::bot::HandlerResult;
use crate::bot::handlers::Turn;
use crate::bot::reply::patiently;
use crate::domain::paper::PaperKind;
use crate::export::documents::{self, DocumentError};
use crate::services::{self, ServiceError};
use crate::texts::papers as text;
use teloxide::prelude::*;
use teloxide::types::InputFile;

pub async fn papers(turn: &Turn, argument: &str) -> HandlerResult {
    let licence = match services::papers::authorise(&turn.ctx, &turn.caller).await {
        Ok(licence) => licence,
        Err(error) => return turn.explain(error).await,
    };
    let year = licence.campaign().year;
    let mut words = argument.split_whitespace();
    let Some(first) = words.next() else {
        return turn.say(&text::menu(turn.lang, year)).await;
    };
    let Some(kind) = PaperKind::parse(first) else {
        let shown: String = first.chars().take(40).collect();
        return turn.say(&text::unknown_kind(turn.lang, &shown)).await;
    };
    let person = words.next();
    if words.next().is_some() || (person.is_some() && kind != PaperKind::Reports) {
        return turn.say(&text::usage(turn.lang)).await;
    }
    let person = person.map(str::to_uppercase);
    match documents::for_chat(&turn.ctx, &licence, kind, person.as_deref()).await {
        Ok(document) => {
            let file = InputFile::memory(document.content).file_name(document.file_name);
            patiently(
                turn.bot
                    .send_document(turn.chat, file)
                    .caption(text::caption(turn.lang, kind, year)),
            )
            .await?;
            tracing::info!(
                person = %licence.holder().employee_code,
                paper = kind.slug(),
                "a paper was sent in chat"
            );
            Ok(())
        }
        Err(DocumentError::NotYet(missing)) => {
            turn.say(&text::missing(turn.lang, year, &missing)).await
        }
        Err(error) => {
            let internal = services::error::Internal::new("writing a paper for the chat", error);
            turn.explain(ServiceError::Internal(internal)).await
        }
    }
}
