//! Who still owes what, per phase, read from the tables each phase writes. Only registration has
//! its data today; each later phase adds one arm here when its issue adds its tables
//! (self-assessments, unit reviews and meeting minutes, council ballots).

use crate::domain::campaign::Campaign;
use crate::domain::person::Person;
use crate::domain::phase::Phase;
use crate::domain::registration::may_register;
use crate::domain::reminders::{Progress, Task};
use crate::domain::role::Role;
use crate::domain::title::Holder;
use crate::storage;
use sqlx::SqliteConnection;

/// Progress of every active person in every phase whose data exists.
pub async fn compute(
    conn: &mut SqliteConnection,
    campaign: &Campaign,
    people: &[Person],
) -> Result<Progress, sqlx::Error> {
    let mut progress = Progress::new();
    for phase in Phase::ALL {
        match phase {
            Phase::Registration => registration(conn, campaign, people, &mut progress).await?,
            // No data yet: nobody is reminded about these phases.
            Phase::SelfAssessment
            | Phase::UnitReview
            | Phase::Appraisal
            | Phase::Ballot
            | Phase::Decision => {}
        }
    }
    Ok(progress)
}

/// Staff and unit heads owe an individual registration; a head also owes the unit's collective
/// one when the campaign offers collective titles.
async fn registration(
    conn: &mut SqliteConnection,
    campaign: &Campaign,
    people: &[Person],
    progress: &mut Progress,
) -> Result<(), sqlx::Error> {
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
