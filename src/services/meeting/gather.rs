//! What the meeting decides on, read from storage: the unit's members, its nominees (approved
//! assessments whose verdicts support the registered titles) and the facts behind the unit's
//! collective title.

use crate::domain::assessment::{Status, TaskRating};
use crate::domain::campaign::Campaign;
use crate::domain::person::{Gender, Person};
use crate::domain::registration::RegistrationStatus;
use crate::domain::registration::may_register;
use crate::domain::rules::{self, AssessmentFacts, MemberFacts, Rules, UnitFacts, Verdict};
use crate::domain::title::{Holder, Title};
use crate::storage::Connection;
use crate::storage::StorageResult;
use crate::storage::registrations;
use crate::storage::{self, assessments};

/// The unit's members as the meeting counts them: active people of the unit who take part in
/// the movement (staff and the head), whatever their assessment's state. A director or anyone
/// without a staff role who merely belongs to the unit is not counted.
pub async fn members(conn: &mut Connection, unit_code: &str) -> StorageResult<Vec<Person>> {
    Ok(storage::people::list_active_in_unit(conn, unit_code)
        .await?
        .into_iter()
        .filter(|person| may_register(&person.roles))
        .collect())
}

/// One person to vote on for one title.
#[derive(Debug, Clone)]
pub struct Nominee {
    pub person: Person,
    pub title: Title,
}

/// A member's latest submitted assessment, if the reviewer approved it.
async fn approved_facts(
    conn: &mut Connection,
    campaign: &Campaign,
    person: &Person,
) -> StorageResult<Option<AssessmentFacts>> {
    let approved = assessments::find(conn, campaign.year, person.id)
        .await?
        .is_some_and(|row| row.status == Status::Approved);
    if !approved {
        return Ok(None);
    }
    let Some(version) = assessments::latest_version(conn, campaign.year, person.id).await? else {
        return Ok(None);
    };
    let history = crate::services::history::of_person(conn, person.id).await?;
    Ok(
        AssessmentFacts::from_answers(&version.answers, campaign.year, person.hire_date, 0)
            .map(|facts| facts.with_history(&history)),
    )
}

/// Nominees, grouped by title (LĐTT first, then the higher titles) and by member within one:
/// members with an approved assessment, for each registered title (and those it includes) their
/// verdict supports.
pub async fn nominees(
    conn: &mut Connection,
    campaign: &Campaign,
    rules: &Rules,
    members: &[Person],
) -> StorageResult<Vec<Nominee>> {
    let mut found = Vec::new();
    for person in members {
        let Some(registration) = registrations::find_individual(conn, campaign.year, person.id)
            .await?
            .filter(|registration| registration.status == RegistrationStatus::Registered)
        else {
            continue;
        };
        let Some(facts) = approved_facts(conn, campaign, person).await? else {
            continue;
        };
        for title in registration.title.includes() {
            if rules::individual_verdict(rules, &facts, *title).eligible {
                found.push(Nominee {
                    person: person.clone(),
                    title: *title,
                });
            }
        }
    }
    // Stable: members keep their order (by name) within a title.
    found.sort_by_key(|nominee| nominee.title);
    Ok(found)
}

/// The unit's collective title as the members' verdicts decide it.
#[derive(Debug, Clone)]
pub struct CollectiveCheck {
    pub verdict: Verdict,
    /// Members without an approved assessment, counted as not meeting any criterion.
    pub unassessed: u32,
}

/// The unit's registered collective title, if the campaign offers it.
pub async fn registered_collective(
    conn: &mut Connection,
    campaign: &Campaign,
    unit_code: &str,
) -> StorageResult<Option<Title>> {
    Ok(
        registrations::find_collective(conn, campaign.year, unit_code)
            .await?
            .filter(|registration| registration.status == RegistrationStatus::Registered)
            .map(|registration| registration.title)
            .filter(|title| title.holder() == Holder::Collective && campaign.offers(*title)),
    )
}

/// The collective verdict from every member's own verdicts. A member whose assessment is not
/// approved has no rating the meeting may rely on: they count as a member who neither completes
/// tasks nor achieves LĐTT, so the data alone never overstates the unit.
pub async fn collective(
    conn: &mut Connection,
    campaign: &Campaign,
    rules: &Rules,
    members: &[Person],
    title: Title,
    unit_rating: TaskRating,
) -> StorageResult<CollectiveCheck> {
    let (facts, unassessed) = member_facts(conn, campaign, rules, members).await?;
    let unit = UnitFacts {
        year: campaign.year,
        unit_rating,
        members: facts,
    };
    Ok(CollectiveCheck {
        verdict: rules::collective_verdict(rules, &unit, title),
        unassessed,
    })
}

/// Each member's facts for a collective verdict, in the order of `members`, and how many had no
/// approved assessment.
pub async fn member_facts(
    conn: &mut Connection,
    campaign: &Campaign,
    rules: &Rules,
    members: &[Person],
) -> StorageResult<(Vec<MemberFacts>, u32)> {
    let mut facts = Vec::with_capacity(members.len());
    let mut unassessed = 0;
    for person in members {
        let woman = person.gender == Gender::Female;
        match approved_facts(conn, campaign, person).await? {
            Some(assessment) => facts.push(rules::member_facts(rules, &assessment, woman)),
            None => {
                unassessed += 1;
                facts.push(MemberFacts {
                    rating: TaskRating::NotCompleted,
                    ldtt: false,
                    cstdcs: false,
                    woman,
                    discipline: rules::Discipline::None,
                });
            }
        }
    }
    Ok((facts, unassessed))
}
