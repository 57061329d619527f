//! /trangthai: what a person has registered and where their self-assessment stands (the note
//! after an interrupted answer sends people here to see what was saved); for a unit head, every member's registration and
//! the unit's progress through self-assessment, review and the meeting; for a secretary, every
//! unit's counts, which the director sees too.

use super::Ctx;
use super::error::ServiceResult;
use super::identity::linked_person;
use super::review::{MemberState, member_state};
use crate::domain::ballot::BallotStatus;
use crate::domain::campaign::Campaign;
use crate::domain::history::awards::{self, AwardVerdict};
use crate::domain::meeting::MeetingStatus;
use crate::domain::nomination::NominationStatus;
use crate::domain::person::Person;
use crate::domain::person::PersonId;
use crate::domain::role::Role;
use crate::domain::rules::{Rules, ballot_required};
use crate::services::caller::Caller;
use crate::storage::registrations::{self, Registration};
use crate::storage::{self};
use crate::storage::{Connection, StorageResult};
use crate::storage::{ballots, meetings};
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct StatusView {
    pub person: Person,
    pub campaign: Option<Campaign>,
    pub individual: Option<Registration>,
    /// The person's own self-assessment: its state and the last submitted version.
    pub assessment: Option<OwnAssessment>,
    /// For a unit head: the unit's collective registration and each member's.
    pub unit: Option<UnitStatus>,
    /// For a secretary: every unit's progress, in the organisation file's order.
    pub department: Option<Vec<UnitProgress>>,
    /// For a council member while the year's secret ballot is open: how many papers they cast
    /// (the note after an interrupted vote sends them here; counts only, never a choice).
    pub ballot: Option<BallotProgress>,
    /// The person's award history: /trangthai shows the last years on record.
    pub history: crate::domain::history::History,
    /// Where the person stands for the provincial Bằng khen, when the rule set describes it;
    /// for a unit head, the unit's too.
    pub bang_khen: Option<AwardVerdict>,
    pub unit_bang_khen: Option<AwardVerdict>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BallotProgress {
    pub cast: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnAssessment {
    pub status: crate::domain::assessment::Status,
    /// `None` while nothing was submitted (a first draft).
    pub submitted_version: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct UnitStatus {
    pub unit_name: String,
    pub collective: Option<Registration>,
    pub members: Vec<(Person, Option<Registration>)>,
    pub progress: UnitProgress,
}

/// One unit's members by state and its meeting.
#[derive(Debug, Clone)]
pub struct UnitProgress {
    pub unit_code: String,
    pub unit_name: String,
    pub members: Vec<(Person, MemberState)>,
    /// `None` while no meeting was submitted.
    pub meeting: Option<(MeetingStatus, NaiveDate)>,
    /// The unit's nominations still on their way, by the step they wait for.
    pub nominations: NominationsWaiting,
}

/// Standing nominations by what they wait for: the appraisal, the council's secret ballot (for
/// titles the rule set votes on), the director's decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NominationsWaiting {
    pub appraisal: usize,
    pub ballot: usize,
    pub decision: usize,
}

impl NominationsWaiting {
    pub fn total(&self) -> usize {
        self.appraisal + self.ballot + self.decision
    }

    fn count(nominations: &[crate::storage::nominations::Nomination], rules: &Rules) -> Self {
        let mut waiting = Self::default();
        for nomination in nominations {
            match nomination.status {
                NominationStatus::Proposed => waiting.appraisal += 1,
                NominationStatus::Valid if ballot_required(rules, nomination.title) => {
                    waiting.ballot += 1
                }
                NominationStatus::Valid | NominationStatus::Passed => waiting.decision += 1,
                _ => {}
            }
        }
        waiting
    }
}

impl UnitProgress {
    pub const STATES: [MemberState; 6] = [
        MemberState::NotRegistered,
        MemberState::Registered,
        MemberState::Assessing,
        MemberState::Submitted,
        MemberState::Approved,
        MemberState::Returned,
    ];

    pub fn count(&self, state: MemberState) -> usize {
        self.members.iter().filter(|(_, s)| *s == state).count()
    }

    pub fn in_state(&self, state: MemberState) -> impl Iterator<Item = &Person> {
        self.members
            .iter()
            .filter(move |(_, s)| *s == state)
            .map(|(person, _)| person)
    }
}

async fn unit_progress(
    conn: &mut Connection,
    ctx: &Ctx,
    rules: &Rules,
    year: i32,
    unit_code: &str,
) -> StorageResult<UnitProgress> {
    let people = super::meeting::unit_members(conn, unit_code).await?;
    let mut members = Vec::with_capacity(people.len());
    for person in people {
        let state = member_state(conn, year, person.id).await?;
        members.push((person, state));
    }
    let meeting = meetings::find(conn, year, unit_code)
        .await?
        .map(|meeting| (meeting.status, meeting.held_on));
    let nominations = NominationsWaiting::count(
        &storage::nominations::list_for_unit(conn, year, unit_code).await?,
        rules,
    );
    Ok(UnitProgress {
        unit_code: unit_code.to_owned(),
        unit_name: ctx.org.unit_name(unit_code),
        members,
        meeting,
        nominations,
    })
}

pub async fn my_status(ctx: &Ctx, caller: &Caller) -> ServiceResult<StatusView> {
    let mut conn = ctx.db.read().await?;
    let person = linked_person(&mut conn, caller).await?;
    let campaign = storage::campaigns::current(&mut conn, ctx.now()).await?;
    let Some(campaign) = campaign else {
        return Ok(StatusView {
            person,
            campaign: None,
            individual: None,
            assessment: None,
            unit: None,
            department: None,
            ballot: None,
            history: crate::domain::history::History::default(),
            bang_khen: None,
            unit_bang_khen: None,
        });
    };
    let history = super::history::of_person(&mut conn, person.id).await?;
    let rules = super::rule_book::rules_for(ctx, &campaign).await?;
    let (bang_khen, unit_bang_khen) = match &rules.awards.bang_khen_tinh {
        Some(rule) => {
            let own = crate::domain::registration::may_register(&person.roles)
                .then(|| awards::bang_khen_individual(rule, &history, campaign.year));
            let unit = if person.has(Role::UnitHead) {
                let unit_history = storage::history::for_unit(&mut conn, &person.unit_code).await?;
                Some(awards::bang_khen_collective(
                    rule,
                    &unit_history,
                    campaign.year,
                ))
            } else {
                None
            };
            (own, unit)
        }
        None => (None, None),
    };
    let individual = registrations::find_individual(&mut conn, campaign.year, person.id).await?;
    let assessment = storage::assessments::find(&mut conn, campaign.year, person.id)
        .await?
        .map(|row| OwnAssessment {
            status: row.status,
            submitted_version: row.submitted_version,
        });
    let unit = if person.has(Role::UnitHead) {
        let collective =
            registrations::find_collective(&mut conn, campaign.year, &person.unit_code).await?;
        let people = storage::people::list_active_in_unit(&mut conn, &person.unit_code).await?;
        let mut members = Vec::with_capacity(people.len());
        for member in people {
            let registration =
                registrations::find_individual(&mut conn, campaign.year, member.id).await?;
            members.push((member, registration));
        }
        Some(UnitStatus {
            unit_name: ctx.org.unit_name(&person.unit_code),
            collective,
            members,
            progress: unit_progress(&mut conn, ctx, &rules, campaign.year, &person.unit_code)
                .await?,
        })
    } else {
        None
    };
    // The standing body runs the campaign and the director answers for it: both see every unit.
    let department = if person.has(Role::Secretary) || person.has(Role::Director) {
        let mut units = Vec::with_capacity(ctx.org.units.len());
        for unit in &ctx.org.units {
            units.push(unit_progress(&mut conn, ctx, &rules, campaign.year, &unit.code).await?);
        }
        Some(units)
    } else {
        None
    };
    let ballot = ballot_progress(&mut conn, campaign.year, person.id).await?;
    Ok(StatusView {
        person,
        campaign: Some(campaign),
        individual,
        assessment,
        unit,
        department,
        ballot,
        history,
        bang_khen,
        unit_bang_khen,
    })
}

async fn ballot_progress(
    conn: &mut Connection,
    year: i32,
    member: PersonId,
) -> StorageResult<Option<BallotProgress>> {
    let open = ballots::find(conn, year)
        .await?
        .is_some_and(|ballot| ballot.status == BallotStatus::Open);
    if !open || !ballots::electorate(conn, year).await?.contains(&member) {
        return Ok(None);
    }
    Ok(Some(BallotProgress {
        cast: ballots::voted_by(conn, year, member).await?.len(),
        total: ballots::items(conn, year).await?.len(),
    }))
}

/// One registrant as `thidua rules check` prints them.
#[derive(Debug, Clone)]
pub struct RegistrantCheck {
    pub person: Person,
    pub title: crate::domain::title::Title,
    /// The latest submitted version and the review state; `None`: nothing submitted yet.
    pub submitted: Option<(i64, MemberState)>,
    /// The verdict for the registered title and those it includes, under the campaign's rules.
    pub verdicts: Vec<crate::domain::rules::Verdict>,
}

/// Every registrant of `year`'s campaign with the verdicts of their latest submitted assessment;
/// `None` when there is no such campaign.
pub async fn rules_check(
    ctx: &Ctx,
    year: i32,
) -> ServiceResult<Option<(Campaign, Vec<RegistrantCheck>)>> {
    let mut conn = ctx.db.read().await?;
    let Some(campaign) = storage::campaigns::find(&mut conn, year).await? else {
        return Ok(None);
    };
    let rules = super::rule_book::rules_for(ctx, &campaign).await?;
    let mut lines = Vec::new();
    for person in storage::people::list_active(&mut conn).await? {
        let Some(registration) = registrations::find_individual(&mut conn, year, person.id)
            .await?
            .filter(|registration| {
                registration.status == crate::domain::registration::RegistrationStatus::Registered
            })
        else {
            continue;
        };
        let version = storage::assessments::latest_version(&mut conn, year, person.id).await?;
        let (submitted, verdicts) = match version {
            Some(version) => {
                let state = member_state(&mut conn, year, person.id).await?;
                let history = super::history::of_person(&mut conn, person.id).await?;
                let verdicts = super::assessment::evaluate(
                    &rules,
                    &campaign,
                    &person,
                    &history,
                    &version.answers,
                    registration.title.includes(),
                );
                (Some((version.version, state)), verdicts)
            }
            None => (None, Vec::new()),
        };
        lines.push(RegistrantCheck {
            person,
            title: registration.title,
            submitted,
            verdicts,
        });
    }
    Ok(Some((campaign, lines)))
}
