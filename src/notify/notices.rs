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
use crate::storage::outbox::{self, Destination, Kind, NewMessage, OutboxRow};
use crate::storage::{chats, people};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

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
        match (self, lang) {
            (Notice::PublicationUncertain { row_id }, Lang::Vi) => format!(
                "Kính gửi anh/chị {name},\n\n\
                 Hệ thống không nhận được phản hồi từ Telegram khi đăng tin công bố (mã tin #{row_id}) lên nhóm, \
                 nên chưa rõ tin đã được đăng hay chưa. Để tránh đăng trùng, hệ thống sẽ không tự gửi lại.\n\n\
                 Xin anh/chị vui lòng kiểm tra nhóm; nếu chưa thấy tin, có thể gửi lại bằng lệnh \
                 `thidua outbox retry {row_id}`.\n\nTrân trọng."
            ),
            (Notice::PublicationUncertain { row_id }, Lang::En) => format!(
                "Dear {name},\n\n\
                 Telegram did not answer when the publication (message #{row_id}) was posted to the group, so it \
                 is not known whether it appeared. To avoid posting it twice, it will not be re-sent automatically.\n\n\
                 Please check the group; if the post is missing, re-send it with `thidua outbox retry {row_id}`."
            ),
            (
                Notice::DeliveryFailed {
                    row,
                    recipient,
                    reason,
                },
                Lang::Vi,
            ) => {
                let what = match row.destination {
                    Destination::Email { .. } => "thư điện tử",
                    Destination::Telegram { .. } => "tin nhắn Telegram",
                };
                format!(
                    "Kính gửi anh/chị {name},\n\n\
                     Hệ thống không gửi được {what} (mã tin #{id}) tới {recipient}.\nLý do: {reason}\n\n\
                     Xin anh/chị vui lòng kiểm tra lại địa chỉ người nhận; sau khi sửa, có thể gửi lại bằng lệnh \
                     `thidua outbox retry {id}`.\n\nTrân trọng.",
                    id = row.id
                )
            }
            (
                Notice::DeliveryFailed {
                    row,
                    recipient,
                    reason,
                },
                Lang::En,
            ) => {
                let what = match row.destination {
                    Destination::Email { .. } => "an e-mail",
                    Destination::Telegram { .. } => "a Telegram message",
                };
                format!(
                    "Dear {name},\n\n\
                     {what} (message #{id}) to {recipient} could not be delivered.\nReason: {reason}\n\n\
                     Please check the recipient's address; once corrected, re-send it with `thidua outbox retry {id}`.",
                    id = row.id
                )
            }
        }
    }
}

/// Queues `notice` for every active secretary: on Telegram when they can be reached there, by
/// e-mail otherwise. Returns how many were queued.
pub async fn tell_secretaries(
    conn: &mut SqliteConnection,
    notice: &Notice<'_>,
    now: DateTime<Utc>,
) -> Result<usize, sqlx::Error> {
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
        };
        if outbox::enqueue(conn, &message, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

fn notice_subject(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Hệ thống thi đua: có tin nhắn chưa gửi được",
        Lang::En => "Emulation system: a message could not be delivered",
    }
}

/// The e-mail that replaces a Telegram message the person cannot receive. Its key is the
/// original's plus `:email`, so the fallback happens once however often the step is retried.
pub fn email_instead(row: &OutboxRow, person: &Person, bot_username: &str) -> NewMessage {
    let has_buttons = row.reply_markup.is_some();
    let (subject, footer, buttons) = match person.lang {
        Lang::Vi => (
            "Thông báo từ Hội đồng Thi đua – Khen thưởng",
            format!(
                "Thư này được gửi qua e-mail vì hệ thống không gửi được tin nhắn Telegram cho anh/chị \
                 (có thể anh/chị đã chặn bot hoặc chưa bấm Bắt đầu). Để nhận thông báo qua Telegram, \
                 xin mở https://t.me/{bot_username} và bấm Start."
            ),
            "Các nút bấm trong tin nhắn chỉ dùng được trên Telegram.",
        ),
        Lang::En => (
            "A message from the Emulation and Commendation Council",
            format!(
                "You are receiving this by e-mail because the Telegram message could not be delivered \
                 (the bot may be blocked or was never started). To get messages on Telegram again, open \
                 https://t.me/{bot_username} and press Start."
            ),
            "The message's buttons work only in Telegram.",
        ),
    };
    let mut body = format!("{}\n\n—\n{footer}", row.body);
    if has_buttons {
        body.push(' ');
        body.push_str(buttons);
    }
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
    }
}
