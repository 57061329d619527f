//! /kiemtra: the block's leader (the deputy for the leader's own sheet, or the standing body)
//! opens a sent sheet, adjusts criteria with a reason ("2.1 12 Chưa có báo cáo sơ kết") and
//! marks it checked. Both are about the revision shown: a sheet changed since is refused.

use crate::bot::handlers::Turn;
use crate::bot::handlers::decide::{
    self, Answer, Answered, Buttons, DecideDialogue, Listing, Step,
};
use crate::bot::state::State;
use crate::bot::{ChatDialogue, HandlerResult};
use crate::domain::block::scoring::PointsError;
use crate::domain::block::{SheetStatus, parse_adjustment};
use crate::domain::language::Lang;
use crate::services::ServiceError;
use crate::services::block::check as service;
use crate::texts::block as text;
use crate::ui::callback_data::Action;

pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    decide::start::<CrossCheck>(turn, dialogue).await
}

pub struct CrossCheck;

impl DecideDialogue for CrossCheck {
    type Item = i64;
    const RETURN: Action = Action::ChangeAnswer;
    const DECIDE_TYPED: bool = false;
    const TEXT_BEFORE_STEP: bool = false;

    fn step(state: State) -> Option<(u32, Step<i64>)> {
        let State::CrossChecking { nonce, step } = state else {
            return None;
        };
        Some((nonce, step.into()))
    }

    fn state(nonce: u32, step: Step<i64>) -> State {
        State::CrossChecking {
            nonce,
            step: step.into(),
        }
    }

    fn buttons(lang: Lang) -> Buttons {
        let labels = text::check_buttons(lang);
        Buttons {
            decide: labels.confirm,
            return_it: Some(labels.adjust),
            back: (labels.back, Action::ChooseAgain),
        }
    }

    fn list(
        turn: &Turn,
    ) -> Option<impl Future<Output = Result<Listing<i64>, ServiceError>> + Send> {
        Some(async move {
            let lists = service::overview(&turn.ctx, &turn.caller).await?;
            let mut lines = Vec::new();
            let mut picks = Vec::new();
            for (block, members) in &lists {
                for member in members {
                    lines.push((block.name.clone(), member.name.clone(), member.status));
                    if member.status != SheetStatus::Draft && !block.confirmed {
                        let label = format!(
                            "{} — {}",
                            member.name,
                            text::status(turn.lang, member.status)
                        );
                        picks.push((label, member.id));
                    }
                }
            }
            Ok(Listing {
                text: text::check_overview(turn.lang, &lines),
                picks,
                picks_per_row: 1,
                anew: false,
            })
        })
    }

    async fn open(turn: &Turn, member: i64) -> Result<(String, Option<i64>), ServiceError> {
        let sheet = service::open(&turn.ctx, &turn.caller, member).await?;
        let body = format!(
            "{}\n{}",
            text::sheet_header(
                turn.lang,
                &sheet.member.name,
                &sheet.block.name,
                sheet.member.status
            ),
            text::sheet(
                turn.lang,
                &sheet.block.table,
                &sheet.scores.points,
                &sheet.scores.reasons
            )
        );
        Ok((body, Some(sheet.member.revision)))
    }

    async fn prompt(turn: &Turn, _member: i64, _answer: Answer) -> String {
        text::ask_adjustment(turn.lang)
    }

    /// Marking checked by button; an adjustment typed as "criterion points reason".
    async fn answer(
        turn: &Turn,
        member: i64,
        seen: Option<i64>,
        answer: Answer,
        typed: Option<&str>,
    ) -> Answered {
        let Some(revision) = seen else {
            return Answered::Refused(crate::services::Refusal::BlockSheetChanged.into());
        };
        match (answer, typed) {
            (Answer::Return, Some(typed)) => {
                let adjustment = match parse_adjustment(typed) {
                    Ok(adjustment) => adjustment,
                    Err(error) => {
                        return Answered::AskAgain(text::adjustment_error(turn.lang, error));
                    }
                };
                // The table as the sheet has it: an unknown code or too many points is asked
                // again, not refused.
                let sheet = match service::open(&turn.ctx, &turn.caller, member).await {
                    Ok(sheet) => sheet,
                    Err(error) => return Answered::Refused(error),
                };
                let Some(criterion) = sheet.block.table.criterion(&adjustment.criterion) else {
                    return Answered::AskAgain(text::unknown_criterion(
                        turn.lang,
                        &adjustment.criterion,
                    ));
                };
                if adjustment.points > criterion.max {
                    return Answered::AskAgain(text::points_error(
                        turn.lang,
                        PointsError::AboveMax(criterion.max),
                    ));
                }
                match service::adjust(&turn.ctx, &turn.caller, member, revision, &adjustment).await
                {
                    Ok(sheet) => Answered::ThenList(text::adjusted(
                        turn.lang,
                        &sheet.member.name,
                        &adjustment.criterion,
                        adjustment.points,
                    )),
                    Err(error) => Answered::Refused(error),
                }
            }
            _ => match service::mark_checked(&turn.ctx, &turn.caller, member, revision).await {
                Ok(sheet) => {
                    Answered::ThenList(text::checked(turn.lang, &sheet.member.name, sheet.total()))
                }
                Err(error) => Answered::Refused(error),
            },
        }
    }
}
