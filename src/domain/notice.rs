//! What a queued message says, as data: a kind and its parameters, never text. Services queue a
//! [`Notice`] in the outbox; the notifier renders it when it sends, in the language the recipient
//! has chosen by then, with the keyboard the notice calls for.
//!
//! Stored as JSON in `outbox.notice`; variants are tagged by `kind` and new fields must have a
//! default, so a row queued by an earlier version still renders.

use super::title::Title;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// To a reviewer: someone handed in a self-assessment.
    AssessmentSubmitted {
        name: String,
        unit: String,
        version: i64,
    },
    /// To a member: their reviewer approved (`returned_with: None`) or returned the assessment.
    ReviewDecision {
        reviewer: String,
        returned_with: Option<String>,
    },
    /// To the secretaries: a unit recorded its review meeting.
    MeetingSubmitted {
        unit_name: String,
        head: String,
        held_on: NaiveDate,
        individual: usize,
        #[serde(with = "title_code::option")]
        collective: Option<Title>,
    },
    /// To a unit head: the secretary reopened the unit's meeting.
    MeetingReopened {
        unit_name: String,
        secretary: String,
    },
    /// To a unit head: the secretary returned one of the unit's nominations.
    NominationReturned {
        nominee: String,
        #[serde(with = "title_code")]
        title: Title,
        reason: String,
        secretary: String,
    },
    /// To the secretaries: the director sent the results back.
    DecisionSentBack { director: String, comment: String },
    /// To a council member: one ballot paper, with the agree / disagree buttons.
    BallotPaper {
        paper: BallotPaper,
        index: usize,
        total: usize,
        /// The ballot's nonce, carried by the buttons.
        nonce: u32,
    },
    /// To a nominee: the director's decision on their nomination (`status`: the nomination's,
    /// `approved`, `failed` or `rejected`).
    PublicationResult {
        #[serde(with = "title_code")]
        title: Title,
        status: String,
        decision_number: Option<String>,
        decided_on: Option<NaiveDate>,
    },
    /// To the secretaries and the director: the ballot closed.
    BallotClosed { items: usize, passed: usize },
}

/// What a ballot paper shows about one nominee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotPaper {
    pub nomination: i64,
    #[serde(with = "title_code")]
    pub title: Title,
    pub nominee: String,
    pub unit: String,
    pub summary: String,
}

/// Titles are stored by their code (`LDTT`, …), the same spelling as everywhere else.
mod title_code {
    use super::Title;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(title: &Title, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(title.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Title, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Title::parse(&raw).map_err(serde::de::Error::custom)
    }

    pub mod option {
        use super::Title;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(
            title: &Option<Title>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match title {
                Some(title) => serializer.serialize_some(title.code()),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Title>, D::Error> {
            Option::<String>::deserialize(deserializer)?
                .map(|raw| Title::parse(&raw).map_err(serde::de::Error::custom))
                .transpose()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_survives_its_json() {
        let notice = Notice::MeetingSubmitted {
            unit_name: "Văn phòng".into(),
            head: "Lê Quốc Bảo".into(),
            held_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            individual: 3,
            collective: Some(Title::Tldtt),
        };
        let json = serde_json::to_string(&notice).unwrap();
        assert!(json.contains("\"kind\":\"meeting_submitted\""), "{json}");
        assert!(json.contains("\"TLDTT\""), "{json}");
        assert_eq!(serde_json::from_str::<Notice>(&json).unwrap(), notice);
    }
}
