//! Messages one person's action causes for another, queued in the outbox inside the caller's
//! transaction: by Telegram when the recipient has linked an account, by e-mail otherwise.

use super::Ctx;
use crate::domain::notice::Notice;
use crate::domain::person::Person;
use crate::domain::role::Role;
use crate::storage::Connection;
use crate::storage::StorageResult;
use crate::storage::outbox::{self, Destination, Kind, NewMessage};
use crate::storage::{self};
use chrono::{DateTime, Utc};

/// Queues `notice` for `recipient`; the notifier renders it (and, by e-mail, its subject) when
/// it sends, in the language the recipient reads then.
pub async fn to_person(
    conn: &mut Connection,
    recipient: &Person,
    logical_key: String,
    notice: Notice,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let destination = match recipient.telegram_user_id {
        // A private chat's id is the user's id.
        Some(user) => Destination::Telegram { chat_id: user },
        None => Destination::notice_email(recipient.email.clone()),
    };
    let message = NewMessage::notice(
        logical_key,
        Kind::Direct,
        Some(recipient.id.0),
        destination,
        notice,
    );
    outbox::enqueue(conn, &message, now).await?;
    Ok(())
}

/// Queues `notice` for `recipient` on every channel they have: their private chat when linked
/// and their e-mail when on file. For what a person must not miss (being recorded absent from a
/// ballot, a vote entered in their name), whichever they read first.
pub async fn on_every_channel(
    conn: &mut Connection,
    recipient: &Person,
    logical_key: &str,
    notice: Notice,
    now: DateTime<Utc>,
) -> StorageResult<Vec<Channel>> {
    let channels = channels_of(recipient);
    for &channel in &channels {
        let destination = match (channel, recipient.telegram_user_id) {
            // A private chat's id is the user's id.
            (Channel::Telegram, Some(user)) => Destination::Telegram { chat_id: user },
            _ => Destination::notice_email(recipient.email.clone()),
        };
        let key = format!("{logical_key}:{}", channel.as_str());
        let message = NewMessage::notice(
            key,
            Kind::Direct,
            Some(recipient.id.0),
            destination,
            notice.clone(),
        );
        outbox::enqueue(conn, &message, now).await?;
    }
    Ok(channels)
}

/// The channels [`on_every_channel`] reaches `person` on.
pub fn channels_of(person: &Person) -> Vec<Channel> {
    let mut channels = Vec::new();
    if person.telegram_user_id.is_some() {
        channels.push(Channel::Telegram);
    }
    if !person.email.trim().is_empty() {
        channels.push(Channel::Email);
    }
    channels
}

/// A way a person is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Telegram,
    Email,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Channel::Telegram => "telegram",
            Channel::Email => "email",
        }
    }
}

/// Who reviews a person's assessment: the unit's head, or — for the head themself, since nobody
/// reviews their own — the council's secretaries.
pub async fn reviewers_of(conn: &mut Connection, person: &Person) -> StorageResult<Vec<Person>> {
    if !person.has(Role::UnitHead) {
        let heads: Vec<Person> = storage::people::list_active_in_unit(conn, &person.unit_code)
            .await?
            .into_iter()
            .filter(|member| member.has(Role::UnitHead) && member.id != person.id)
            .collect();
        if !heads.is_empty() {
            return Ok(heads);
        }
    }
    let secretaries = storage::people::list_active_with_role(conn, Role::Secretary).await?;
    Ok(secretaries
        .into_iter()
        .filter(|secretary| secretary.id != person.id)
        .collect())
}

/// Drops the "please review" notices about `person`'s self-assessment not yet sent: a newer
/// version replaces them, or a decision on it was just made. Returns how many were dropped.
pub async fn drop_unsent_review_requests(
    conn: &mut Connection,
    person: &Person,
    year: i32,
) -> StorageResult<u64> {
    let prefix = format!("assessment-submitted:{year}:{}:", person.id.0);
    outbox::drop_unsent_by_key_prefix(conn, &prefix).await
}

pub async fn assessment_submitted(
    conn: &mut Connection,
    ctx: &Ctx,
    person: &Person,
    year: i32,
    version: i64,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    // The reviewer reads the newest version; a notice about an older one still waiting would
    // send them to something already replaced.
    drop_unsent_review_requests(conn, person, year).await?;
    let unit = ctx.org.unit_name(&person.unit_code);
    for reviewer in reviewers_of(conn, person).await? {
        let notice = Notice::AssessmentSubmitted {
            name: person.full_name.clone(),
            unit: unit.clone(),
            version,
        };
        let key = format!(
            "assessment-submitted:{year}:{}:v{version}:to{}",
            person.id.0, reviewer.id.0
        );
        to_person(conn, &reviewer, key, notice, now).await?;
    }
    Ok(())
}
