//! `thidua block check|import FILE`, `thidua block show`, `thidua block proposal sent|decided`:
//! the year's emulation blocks as data (the block file names its scoring table, a file beside
//! it), the standing of each block's sheets and ranking, and the block's proposal to the
//! province with its decision entered back.

use super::{InputRejected, import_refused, read_import_file};
use crate::domain::block::SheetStatus;
use crate::domain::block::file::table_name;
use crate::domain::tabular::parse_date;
use crate::domain::time::format_date;
use crate::services::Ctx;
use crate::services::block::import::{self, BlockImportError};
use crate::services::block::province::{self, DecisionPlan};
use crate::services::proposal::ProposalError;
use crate::storage::blocks::Member;
use crate::texts::{Lang, block as text};
use chrono::NaiveDate;
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum BlockCommand {
    /// Kiểm tra tệp khối thi đua và bảng chấm điểm, không ghi gì. Validate a block file and its
    /// scoring table; writes nothing.
    Check { file: PathBuf },
    /// Nhập các khối thi đua của năm (tất cả hoặc không). Import the year's blocks, all or
    /// nothing; contacts become people of the block (link them with `staff invite`).
    Import { file: PathBuf },
    /// Xem tình hình chấm điểm và xếp hạng của một khối. Show a block's sheets and ranking.
    Show {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        block: String,
    },
    /// Đề nghị cấp tỉnh của khối. The block's proposal to the province.
    #[command(subcommand)]
    Proposal(BlockProposalCommand),
}

#[derive(Debug, Subcommand)]
pub enum BlockProposalCommand {
    /// Ghi nhận đã gửi đề nghị (số, ngày). Record that it was sent (number, date).
    Sent {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        block: String,
        #[arg(long)]
        number: String,
        /// dd/mm/yyyy
        #[arg(long, value_parser = date_arg)]
        date: NaiveDate,
    },
    /// Nhập quyết định của tỉnh: mã các thành viên được tặng. Enter the province's decision:
    /// the member codes it awards; without --yes it only shows what would be written.
    Decided {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        block: String,
        #[arg(long)]
        number: String,
        #[arg(long, value_parser = date_arg)]
        date: NaiveDate,
        #[arg(long = "awarded", value_name = "MEMBER")]
        awarded: Vec<String>,
        #[arg(long)]
        yes: bool,
    },
}

fn date_arg(raw: &str) -> Result<NaiveDate, String> {
    parse_date(raw).ok_or_else(|| {
        format!("\"{raw}\" không phải ngày dd/mm/yyyy / \"{raw}\" is not a dd/mm/yyyy date")
    })
}

/// The block file's text and its scoring table's, read from beside it.
fn read_pair(file: &Path) -> anyhow::Result<(String, String)> {
    let text = String::from_utf8(read_import_file(file)?).map_err(|_| {
        InputRejected(format!(
            "Tệp {} không phải UTF-8 / is not UTF-8",
            file.display()
        ))
    })?;
    let name = table_name(&text).map_err(|problems| import_refused(file, &problems))?;
    let table_path = file.parent().unwrap_or(Path::new(".")).join(name);
    let table = String::from_utf8(read_import_file(&table_path)?).map_err(|_| {
        InputRejected(format!(
            "Tệp {} không phải UTF-8 / is not UTF-8",
            table_path.display()
        ))
    })?;
    Ok((text, table))
}

fn import_failed(file: &Path, error: BlockImportError) -> anyhow::Error {
    match error {
        BlockImportError::Rejected(problems) => import_refused(file, &problems),
        BlockImportError::Database(error) => error.into(),
    }
}

fn rejected(error: ProposalError) -> anyhow::Error {
    match error {
        ProposalError::Refused(message) => InputRejected(message).into(),
        ProposalError::Database(error) => error.into(),
    }
}

