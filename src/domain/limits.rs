//! How much a person may type, for every typed answer, comment and reason: stated here once,
//! checked by the parsers and services, and quoted to the person by `texts` when it asks.

/// Length and range limits of typed input (characters are Unicode scalar values, counted after
/// trimming).
pub struct Limits;

impl Limits {
    // --- the self-assessment ---
    pub const SUMMARY_MIN_CHARS: usize = 20;
    pub const SUMMARY_MAX_CHARS: usize = 2000;
    pub const INITIATIVE_TITLE_MIN_CHARS: usize = 3;
    pub const INITIATIVE_TITLE_MAX_CHARS: usize = 300;
    /// The number of the decision that recognised an initiative.
    pub const DECISION_NUMBER_MAX_CHARS: usize = 50;
    pub const MAX_LEAVE_DAYS: u32 = 366;
    pub const MAX_RESEARCH_PROJECTS: u32 = 20;
    pub const MAX_INITIATIVES: usize = 10;
    pub const MAX_LEAVE_PERIODS: usize = 10;
    // --- the unit head's review ---
    pub const REVIEW_COMMENT_MIN_CHARS: usize = 5;
    pub const REVIEW_COMMENT_MAX_CHARS: usize = 500;
    // --- the council ---
    /// Why the standing body returns a nomination at appraisal.
    pub const RETURN_REASON_MIN_CHARS: usize = 5;
    pub const RETURN_REASON_MAX_CHARS: usize = 500;
    /// What the unit head completed when resending a returned nomination.
    pub const RESEND_NOTE_MIN_CHARS: usize = 5;
    pub const RESEND_NOTE_MAX_CHARS: usize = 500;
    /// The director's comment when sending the results back.
    pub const SEND_BACK_COMMENT_MIN_CHARS: usize = 5;
    pub const SEND_BACK_COMMENT_MAX_CHARS: usize = 500;
    /// The number of the director's approval decision ("125/QĐ-SXD").
    pub const APPROVAL_NUMBER_MIN_CHARS: usize = 2;
    pub const APPROVAL_NUMBER_MAX_CHARS: usize = 40;
    // --- the director's Giấy khen ---
    /// The achievement a Giấy khen is proposed for.
    pub const ACHIEVEMENT_MIN_CHARS: usize = 10;
    pub const ACHIEVEMENT_MAX_CHARS: usize = 1000;
    /// The number of the director's Giấy khen decision.
    pub const COMMENDATION_NUMBER_MAX_CHARS: usize = 100;
}
