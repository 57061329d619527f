//! The block's proposal to the province, prepared by the council's confirmation (the flag for
//! the leading members, the Bằng khen for the next): the secretary records when it was sent
//! (`thidua block proposal sent`) and enters the decision back (`thidua block proposal decided`);
//! each proposed member's contact and mailbox are told the result.

use crate::domain::notice::Notice;
use crate::services::proposal::{ProposalError, refused};
use crate::services::{Ctx, notifications};
use crate::storage::audit::{self, Actor};
use crate::storage::blocks::{self, BlockYear, Member};
use crate::storage::outbox::{self, Destination, Kind, NewMessage};
use crate::storage::{Connection, StorageError};
use chrono::NaiveDate;
use serde_json::json;

fn check_number(number: &str) -> Result<&str, ProposalError> {
    crate::services::proposal::check_number(number)?;
    Ok(number.trim())
}

async fn block_of(
    conn: &mut Connection,
    year: i32,
    block_code: &str,
) -> Result<BlockYear, ProposalError> {
    blocks::find_year(conn, year, block_code)
        .await?
        .ok_or_else(|| {
            refused(
                &format!("không có khối {block_code} năm {year}"),
                &format!("no block {block_code} in {year}"),
            )
        })
}

/// The block's ranking and proposal as recorded.
pub async fn show(
    ctx: &Ctx,
    year: i32,
    block_code: &str,
) -> Result<(BlockYear, Vec<Member>), ProposalError> {
    let mut conn = ctx.db.read().await?;
    let block = block_of(&mut conn, year, block_code).await?;
    let members = blocks::members(&mut conn, block.id).await?;
    Ok((block, members))
}

pub async fn mark_sent(
    ctx: &Ctx,
    year: i32,
    block_code: &str,
    number: &str,
    sent_on: NaiveDate,
) -> Result<(), ProposalError> {
    let number = check_number(number)?;
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    let block = block_of(&mut tx, year, block_code).await?;
    if !blocks::mark_sent(&mut tx, block.id, number, sent_on).await? {
        return Err(refused(
            "đề nghị của khối chưa được lập (Hội đồng chưa xác nhận kết quả) hoặc đã gửi",
            "the block's proposal is not prepared (results not confirmed) or already sent",
        ));
    }
    audit::record(
        &mut tx,
        now,
        Actor::cli(),
        "block.proposal_sent",
        Some(&format!("{year}:{block_code}")),
        Some(&json!({ "number": number, "date": sent_on.to_string() })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What entering the decision does: the proposed members awarded, and those not.
#[derive(Debug, Clone)]
pub struct DecisionPlan {
    pub awarded: Vec<Member>,
    pub not_awarded: Vec<Member>,
}

/// Enters the province's decision: `awarded` names member codes among those proposed. Without
/// `confirm` nothing is written and the plan is returned.
pub async fn enter_decision(
    ctx: &Ctx,
    year: i32,
    block_code: &str,
    number: &str,
    decided_on: NaiveDate,
    awarded: &[String],
    confirm: bool,
) -> Result<DecisionPlan, ProposalError> {
    let number = check_number(number)?;
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    let block = block_of(&mut tx, year, block_code).await?;
    if block.proposal_status.as_deref() != Some("sent") {
        return Err(refused(
            "đề nghị của khối chưa được ghi là đã gửi, hoặc đã nhập quyết định (dùng `thidua block proposal sent` trước)",
            "the block's proposal is not marked sent, or its decision is already entered (use `thidua block proposal sent` first)",
        ));
    }
    let proposed: Vec<Member> = blocks::members(&mut tx, block.id)
        .await?
        .into_iter()
        .filter(|member| member.proposed.is_some())
        .collect();
    let unknown: Vec<&str> = awarded
        .iter()
        .filter(|code| !proposed.iter().any(|member| &member.code == *code))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        let list = unknown.join(", ");
        return Err(refused(
            &format!("không có trong đề nghị của khối: {list}"),
            &format!("not proposed by the block: {list}"),
        ));
    }
    let (won, lost): (Vec<Member>, Vec<Member>) = proposed
        .into_iter()
        .partition(|member| awarded.contains(&member.code));
    let plan = DecisionPlan {
        awarded: won,
        not_awarded: lost,
    };
    if !confirm {
        return Ok(plan);
    }
    if !blocks::mark_decided(&mut tx, block.id, number, decided_on, awarded).await? {
        return Err(StorageError::Missing("the block proposal just read").into());
    }
    let told = plan
        .awarded
        .iter()
        .map(|member| (member, true))
        .chain(plan.not_awarded.iter().map(|member| (member, false)));
    for (member, awarded) in told {
        let notice = Notice::BlockProvinceDecision {
            member: member.name.clone(),
            award: member
                .proposed
                .map(|proposed| proposed.code().to_owned())
                .unwrap_or_default(),
            awarded,
            decision_number: number.to_owned(),
            decided_on,
        };
        let key = format!("block:{year}:{}:province", member.code);
        if let Some(contact) =
            crate::storage::people::find_by_id(&mut tx, member.contact_id).await?
        {
            notifications::on_every_channel(&mut tx, &contact, &key, notice.clone(), now).await?;
        }
        let message = NewMessage::notice(
            format!("{key}:mailbox"),
            Kind::Direct,
            None,
            Destination::notice_email(member.email.clone()),
            notice,
        );
        outbox::enqueue(&mut tx, &message, now).await?;
    }
    audit::record(
        &mut tx,
        now,
        Actor::cli(),
        "block.proposal_decided",
        Some(&format!("{year}:{block_code}")),
        Some(&json!({
            "number": number,
            "date": decided_on.to_string(),
            "awarded": plan.awarded.iter().map(|m| m.code.clone()).collect::<Vec<_>>(),
        })),
    )
    .await?;
    tx.commit().await?;
    ctx.wake_outbox();
    Ok(plan)
}
