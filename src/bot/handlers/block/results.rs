//! /ketquakhoi: the standing body or the director opens a block whose sheets are all checked,
//! reads its ranking with the proposals, and confirms it on a screen saying what confirming
//! sends and that it cannot be undone.

use crate::bot::handlers::Turn;
use crate::bot::handlers::decide::{
    self, Answer, Answered, Buttons, DecideDialogue, Listing, Step,
};
use crate::bot::state::State;
use crate::bot::{ChatDialogue, HandlerResult};
use crate::domain::block::SheetStatus;
use crate::domain::language::Lang;
use crate::services::ServiceError;
use crate::services::block::confirm as service;
use crate::texts::block as text;
use crate::ui::callback_data::Action;

pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    decide::start::<BlockConfirmation>(turn, dialogue).await
}

/// A decide-only dialogue over block ids, stored as /guilai's steps (list, one opened, its
/// confirmation).
pub struct BlockConfirmation;

impl DecideDialogue for BlockConfirmation {
    type Item = i64;
    const RETURN: Action = Action::Return;
    const DECIDE_TYPED: bool = false;
    const TEXT_BEFORE_STEP: bool = false;
    const RETYPE: bool = false;

    fn step(state: State) -> Option<(u32, Step<i64>)> {
        let State::ConfirmingBlock { nonce, step } = state else {
            return None;
        };
        Some((nonce, step.into()))
    }

    fn state(nonce: u32, step: Step<i64>) -> State {
        State::ConfirmingBlock {
            nonce,
            step: step.into(),
        }
    }

    fn buttons(lang: Lang) -> Buttons {
        let (confirm, back) = text::confirm_buttons(lang);
        Buttons {
            decide: confirm,
            return_it: None,
            back: (back, Action::ChooseAgain),
        }
    }

    fn list(
        turn: &Turn,
    ) -> Option<impl Future<Output = Result<Listing<i64>, ServiceError>> + Send> {
        Some(async move {
            let lists = service::overview(&turn.ctx, &turn.caller).await?;
            let lines: Vec<(String, usize, usize, bool)> = lists
                .iter()
                .map(|(block, members)| {
                    let checked = members
                        .iter()
                        .filter(|member| member.status == SheetStatus::Checked)
                        .count();
                    (block.name.clone(), checked, members.len(), block.confirmed)
                })
                .collect();
            let picks = lists
                .iter()
                .filter(|(block, _)| !block.confirmed)
                .map(|(block, _)| (block.name.clone(), block.id))
                .collect();
            Ok(Listing {
                text: text::blocks_overview(turn.lang, &lines),
                picks,
                picks_per_row: 1,
                anew: false,
            })
        })
    }

    async fn open(turn: &Turn, block: i64) -> Result<(String, Option<i64>), ServiceError> {
        let preview = service::preview(&turn.ctx, &turn.caller, block).await?;
        let body = text::ranking(
            turn.lang,
            preview.block.year,
            &preview.block.name,
            &preview.lines(),
        );
        Ok((body, None))
    }

    /// Nothing is typed here; a stale typed step shows the way back.
    async fn prompt(turn: &Turn, _block: i64, _answer: Answer) -> String {
        crate::texts::common::use_the_buttons(turn.lang)
    }

    /// Confirming cannot be undone: what it sends is shown first.
    async fn answer(
        turn: &Turn,
        block: i64,
        _seen: Option<i64>,
        _answer: Answer,
        _typed: Option<&str>,
    ) -> Answered {
        match service::preview(&turn.ctx, &turn.caller, block).await {
            Ok(preview) => {
                let ranking = text::ranking(
                    turn.lang,
                    preview.block.year,
                    &preview.block.name,
                    &preview.lines(),
                );
                Answered::ConfirmFirst {
                    preview: text::confirm_preview(
                        turn.lang,
                        &ranking,
                        preview.block.group_chat_id.is_some(),
                    ),
                    typed: String::new(),
                }
            }
            Err(error) => Answered::Refused(error),
        }
    }

    async fn confirmed(turn: &Turn, block: i64, _typed: &str) -> Answered {
        match service::confirm(&turn.ctx, &turn.caller, block).await {
            Ok(preview) => Answered::Done(text::confirmed(turn.lang, &preview.block.name)),
            Err(error) => Answered::Refused(error),
        }
    }

    fn confirm_label(lang: Lang) -> String {
        text::confirm_buttons(lang).0
    }
}
