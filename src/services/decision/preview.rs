//! What approving will send, shown to the director before it happens. The approval runs in full
//! inside its transaction (every check, every queued row), the rows it queued are read back, and
//! the transaction is rolled back: the preview is the publication itself, not a second account
//! of it that could drift. Approving after the preview re-runs every check.

use super::{Ctx, approve_in};
use crate::domain::language::Lang;
use crate::domain::notice::Notice;
use crate::domain::person::PersonId;
use crate::services::caller::Caller;
use crate::services::error::ServiceResult;
use crate::storage::outbox::{self, Destination};
use crate::storage::{self};
use chrono::NaiveDate;

/// Everything approving would send, in the order it would go.
#[derive(Debug, Clone)]
pub struct ApprovalPreview {
    pub number: String,
    pub decided_on: NaiveDate,
    pub recognised: u64,
    pub proposed_upward: u64,
    pub messages: Vec<Outgoing>,
}

/// One message the publication queues.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub to: Addressee,
    /// The language it is written in for its reader (as of now).
    pub lang: Lang,
    pub content: Content,
    /// The names of the files an e-mail carries.
    pub attachments: Vec<String>,
    /// The person it goes to, so the preview addresses it as the notifier will.
    pub recipient: Option<crate::domain::person::Person>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addressee {
    /// The group or channel where results are posted.
    Group,
    /// A person's private chat (their full name).
    Chat(String),
    /// An e-mail address, with the person's name when it is one of ours.
    Email {
        address: String,
        name: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub enum Content {
    /// Text as queued (the group posts).
    Text(String),
    /// A typed notice, rendered by the presentation the same way the notifier will.
    Notice(Notice),
}

/// What approving with `number` and `decided_on` would send. Changes nothing.
pub async fn preview(
    ctx: &Ctx,
    caller: &Caller,
    number: &str,
    decided_on: NaiveDate,
) -> ServiceResult<ApprovalPreview> {
    let (mut intent, approved) = approve_in(ctx, caller, number, decided_on).await?;
    let prefix = format!("publication:{}:", approved.year);
    let rows = outbox::list_by_key_prefix(&mut intent.tx, &prefix).await?;
    let mut messages = Vec::with_capacity(rows.len());
    for row in rows {
        let person = match row.person_id {
            Some(id) => storage::people::find_by_id(&mut intent.tx, PersonId(id)).await?,
            None => None,
        };
        let to = match &row.destination {
            Destination::Telegram { .. } => match &person {
                Some(person) => Addressee::Chat(person.full_name.clone()),
                None => Addressee::Group,
            },
            Destination::Email { to, .. } => Addressee::Email {
                address: to.clone(),
                name: person.as_ref().map(|person| person.full_name.clone()),
            },
        };
        let attachments = outbox::attachments_of(&mut intent.tx, row.id)
            .await?
            .into_iter()
            .map(|attachment| attachment.file_name)
            .collect();
        let content = match row.notice {
            Some(notice) => Content::Notice(notice),
            None => Content::Text(row.body),
        };
        messages.push(Outgoing {
            to,
            lang: person
                .as_ref()
                .map(|person| person.lang)
                .unwrap_or_default(),
            content,
            attachments,
            recipient: person,
        });
    }
    // Dropping the intent rolls the approval back: nothing was approved, queued or audited.
    drop(intent);
    Ok(ApprovalPreview {
        number: approved.number,
        decided_on: approved.decided_on,
        recognised: approved.recognised,
        proposed_upward: approved.proposed_upward,
        messages,
    })
}
