//! Proposals to the provincial council: the titles the director cannot decide (TLĐXS, CSTĐ cấp
//! tỉnh) go up as the year's proposal, created with the director's approval. The secretary
//! records when it was sent (`thidua proposal sent`) and enters the province's decision back
//! (`thidua proposal decided`): each awarded title becomes history, and each person — a unit's
//! head for a collective title — is told the result either way.

use super::{Ctx, notifications};
use crate::domain::history::{Entry, Kind};
use crate::domain::notice::Notice;
use crate::domain::person::PersonId;
use crate::domain::role::Role;
use crate::domain::title::Title;
use crate::storage::audit::{self, Actor};
use crate::storage::proposals::{self, Item, Proposal};
use crate::storage::{self, Connection, StorageError, StorageResult};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum ProposalError {
    /// Refused, nothing written; the message says why (Vietnamese / English).
    #[error("{0}")]
    Refused(String),
    #[error("database: {0}")]
    Database(#[from] StorageError),
}

impl From<sqlx::Error> for ProposalError {
    fn from(error: sqlx::Error) -> Self {
        ProposalError::Database(error.into())
    }
}

pub(crate) fn refused(vi: &str, en: &str) -> ProposalError {
    ProposalError::Refused(format!("{vi} / {en}"))
}

/// The titles that go upward.
pub fn upward_codes() -> Vec<&'static str> {
    Title::ALL
        .into_iter()
        .filter(|title| title.decided_upward())
        .map(Title::code)
        .collect()
}

/// Called inside the director's approval: the year's proposal from the approved nominations
/// decided upward. Returns how many titles it holds.
pub async fn prepare(conn: &mut Connection, year: i32, now: DateTime<Utc>) -> StorageResult<u64> {
    proposals::create(conn, year, &upward_codes(), now).await
}

pub async fn show(ctx: &Ctx, year: i32) -> Result<(Proposal, Vec<Item>), ProposalError> {
    let mut conn = ctx.db.read().await?;
    let proposal = proposals::find(&mut conn, year).await?.ok_or_else(|| {
        refused(
            &format!("năm {year} chưa có tờ trình đề nghị cấp trên (có sau khi Giám đốc phê duyệt, nếu có danh hiệu do Chủ tịch UBND tỉnh quyết định)"),
            &format!("no proposal upward for {year} (made by the director's approval when a title is the province's to decide)"),
        )
    })?;
    let items = proposals::items(&mut conn, year).await?;
    Ok((proposal, items))
}

/// A document number as the province writes them: 1 to 100 characters once trimmed.
pub(crate) fn check_number(number: &str) -> Result<(), ProposalError> {
    let length = number.trim().chars().count();
    if length == 0 || length > 100 {
        return Err(refused(
            "số văn bản phải có từ 1 đến 100 ký tự",
            "the document number must have 1 to 100 characters",
        ));
    }
    Ok(())
}

