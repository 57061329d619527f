//! The two kinds of failure. A [`Refusal`] is the user's: it is explained to them in their
//! language and nothing has changed. An internal error is ours: logged with its cause, and the
//! user is asked to try again.

use crate::domain::phase::{Phase, Window, WindowState};
use crate::domain::role::Role;
use crate::storage::StorageError;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The Telegram account is not linked to any active person.
    NotLinked,
    /// There is no campaign yet.
    NoCampaign,
    /// The action belongs to a phase that is not open now.
    PhaseNotOpen {
        phase: Phase,
        state: WindowState,
        window: Window,
    },
    /// The action needs a role the person does not hold.
    RoleRequired(Role),
    /// The campaign does not offer that title.
    TitleNotOffered,
    /// Nothing registered to withdraw.
    NothingToWithdraw,
    /// The person has no registered title to assess.
    NotRegistered,
    /// The unit head already approved the assessment.
    AssessmentApproved,
    /// Submitting before every question is answered.
    AssessmentIncomplete,
    /// No submitted assessment waiting for this review (already decided, or never submitted).
    NothingToReview,
    // --- the unit meeting (/binhxet) ---
    /// The unit's meeting is submitted; only a secretary can reopen it.
    MeetingAlreadySubmitted,
    /// The unit's meeting is submitted, so its reviews are locked.
    UnitReviewLocked,
    /// Fewer members present than the quorum asks.
    MeetingWithoutQuorum {
        present: u32,
        members: u32,
    },
    /// Members, nominees or assessments changed while the head was recording the meeting.
    MeetingChanged,
    /// Proposing the collective title although the members' verdicts do not support it.
    CollectiveNotSupported,
    /// /mohop: no submitted meeting for that unit (the unit's name).
    NothingToReopen(String),
    /// /mohop: no unit with that code.
    UnknownUnit(String),
    /// The campaign's rule files could not be loaded (an operator's problem, logged).
    RulesUnavailable,
    /// A button that no longer matches the conversation (an old message) or was never ours.
    StaleButton,
    // --- linking (/start <code>) ---
    InviteUnknown,
    InviteUsed,
    InviteExpired,
    InviteRevoked,
    /// This Telegram account is already bound to another person.
    AccountBoundToOther,
    /// Too many wrong codes from this account; try again after the instant.
    TooManyAttempts {
        retry_after: DateTime<Utc>,
    },
    // --- the council (appraisal, ballot, decision) ---
    /// No proposed nomination is waiting for appraisal, or this one was already appraised.
    NothingToAppraise,
    /// A return reason, a send-back comment or a decision number that is too short or malformed.
    InputInvalid,
    /// No valid nomination needs a ballot, so there is nothing to vote on.
    NothingToBallot,
    /// The year's ballot is already open (or was held).
    BallotAlreadyOpened,
    /// No ballot has been opened this year.
    NoBallot,
    /// The ballot has closed; no vote can be cast or changed.
    BallotClosed,
    /// A vote is final: this member already voted on this nominee.
    AlreadyVoted,
    /// The decision needs a closed ballot first.
    BallotStillOpen,
    /// The director already approved this year's results.
    AlreadyDecided,
    /// Nothing has come through appraisal and ballot to decide on.
    NothingToDecide,
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error("database: {0}")]
    Database(#[from] StorageError),
}

impl From<Refusal> for ServiceError {
    fn from(refusal: Refusal) -> Self {
        ServiceError::Refused(refusal)
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;
