//! /chamdiem: a member's contact scores the member's sheet criterion by criterion (each answer
//! saved as the draft), then sends it to the checker. Open until the block file's
//! `scoring_until` day; a sent sheet is the checker's to adjust, never the contact's.

use super::{SheetView, checkers_of, view};
use crate::domain::block::{Points, SheetStatus};
use crate::domain::notice::Notice;
use crate::domain::role::Role;
use crate::domain::time::local_date;
use crate::services::caller::Caller;
use crate::services::error::{Refusal, ServiceResult};
use crate::services::intent::Intent;
use crate::services::{Ctx, identity, notifications};
use crate::storage::audit;
use crate::storage::blocks;
use crate::storage::{Connection, StorageError};
use chrono::{DateTime, Utc};
use serde_json::json;

/// The caller's own member sheet, in the latest year with blocks.
pub async fn mine(ctx: &Ctx, caller: &Caller) -> ServiceResult<SheetView> {
    let mut conn = ctx.db.read().await?;
    let person = identity::linked_person(&mut conn, caller).await?;
    own_sheet(&mut conn, &person).await
}

async fn own_sheet(
    conn: &mut Connection,
    person: &crate::domain::person::Person,
) -> ServiceResult<SheetView> {
    if !person.has(Role::BlockContact) {
        return Err(Refusal::NotABlockContact.into());
    }
    let member = blocks::member_of_contact(conn, person.id)
        .await?
        .ok_or(Refusal::NotABlockContact)?;
    let block = blocks::year(conn, member.block_year_id)
        .await?
        .ok_or(StorageError::Missing("the member's block"))?;
    Ok(view(conn, block, member).await?)
}

fn require_open(sheet: &SheetView, now: DateTime<Utc>) -> Result<(), Refusal> {
    if sheet.member.status != SheetStatus::Draft || sheet.block.confirmed {
        return Err(Refusal::BlockSheetSent);
    }
    if local_date(now) > sheet.block.scoring_until {
        return Err(Refusal::BlockScoringClosed(sheet.block.scoring_until));
    }
    Ok(())
}

/// Saves the contact's points for one criterion (checked against its maximum by the caller's
/// transport first, and again here).
pub async fn save(
    ctx: &Ctx,
    caller: &Caller,
    criterion: &str,
    points: Points,
) -> ServiceResult<SheetView> {
    let mut intent = Intent::begin(ctx, caller).await?;
    let person = intent.person.clone();
    let sheet = own_sheet(&mut intent.tx, &person).await?;
    require_open(&sheet, intent.now)?;
    let max = sheet
        .block
        .table
        .criterion(criterion)
        .map(|criterion| criterion.max)
        .ok_or(Refusal::InputInvalid)?;
    points.at_most(max).map_err(|_| Refusal::InputInvalid)?;
    if !blocks::save_own(
        &mut intent.tx,
        sheet.member.id,
        criterion,
        points,
        intent.now,
    )
    .await?
    {
        return Err(Refusal::BlockSheetSent.into());
    }
    let saved = own_sheet(&mut intent.tx, &person).await?;
    intent.commit(ctx).await?;
    Ok(saved)
}

/// Sends the sheet read at `revision`: complete, still a draft, in time. The checker is told.
pub async fn submit(ctx: &Ctx, caller: &Caller, revision: i64) -> ServiceResult<SheetView> {
    let mut intent = Intent::begin(ctx, caller).await?;
    let person = intent.person.clone();
    let sheet = own_sheet(&mut intent.tx, &person).await?;
    require_open(&sheet, intent.now)?;
    let missing = sheet.missing();
    if !missing.is_empty() {
        return Err(Refusal::BlockSheetIncomplete(missing).into());
    }
    let now = intent.now;
    if !blocks::submit(&mut intent.tx, sheet.member.id, revision, now).await? {
        return Err(Refusal::BlockSheetChanged.into());
    }
    let members = blocks::members(&mut intent.tx, sheet.block.id).await?;
    let total = sheet.own_total().to_string();
    for checker in checkers_of(&mut intent.tx, &sheet.member, &members).await? {
        let notice = Notice::BlockSheetSent {
            block: sheet.block.name.clone(),
            member: sheet.member.name.clone(),
            total: total.clone(),
        };
        let key = format!(
            "block:{}:{}:sent:to{}",
            sheet.block.year, sheet.member.code, checker.id.0
        );
        notifications::to_person(&mut intent.tx, &checker, key, notice, now).await?;
    }
    let actor = intent.actor();
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "block.sheet_sent",
        Some(&format!("{}:{}", sheet.block.year, sheet.member.code)),
        Some(&json!({ "total_tenths": sheet.own_total().0 })),
    )
    .await?;
    let sent = own_sheet(&mut intent.tx, &person).await?;
    intent.queued();
    intent.commit(ctx).await?;
    Ok(sent)
}
