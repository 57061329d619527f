//! /kiemtra: the block's leader cross-checks the members' sent sheets (the deputy checks the
//! leader's; the standing body may check any), adjusting a criterion with a reason the member is
//! told, then marking the sheet checked. Both are about the revision the checker read.

use super::{SheetView, may_check, view};
use crate::domain::block::{Adjustment, SheetStatus};
use crate::domain::notice::Notice;
use crate::domain::person::Person;
use crate::services::caller::Caller;
use crate::services::error::{Refusal, ServiceResult};
use crate::services::intent::Intent;
use crate::services::{Ctx, identity, notifications};
use crate::storage::blocks::{self, BlockYear, Member};
use crate::storage::{Connection, StorageError, audit};
use serde_json::json;

/// The sheets the caller may check, block by block, in the latest year with blocks.
pub async fn overview(ctx: &Ctx, caller: &Caller) -> ServiceResult<Vec<(BlockYear, Vec<Member>)>> {
    let mut conn = ctx.db.read().await?;
    let person = identity::linked_person(&mut conn, caller).await?;
    let lists = checkable(&mut conn, &person).await?;
    if lists.iter().all(|(_, members)| members.is_empty()) {
        return Err(Refusal::NotBlockChecker.into());
    }
    Ok(lists)
}

async fn checkable(
    conn: &mut Connection,
    person: &Person,
) -> ServiceResult<Vec<(BlockYear, Vec<Member>)>> {
    let Some(year) = blocks::latest_year(conn).await? else {
        return Ok(Vec::new());
    };
    let mut lists = Vec::new();
    for block in blocks::years(conn, year).await? {
        let members = blocks::members(conn, block.id).await?;
        let mine: Vec<Member> = members
            .iter()
            .filter(|member| may_check(person, member, &members))
            .cloned()
            .collect();
        lists.push((block, mine));
    }
    Ok(lists)
}

/// One member's sheet, if the caller may check it.
async fn authorised(
    conn: &mut Connection,
    person: &Person,
    member_id: i64,
) -> ServiceResult<SheetView> {
    let member = blocks::member(conn, member_id)
        .await?
        .ok_or(Refusal::NotBlockChecker)?;
    let block = blocks::year(conn, member.block_year_id)
        .await?
        .ok_or(StorageError::Missing("the member's block"))?;
    let members = blocks::members(conn, block.id).await?;
    if !may_check(person, &member, &members) {
        return Err(Refusal::NotBlockChecker.into());
    }
    Ok(view(conn, block, member).await?)
}

pub async fn open(ctx: &Ctx, caller: &Caller, member_id: i64) -> ServiceResult<SheetView> {
    let mut conn = ctx.db.read().await?;
    let person = identity::linked_person(&mut conn, caller).await?;
    authorised(&mut conn, &person, member_id).await
}

fn require_sent(sheet: &SheetView, revision: i64) -> Result<(), Refusal> {
    if sheet.block.confirmed {
        return Err(Refusal::BlockAlreadyConfirmed);
    }
    if sheet.member.status == SheetStatus::Draft || sheet.member.revision != revision {
        return Err(Refusal::BlockSheetChanged);
    }
    Ok(())
}

/// Adjusts one criterion of the sheet read at `revision`; the member's contact is told with
/// the reason. The sheet then waits for its check again.
pub async fn adjust(
    ctx: &Ctx,
    caller: &Caller,
    member_id: i64,
    revision: i64,
    adjustment: &Adjustment,
) -> ServiceResult<SheetView> {
    let mut intent = Intent::begin(ctx, caller).await?;
    let person = intent.person.clone();
    let sheet = authorised(&mut intent.tx, &person, member_id).await?;
    require_sent(&sheet, revision)?;
    let criterion = sheet
        .block
        .table
        .criterion(&adjustment.criterion)
        .ok_or(Refusal::InputInvalid)?;
    adjustment
        .points
        .at_most(criterion.max)
        .map_err(|_| Refusal::InputInvalid)?;
    let now = intent.now;
    let code = &adjustment.criterion;
    let changed = blocks::adjust(
        &mut intent.tx,
        member_id,
        revision,
        code,
        adjustment.points,
        &adjustment.reason,
        now,
    )
    .await?;
    if !changed {
        return Err(Refusal::BlockSheetChanged.into());
    }
    let own = sheet
        .scores
        .points
        .get(code)
        .map(|(own, _)| *own)
        .unwrap_or_default();
    if let Some(contact) =
        crate::storage::people::find_by_id(&mut intent.tx, sheet.member.contact_id).await?
    {
        let notice = Notice::BlockSheetAdjusted {
            member: sheet.member.name.clone(),
            criterion: code.clone(),
            own: own.to_string(),
            checked: adjustment.points.to_string(),
            reason: adjustment.reason.clone(),
        };
        let key = format!(
            "block:{}:{}:adjusted:{code}:r{revision}",
            sheet.block.year, sheet.member.code
        );
        notifications::to_person(&mut intent.tx, &contact, key, notice, now).await?;
        intent.queued();
    }
    let actor = intent.actor();
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "block.sheet_adjusted",
        Some(&format!("{}:{}", sheet.block.year, sheet.member.code)),
        Some(&json!({
            "criterion": code,
            "own_tenths": own.0,
            "checked_tenths": adjustment.points.0,
            "reason": adjustment.reason,
        })),
    )
    .await?;
    let adjusted = authorised(&mut intent.tx, &person, member_id).await?;
    intent.commit(ctx).await?;
    Ok(adjusted)
}

/// Marks the sheet read at `revision` as checked; the member's contact is told the total.
pub async fn mark_checked(
    ctx: &Ctx,
    caller: &Caller,
    member_id: i64,
    revision: i64,
) -> ServiceResult<SheetView> {
    let mut intent = Intent::begin(ctx, caller).await?;
    let person = intent.person.clone();
    let sheet = authorised(&mut intent.tx, &person, member_id).await?;
    require_sent(&sheet, revision)?;
    let now = intent.now;
    if !blocks::mark_checked(&mut intent.tx, member_id, revision, person.id, now).await? {
        return Err(Refusal::BlockSheetChanged.into());
    }
    let total = sheet.total();
    if let Some(contact) =
        crate::storage::people::find_by_id(&mut intent.tx, sheet.member.contact_id).await?
    {
        let notice = Notice::BlockSheetChecked {
            member: sheet.member.name.clone(),
            total: total.to_string(),
        };
        let key = format!(
            "block:{}:{}:checked:r{revision}",
            sheet.block.year, sheet.member.code
        );
        notifications::to_person(&mut intent.tx, &contact, key, notice, now).await?;
        intent.queued();
    }
    let actor = intent.actor();
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "block.sheet_checked",
        Some(&format!("{}:{}", sheet.block.year, sheet.member.code)),
        Some(&json!({ "total_tenths": total.0, "revision": revision })),
    )
    .await?;
    let checked = authorised(&mut intent.tx, &person, member_id).await?;
    intent.commit(ctx).await?;
    Ok(checked)
}
