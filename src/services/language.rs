//! Switching the language a person reads the bot in.

use super::Ctx;
use super::error::ServiceResult;
use super::intent::Intent;
use crate::domain::language::Lang;
use crate::services::caller::Caller;
use crate::storage;
use crate::storage::audit;

/// Toggles between Vietnamese and English; returns the new language.
pub async fn toggle(ctx: &Ctx, caller: &Caller) -> ServiceResult<Lang> {
    let mut intent = Intent::begin(ctx, caller).await?;
    let (now, actor, person) = (intent.now, intent.actor(), intent.person.clone());
    let lang = person.lang.toggled();
    storage::people::set_language(&mut intent.tx, person.id, lang, now).await?;
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "person.language",
        Some(&person.employee_code),
        Some(&serde_json::json!({ "language": lang.as_str() })),
    )
    .await?;
    intent.commit(ctx).await?;
    Ok(lang)
}
