//! `thidua block check FILE` and `thidua block import FILE`: the year's block file and its
//! scoring table, all or nothing. A block whose members have started scoring keeps its
//! composition and table for the year: re-importing it is refused, the others are refreshed.

use crate::domain::block::file::{self, BlockYear};
use crate::domain::block::scoring::TableProblem;
use crate::domain::staff_sync::ExistingStaff;
use crate::domain::time::local_date;
use crate::services::Ctx;
use crate::storage::audit::{self, Actor};
use crate::storage::{self, StorageError, blocks};
use serde_json::json;
use std::collections::{HashMap, HashSet};

#[derive(Debug, thiserror::Error)]
pub enum BlockImportError {
    /// Refused, nothing written; every problem listed.
    #[error("{} lỗi / problems", .0.len())]
    Rejected(Vec<TableProblem>),
    #[error("database: {0}")]
    Database(#[from] StorageError),
}

impl From<sqlx::Error> for BlockImportError {
    fn from(error: sqlx::Error) -> Self {
        BlockImportError::Database(error.into())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub year: i32,
    pub blocks: usize,
    pub members: usize,
}

/// Validates the file and its table against the organisation and the staff (read only).
pub async fn check(ctx: &Ctx, text: &str, table_text: &str) -> Result<BlockYear, BlockImportError> {
    let mut conn = ctx.db.read().await?;
    let staff = storage::staff::list_all(&mut conn).await?;
    parse(ctx, text, table_text, &staff)
}

fn parse(
    ctx: &Ctx,
    text: &str,
    table_text: &str,
    staff: &[ExistingStaff],
) -> Result<BlockYear, BlockImportError> {
    let block_codes: Vec<&str> = ctx.org.blocks.iter().map(|b| b.code.as_str()).collect();
    let staff_codes: HashSet<String> = staff.iter().map(|p| p.employee_code.clone()).collect();
    file::parse(text, table_text, &block_codes, &staff_codes).map_err(BlockImportError::Rejected)
}

pub async fn import(ctx: &Ctx, text: &str, table_text: &str) -> Result<Imported, BlockImportError> {
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    let staff = storage::staff::list_all(&mut tx).await?;
    let year = parse(ctx, text, table_text, &staff)?;
    let mut problems = Vec::new();
    for (index, block) in year.blocks.iter().enumerate() {
        if let Some(existing) = blocks::find_year(&mut tx, year.year, &block.code).await?
            && (existing.confirmed || blocks::scoring_started(&mut tx, existing.id).await?)
        {
            problems.push(TableProblem {
                place: format!("blocks[{index}]"),
                reason: format!(
                    "khối {} đã bắt đầu chấm điểm năm {}: thành viên và bảng chấm điểm được giữ nguyên / scoring has started: its members and table stay as they are",
                    block.code, year.year
                ),
            });
        }
    }
    if !problems.is_empty() {
        return Err(BlockImportError::Rejected(problems));
    }
    let today = local_date(now);
    let mut imported = Imported {
        year: year.year,
        ..Imported::default()
    };
    for block in &year.blocks {
        let mut contacts = HashMap::new();
        for member in &block.members {
            let id =
                blocks::upsert_contact(&mut tx, &block.code, &member.contact, today, now).await?;
            contacts.insert(member.contact.code.clone(), id);
        }
        blocks::replace_block(
            &mut tx,
            year.year,
            block,
            &year.table,
            year.scoring_until,
            &contacts,
        )
        .await?;
        imported.blocks += 1;
        imported.members += block.members.len();
    }
    audit::record(
        &mut tx,
        now,
        Actor::cli(),
        "block.imported",
        Some(&year.year.to_string()),
        Some(&json!({ "blocks": imported.blocks, "members": imported.members })),
    )
    .await?;
    tx.commit().await?;
    Ok(imported)
}
