//! Ratios, shares and quotas with exact arithmetic. A share is kept as a fraction (`2/3` stays
//! two thirds, `0.70` becomes 7/10), so "at least two thirds of 9 members" is decided on whole
//! numbers, never on a rounded float.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// A share between 0 and 1, written in a rule file as a number (`0.70`), a percentage string
/// (`"70%"`) or a fraction string (`"2/3"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub num: u64,
    pub den: u64,
    /// Written as `"a/b"`: shown back the same way (2/3 has no exact percentage).
    pub as_fraction: bool,
}

impl Share {
    pub fn new(num: u64, den: u64) -> Self {
        let divisor = gcd(num, den).max(1);
        Share {
            num: num / divisor,
            den: den / divisor,
            as_fraction: false,
        }
    }

    /// The share in percent, for display (`66.67` for 2/3).
    pub fn percent(self) -> f64 {
        self.num as f64 * 100.0 / self.den as f64
    }

    /// `share × count` as a whole number under `rounding` (`Exact` floors: a count is whole).
    pub fn of(self, count: u32, rounding: Rounding) -> u32 {
        let product = u128::from(count) * u128::from(self.num);
        let den = u128::from(self.den);
        let whole = match rounding {
            Rounding::Exact | Rounding::Floor => product / den,
            Rounding::Ceil => product.div_ceil(den),
            // Half up: 1.5 → 2, 1.05 → 1.
            Rounding::Round => (2 * product + den) / (2 * den),
        };
        u32::try_from(whole).unwrap_or(u32::MAX)
    }

    fn parse_text(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if let Some((num, den)) = raw.split_once('/') {
            let num: u64 = num.trim().parse().map_err(|_| bad_share(raw))?;
            let den: u64 = den.trim().parse().map_err(|_| bad_share(raw))?;
            if den == 0 || num > den {
                return Err(format!("`{raw}` must be a fraction between 0 and 1"));
            }
            let mut share = Share::new(num, den);
            share.as_fraction = true;
            return Ok(share);
        }
        if let Some(percent) = raw.strip_suffix('%') {
            let value: f64 = percent.trim().parse().map_err(|_| bad_share(raw))?;
            return Share::from_decimal(value / 100.0);
        }
        Err(bad_share(raw))
    }

    /// Up to six decimals are exact; a longer decimal (0.6666667) is refused in favour of "2/3".
    fn from_decimal(value: f64) -> Result<Self, String> {
        if !value.is_finite() || !(0.0..=1.0).contains(&value) {
            return Err(format!("{value} must be between 0 and 1"));
        }
        let scaled = value * 1_000_000.0;
        if (scaled - scaled.round()).abs() > 1e-6 {
            return Err(format!(
                "{value} has more than six decimals; write a fraction such as \"2/3\" instead"
            ));
        }
        Ok(Share::new(scaled.round() as u64, 1_000_000))
    }
}

fn bad_share(raw: &str) -> String {
    format!("`{raw}` is not a share: write 0.70, \"70%\" or \"2/3\"")
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShareVisitor;
        impl Visitor<'_> for ShareVisitor {
            type Value = Share;
            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a share between 0 and 1: 0.70, \"70%\" or \"2/3\"")
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Share, E> {
                Share::from_decimal(value).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Share, E> {
                Share::from_decimal(value as f64).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Share, E> {
                Share::from_decimal(value as f64).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Share, E> {
                Share::parse_text(value).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(ShareVisitor)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    Gt,
    Ge,
    Lt,
    Le,
    Eq,
}

impl Comparator {
    pub fn holds<T: Ord>(self, left: T, right: T) -> bool {
        match self {
            Comparator::Gt => left > right,
            Comparator::Ge => left >= right,
            Comparator::Lt => left < right,
            Comparator::Le => left <= right,
            Comparator::Eq => left == right,
        }
    }
}

/// How `share × denominator` becomes a whole number of people. `none` (`Exact`) compares the
/// fraction itself: 5 of 7 is 71.4%, which is ≥ 70%.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    #[serde(rename = "none")]
    Exact,
    Floor,
    Round,
    Ceil,
}

/// Where a ratio is counted: within one unit (phòng, đơn vị) or across the department (Sở).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Unit,
    Department,
}

/// The counts a ratio may be built from. Which ones a given rule accepts is checked at load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// Members of the unit (thành viên của tập thể).
    UnitMembers,
    /// Members who achieve Lao động tiên tiến this year.
    LdttAchievers,
    /// Members rated "hoàn thành nhiệm vụ" or better.
    TaskCompleters,
    /// Members who achieve Chiến sĩ thi đua cơ sở this year.
    CstdcsAchievers,
    /// Women among the members.
    WomenMembers,
    /// Members present at a meeting.
    Present,
    /// Yes-votes cast for a nominee.
    YesVotes,
    /// The council's total membership (thành viên Hội đồng), present or not.
    CouncilMembers,
}

impl Quantity {
    pub fn code(self) -> &'static str {
        match self {
            Quantity::UnitMembers => "unit_members",
            Quantity::LdttAchievers => "ldtt_achievers",
            Quantity::TaskCompleters => "task_completers",
            Quantity::CstdcsAchievers => "cstdcs_achievers",
            Quantity::WomenMembers => "women_members",
            Quantity::Present => "present",
            Quantity::YesVotes => "yes_votes",
            Quantity::CouncilMembers => "council_members",
        }
    }
}

/// `numerator / denominator <comparator> value`, e.g. LĐTT achievers / unit members ≥ 70%.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratio {
    pub numerator: Quantity,
    pub denominator: Quantity,
    pub comparator: Comparator,
    pub value: Share,
    pub rounding: Rounding,
    pub scope: Scope,
}

impl Ratio {
    /// With `rounding = none` the fraction is compared exactly; otherwise `value × denominator`
    /// is rounded to a whole count first and the numerator compared with that count. An empty
    /// denominator never satisfies a ratio.
    pub fn holds(&self, numerator: u32, denominator: u32) -> bool {
        if denominator == 0 {
            return false;
        }
        match self.rounding {
            Rounding::Exact => {
                let left = u128::from(numerator) * u128::from(self.value.den);
                let right = u128::from(self.value.num) * u128::from(denominator);
                self.comparator.holds(left, right)
            }
            rounding => self
                .comparator
                .holds(numerator, self.value.of(denominator, rounding)),
        }
    }
}

/// A whole-number comparison: "at least one member is CSTĐCS".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    pub of: Quantity,
    pub comparator: Comparator,
    pub value: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_thirds_is_exact() {
        let ratio = Ratio {
            numerator: Quantity::Present,
            denominator: Quantity::UnitMembers,
            comparator: Comparator::Ge,
            value: Share::parse_text("2/3").unwrap(),
            rounding: Rounding::Exact,
            scope: Scope::Unit,
        };
        assert!(ratio.holds(6, 9));
        assert!(!ratio.holds(5, 9));
        assert!(ratio.holds(2, 3));
    }

    #[test]
    fn shares_parse_from_numbers_percentages_and_fractions() {
        assert_eq!(Share::parse_text("70%").unwrap(), Share::new(7, 10));
        assert_eq!(Share::from_decimal(0.15).unwrap(), Share::new(3, 20));
        assert!(Share::from_decimal(0.6666667).is_err());
        assert!(Share::parse_text("3/2").is_err());
        assert!(Share::from_decimal(1.5).is_err());
    }
}
