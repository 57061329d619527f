//! The units table mirrors `config/org.toml` so people rows can reference their unit.

use crate::org::Org;
use crate::storage::{Connection, StorageResult};

pub async fn sync_from_org(conn: &mut Connection, org: &Org) -> StorageResult<()> {
    let entries = org
        .units
        .iter()
        .map(|unit| (unit, "unit"))
        .chain(org.blocks.iter().map(|block| (block, "block")));
    for (position, (unit, kind)) in entries.enumerate() {
        sqlx::query(
            "INSERT INTO units (code, name, kind, position) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                 position = excluded.position",
        )
        .bind(&unit.code)
        .bind(&unit.name)
        .bind(kind)
        .bind(position as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
