//! The director's Giấy khen (Law 06/2022 Art. 75): for an individual or a collective with a
//! recognised achievement, periodic (theo định kỳ) or ad hoc (đột xuất), proposed at any time.
//! Who may propose for whom, what may be typed, and which step follows which. Ad-hoc results are
//! recorded in the history but are no basis for higher awards (Decree 152/2025 Art. 4).

use super::UnknownValue;
use super::limits::Limits;
use super::role::{Role, Roles};
use chrono::NaiveDate;

/// Periodic (at the end of a period or a movement) or ad hoc (đột xuất).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Occasion {
    Periodic,
    AdHoc,
}

impl Occasion {
    pub fn code(self) -> &'static str {
        match self {
            Occasion::Periodic => "periodic",
            Occasion::AdHoc => "ad_hoc",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownValue> {
        match raw {
            "periodic" => Ok(Occasion::Periodic),
            "ad_hoc" => Ok(Occasion::AdHoc),
            _ => Err(UnknownValue::new("commendation occasion", raw)),
        }
    }

    /// Whether the Giấy khen counts as a basis for higher awards: an ad-hoc one does not
    /// (Decree 152/2025 Art. 4).
    pub fn is_basis(self) -> bool {
        self == Occasion::Periodic
    }
}

/// Where a proposal stands. `Published` is the director's decision: deciding publishes in the
/// same transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Proposed,
    Agreed,
    Refused,
    Published,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Agreed => "agreed",
            Status::Refused => "refused",
            Status::Published => "published",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownValue> {
        match raw {
            "proposed" => Ok(Status::Proposed),
            "agreed" => Ok(Status::Agreed),
            "refused" => Ok(Status::Refused),
            "published" => Ok(Status::Published),
            _ => Err(UnknownValue::new("commendation status", raw)),
        }
    }

    /// The standing body appraises only what waits for it.
    pub fn may_appraise(self) -> bool {
        self == Status::Proposed
    }

    /// The director decides only what the standing body agreed to.
    pub fn may_decide(self) -> bool {
        self == Status::Agreed
    }
}

/// Whom a Giấy khen is for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Recipient {
    /// A person (by id).
    Person(i64),
    /// A unit (by code): a collective Giấy khen.
    Unit(String),
}

/// Whether someone holding `roles` in `own_unit` may propose a Giấy khen for a recipient of
/// `recipient_unit` (the person's unit, or the unit itself). The standing body proposes for
/// anyone; a unit head for the unit and its members; nobody for themself.
pub fn may_propose(roles: &Roles, own_unit: &str, recipient_unit: &str, for_self: bool) -> bool {
    if for_self {
        return false;
    }
    roles.has(Role::Secretary) || (roles.has(Role::UnitHead) && own_unit == recipient_unit)
}

/// Why a typed text was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedError {
    Empty,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    /// Control characters other than line breaks.
    Garbled,
}

fn within(raw: &str, min: usize, max: usize) -> Result<String, TypedError> {
    let text = raw.trim();
    let chars = text.chars().count();
    if chars == 0 {
        Err(TypedError::Empty)
    } else if text.chars().any(|c| c.is_control() && c != '\n') {
        Err(TypedError::Garbled)
    } else if chars < min {
        Err(TypedError::TooShort { min })
    } else if chars > max {
        Err(TypedError::TooLong { max })
    } else {
        Ok(text.to_owned())
    }
}

/// The achievement a Giấy khen is proposed for.
pub fn parse_achievement(raw: &str) -> Result<String, TypedError> {
    within(
        raw,
        Limits::ACHIEVEMENT_MIN_CHARS,
        Limits::ACHIEVEMENT_MAX_CHARS,
    )
}

/// Why the standing body refuses a proposal.
pub fn parse_refusal_reason(raw: &str) -> Result<String, TypedError> {
    within(
        raw,
        Limits::RETURN_REASON_MIN_CHARS,
        Limits::RETURN_REASON_MAX_CHARS,
    )
}

/// Why the director's typed "number date" was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionInputError {
    /// Not "number date": one part is missing.
    Incomplete,
    /// The number is empty, longer than the limit, or garbled.
    BadNumber,
    /// The date is not dd/mm/yyyy.
    NotADate,
    /// A decision cannot be signed after today.
    InTheFuture,
}

/// The director's decision as typed: "15/QĐ-SXD 20/10/2026" — the number (1–100 characters),
/// a space, the signing date (dd/mm/yyyy, not after `today`).
pub fn parse_decision(
    raw: &str,
    today: NaiveDate,
) -> Result<(String, NaiveDate), DecisionInputError> {
    let raw = raw.trim();
    let (number, date) = raw
        .rsplit_once(char::is_whitespace)
        .ok_or(DecisionInputError::Incomplete)?;
    let number = number.trim().trim_end_matches([',', ';']).trim();
    if number.is_empty() {
        return Err(DecisionInputError::Incomplete);
    }
    let date = NaiveDate::parse_from_str(date.trim(), "%d/%m/%Y")
        .map_err(|_| DecisionInputError::NotADate)?;
    check_decision(number, date, today)
}

