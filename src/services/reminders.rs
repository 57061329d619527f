//! Reminders, digests, escalations and reports (issue 5), as services the scheduler, the CLI and
//! the bot call.
//!
//! [`run_pass`] is the whole job of the scheduler's wake-up: in one IMMEDIATE transaction it
//! loads the campaign, everyone's progress and what was already decided, asks the domain what is
//! due at `now`, records each due reminder (the UNIQUE key makes a second pass a no-op), writes
//! its outbox row with the same logical key, and commits. A crash before the commit leaves
//! nothing; after it, the outbox delivers. So a restart neither repeats nor skips a reminder.

mod messages;
mod mute;

mod preview;
mod progress;
mod report;

pub use crate::config::reminder_policy::policy;
pub use mute::{MuteChoice, MuteStatus, mute_status, set_mute};
pub use preview::{Preview, PreviewLine, preview};
pub use report::queue_report;

use super::Ctx;
use super::error::{Context, ServiceResult};
use crate::domain::campaign::Campaign;
use crate::domain::person::{Person, PersonId};
use crate::domain::reminders::notices::{self, Digest, Escalation};
use crate::domain::reminders::{self as rules, Disposition, Mute, Planned, Policy, ReminderKey};
use crate::storage::Connection;
use crate::storage::StorageResult;
use crate::storage::audit::{self, Actor};
use crate::storage::{self, outbox};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// What one pass did, by logical key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassReport {
    /// Deadline reminders queued in the outbox.
    pub queued: Vec<String>,
    /// Deadline reminders recorded as skipped, with the reason (`grace_expired`, `muted`, …).
    pub skipped: Vec<(String, String)>,
    /// Earlier reminders withdrawn from the outbox because a later one replaced them.
    pub superseded: Vec<String>,
    pub digests: Vec<String>,
    pub escalations: Vec<String>,
}

impl PassReport {
    pub fn is_empty(&self) -> bool {
        self == &PassReport::default()
    }
}

/// Everything the domain needs to decide, read in one go.
struct Snapshot {
    campaign: Campaign,
    people: Vec<Person>,
    progress: rules::Progress,
    mutes: BTreeMap<PersonId, Mute>,
    recorded: BTreeSet<ReminderKey>,
    unit_names: BTreeMap<String, String>,
}

impl Snapshot {
    async fn load(
        conn: &mut Connection,
        ctx: &Ctx,
        now: DateTime<Utc>,
    ) -> StorageResult<Option<Self>> {
        let Some(campaign) = storage::campaigns::current(conn, now).await? else {
            return Ok(None);
        };
        let people = storage::people::list_active(conn).await?;
        let progress = progress::compute(conn, &campaign, &people).await?;
        let mutes = storage::reminders::mutes(conn).await?;
        let recorded = storage::reminders::recorded_keys(conn, campaign.year).await?;
        let unit_names = ctx
            .org
            .units
            .iter()
            .chain(&ctx.org.blocks)
            .map(|unit| (unit.code.clone(), unit.name.clone()))
            .collect();
        Ok(Some(Self {
            campaign,
            people,
            progress,
            mutes,
            recorded,
            unit_names,
        }))
    }

    fn by_id(&self) -> BTreeMap<PersonId, &Person> {
        self.people
            .iter()
            .map(|person| (person.id, person))
            .collect()
    }

    fn plan(&self, policy: &Policy, now: DateTime<Utc>) -> Vec<Planned> {
        rules::plan(
            &self.campaign,
            &self.progress,
            &self.mutes,
            policy,
            &self.recorded,
            now,
        )
    }

    fn digests(&self, policy: &Policy, now: DateTime<Utc>) -> Vec<Digest> {
        notices::plan_digests(
            &self.campaign,
            &self.progress,
            &self.people,
            &self.mutes,
            policy,
            now,
        )
    }

