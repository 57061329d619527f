//! The director's part: the proposals the standing body agreed to, one opened, decided with
//! the number and date — which publishes it and writes the GK into the award history, in one
//! transaction.

use super::{Line, line, open_waiting, waiting};
use crate::domain::commendation::{self, Recipient, Status};
use crate::domain::history::{Award, Entry, Kind};
use crate::domain::notice::Notice;
use crate::domain::person::{Person, PersonId};
use crate::domain::role::Role;
use crate::domain::time::local_date;
use crate::services::caller::Caller;
use crate::services::error::{Refusal, ServiceResult};
use crate::services::intent::Intent;
use crate::services::{Ctx, group_chat, notifications};
use crate::storage::commendations;
use crate::storage::outbox::{self, Destination, NewMessage};
use crate::storage::{self, audit};
use chrono::{Datelike, NaiveDate};
use serde_json::json;

/// What the decision did.
#[derive(Debug, Clone)]
pub struct Decided {
    pub line: Line,
    pub posted_to_group: bool,
    /// How many messages tell the recipient (chat and e-mail, per person told).
    pub recipient_messages: usize,
}

/// The director's list: proposals the standing body agreed to.
pub async fn to_decide(ctx: &Ctx, caller: &Caller) -> ServiceResult<Vec<Line>> {
    waiting(ctx, caller, Role::Director, Status::Agreed).await
}

pub async fn open_for_decision(ctx: &Ctx, caller: &Caller, id: i64) -> ServiceResult<Line> {
    open_waiting(ctx, caller, Role::Director, Status::Agreed, id).await
}

/// The director's decision with its number and signing date (not after today): the proposal is
/// published — to the group, and to the recipient (each head of a unit for a collective) in
/// private and by e-mail — and the GK is written into the award history, in one transaction.
pub async fn decide(
    ctx: &Ctx,
    caller: &Caller,
    id: i64,
    number: &str,
    decided_on: NaiveDate,
) -> ServiceResult<Decided> {
    let now = ctx.now();
    let (number, decided_on) = commendation::check_decision(number, decided_on, local_date(now))
        .map_err(|_| Refusal::InputInvalid)?;
    // Read before the write transaction, as the results' publication does.
    let group = group_chat::group_chat_id(ctx).await?;
    let mut intent = Intent::begin_at(ctx, now, caller).await?;
    intent.require(Role::Director)?;
    let (actor, director) = (intent.actor(), intent.person.clone());
    let found = commendations::find(&mut intent.tx, id)
        .await?
        .filter(|found| found.status.may_decide())
        .ok_or(Refusal::CommendationNotPending)?;
    if !commendations::decide(&mut intent.tx, id, director.id.0, &number, decided_on, now).await? {
        return Err(Refusal::CommendationNotPending.into());
    }
    let stored =
        commendations::find(&mut intent.tx, id)
            .await?
            .ok_or(storage::StorageError::Missing(
                "the commendation just decided",
            ))?;
    let line = line(&mut intent.tx, ctx, stored).await?;
    let occasion = found.occasion;

    let entry = Entry {
        description: found.achievement.clone(),
        basis: occasion.is_basis(),
        ..Entry::decided(
            decided_on.year(),
            Kind::Award(Award::GiayKhen),
            &number,
            decided_on,
        )
    };
    let (person, unit) = match &found.recipient {
        Recipient::Person(person) => (Some(*person), None),
        Recipient::Unit(code) => (None, Some(code.as_str())),
    };
    storage::history::upsert(&mut intent.tx, person, unit, &entry, now).await?;

    let mut posted_to_group = false;
    if let Some(chat_id) = group {
        let notice = Notice::CommendationPublished {
            recipient: line.recipient.clone(),
            unit: line.unit.clone(),
            collective: line.collective,
            occasion,
            achievement: found.achievement.clone(),
            decision_number: number.clone(),
            decided_on,
        };
        let message = NewMessage::notice(
            format!("commendation:{id}:group"),
            outbox::Kind::Publication,
            None,
            Destination::Telegram { chat_id },
            notice,
        );
        posted_to_group = outbox::enqueue(&mut intent.tx, &message, now).await?;
    }
    let told: Vec<Person> = match &found.recipient {
        Recipient::Person(person) => storage::people::find_by_id(&mut intent.tx, PersonId(*person))
            .await?
            .filter(|person| person.active)
            .into_iter()
            .collect(),
        Recipient::Unit(code) => storage::people::list_active_in_unit(&mut intent.tx, code)
            .await?
            .into_iter()
            .filter(|member| member.has(Role::UnitHead))
            .collect(),
    };
    let mut recipient_messages = 0;
    for person in &told {
        let notice = Notice::CommendationAwarded {
            unit: line.collective.then(|| line.unit.clone()),
            occasion,
            achievement: found.achievement.clone(),
            decision_number: number.clone(),
            decided_on,
        };
        let key = format!("commendation:{id}:awarded:to{}", person.id.0);
        recipient_messages +=
            notifications::on_every_channel(&mut intent.tx, person, &key, notice, now)
                .await?
                .len();
    }
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "commendation.decided",
        Some(&id.to_string()),
        Some(&json!({
            "decision_number": number,
            "decision_date": decided_on,
            "occasion": occasion.code(),
            "basis": occasion.is_basis(),
            "group": posted_to_group,
        })),
    )
    .await?;
    intent.queued();
    intent.commit(ctx).await?;
    Ok(Decided {
        line,
        posted_to_group,
        recipient_messages,
    })
}
