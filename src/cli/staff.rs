//! `thidua staff import FILE.csv` and `thidua staff invite …` (being written).

use crate::services::Ctx;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Import or update staff from a CSV file (all-or-nothing).
    Import { file: PathBuf },
}

pub async fn dispatch(_ctx: Ctx, _command: StaffCommand) -> anyhow::Result<()> {
    anyhow::bail!("not yet available")
}
