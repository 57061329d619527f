//! Importing the staff file (`thidua staff import FILE.csv`): all-or-nothing, in one IMMEDIATE
//! transaction. The file is the complete list of the department's people: rows create or update by
//! `employee_code`, people missing from it are deactivated and their pending invites revoked.

use super::Ctx;
use crate::domain::staff_file::{self, RowError};
use crate::domain::staff_sync::{self, Change, Counts};
use crate::storage;
use crate::storage::StorageError;
use crate::storage::audit::{self, Actor};
use serde_json::json;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    pub deactivated: usize,
    pub unchanged: usize,
    /// Pending invites revoked because their person was deactivated.
    pub invites_revoked: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is refused; nothing was written. Every bad line is listed, in file order.
    #[error("{} dòng lỗi / bad rows", .0.len())]
    Rejected(Vec<RowError>),
    #[error("database: {0}")]
    Database(#[from] StorageError),
}

/// Imports the file's bytes (UTF-8, with or without a byte-order mark).
pub async fn import(ctx: &Ctx, bytes: &[u8]) -> Result<ImportSummary, ImportError> {
    let units: Vec<&str> = ctx
        .org
        .units
        .iter()
        .map(|unit| unit.code.as_str())
        .collect();
    let rows = staff_file::parse(bytes, &units).map_err(ImportError::Rejected)?;
    let now = ctx.now();
    let actor = Actor::cli();
    // IMMEDIATE: the plan is computed from what this transaction reads, so nobody may write
    // between the read and the writes.
    // Not an `Intent`: an import from the CLI, on nobody's behalf in the bot.
    let mut tx = ctx.db.write().await?;
    let existing = storage::staff::list_all(&mut tx).await?;
    let changes = staff_sync::plan(&rows, &existing).map_err(|mut errors| {
        errors.sort_by_key(|error| error.line);
        ImportError::Rejected(errors)
    })?;
    let mut invites_revoked = 0;
    for change in &changes {
        match change {
            Change::Create(row) => {
                storage::staff::insert(&mut tx, row, now).await?;
                let detail = json!({ "unit": row.unit_code, "roles": role_names(&row.roles), "line": row.line });
                audit::record(
                    &mut tx,
                    now,
                    actor,
                    "person.created",
                    Some(&row.employee_code),
                    Some(&detail),
                )
                .await?;
            }
            Change::Update { id, row, changed } => {
                storage::staff::update(&mut tx, *id, row, now).await?;
                let action = if changed.contains(&"active") {
                    "person.reactivated"
                } else {
                    "person.updated"
                };
                let detail = json!({ "changed": changed, "line": row.line });
                audit::record(
                    &mut tx,
                    now,
                    actor,
                    action,
                    Some(&row.employee_code),
                    Some(&detail),
                )
                .await?;
            }
            Change::Unchanged { .. } => {}
            Change::Deactivate { id, employee_code } => {
                storage::staff::deactivate(&mut tx, *id, now).await?;
                let revoked = storage::invites::revoke_pending(&mut tx, *id).await?;
                invites_revoked += revoked;
                let detail =
                    json!({ "reason": "missing from the staff file", "invites_revoked": revoked });
                audit::record(
                    &mut tx,
                    now,
                    actor,
                    "person.deactivated",
                    Some(employee_code),
                    Some(&detail),
                )
                .await?;
            }
        }
    }
    let Counts {
        created,
        updated,
        deactivated,
        unchanged,
    } = staff_sync::count(&changes);
    let summary = ImportSummary {
        created,
        updated,
        deactivated,
        unchanged,
        invites_revoked,
    };
    let detail = json!({
        "created": created, "updated": updated, "deactivated": deactivated,
        "unchanged": unchanged, "invites_revoked": invites_revoked,
    });
    audit::record(&mut tx, now, actor, "staff.imported", None, Some(&detail)).await?;
    tx.commit().await?;
    Ok(summary)
}

fn role_names(roles: &crate::domain::role::Roles) -> Vec<&'static str> {
    roles.iter().map(|role| role.as_str()).collect()
}
