//! Turning what is due into outbox rows: addressed to the person's private chat when they have
//! linked Telegram (with the button that starts the task), by e-mail otherwise.

use super::buttons::{self, ReminderButton};
use crate::domain::person::{Person, PersonId};
use crate::domain::reminders::Planned;
use crate::domain::reminders::notices::{Digest, Escalation, PhaseOwing};
use crate::org::Org;
use crate::storage::outbox::{Destination, Kind, NewMessage};
use crate::texts::reminders::{self as text, OwingLines, ReminderText, UnitOwing, Via};
use std::collections::BTreeMap;

fn address(person: &Person, subject: String) -> (Destination, Via) {
    match person.telegram_user_id {
        // A private chat's id is the user's id.
        Some(user) => (Destination::Telegram { chat_id: user }, Via::Telegram),
        None => (
            Destination::Email {
                to: person.email.clone(),
                subject,
            },
            Via::Email,
        ),
    }
}

pub fn reminder(planned: &Planned, person: &Person, org: &Org) -> NewMessage {
    let lang = person.lang;
    let key = &planned.key;
    let unit_name = org.unit_name(&person.unit_code);
    let (destination, via) = address(
        person,
        text::reminder_subject(lang, key.phase, key.deadline),
    );
    let body = text::reminder(
        lang,
        &ReminderText {
            full_name: &person.full_name,
            unit_name: &unit_name,
            phase: key.phase,
            offset: key.offset,
            deadline: key.deadline,
            due_at: planned.due_at,
            tasks: &planned.tasks,
        },
        via,
    );
    let reply_markup = match (via, planned.tasks.first()) {
        (Via::Telegram, Some(task)) => Some(buttons::keyboard(&[(
            text::action_label(lang, *task),
            ReminderButton::for_task(*task),
        )])),
        _ => None,
    };
    NewMessage {
        logical_key: key.logical_key(),
        kind: Kind::Reminder,
        person_id: Some(person.id.0),
        destination,
        body,
        reply_markup,
        notice: None,
    }
}

/// Names by unit for one phase's list of people who owe something.
fn lines<'a>(
    block: &'a PhaseOwing,
    people: &'a BTreeMap<PersonId, &'a Person>,
    unit_names: &'a BTreeMap<String, String>,
) -> OwingLines<'a> {
    let mut units: Vec<UnitOwing<'a>> = Vec::new();
    for (id, tasks) in &block.owing {
        let Some(person) = people.get(id) else {
            continue;
        };
        let unit = unit_names
            .get(&person.unit_code)
            .map_or(person.unit_code.as_str(), String::as_str);
        match units.last_mut() {
            Some((name, list)) if *name == unit => list.push((&person.full_name, tasks)),
            _ => units.push((unit, vec![(&person.full_name, tasks)])),
        }
    }
    OwingLines {
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
    let lang = head.lang;
    let unit_name = unit_names
        .get(&digest.unit_code)
        .cloned()
        .unwrap_or_else(|| digest.unit_code.clone());
    let blocks: Vec<OwingLines<'_>> = digest
        .phases
        .iter()
        .map(|block| lines(block, people, unit_names))
        .collect();
    let (destination, _) = address(head, text::digest_subject(lang, &unit_name, digest.date));
    NewMessage {
        logical_key: digest.key.clone(),
        kind: Kind::Reminder,
        person_id: Some(head.id.0),
        destination,
        body: text::digest(lang, &unit_name, digest.date, &blocks),
        reply_markup: None,
        notice: None,
    }
}

pub fn escalation(
    escalation: &Escalation,
    secretary: &Person,
    people: &BTreeMap<PersonId, &Person>,
    unit_names: &BTreeMap<String, String>,
) -> NewMessage {
    let lang = secretary.lang;
    let missed = &escalation.missed;
    let (destination, _) = address(
        secretary,
        text::escalation_subject(lang, missed.phase, missed.deadline),
    );
    NewMessage {
        logical_key: escalation.key.clone(),
        kind: Kind::Reminder,
        person_id: Some(secretary.id.0),
        destination,
        body: text::escalation(lang, &lines(missed, people, unit_names)),
        reply_markup: None,
        notice: None,
    }
}
