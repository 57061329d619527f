//! The director's Giấy khen (Law 06/2022 Art. 75), at any time of the year: a unit head (for
//! the unit or a member) or the standing body (for anyone) proposes one with the achievement,
//! periodic or ad hoc; the standing body appraises it — agrees, or refuses with a reason; the
//! director decides it with the decision's number and date. The decision publishes it in its own
//! transaction (the group post, the recipient told in private and by e-mail) and writes the GK
//! into the award history, marked as no basis for higher awards when it was ad hoc (Decree
//! 152/2025 Art. 4). Every step is audited and re-checks the caller's roles as of now.

mod appraise;
mod decide;

pub use appraise::{appraise, open_for_appraisal, to_appraise};
pub use decide::{Decided, decide, open_for_decision, to_decide};

use super::error::{Refusal, ServiceResult};
use super::identity::linked_person;
use super::intent::Intent;
use super::{Ctx, notifications};
use crate::domain::commendation::{self, Occasion, Recipient, Status, parse_achievement};
use crate::domain::notice::Notice;
use crate::domain::person::{Person, PersonId};
use crate::domain::role::Role;
use crate::services::caller::Caller;
use crate::storage::commendations::{self, Commendation};
use crate::storage::{self, Connection, audit};
use serde_json::json;

/// A proposal as people read it.
#[derive(Debug, Clone)]
pub struct Line {
    pub commendation: Commendation,
    /// The person's name, or the unit's for a collective.
    pub recipient: String,
    /// The person's unit, or the unit itself.
    pub unit: String,
    pub collective: bool,
    pub proposer: String,
}

/// What /giaykhen offers this person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    pub propose: bool,
    /// Proposals waiting for the standing body (secretaries only).
    pub to_appraise: Option<usize>,
    /// Agreed proposals waiting for the director (directors only).
    pub to_decide: Option<usize>,
}

/// Whom a proposer may choose from in one unit: the unit itself, then its members.
#[derive(Debug, Clone)]
pub struct Choices {
    pub unit_code: String,
    pub unit_name: String,
    /// (person id, name), in the unit's order; neither the proposer nor the director is among them.
    pub members: Vec<(i64, String)>,
}

fn proposes(person: &Person) -> bool {
    person.has(Role::UnitHead) || person.has(Role::Secretary)
}

async fn line(conn: &mut Connection, ctx: &Ctx, commendation: Commendation) -> ServiceResult<Line> {
    let proposer = storage::people::find_by_id(conn, PersonId(commendation.proposed_by))
        .await?
        .map(|person| person.full_name)
        .unwrap_or_default();
    let (recipient, unit, collective) = match &commendation.recipient {
        Recipient::Person(id) => {
            let person = storage::people::find_by_id(conn, PersonId(*id))
                .await?
                .ok_or(storage::StorageError::Missing(
                    "the commendation's recipient",
                ))?;
            (
                person.full_name,
                ctx.org.unit_name(&person.unit_code),
                false,
            )
        }
        Recipient::Unit(code) => {
            let name = ctx.org.unit_name(code);
            (name.clone(), name, true)
        }
    };
    Ok(Line {
        commendation,
        recipient,
        unit,
        collective,
        proposer,
    })
}

/// The menu of /giaykhen for the caller: proposing, appraising, deciding, as their roles allow.
pub async fn offer(ctx: &Ctx, caller: &Caller) -> ServiceResult<Offer> {
    let mut conn = ctx.db.read().await?;
    let person = linked_person(&mut conn, caller).await?;
    let mut offer = Offer {
        propose: proposes(&person),
        to_appraise: None,
        to_decide: None,
    };
    if person.has(Role::Secretary) {
        offer.to_appraise = Some(
            commendations::list_with_status(&mut conn, Status::Proposed)
                .await?
                .len(),
        );
    }
    if person.has(Role::Director) {
        offer.to_decide = Some(
            commendations::list_with_status(&mut conn, Status::Agreed)
                .await?
                .len(),
        );
    }
    if !offer.propose && offer.to_appraise.is_none() && offer.to_decide.is_none() {
        return Err(Refusal::CommendationRoleRequired.into());
    }
    Ok(offer)
}