    fn escalations(&self, policy: &Policy, now: DateTime<Utc>) -> Vec<Escalation> {
        notices::plan_escalations(&self.campaign, &self.progress, &self.people, policy, now)
    }
}

fn policy_of(ctx: &Ctx) -> ServiceResult<Policy> {
    // Settings were validated at start; a failure here means they were built by hand.
    policy(&ctx.settings.reminders).context("reading the reminder policy from the settings")
}

/// Decides and queues everything due at `now`. Safe to run at any time, any number of times.
pub async fn run_pass(ctx: &Ctx, now: DateTime<Utc>) -> ServiceResult<PassReport> {
    let policy = policy_of(ctx)?;
    // Most wake-ups find nothing due: look first without taking the write lock, so the bot's
    // writes never wait on an idle pass.
    let mut conn = ctx.db.read().await?;
    let idle = match Snapshot::load(&mut conn, ctx, now).await? {
        None => true,
        Some(snapshot) => {
            let notices = snapshot
                .digests(&policy, now)
                .into_iter()
                .map(|digest| digest.key)
                .chain(
                    snapshot
                        .escalations(&policy, now)
                        .into_iter()
                        .map(|e| e.key),
                );
            let mut all_queued = true;
            for key in notices {
                if !storage::reminders::notice_queued(&mut conn, &key).await? {
                    all_queued = false;
                    break;
                }
            }
            all_queued && snapshot.plan(&policy, now).is_empty()
        }
    };
    drop(conn);
    if idle {
        return Ok(PassReport::default());
    }
    // Something is due: decide again inside the write transaction, on data nobody can change
    // under us, and write it all at once.
    // Not an `Intent`: the scheduler's write, on nobody's behalf.
    let mut tx = ctx.db.write().await?;
    let Some(snapshot) = Snapshot::load(&mut tx, ctx, now).await? else {
        return Ok(PassReport::default());
    };
    let people = snapshot.by_id();
    let mut report = PassReport::default();
    for planned in snapshot.plan(&policy, now) {
        let Some(person) = people.get(&planned.key.person) else {
            continue;
        };
        if !storage::reminders::record(&mut tx, &planned, now).await? {
            continue;
        }
        let key = planned.key.logical_key();
        match planned.disposition {
            Disposition::Send => {
                let withdrawn = storage::reminders::supersede_unsent(&mut tx, &planned.key).await?;
                report.superseded.extend(withdrawn);
                outbox::enqueue(
                    &mut tx,
                    &messages::reminder(&planned, person, &ctx.org),
                    now,
                )
                .await?;
                report.queued.push(key);
            }
            Disposition::Skip(reason) => {
                audit::record(
                    &mut tx,
                    now,
                    Actor::system(),
                    "reminder.skipped",
                    Some(&key),
                    Some(&json!({ "reason": reason.code(), "due_at": planned.due_at })),
                )
                .await?;
                report.skipped.push((key, reason.code()));
            }
        }
    }
    for digest in snapshot.digests(&policy, now) {
        let Some(head) = people.get(&digest.head) else {
            continue;
        };
        let message = messages::digest(&digest, head, &people, &snapshot.unit_names);
        if outbox::enqueue(&mut tx, &message, now).await? {
            report.digests.push(digest.key);
        }
    }
    for escalation in snapshot.escalations(&policy, now) {
        let Some(secretary) = people.get(&escalation.secretary) else {
            continue;
        };
        let message = messages::escalation(&escalation, secretary, &people, &snapshot.unit_names);
        if outbox::enqueue(&mut tx, &message, now).await? {
            report.escalations.push(escalation.key);
        }
    }
    tx.commit().await?;
    if !report.is_empty() {
        ctx.wake_outbox();
        tracing::info!(
            queued = report.queued.len(),
            skipped = report.skipped.len(),
            superseded = report.superseded.len(),
            digests = report.digests.len(),
            escalations = report.escalations.len(),
            "reminder pass"
        );
    }
    Ok(report)
}
