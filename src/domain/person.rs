//! A person of the department as the rest of the code sees them once loaded.

use super::language::Lang;
use super::role::{Role, Roles};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }

    /// Accepts what HR spreadsheets contain: `nam`/`nữ` in either case, or `male`/`female`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_lowercase().as_str() {
            "male" | "nam" | "m" => Some(Gender::Male),
            "female" | "nữ" | "nu" | "f" => Some(Gender::Female),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: PersonId,
    pub employee_code: String,
    pub full_name: String,
    pub unit_code: String,
    pub position: String,
    pub email: String,
    pub gender: Gender,
    pub hire_date: NaiveDate,
    pub active: bool,
    pub telegram_user_id: Option<i64>,
    pub lang: Lang,
    pub roles: Roles,
}

impl Person {
    pub fn has(&self, role: Role) -> bool {
        self.roles.has(role)
    }
}
