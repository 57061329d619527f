//! Who is acting: resolved once by the transport, then handed to every service it calls.
//!
//! A service never trusts the snapshot for a decision: it re-reads the person
//! ([`super::identity::linked_person`]) in its own transaction, so a deactivation or a role change
//! made between the resolution and the commit still counts.

use crate::domain::language::Lang;
use crate::domain::person::Person;
use crate::storage::audit::Actor;

/// The account the request came through, for the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Account {
    Telegram { user_id: i64, chat_id: i64 },
    Cli,
    System,
}

#[derive(Debug, Clone)]
pub struct Caller {
    pub account: Account,
    /// The active person behind the account when it was resolved; `None` for a stranger, the
    /// CLI and the system, or when the lookup failed (the service then looks again).
    pub person: Option<Person>,
}

impl Caller {
    pub fn telegram(user_id: i64, chat_id: i64, person: Option<Person>) -> Self {
        Self {
            account: Account::Telegram { user_id, chat_id },
            person,
        }
    }

    /// The language to answer in: the person's choice, Vietnamese when unknown.
    pub fn lang(&self) -> Lang {
        self.person.as_ref().map_or(Lang::Vi, |person| person.lang)
    }

    /// The audit actor for this account, without a person (services name the person they
    /// re-read).
    pub fn actor(&self) -> Actor {
        match self.account {
            Account::Telegram { user_id, chat_id } => Actor::chat(user_id, chat_id, None),
            Account::Cli => Actor::cli(),
            Account::System => Actor::system(),
        }
    }
}
