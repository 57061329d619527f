//! What a queued message says, as data: a kind and its parameters, never text. Services queue a
//! [`Notice`] in the outbox; the notifier renders it when it sends, in the language the recipient
//! has chosen by then, with the keyboard the notice calls for.
//!
//! Stored as JSON in `outbox.notice`; variants are tagged by `kind` and new fields must have a
//! default, so a row queued by an earlier version still renders.

use super::commendation::Occasion;
use super::person::Gender;
use super::phase::{Phase, WindowState};
use super::reminders::{Offset, Task};
use super::title::Title;
use chrono::{DateTime, NaiveDate, Utc};
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
    /// To the secretaries: a unit head resent a returned nomination, saying what was completed.
    NominationResent {
        unit_name: String,
        nominee: String,
        #[serde(with = "title_code")]
        title: Title,
        head: String,
        note: String,
    },
    /// To the nominee: the standing body returned their nomination to the unit.
    OwnNominationReturned {
        #[serde(with = "gender_code")]
        gender: Gender,
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
    /// To a nominee (a unit's head for a collective title): the provincial chairman's decision
    /// on a title the department proposed upward.
    ProvinceDecision {
        #[serde(with = "title_code")]
        title: Title,
        awarded: bool,
        decision_number: String,
        decided_on: NaiveDate,
        /// The unit's name for a collective title.
        #[serde(default)]
        unit: Option<String>,
    },
    /// To the unit heads and the provincial council: the results, with the files attached to
    /// the row.
    PublicationEmail {
        year: i32,
        decision_number: Option<String>,
        decided_on: Option<NaiveDate>,
        /// Titles the director recognised.
        recognised: usize,
        /// Titles proposed to the provincial chairman (none in rows queued before the split).
        #[serde(default)]
        proposed_upward: usize,
    },
    /// To a council member the secretary recorded absent from the ballot, on every channel
    /// they have, so a member who is in fact present can object before a vote is entered.
    BallotAbsence { year: i32, secretary: String },
    /// To an absent council member, on every channel: the secretary entered their written
    /// votes on all `items` nominations (never what was chosen).
    WrittenVotesEntered {
        year: i32,
        secretary: String,
        items: usize,
    },
    /// To the secretaries and the director: the ballot closed.
    BallotClosed { items: usize, passed: usize },
    /// To everyone a phase concerns: its window was moved (`later`: the deadline is later).
    PhaseMoved {
        year: i32,
        phase: crate::domain::phase::Phase,
        opens: DateTime<Utc>,
        closes: DateTime<Utc>,
        later: bool,
    },
    /// To the people a closed phase was reopened for (their unit, or them alone).
    PhaseReopened {
        year: i32,
        phase: crate::domain::phase::Phase,
        until: DateTime<Utc>,
    },
    /// To a chat whose last update changed something, but whose reply died with the process
    /// (a crash between the commit and the answer): what was done is saved, and where to see it.
    UpdateInterrupted { at: DateTime<Utc> },
    /// To a person whose record was linked to another Telegram account with a new invite: on
    /// the old account's chat and by e-mail, so a takeover cannot pass unnoticed.
    AccountMoved {
        full_name: String,
        at: DateTime<Utc>,
    },
    /// To a person who still owes something in a phase; by Telegram it carries the button that
    /// starts the first task.
    Reminder {
        full_name: String,
        unit_name: String,
        phase: Phase,
        offset: Offset,
        deadline: DateTime<Utc>,
        /// When it fell due: the last-day reminder moved before a weekend deadline must not say
        /// "today is the last day".
        due_at: DateTime<Utc>,
        tasks: Vec<Task>,
        /// Addressed to an e-mail address (no button; the text says how to act).
        by_email: bool,
    },
    /// To a unit head: who in the unit still owes what, phase by phase.
    UnitDigest {
        unit_name: String,
        date: NaiveDate,
        blocks: Vec<Owing>,
    },
    /// To a secretary: who missed a phase's deadline.
    Escalation { missed: Owing },
    /// The e-mail that carries a person's invite link (in Vietnamese, like every invite).
    InviteEmail {
        full_name: String,
        #[serde(with = "gender_code")]
        gender: Gender,
        link: String,
        expires_at: DateTime<Utc>,
        bot_username: String,
        department: String,
        /// Who to ask for a new link.
        contact: String,
    },
    /// To the standing body: a Giấy khen was proposed and waits for appraisal.
    CommendationProposed {
        recipient: String,
        unit: String,
        occasion: Occasion,
        proposer: String,
    },
    /// To the director: the standing body agreed to a proposed Giấy khen; it waits for the
    /// decision.
    CommendationAgreed {
        recipient: String,
        unit: String,
        occasion: Occasion,
        secretary: String,
    },
    /// To the proposer: the standing body refused the proposal, with its reason.
    CommendationRefused {
        recipient: String,
        reason: String,
        secretary: String,
    },
    /// To the department's group: the director's Giấy khen, published.
    CommendationPublished {
        recipient: String,
        /// The recipient's unit, or the unit itself for a collective.
        unit: String,
        collective: bool,
        occasion: Occasion,
        achievement: String,
        decision_number: String,
        decided_on: NaiveDate,
    },
    /// To the recipient (a unit's head for a collective), on every channel: they were awarded
    /// the director's Giấy khen.
    CommendationAwarded {
        /// The unit's name for a collective.
        unit: Option<String>,
        occasion: Occasion,
        achievement: String,
        decision_number: String,
        decided_on: NaiveDate,
    },
    /// To the block's leader (or deputy, or the standing body): a member sent its scoring sheet.
    BlockSheetSent {
        block: String,
        member: String,
        /// The member's own total, written the Vietnamese way ("87,5").
        total: String,
    },
    /// To a member's contact: the cross-check changed a criterion's points, with its reason.
    BlockSheetAdjusted {
        member: String,
        criterion: String,
        own: String,
        checked: String,
        reason: String,
    },
    /// To a member's contact: the sheet was cross-checked; the total that counts.
    BlockSheetChecked { member: String, total: String },
    /// The block's confirmed ranking: to its group chat, each member's contact and mailbox.
    BlockResults {
        year: i32,
        block: String,
        lines: Vec<BlockResultLine>,
    },
    /// To a proposed member's contact and mailbox: the province's decision on the proposal.
    BlockProvinceDecision {
        member: String,
        /// CO_TINH or BK_TINH.
        award: String,
        awarded: bool,
        decision_number: String,
        decided_on: NaiveDate,
    },
    /// The periodic progress report, by phase and unit.
    ProgressReport {
        year: i32,
        campaign_name: String,
        date: NaiveDate,
        lines: Vec<ReportLine>,
    },
}

