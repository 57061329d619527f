//! What the bot is waiting for in each private chat. Every waiting state carries a `nonce` that
//! is also written into its buttons, so a press on an older message is recognised as stale.

use crate::domain::assessment::{Initiative, Leave, LeaveKind};
use crate::domain::title::Title;
use serde::{Deserialize, Serialize};

/// Variants are named for what the person is doing (Assessing, Reviewing, …). The stored name is
/// the variant's; a renamed variant keeps its old name as a serde alias, so a dialogue saved by
/// the previous version still loads instead of being reset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    #[default]
    Idle,
    /// /dangky: waiting for the individual title (or withdraw / cancel).
    #[serde(alias = "ReceiveIndividualTitle")]
    ChoosingIndividualTitle { nonce: u32 },
    /// A unit head chose an individual title; waiting for the unit's collective title.
    #[serde(alias = "ReceiveCollectiveTitle")]
    ChoosingCollectiveTitle { nonce: u32, individual: TitleCode },
    /// Waiting for Confirm / Choose again / Cancel.
    #[serde(alias = "ReceiveConfirmation")]
    ConfirmingRegistration {
        nonce: u32,
        individual: TitleCode,
        collective: Option<TitleCode>,
    },
    /// /dangky: "Rút đăng ký" was pressed; waiting for its confirmation (or keep).
    ConfirmingWithdrawal { nonce: u32 },
    /// /tudanhgia: waiting for the answer to `step`. `back_to_review` is set while changing one
    /// answer, so the summary follows instead of the next question.
    Assessing {
        nonce: u32,
        step: AssessStep,
        back_to_review: bool,
    },
    /// /duyet: reviewing members' self-assessments.
    Reviewing { nonce: u32, step: PickStep },
    /// /thamdinh: the secretary appraises proposed nominations.
    Appraising { nonce: u32, step: PickStep },
    /// /pheduyet: the director decides on the council's results.
    Deciding { nonce: u32, step: DecideStep },
    /// /guilai: a unit head resending a returned nomination.
    Resending { nonce: u32, step: ResendStep },
    /// /start with a new invite for a record linked to another account: waiting for the new
    /// account to confirm the move. The invite's id only; the code is never stored.
    ConfirmingMove { nonce: u32, invite_id: i64 },
    /// /giahan: the secretary confirming a phase's new close, shown before it is moved.
    ConfirmingExtension {
        nonce: u32,
        year: i32,
        phase: crate::domain::phase::Phase,
        closes: chrono::DateTime<chrono::Utc>,
    },
    /// /giaykhen: proposing the director's Giấy khen (or the menu that leads there).
    Commending { nonce: u32, step: CommendStep },
    /// /giaykhen: the standing body appraising Giấy khen proposals (over their ids).
    AppraisingCommendation { nonce: u32, step: PickStep },
    /// /giaykhen: the director deciding appraised Giấy khen proposals.
    DecidingCommendation { nonce: u32, step: ResendStep },
    /// /chamdiem: a block member's contact scoring the member's sheet.
    Scoring { nonce: u32, step: ScoreStep },
    /// /kiemtra: the block's leader (or the standing body) cross-checking sent sheets (over
    /// block member ids).
    CrossChecking { nonce: u32, step: PickStep },
    /// /ketquakhoi: the council confirming a block's ranking (over block ids).
    ConfirmingBlock { nonce: u32, step: ResendStep },
    /// /binhxet: a unit head recording the review meeting.
    Meeting {
        nonce: u32,
        step: MeetingStep,
        draft: MeetingDraft,
    },
}

/// /binhxet: what the bot waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingStep {
    /// The meeting date, typed.
    Date,
    /// Toggle buttons over `draft.members`, then Done.
    Attendance,
    /// The unit's rating (only when it registered a collective title).
    Rating,
    /// Yes-votes for `draft.nominees[draft.votes.len()]`, typed.
    Votes,
    /// The decided result with Submit / propose the collective title / Cancel.
    Confirm,
    /// What submitting sends and locks, with its confirmation.
    ConfirmSubmit,
}

/// The meeting as entered so far. Person ids are only requests: the service re-checks them
/// against the unit's current members and nominees on every step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDraft {
    pub held_on: Option<chrono::NaiveDate>,
    pub members: Vec<i64>,
    pub present: Vec<i64>,
    pub nominees: Vec<(i64, TitleCode)>,
    pub collective: Option<TitleCode>,
    pub rating: Option<crate::domain::assessment::TaskRating>,
    pub votes: Vec<u32>,
    pub propose_collective: bool,
    /// The head has chosen about the collective title; until then the result proposes the
    /// title the unit registered, when the members' verdicts support it.
    #[serde(default)]
    pub collective_decided: bool,
}

