//! The screens of /binhxet after the date: attendance toggles, the unit's rating, each vote and
//! the decided result, each drawn from the unit's current data (re-authorised every time).

use super::refuse;
use crate::bot::handlers::Turn;
use crate::bot::handlers::screen::{Screen, button, show};
use crate::bot::state::{MeetingDraft, MeetingStep, State, TitleCode};
use crate::bot::{ChatDialogue, HandlerResult};
use crate::domain::assessment::TaskRating;
use crate::domain::person::PersonId;
use crate::domain::time::local_date;
use crate::services::ServiceError;
use crate::services::meeting::{self, Draft, MeetingView};
use crate::texts;
use crate::ui::callback_data::Action;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

pub(super) fn to_draft(draft: &MeetingDraft) -> Option<Draft> {
    Some(Draft {
        held_on: draft.held_on?,
        present: draft.present.iter().copied().map(PersonId).collect(),
        unit_rating: draft.rating,
        votes: draft
            .nominees
            .iter()
            .zip(&draft.votes)
            .map(|((person, title), yes)| (PersonId(*person), title.0, *yes))
            .collect(),
        propose_collective: draft.propose_collective,
    })
}

/// The unit's current data, re-authorised; a draft begun on other data is refused.
pub(super) async fn view(
    turn: &Turn,
    draft: Option<&MeetingDraft>,
) -> Result<MeetingView, ServiceError> {
    let view = meeting::open(&turn.ctx, &turn.caller).await?;
    if let Some(draft) = draft {
        let nominees: Vec<(i64, TitleCode)> = view
            .nominees
            .iter()
            .map(|n| (n.person.id.0, TitleCode(n.title)))
            .collect();
        let members: Vec<i64> = view.members.iter().map(|m| m.id.0).collect();
        if nominees != draft.nominees || members != draft.members {
            return Err(crate::services::Refusal::MeetingChanged.into());
        }
    }
    Ok(view)
}

/// Shows the step the draft is at (after the date: attendance, rating, votes, result).
pub(super) async fn step(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    step: MeetingStep,
    mut draft: MeetingDraft,
) -> HandlerResult {
    let view = match view(turn, Some(&draft)).await {
        Ok(view) => view,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    // A nonce per screen: a button of an earlier step (or an earlier showing of this one, such
    // as the attendance list before the last toggle) is stale, never a press on this one.
    let nonce = turn.screen_nonce();
    let labels = texts::meeting::buttons(turn.lang, view.collective);
    let cancel = || button(labels.cancel.clone(), nonce, Action::Cancel);
    let (text, rows) = match step {
        MeetingStep::Date => (
            texts::meeting::intro(turn.lang, &view, local_date(turn.ctx.now())),
            vec![vec![cancel()]],
        ),
        MeetingStep::Attendance => {
            let mut rows: Vec<Vec<InlineKeyboardButton>> = view
                .members
                .iter()
                .enumerate()
                .map(|(index, member)| {
                    let present = draft.present.contains(&member.id.0);
                    // A unit is far smaller than 256 people.
                    vec![button(
                        texts::meeting::attendee(&member.full_name, present),
                        nonce,
                        Action::Pick(index as u8),
                    )]
                })
                .collect();
            rows.push(vec![
                button(labels.done.clone(), nonce, Action::Confirm),
                cancel(),
            ]);
            let held_on = draft.held_on.unwrap_or_default();
            (
                texts::meeting::attendance(
                    turn.lang,
                    held_on,
                    draft.present.len(),
                    view.members.len(),
                ),
                rows,
            )
        }
        MeetingStep::Rating => {
            let title = view
                .collective
                .unwrap_or(crate::domain::title::Title::Tldtt);
            let mut rows: Vec<Vec<InlineKeyboardButton>> = TaskRating::ALL
                .iter()
                .enumerate()
                .map(|(index, rating)| {
                    vec![button(
                        texts::meeting::rating(turn.lang, *rating),
                        nonce,
                        Action::Pick(index as u8),
                    )]
                })
                .collect();
            rows.push(vec![cancel()]);
            (
                texts::meeting::ask_rating(turn.lang, &view.unit_name, title),
                rows,
            )
        }
        MeetingStep::Votes => {
            let index = draft.votes.len();
            let nominee = &view.nominees[index.min(view.nominees.len().saturating_sub(1))];
            let text = texts::meeting::ask_votes(
                turn.lang,
                &nominee.person.full_name,
                nominee.title,
                draft.present.len(),
                index,
                view.nominees.len(),
            );
            (text, vec![vec![cancel()]])
        }
        MeetingStep::Confirm | MeetingStep::ConfirmSubmit => {
            let Some(entered) = to_draft(&draft) else {
                return refuse(
                    turn,
                    dialogue,
                    screen,
                    crate::services::Refusal::MeetingChanged.into(),
                )
                .await;
            };
            let preview = match meeting::preview(&turn.ctx, &turn.caller, &entered).await {
                Ok(preview) => preview,
                Err(error) => return refuse(turn, dialogue, screen, error).await,
            };
            // Until the head chooses, the result carries the title the unit registered.
            if !draft.collective_decided && view.collective.is_some() {
                draft.propose_collective = preview.collective_supported();
            }
            if step == MeetingStep::ConfirmSubmit {
                // A forged press may ask for a title the verdicts do not support: refused here
                // as the submission itself would.
                if draft.propose_collective && !preview.collective_supported() {
                    let refusal = crate::services::Refusal::CollectiveNotSupported;
                    return refuse(turn, dialogue, screen, refusal.into()).await;
                }
                if !preview.outcome.quorum_met {
                    return refuse(
                        turn,
                        dialogue,
                        screen,
                        crate::services::Refusal::MeetingWithoutQuorum {
                            present: preview.outcome.present,
                            members: preview.outcome.members,
                        }
                        .into(),
                    )
                    .await;
                }
                let text = texts::meeting::submit_preview(
                    turn.lang,
                    &preview,
                    draft
                        .propose_collective
                        .then_some(view.collective)
                        .flatten(),
                    view.collective,
                );
                // Confirm alone on its row; back and cancel below, apart.
                let rows = vec![
                    vec![button(
                        labels.confirm_submit.clone(),
                        nonce,
                        Action::Confirm,
                    )],
                    vec![button(labels.back.clone(), nonce, Action::ChooseAgain)],
                    vec![cancel()],
                ];
                dialogue
                    .update(State::Meeting { nonce, step, draft })
                    .await?;
                return show(turn, screen, &text, Some(InlineKeyboardMarkup::new(rows))).await;
            }
            let mut rows = Vec::new();
            if preview.outcome.quorum_met {
                rows.push(vec![button(labels.submit.clone(), nonce, Action::Submit)]);
                if preview.collective_supported() {
                    rows.push(vec![if draft.propose_collective {
                        button(
                            labels.drop_collective.clone(),
                            nonce,
                            Action::Collective(None),
                        )
                    } else {
                        button(
                            labels.propose_collective.clone(),
                            nonce,
                            Action::Collective(view.collective),
                        )
                    }]);
                }
            }
            rows.push(vec![cancel()]);
            (
                texts::meeting::preview(turn.lang, &preview, draft.propose_collective),
                rows,
            )
        }
    };
    dialogue
        .update(State::Meeting { nonce, step, draft })
        .await?;
    show(turn, screen, &text, Some(InlineKeyboardMarkup::new(rows))).await
}
