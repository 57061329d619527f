//! Turning what is due into outbox rows: addressed to the person's private chat when they have
//! linked Telegram (the notifier adds the button that starts the task), by e-mail otherwise.

use crate::domain::notice::{Notice, Owing, UnitOwing};
use crate::domain::person::{Person, PersonId};
use crate::domain::reminders::Planned;
use crate::domain::reminders::notices::{Digest, Escalation, PhaseOwing};
use crate::org::Org;
use crate::storage::outbox::{Destination, Kind, NewMessage};
use std::collections::BTreeMap;

/// The person's private chat (its id is the user's id), or their address when they have not
/// linked Telegram; the notifier writes the e-mail subject when it sends.
fn address(person: &Person) -> Destination {
    match person.telegram_user_id {
        Some(user) => Destination::Telegram { chat_id: user },
        None => Destination::notice_email(person.email.clone()),
    }
}

pub fn reminder(planned: &Planned, person: &Person, org: &Org) -> NewMessage {
    let key = &planned.key;
    let destination = address(person);
    let notice = Notice::Reminder {
        full_name: person.full_name.clone(),
        unit_name: org.unit_name(&person.unit_code),
        phase: key.phase,
        offset: key.offset,
        deadline: key.deadline,
        due_at: planned.due_at,
        tasks: planned.tasks.clone(),
        by_email: matches!(destination, Destination::Email { .. }),
    };
    NewMessage::notice(
        key.logical_key(),
        Kind::Reminder,
        Some(person.id.0),
        destination,
        notice,
    )
}

/// Names by unit for one phase's list of people who owe something.
fn lines(
    block: &PhaseOwing,
    people: &BTreeMap<PersonId, &Person>,
    unit_names: &BTreeMap<String, String>,
) -> Owing {
    let mut units: Vec<UnitOwing> = Vec::new();
    for (id, tasks) in &block.owing {
        let Some(person) = people.get(id) else {
            continue;
        };
        let unit = unit_names
            .get(&person.unit_code)
            .map_or(person.unit_code.as_str(), String::as_str);
        let entry = (person.full_name.clone(), tasks.clone());
        match units.last_mut() {
            Some(last) if last.unit_name == unit => last.people.push(entry),
            _ => units.push(UnitOwing {
                unit_name: unit.to_owned(),
                people: vec![entry],
            }),
        }
    }
    Owing {
        phase: block.phase,
        deadline: block.deadline,
        units,
    }
}

pub fn digest(
    digest: &Digest,
    head: &Person,
    people: &BTreeMap<PersonId, &Person>,
    unit_names: &BTreeMap<String, String>,
) -> NewMessage {
    let unit_name = unit_names
        .get(&digest.unit_code)
        .cloned()
        .unwrap_or_else(|| digest.unit_code.clone());
    let blocks = digest
        .phases
        .iter()
        .map(|block| lines(block, people, unit_names))
        .collect();
    NewMessage::notice(
        digest.key.clone(),
        Kind::Reminder,
        Some(head.id.0),
        address(head),
        Notice::UnitDigest {
            unit_name,
            date: digest.date,
            blocks,
        },
    )
}

pub fn escalation(
    escalation: &Escalation,
    secretary: &Person,
    people: &BTreeMap<PersonId, &Person>,
    unit_names: &BTreeMap<String, String>,
) -> NewMessage {
    NewMessage::notice(
        escalation.key.clone(),
        Kind::Reminder,
        Some(secretary.id.0),
        address(secretary),
        Notice::Escalation {
            missed: lines(&escalation.missed, people, unit_names),
        },
    )
}