pub async fn mark_sent(
    ctx: &Ctx,
    year: i32,
    number: &str,
    sent_on: NaiveDate,
) -> Result<(), ProposalError> {
    check_number(number)?;
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    if !proposals::mark_sent(&mut tx, year, number.trim(), sent_on, now).await? {
        return Err(refused(
            &format!("tờ trình năm {year} không ở trạng thái \"đã lập\" (chưa có, hoặc đã gửi)"),
            &format!("the {year} proposal is not prepared (missing, or already sent)"),
        ));
    }
    audit::record(
        &mut tx,
        now,
        Actor::cli(),
        "proposal.sent",
        Some(&year.to_string()),
        Some(&json!({ "number": number.trim(), "date": sent_on.to_string() })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What entering a decision does: the items awarded, and those not.
#[derive(Debug, Clone)]
pub struct DecisionPlan {
    pub awarded: Vec<Item>,
    pub not_awarded: Vec<Item>,
}

/// An item's holder code: the employee code, or the unit code for a collective title.
pub fn holder_code(item: &Item) -> &str {
    item.employee_code.as_deref().unwrap_or(&item.unit_code)
}

/// Enters the province's decision: `awarded` names the holders (employee or unit codes) the
/// decision awards; every other item is not awarded. Without `confirm` nothing is written and
/// the plan is returned for the operator to check.
pub async fn enter_decision(
    ctx: &Ctx,
    year: i32,
    number: &str,
    decided_on: NaiveDate,
    awarded: &[String],
    confirm: bool,
) -> Result<DecisionPlan, ProposalError> {
    check_number(number)?;
    let number = number.trim();
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    let proposal = proposals::find(&mut tx, year).await?;
    if proposal.as_ref().map(|p| p.status.as_str()) != Some("sent") {
        return Err(refused(
            &format!(
                "tờ trình năm {year} chưa được ghi là đã gửi, hoặc đã nhập quyết định (dùng `thidua proposal sent` trước)"
            ),
            &format!(
                "the {year} proposal is not marked sent, or its decision is already entered (use `thidua proposal sent` first)"
            ),
        ));
    }
    let items = proposals::items(&mut tx, year).await?;
    let unknown: Vec<&String> = awarded
        .iter()
        .filter(|code| !items.iter().any(|item| holder_code(item) == code.as_str()))
        .collect();
    if !unknown.is_empty() {
        let list = unknown
            .iter()
            .map(|code| code.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(refused(
            &format!("không có trong tờ trình: {list}"),
            &format!("not in the proposal: {list}"),
        ));
    }
    let (won, lost): (Vec<Item>, Vec<Item>) = items
        .into_iter()
        .partition(|item| awarded.iter().any(|code| code == holder_code(item)));
    let plan = DecisionPlan {
        awarded: won,
        not_awarded: lost,
    };
    if !confirm {
        return Ok(plan);
    }
    proposals::mark_decided(&mut tx, year, number, decided_on, now).await?;
    for (item, awarded) in plan
        .awarded
        .iter()
        .map(|item| (item, true))
        .chain(plan.not_awarded.iter().map(|item| (item, false)))
    {
        proposals::set_result(&mut tx, item.nomination_id, awarded).await?;
        let title = Title::parse(&item.title).map_err(StorageError::from)?;
        if awarded {
            let entry = Entry::decided(year, Kind::Title(title), number, decided_on);
            let unit = item.person_id.is_none().then_some(item.unit_code.as_str());
            storage::history::upsert(&mut tx, item.person_id, unit, &entry, now).await?;
        }
        tell(&mut tx, ctx, item, title, awarded, number, decided_on, now).await?;
    }
    audit::record(
        &mut tx,
        now,
        Actor::cli(),
        "proposal.decided",
        Some(&year.to_string()),
        Some(&json!({
            "number": number,
            "date": decided_on.to_string(),
            "awarded": plan.awarded.len(),
            "not_awarded": plan.not_awarded.len(),
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(plan)
}

#[allow(clippy::too_many_arguments)]
async fn tell(
    conn: &mut Connection,
    ctx: &Ctx,
    item: &Item,
    title: Title,
    awarded: bool,
    number: &str,
    decided_on: NaiveDate,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let recipients = match item.person_id {
        Some(person) => storage::people::find_by_id(conn, PersonId(person))
            .await?
            .into_iter()
            .collect::<Vec<_>>(),
        None => storage::people::list_active_with_role(conn, Role::UnitHead)
            .await?
            .into_iter()
            .filter(|head| head.unit_code == item.unit_code)
            .collect(),
    };
    let unit = item
        .person_id
        .is_none()
        .then(|| ctx.org.unit_name(&item.unit_code));
    for recipient in recipients {
        let notice = Notice::ProvinceDecision {
            title,
            awarded,
            decision_number: number.to_owned(),
            decided_on,
            unit: unit.clone(),
        };
        let key = format!(
            "province-decision:{}:{}",
            item.nomination_id, recipient.id.0
        );
        notifications::to_person(conn, &recipient, key, notice, now).await?;
    }
    Ok(())
}
