//! What a service must put into words or files inside its own transaction, without rendering it
//! itself (services sit below `texts` and `export`). The service decides *when*: the verdicts a
//! person read are stored with the submission they made, the machine's note goes onto the
//! nomination it failed, the published posts and result files are queued in the approval's
//! transaction so nothing is lost. The presentation layer, wired in at start, decides *what it
//! says*: see `export::presenter`.
//!
//! Person-to-person messages do not come here: they are queued as typed notices and rendered by
//! the notifier at send time, in the recipient's language then. What comes here is written once
//! for the record, in Vietnamese, the record's language.

use crate::domain::rules::Verdict;
use crate::domain::title::Title;
use crate::org::Org;
use crate::storage::decisions::Decision;
use crate::storage::exports::NominationRow;
use crate::storage::outbox::Attachment;

pub type PresentError = Box<dyn std::error::Error + Send + Sync>;

pub trait Present: Send + Sync {
    /// One verdict as the person read it when submitting, kept with the submitted version so a
    /// later change of the rules cannot rewrite what they were shown.
    fn verdict_record(&self, verdict: &Verdict) -> String;

    /// The note on a collective nomination that failed after the members' ballot.
    fn collective_failed_note(&self, title: Title) -> String;

    /// The note on a collective nomination that failed at the director's approval: its
    /// members' titles, as appraisal and the ballot left them, no longer meet its share.
    fn collective_unsupported_at_approval_note(&self, title: Title) -> String;

    /// The note on a collective nomination returned with a member's (`member` held
    /// `member_title` in it): the unit no longer meets the collective title's share.
    fn collective_unsupported_note(
        &self,
        title: Title,
        member: &str,
        member_title: Title,
    ) -> String;

    /// The group posts announcing the results, in order, each within Telegram's limit.
    fn publication_posts(
        &self,
        org: &Org,
        year: i32,
        decision: &Decision,
        rows: &[NominationRow],
    ) -> Vec<String>;

    /// The result files e-mailed to the unit heads and the provincial council.
    fn publication_files(
        &self,
        org: &Org,
        year: i32,
        decision: &Decision,
        rows: &[NominationRow],
    ) -> Result<Vec<Attachment>, PresentError>;
}
