//! What a person reports about their year (the answers of the self-assessment), how each typed
//! answer is parsed, and when an assessment may still be changed. The rules that turn answers
//! into verdicts live in `domain::rules`.

mod input;

pub use input::{
    InputError, Limits, parse_days, parse_decision_date, parse_decision_number,
    parse_initiative_title, parse_research_count, parse_review_comment, parse_summary,
};

use serde::{Deserialize, Serialize};

/// The four task ratings of the year-end evaluation, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskRating {
    Excellent,
    Good,
    Completed,
    NotCompleted,
}

impl TaskRating {
    pub const ALL: [TaskRating; 4] = [
        TaskRating::Excellent,
        TaskRating::Good,
        TaskRating::Completed,
        TaskRating::NotCompleted,
    ];
}

/// Leave in the year. Which kinds count as worked time is the rule set's business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaveKind {
    Maternity,
    ApprovedTraining,
    InjuryOnDutyTreatment,
    /// Unpaid leave, long sick leave and the like.
    Other,
}

impl LeaveKind {
    pub const ALL: [LeaveKind; 4] = [
        LeaveKind::Maternity,
        LeaveKind::ApprovedTraining,
        LeaveKind::InjuryOnDutyTreatment,
        LeaveKind::Other,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leave {
    pub kind: LeaveKind,
    pub days: u32,
}

/// Discipline status in the year, lightest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Discipline {
    None,
    /// Under discipline review, investigation, or an unresolved complaint.
    UnderReview,
    /// Khiển trách.
    Reprimand,
    /// Cảnh cáo.
    Warning,
    /// Hạ bậc lương, cách chức, … or heavier.
    Heavier,
}

impl Discipline {
    pub const ALL: [Discipline; 5] = [
        Discipline::None,
        Discipline::UnderReview,
        Discipline::Reprimand,
        Discipline::Warning,
        Discipline::Heavier,
    ];
}

/// An initiative (sáng kiến) with the decision that recognised it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Initiative {
    pub title: String,
    pub decision_number: String,
    pub decision_date: chrono::NaiveDate,
    /// The recognition level the person chose (cấp cơ sở / cấp tỉnh); `None` in answers saved
    /// before the question existed, read as grassroots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<crate::domain::rules::InitiativeScope>,
}

/// The answers so far. `None` means "not answered yet"; an empty list means "none".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    pub rating: Option<TaskRating>,
    pub leave: Option<Vec<Leave>>,
    pub discipline: Option<Discipline>,
    pub initiatives: Option<Vec<Initiative>>,
    pub research_projects: Option<u32>,
    pub summary: Option<String>,
    /// Files attached as evidence (not a question: attached at any step, never required).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<crate::domain::evidence::EvidenceRef>,
}

/// The questions, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    Rating,
    Leave,
    Discipline,
    Initiatives,
    Research,
    Summary,
}

impl Question {
    pub const ALL: [Question; 6] = [
        Question::Rating,
        Question::Leave,
        Question::Discipline,
        Question::Initiatives,
        Question::Research,
        Question::Summary,
    ];
}

impl Answers {
    /// The first question without an answer; `None` when everything is answered.
    pub fn next_question(&self) -> Option<Question> {
        Question::ALL
            .into_iter()
            .find(|question| !self.answered(*question))
    }

    pub fn answered(&self, question: Question) -> bool {
        match question {
            Question::Rating => self.rating.is_some(),
            Question::Leave => self.leave.is_some(),
            Question::Discipline => self.discipline.is_some(),
            Question::Initiatives => self.initiatives.is_some(),
            Question::Research => self.research_projects.is_some(),
            Question::Summary => self.summary.is_some(),
        }
    }

    pub fn is_complete(&self) -> bool {
        self.next_question().is_none()
    }

    /// Forgets one answer so it is asked again ("change one answer").
    pub fn clear(&mut self, question: Question) {
        match question {
            Question::Rating => self.rating = None,
            Question::Leave => self.leave = None,
            Question::Discipline => self.discipline = None,
            Question::Initiatives => self.initiatives = None,
            Question::Research => self.research_projects = None,
            Question::Summary => self.summary = None,
        }
    }
}

/// Where an assessment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Submitted,
    Approved,
    Returned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Approved => "approved",
            Status::Returned => "returned",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, super::UnknownValue> {
        match raw {
            "draft" => Ok(Status::Draft),
            "submitted" => Ok(Status::Submitted),
            "approved" => Ok(Status::Approved),
            "returned" => Ok(Status::Returned),
            other => Err(super::UnknownValue::new("assessment status", other)),
        }
    }
}

/// Why an assessment cannot be changed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locked {
    /// The unit head approved it; only a return reopens it.
    AlreadyApproved,
    /// The self-assessment window is closed (and it was not returned for correction).
    WindowClosed,
}

/// A person may write or change their assessment while the self-assessment window is open, unless
/// it was already approved. One returned for correction may be fixed during the unit review too,
/// since returns happen then.
pub fn editable(
    status: Option<Status>,
    self_assessment_open: bool,
    unit_review_open: bool,
) -> Result<(), Locked> {
    match status {
        Some(Status::Approved) => Err(Locked::AlreadyApproved),
        Some(Status::Returned) if self_assessment_open || unit_review_open => Ok(()),
        _ if self_assessment_open => Ok(()),
        _ => Err(Locked::WindowClosed),
    }
}

#[cfg(test)]
mod tests;
