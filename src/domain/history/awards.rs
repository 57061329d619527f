//! Commendations judged on the award history alone: the provincial chairman's Bằng khen (Law
//! 06/2022 Art. 74, detailed by each province as rule data). The years counted are those on
//! record up to the year before the campaign's, after any penalty's end.

use super::{History, Kind};
use crate::domain::rules::TaskRating;
use crate::domain::rules::schema::{BangKhenPath, BangKhenRule};
use crate::domain::title::Title;

/// How far one path has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathProgress {
    pub path: BangKhenPath,
    /// The consecutive years on record, oldest first.
    pub years: Vec<i32>,
    /// Initiatives recognised in those years and not backing anything yet (excellent path).
    pub initiatives: u32,
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardVerdict {
    pub eligible: bool,
    /// The last year counted.
    pub through: i32,
    pub paths: Vec<PathProgress>,
    pub legal_ref: String,
}

pub fn bang_khen_individual(rule: &BangKhenRule, history: &History, year: i32) -> AwardVerdict {
    let through = year - 1;
    let paths: Vec<PathProgress> = rule
        .individual_any_of
        .iter()
        .map(|path| match *path {
            BangKhenPath::CstdcsYears(required) => {
                let streak = history.cstdcs_streak(through);
                PathProgress {
                    path: *path,
                    met: streak.len() >= required,
                    years: streak.years,
                    initiatives: 0,
                }
            }
            BangKhenPath::ExcellentYears { years, initiatives } => {
                let streak = history
                    .streak_through(through, |kind| kind == Kind::Rating(TaskRating::Excellent));
                let counted =
                    streak.years[streak.years.len().saturating_sub(years as usize)..].to_vec();
                let found = history
                    .entries
                    .iter()
                    .filter(|entry| {
                        matches!(entry.kind, Kind::Initiative(_))
                            && entry.backs.is_none()
                            && counted.contains(&entry.year)
                    })
                    .count() as u32;
                PathProgress {
                    path: *path,
                    met: streak.len() >= years && found >= initiatives,
                    years: streak.years,
                    initiatives: found,
                }
            }
        })
        .collect();
    AwardVerdict {
        eligible: paths.iter().any(|path| path.met),
        through,
        paths,
        legal_ref: rule.legal_ref.clone(),
    }
}

/// A collective: TLĐXS the rule's number of consecutive years.
pub fn bang_khen_collective(rule: &BangKhenRule, history: &History, year: i32) -> AwardVerdict {
    let through = year - 1;
    let streak = history.streak_through(through, |kind| kind == Kind::Title(Title::Tldxs));
    let required = rule.collective_tldxs_years;
    AwardVerdict {
        eligible: streak.len() >= required,
        through,
        paths: vec![PathProgress {
            path: BangKhenPath::CstdcsYears(required),
            met: streak.len() >= required,
            years: streak.years,
            initiatives: 0,
        }],
        legal_ref: rule.legal_ref.clone(),
    }
}