/// Where /duyet (over member ids) and /thamdinh (over nomination ids) stand. Ids are only
/// requests: the service re-authorises them on every press. The two dialogues once stored steps
/// of their own (`ChooseMember { members }`, `ReturnReason { nomination }`, …); those names load
/// as aliases, so a dialogue saved before the merge continues where it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PickStep {
    /// The list; button n opens `items[n]`.
    #[serde(alias = "ChooseMember")]
    Choose {
        #[serde(alias = "members", alias = "nominations")]
        items: Vec<i64>,
    },
    /// One item is shown with Decide / Return. `seen`: the version of it shown (a member's
    /// submitted self-assessment), so the decision is about what was read.
    Decide {
        #[serde(alias = "member", alias = "nomination")]
        item: i64,
        #[serde(default)]
        seen: Option<i64>,
    },
    /// Waiting for the comment or reason that goes with a return.
    #[serde(alias = "ReturnComment", alias = "ReturnReason")]
    Return {
        #[serde(alias = "member", alias = "nomination")]
        item: i64,
        #[serde(default)]
        seen: Option<i64>,
    },
}

/// /guilai: what the unit head is doing, over nomination ids (requests only: the service
/// re-authorises them on every press).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResendStep {
    /// The unit's returned nominations; button n opens `items[n]`.
    Choose { items: Vec<i64> },
    /// One is shown with its return reason and Resend.
    Open { item: i64 },
    /// Waiting for what was completed.
    Note { item: i64 },
    /// The preview for `typed` is shown; waiting for its confirmation.
    Confirm { item: i64, typed: String },
}

/// /giaykhen: where a proposal being written stands. Ids and codes are only requests: the
/// service re-authorises the recipient at the summary and again when the proposal is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommendStep {
    /// What the person may do: propose (Pick 0), appraise (Pick 1), decide (Pick 2).
    Menu { picks: Vec<u8> },
    /// The standing body chooses the unit; button n is `units[n]`.
    Unit { units: Vec<String> },
    /// The unit itself (Pick 0) or `members[n - 1]`.
    Recipient { unit: String, members: Vec<i64> },
    /// Periodic (Pick 0) or ad hoc (Pick 1).
    Occasion {
        recipient: crate::domain::commendation::Recipient,
    },
    /// Waiting for the achievement, typed.
    Achievement {
        recipient: crate::domain::commendation::Recipient,
        occasion: crate::domain::commendation::Occasion,
    },
    /// The summary is shown; waiting for Send / Retype / Cancel.
    Confirm {
        recipient: crate::domain::commendation::Recipient,
        occasion: crate::domain::commendation::Occasion,
        achievement: String,
    },
}

/// /chamdiem: what the contact is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScoreStep {
    /// Waiting for the points of the table's criterion number `index` (from 0).
    Criterion { index: usize },
    /// The sheet with Send / Score again / Later.
    Summary,
    /// What sending does, for the sheet at `revision`; waiting for its confirmation.
    ConfirmSend { revision: i64 },
}

/// /pheduyet: what the director is doing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecideStep {
    /// The result list with Approve / Send back.
    Review,
    /// Waiting for "number date" of the decision.
    DecisionNumber,
    /// The publication preview is shown for the typed "number date"; waiting for its
    /// confirmation.
    ConfirmApproval { typed: String },
    /// Waiting for the comment of a send-back.
    SendBackComment,
}

/// The step of the self-assessment the bot waits on. Lists being built (leave periods,
/// initiatives) travel in the state until the question is finished, then are saved as one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssessStep {
    Rating,
    LeaveKind {
        collected: Vec<Leave>,
    },
    LeaveDays {
        collected: Vec<Leave>,
        kind: LeaveKind,
    },
    LeaveMore {
        collected: Vec<Leave>,
    },
    Discipline,
    HasInitiative {
        collected: Vec<Initiative>,
    },
    InitiativeTitle {
        collected: Vec<Initiative>,
    },
    InitiativeNumber {
        collected: Vec<Initiative>,
        title: String,
    },
    InitiativeDate {
        collected: Vec<Initiative>,
        title: String,
        number: String,
    },
    /// Who recognised it: grassroots (Pick 0) or province-wide (Pick 1).
    InitiativeLevel {
        collected: Vec<Initiative>,
        title: String,
        number: String,
        date: chrono::NaiveDate,
    },
    Research,
    Summary,
    Review,
    ChooseChange,
}

impl AssessStep {
    /// Steps answered by typing; the others by buttons (Research takes both).
    pub fn expects_text(&self) -> bool {
        matches!(
            self,
            AssessStep::LeaveDays { .. }
                | AssessStep::InitiativeTitle { .. }
                | AssessStep::InitiativeNumber { .. }
                | AssessStep::InitiativeDate { .. }
                | AssessStep::Research
                | AssessStep::Summary
        )
    }
}

