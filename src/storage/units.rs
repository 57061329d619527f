//! The units table mirrors `config/org.toml` so people rows can reference their unit.

use crate::org::Org;
use crate::storage::{Connection, StorageResult};

pub async fn sync_from_org(conn: &mut Connection, org: &Org) -> StorageResult<()> {
    let entries = org
        .units
        .iter()
        .map(|unit| (unit, "unit"))
        .chain(org.blocks.iter().map(|block| (block, "block")));
    for (unit, kind) in entries {
        sqlx::query(
            "INSERT INTO units (code, name, kind) VALUES (?1, ?2, ?3)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind",
        )
        .bind(&unit.code)
        .bind(&unit.name)
        .bind(kind)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
