//! The year's papers from the campaign's records (`thidua document KIND`, and the secretary's
//! and the director's /vanban in chat): each kind gathers its rows here and is worded by
//! `texts::documents`, then written as a Word document ([`super::docx`]) — or, for the
//! statistics, as a workbook.

use super::{DOCX_MIME, XLSX_MIME, to_docx_many, to_xlsx};
use crate::domain::campaign::Campaign;
use crate::domain::person::PersonId;
use crate::domain::role::Role;
use crate::domain::rules::Rules;
use crate::domain::title::Title;
use crate::org::Org;
use crate::storage::exports::{self, NominationRow};
use crate::storage::{self, Connection, StorageError};
use crate::texts::documents::{self, Letterhead, Listed};
use crate::texts::paper::Paper;

pub use crate::domain::paper::{PaperKind, PaperMissing};

/// A finished file.
#[derive(Debug, Clone)]
pub struct Document {
    pub file_name: String,
    pub mime_type: &'static str,
    pub content: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The paper cannot be made yet (`texts::papers::missing` says why).
    #[error("not yet: {0:?}")]
    NotYet(PaperMissing),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Export(#[from] super::ExportError),
}

impl From<std::io::Error> for DocumentError {
    fn from(error: std::io::Error) -> Self {
        DocumentError::Export(error.into())
    }
}

/// Who issues the department's papers, from the organisation file.
pub(crate) fn letterhead(org: &Org) -> Letterhead<'_> {
    Letterhead {
        superior: &org.superior,
        department: &org.department,
        symbol: &org.symbol,
        place: &org.place,
    }
}

fn title_rank(code: &str) -> usize {
    Title::ALL
        .iter()
        .position(|title| title.code() == code)
        .unwrap_or(Title::ALL.len())
}

/// The rows whose status is one of `statuses` and whose title goes `upward` or not, as a list
/// in print order: by title, then (already) by unit order and Vietnamese name.
fn listed(rows: &[NominationRow], statuses: &[&str], upward: bool) -> Vec<Listed> {
    let mut chosen: Vec<&NominationRow> = rows
        .iter()
        .filter(|row| statuses.contains(&row.status.as_str()))
        .filter(|row| Title::code_decided_upward(&row.title) == upward)
        .collect();
    chosen.sort_by_key(|row| title_rank(&row.title));
    chosen
        .into_iter()
        .map(|row| Listed {
            title: row.title.clone(),
            unit_code: row.unit_code.clone(),
            name: row.full_name.clone(),
            position: row.position.clone(),
        })
        .collect()
}

async fn first_with(conn: &mut Connection, role: Role) -> Result<Option<String>, StorageError> {
    Ok(storage::people::list_active_with_role(conn, role)
        .await?
        .into_iter()
        .next()
        .map(|person| person.full_name))
}

/// A paper for the chat, under the leave the service gave (`services::papers::authorise`).
pub async fn for_chat(
    ctx: &crate::services::Ctx,
    licence: &crate::services::papers::PaperLicence,
    kind: PaperKind,
    person: Option<&str>,
) -> Result<Document, DocumentError> {
    let mut conn = ctx.db.read().await?;
    document(
        &mut conn,
        &ctx.org,
        licence.campaign(),
        licence.rules(),
        kind,
        person,
    )
    .await
}

/// What a kind is made of before it is written: papers, or (the statistics) tables.
#[derive(Debug, Clone)]
pub enum Made {
    Papers(Vec<Paper>),
    Sheets(Vec<super::Sheet>),
}

/// One paper of `kind` for `campaign` as a file; `person` (an employee code) narrows the
/// reports to one.
pub async fn document(
    conn: &mut Connection,
    org: &Org,
    campaign: &Campaign,
    rules: &Rules,
    kind: PaperKind,
    person: Option<&str>,
) -> Result<Document, DocumentError> {
    let year = campaign.year;
    match make(conn, org, campaign, rules, kind, person).await? {
        Made::Sheets(sheets) => Ok(Document {
            file_name: format!("thong-ke-thi-dua-{year}.xlsx"),
            mime_type: XLSX_MIME,
            content: to_xlsx(&sheets)?,
        }),
        Made::Papers(papers) => {
            let stem = match person {
                Some(code) if kind == PaperKind::Reports => {
                    format!("{}-{year}-{code}", kind.slug())
                }
                _ => format!("{}-{year}", kind.slug()),
            };
            Ok(Document {
                file_name: format!("{stem}.docx"),
                mime_type: DOCX_MIME,
                content: to_docx_many(&papers)?,
            })
        }
    }
}

