//! Reminder notices: the owned data of a notice lent to the sentences in `texts::reminders`, and
//! the button that starts the reminder's first task.

use super::Rendered;
use crate::domain::language::Lang;
use crate::domain::notice::{Notice, Owing};
use crate::texts::reminders::{self as text, OwingLines, ReminderText, Via};
use crate::ui::reminder_buttons::{self, ReminderButton};

pub(super) fn reminder(notice: &Notice, lang: Lang) -> Rendered {
    let Notice::Reminder {
        full_name,
        unit_name,
        phase,
        offset,
        deadline,
        due_at,
        tasks,
        by_email,
    } = notice
    else {
        unreachable!("only reminder notices are rendered here");
    };
    let via = if *by_email { Via::Email } else { Via::Telegram };
    let body = text::reminder(
        lang,
        &ReminderText {
            full_name,
            unit_name,
            phase: *phase,
            offset: *offset,
            deadline: *deadline,
            due_at: *due_at,
            tasks,
        },
        via,
    );
    let keyboard = match (via, tasks.first()) {
        (Via::Telegram, Some(task)) => Some(
            reminder_buttons::keyboard(&[(
                text::action_label(lang, *task),
                ReminderButton::for_task(*task),
            )])
            .to_string(),
        ),
        _ => None,
    };
    Rendered {
        subject: text::reminder_subject(lang, *phase, *deadline),
        body,
        keyboard,
    }
}

pub(super) fn lines(owing: &Owing) -> OwingLines<'_> {
    OwingLines {
        phase: owing.phase,
        deadline: owing.deadline,
        units: owing
            .units
            .iter()
            .map(|unit| {
                let people = unit
                    .people
                    .iter()
                    .map(|(name, tasks)| (name.as_str(), tasks.as_slice()))
                    .collect();
                (unit.unit_name.as_str(), people)
            })
            .collect(),
    }
}
