//! Award history: the facts of past years that criteria needing years are judged on. A fact is
//! a title or award, a yearly task rating, a discipline penalty with its period, or an
//! initiative with its recognition level — each with the decision that recorded it.
//!
//! Everything here is pure: the history is read by storage and passed in whole.

use super::UnknownValue;
use super::rules::{InitiativeScope, PenaltyLevel, TaskRating, facts};
use super::title::Title;
use chrono::NaiveDate;

pub mod awards;
pub mod file;

/// What one history row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Title(Title),
    Award(Award),
    Rating(TaskRating),
    Penalty(PenaltyLevel),
    Initiative(InitiativeScope),
}

/// Commendation forms (hình thức khen thưởng), as opposed to emulation titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Award {
    /// Bằng khen của Chủ tịch UBND tỉnh.
    BangKhenTinh,
    /// Giấy khen của Giám đốc Sở.
    GiayKhen,
    /// Cờ thi đua của UBND tỉnh.
    CoThiDuaTinh,
}

impl Kind {
    pub const ALL: [Kind; 15] = [
        Kind::Title(Title::Ldtt),
        Kind::Title(Title::Cstdcs),
        Kind::Title(Title::CstdTinh),
        Kind::Title(Title::Tldtt),
        Kind::Title(Title::Tldxs),
        Kind::Award(Award::BangKhenTinh),
        Kind::Award(Award::GiayKhen),
        Kind::Award(Award::CoThiDuaTinh),
        Kind::Rating(TaskRating::Excellent),
        Kind::Rating(TaskRating::Good),
        Kind::Penalty(PenaltyLevel::Reprimand),
        Kind::Penalty(PenaltyLevel::Warning),
        Kind::Penalty(PenaltyLevel::Heavier),
        Kind::Initiative(InitiativeScope::Grassroots),
        Kind::Initiative(InitiativeScope::Province),
    ];

    /// The code used in history files and storage.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Title(title) => title.code(),
            Kind::Award(Award::BangKhenTinh) => "BK_TINH",
            Kind::Award(Award::GiayKhen) => "GK",
            Kind::Award(Award::CoThiDuaTinh) => "CO_TINH",
            Kind::Rating(TaskRating::Excellent) => "HTXSNV",
            Kind::Rating(TaskRating::Good) => "HTTNV",
            Kind::Rating(TaskRating::Completed) => "HTNV",
            Kind::Rating(TaskRating::NotCompleted) => "KHTNV",
            Kind::Penalty(PenaltyLevel::Reprimand) => "KHIEN_TRACH",
            Kind::Penalty(PenaltyLevel::Warning) => "CANH_CAO",
            Kind::Penalty(PenaltyLevel::Heavier) => "KY_LUAT_NANG",
            Kind::Initiative(InitiativeScope::Grassroots) => "SANG_KIEN_CO_SO",
            Kind::Initiative(InitiativeScope::Province) => "SANG_KIEN_TINH",
        }
    }

    pub fn parse(raw: &str) -> Result<Kind, UnknownValue> {
        let upper = raw.trim().to_uppercase();
        Kind::ALL
            .into_iter()
            .find(|kind| kind.code() == upper)
            .ok_or_else(|| UnknownValue::new("history kind", raw))
    }

    /// Whether a person, a unit, or either may hold it.
    pub fn for_person(self) -> bool {
        match self {
            Kind::Title(title) => title.holder() == super::title::Holder::Individual,
            Kind::Award(Award::CoThiDuaTinh) => false,
            _ => true,
        }
    }

    pub fn for_unit(self) -> bool {
        match self {
            Kind::Title(title) => title.holder() == super::title::Holder::Collective,
            Kind::Award(_) | Kind::Rating(_) => true,
            Kind::Penalty(_) | Kind::Initiative(_) => false,
        }
    }
}

/// Where a row came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `thidua history import`: past years from the records.
    Import,
    /// A decision the director made in the product (a campaign's approval, a Giấy khen, the
    /// province's decision entered back).
    Campaign,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Import => "import",
            Source::Campaign => "campaign",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownValue> {
        match raw {
            "import" => Ok(Source::Import),
            "campaign" => Ok(Source::Campaign),
            _ => Err(UnknownValue::new("history source", raw)),
        }
    }
}

/// One recorded fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub year: i32,
    pub kind: Kind,
    pub decision_number: String,
    pub decision_date: NaiveDate,
    /// Penalties: the last day in force.
    pub until: Option<NaiveDate>,
    /// Initiatives: the name; others: what it was for, possibly empty.
    pub description: String,
    /// Initiatives: the title or award it already backs ("CSTDCS 2025").
    pub backs: Option<String>,
    pub source: Source,
    /// Whether it may back a higher title or award. An ad-hoc Giấy khen may not (Decree
    /// 152/2025 Art. 4): it is shown, and no streak or criterion counts it.
    pub basis: bool,
}

impl Entry {
    /// A title or award given by a decision the product recorded itself (the director's
    /// approval, the province's decision entered back).
    pub fn decided(year: i32, kind: Kind, decision_number: &str, decision_date: NaiveDate) -> Self {
        Entry {
            year,
            kind,
            decision_number: decision_number.to_owned(),
            decision_date,
            until: None,
            description: String::new(),
            backs: None,
            source: Source::Campaign,
            basis: true,
        }
    }
}

/// One person's (or one unit's) history, in any order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub entries: Vec<Entry>,
}