/// The papers (or tables) of `kind`, before they are written.
pub async fn make(
    conn: &mut Connection,
    org: &Org,
    campaign: &Campaign,
    rules: &Rules,
    kind: PaperKind,
    person: Option<&str>,
) -> Result<Made, DocumentError> {
    let year = campaign.year;
    let unit_name = |code: &str| org.unit_name(code);
    let papers: Vec<Paper> = match kind {
        PaperKind::Minutes => {
            vec![super::minutes::minutes_paper(conn, org, campaign, rules).await?]
        }
        PaperKind::Submission => {
            let rows = exports::nominations(conn, year).await?;
            let recommended = ["passed", "valid", "approved", "rejected"];
            let meeting_day = exports::ballot_frame(conn, year)
                .await?
                .and_then(|frame| frame.closed_at)
                .map(crate::texts::export::local_day);
            let secretary = first_with(conn, Role::Secretary).await?;
            vec![documents::submission::paper(
                &documents::submission::Submission {
                    letterhead: letterhead(org),
                    year,
                    meeting_day,
                    secretary: secretary.as_deref(),
                    recognised: &listed(&rows, &recommended, false),
                    upward: &listed(&rows, &recommended, true),
                    unit_name: &unit_name,
                },
            )]
        }
        PaperKind::Decision => {
            let rows = exports::nominations(conn, year).await?;
            let approval = exports::decisions(conn, year)
                .await?
                .into_iter()
                .find(|decision| decision.outcome == "approved");
            // Before the approval the paper is the draft: the council's recommendation.
            let statuses: &[&str] = if approval.is_some() {
                &["approved"]
            } else {
                &["passed", "valid"]
            };
            let director = match &approval {
                Some(approval) => Some(approval.decided_by.clone()),
                None => first_with(conn, Role::Director).await?,
            };
            vec![documents::decision::paper(&documents::decision::Decision {
                letterhead: letterhead(org),
                year,
                basis: &rules.rule_set.basis,
                number: approval.as_ref().and_then(|a| a.number.as_deref()),
                day: approval.as_ref().and_then(|a| a.decided_on),
                director: director.as_deref(),
                listed: &listed(&rows, statuses, false),
                unit_name: &unit_name,
            })]
        }
        PaperKind::Proposal => {
            let Some(proposal) = storage::proposals::find(conn, year).await? else {
                return Err(DocumentError::NotYet(PaperMissing::Proposal));
            };
            let rows = exports::nominations(conn, year).await?;
            let approval = exports::decisions(conn, year)
                .await?
                .into_iter()
                .find(|decision| decision.outcome == "approved");
            let decision = approval
                .as_ref()
                .and_then(|a| Some((a.number.as_deref()?, a.decided_on?)));
            vec![documents::proposal::paper(&documents::proposal::Proposal {
                letterhead: letterhead(org),
                year,
                number: proposal.sent_number.as_deref(),
                day: proposal.sent_on,
                decision,
                director: approval.as_ref().map(|a| a.decided_by.as_str()),
                listed: &listed(&rows, &["approved"], true),
                unit_name: &unit_name,
            })]
        }
        PaperKind::Reports => reports(conn, org, year, person).await?,
        PaperKind::Statistics => {
            return Ok(Made::Sheets(
                super::statistics::sheets(conn, org, year).await?,
            ));
        }
    };
    Ok(Made::Papers(papers))
}

/// The báo cáo thành tích of each person proposed for CSTĐ cơ sở or higher (or of the one
/// person asked for), in list order.
async fn reports(
    conn: &mut Connection,
    org: &Org,
    year: i32,
    person: Option<&str>,
) -> Result<Vec<Paper>, DocumentError> {
    let rows = exports::nominations(conn, year).await?;
    let needs_report = [Title::Cstdcs, Title::CstdTinh].map(Title::code);
    let live = ["valid", "passed", "approved"];
    // Each person once, with the highest title proposed.
    let mut people: Vec<(i64, String)> = Vec::new();
    let mut ordered: Vec<&NominationRow> = rows.iter().collect();
    ordered.sort_by_key(|row| std::cmp::Reverse(title_rank(&row.title)));
    for row in ordered {
        let (Some(id), Some(code)) = (row.person_id, row.employee_code.as_deref()) else {
            continue;
        };
        let wanted = match person {
            Some(asked) => asked == code,
            None => {
                needs_report.contains(&row.title.as_str()) && live.contains(&row.status.as_str())
            }
        };
        if wanted && !people.iter().any(|(seen, _)| *seen == id) {
            people.push((id, row.title.clone()));
        }
    }
    // Back to the list's order: by unit order and name (the rows' order).
    people.sort_by_key(|(id, _)| rows.iter().position(|row| row.person_id == Some(*id)));
    if people.is_empty() {
        return Err(DocumentError::NotYet(match person {
            Some(code) => PaperMissing::PersonNotNominated(code.to_owned()),
            None => PaperMissing::Reports,
        }));
    }
    let heads = storage::people::list_active_with_role(conn, Role::UnitHead).await?;
    let mut papers = Vec::new();
    for (id, title) in people {
        let Some(who) = storage::people::find_by_id(conn, PersonId(id)).await? else {
            continue;
        };
        let answers = storage::assessments::latest_version(conn, year, who.id)
            .await?
            .map(|version| version.answers);
        let history = storage::history::for_person(conn, id).await?;
        let head = heads
            .iter()
            .find(|head| head.unit_code == who.unit_code && head.id != who.id)
            .map(|head| head.full_name.clone());
        let unit = org.unit_name(&who.unit_code);
        papers.push(documents::report::paper(&documents::report::Report {
            year,
            place: &org.place,
            department: &org.department,
            name: &who.full_name,
            gender: who.gender,
            position: &who.position,
            unit: &unit,
            hire_date: who.hire_date,
            title: &title,
            answers: answers.as_ref(),
            history: &history.entries,
            head: head.as_deref(),
        }));
    }
    Ok(papers)
}