/// The units the caller may propose in: every unit for the standing body, their own for a
/// unit head.
pub async fn units(ctx: &Ctx, caller: &Caller) -> ServiceResult<Vec<(String, String)>> {
    let mut conn = ctx.db.read().await?;
    let person = linked_person(&mut conn, caller).await?;
    if person.has(Role::Secretary) {
        return Ok((ctx.org.units.iter())
            .map(|unit| (unit.code.clone(), unit.name.clone()))
            .collect());
    }
    if person.has(Role::UnitHead) {
        return Ok(vec![(
            person.unit_code.clone(),
            ctx.org.unit_name(&person.unit_code),
        )]);
    }
    Err(Refusal::CommendationRoleRequired.into())
}

/// The unit and its members the caller may propose for.
pub async fn choices(ctx: &Ctx, caller: &Caller, unit_code: &str) -> ServiceResult<Choices> {
    let mut conn = ctx.db.read().await?;
    let person = linked_person(&mut conn, caller).await?;
    if !proposes(&person) {
        return Err(Refusal::CommendationRoleRequired.into());
    }
    let unit = ctx
        .org
        .unit(unit_code)
        .ok_or_else(|| Refusal::UnknownUnit(unit_code.to_owned()))?;
    if !commendation::may_propose(&person.roles, &person.unit_code, &unit.code, false) {
        return Err(Refusal::CommendationRecipientNotAllowed.into());
    }
    let members = storage::people::list_active_in_unit(&mut conn, &unit.code)
        .await?
        .into_iter()
        .filter(|member| member.id != person.id && !member.has(Role::Director))
        .map(|member| (member.id.0, member.full_name))
        .collect();
    Ok(Choices {
        unit_code: unit.code.clone(),
        unit_name: unit.name.clone(),
        members,
    })
}

/// The recipient's name and unit, if the proposer may propose for them.
async fn allowed_recipient(
    conn: &mut Connection,
    ctx: &Ctx,
    proposer: &Person,
    recipient: &Recipient,
) -> ServiceResult<(String, String, bool)> {
    let (name, unit_code, collective, for_self) = match recipient {
        Recipient::Person(id) => {
            let person = storage::people::find_by_id(conn, PersonId(*id))
                .await?
                .filter(|person| person.active)
                .ok_or(Refusal::CommendationRecipientNotAllowed)?;
            // The director's own Giấy khen never goes to the director, who would decide it.
            if person.has(Role::Director) {
                return Err(Refusal::CommendationRecipientNotAllowed.into());
            }
            let for_self = person.id == proposer.id;
            (person.full_name, person.unit_code, false, for_self)
        }
        Recipient::Unit(code) => {
            let unit = ctx
                .org
                .unit(code)
                .ok_or(Refusal::CommendationRecipientNotAllowed)?;
            (unit.name.clone(), unit.code.clone(), true, false)
        }
    };
    if !commendation::may_propose(&proposer.roles, &proposer.unit_code, &unit_code, for_self) {
        return Err(Refusal::CommendationRecipientNotAllowed.into());
    }
    Ok((name, ctx.org.unit_name(&unit_code), collective))
}

/// What the proposal would say, for the summary before it is sent (changes nothing).
pub async fn preview(
    ctx: &Ctx,
    caller: &Caller,
    recipient: &Recipient,
) -> ServiceResult<(String, String, bool)> {
    let mut conn = ctx.db.read().await?;
    let person = linked_person(&mut conn, caller).await?;
    if !proposes(&person) {
        return Err(Refusal::CommendationRoleRequired.into());
    }
    allowed_recipient(&mut conn, ctx, &person, recipient).await
}

