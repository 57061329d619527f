//! A write on someone's behalf, opened the same way everywhere: one IMMEDIATE transaction, the
//! caller's person re-read inside it (roles and deactivation as of now, not as of the update's
//! resolution), the phase window checked on the campaign read in the same transaction, and the
//! audit actor stamped with the person. `commit` wakes the notifier when rows were queued.
//!
//! The steps are separate calls, not one fixed sequence: each service checks in the order its
//! refusals have always come (a stranger is told "not linked" before "phase closed", a head
//! before a window, and so on).

use super::Ctx;
use super::caller::Caller;
use super::error::{Refusal, ServiceResult};
use super::identity::{current_campaign, linked_person, require_open};
use crate::domain::campaign::Campaign;
use crate::domain::person::Person;
use crate::domain::phase::Phase;
use crate::domain::role::Role;
use crate::storage::Tx;
use crate::storage::audit::Actor;
use chrono::{DateTime, Utc};

pub struct Intent {
    pub tx: Tx,
    /// The caller's person as read inside the transaction.
    pub person: Person,
    /// The instant the intent began: every check and row of the write uses it.
    pub now: DateTime<Utc>,
    actor: Actor,
    queued: bool,
}

impl Intent {
    /// Opens the write transaction and re-reads the caller's person in it.
    pub async fn begin(ctx: &Ctx, caller: &Caller) -> ServiceResult<Self> {
        Self::begin_at(ctx, ctx.now(), caller).await
    }

    /// As [`Intent::begin`], at an instant the service already took (before slow work such as
    /// reading the group chat setting).
    pub async fn begin_at(ctx: &Ctx, now: DateTime<Utc>, caller: &Caller) -> ServiceResult<Self> {
        let mut tx = ctx.db.write().await?;
        let person = linked_person(&mut tx, caller).await?;
        let actor = Actor {
            person_id: Some(person.id.0),
            ..caller.actor()
        };
        Ok(Self {
            tx,
            person,
            now,
            actor,
            queued: false,
        })
    }

    /// Refuses unless the person (as of now) holds `role`.
    pub fn require(&self, role: Role) -> Result<(), Refusal> {
        if self.person.has(role) {
            Ok(())
        } else {
            Err(Refusal::RoleRequired(role))
        }
    }

    /// As [`Intent::campaign_open`], with the phases reopened for the caller or their unit.
    pub async fn campaign_open_for_caller(&mut self, phase: Phase) -> ServiceResult<Campaign> {
        let campaign = super::identity::campaign_for(&mut self.tx, self.now, &self.person).await?;
        require_open(&campaign, phase, self.now)?;
        Ok(campaign)
    }

    /// The current campaign, read in the transaction, whose `phase` window must be open now.
    pub async fn campaign_open(&mut self, phase: Phase) -> ServiceResult<Campaign> {
        let campaign = current_campaign(&mut self.tx, self.now).await?;
        require_open(&campaign, phase, self.now)?;
        Ok(campaign)
    }

    /// The audit actor, naming the person.
    pub fn actor(&self) -> Actor {
        self.actor
    }

    /// Notes that outbox rows were queued, so `commit` wakes the notifier.
    pub fn queued(&mut self) {
        self.queued = true;
    }

    pub async fn commit(self, ctx: &Ctx) -> ServiceResult<()> {
        self.tx.commit().await?;
        if self.queued {
            ctx.wake_outbox();
        }
        Ok(())
    }
}
