//! What a re-import does to the people already known: the staff file is the complete list of the
//! department's people, so each row creates or updates a person by `employee_code`, and everyone
//! missing from it is deactivated (never deleted: their registrations and votes stay history).

use super::person::{Gender, PersonId};
use super::role::{Role, Roles};
use super::staff_file::{Problem, RowError, StaffRow};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A person as stored, with the fields the file controls (not Telegram or language, which the
/// person controls and an import must keep).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingStaff {
    pub id: PersonId,
    pub employee_code: String,
    pub full_name: String,
    pub unit_code: String,
    pub position: String,
    pub email: String,
    pub gender: Gender,
    pub hire_date: NaiveDate,
    pub active: bool,
    pub roles: Roles,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change<'a> {
    Create(&'a StaffRow),
    /// `changed` names the fields that differ, `active` included when a person is reactivated.
    Update {
        id: PersonId,
        row: &'a StaffRow,
        changed: Vec<&'static str>,
    },
    Unchanged {
        id: PersonId,
    },
    Deactivate {
        id: PersonId,
        employee_code: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub created: usize,
    pub updated: usize,
    pub deactivated: usize,
    pub unchanged: usize,
}

/// Decides every change, or lists the rows whose e-mail already belongs to someone else.
pub fn plan<'a>(
    rows: &'a [StaffRow],
    existing: &[ExistingStaff],
) -> Result<Vec<Change<'a>>, Vec<RowError>> {
    let by_code: HashMap<&str, &ExistingStaff> = existing
        .iter()
        .map(|person| (person.employee_code.as_str(), person))
        .collect();
    let by_email: HashMap<String, &ExistingStaff> = existing
        .iter()
        .map(|person| (person.email.to_lowercase(), person))
        .collect();

    // An address held by another code would break the unique index half-way; and a swap of two
    // addresses in one file is more likely a typo than a real swap, so both are refused.
    let errors: Vec<RowError> = rows
        .iter()
        .filter_map(|row| {
            let owner = by_email.get(row.email.as_str())?;
            (owner.employee_code != row.employee_code).then(|| {
                RowError::new(
                    row.line,
                    Problem::EmailTaken {
                        email: row.email.to_string(),
                        employee_code: owner.employee_code.clone(),
                    },
                )
            })
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut changes: Vec<Change<'a>> = rows
        .iter()
        .map(|row| match by_code.get(row.employee_code.as_str()) {
            None => Change::Create(row),
            Some(person) => {
                let changed = differences(person, row);
                if changed.is_empty() {
                    Change::Unchanged { id: person.id }
                } else {
                    Change::Update {
                        id: person.id,
                        row,
                        changed,
                    }
                }
            }
        })
        .collect();
    let in_file: std::collections::HashSet<&str> =
        rows.iter().map(|row| row.employee_code.as_str()).collect();
    changes.extend(
        existing
            .iter()
            .filter(|person| person.active && !in_file.contains(person.employee_code.as_str()))
            .map(|person| Change::Deactivate {
                id: person.id,
                employee_code: person.employee_code.clone(),
            }),
    );
    Ok(changes)
}

/// Roles whose holder leaving by import needs the operator's explicit yes: the campaign stops
/// without them (nobody approves, appraises, reviews a unit or votes).
pub const KEY_ROLES: [Role; 4] = [
    Role::Director,
    Role::Secretary,
    Role::UnitHead,
    Role::CouncilMember,
];

/// What makes a plan's deactivations need confirmation: a partial file (the wrong sheet, a
/// filter left on in Excel) looks exactly like this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeactivationRisk {
    /// Holders of [`KEY_ROLES`] the plan deactivates.
    pub key_holders: Vec<ExistingStaff>,
    pub deactivated: usize,
    /// Active people before the import.
    pub active: usize,
}

impl DeactivationRisk {
    /// More than a fifth of the active staff.
    pub fn too_many(&self) -> bool {
        self.deactivated * 5 > self.active
    }
}

/// `Some` when the plan deactivates a key role's holder or more than a fifth of the staff.
pub fn deactivation_risk(
    changes: &[Change<'_>],
    existing: &[ExistingStaff],
) -> Option<DeactivationRisk> {
    let leaving: std::collections::HashSet<PersonId> = changes
        .iter()
        .filter_map(|change| match change {
            Change::Deactivate { id, .. } => Some(*id),
            _ => None,
        })
        .collect();
    let key_holders: Vec<ExistingStaff> = existing
        .iter()
        .filter(|person| {
            leaving.contains(&person.id) && KEY_ROLES.iter().any(|role| person.roles.has(*role))
        })
        .cloned()
        .collect();
    let risk = DeactivationRisk {
        key_holders,
        deactivated: leaving.len(),
        active: existing.iter().filter(|person| person.active).count(),
    };
    (!risk.key_holders.is_empty() || risk.too_many()).then_some(risk)
}

pub fn count(changes: &[Change<'_>]) -> Counts {
    let mut counts = Counts::default();
    for change in changes {
        match change {
            Change::Create(_) => counts.created += 1,
            Change::Update { .. } => counts.updated += 1,
            Change::Unchanged { .. } => counts.unchanged += 1,
            Change::Deactivate { .. } => counts.deactivated += 1,
        }
    }
    counts
}

fn differences(person: &ExistingStaff, row: &StaffRow) -> Vec<&'static str> {
    [
        ("full_name", person.full_name != row.full_name),
        ("unit_code", person.unit_code != row.unit_code),
        ("position", person.position != row.position),
        ("email", person.email != row.email.as_str()),
        ("gender", person.gender != row.gender),
        ("hire_date", person.hire_date != row.hire_date),
        ("roles", person.roles != row.roles),
        ("active", !person.active),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::staff_file::StaffEmail;

    fn row(line: usize, code: &str, email: &str) -> StaffRow {
        StaffRow {
            line,
            employee_code: code.into(),
            full_name: "Nguyễn Văn An".into(),
            unit_code: "VP".into(),
            position: "Chuyên viên".into(),
            email: StaffEmail::parse(email).unwrap(),
            gender: Gender::Male,
            hire_date: NaiveDate::from_ymd_opt(2020, 1, 15).unwrap(),
            roles: Roles::new([Role::Staff]),
        }
    }

    fn stored(id: i64, row: &StaffRow, active: bool) -> ExistingStaff {
        ExistingStaff {
            id: PersonId(id),
            employee_code: row.employee_code.clone(),
            full_name: row.full_name.clone(),
            unit_code: row.unit_code.clone(),
            position: row.position.clone(),
            email: row.email.to_string(),
            gender: row.gender,
            hire_date: row.hire_date,
            active,
            roles: row.roles.clone(),
        }
    }

    #[test]
    fn rows_create_update_keep_and_missing_people_are_deactivated() {
        let same = row(2, "NV1", "an@example.gov.vn");
        let mut moved = row(3, "NV2", "binh@example.gov.vn");
        let new = row(4, "NV3", "chi@example.gov.vn");
        let existing = vec![
            stored(1, &same, true),
            stored(2, &moved, false),
            stored(3, &row(0, "NV9", "gone@example.gov.vn"), true),
            stored(4, &row(0, "NV8", "old@example.gov.vn"), false),
        ];
        moved.unit_code = "TT".into();
        let rows = vec![same, moved, new];
        let changes = plan(&rows, &existing).unwrap();
        assert_eq!(changes[0], Change::Unchanged { id: PersonId(1) });
        assert_eq!(
            changes[1],
            Change::Update {
                id: PersonId(2),
                row: &rows[1],
                changed: vec!["unit_code", "active"]
            }
        );
        assert_eq!(changes[2], Change::Create(&rows[2]));
        // The already inactive NV8 is not deactivated again.
        assert_eq!(
            changes[3..],
            [Change::Deactivate {
                id: PersonId(3),
                employee_code: "NV9".into()
            }]
        );
        assert_eq!(
            count(&changes),
            Counts {
                created: 1,
                updated: 1,
                deactivated: 1,
                unchanged: 1
            }
        );
    }

    #[test]
    fn an_email_held_by_another_code_is_refused_with_the_line() {
        let existing = vec![stored(1, &row(0, "NV1", "an@example.gov.vn"), false)];
        let rows = vec![row(7, "NV2", "An@Example.gov.vn")];
        let errors = plan(&rows, &existing).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 7);
        assert!(
            matches!(&errors[0].problem, Problem::EmailTaken { employee_code, .. } if employee_code == "NV1")
        );
    }

    #[test]
    fn deactivating_a_key_role_or_more_than_a_fifth_is_a_risk() {
        let mut director = row(0, "GD", "gd@example.gov.vn");
        director.roles = Roles::new([Role::Director]);
        let staff: Vec<StaffRow> = (1..=9)
            .map(|n| row(n + 1, &format!("NV{n}"), &format!("nv{n}@example.gov.vn")))
            .collect();
        let mut existing: Vec<ExistingStaff> = staff
            .iter()
            .enumerate()
            .map(|(i, row)| stored(i as i64 + 1, row, true))
            .collect();
        existing.push(stored(10, &director, true));

        // One ordinary person of ten leaves: no risk.
        let mut kept = staff[1..].to_vec();
        kept.push(director.clone());
        let changes = plan(&kept, &existing).unwrap();
        assert_eq!(deactivation_risk(&changes, &existing), None);

        // The director alone leaves: a risk naming the director.
        let changes = plan(&staff, &existing).unwrap();
        let risk = deactivation_risk(&changes, &existing).expect("the director leaves");
        assert_eq!(risk.key_holders.len(), 1);
        assert_eq!(risk.key_holders[0].employee_code, "GD");
        assert!(!risk.too_many());

        // Three of ten ordinary people leave: more than a fifth.
        let mut kept = staff[3..].to_vec();
        kept.push(director.clone());
        let changes = plan(&kept, &existing).unwrap();
        let risk = deactivation_risk(&changes, &existing).expect("three of ten");
        assert!(risk.key_holders.is_empty());
        assert_eq!((risk.deactivated, risk.active), (3, 10));
        assert!(risk.too_many());
        // Two of ten is exactly a fifth: allowed.
        let mut kept = staff[2..].to_vec();
        kept.push(director);
        let changes = plan(&kept, &existing).unwrap();
        assert_eq!(deactivation_risk(&changes, &existing), None);
    }
}
