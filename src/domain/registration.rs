//! Which titles a person may register. Everyone registers at most one individual title for the
//! year (the highest they aim for: CSTĐCS includes LĐTT); only the unit's head registers the
//! unit's collective title.

use super::UnknownValue;
use super::campaign::Campaign;
use super::person::Person;
use super::role::{Role, Roles};
use super::title::{Holder, Title};

/// Where a person's registration for a title stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationStatus {
    Registered,
    Withdrawn,
}

impl RegistrationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Registered => "registered",
            RegistrationStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownValue> {
        match raw {
            "registered" => Ok(RegistrationStatus::Registered),
            "withdrawn" => Ok(RegistrationStatus::Withdrawn),
            other => Err(UnknownValue::new("registration status", other)),
        }
    }
}

/// Why a choice is not allowed; each maps to a sentence in `texts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceRefusal {
    NotOffered,
    CollectiveNeedsUnitHead,
    NotAParticipant,
}

/// Registering titles is for the department's staff and unit heads (most people hold `staff`
/// alongside any other role).
pub fn may_register(roles: &Roles) -> bool {
    roles.has(Role::Staff) || roles.has(Role::UnitHead)
}

/// The individual titles this person may pick, in the campaign's order.
pub fn individual_choices(campaign: &Campaign) -> Vec<Title> {
    campaign.offered(Holder::Individual).collect()
}

/// The collective titles this person may register for their unit: none unless they head it.
pub fn collective_choices(campaign: &Campaign, person: &Person) -> Vec<Title> {
    if person.has(Role::UnitHead) {
        campaign.offered(Holder::Collective).collect()
    } else {
        Vec::new()
    }
}

/// Re-checks a choice at the moment it is saved: a button may be old or forged.
pub fn check_choice(
    campaign: &Campaign,
    person: &Person,
    title: Title,
) -> Result<(), ChoiceRefusal> {
    if !may_register(&person.roles) {
        return Err(ChoiceRefusal::NotAParticipant);
    }
    if !campaign.offers(title) {
        return Err(ChoiceRefusal::NotOffered);
    }
    if title.holder() == Holder::Collective && !person.has(Role::UnitHead) {
        return Err(ChoiceRefusal::CollectiveNeedsUnitHead);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaign::RuleSet;
    use crate::domain::language::Lang;
    use crate::domain::person::{Gender, PersonId};
    use crate::domain::role::Roles;
    use std::collections::BTreeMap;

    fn campaign(titles: &[Title]) -> Campaign {
        Campaign {
            year: 2026,
            name: "2026".into(),
            rule_set: RuleSet::Luat2022,
            titles: titles.to_vec(),
            windows: BTreeMap::new(),
            local_rules: Vec::new(),
        }
    }

    fn person(roles: &[Role]) -> Person {
        Person {
            id: PersonId(1),
            employee_code: "VP001".into(),
            full_name: "Nguyễn Văn An".into(),
            unit_code: "VP".into(),
            position: "Chuyên viên".into(),
            email: "an@example.gov.vn".into(),
            gender: Gender::Male,
            hire_date: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            active: true,
            telegram_user_id: None,
            lang: Lang::Vi,
            roles: Roles::new(roles.iter().copied()),
        }
    }

    #[test]
    fn only_a_unit_head_may_choose_a_collective_title() {
        let offered = campaign(&[Title::Ldtt, Title::Cstdcs, Title::Tldtt, Title::Tldxs]);
        let staff = person(&[Role::Staff]);
        let head = person(&[Role::Staff, Role::UnitHead]);
        assert!(collective_choices(&offered, &staff).is_empty());
        assert_eq!(
            collective_choices(&offered, &head),
            vec![Title::Tldtt, Title::Tldxs]
        );
        assert_eq!(
            check_choice(&offered, &staff, Title::Tldxs),
            Err(ChoiceRefusal::CollectiveNeedsUnitHead)
        );
        assert_eq!(check_choice(&offered, &head, Title::Tldxs), Ok(()));
    }

    #[test]
    fn someone_holding_only_a_council_role_does_not_register() {
        let offered = campaign(&[Title::Ldtt]);
        assert_eq!(
            check_choice(&offered, &person(&[Role::CouncilMember]), Title::Ldtt),
            Err(ChoiceRefusal::NotAParticipant)
        );
    }

    #[test]
    fn a_title_the_campaign_does_not_offer_is_refused() {
        let offered = campaign(&[Title::Ldtt]);
        let staff = person(&[Role::Staff]);
        assert_eq!(individual_choices(&offered), vec![Title::Ldtt]);
        assert_eq!(
            check_choice(&offered, &staff, Title::Cstdcs),
            Err(ChoiceRefusal::NotOffered)
        );
    }
}
