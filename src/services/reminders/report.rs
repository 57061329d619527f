//! The periodic progress report (cron `reminders.report_cron`): progress by phase and unit,
//! e-mailed to every council member and to the provincial council's address while a campaign runs.

use crate::domain::notice::{Notice, ReportLine};
use crate::domain::reminders::notices::{campaign_running, report_rows};
use crate::domain::role::Role;
use crate::domain::time::local_date;
use crate::services::Ctx;
use crate::storage;
use crate::storage::outbox::{self, Destination, Kind, NewMessage};
use chrono::{DateTime, Utc};

/// Queues the report for `now` (its date is the key, so an overlapping or repeated run queues
/// nothing twice). Returns the logical keys queued; none when no campaign is running.
pub async fn queue_report(
    ctx: &Ctx,
    now: DateTime<Utc>,
) -> Result<Vec<String>, crate::storage::StorageError> {
    // Not an `Intent`: the scheduler's write, on nobody's behalf.
    let mut tx = ctx.db.write().await?;
    let Some(campaign) = storage::campaigns::current(&mut tx, now).await? else {
        return Ok(Vec::new());
    };
    if !campaign_running(&campaign, now) {
        return Ok(Vec::new());
    }
    let people = storage::people::list_active(&mut tx).await?;
    let progress = super::progress::compute(&mut tx, &campaign, &people).await?;
    let units: Vec<String> = ctx.org.units.iter().map(|unit| unit.code.clone()).collect();
    let rows = report_rows(&campaign, &progress, &people, &units, now);
    let lines: Vec<ReportLine> = rows
        .iter()
        .map(|row| ReportLine {
            phase: row.phase,
            state: row.state,
            unit_name: ctx.org.unit_name(&row.unit_code),
            done: row.done,
            concerned: row.concerned,
        })
        .collect();
    let date = local_date(now);
    // The provincial council's address has no person: the notifier writes it in Vietnamese.
    let mut recipients: Vec<(String, Option<i64>)> = people
        .iter()
        .filter(|person| person.has(Role::CouncilMember))
        .map(|person| (person.email.to_lowercase(), Some(person.id.0)))
        .collect();
    let provincial = ctx.settings.reminders.provincial_council_email.trim();
    if !provincial.is_empty() {
        recipients.push((provincial.to_lowercase(), None));
    }
    recipients.sort_by(|a, b| a.0.cmp(&b.0));
    recipients.dedup_by(|a, b| a.0 == b.0);
    let mut queued = Vec::new();
    for (email, person_id) in recipients {
        let key = format!("report:{}:{date}:{email}", campaign.year);
        let message = NewMessage::notice(
            key.clone(),
            Kind::Direct,
            person_id,
            Destination::notice_email(email),
            Notice::ProgressReport {
                year: campaign.year,
                campaign_name: campaign.name.clone(),
                date,
                lines: lines.clone(),
            },
        );
        if outbox::enqueue(&mut tx, &message, now).await? {
            queued.push(key);
        }
    }
    tx.commit().await?;
    if !queued.is_empty() {
        ctx.wake_outbox();
    }
    Ok(queued)
}