impl State {
    pub fn nonce(&self) -> Option<u32> {
        match self {
            State::Idle => None,
            State::ChoosingIndividualTitle { nonce }
            | State::ChoosingCollectiveTitle { nonce, .. }
            | State::ConfirmingRegistration { nonce, .. }
            | State::ConfirmingWithdrawal { nonce }
            | State::Assessing { nonce, .. }
            | State::Reviewing { nonce, .. }
            | State::Meeting { nonce, .. }
            | State::Appraising { nonce, .. }
            | State::Deciding { nonce, .. }
            | State::Resending { nonce, .. }
            | State::Commending { nonce, .. }
            | State::AppraisingCommendation { nonce, .. }
            | State::DecidingCommendation { nonce, .. }
            | State::Scoring { nonce, .. }
            | State::CrossChecking { nonce, .. }
            | State::ConfirmingBlock { nonce, .. }
            | State::ConfirmingMove { nonce, .. }
            | State::ConfirmingExtension { nonce, .. } => Some(*nonce),
        }
    }
}

/// A title stored by its code, so the stored state does not depend on Rust variant names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TitleCode(pub Title);

impl TryFrom<String> for TitleCode {
    type Error = crate::domain::UnknownValue;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Title::parse(&raw).map(TitleCode)
    }
}

impl From<TitleCode> for String {
    fn from(code: TitleCode) -> Self {
        code.0.code().to_owned()
    }
}

pub fn new_nonce() -> u32 {
    rand::random()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dialogues saved before the registration states were renamed still load, as the same
    /// dialogue, so nobody is dropped mid-registration by an upgrade.
    #[test]
    fn registration_states_stored_under_their_old_names_still_load() {
        let title = TitleCode(Title::Ldtt);
        let stored = [
            (
                r#"{"ReceiveIndividualTitle":{"nonce":7}}"#,
                State::ChoosingIndividualTitle { nonce: 7 },
            ),
            (
                r#"{"ReceiveCollectiveTitle":{"nonce":7,"individual":"LDTT"}}"#,
                State::ChoosingCollectiveTitle {
                    nonce: 7,
                    individual: title,
                },
            ),
            (
                r#"{"ReceiveConfirmation":{"nonce":7,"individual":"LDTT","collective":null}}"#,
                State::ConfirmingRegistration {
                    nonce: 7,
                    individual: title,
                    collective: None,
                },
            ),
        ];
        for (json, expected) in stored {
            let loaded: State = serde_json::from_str(json).unwrap();
            assert_eq!(loaded, expected, "{json}");
            // Saved again under the new name, it reads back the same.
            let resaved = serde_json::to_string(&loaded).unwrap();
            assert_eq!(serde_json::from_str::<State>(&resaved).unwrap(), expected);
        }
    }

    /// /duyet and /thamdinh steps saved under their former per-dialogue names load as the
    /// shared step, so an upgrade drops nobody mid-review.
    #[test]
    fn review_and_appraisal_steps_stored_under_their_old_names_still_load() {
        let stored = [
            (
                r#"{"Reviewing":{"nonce":3,"step":{"ChooseMember":{"members":[4,5]}}}}"#,
                State::Reviewing {
                    nonce: 3,
                    step: PickStep::Choose { items: vec![4, 5] },
                },
            ),
            (
                r#"{"Reviewing":{"nonce":3,"step":{"ReturnComment":{"member":4}}}}"#,
                State::Reviewing {
                    nonce: 3,
                    step: PickStep::Return {
                        item: 4,
                        seen: None,
                    },
                },
            ),
            (
                r#"{"Appraising":{"nonce":3,"step":{"Choose":{"nominations":[9]}}}}"#,
                State::Appraising {
                    nonce: 3,
                    step: PickStep::Choose { items: vec![9] },
                },
            ),
            (
                r#"{"Appraising":{"nonce":3,"step":{"Decide":{"nomination":9}}}}"#,
                State::Appraising {
                    nonce: 3,
                    step: PickStep::Decide {
                        item: 9,
                        seen: None,
                    },
                },
            ),
            (
                r#"{"Appraising":{"nonce":3,"step":{"ReturnReason":{"nomination":9}}}}"#,
                State::Appraising {
                    nonce: 3,
                    step: PickStep::Return {
                        item: 9,
                        seen: None,
                    },
                },
            ),
        ];
        for (json, expected) in stored {
            let loaded: State = serde_json::from_str(json).unwrap();
            assert_eq!(loaded, expected, "{json}");
            let resaved = serde_json::to_string(&loaded).unwrap();
            assert_eq!(serde_json::from_str::<State>(&resaved).unwrap(), expected);
        }
    }
}
