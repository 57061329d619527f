//! The screen a dialogue waits on, shown again: after a press on a button of an earlier screen
//! (nothing is taken from it), and after a restart replayed a press whose answer died with the
//! process. Each dialogue re-renders from its stored state alone.

use super::Turn;
use super::appraisal::Appraisal;
use super::block::check::CrossCheck;
use super::block::results::BlockConfirmation;
use super::decision::Decision;
use super::resubmission::Resubmission;
use super::review::Review;
use super::{
    assessment, block, commendation, decide, decision, extension, link, meeting, registration,
};
use crate::bot::state::{DecideStep, State};
use crate::bot::{ChatDialogue, HandlerResult};

pub async fn resume(turn: &Turn, dialogue: &ChatDialogue, state: State) -> HandlerResult {
    turn.reshow_with(state.nonce());
    let shown = show_again(turn, dialogue, state).await;
    turn.reshow_with(None);
    shown
}

async fn show_again(turn: &Turn, dialogue: &ChatDialogue, state: State) -> HandlerResult {
    match state {
        State::Idle => Ok(()),
        State::ChoosingIndividualTitle { .. }
        | State::ChoosingCollectiveTitle { .. }
        | State::ConfirmingRegistration { .. }
        | State::ConfirmingWithdrawal { .. } => registration::resume(turn, dialogue, state).await,
        State::Assessing { .. } => assessment::resume(turn, dialogue, state).await,
        State::Meeting { .. } => meeting::resume(turn, dialogue, state).await,
        State::Reviewing { .. } => decide::resume::<Review>(turn, dialogue, state).await,
        State::Appraising { .. } => decide::resume::<Appraisal>(turn, dialogue, state).await,
        // The results are shown by the command itself, not by the dialogue's `open`.
        State::Deciding {
            step: DecideStep::Review,
            ..
        } => decision::start(turn, dialogue).await,
        State::Deciding { .. } => decide::resume::<Decision>(turn, dialogue, state).await,
        State::Resending { .. } => decide::resume::<Resubmission>(turn, dialogue, state).await,
        State::Scoring { .. } => block::start(turn, dialogue).await,
        State::CrossChecking { .. } => decide::resume::<CrossCheck>(turn, dialogue, state).await,
        State::ConfirmingBlock { .. } => {
            decide::resume::<BlockConfirmation>(turn, dialogue, state).await
        }
        State::Commending { .. }
        | State::AppraisingCommendation { .. }
        | State::DecidingCommendation { .. } => commendation::resume(turn, dialogue, state).await,
        State::ConfirmingMove { invite_id, .. } => {
            link::ask_move_again(turn, dialogue, invite_id).await
        }
        State::ConfirmingExtension { phase, closes, .. } => {
            extension::ask(turn, dialogue, phase, closes).await
        }
    }
}
