//! `thidua reminders preview`: what a pass at an instant would do, read-only.

use super::{Snapshot, messages, policy_of};
use crate::domain::language::Lang;
use crate::domain::notice::Notice;
use crate::domain::person::Person;
use crate::domain::reminders::{Disposition, SkipReason};
use crate::services::Ctx;
use crate::services::error::ServiceResult;
use crate::storage::{self, outbox};
use chrono::{DateTime, Utc};

/// One line of a preview: who, about what, how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewLine {
    pub logical_key: String,
    pub employee_code: String,
    pub full_name: String,
    pub unit_code: String,
    /// `telegram` or `email`.
    pub channel: &'static str,
    pub due_at: DateTime<Utc>,
    /// What the message says, for the CLI to render as the notifier would.
    pub notice: Notice,
    /// The recipient's language now.
    pub lang: Lang,
    /// `None` when it would be sent; the reason when it would be recorded as skipped.
    pub skipped: Option<SkipReason>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub campaign_year: Option<i32>,
    pub reminders: Vec<PreviewLine>,
    pub digests: Vec<PreviewLine>,
    pub escalations: Vec<PreviewLine>,
}

/// What a pass at `at` would do, given what the database holds now; writes nothing.
pub async fn preview(ctx: &Ctx, at: DateTime<Utc>) -> ServiceResult<Preview> {
    let policy = policy_of(ctx)?;
    let mut conn = ctx.db.read().await?;
    let Some(snapshot) = Snapshot::load(&mut conn, ctx, at).await? else {
        return Ok(Preview::default());
    };
    let people = snapshot.by_id();
    let line = |person: &Person, message: outbox::NewMessage, due_at, skipped| PreviewLine {
        logical_key: message.logical_key,
        employee_code: person.employee_code.clone(),
        full_name: person.full_name.clone(),
        unit_code: person.unit_code.clone(),
        channel: match message.destination {
            outbox::Destination::Telegram { .. } => "telegram",
            outbox::Destination::Email { .. } => "email",
        },
        due_at,
        notice: message.notice.expect("reminder messages are typed notices"),
        lang: person.lang,
        skipped,
    };
    let mut preview = Preview {
        campaign_year: Some(snapshot.campaign.year),
        ..Preview::default()
    };
    for planned in snapshot.plan(&policy, at) {
        let Some(person) = people.get(&planned.key.person) else {
            continue;
        };
        let skipped = match planned.disposition {
            Disposition::Send => None,
            Disposition::Skip(reason) => Some(reason),
        };
        let message = messages::reminder(&planned, person, &ctx.org);
        preview
            .reminders
            .push(line(person, message, planned.due_at, skipped));
    }
    for digest in snapshot.digests(&policy, at) {
        if storage::reminders::notice_queued(&mut conn, &digest.key).await? {
            continue;
        }
        if let Some(head) = people.get(&digest.head) {
            let message = messages::digest(&digest, head, &people, &snapshot.unit_names);
            preview.digests.push(line(head, message, at, None));
        }
    }
    for escalation in snapshot.escalations(&policy, at) {
        if storage::reminders::notice_queued(&mut conn, &escalation.key).await? {
            continue;
        }
        if let Some(secretary) = people.get(&escalation.secretary) {
            let message =
                messages::escalation(&escalation, secretary, &people, &snapshot.unit_names);
            preview.escalations.push(line(secretary, message, at, None));
        }
    }
    Ok(preview)
}
