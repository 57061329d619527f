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
    #[error(
        "Nhân viên mã `{0}` đã liên kết tài khoản Telegram. Một thư mời mới sẽ chuyển tài khoản sang người dùng thư mời đó; \
         nếu đúng là cần vậy (đổi điện thoại, mất tài khoản), chạy lại với --relink. \
         / employee `{0}` is already linked to a Telegram account; a new invite would move the account to whoever uses it. \
         If that is intended (new phone, lost account), run again with --relink."
    )]
    AlreadyLinked(String),
    #[error(
        "Mọi người được chọn đều đã liên kết tài khoản; không có thư mời nào được tạo (thêm --relink để mời lại cả những người đã liên kết) \
         / everyone selected is already linked; no invite issued (add --relink to invite linked people again)"
    )]
    EveryoneLinked,
    #[error(
        "không ghi được danh sách thư mời, nên không thư mời nào được tạo / the invites could not be written out, so none was issued: {0}"
    )]
    NotShown(std::io::Error),
    #[error("database: {0}")]
    Database(#[from] StorageError),
}

/// How invites are issued.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IssueOptions {
    /// Queue each person's invite e-mail in the same transaction.
    pub send_email: bool,
    /// Invite people already linked too (whoever redeems the new code takes the account over,
    /// after confirming). Without it they are skipped, or refused when named alone: a linked
    /// director's account must not move because someone ran `--all`.
    pub relink: bool,
}

/// Issues one invite per selected person; with `send_email`, queues the e-mails in the same
/// transaction (deliver them afterwards with `notify::deliver_pending_email`).
pub async fn issue(
    ctx: &Ctx,
    selector: &Selector,
    send_email: bool,
) -> Result<Vec<IssuedInvite>, InviteError> {
    let options = IssueOptions {
        send_email,
        relink: false,
    };
    Ok(issue_and_show(ctx, selector, options, |_| Ok(())).await?.0)
}

/// As [`issue`], with `show` given the new invites before anything commits: the codes exist
/// only in what `show` writes, so when it fails (a closed pipe, a full disk) nothing is issued
/// and the pending invites stay as they were. Returns the invites and how many linked people
/// were skipped.
pub async fn issue_and_show(
    ctx: &Ctx,
    selector: &Selector,
    options: IssueOptions,
    show: impl FnOnce(&[IssuedInvite]) -> std::io::Result<()>,
) -> Result<(Vec<IssuedInvite>, usize), InviteError> {
    let send_email = options.send_email;
    let now = ctx.now();
    let expires_at = now + chrono::Duration::days(i64::from(ctx.settings.invites.ttl_days));
    // Not an `Intent`: issued from the CLI, on nobody's behalf in the bot.
    let mut tx = ctx.db.write().await?;
    let selected = select(&mut tx, ctx, selector).await?;
    let (linked, people): (Vec<Person>, Vec<Person>) = selected
        .into_iter()
        .partition(|person| person.telegram_user_id.is_some() && !options.relink);
    if people.is_empty() {
        return Err(match (selector, linked.first()) {
            (Selector::Employee(_), Some(person)) => {
                InviteError::AlreadyLinked(person.employee_code.clone())
            }
            _ => InviteError::EveryoneLinked,
        });
    }
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
                Destination::notice_email(person.email.clone()),
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
    show(&issued).map_err(InviteError::NotShown)?;
    tx.commit().await?;
    Ok((issued, linked.len()))
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
