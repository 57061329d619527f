//! Switching the language a person reads the bot in.

use super::Ctx;
use super::error::ServiceResult;
use super::identity::linked_person;
use crate::domain::language::Lang;
use crate::storage;
use crate::storage::audit::{self, Actor};

/// Toggles between Vietnamese and English; returns the new language.
pub async fn toggle(ctx: &Ctx, actor: Actor, telegram_user_id: i64) -> ServiceResult<Lang> {
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    let person = linked_person(&mut tx, telegram_user_id).await?;
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

/// The language to answer a Telegram account in: the person's choice, Vietnamese when unknown.
pub async fn of_account(ctx: &Ctx, telegram_user_id: i64) -> ServiceResult<Lang> {
    let mut conn = ctx.db.read().await?;
    Ok(
        storage::people::find_active_by_telegram_user(&mut conn, telegram_user_id)
            .await?
            .map_or(Lang::Vi, |person| person.lang),
    )
}
