//! `thidua history import FILE` (CSV or XLSX, all or nothing) and `thidua history show CODE`.

use super::InputRejected;
use crate::services::Ctx;
use crate::services::history::{self, ImportError};
use crate::texts::{self, Lang};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Nhập khen thưởng, xếp loại, kỷ luật, sáng kiến các năm trước (CSV hoặc XLSX; all or
    /// nothing). Import past years' titles, awards, ratings, penalties and initiatives.
    Import { file: PathBuf },
    /// Xem lịch sử của một cán bộ (mã cán bộ) hoặc đơn vị (mã đơn vị). Show one person's or
    /// one unit's history.
    Show { code: String },
}

pub async fn dispatch(ctx: Ctx, command: HistoryCommand) -> anyhow::Result<()> {
    match command {
        HistoryCommand::Import { file } => import(&ctx, &file).await,
        HistoryCommand::Show { code } => show(&ctx, &code).await,
    }
}

async fn import(ctx: &Ctx, file: &std::path::Path) -> anyhow::Result<()> {
    let bytes = super::read_import_file(file)?;
    match history::import(ctx, &bytes).await {
        Ok(summary) => {
            println!(
                "Đã nhập lịch sử khen thưởng / history imported from {}:\n  \
                 thêm mới / added: {}\n  đã có, cập nhật / already recorded, refreshed: {}",
                file.display(),
                summary.added,
                summary.updated
            );
            Ok(())
        }
        Err(ImportError::Rejected(errors)) => Err(super::import_refused(file, &errors)),
        Err(ImportError::Database(error)) => Err(error.into()),
    }
}

async fn show(ctx: &Ctx, code: &str) -> anyhow::Result<()> {
    let mut conn = ctx.db.read().await?;
    let (name, history) =
        match crate::storage::people::find_by_employee_code(&mut conn, code).await? {
            Some(person) => (
                person.full_name.clone(),
                history::of_person(&mut conn, person.id).await?,
            ),
            None if ctx.org.units.iter().any(|unit| unit.code == code) => (
                ctx.org.unit_name(code).to_owned(),
                crate::storage::history::for_unit(&mut conn, code).await?,
            ),
            None => {
                return Err(InputRejected(format!(
                "Không có cán bộ hay đơn vị mã \"{code}\" / no person or unit with code \"{code}\""
            ))
            .into());
            }
        };
    println!("{name} ({code})");
    if history.entries.is_empty() {
        println!("  Chưa có dữ liệu / nothing recorded");
    }
    for entry in &history.entries {
        println!("  {}", texts::history::entry_line(Lang::Vi, entry));
    }
    Ok(())
}
