//! What the worker itself has to say: to the secretaries when a message could not be delivered
//! or its delivery is uncertain, and to a person by e-mail when Telegram refuses them.
//!
//! The sentences live here rather than in `texts` because only the worker speaks them; they are
//! polite Vietnamese with full diacritics, English for people who chose it.
//! Every notice has a logical key derived from the row it is about, so a worker that dies after
//! queueing one and retries the step queues nothing twice.

use crate::domain::language::Lang;
use crate::domain::person::Person;
use crate::domain::role::Role;
use crate::storage::Connection;
use crate::storage::StorageResult;
use crate::storage::outbox::{self, Destination, Kind, NewMessage, OutboxRow};
use crate::storage::{chats, people};
use crate::texts::delivery;
use chrono::{DateTime, Utc};

/// Keys of the worker's own notices start with this; a notice that fails is not reported again
/// (a bad secretary address must not start a chain of notices about notices).
pub const NOTICE_PREFIX: &str = "notice:";

pub fn is_notice(row: &OutboxRow) -> bool {
    row.logical_key.starts_with(NOTICE_PREFIX)
}

/// Something the secretaries must hear about one outbox row.
pub enum Notice<'a> {
    /// A publication may or may not be in the group; it will not be re-posted automatically.
    PublicationUncertain { row_id: i64 },
    /// A message was given up: where it was going and why.
    DeliveryFailed {
        row: &'a OutboxRow,
        recipient: String,
        reason: &'a str,
    },
}

impl Notice<'_> {
    fn key_part(&self) -> String {
        match self {
            Notice::PublicationUncertain { row_id } => format!("unknown:{row_id}"),
            Notice::DeliveryFailed { row, .. } => format!("dead:{}", row.id),
        }
    }

    fn text(&self, lang: Lang, name: &str) -> String {
        match self {
            Notice::PublicationUncertain { row_id } => {
                delivery::publication_uncertain(lang, name, *row_id)
            }
            Notice::DeliveryFailed {
                row,
                recipient,
                reason,
            } => {
                let by_email = matches!(row.destination, Destination::Email { .. });
                delivery::delivery_failed(lang, name, by_email, row.id, recipient, reason)
            }
        }
    }
}

/// Queues `notice` for every active secretary: on Telegram when they can be reached there, by
/// e-mail otherwise. Returns how many were queued.
pub async fn tell_secretaries(
    conn: &mut Connection,
    notice: &Notice<'_>,
    now: DateTime<Utc>,
) -> StorageResult<usize> {
    let secretaries = people::list_active_with_role(conn, Role::Secretary).await?;
    if secretaries.is_empty() {
        // Still visible in `thidua outbox status`; the log says why nobody was told.
        tracing::warn!("outbox: no active secretary to tell about a delivery problem");
    }
    let mut queued = 0;
    for secretary in secretaries {
        let text = notice.text(secretary.lang, &secretary.full_name);
        let key = format!("{NOTICE_PREFIX}{}:{}", notice.key_part(), secretary.id.0);
        let destination = match secretary.telegram_user_id {
            Some(chat_id) if !chats::is_unreachable(conn, secretary.id.0).await? => {
                Destination::Telegram { chat_id }
            }
            _ => Destination::Email {
                to: secretary.email.clone(),
                subject: notice_subject(secretary.lang).to_owned(),
            },
        };
        let message = NewMessage {
            logical_key: key,
            kind: Kind::Direct,
            person_id: Some(secretary.id.0),
            destination,
            body: text,
            reply_markup: None,
            notice: None,
        };
        if outbox::enqueue(conn, &message, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

fn notice_subject(lang: Lang) -> &'static str {
    delivery::notice_subject(lang)
}

/// The e-mail that replaces a Telegram message the person cannot receive. Its key is the
/// original's plus `:email`, so the fallback happens once however often the step is retried.
pub fn email_instead(row: &OutboxRow, person: &Person, bot_username: &str) -> NewMessage {
    // Rendered now, for the person who will read it, as an e-mail.
    let message = super::render::by_email_in_lang(row, person.lang);
    let (subject, footer) =
        delivery::email_instead(person.lang, bot_username, message.keyboard.is_some());
    let body = format!("{}\n\n—\n{footer}", message.body);
    NewMessage {
        logical_key: format!("{}:email", row.logical_key),
        kind: row.kind,
        person_id: Some(person.id.0),
        destination: Destination::Email {
            to: person.email.clone(),
            subject: subject.to_owned(),
        },
        body,
        reply_markup: None,
        notice: None,
    }
}
