//! A block's scoring table (bảng chấm điểm): groups of criteria, each with its maximum points and
//! the evidence it asks for, the total they add up to, and the tie-breaks of the ranking. It is a
//! file validated like the rule sets: anything wrong is refused with the place and the reason.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Points in tenths, so "8,5" is exact and sums never drift.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Points(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointsError {
    /// Not a number with at most one decimal.
    NotANumber,
    /// Above the criterion's maximum (carried, in tenths).
    AboveMax(Points),
}

impl Points {
    pub fn whole(points: u32) -> Self {
        Points(points * 10)
    }

    /// "8", "8,5" or "8.5"; never negative, at most one decimal, at most 1000.
    pub fn parse(raw: &str) -> Result<Self, PointsError> {
        let raw = raw.trim().replace(',', ".");
        let (whole, tenth) = match raw.split_once('.') {
            Some((whole, tenth)) => (whole, tenth),
            None => (raw.as_str(), "0"),
        };
        let digits = |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit());
        if !digits(whole) || !digits(tenth) || tenth.len() != 1 || whole.len() > 4 {
            return Err(PointsError::NotANumber);
        }
        let whole: u32 = whole.parse().map_err(|_| PointsError::NotANumber)?;
        let tenth: u32 = tenth.parse().map_err(|_| PointsError::NotANumber)?;
        if whole > 1000 {
            return Err(PointsError::NotANumber);
        }
        Ok(Points(whole * 10 + tenth))
    }

    pub fn at_most(self, max: Points) -> Result<Self, PointsError> {
        if self > max {
            Err(PointsError::AboveMax(max))
        } else {
            Ok(self)
        }
    }
}

/// Vietnamese writing: "8,5", "90".
impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 % 10 {
            0 => write!(f, "{}", self.0 / 10),
            tenth => write!(f, "{},{tenth}", self.0 / 10),
        }
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Self {
        Points(iter.map(|points| points.0).sum())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub code: String,
    pub text: String,
    pub max: Points,
    /// What the member attaches or cites to earn it.
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub code: String,
    pub name: String,
    pub criteria: Vec<Criterion>,
}

impl Group {
    pub fn max(&self) -> Points {
        self.criteria.iter().map(|criterion| criterion.max).sum()
    }
}

/// How members with the same total are ordered, in the order the table lists them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TieBreak {
    /// More points in this group first.
    Group(String),
    /// The sheet submitted earlier first.
    SubmittedFirst,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringTable {
    pub name: String,
    /// The guidance that sets the table (the department's or the province's).
    pub reference: String,
    pub total: Points,
    pub groups: Vec<Group>,
    pub tie_breaks: Vec<TieBreak>,
}

impl ScoringTable {
    pub fn criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.groups.iter().flat_map(|group| group.criteria.iter())
    }

    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria().find(|criterion| criterion.code == code)
    }

    pub fn group_of(&self, code: &str) -> Option<&Group> {
        self.groups.iter().find(|group| {
            group
                .criteria
                .iter()
                .any(|criterion| criterion.code == code)
        })
    }
}

/// One thing wrong in a scoring table: where (`groups[1].criteria[0]`, `tie_breaks`) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {reason}")]
pub struct TableProblem {
    pub place: String,
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    name: String,
    reference: String,
    total: u32,
    tie_breaks: Vec<String>,
    groups: Vec<RawGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    code: String,
    name: String,
    criteria: Vec<RawCriterion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    code: String,
    text: String,
    max: f64,
    evidence: String,
}

const MAX_TEXT: usize = 1000;
const MAX_CRITERIA: usize = 100;

