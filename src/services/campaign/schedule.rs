//! Moving a phase of a campaign already open (`thidua campaign extend`): the calendar is checked
//! by the file's own rules, the change is audited with the window before and after, and everyone
//! the phase concerns is told the new deadline. Reminders need no re-planning: each pass plans
//! them from the calendar as it stands, and their keys carry the deadline, so the new one gets
//! its own reminders and the old one's are no longer planned.

use crate::domain::campaign::{Campaign, CampaignFileError};
use crate::domain::notice::Notice;
use crate::domain::person::Person;
use crate::domain::phase::{Phase, Window};
use crate::domain::role::Role;
use crate::services::Caller;
use crate::services::Ctx;
use crate::services::error::ServiceError;
use crate::services::identity::current_campaign;
use crate::services::intent::Intent;
use crate::services::notifications;
use crate::storage::audit::{self, Actor};
use crate::storage::{self, StorageError};
use chrono::{DateTime, Utc};
use serde_json::json;

/// What a move did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub year: i32,
    pub phase: Phase,
    pub before: Window,
    pub after: Window,
    /// People told of the new window.
    pub told: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum MoveError {
    #[error("không có đợt thi đua năm {0} / no campaign for {0}")]
    NoCampaign(i32),
    #[error(
        "lịch mới không hợp lệ ở `{}`: {} / the new calendar is refused at `{}`: {}",
        .0.field, .0.reason, .0.field, .0.reason
    )]
    Calendar(CampaignFileError),
    #[error(
        "hạn mới đã ở trong quá khứ; muốn kết thúc sớm, hãy chọn một thời điểm từ bây giờ / the new close is in the past"
    )]
    ClosesInThePast,
    #[error("giai đoạn đã có đúng lịch này / the phase already has this window")]
    Unchanged,
    #[error(
        "chỉ mở lại riêng được đăng ký, tự đánh giá và bình xét; giai đoạn của Hội đồng dùng `campaign extend` \
         / only registration, self-assessment and unit review reopen for one unit or person; extend the council's phases"
    )]
    NotReopenable,
    #[error("không có đơn vị `{0}` / no unit `{0}`")]
    UnknownUnit(String),
    #[error("không có người đang làm việc mã `{0}` / no active employee `{0}`")]
    UnknownEmployee(String),
    #[error("cần ghi lý do mở lại (--reason) / a reason is required")]
    NoReason,
    #[error(
        "giai đoạn vẫn mở cho mọi người đến {0}; chỉ cần mở lại riêng sau thời điểm đó / the phase is open for everyone until then"
    )]
    StillOpen(String),
    /// Not linked, not a secretary, no campaign: the services' own refusal (or failure),
    /// explained the way every other refusal is.
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("database: {0}")]
    Database(#[from] StorageError),
}

/// Moves `phase` of the `year` campaign to close at `closes` (and open at `opens`, when given),
/// from the command line.
pub async fn move_phase(
    ctx: &Ctx,
    year: i32,
    phase: Phase,
    opens: Option<DateTime<Utc>>,
    closes: DateTime<Utc>,
) -> Result<Moved, MoveError> {
    let now = ctx.now();
    // Not an `Intent`: the operator's command, on nobody's behalf in the bot.
    let mut tx = ctx.db.write().await?;
    let moved = apply(&mut tx, Actor::cli(), year, phase, opens, closes, now).await?;
    tx.commit().await?;
    if moved.told > 0 {
        ctx.wake_outbox();
    }
    Ok(moved)
}

/// What moving `phase` of the current campaign to close at `closes` would do, for the
/// secretary to confirm in chat; writes nothing.
pub async fn preview_as(
    ctx: &Ctx,
    caller: &Caller,
    phase: Phase,
    closes: DateTime<Utc>,
) -> Result<Moved, MoveError> {
    let mut intent = Intent::begin(ctx, caller).await?;
    intent
        .require(Role::Secretary)
        .map_err(ServiceError::from)?;
    let now = intent.now;
    let campaign = current_campaign(&mut intent.tx, now).await?;
    let before = campaign
        .window(phase)
        .ok_or(MoveError::NoCampaign(campaign.year))?;
    let after = Window { closes, ..before };
    check(&campaign, phase, before, after, now)?;
    let told = concerned(&mut intent.tx, phase).await?.len();
    Ok(Moved {
        year: campaign.year,
        phase,
        before,
        after,
        told,
    })
}

/// Moves `phase` of the `year` campaign to close at `closes`, on the secretary's confirmation
/// in chat; checked again at this instant (the calendar or the role may have changed).
pub async fn move_as(
    ctx: &Ctx,
    caller: &Caller,
    year: i32,
    phase: Phase,
    closes: DateTime<Utc>,
) -> Result<Moved, MoveError> {
    let mut intent = Intent::begin(ctx, caller).await?;
    intent
        .require(Role::Secretary)
        .map_err(ServiceError::from)?;
    let (now, actor) = (intent.now, intent.actor());
    let moved = apply(&mut intent.tx, actor, year, phase, None, closes, now).await?;
    if moved.told > 0 {
        intent.queued();
    }
    intent.commit(ctx).await?;
    Ok(moved)
}

