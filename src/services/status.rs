//! What a person has registered; for a unit head, also every member of the unit.

use super::Ctx;
use super::error::ServiceResult;
use super::identity::linked_person;
use crate::domain::campaign::Campaign;
use crate::domain::person::Person;
use crate::domain::role::Role;
use crate::storage::registrations::{self, Registration};
use crate::storage::{self};

#[derive(Debug, Clone)]
pub struct StatusView {
    pub person: Person,
    pub campaign: Option<Campaign>,
    pub individual: Option<Registration>,
    /// For a unit head: the unit's collective registration and each member's.
    pub unit: Option<UnitStatus>,
}

#[derive(Debug, Clone)]
pub struct UnitStatus {
    pub unit_name: String,
    pub collective: Option<Registration>,
    pub members: Vec<(Person, Option<Registration>)>,
}

pub async fn my_status(ctx: &Ctx, telegram_user_id: i64) -> ServiceResult<StatusView> {
    let mut conn = ctx.db.acquire().await?;
    let person = linked_person(&mut conn, telegram_user_id).await?;
    let campaign = storage::campaigns::current(&mut conn, ctx.now()).await?;
    let Some(campaign) = campaign else {
        return Ok(StatusView {
            person,
            campaign: None,
            individual: None,
            unit: None,
        });
    };
    let individual = registrations::find_individual(&mut conn, campaign.year, person.id).await?;
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
        })
    } else {
        None
    };
    Ok(StatusView {
        person,
        campaign: Some(campaign),
        individual,
        unit,
    })
}
