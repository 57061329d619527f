//! Issuing invite codes (`thidua staff invite …`): for each selected active person, revoke the
//! pending invite, store the hash of a fresh code, and optionally queue the invite e-mail — all in
//! one IMMEDIATE transaction, so a printed link and its queued e-mail always agree.
//! The code itself is returned once, for printing, and never stored.

use super::Ctx;
use crate::domain::invite_code::InviteCode;
use crate::domain::notice::Notice;
use crate::domain::person::{Person, PersonId};
use crate::domain::role::Role;
use crate::storage;
use crate::storage::Connection;
use crate::storage::audit::{self, Actor};
use crate::storage::outbox::{self, Destination, Kind, NewMessage};
use crate::storage::{StorageError, StorageResult};
use chrono::{DateTime, Utc};
use serde_json::json;

/// Who gets a new invite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    All,
    Unit(String),
    Employee(String),
}

#[derive(Debug, Clone)]
pub struct IssuedInvite {
    pub invite_id: i64,
    pub person_id: PersonId,
    pub employee_code: String,
    pub full_name: String,
    pub email: String,
    pub code: InviteCode,
    /// `https://t.me/<bot>?start=<code>`.
    pub link: String,
    pub expires_at: DateTime<Utc>,
    /// Whether the previous pending invite was revoked.
    pub replaced: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("Không có đơn vị mã `{0}` trong config/org.toml / no unit `{0}`")]
    UnknownUnit(String),
    #[error("Không có nhân viên mã `{0}` / no employee `{0}`")]
    UnknownEmployee(String),
    #[error(
        "Nhân viên mã `{0}` đã ngừng hoạt động (không có trong lần nhập gần nhất) / employee `{0}` is inactive"
    )]
    Inactive(String),
    #[error("Không có người nào đang hoạt động để mời / nobody active to invite")]
    NobodySelected,
    #[error("database: {0}")]
    Database(#[from] StorageError),
}

/// Issues one invite per selected person; with `send_email`, queues the e-mails in the same
/// transaction (deliver them afterwards with `notify::deliver_pending_email`).
pub async fn issue(
    ctx: &Ctx,
    selector: &Selector,
    send_email: bool,
) -> Result<Vec<IssuedInvite>, InviteError> {
    let now = ctx.now();
    let expires_at = now + chrono::Duration::days(i64::from(ctx.settings.invites.ttl_days));
    // Not an `Intent`: issued from the CLI, on nobody's behalf in the bot.
    let mut tx = ctx.db.write().await?;
    let people = select(&mut tx, ctx, selector).await?;
    let contact = contact(&mut tx, ctx).await?;
    let mut issued = Vec::with_capacity(people.len());
    for person in people {
        let replaced = storage::invites::revoke_pending(&mut tx, person.id).await? > 0;
        let code = InviteCode::generate();
        let invite_id =
            storage::invites::insert(&mut tx, person.id, &code.hash(), now, expires_at).await?;
        let link = code.deep_link(&ctx.settings.telegram.bot_username);
        // The hash prefix identifies the invite in the trail without making the code recoverable.
        let detail = json!({
            "invite_id": invite_id, "hash_prefix": &code.hash()[..12], "expires_at": expires_at,
            "replaced_pending": replaced, "email": send_email,
        });
        audit::record(
            &mut tx,
            now,
            Actor::cli(),
            "invite.issued",
            Some(&person.employee_code),
            Some(&detail),
        )
        .await?;
        if send_email {
            let notice = Notice::InviteEmail {
                full_name: person.full_name.clone(),
                gender: person.gender,
                link: link.clone(),
                expires_at,
                bot_username: ctx.settings.telegram.bot_username.clone(),
                department: ctx.org.department.clone(),
                contact: contact.clone(),
            };
            let message = NewMessage::notice(
                format!("invite:{invite_id}"),
                Kind::Direct,
                Some(person.id.0),
                Destination::Email {
                    to: person.email.clone(),
                    subject: String::new(),
                },
                notice,
            );
            outbox::enqueue(&mut tx, &message, now).await?;
        }
        issued.push(IssuedInvite {
            invite_id,
            person_id: person.id,
            employee_code: person.employee_code,
            full_name: person.full_name,
            email: person.email,
            code,
            link,
            expires_at,
            replaced,
        });
    }
    tx.commit().await?;
    Ok(issued)
}

async fn select(
    conn: &mut Connection,
    ctx: &Ctx,
    selector: &Selector,
) -> Result<Vec<Person>, InviteError> {
    let people = match selector {
        Selector::All => storage::people::list_active(conn).await?,
        Selector::Unit(code) => {
            // Unit codes are upper-case by construction (org.toml); accept `--unit vp` too.
            let code = code.trim().to_uppercase();
            if ctx.org.unit(&code).is_none() {
                return Err(InviteError::UnknownUnit(code));
            }
            storage::people::list_active_in_unit(conn, &code).await?
        }
        Selector::Employee(code) => {
            let code = code.trim();
            match storage::people::find_by_employee_code(conn, code).await? {
                None => return Err(InviteError::UnknownEmployee(code.to_owned())),
                Some(person) if !person.active => {
                    return Err(InviteError::Inactive(code.to_owned()));
                }
                Some(person) => vec![person],
            }
        }
    };
    if people.is_empty() {
        return Err(InviteError::NobodySelected);
    }
    Ok(people)
}

/// The secretaries by name and address (the people who can issue a new link), or the configured
/// office when none is imported yet.
async fn contact(conn: &mut Connection, ctx: &Ctx) -> StorageResult<String> {
    let secretaries = storage::people::list_active_with_role(conn, Role::Secretary).await?;
    if secretaries.is_empty() {
        return Ok(ctx.settings.campaign.contact.clone());
    }
    let names: Vec<String> = secretaries
        .iter()
        .map(|person| format!("{} ({})", person.full_name, person.email))
        .collect();
    Ok(names.join(", "))
}
