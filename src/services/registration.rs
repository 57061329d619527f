//! Registering emulation titles for the year (đăng ký danh hiệu thi đua).

use super::Ctx;
use super::error::{Refusal, ServiceError, ServiceResult};
use super::identity::{campaign_for, person_for_reading, require_open};
use super::intent::Intent;
use crate::domain::campaign::Campaign;
use crate::domain::person::Person;
use crate::domain::phase::Phase;
use crate::domain::registration::RegistrationStatus;
use crate::domain::registration::{self as rules, ChoiceRefusal};
use crate::domain::role::Role;
use crate::domain::title::{Holder, Title};
use crate::services::caller::Caller;
use crate::storage;
use crate::storage::audit;
use crate::storage::registrations::{self, Registration};
use serde_json::json;

/// What the registration dialogue shows: the current choice and what may be chosen.
#[derive(Debug, Clone)]
pub struct RegistrationView {
    pub campaign: Campaign,
    pub person: Person,
    pub individual: Option<Registration>,
    pub collective: Option<Registration>,
    pub individual_choices: Vec<Title>,
    pub collective_choices: Vec<Title>,
}

/// Opens the dialogue: the person must be linked and registration open.
pub async fn begin(ctx: &Ctx, caller: &Caller) -> ServiceResult<RegistrationView> {
    let mut conn = ctx.db.read().await?;
    let person = person_for_reading(&mut conn, caller).await?;
    if !rules::may_register(&person.roles) {
        return Err(Refusal::RoleRequired(Role::Staff).into());
    }
    let campaign = campaign_for(&mut conn, ctx.now(), &person).await?;
    require_open(&campaign, Phase::Registration, ctx.now())?;
    let individual = registrations::find_individual(&mut conn, campaign.year, person.id).await?;
    let collective =
        registrations::find_collective(&mut conn, campaign.year, &person.unit_code).await?;
    Ok(RegistrationView {
        individual_choices: rules::individual_choices(&campaign),
        collective_choices: rules::collective_choices(&campaign, &person),
        campaign,
        person,
        individual,
        collective,
    })
}

/// The choice a person confirms: an individual title and, for a unit head, optionally the unit's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub individual: Title,
    pub collective: Option<Title>,
}

fn refusal_of(refusal: ChoiceRefusal) -> Refusal {
    match refusal {
        ChoiceRefusal::NotOffered => Refusal::TitleNotOffered,
        ChoiceRefusal::CollectiveNeedsUnitHead => Refusal::RoleRequired(Role::UnitHead),
        ChoiceRefusal::NotAParticipant => Refusal::RoleRequired(Role::Staff),
    }
}

/// Saves a confirmed choice, re-checking the window and the person's roles at this instant.
pub async fn save(ctx: &Ctx, caller: &Caller, choice: Choice) -> ServiceResult<()> {
    let mut intent = Intent::begin(ctx, caller).await?;
    let (now, actor, person) = (intent.now, intent.actor(), intent.person.clone());
    // Not `campaign_open`: a closed window and a bad choice are one check here, because a
    // forged choice is audited even out of phase.
    let campaign = campaign_for(&mut intent.tx, now, &person).await?;
    let checked = require_open(&campaign, Phase::Registration, now)
        .and_then(|()| check(&campaign, &person, choice).map_err(refusal_of));
    if let Err(refusal) = checked {
        // Refusals that can only come from a forged or stale button are worth an audit row.
        if matches!(refusal, Refusal::RoleRequired(_) | Refusal::TitleNotOffered) {
            audit::record(
                &mut intent.tx,
                now,
                actor,
                "registration.refused",
                Some(&person.employee_code),
                Some(&json!({ "reason": format!("{refusal:?}") })),
            )
            .await?;
            intent.commit(ctx).await?;
        }
        return Err(refusal.into());
    }
    registrations::upsert_individual(
        &mut intent.tx,
        campaign.year,
        person.id,
        choice.individual,
        RegistrationStatus::Registered,
        now,
    )
    .await?;
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "registration.saved",
        Some(&person.employee_code),
        Some(&json!({ "year": campaign.year, "title": choice.individual.code() })),
    )
    .await?;
    if let Some(title) = choice.collective {
        registrations::upsert_collective(
            &mut intent.tx,
            campaign.year,
            &person.unit_code,
            title,
            RegistrationStatus::Registered,
            person.id,
            now,
        )
        .await?;
        audit::record(
            &mut intent.tx,
            now,
            actor,
            "registration.collective_saved",
            Some(&person.unit_code),
            Some(&json!({ "year": campaign.year, "title": title.code() })),
        )
        .await?;
    }
    intent.commit(ctx).await?;
    Ok(())
}

fn check(campaign: &Campaign, person: &Person, choice: Choice) -> Result<(), ChoiceRefusal> {
    if choice.individual.holder() != Holder::Individual {
        return Err(ChoiceRefusal::NotOffered);
    }
    rules::check_choice(campaign, person, choice.individual)?;
    if let Some(collective) = choice.collective {
        if collective.holder() != Holder::Collective {
            return Err(ChoiceRefusal::NotOffered);
        }
        rules::check_choice(campaign, person, collective)?;
    }
    Ok(())
}

/// Withdraws the person's individual registration (and, for a head, the unit's).
pub async fn withdraw(ctx: &Ctx, caller: &Caller) -> ServiceResult<()> {
    let mut intent = Intent::begin(ctx, caller).await?;
    let (now, actor, person) = (intent.now, intent.actor(), intent.person.clone());
    let campaign = intent.campaign_open_for_caller(Phase::Registration).await?;
    let current = registrations::find_individual(&mut intent.tx, campaign.year, person.id).await?;
    let Some(current) =
        current.filter(|registration| registration.status == RegistrationStatus::Registered)
    else {
        return Err(ServiceError::Refused(Refusal::NothingToWithdraw));
    };
    registrations::upsert_individual(
        &mut intent.tx,
        campaign.year,
        person.id,
        current.title,
        RegistrationStatus::Withdrawn,
        now,
    )
    .await?;
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "registration.withdrawn",
        Some(&person.employee_code),
        Some(&json!({ "year": campaign.year, "title": current.title.code() })),
    )
    .await?;
    if person.has(Role::UnitHead)
        && let Some(collective) =
            registrations::find_collective(&mut intent.tx, campaign.year, &person.unit_code).await?
        && collective.status == RegistrationStatus::Registered
    {
        registrations::upsert_collective(
            &mut intent.tx,
            campaign.year,
            &person.unit_code,
            collective.title,
            RegistrationStatus::Withdrawn,
            person.id,
            now,
        )
        .await?;
        audit::record(
            &mut intent.tx,
            now,
            actor,
            "registration.collective_withdrawn",
            Some(&person.unit_code),
            Some(&json!({ "year": campaign.year, "title": collective.title.code() })),
        )
        .await?;
    }
    intent.commit(ctx).await?;
    Ok(())
}

/// Who to contact when registration is closed: the secretaries by name, or the configured office.
pub async fn contact(ctx: &Ctx) -> ServiceResult<String> {
    let mut conn = ctx.db.read().await?;
    let secretaries = storage::people::list_active_with_role(&mut conn, Role::Secretary).await?;
    let names: Vec<String> = secretaries
        .iter()
        .map(|person| format!("{} ({})", person.full_name, person.email))
        .collect();
    Ok(if names.is_empty() {
        ctx.settings.campaign.contact.clone()
    } else {
        names.join(", ")
    })
}
