//! Switching the language a person reads the bot in.

use super::Ctx;
use super::error::ServiceResult;
use super::identity::linked_person;
use crate::domain::language::Lang;
use crate::services::caller::Caller;
use crate::storage::audit::{self, Actor};
use crate::storage::{self, begin_immediate};

/// Toggles between Vietnamese and English; returns the new language.
pub async fn toggle(ctx: &Ctx, actor: Actor, caller: &Caller) -> ServiceResult<Lang> {
    let now = ctx.now();
    let mut tx = begin_immediate(&ctx.db).await?;
    let person = linked_person(&mut tx, caller).await?;
    let lang = person.lang.toggled();
    storage::people::set_language(&mut tx, person.id, lang, now).await?;
    let actor = Actor {
        person_id: Some(person.id.0),
        ..actor
    };
    audit::record(
        &mut tx,
        now,
        actor,
        "person.language",
        Some(&person.employee_code),
        Some(&serde_json::json!({ "language": lang.as_str() })),
    )
    .await?;
    tx.commit().await?;
    Ok(lang)
}