/// Parses and validates a scoring table; every problem is listed.
pub fn parse_table(text: &str) -> Result<ScoringTable, Vec<TableProblem>> {
    let raw: RawTable = toml::from_str(text).map_err(|error| {
        vec![TableProblem {
            place: "(file)".to_owned(),
            reason: error.message().to_owned(),
        }]
    })?;
    let mut problems = Vec::new();
    let mut problem = |place: String, reason: &str| {
        problems.push(TableProblem {
            place,
            reason: reason.to_owned(),
        })
    };
    let text_ok = |text: &str| !text.trim().is_empty() && text.chars().count() <= MAX_TEXT;
    if !text_ok(&raw.name) {
        problem("name".into(), "must be 1 to 1000 characters");
    }
    if !text_ok(&raw.reference) {
        problem(
            "reference".into(),
            "every scoring table names the guidance that sets it",
        );
    }
    let mut codes = std::collections::HashSet::new();
    let mut groups = Vec::new();
    if raw.groups.is_empty() {
        problem(
            "groups".into(),
            "a table has at least one group of criteria",
        );
    }
    let count: usize = raw.groups.iter().map(|group| group.criteria.len()).sum();
    if count > MAX_CRITERIA {
        problem(
            "groups".into(),
            "at most 100 criteria: a chat cannot walk through more",
        );
    }
    for (g, group) in raw.groups.into_iter().enumerate() {
        let place = format!("groups[{g}]");
        if !codes.insert(group.code.clone()) || !code_ok(&group.code) {
            problem(
                format!("{place}.code"),
                "codes are unique, 1 to 10 characters without spaces",
            );
        }
        if !text_ok(&group.name) {
            problem(format!("{place}.name"), "must be 1 to 1000 characters");
        }
        if group.criteria.is_empty() {
            problem(
                format!("{place}.criteria"),
                "a group has at least one criterion",
            );
        }
        let mut criteria = Vec::new();
        for (c, criterion) in group.criteria.into_iter().enumerate() {
            let place = format!("{place}.criteria[{c}]");
            if !codes.insert(criterion.code.clone()) || !code_ok(&criterion.code) {
                problem(
                    format!("{place}.code"),
                    "codes are unique, 1 to 10 characters without spaces",
                );
            }
            if !text_ok(&criterion.text) {
                problem(format!("{place}.text"), "must be 1 to 1000 characters");
            }
            if !text_ok(&criterion.evidence) {
                problem(
                    format!("{place}.evidence"),
                    "say what evidence earns the points",
                );
            }
            let tenths = criterion.max * 10.0;
            if !((1.0..=10_000.0).contains(&tenths) && tenths.fract() == 0.0) {
                problem(
                    format!("{place}.max"),
                    "a positive number of points with at most one decimal",
                );
            }
            criteria.push(Criterion {
                code: criterion.code,
                text: criterion.text,
                max: Points(tenths.clamp(0.0, 10_000.0) as u32),
                evidence: criterion.evidence,
            });
        }
        groups.push(Group {
            code: group.code,
            name: group.name,
            criteria,
        });
    }
    let sum: Points = groups.iter().map(Group::max).sum();
    if sum != Points::whole(raw.total) {
        problem(
            "total".into(),
            &format!("the criteria's maxima add up to {sum}, not {}", raw.total),
        );
    }
    let mut tie_breaks = Vec::new();
    for (t, tie_break) in raw.tie_breaks.iter().enumerate() {
        let place = format!("tie_breaks[{t}]");
        match tie_break.split_once(':') {
            Some(("group", code)) if groups.iter().any(|group| group.code == code) => {
                tie_breaks.push(TieBreak::Group(code.to_owned()))
            }
            None if tie_break == "submitted_first" => tie_breaks.push(TieBreak::SubmittedFirst),
            _ => problem(
                place,
                "either \"group:<group code>\" or \"submitted_first\"",
            ),
        }
    }
    if tie_breaks
        .iter()
        .collect::<std::collections::HashSet<_>>()
        .len()
        != tie_breaks.len()
    {
        problem("tie_breaks".into(), "each tie-break is listed once");
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ScoringTable {
        name: raw.name,
        reference: raw.reference,
        total: Points::whole(raw.total),
        groups,
        tie_breaks,
    })
}

fn code_ok(code: &str) -> bool {
    (1..=10).contains(&code.chars().count()) && !code.chars().any(char::is_whitespace)
}
