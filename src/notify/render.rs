//! An outbox row becomes words when it is sent: its typed notice rendered (`ui::notices`) in the
//! language the recipient has chosen by then (not when it was queued), or its text as queued.

use crate::domain::language::Lang;
use crate::storage::outbox::{Destination, OutboxRow};
use crate::storage::people;
use crate::storage::{Connection, StorageResult};
use crate::texts::address;

pub use crate::ui::notices::{Rendered, render};

/// What `row` sends to a recipient reading `lang`: its notice rendered, or, for text queued as
/// text (the worker's own messages and every row queued before typed notices), the text as
/// queued.
pub fn in_lang(row: &OutboxRow, lang: Lang) -> Rendered {
    match &row.notice {
        Some(notice) => render(notice, lang),
        None => as_queued(row),
    }
}

/// [`in_lang`] for the row's own recipient, looking up their language now, and addressed to
/// them (`texts::address`): "anh"/"chị" in chat, "ông"/"bà"/"đồng chí" by e-mail.
pub async fn row(conn: &mut Connection, row: &OutboxRow) -> StorageResult<Rendered> {
    let recipient = match row.person_id {
        Some(id) => people::find_by_id(conn, crate::domain::person::PersonId(id)).await?,
        None => None,
    };
    let lang = match row.notice {
        Some(_) => recipient
            .as_ref()
            .map(|person| person.lang)
            .unwrap_or_default(),
        None => Lang::default(),
    };
    let mut rendered = in_lang(row, lang);
    if let (Some(person), Lang::Vi) = (&recipient, lang) {
        match &row.destination {
            Destination::Telegram { .. } => {
                rendered.body = address::chat(&rendered.body, person.gender);
            }
            Destination::Email { .. } => {
                rendered.body = address::formal(&rendered.body, person);
                rendered.subject = address::formal(&rendered.subject, person);
            }
        }
    }
    Ok(rendered)
}

/// [`in_lang`] for an e-mail that replaces the row's Telegram message: worded for e-mail
/// ([`Notice::for_email`](crate::domain::notice::Notice::for_email)), where it is a notice.
pub fn by_email_in_lang(row: &OutboxRow, lang: Lang) -> Rendered {
    match &row.notice {
        Some(notice) => render(&notice.for_email(), lang),
        None => as_queued(row),
    }
}

fn as_queued(row: &OutboxRow) -> Rendered {
    let subject = match &row.destination {
        Destination::Email { subject, .. } => subject.clone(),
        Destination::Telegram { .. } => String::new(),
    };
    Rendered {
        subject,
        body: row.body.clone(),
        keyboard: row.reply_markup.clone(),
    }
}
