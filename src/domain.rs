//! Pure types and rules of the emulation cycle. Nothing here performs I/O or reads the clock:
//! every instant is passed in, so every rule can be tested from a table.

pub mod appraisal;
pub mod assessment;
pub mod ballot;
pub mod block;
pub mod campaign;
pub mod collation;
pub mod commendation;
pub mod evidence;
pub mod history;
pub mod invite_code;
pub mod language;
pub mod limits;
pub mod meeting;
pub mod menu;
pub mod nomination;
pub mod notice;
pub mod paper;
pub mod person;
pub mod phase;
pub mod registration;
pub mod reminders;
pub mod role;
pub mod rules;
pub mod staff_file;
pub mod staff_sync;
pub mod tabular;
pub mod time;
pub mod title;

/// A value read from storage or a file that the code does not know. Mapping it to this error,
/// instead of panicking, keeps one bad row from taking the bot down.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{value}`")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

impl UnknownValue {
    pub fn new(kind: &'static str, value: &str) -> Self {
        Self {
            kind,
            value: value.to_owned(),
        }
    }
}
