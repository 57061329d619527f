//! Who still owes what, per phase: the input that decides who is reminded. It is computed by
//! `services::reminders::progress` from the tables each phase writes; a phase whose data does not
//! exist yet simply has no entries, so nobody is reminded about it.

use crate::domain::person::PersonId;
use crate::domain::phase::Phase;
use std::collections::BTreeMap;

/// One thing a person has to do before a phase closes. Each task has an action that starts it
/// (the reminder's button). New phases add their tasks here: submit a self-assessment, review the
/// unit's members, record the unit meeting, cast the council ballot.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Task {
    /// Register one's individual emulation title.
    RegisterIndividual,
    /// (Unit head) register the unit's collective title.
    RegisterCollective,
    /// Submit one's self-assessment (registered, nothing submitted yet, or returned for changes).
    SubmitAssessment,
    /// (Unit head) review the members' submitted self-assessments.
    ReviewMembers,
    /// (Unit head) record and submit the unit's review meeting.
    RecordMeeting,
}

/// Where a person stands in one phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Duty {
    /// Everything the phase asks of them is done.
    Done,
    /// Still to do, in the order a reminder lists them (never empty).
    Owes(Vec<Task>),
}

/// Per (phase, person): done or owing. A person absent for a phase is not concerned by it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    entries: BTreeMap<(Phase, PersonId), Duty>,
}

impl Progress {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a person's standing in a phase; an empty task list means done.
    pub fn set(&mut self, phase: Phase, person: PersonId, mut owes: Vec<Task>) {
        let duty = if owes.is_empty() {
            Duty::Done
        } else {
            owes.sort();
            owes.dedup();
            Duty::Owes(owes)
        };
        self.entries.insert((phase, person), duty);
    }

    pub fn duty(&self, phase: Phase, person: PersonId) -> Option<&Duty> {
        self.entries.get(&(phase, person))
    }

    /// What the person still owes in the phase (empty when done or not concerned).
    pub fn owed(&self, phase: Phase, person: PersonId) -> &[Task] {
        match self.entries.get(&(phase, person)) {
            Some(Duty::Owes(tasks)) => tasks,
            _ => &[],
        }
    }

    /// Every person who owes something in the phase, with what they owe.
    pub fn owing(&self, phase: Phase) -> impl Iterator<Item = (PersonId, &[Task])> + '_ {
        self.entries
            .range((phase, PersonId(i64::MIN))..=(phase, PersonId(i64::MAX)))
            .filter_map(|((_, person), duty)| match duty {
                Duty::Owes(tasks) => Some((*person, tasks.as_slice())),
                Duty::Done => None,
            })
    }

    /// Whether any progress is known for the phase (a phase without a data source has none).
    pub fn tracks(&self, phase: Phase) -> bool {
        self.entries
            .range((phase, PersonId(i64::MIN))..=(phase, PersonId(i64::MAX)))
            .next()
            .is_some()
    }

    /// (concerned, done) counts for the people `in_scope` selects.
    pub fn tally(&self, phase: Phase, in_scope: impl Fn(PersonId) -> bool) -> (usize, usize) {
        let mut concerned = 0;
        let mut done = 0;
        for ((_, person), duty) in self
            .entries
            .range((phase, PersonId(i64::MIN))..=(phase, PersonId(i64::MAX)))
        {
            if in_scope(*person) {
                concerned += 1;
                done += usize::from(*duty == Duty::Done);
            }
        }
        (concerned, done)
    }
}