impl History {
    pub fn new(entries: Vec<Entry>) -> Self {
        History { entries }
    }

    /// The day from which achievements count again: the day after the latest recorded
    /// penalty ends (Decree 152/2025 Art. 4). `None` without a penalty.
    pub fn counts_from(&self) -> Option<NaiveDate> {
        self.entries
            .iter()
            .filter(|entry| matches!(entry.kind, Kind::Penalty(_)))
            .filter_map(|entry| entry.until)
            .max()
            .map(|until| until.succ_opt().unwrap_or(until))
    }

    /// Whether an achievement of `year` counts: the year must end after the latest penalty
    /// has ended, so a title given for a year a penalty still covered in part (worked time
    /// counted from its end) counts, and the years before it do not.
    fn year_counts(&self, year: i32) -> bool {
        self.counts_from()
            .is_none_or(|from| facts::year_end(year) >= from)
    }

    /// Whether `year` holds a fact `wanted` that may serve as a basis (an ad-hoc result never
    /// does).
    fn holds(&self, year: i32, wanted: impl Fn(Kind) -> bool) -> bool {
        self.entries
            .iter()
            .any(|entry| entry.basis && entry.year == year && wanted(entry.kind))
    }

    /// Consecutive years, ending with `through`, for which `wanted` is recorded and which
    /// count after any penalty.
    pub fn streak_through(&self, through: i32, wanted: impl Fn(Kind) -> bool) -> Streak {
        let mut years = Vec::new();
        let mut year = through;
        while self.holds(year, &wanted) {
            if !self.year_counts(year) {
                years.reverse();
                return Streak {
                    years,
                    cut_by_penalty: true,
                };
            }
            years.push(year);
            year -= 1;
        }
        years.reverse();
        Streak {
            years,
            cut_by_penalty: false,
        }
    }

    /// CSTĐCS years (a CSTĐ cấp tỉnh year includes one) running up to `through`.
    pub fn cstdcs_streak(&self, through: i32) -> Streak {
        self.streak_through(through, |kind| {
            matches!(kind, Kind::Title(Title::Cstdcs | Title::CstdTinh))
        })
    }

    /// The penalty whose period touches `year`, with its last day: the record the campaign
    /// year's discipline is judged on when one exists.
    pub fn penalty_in(&self, year: i32) -> Option<(PenaltyLevel, NaiveDate)> {
        self.entries
            .iter()
            .filter_map(|entry| match (entry.kind, entry.until) {
                (Kind::Penalty(level), Some(until))
                    if entry.decision_date <= facts::year_end(year)
                        && until >= facts::year_start(year) =>
                {
                    Some((level, until))
                }
                _ => None,
            })
            .max()
    }

    /// The recorded initiative that is the same as `initiative` (same decision and name).
    pub fn initiative(&self, initiative: &facts::Initiative) -> Option<&Entry> {
        let key = initiative.key();
        self.entries.iter().find(|entry| {
            matches!(entry.kind, Kind::Initiative(_))
                && facts::Initiative::key_of(&entry.decision_number, &entry.description) == key
        })
    }

    /// The titles and awards of the `count` years before `year`, newest first, each year
    /// with its entries (ratings, penalties and initiatives left out).
    pub fn recent_awards(&self, year: i32, count: i32) -> Vec<(i32, Vec<&Entry>)> {
        ((year - count)..year)
            .rev()
            .map(|past| {
                let mut held: Vec<&Entry> = self
                    .entries
                    .iter()
                    .filter(|entry| {
                        entry.year == past && matches!(entry.kind, Kind::Title(_) | Kind::Award(_))
                    })
                    .collect();
                held.sort_by_key(|entry| Kind::ALL.iter().position(|kind| *kind == entry.kind));
                (past, held)
            })
            .collect()
    }
}

/// A run of consecutive years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Streak {
    /// Oldest first.
    pub years: Vec<i32>,
    /// The run went further back but a penalty's end stopped the count.
    pub cut_by_penalty: bool,
}

impl Streak {
    pub fn len(&self) -> u32 {
        self.years.len() as u32
    }

    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }
}

impl facts::AssessmentFacts {
    /// The facts with what the history knows: the CSTĐCS years before the campaign year, a
    /// recorded penalty's real period (the answers carry no dates), and each initiative's
    /// recorded level and earlier use. Recorded facts win over answers: they carry a decision.
    pub fn with_history(mut self, history: &History) -> Self {
        let streak = history.cstdcs_streak(self.year - 1);
        self.prior_consecutive_cstdcs_years = streak.len();
        self.prior_streak_cut_by_penalty = streak.cut_by_penalty;
        if self.discipline != facts::Discipline::UnderReview
            && let Some((level, until)) = history.penalty_in(self.year)
        {
            self.discipline = facts::Discipline::Penalty {
                level,
                ends: Some(until),
            };
        }
        for initiative in &mut self.initiatives {
            if let Some(recorded) = history.initiative(initiative) {
                if let Kind::Initiative(scope) = recorded.kind {
                    initiative.scope = initiative.scope.max(scope);
                }
                // Backing this same year's title is this campaign's own use, not an earlier one.
                let earlier = recorded
                    .backs
                    .as_ref()
                    .filter(|backs| file::backs_year(backs) != Some(self.year));
                if initiative.used_for.is_none() {
                    initiative.used_for = earlier.cloned();
                }
            }
        }
        self
    }
}

#[cfg(test)]
mod tests;
