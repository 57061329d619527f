//! /ketquakhoi: the council (its standing body or its chair, the director) reviews each block's
//! ranking once every sheet is checked and confirms it. Confirming writes the ranks, prepares
//! the proposal to the province, and publishes: the block's group chat, each member's contact
//! (chat and e-mail) and each member's official mailbox, in the same transaction.

use super::{SheetView, view};
use crate::domain::block::{Ranking, RankingError, rank};
use crate::domain::notice::{BlockResultLine, Notice};
use crate::domain::person::Person;
use crate::domain::role::Role;
use crate::services::caller::Caller;
use crate::services::error::{Refusal, ServiceResult};
use crate::services::intent::Intent;
use crate::services::{Ctx, identity, notifications};
use crate::storage::blocks::{self, BlockYear, Member};
use crate::storage::outbox::{self, Destination, Kind, NewMessage};
use crate::storage::{Connection, StorageError, audit};
use serde_json::json;

fn require_council(person: &Person) -> Result<(), Refusal> {
    if person.has(Role::Secretary) || person.has(Role::Director) {
        Ok(())
    } else {
        Err(Refusal::RoleRequired(Role::Secretary))
    }
}

/// The year's blocks with their members, for the list.
pub async fn overview(ctx: &Ctx, caller: &Caller) -> ServiceResult<Vec<(BlockYear, Vec<Member>)>> {
    let mut conn = ctx.db.read().await?;
    let person = identity::linked_person(&mut conn, caller).await?;
    require_council(&person)?;
    let Some(year) = blocks::latest_year(&mut conn).await? else {
        return Err(Refusal::NotABlockContact.into());
    };
    let mut lists = Vec::new();
    for block in blocks::years(&mut conn, year).await? {
        let members = blocks::members(&mut conn, block.id).await?;
        lists.push((block, members));
    }
    Ok(lists)
}

/// A block's ranking as it stands (or as confirmed).
#[derive(Debug, Clone)]
pub struct Preview {
    pub block: BlockYear,
    pub sheets: Vec<SheetView>,
    pub ranking: Ranking,
}

impl Preview {
    pub fn lines(&self) -> Vec<BlockResultLine> {
        self.ranking
            .members
            .iter()
            .map(|ranked| BlockResultLine {
                rank: ranked.rank as u32,
                member: self
                    .sheets
                    .iter()
                    .find(|sheet| sheet.member.code == ranked.member)
                    .map(|sheet| sheet.member.name.clone())
                    .unwrap_or_else(|| ranked.member.clone()),
                total: ranked.total.to_string(),
                proposed: ranked.proposed.map(|proposed| proposed.code().to_owned()),
            })
            .collect()
    }
}

async fn ranked(conn: &mut Connection, block_id: i64) -> ServiceResult<Preview> {
    let block = blocks::year(conn, block_id)
        .await?
        .ok_or(Refusal::StaleButton)?;
    let mut sheets = Vec::new();
    for member in blocks::members(conn, block.id).await? {
        sheets.push(view(conn, block.clone(), member).await?);
    }
    let ranking_sheets: Vec<_> = sheets.iter().map(SheetView::ranking_sheet).collect();
    let name_of = |code: &String| {
        sheets
            .iter()
            .find(|sheet| &sheet.member.code == code)
            .map_or_else(|| code.clone(), |sheet| sheet.member.name.clone())
    };
    let ranking = rank(
        &block.table,
        &ranking_sheets,
        block.flags as usize,
        block.bang_khen as usize,
    )
    .map_err(|error| match error {
        RankingError::NotChecked(codes) => {
            Refusal::BlockNotChecked(codes.iter().map(name_of).collect())
        }
        RankingError::UnresolvedTie(codes) => {
            Refusal::BlockUnresolvedTie(codes.iter().map(name_of).collect())
        }
    })?;
    Ok(Preview {
        block,
        sheets,
        ranking,
    })
}

pub async fn preview(ctx: &Ctx, caller: &Caller, block_id: i64) -> ServiceResult<Preview> {
    let mut conn = ctx.db.read().await?;
    let person = identity::linked_person(&mut conn, caller).await?;
    require_council(&person)?;
    let preview = ranked(&mut conn, block_id).await?;
    if preview.block.confirmed {
        return Err(Refusal::BlockAlreadyConfirmed.into());
    }
    Ok(preview)
}

/// Confirms the block's ranking and publishes it; refused once confirmed.
pub async fn confirm(ctx: &Ctx, caller: &Caller, block_id: i64) -> ServiceResult<Preview> {
    let mut intent = Intent::begin(ctx, caller).await?;
    require_council(&intent.person)?;
    let preview = ranked(&mut intent.tx, block_id).await?;
    let now = intent.now;
    let by = intent.person.id;
    if !blocks::confirm(&mut intent.tx, block_id, &preview.ranking, by, now).await? {
        return Err(Refusal::BlockAlreadyConfirmed.into());
    }
    let block = &preview.block;
    let notice = Notice::BlockResults {
        year: block.year,
        block: block.name.clone(),
        lines: preview.lines(),
    };
    let key = format!("block:{}:{}:results", block.year, block.block_code);
    if let Some(chat_id) = block.group_chat_id {
        let message = NewMessage::notice(
            format!("{key}:group"),
            Kind::Publication,
            None,
            Destination::Telegram { chat_id },
            notice.clone(),
        );
        outbox::enqueue(&mut intent.tx, &message, now).await?;
    }
    for sheet in &preview.sheets {
        let member = &sheet.member;
        let contact = crate::storage::people::find_by_id(&mut intent.tx, member.contact_id)
            .await?
            .ok_or(StorageError::Missing("a member's contact"))?;
        let to_contact = format!("{key}:{}", member.code);
        notifications::on_every_channel(&mut intent.tx, &contact, &to_contact, notice.clone(), now)
            .await?;
        if !member.email.eq_ignore_ascii_case(&contact.email) {
            let message = NewMessage::notice(
                format!("{key}:{}:mailbox", member.code),
                Kind::Direct,
                None,
                Destination::notice_email(member.email.clone()),
                notice.clone(),
            );
            outbox::enqueue(&mut intent.tx, &message, now).await?;
        }
    }
    let actor = intent.actor();
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "block.confirmed",
        Some(&format!("{}:{}", block.year, block.block_code)),
        Some(&json!({
            "ranking": preview.ranking.members.iter().map(|ranked| json!({
                "member": ranked.member,
                "rank": ranked.rank,
                "total_tenths": ranked.total.0,
                "proposed": ranked.proposed.map(|proposed| proposed.code()),
            })).collect::<Vec<_>>(),
        })),
    )
    .await?;
    intent.queued();
    intent.commit(ctx).await?;
    let mut conn = ctx.db.read().await?;
    ranked(&mut conn, block_id).await
}
