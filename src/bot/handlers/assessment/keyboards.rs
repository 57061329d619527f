//! The buttons of each self-assessment step. Every choice is `Pick(n)`: the dialogue state says
//! what the n-th choice of the step means, so a payload cannot name an answer the step does not
//! offer.

use crate::bot::handlers::screen::button;
use crate::bot::state::AssessStep;
use crate::domain::assessment::{Discipline, LeaveKind, Question, TaskRating};
use crate::domain::language::Lang;
use crate::texts::assessment as words;
use crate::ui::callback_data::Action;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

fn pick(label: impl Into<String>, nonce: u32, index: usize) -> Vec<InlineKeyboardButton> {
    // Steps offer at most a handful of choices, far below u8::MAX.
    vec![button(label, nonce, Action::Pick(index as u8))]
}

pub fn for_step(lang: Lang, nonce: u32, step: &AssessStep) -> Option<InlineKeyboardMarkup> {
    let labels = words::buttons(lang);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    match step {
        AssessStep::Rating => {
            for (index, rating) in TaskRating::ALL.iter().enumerate() {
                rows.push(pick(words::rating(lang, *rating), nonce, index));
            }
        }
        AssessStep::LeaveKind { collected } => {
            let first = if collected.is_empty() {
                labels.no_leave.clone()
            } else {
                labels.done.clone()
            };
            rows.push(pick(first, nonce, 0));
            for (index, kind) in LeaveKind::ALL.iter().enumerate() {
                rows.push(pick(
                    words::leave_kind_button(lang, *kind),
                    nonce,
                    index + 1,
                ));
            }
            if !collected.is_empty() {
                rows.push(vec![button(
                    labels.start_over.clone(),
                    nonce,
                    Action::ChooseAgain,
                )]);
            }
        }
        AssessStep::LeaveMore { .. } => {
            rows.push(vec![
                button(labels.yes_more.clone(), nonce, Action::Pick(0)),
                button(labels.done.clone(), nonce, Action::Pick(1)),
            ]);
        }
        AssessStep::InitiativeLevel { .. } => {
            rows.push(pick(labels.level_grassroots.clone(), nonce, 0));
            rows.push(pick(labels.level_province.clone(), nonce, 1));
        }
        AssessStep::Discipline => {
            for (index, discipline) in Discipline::ALL.iter().enumerate() {
                rows.push(pick(
                    words::discipline_button(lang, *discipline),
                    nonce,
                    index,
                ));
            }
        }
        AssessStep::HasInitiative { collected } => {
            let (yes, no) = if collected.is_empty() {
                (labels.has_initiative.clone(), labels.no_initiative.clone())
            } else {
                (labels.yes_more.clone(), labels.done.clone())
            };
            rows.push(vec![
                button(yes, nonce, Action::Pick(0)),
                button(no, nonce, Action::Pick(1)),
            ]);
            if !collected.is_empty() {
                rows.push(vec![button(
                    labels.start_over.clone(),
                    nonce,
                    Action::ChooseAgain,
                )]);
            }
        }
        AssessStep::Research => {
            rows.push(vec![
                button(labels.no_research.clone(), nonce, Action::Pick(0)),
                button("1", nonce, Action::Pick(1)),
                button("2", nonce, Action::Pick(2)),
                button("3", nonce, Action::Pick(3)),
            ]);
        }
        AssessStep::Review => {
            rows.push(vec![button(labels.submit.clone(), nonce, Action::Submit)]);
            rows.push(vec![button(
                labels.change.clone(),
                nonce,
                Action::ChangeAnswer,
            )]);
        }
        AssessStep::ChooseChange => {
            for (index, question) in Question::ALL.iter().enumerate() {
                rows.push(pick(words::question_name(lang, *question), nonce, index));
            }
        }
        AssessStep::LeaveDays { .. }
        | AssessStep::InitiativeTitle { .. }
        | AssessStep::InitiativeNumber { .. }
        | AssessStep::InitiativeDate { .. }
        | AssessStep::Summary => {}
    }
    rows.push(vec![button(labels.cancel, nonce, Action::Cancel)]);
    Some(InlineKeyboardMarkup::new(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::Leave;
    use teloxide::types::InlineKeyboardButtonKind;

    #[test]
    fn every_assessment_button_fits_one_line_of_a_phone() {
        let leave = vec![Leave {
            kind: LeaveKind::Maternity,
            days: 180,
        }];
        let steps = [
            AssessStep::Rating,
            AssessStep::LeaveKind { collected: vec![] },
            AssessStep::LeaveKind {
                collected: leave.clone(),
            },
            AssessStep::LeaveMore { collected: leave },
            AssessStep::Discipline,
            AssessStep::HasInitiative { collected: vec![] },
            AssessStep::InitiativeLevel {
                collected: vec![],
                title: "x".into(),
                number: "1".into(),
                date: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            },
            AssessStep::Research,
            AssessStep::Review,
            AssessStep::ChooseChange,
        ];
        for lang in [Lang::Vi, Lang::En] {
            for step in &steps {
                let Some(keyboard) = for_step(lang, 7, step) else {
                    continue;
                };
                for button in keyboard.inline_keyboard.iter().flatten() {
                    assert!(matches!(
                        button.kind,
                        InlineKeyboardButtonKind::CallbackData(_)
                    ));
                    assert!(
                        button.text.chars().count() <= words::BUTTON_CHARS,
                        "{step:?}: “{}” is {} characters",
                        button.text,
                        button.text.chars().count()
                    );
                }
            }
        }
    }
}