async fn apply(
    tx: &mut storage::Tx,
    actor: Actor,
    year: i32,
    phase: Phase,
    opens: Option<DateTime<Utc>>,
    closes: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Moved, MoveError> {
    let campaign = storage::campaigns::find(tx, year)
        .await?
        .ok_or(MoveError::NoCampaign(year))?;
    let before = campaign.window(phase).ok_or(MoveError::NoCampaign(year))?;
    let after = Window {
        opens: opens.unwrap_or(before.opens),
        closes,
    };
    check(&campaign, phase, before, after, now)?;
    storage::campaigns::update_window(tx, year, phase, after).await?;
    audit::record(
        tx,
        now,
        actor,
        "campaign.phase_moved",
        Some(&year.to_string()),
        Some(&json!({
            "phase": phase.as_str(),
            "before": { "opens": before.opens, "closes": before.closes },
            "after": { "opens": after.opens, "closes": after.closes },
        })),
    )
    .await?;
    let concerned = concerned(tx, phase).await?;
    for person in &concerned {
        let notice = Notice::PhaseMoved {
            year,
            phase,
            opens: after.opens,
            closes: after.closes,
            later: after.closes > before.closes,
        };
        let key = format!(
            "phase-moved:{year}:{}:{}:to{}",
            phase.as_str(),
            now.timestamp_millis(),
            person.id.0
        );
        notifications::to_person(tx, person, key, notice, now).await?;
    }
    Ok(Moved {
        year,
        phase,
        before,
        after,
        told: concerned.len(),
    })
}

/// Whom a phase is reopened for: a unit (by code) or one person (by employee code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReopenFor {
    Unit(String),
    Employee(String),
}

/// What a reopening did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reopened {
    /// The unit's or the person's name.
    pub name: String,
    pub told: usize,
}

/// Reopens a closed `phase` of the `year` campaign until `until` for one unit or one person
/// (a member back from leave): they act as if it were open; everyone else's calendar stays.
/// Audited with the reason; the people concerned are told.
pub async fn reopen_for(
    ctx: &Ctx,
    year: i32,
    phase: Phase,
    scope: &ReopenFor,
    until: DateTime<Utc>,
    reason: &str,
) -> Result<Reopened, MoveError> {
    if !matches!(
        phase,
        Phase::Registration | Phase::SelfAssessment | Phase::UnitReview
    ) {
        return Err(MoveError::NotReopenable);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(MoveError::NoReason);
    }
    let now = ctx.now();
    if until <= now {
        return Err(MoveError::ClosesInThePast);
    }
    let mut tx = ctx.db.write().await?;
    let campaign = storage::campaigns::find(&mut tx, year)
        .await?
        .ok_or(MoveError::NoCampaign(year))?;
    let window = campaign.window(phase).ok_or(MoveError::NoCampaign(year))?;
    if until <= window.closes {
        return Err(MoveError::StillOpen(crate::domain::time::format_local(
            window.closes,
        )));
    }
    let (stored, name, concerned) = match scope {
        ReopenFor::Unit(code) => {
            let unit = ctx
                .org
                .unit(code)
                .ok_or_else(|| MoveError::UnknownUnit(code.clone()))?;
            let members = storage::people::list_active_in_unit(&mut tx, code).await?;
            let acting: &[Role] = match phase {
                Phase::UnitReview => &[Role::UnitHead],
                _ => &[Role::Staff, Role::UnitHead],
            };
            let concerned: Vec<Person> = members
                .into_iter()
                .filter(|person| acting.iter().any(|role| person.has(*role)))
                .collect();
            (
                storage::reopenings::Scope::Unit(code.clone()),
                unit.name.clone(),
                concerned,
            )
        }
        ReopenFor::Employee(code) => {
            let person = storage::people::list_active(&mut tx)
                .await?
                .into_iter()
                .find(|person| person.employee_code == *code)
                .ok_or_else(|| MoveError::UnknownEmployee(code.clone()))?;
            (
                storage::reopenings::Scope::Person(person.id),
                person.full_name.clone(),
                vec![person],
            )
        }
    };
    storage::reopenings::insert(&mut tx, year, phase, &stored, until, reason, now).await?;
    let subject = match scope {
        ReopenFor::Unit(code) | ReopenFor::Employee(code) => code.clone(),
    };
    audit::record(
        &mut tx,
        now,
        Actor::cli(),
        "campaign.phase_reopened",
        Some(&subject),
        Some(&json!({ "year": year, "phase": phase.as_str(), "until": until, "reason": reason })),
    )
    .await?;
    for person in &concerned {
        let notice = Notice::PhaseReopened { year, phase, until };
        let key = format!(
            "phase-reopened:{year}:{}:{}:to{}",
            phase.as_str(),
            now.timestamp_millis(),
            person.id.0
        );
        notifications::to_person(&mut tx, person, key, notice, now).await?;
    }
    tx.commit().await?;
    if !concerned.is_empty() {
        ctx.wake_outbox();
    }
    Ok(Reopened {
        name,
        told: concerned.len(),
    })
}

fn check(
    campaign: &Campaign,
    phase: Phase,
    before: Window,
    after: Window,
    now: DateTime<Utc>,
) -> Result<(), MoveError> {
    if after == before {
        return Err(MoveError::Unchanged);
    }
    if after.closes < now {
        return Err(MoveError::ClosesInThePast);
    }
    campaign
        .with_window(phase, after)
        .map(|_| ())
        .map_err(MoveError::Calendar)
}

/// Whom a phase's window concerns: those who act in it, and the standing body that runs it.
async fn concerned(
    conn: &mut storage::Connection,
    phase: Phase,
) -> Result<Vec<Person>, StorageError> {
    let roles: &[Role] = match phase {
        Phase::Registration | Phase::SelfAssessment => {
            &[Role::Staff, Role::UnitHead, Role::Secretary]
        }
        Phase::UnitReview => &[Role::UnitHead, Role::Secretary],
        Phase::Appraisal => &[Role::Secretary],
        Phase::Ballot => &[Role::CouncilMember, Role::Secretary],
        Phase::Decision => &[Role::Director, Role::Secretary],
    };
    let people = storage::people::list_active(conn).await?;
    Ok(people
        .into_iter()
        .filter(|person| roles.iter().any(|role| person.has(*role)))
        .collect())
}
