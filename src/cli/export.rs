//! `thidua export --campaign YEAR --format xlsx|csv [--out PATH]`: the campaign's records —
//! registrations, self-assessments, unit meetings, nominations, ballot results (counts only),
//! decisions — as one workbook (one sheet each) or one CSV file each in a folder.

use super::InputRejected;
use crate::export::{self, Sheet};
use crate::services::Ctx;
use crate::storage;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The campaign's year.
    #[arg(long)]
    pub campaign: i32,
    /// xlsx (one workbook) or csv (one file per table, in a folder).
    #[arg(long, value_parser = ["xlsx", "csv"])]
    pub format: String,
    /// The workbook's path (xlsx) or the folder (csv); defaults to thidua-YEAR.xlsx / thidua-YEAR-csv.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub async fn dispatch(ctx: Ctx, args: ExportArgs) -> anyhow::Result<()> {
    let mut conn = ctx.db.read().await?;
    if !storage::campaigns::exists(&mut conn, args.campaign).await? {
        let message = crate::texts::export::no_such_campaign(args.campaign);
        eprintln!("{message}");
        return Err(InputRejected(message).into());
    }
    let sheets = export::campaign_sheets(&mut conn, &ctx.org, args.campaign).await?;
    let written = write(&sheets, &args.format, args.out, args.campaign)?;
    for path in written {
        println!("{}", path.display());
    }
    Ok(())
}

/// Writes the tables; returns the files written.
pub fn write(
    sheets: &[Sheet],
    format: &str,
    out: Option<PathBuf>,
    year: i32,
) -> anyhow::Result<Vec<PathBuf>> {
    if format == "xlsx" {
        let path = out.unwrap_or_else(|| PathBuf::from(format!("thidua-{year}.xlsx")));
        crate::private_files::write(&path, &export::to_xlsx(sheets)?)?;
        return Ok(vec![path]);
    }
    let dir = out.unwrap_or_else(|| PathBuf::from(format!("thidua-{year}-csv")));
    crate::private_files::create_dir(&dir)?;
    let mut written = Vec::new();
    for sheet in sheets {
        let path = Path::new(&dir).join(format!("{}.csv", sheet.file_stem));
        crate::private_files::write(&path, &export::to_csv(sheet)?)?;
        written.push(path);
    }
    Ok(written)
}
