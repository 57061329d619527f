//! The two kinds of failure. A [`Refusal`] is the user's: it is explained to them in their
//! language and nothing has changed. An internal error is ours: logged with its cause, and the
//! user is asked to try again.

use crate::domain::phase::{Phase, Window, WindowState};
use crate::domain::role::Role;
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
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

impl From<Refusal> for ServiceError {
    fn from(refusal: Refusal) -> Self {
        ServiceError::Refused(refusal)
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;
