//! The presentation the services are wired with at start ([`crate::services::present::Present`]):
//! the record texts from `texts`, the result files from this module's sheets.

use super::{CSV_MIME, XLSX_MIME};
use crate::domain::language::Lang;
use crate::domain::rules::Verdict;
use crate::domain::title::Title;
use crate::org::Org;
use crate::services::present::{Present, PresentError};
use crate::storage::decisions::Decision;
use crate::storage::exports::NominationRow;
use crate::storage::outbox::Attachment;
use crate::texts;

/// Vietnamese texts and XLSX/CSV files, as the department files them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Presenter;

impl Present for Presenter {
    fn verdict_record(&self, verdict: &Verdict) -> String {
        texts::verdict::verdict(Lang::Vi, verdict)
    }

    fn collective_failed_note(&self, title: Title) -> String {
        texts::ballot::collective_failed_note(title)
    }

    fn collective_unsupported_at_approval_note(&self, title: Title) -> String {
        texts::decision::collective_unsupported_note(title)
    }

    fn collective_unsupported_note(
        &self,
        title: Title,
        member: &str,
        member_title: Title,
    ) -> String {
        texts::appraisal::collective_unsupported_note(title, member, member_title)
    }

    fn publication_posts(
        &self,
        org: &Org,
        year: i32,
        decision: &Decision,
        rows: &[NominationRow],
    ) -> Vec<String> {
        let text = texts::publication::group_text(org, year, decision, rows);
        texts::publication::numbered_parts(&text)
    }

    fn publication_files(
        &self,
        org: &Org,
        year: i32,
        decision: &Decision,
        rows: &[NominationRow],
    ) -> Result<Vec<Attachment>, PresentError> {
        // These files go to every unit and the province: recognised titles only, no figures.
        let sheet = super::public_results_sheet(rows, org, decision);
        Ok(vec![
            Attachment {
                file_name: format!("ket-qua-thi-dua-{year}.xlsx"),
                mime_type: XLSX_MIME.to_owned(),
                content: super::to_xlsx(std::slice::from_ref(&sheet))?,
            },
            Attachment {
                file_name: format!("ket-qua-thi-dua-{year}.csv"),
                mime_type: CSV_MIME.to_owned(),
                content: super::to_csv(&sheet)?,
            },
        ])
    }
}
