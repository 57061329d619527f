//! Importing the staff file (`thidua staff import FILE`): all-or-nothing, in one IMMEDIATE
//! transaction. The file is the complete list of the department's people: rows create or update by
//! `employee_code`, people missing from it are deactivated and their pending invites revoked.
//!
//! A partial file (the wrong sheet, a filter left on in Excel) would deactivate half a
//! department, so an import that deactivates a holder of a key role or more than a fifth of the
//! staff stops unless confirmed; a dry run is the same import rolled back, with what it would do.

use super::Ctx;
use crate::domain::staff_file::{self, RowError};
use crate::domain::staff_sync::ExistingStaff;
use crate::domain::staff_sync::{self, Change, Counts, DeactivationRisk};
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

/// How to run an import.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Work everything out, write nothing.
    pub dry_run: bool,
    /// The operator has seen who leaves and agrees (`--confirm-deactivations`).
    pub confirm_deactivations: bool,
}

/// One person's change, for the operator to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonChange {
    pub employee_code: String,
    pub full_name: String,
    pub unit_code: String,
    pub what: ChangeKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    Created,
    /// The fields that differ.
    Updated(Vec<&'static str>),
    Reactivated,
    /// With the roles they held.
    Deactivated(Vec<crate::domain::role::Role>),
}

/// What an import did, or with `dry_run` what it would do.
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    pub summary: ImportSummary,
    /// Every person created, changed or deactivated (the unchanged are only counted).
    pub changes: Vec<PersonChange>,
    /// Whether anything was written (false for a dry run).
    pub written: bool,
    /// Set when applying the import needs `confirm_deactivations` (a dry run reports it).
    pub needs_confirmation: Option<DeactivationRisk>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is refused; nothing was written. Every bad line is listed, in file order.
    #[error("{} dòng lỗi / bad rows", .0.len())]
    Rejected(Vec<RowError>),
    /// The import would deactivate a key role's holder or more than a fifth of the staff and
    /// was not confirmed; nothing was written.
    #[error("cần xác nhận việc ngừng hoạt động / deactivations need confirming")]
    NeedsConfirmation(DeactivationRisk),
    #[error("database: {0}")]
    Database(#[from] StorageError),
}

/// Imports the file's bytes (CSV or XLSX, see [`staff_file::parse`]), refusing risky
/// deactivations: [`import_with`] with the default options.
pub async fn import(ctx: &Ctx, bytes: &[u8]) -> Result<ImportSummary, ImportError> {
    Ok(import_with(ctx, bytes, ImportOptions::default())
        .await?
        .summary)
}

/// Imports (or, with `dry_run`, works out) the file's changes.
pub async fn import_with(
    ctx: &Ctx,
    bytes: &[u8],
    options: ImportOptions,
) -> Result<ImportOutcome, ImportError> {
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
    let risk = staff_sync::deactivation_risk(&changes, &existing);
    if let Some(risk) = &risk
        && !options.dry_run
        && !options.confirm_deactivations
    {
        tx.rollback().await?;
        return Err(ImportError::NeedsConfirmation(risk.clone()));
    }
    let by_id: std::collections::HashMap<_, _> =
        existing.iter().map(|person| (person.id, person)).collect();
    let mut listed = Vec::new();
    let mut invites_revoked = 0;
    for change in &changes {
        if let Some(listed_change) = describe(change, &by_id) {
            listed.push(listed_change);
        }
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
    if options.dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(ImportOutcome {
        summary,
        changes: listed,
        written: !options.dry_run,
        needs_confirmation: risk.filter(|_| !options.confirm_deactivations),
    })
}

fn describe(
    change: &Change<'_>,
    existing: &std::collections::HashMap<crate::domain::person::PersonId, &ExistingStaff>,
) -> Option<PersonChange> {
    let (row_fields, what) = match change {
        Change::Unchanged { .. } => return None,
        Change::Create(row) => (row, ChangeKind::Created),
        Change::Update { row, changed, .. } if changed.contains(&"active") => {
            (row, ChangeKind::Reactivated)
        }
        Change::Update { row, changed, .. } => (row, ChangeKind::Updated(changed.clone())),
        Change::Deactivate { id, .. } => {
            let person = existing.get(id)?;
            return Some(PersonChange {
                employee_code: person.employee_code.clone(),
                full_name: person.full_name.clone(),
                unit_code: person.unit_code.clone(),
                what: ChangeKind::Deactivated(person.roles.iter().collect()),
            });
        }
    };
    Some(PersonChange {
        employee_code: row_fields.employee_code.clone(),
        full_name: row_fields.full_name.clone(),
        unit_code: row_fields.unit_code.clone(),
        what,
    })
}

fn role_names(roles: &crate::domain::role::Roles) -> Vec<&'static str> {
    roles.iter().map(|role| role.as_str()).collect()
}
