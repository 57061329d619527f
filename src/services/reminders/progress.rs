//! Who still owes what, per phase, read from the tables each phase writes: registrations,
//! self-assessments, reviews and the unit meeting. Later phases (council ballots) add their arm
//! when their tables exist.

use crate::domain::campaign::Campaign;
use crate::domain::person::Person;
use crate::domain::phase::Phase;
use crate::domain::registration::may_register;
use crate::domain::reminders::{Progress, Task};
use crate::domain::role::Role;
use crate::domain::title::Holder;
use crate::services::review::{MemberState, MemberStates, reviews};
use crate::storage;
use crate::storage::Connection;
use crate::storage::StorageResult;

/// Progress of every active person in every phase whose data exists.
pub async fn compute(
    conn: &mut Connection,
    campaign: &Campaign,
    people: &[Person],
) -> StorageResult<Progress> {
    let mut progress = Progress::new();
    let states = MemberStates::load(conn, campaign.year).await?;
    for phase in Phase::ALL {
        match phase {
            Phase::Registration => registration(conn, campaign, people, &mut progress).await?,
            Phase::SelfAssessment => self_assessment(&states, people, &mut progress),
            Phase::UnitReview => {
                unit_review(conn, campaign, &states, people, &mut progress).await?
            }
            // No data yet: nobody is reminded about these phases.
            Phase::Appraisal | Phase::Ballot | Phase::Decision => {}
        }
    }
    Ok(progress)
}

/// Staff and unit heads owe an individual registration; a head also owes the unit's collective
/// one when the campaign offers collective titles.
async fn registration(
    conn: &mut Connection,
    campaign: &Campaign,
    people: &[Person],
    progress: &mut Progress,
) -> StorageResult<()> {
    let registered = storage::reminders::registered_people(conn, campaign.year).await?;
    let units = storage::reminders::registered_units(conn, campaign.year).await?;
    let collective_offered = campaign.offered(Holder::Collective).next().is_some();
    for person in people.iter().filter(|person| may_register(&person.roles)) {
        let mut owes = Vec::new();
        if !registered.contains(&person.id) {
            owes.push(Task::RegisterIndividual);
        }
        if collective_offered && person.has(Role::UnitHead) && !units.contains(&person.unit_code) {
            owes.push(Task::RegisterCollective);
        }
        progress.set(Phase::Registration, person.id, owes);
    }
    Ok(())
}

/// Everyone registered owes a submitted self-assessment; one returned for changes owes it again.
fn self_assessment(states: &MemberStates, people: &[Person], progress: &mut Progress) {
    for person in people.iter().filter(|person| may_register(&person.roles)) {
        let owes = match states.of(person.id) {
            MemberState::NotRegistered => continue,
            MemberState::Registered | MemberState::Assessing | MemberState::Returned => {
                vec![Task::SubmitAssessment]
            }
            MemberState::Submitted | MemberState::Approved => Vec::new(),
        };
        progress.set(Phase::SelfAssessment, person.id, owes);
    }
}

/// A unit head owes the review of every submitted member assessment, and the unit's meeting
/// until it is submitted.
async fn unit_review(
    conn: &mut Connection,
    campaign: &Campaign,
    states: &MemberStates,
    people: &[Person],
    progress: &mut Progress,
) -> StorageResult<()> {
    for head in people.iter().filter(|person| person.has(Role::UnitHead)) {
        let mut owes = Vec::new();
        for member in people.iter().filter(|member| reviews(head, member)) {
            if states.of(member.id) == MemberState::Submitted {
                owes.push(Task::ReviewMembers);
                break;
            }
        }
        if !storage::meetings::is_submitted(conn, campaign.year, &head.unit_code).await? {
            owes.push(Task::RecordMeeting);
        }
        progress.set(Phase::UnitReview, head.id, owes);
    }
    Ok(())
}
