//! Roles are data attached to people, never names in code. One person may hold several.

use super::UnknownValue;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Staff,
    UnitHead,
    Secretary,
    CouncilMember,
    Director,
    /// A block member's contact person (outside the department), given by the block file only.
    BlockContact,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Staff,
        Role::UnitHead,
        Role::Secretary,
        Role::CouncilMember,
        Role::Director,
        Role::BlockContact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::UnitHead => "unit_head",
            Role::Secretary => "secretary",
            Role::CouncilMember => "council_member",
            Role::Director => "director",
            Role::BlockContact => "block_contact",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownValue> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == raw.trim())
            .ok_or_else(|| UnknownValue::new("role", raw))
    }
}

/// The set of roles one person holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles(BTreeSet<Role>);

impl Roles {
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Self {
        Self(roles.into_iter().collect())
    }

    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(Role::parse("chairman").is_err());
    }
}
