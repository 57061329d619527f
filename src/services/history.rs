//! Award history: `thidua history import FILE` (all or nothing, like the staff import) and the
//! history a verdict is judged with. A campaign the director decides adds its own rows (see
//! [`record_decision`]).

use super::Ctx;
use crate::domain::history::file::{self, Holder, Known, LineError};
use crate::domain::history::{Entry, History, Kind};
use crate::domain::person::PersonId;
use crate::domain::time::local_date;
use crate::storage::audit::{self, Actor};
use crate::storage::{self, Connection, StorageError, StorageResult};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde_json::json;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    /// Rows that were already recorded (same holder, year, kind, decision and description):
    /// their dates and backing were refreshed, nothing doubled.
    pub updated: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is refused; nothing was written. Every bad line is listed, in file order.
    #[error("{} dòng lỗi / bad rows", .0.len())]
    Rejected(Vec<LineError>),
    #[error("database: {0}")]
    Database(#[from] StorageError),
}

/// Imports the file's bytes (CSV or XLSX) in one transaction.
pub async fn import(ctx: &Ctx, bytes: &[u8]) -> Result<ImportSummary, ImportError> {
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    let staff = storage::staff::list_all(&mut tx).await?;
    let codes: Vec<&str> = staff.iter().map(|p| p.employee_code.as_str()).collect();
    let units: Vec<&str> = ctx.org.units.iter().map(|u| u.code.as_str()).collect();
    let known = Known {
        employee_codes: &codes,
        unit_codes: &units,
        this_year: local_date(now).year(),
    };
    let rows = file::parse(bytes, &known).map_err(ImportError::Rejected)?;
    let mut summary = ImportSummary::default();
    for row in &rows {
        let (person, unit) = match &row.holder {
            Holder::Person(code) => (
                staff
                    .iter()
                    .find(|p| &p.employee_code == code)
                    .map(|p| p.id.0),
                None,
            ),
            Holder::Unit(code) => (None, Some(code.as_str())),
        };
        if storage::history::upsert(&mut tx, person, unit, &row.entry, now).await? {
            summary.added += 1;
        } else {
            summary.updated += 1;
        }
    }
    audit::record(
        &mut tx,
        now,
        Actor::cli(),
        "history.imported",
        None,
        Some(&json!({ "added": summary.added, "updated": summary.updated })),
    )
    .await?;
    tx.commit().await?;
    Ok(summary)
}

pub async fn of_person(conn: &mut Connection, person: PersonId) -> StorageResult<History> {
    storage::history::for_person(conn, person.0).await
}

/// What an approved decision adds to the history: each title the director recognised, with
/// the decision's number and date, and each initiative that backed one (so it backs no other,
/// in later years too). Titles decided upward wait for the province's decision.
pub struct Recognised {
    pub person: Option<PersonId>,
    pub unit_code: Option<String>,
    pub kind: Kind,
    pub initiative: Option<crate::domain::rules::Initiative>,
}

pub async fn record_decision(
    conn: &mut Connection,
    year: i32,
    number: &str,
    decided_on: NaiveDate,
    recognised: &[Recognised],
    now: DateTime<Utc>,
) -> StorageResult<()> {
    for item in recognised {
        let entry = Entry::decided(year, item.kind, number, decided_on);
        let person = item.person.map(|person| person.0);
        storage::history::upsert(conn, person, item.unit_code.as_deref(), &entry, now).await?;
        if let Some(initiative) = &item.initiative {
            let used = Entry {
                kind: Kind::Initiative(initiative.scope),
                decision_number: initiative.decision_number.clone(),
                decision_date: initiative.decision_date,
                description: initiative.title.clone(),
                backs: Some(format!("{} {year}", item.kind.code())),
                ..entry
            };
            storage::history::upsert(conn, person, None, &used, now).await?;
        }
    }
    Ok(())
}

/// The history rows an approval adds, from the nominations it approves: each title the
/// director decides, and for an individual the initiative its verdict rests on, found again
/// from the approved self-assessment under the same rules.
pub async fn recognised_by(
    conn: &mut Connection,
    campaign: &crate::domain::campaign::Campaign,
    rules: &crate::domain::rules::Rules,
    lines: &[&storage::exports::NominationRow],
) -> StorageResult<Vec<Recognised>> {
    use crate::domain::rules::{AssessmentFacts, FindingDetail, individual_verdict};
    use crate::domain::title::Title;
    let mut out = Vec::new();
    for line in lines {
        let Ok(title) = Title::parse(&line.title) else {
            continue;
        };
        if title.decided_upward() {
            continue;
        }
        let Some(person_id) = line.person_id.map(PersonId) else {
            out.push(Recognised {
                person: None,
                unit_code: Some(line.unit_code.clone()),
                kind: Kind::Title(title),
                initiative: None,
            });
            continue;
        };
        let mut initiative = None;
        let person = storage::people::find_by_id(conn, person_id).await?;
        let version = storage::assessments::latest_version(conn, campaign.year, person_id).await?;
        if let (Some(person), Some(version)) = (person, version) {
            let history = of_person(conn, person_id).await?;
            let facts =
                AssessmentFacts::from_answers(&version.answers, campaign.year, person.hire_date, 0)
                    .map(|facts| facts.with_history(&history));
            if let Some(facts) = facts {
                let verdict = individual_verdict(rules, &facts, title);
                let used = verdict
                    .findings
                    .iter()
                    .find_map(|finding| match &finding.detail {
                        FindingDetail::Achievement {
                            initiative: Some(label),
                            ..
                        } => Some(label.clone()),
                        _ => None,
                    });
                initiative = used.and_then(|label| {
                    facts
                        .initiatives
                        .iter()
                        .find(|candidate| candidate.label() == label)
                        .cloned()
                });
            }
        }
        out.push(Recognised {
            person: Some(person_id),
            unit_code: None,
            kind: Kind::Title(title),
            initiative,
        });
    }
    Ok(out)
}