/// Proposes a Giấy khen; the standing body is told.
pub async fn propose(
    ctx: &Ctx,
    caller: &Caller,
    recipient: &Recipient,
    occasion: Occasion,
    achievement: &str,
) -> ServiceResult<Line> {
    let achievement = parse_achievement(achievement).map_err(|_| Refusal::InputInvalid)?;
    let mut intent = Intent::begin(ctx, caller).await?;
    let (now, actor, proposer) = (intent.now, intent.actor(), intent.person.clone());
    if !proposes(&proposer) {
        return Err(Refusal::CommendationRoleRequired.into());
    }
    let (name, unit, _) = allowed_recipient(&mut intent.tx, ctx, &proposer, recipient).await?;
    let id = commendations::insert(
        &mut intent.tx,
        recipient,
        occasion,
        &achievement,
        proposer.id.0,
        now,
    )
    .await?;
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "commendation.proposed",
        Some(&id.to_string()),
        Some(&json!({
            "recipient": recipient_json(recipient),
            "occasion": occasion.code(),
            "achievement": achievement,
        })),
    )
    .await?;
    for secretary in storage::people::list_active_with_role(&mut intent.tx, Role::Secretary).await?
    {
        if secretary.id == proposer.id {
            continue;
        }
        let notice = Notice::CommendationProposed {
            recipient: name.clone(),
            unit: unit.clone(),
            occasion,
            proposer: proposer.full_name.clone(),
        };
        let key = format!("commendation:{id}:proposed:to{}", secretary.id.0);
        notifications::to_person(&mut intent.tx, &secretary, key, notice, now).await?;
        intent.queued();
    }
    let stored =
        commendations::find(&mut intent.tx, id)
            .await?
            .ok_or(storage::StorageError::Missing(
                "the commendation just proposed",
            ))?;
    let line = line(&mut intent.tx, ctx, stored).await?;
    intent.commit(ctx).await?;
    Ok(line)
}

fn recipient_json(recipient: &Recipient) -> serde_json::Value {
    match recipient {
        Recipient::Person(id) => json!({ "person": id }),
        Recipient::Unit(code) => json!({ "unit": code }),
    }
}

/// The proposals in `status` the caller's `role` works on.
async fn waiting(
    ctx: &Ctx,
    caller: &Caller,
    role: Role,
    status: Status,
) -> ServiceResult<Vec<Line>> {
    let mut conn = ctx.db.read().await?;
    let person = linked_person(&mut conn, caller).await?;
    if !person.has(role) {
        return Err(Refusal::RoleRequired(role).into());
    }
    let mut lines = Vec::new();
    for commendation in commendations::list_with_status(&mut conn, status).await? {
        lines.push(line(&mut conn, ctx, commendation).await?);
    }
    if lines.is_empty() {
        return Err(Refusal::NoCommendationWaiting.into());
    }
    Ok(lines)
}

/// One proposal still waiting for the caller's `role`.
async fn open_waiting(
    ctx: &Ctx,
    caller: &Caller,
    role: Role,
    status: Status,
    id: i64,
) -> ServiceResult<Line> {
    let mut conn = ctx.db.read().await?;
    let person = linked_person(&mut conn, caller).await?;
    if !person.has(role) {
        return Err(Refusal::RoleRequired(role).into());
    }
    let commendation = commendations::find(&mut conn, id)
        .await?
        .filter(|found| found.status == status)
        .ok_or(Refusal::CommendationNotPending)?;
    line(&mut conn, ctx, commendation).await
}

/// Every proposal, newest first (`thidua giaykhen list`).
pub async fn list_all(ctx: &Ctx) -> ServiceResult<Vec<Line>> {
    let mut conn = ctx.db.read().await?;
    let mut lines = Vec::new();
    for commendation in commendations::list_all(&mut conn).await? {
        lines.push(line(&mut conn, ctx, commendation).await?);
    }
    Ok(lines)
}

/// One proposal (`thidua giaykhen show ID`).
pub async fn show(ctx: &Ctx, id: i64) -> ServiceResult<Option<Line>> {
    let mut conn = ctx.db.read().await?;
    match commendations::find(&mut conn, id).await? {
        Some(commendation) => Ok(Some(line(&mut conn, ctx, commendation).await?)),
        None => Ok(None),
    }
}