impl Notice {
    /// The same notice worded for an e-mail, for the one that replaces a Telegram message the
    /// person cannot receive: an e-mail has no buttons, so a reminder names its command instead.
    pub fn for_email(&self) -> Notice {
        match self {
            Notice::Reminder { .. } => {
                let mut notice = self.clone();
                if let Notice::Reminder { by_email, .. } = &mut notice {
                    *by_email = true;
                }
                notice
            }
            _ => self.clone(),
        }
    }

    /// What may stay in the outbox once the notice is delivered, when that differs from the
    /// notice: an invite link is the key to a person's account, so a delivered invite keeps
    /// everything but its link (a new invite is issued if the mail is lost). The threat is a
    /// copy of the database: the invite table holds only hashes, and this keeps the outbox from
    /// holding the codes in the clear.
    pub fn delivered_form(&self) -> Option<Notice> {
        match self {
            Notice::InviteEmail { .. } => {
                let mut kept = self.clone();
                if let Notice::InviteEmail { link, .. } = &mut kept {
                    *link = DELIVERED_LINK.to_owned();
                }
                Some(kept)
            }
            _ => None,
        }
    }
}

/// What replaces a delivered invite's link in the outbox.
pub const DELIVERED_LINK: &str = "(đã gửi; liên kết không được lưu lại)";

/// One phase's people who still owe something, by unit (units and people in display order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owing {
    pub phase: Phase,
    pub deadline: DateTime<Utc>,
    pub units: Vec<UnitOwing>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitOwing {
    pub unit_name: String,
    /// Each person's name and what they owe.
    pub people: Vec<(String, Vec<Task>)>,
}

/// One line of the progress report: a phase in a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub phase: Phase,
    pub state: WindowState,
    pub unit_name: String,
    pub done: usize,
    pub concerned: usize,
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

/// Genders are stored as `male` / `female`, their spelling in the people table.
mod gender_code {
    use super::Gender;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(gender: &Gender, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(gender.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Gender, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Gender::parse(&raw)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown gender `{raw}`")))
    }
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

/// One member's line of a block's ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockResultLine {
    pub rank: u32,
    pub member: String,
    pub total: String,
    /// CO_TINH or BK_TINH when proposed.
    pub proposed: Option<String>,
}
