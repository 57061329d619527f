//! Parsing what people type during the self-assessment. Each parser returns a typed value or an
//! [`InputError`] that `texts` turns into a sentence saying what is expected.

pub use crate::domain::limits::Limits;
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputError {
    Empty,
    TooShort { min: usize, got: usize },
    TooLong { max: usize, got: usize },
    NotANumber,
    OutOfRange { min: u32, max: u32 },
    NotADate,
    DateOutsideYear { year: i32 },
}

fn trimmed(raw: &str) -> Result<&str, InputError> {
    let text = raw.trim();
    if text.is_empty() {
        Err(InputError::Empty)
    } else {
        Ok(text)
    }
}

fn number_in(raw: &str, min: u32, max: u32) -> Result<u32, InputError> {
    let text = trimmed(raw)?;
    let value: u32 = text.parse().map_err(|_| InputError::NotANumber)?;
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(InputError::OutOfRange { min, max })
    }
}

fn text_within(raw: &str, min: usize, max: usize) -> Result<String, InputError> {
    let text = trimmed(raw)?;
    let chars = text.chars().count();
    if chars < min {
        return Err(InputError::TooShort { min, got: chars });
    }
    if chars > max {
        return Err(InputError::TooLong { max, got: chars });
    }
    Ok(text.to_owned())
}

pub fn parse_days(raw: &str) -> Result<u32, InputError> {
    number_in(raw, 1, Limits::MAX_LEAVE_DAYS)
}

pub fn parse_research_count(raw: &str) -> Result<u32, InputError> {
    number_in(raw, 0, Limits::MAX_RESEARCH_PROJECTS)
}

pub fn parse_initiative_title(raw: &str) -> Result<String, InputError> {
    text_within(
        raw,
        Limits::INITIATIVE_TITLE_MIN_CHARS,
        Limits::INITIATIVE_TITLE_MAX_CHARS,
    )
}

pub fn parse_decision_number(raw: &str) -> Result<String, InputError> {
    text_within(raw, 1, Limits::DECISION_NUMBER_MAX_CHARS)
}

/// What a reviewer writes when returning an assessment: enough to act on, short enough to read.
pub fn parse_review_comment(raw: &str) -> Result<String, InputError> {
    text_within(
        raw,
        Limits::REVIEW_COMMENT_MIN_CHARS,
        Limits::REVIEW_COMMENT_MAX_CHARS,
    )
}

pub fn parse_summary(raw: &str) -> Result<String, InputError> {
    text_within(raw, Limits::SUMMARY_MIN_CHARS, Limits::SUMMARY_MAX_CHARS)
}

/// A decision date written `dd/mm/yyyy` (or `d/m/yyyy`, `dd-mm-yyyy`), in the campaign's year or
/// the year before (initiatives recognised late last year still count).
pub fn parse_decision_date(raw: &str, campaign_year: i32) -> Result<NaiveDate, InputError> {
    let text = trimmed(raw)?;
    let date = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
        .ok_or(InputError::NotADate)?;
    use chrono::Datelike;
    if date.year() == campaign_year || date.year() == campaign_year - 1 {
        Ok(date)
    } else {
        Err(InputError::DateOutsideYear {
            year: campaign_year,
        })
    }
}
