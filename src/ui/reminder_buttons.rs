//! The buttons reminders and /nhacnho carry. Unlike dialogue buttons they hold no nonce: a
//! reminder may be pressed days later. The payload (`r1:…`, well under Telegram's 64 bytes) is
//! only a request; the bot re-checks the person on every press, and the action itself (e.g. the
//! registration dialogue) re-checks the phase.

use crate::domain::reminders::Task;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderButton {
    /// Start what the reminder is about: the registration dialogue (/dangky).
    OpenRegistration,
    /// Start the self-assessment (/tudanhgia).
    OpenAssessment,
    /// Open the review list (/duyet).
    OpenReview,
    /// Start recording the unit meeting (/binhxet).
    OpenMeeting,
    /// /nhacnho: receive everything.
    MuteNone,
    /// /nhacnho: no reminders before the last day; digests still come.
    DigestOnly,
    /// /nhacnho: pause reminders and digests for a week.
    PauseWeek,
}

const PREFIX: &str = "r1:";

impl ReminderButton {
    pub fn encode(self) -> String {
        let action = match self {
            ReminderButton::OpenRegistration => "reg",
            ReminderButton::OpenAssessment => "assess",
            ReminderButton::OpenReview => "review",
            ReminderButton::OpenMeeting => "meeting",
            ReminderButton::MuteNone => "all",
            ReminderButton::DigestOnly => "digest",
            ReminderButton::PauseWeek => "pause",
        };
        format!("{PREFIX}{action}")
    }

    /// `None` for anything `encode` does not write (including every dialogue payload).
    pub fn decode(raw: &str) -> Option<Self> {
        match raw.strip_prefix(PREFIX)? {
            "reg" => Some(ReminderButton::OpenRegistration),
            "assess" => Some(ReminderButton::OpenAssessment),
            "review" => Some(ReminderButton::OpenReview),
            "meeting" => Some(ReminderButton::OpenMeeting),
            "all" => Some(ReminderButton::MuteNone),
            "digest" => Some(ReminderButton::DigestOnly),
            "pause" => Some(ReminderButton::PauseWeek),
            _ => None,
        }
    }

    /// The button that starts a task.
    pub fn for_task(task: Task) -> Self {
        match task {
            Task::RegisterIndividual | Task::RegisterCollective => ReminderButton::OpenRegistration,
            Task::SubmitAssessment => ReminderButton::OpenAssessment,
            Task::ReviewMembers => ReminderButton::OpenReview,
            Task::RecordMeeting => ReminderButton::OpenMeeting,
        }
    }
}

/// Bot API `InlineKeyboardMarkup` JSON with one button per row.
pub fn keyboard(buttons: &[(String, ReminderButton)]) -> serde_json::Value {
    let rows: Vec<serde_json::Value> = buttons
        .iter()
        .map(|(label, button)| {
            serde_json::json!([{ "text": label, "callback_data": button.encode() }])
        })
        .collect();
    serde_json::json!({ "inline_keyboard": rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_round_trip_and_never_read_a_dialogue_payload() {
        for button in [
            ReminderButton::OpenRegistration,
            ReminderButton::OpenAssessment,
            ReminderButton::OpenReview,
            ReminderButton::OpenMeeting,
            ReminderButton::MuteNone,
            ReminderButton::DigestOnly,
            ReminderButton::PauseWeek,
        ] {
            assert_eq!(ReminderButton::decode(&button.encode()), Some(button));
        }
        for raw in ["", "r1:", "r1:delete", "0000000a:ok", "r2:reg"] {
            assert_eq!(ReminderButton::decode(raw), None, "{raw}");
        }
    }
}
