//! An outbox row becomes words when it is sent: its typed notice rendered (`ui::notices`) in the
//! language the recipient has chosen by then (not when it was queued), or its text as queued.

use crate::domain::language::Lang;
use crate::storage::outbox::{Destination, OutboxRow};
use crate::storage::people;
use crate::storage::{Connection, StorageResult};

pub use crate::ui::notices::{Rendered, render};

/// The language `person_id` has chosen now; Vietnamese for a group or somebody unknown.
pub async fn lang_of(conn: &mut Connection, person_id: Option<i64>) -> StorageResult<Lang> {
    let Some(person_id) = person_id else {
        return Ok(Lang::default());
    };
    let person = people::find_by_id(conn, crate::domain::person::PersonId(person_id)).await?;
    Ok(person.map(|person| person.lang).unwrap_or_default())
}

/// What `row` sends to a recipient reading `lang`: its notice rendered, or, for text queued as
/// text (the worker's own messages and every row queued before typed notices), the text as
/// queued.
pub fn in_lang(row: &OutboxRow, lang: Lang) -> Rendered {
    match &row.notice {
        Some(notice) => render(notice, lang),
        None => as_queued(row),
    }
}

/// [`in_lang`] for the row's own recipient, looking up their language now.
pub async fn row(conn: &mut Connection, row: &OutboxRow) -> StorageResult<Rendered> {
    let lang = match row.notice {
        Some(_) => lang_of(conn, row.person_id).await?,
        None => Lang::default(),
    };
    Ok(in_lang(row, lang))
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