fn member_line(member: &Member) -> String {
    let ranking = match (member.rank, member.total) {
        (Some(rank), Some(total)) => format!(" — hạng {rank}, {total} điểm"),
        _ => String::new(),
    };
    let proposed = member
        .proposed
        .map(|proposed| format!(" — đề nghị {}", text::proposed_name(Lang::Vi, proposed)))
        .unwrap_or_default();
    let result = match member.result.as_deref() {
        Some("awarded") => ": được tặng / awarded",
        Some("not_awarded") => ": không được tặng / not awarded",
        Some(_) => ": chờ quyết định / pending",
        None => "",
    };
    format!(
        "  {} {} ({}){ranking}{proposed}{result}",
        member.code,
        member.name,
        text::status(Lang::Vi, member.status)
    )
}

fn plan_lines(plan: &DecisionPlan) {
    for member in &plan.awarded {
        println!("  {} {}: được tặng / awarded", member.code, member.name);
    }
    for member in &plan.not_awarded {
        println!(
            "  {} {}: không được tặng / not awarded",
            member.code, member.name
        );
    }
}

pub async fn dispatch(ctx: Ctx, command: BlockCommand) -> anyhow::Result<()> {
    match command {
        BlockCommand::Check { file } => {
            let (text, table) = read_pair(&file)?;
            let year = import::check(&ctx, &text, &table)
                .await
                .map_err(|error| import_failed(&file, error))?;
            println!(
                "Tệp hợp lệ / valid: năm {}, {} khối, bảng chấm điểm “{}” ({} tiêu chí, {} điểm) — {}",
                year.year,
                year.blocks.len(),
                year.table.name,
                year.table.criteria().count(),
                year.table.total,
                year.table.reference
            );
            Ok(())
        }
        BlockCommand::Import { file } => {
            let (text, table) = read_pair(&file)?;
            let imported = import::import(&ctx, &text, &table)
                .await
                .map_err(|error| import_failed(&file, error))?;
            println!(
                "Đã nhập / imported: năm {}, {} khối, {} thành viên. Mời người liên hệ bằng `thidua staff invite MÃ`.",
                imported.year, imported.blocks, imported.members
            );
            Ok(())
        }
        BlockCommand::Show { year, block } => {
            let (found, members) = province::show(&ctx, year, &block).await.map_err(rejected)?;
            let checked = members
                .iter()
                .filter(|member| member.status == SheetStatus::Checked)
                .count();
            println!(
                "{} — năm {year}: {checked}/{} bảng đã kiểm tra; {}",
                found.name,
                members.len(),
                if found.confirmed {
                    "Hội đồng đã xác nhận / confirmed"
                } else {
                    "chưa xác nhận / not confirmed"
                }
            );
            match found.proposal_status.as_deref() {
                Some("prepared") => println!("Đề nghị cấp tỉnh: đã lập, chưa gửi / prepared"),
                Some("sent") => println!(
                    "Đề nghị cấp tỉnh: đã gửi / sent {} ({})",
                    found.sent_number.unwrap_or_default(),
                    found.sent_on.map(format_date).unwrap_or_default()
                ),
                Some(_) => println!(
                    "Đề nghị cấp tỉnh: đã có quyết định / decided {} ({})",
                    found.decision_number.unwrap_or_default(),
                    found.decision_date.map(format_date).unwrap_or_default()
                ),
                None => {}
            }
            let mut ordered = members;
            ordered.sort_by_key(|member| member.rank.unwrap_or(i64::MAX));
            for member in &ordered {
                println!("{}", member_line(member));
            }
            Ok(())
        }
        BlockCommand::Proposal(BlockProposalCommand::Sent {
            year,
            block,
            number,
            date,
        }) => {
            province::mark_sent(&ctx, year, &block, &number, date)
                .await
                .map_err(rejected)?;
            println!("Đã ghi nhận gửi đề nghị / recorded as sent: {number}");
            Ok(())
        }
        BlockCommand::Proposal(BlockProposalCommand::Decided {
            year,
            block,
            number,
            date,
            awarded,
            yes,
        }) => {
            let plan = province::enter_decision(&ctx, year, &block, &number, date, &awarded, yes)
                .await
                .map_err(rejected)?;
            if yes {
                println!("Đã nhập quyết định / decision entered: {number}");
            } else {
                println!(
                    "Sẽ ghi như sau (chưa ghi gì; thêm --yes để ghi) / would write (nothing written; add --yes):"
                );
            }
            plan_lines(&plan);
            Ok(())
        }
    }
}
