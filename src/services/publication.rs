//! Publishing an approved decision, queued in the approval's own transaction so that nothing is
//! lost: the group posts (numbered parts, queued in order), each nominee's private result, and
//! an e-mail with the results as XLSX and CSV to every unit head and the provincial council.
//! Every row has a logical key derived from the campaign, so nothing is sent twice.

use super::Ctx;
use super::error::{Internal, ServiceResult};
use super::notifications;
use crate::domain::campaign::Campaign;
use crate::domain::notice::Notice;
use crate::domain::role::Role;
use crate::domain::title::Title;
use crate::storage::Connection;
use crate::storage::outbox::{self, Destination, Kind, NewMessage};
use crate::storage::{self, decisions, exports};
use chrono::{DateTime, Utc};

/// How many rows the publication queued.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Queued {
    pub group_posts: usize,
    pub private_results: usize,
    pub emails: usize,
}

pub async fn queue(
    conn: &mut Connection,
    ctx: &Ctx,
    campaign: &Campaign,
    group: Option<i64>,
    now: DateTime<Utc>,
) -> ServiceResult<Queued> {
    let year = campaign.year;
    let decision = decisions::approval(conn, year)
        .await?
        .ok_or(storage::StorageError::Missing("approval decision"))?;
    let rows = exports::nominations(conn, year).await?;
    let mut queued = Queued::default();

    if let Some(chat_id) = group {
        let parts = ctx
            .present
            .publication_posts(&ctx.org, year, &decision, &rows);
        let total = parts.len();
        // Queued in order: the worker sends due rows by id, so part 1 goes first.
        for (index, body) in parts.into_iter().enumerate() {
            let message = NewMessage {
                logical_key: format!("publication:{year}:group:{}of{total}", index + 1),
                kind: Kind::Publication,
                person_id: None,
                destination: Destination::Telegram { chat_id },
                body,
                reply_markup: None,
                notice: None,
            };
            if outbox::enqueue(conn, &message, now).await? {
                queued.group_posts += 1;
            }
        }
    }

    for row in &rows {
        let (Some(person_id), Ok(title)) = (row.person_id, Title::parse(&row.title)) else {
            continue;
        };
        if !matches!(row.status.as_str(), "approved" | "failed" | "rejected") {
            continue;
        }
        let Some(person) =
            storage::people::find_by_id(conn, crate::domain::person::PersonId(person_id))
                .await?
                .filter(|person| person.active)
        else {
            continue;
        };
        let notice = Notice::PublicationResult {
            title,
            status: row.status.clone(),
            decision_number: decision.number.clone(),
            decided_on: decision.decided_on,
        };
        let key = format!("publication:{year}:result:{}", row.id);
        notifications::to_person(conn, &person, key, notice, now).await?;
        queued.private_results += 1;
    }

    let attachments = ctx
        .present
        .publication_files(&ctx.org, year, &decision, &rows)
        .map_err(|error| Internal::new("writing the result files", error))?;
    let approved = rows.iter().filter(|row| row.status == "approved");
    let proposed_upward = approved
        .clone()
        .filter(|row| Title::code_decided_upward(&row.title))
        .count();
    let notice = Notice::PublicationEmail {
        year,
        decision_number: decision.number.clone(),
        decided_on: decision.decided_on,
        recognised: approved.count() - proposed_upward,
        proposed_upward,
    };
    let mut addresses: Vec<(Option<i64>, String)> =
        storage::people::list_active_with_role(conn, Role::UnitHead)
            .await?
            .into_iter()
            .map(|head| (Some(head.id.0), head.email))
            .collect();
    let provincial = ctx.settings.reminders.provincial_council_email.trim();
    if !provincial.is_empty() {
        addresses.push((None, provincial.to_owned()));
    }
    let mut seen = Vec::new();
    for (person_id, address) in addresses {
        let address_key = address.to_lowercase();
        if seen.contains(&address_key) {
            continue;
        }
        seen.push(address_key.clone());
        let message = NewMessage::notice(
            format!("publication:{year}:email:{address_key}"),
            Kind::Publication,
            person_id,
            Destination::notice_email(address),
            notice.clone(),
        );
        if outbox::enqueue_with_attachments(conn, &message, &attachments, now).await? {
            queued.emails += 1;
        }
    }
    Ok(queued)
}