/// The decision's number and date as given (the service's own check, whatever the transport
/// parsed): the number trimmed, 1–100 characters without control characters, the date not
/// after `today`.
pub fn check_decision(
    number: &str,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<(String, NaiveDate), DecisionInputError> {
    let number = number.trim();
    if number.is_empty()
        || number.chars().count() > Limits::COMMENDATION_NUMBER_MAX_CHARS
        || number.chars().any(char::is_control)
    {
        return Err(DecisionInputError::BadNumber);
    }
    if date > today {
        return Err(DecisionInputError::InTheFuture);
    }
    Ok((number.to_owned(), date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32, m: u32, y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn codes_round_trip_and_unknown_ones_are_refused() {
        for occasion in [Occasion::Periodic, Occasion::AdHoc] {
            assert_eq!(Occasion::parse(occasion.code()), Ok(occasion));
        }
        for status in [
            Status::Proposed,
            Status::Agreed,
            Status::Refused,
            Status::Published,
        ] {
            assert_eq!(Status::parse(status.code()), Ok(status));
        }
        assert!(Occasion::parse("adhoc").is_err());
        assert!(Status::parse("decided").is_err());
    }

    #[test]
    fn only_a_periodic_giay_khen_is_a_basis_for_higher_awards() {
        assert!(Occasion::Periodic.is_basis());
        assert!(!Occasion::AdHoc.is_basis());
    }

    #[test]
    fn each_step_follows_only_the_one_before() {
        assert!(Status::Proposed.may_appraise());
        assert!(!Status::Agreed.may_appraise() && !Status::Published.may_appraise());
        assert!(Status::Agreed.may_decide());
        for status in [Status::Proposed, Status::Refused, Status::Published] {
            assert!(!status.may_decide(), "{status:?}");
        }
    }

    #[test]
    fn a_head_proposes_within_the_unit_and_the_standing_body_for_anyone() {
        let head = Roles::new([Role::Staff, Role::UnitHead]);
        let secretary = Roles::new([Role::Staff, Role::Secretary]);
        let staff = Roles::new([Role::Staff]);
        let director = Roles::new([Role::Director]);
        assert!(may_propose(&head, "VP", "VP", false));
        assert!(!may_propose(&head, "VP", "TT", false));
        assert!(!may_propose(&head, "VP", "VP", true), "not for oneself");
        assert!(may_propose(&secretary, "VP", "TT", false));
        assert!(!may_propose(&secretary, "VP", "VP", true));
        assert!(!may_propose(&staff, "VP", "VP", false));
        assert!(!may_propose(&director, "VP", "VP", false));
    }

    #[test]
    fn the_achievement_is_bounded_and_trimmed() {
        assert_eq!(parse_achievement("   "), Err(TypedError::Empty));
        assert_eq!(
            parse_achievement("Tốt"),
            Err(TypedError::TooShort { min: 10 })
        );
        assert_eq!(
            parse_achievement(&"a".repeat(1001)),
            Err(TypedError::TooLong { max: 1000 })
        );
        assert_eq!(
            parse_achievement("Cứu hộ\u{0007} kịp thời"),
            Err(TypedError::Garbled)
        );
        assert_eq!(
            parse_achievement("  Xử lý kịp thời sự cố sập giàn giáo.\n"),
            Ok("Xử lý kịp thời sự cố sập giàn giáo.".to_owned())
        );
        assert!(parse_achievement(&"ă".repeat(1000)).is_ok());
    }

    #[test]
    fn the_decision_is_a_number_and_a_date_not_after_today() {
        let today = day(20, 10, 2026);
        assert_eq!(
            parse_decision("15/QĐ-SXD 20/10/2026", today),
            Ok(("15/QĐ-SXD".to_owned(), today))
        );
        assert_eq!(
            parse_decision("  15/QĐ-SXD,  01/10/2026 ", today),
            Ok(("15/QĐ-SXD".to_owned(), day(1, 10, 2026)))
        );
        assert_eq!(
            parse_decision("15/QĐ-SXD", today),
            Err(DecisionInputError::Incomplete)
        );
        assert_eq!(
            parse_decision("15/QĐ-SXD 21/10/2026", today),
            Err(DecisionInputError::InTheFuture)
        );
        assert_eq!(
            parse_decision("15/QĐ-SXD 2026-10-20", today),
            Err(DecisionInputError::NotADate)
        );
        assert_eq!(
            parse_decision("15/QĐ-SXD 31/02/2026", today),
            Err(DecisionInputError::NotADate)
        );
        let long = format!("{} 20/10/2026", "9".repeat(101));
        assert_eq!(
            parse_decision(&long, today),
            Err(DecisionInputError::BadNumber)
        );
        let longest = format!("{} 20/10/2026", "9".repeat(100));
        assert!(parse_decision(&longest, today).is_ok());
        // The service's own check of what a transport parsed.
        assert_eq!(
            check_decision("  ", today, today),
            Err(DecisionInputError::BadNumber)
        );
        assert_eq!(
            check_decision("15/QĐ-SXD", day(21, 10, 2026), today),
            Err(DecisionInputError::InTheFuture)
        );
    }
}
