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
    /// The member submitted a newer version after the reviewer opened theirs: the decision
    /// waits until the reviewer has read `version`.
    ResubmittedSinceRead {
        version: i64,
    },
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
    /// /mohop: the unit's nominations are already past appraisal (the unit's name).
    NominationsAlreadyAppraised(String),
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
    /// /guilai: no returned nomination of the head's unit (or this one was resent already).
    NothingToResend,
    /// A return reason, a send-back comment or a decision number that is too short or malformed.
    InputInvalid,
    /// No valid nomination needs a ballot, so there is nothing to vote on.
    NothingToBallot,
    /// The year's ballot is already open (or was held).
    BallotAlreadyOpened,
    /// No ballot has been opened this year.
    NoBallot,
    /// No ballot key is configured (`ballot.secrecy_key`): papers cannot be sealed, so no ballot
    /// opens and no vote is taken (an operator's problem, told to the secretary).
    BallotKeyMissing,
    /// The ballot has closed; no vote can be cast or changed.
    BallotClosed,
    /// A vote is final: this member already voted on this nominee.
    AlreadyVoted,
    /// Appraising one's own nomination: it goes to another member of the standing body or the
    /// council's chair.
    OwnNomination,
    /// Recording as absent a member who has cast a vote in chat: they are present.
    MemberVotingInChat,
    /// The member was recorded absent already.
    AlreadyRecordedAbsent,
    /// A paper vote for a member present in chat (linked, not recorded absent): a member votes
    /// only themself.
    WrittenVoteNeedsAbsence,
    /// A member's own press after the secretary recorded them absent.
    RecordedAbsent,
    /// Votes arrived after the secretary's close preview: the close waits for a fresh look.
    BallotChangedSinceShown,
    /// Closing before the phase's end would show a nominee's count made of one member's vote.
    CloseWouldRevealAVote,
    /// The decision needs a closed ballot first.
    BallotStillOpen,
    /// The director already approved this year's results.
    AlreadyDecided,
    /// Nothing has come through appraisal and ballot to decide on.
    NothingToDecide,
    // --- the director's Giấy khen (/giaykhen) ---
    /// Proposing needs a unit head or the standing body (appraising the standing body,
    /// deciding the director); the caller holds none of the parts asked for.
    CommendationRoleRequired,
    /// The proposer may not propose a Giấy khen for that recipient (outside a head's unit,
    /// oneself, or nobody known).
    CommendationRecipientNotAllowed,
    /// The proposal no longer waits for this step (appraised or decided already, or unknown).
    CommendationNotPending,
    /// No proposal waits for the caller (to appraise or to decide).
    NoCommendationWaiting,
    // --- emulation blocks (/chamdiem, /kiemtra, /ketquakhoi) ---
    /// The caller is no member's contact in this year's blocks.
    NotABlockContact,
    /// The sheet was sent: the contact can no longer change it.
    BlockSheetSent,
    /// Sheets could be sent until this day.
    BlockScoringClosed(chrono::NaiveDate),
    /// Criteria still without points (their codes).
    BlockSheetIncomplete(Vec<String>),
    /// Cross-checking needs the block's leader (the deputy for the leader's sheet) or the
    /// standing body.
    NotBlockChecker,
    /// The sheet changed (or was checked) since it was shown; nothing was done.
    BlockSheetChanged,
    /// Members whose sheets are not cross-checked yet (their names).
    BlockNotChecked(Vec<String>),
    /// Members the scoring table's tie-breaks cannot separate across an award line.
    BlockUnresolvedTie(Vec<String>),
    /// The block's results were confirmed already.
    BlockAlreadyConfirmed,
    // --- evidence with the self-assessment (/tudanhgia, /minhchung) ---
    /// The file cannot be attached (type, size, content, or too many).
    EvidenceRejected(crate::domain::evidence::Rejected),
    /// The same file is attached already (its name).
    EvidenceAlreadyAttached(String),
    /// /minhchung: nobody with that employee code.
    UnknownPerson(String),
    /// /minhchung: the caller may not see that person's files (only the person, the unit's
    /// head, the standing body and the director may).
    EvidenceNotYours,
    /// /minhchung: no file attached (the person's name).
    NoEvidence(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error(transparent)]
    Internal(#[from] Internal),
}

/// Our failure: what we were doing, and why it failed. Its `Display` is the context alone; the
/// cause is its `source`, so a logger walking the chain prints each layer once.
#[derive(Debug)]
pub struct Internal {
    context: &'static str,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl Internal {
    pub fn new(
        context: &'static str,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            context,
            source: source.into(),
        }
    }

    pub fn context(&self) -> &'static str {
        self.context
    }
}

impl std::fmt::Display for Internal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.context)
    }
}

impl std::error::Error for Internal {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// Storage failures reached through `?` without a stated context.
impl From<StorageError> for ServiceError {
    fn from(error: StorageError) -> Self {
        ServiceError::Internal(Internal::new("using the database", error))
    }
}

impl From<Refusal> for ServiceError {
    fn from(refusal: Refusal) -> Self {
        ServiceError::Refused(refusal)
    }
}

/// `.context("loading the rule files")` on any fallible result: the failure becomes ours, with
/// what we were doing attached.
pub trait Context<T> {
    fn context(self, context: &'static str) -> ServiceResult<T>;
}

impl<T, E> Context<T> for Result<T, E>
where
    E: std::error::Error + Send + Sync + 'static,
{
    fn context(self, context: &'static str) -> ServiceResult<T> {
        self.map_err(|error| Internal::new(context, error).into())
    }
}

/// Every layer of an error, outermost first, joined by ": " — what the logs should show.
pub fn cause_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

pub type ServiceResult<T> = Result<T, ServiceError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cause_chain_names_the_context_then_each_cause() {
        let error: ServiceResult<()> =
            Err(sqlx::Error::RowNotFound).context("loading the campaign");
        let Err(error) = error else { unreachable!() };
        let chain = cause_chain(&error);
        assert!(chain.starts_with("loading the campaign: "), "{chain}");
        assert!(chain.len() > "loading the campaign: ".len(), "{chain}");
    }
}
