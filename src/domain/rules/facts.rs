//! What a person or a unit reports (or storage knows) about the campaign year: the input of
//! every verdict. Nothing here is computed from a clock; the campaign year is a field.

use super::schema::{InitiativeScope, LeaveKind, PenaltyLevel, TaskRating};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentFacts {
    /// The campaign year; worked time is counted within 1 January – 31 December of it.
    pub year: i32,
    pub rating: TaskRating,
    pub hire_date: NaiveDate,
    pub leave: Vec<Leave>,
    pub discipline: Discipline,
    pub initiatives: Vec<Initiative>,
    /// Research projects (đề tài, đề án khoa học) accepted this year.
    pub accepted_research: u32,
    /// CSTĐCS years running immediately before the campaign year, as the history records them
    /// (only years after any penalty's end count).
    pub prior_consecutive_cstdcs_years: u32,
    /// The run went further back, but a penalty's end stopped the count.
    pub prior_streak_cut_by_penalty: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leave {
    pub kind: LeaveKind,
    pub span: LeaveSpan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveSpan {
    /// Both days included; clipped to the counted part of the campaign year.
    Dates { from: NaiveDate, to: NaiveDate },
    /// A number of calendar days when the dates are not known (taken as within the year).
    Days(u32),
}

/// Tình trạng kỷ luật as it bears on the campaign year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discipline {
    None,
    /// Đang bị xem xét kỷ luật, đang bị điều tra, hoặc có đơn khiếu nại, tố cáo chưa giải quyết.
    UnderReview,
    /// A penalty; `ends` is the last day it is in force (`None`: not ended, or no end known).
    Penalty {
        level: PenaltyLevel,
        ends: Option<NaiveDate>,
    },
}

impl Discipline {
    /// The penalty level if a penalty was in force on any day of `year`.
    pub fn penalty_in(&self, year: i32) -> Option<PenaltyLevel> {
        match *self {
            Discipline::Penalty { level, ends } => {
                let in_force = ends.is_none_or(|ends| ends >= year_start(year));
                in_force.then_some(level)
            }
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initiative {
    pub title: String,
    pub decision_number: String,
    pub decision_date: NaiveDate,
    pub scope: InitiativeScope,
    /// The title or award this initiative already backed (another year's title, a Bằng khen…),
    /// as storage knows it. Under a single-use rule such an initiative does not count again.
    pub used_for: Option<String>,
}

impl Initiative {
    /// Two entries are the same initiative when the decision number and the title match,
    /// ignoring case and spacing (one decision often recognises several initiatives).
    pub fn key(&self) -> (String, String) {
        Self::key_of(&self.decision_number, &self.title)
    }

    /// [`Self::key`] of a decision number and a name.
    pub fn key_of(decision_number: &str, title: &str) -> (String, String) {
        let squash = |text: &str| {
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        (squash(decision_number), squash(title))
    }

    /// `Số 12/QĐ-SXD: title`, how a finding names it.
    pub fn label(&self) -> String {
        format!("{} ({})", self.title.trim(), self.decision_number.trim())
    }
}

/// One member of a unit as the collective rules see them: computed from their assessment by
/// [`super::individual::member_facts`], never typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberFacts {
    pub rating: TaskRating,
    pub ldtt: bool,
    pub cstdcs: bool,
    pub woman: bool,
    pub discipline: Discipline,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitFacts {
    pub year: i32,
    /// The unit's own rating for the year (đánh giá, xếp loại tập thể).
    pub unit_rating: TaskRating,
    pub members: Vec<MemberFacts>,
}

pub fn year_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

pub fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

impl Discipline {
    /// The self-assessment's answer, which carries no end date: a penalty is taken as in force
    /// for the whole year.
    pub fn from_answer(answer: crate::domain::assessment::Discipline) -> Self {
        use crate::domain::assessment::Discipline as Answer;
        let penalty = |level| Discipline::Penalty { level, ends: None };
        match answer {
            Answer::None => Discipline::None,
            Answer::UnderReview => Discipline::UnderReview,
            Answer::Reprimand => penalty(PenaltyLevel::Reprimand),
            Answer::Warning => penalty(PenaltyLevel::Warning),
            Answer::Heavier => penalty(PenaltyLevel::Heavier),
        }
    }
}

impl AssessmentFacts {
    /// Facts from a complete self-assessment (`None` while a question is unanswered). The
    /// answers give leave in days and initiatives with the level the person chose (grassroots
    /// when not asked, as in drafts from before the question); the caller adds what the award
    /// history records with [`Self::with_history`].
    pub fn from_answers(
        answers: &crate::domain::assessment::Answers,
        year: i32,
        hire_date: NaiveDate,
        prior_consecutive_cstdcs_years: u32,
    ) -> Option<Self> {
        Some(AssessmentFacts {
            year,
            rating: answers.rating?,
            hire_date,
            leave: answers
                .leave
                .as_ref()?
                .iter()
                .map(|leave| Leave {
                    kind: leave.kind,
                    span: LeaveSpan::Days(leave.days),
                })
                .collect(),
            discipline: Discipline::from_answer(answers.discipline?),
            initiatives: answers
                .initiatives
                .as_ref()?
                .iter()
                .map(|initiative| Initiative {
                    title: initiative.title.clone(),
                    decision_number: initiative.decision_number.clone(),
                    decision_date: initiative.decision_date,
                    scope: initiative.scope.unwrap_or(InitiativeScope::Grassroots),
                    used_for: None,
                })
                .collect(),
            accepted_research: answers.research_projects?,
            prior_consecutive_cstdcs_years,
            prior_streak_cut_by_penalty: false,
        })
    }
}
