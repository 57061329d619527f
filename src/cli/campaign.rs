//! `thidua campaign open FILE.toml | list | show YEAR | extend PHASE --until TIME | new --year Y`.

use super::InputRejected;
use crate::domain::phase::Phase;
use crate::domain::time::format_local;
use crate::services::{self, Ctx};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Create a year's campaign from a TOML file (see config/campaign.example.toml).
    Open { file: PathBuf },
    /// List campaigns, newest first.
    List,
    /// Print one campaign's titles and phase windows.
    Show { year: i32 },
    /// Gia hạn hoặc dời một giai đoạn; mọi người liên quan được báo / extend or move a phase;
    /// everyone it concerns is told.
    Extend {
        /// registration (dangky), self_assessment (tudanhgia), unit_review (binhxet), appraisal
        /// (thamdinh), ballot (bophieu), decision (quyetdinh).
        phase: String,
        /// Hạn mới: "31/03/2026 17:00", "31/03/2026" (17:00) hoặc 2026-03-31T17:00 / the new
        /// close, local time.
        #[arg(long, value_name = "TIME")]
        until: String,
        /// Cũng dời ngày mở / also move the opening.
        #[arg(long, value_name = "TIME")]
        opens: Option<String>,
        /// Năm của đợt (mặc định: đợt mới nhất) / the campaign's year (default: the newest).
        #[arg(long)]
        year: Option<i32>,
    },
    /// Mở lại một giai đoạn đã đóng cho riêng một đơn vị hoặc một người / reopen a closed phase
    /// for one unit or one person (registration, self_assessment or unit_review).
    #[command(group(clap::ArgGroup::new("who").required(true).args(["unit", "employee"])))]
    Reopen {
        phase: String,
        /// Mã đơn vị trong config/org.toml / a unit code.
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// Mã nhân viên / an employee code.
        #[arg(long, value_name = "CODE")]
        employee: Option<String>,
        /// Mở đến / open until, local time.
        #[arg(long, value_name = "TIME")]
        until: String,
        /// Lý do (ghi vào nhật ký) / why (audited).
        #[arg(long)]
        reason: String,
        #[arg(long)]
        year: Option<i32>,
    },
    /// Viết tệp đợt thi đua năm mới từ đợt trước / write a new year's campaign file from the
    /// last one (same titles and rules, every date a year on).
    New {
        #[arg(long)]
        year: i32,
        /// Đợt làm mẫu (mặc định: đợt mới nhất) / the campaign to start from (default: newest).
        #[arg(long)]
        from: Option<i32>,
        /// Ghi ra tệp thay vì in ra / write to a file instead of printing.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

pub async fn dispatch(ctx: Ctx, command: CampaignCommand) -> anyhow::Result<()> {
    match command {
        CampaignCommand::Open { file } => {
            let text = std::fs::read_to_string(&file).map_err(|error| {
                InputRejected(format!("Không đọc được tệp {}: {error}", file.display()))
            })?;
            match services::campaign::open(&ctx, &text).await {
                Ok(campaign) => {
                    println!(
                        "Đã mở đợt thi đua năm {} / campaign {} opened.",
                        campaign.year, campaign.year
                    );
                    print_campaign(&campaign);
                    Ok(())
                }
                Err(services::campaign::OpenError::Database(error)) => Err(error.into()),
                Err(error) => Err(InputRejected(format!("{}: {error}", file.display())).into()),
            }
        }
        CampaignCommand::List => {
            let campaigns = services::campaign::list(&ctx).await?;
            if campaigns.is_empty() {
                println!("Chưa có đợt thi đua nào / no campaign yet.");
            }
            for campaign in campaigns {
                println!(
                    "{}\t{}\t{}",
                    campaign.year,
                    campaign.rule_set.as_str(),
                    campaign.name
                );
            }
            Ok(())
        }
        CampaignCommand::Show { year } => match services::campaign::show(&ctx, year).await? {
            Some(campaign) => {
                print_campaign(&campaign);
                Ok(())
            }
            None => Err(InputRejected(format!(
                "Không có đợt thi đua năm {year} / no campaign for {year}."
            ))
            .into()),
        },
        CampaignCommand::Extend {
            phase,
            until,
            opens,
            year,
        } => extend(&ctx, &phase, &until, opens.as_deref(), year).await,
        CampaignCommand::New { year, from, out } => new_year(&ctx, year, from, out).await,
        CampaignCommand::Reopen {
            phase,
            unit,
            employee,
            until,
            reason,
            year,
        } => {
            let scope = match (unit, employee) {
                (Some(unit), _) => services::campaign::schedule::ReopenFor::Unit(unit),
                // clap's group guarantees one of the two.
                (None, employee) => {
                    services::campaign::schedule::ReopenFor::Employee(employee.unwrap_or_default())
                }
            };
            reopen(&ctx, &phase, &scope, &until, &reason, year).await
        }
    }
}

async fn newest_or(ctx: &Ctx, year: Option<i32>) -> anyhow::Result<i32> {
    if let Some(year) = year {
        return Ok(year);
    }
    let campaigns = services::campaign::list(ctx).await?;
    campaigns
        .iter()
        .map(|campaign| campaign.year)
        .max()
        .ok_or_else(|| InputRejected("Chưa có đợt thi đua nào / no campaign yet.".into()).into())
}

async fn extend(
    ctx: &Ctx,
    phase: &str,
    until: &str,
    opens: Option<&str>,
    year: Option<i32>,
) -> anyhow::Result<()> {
    let phase = parse_phase(phase)?;
    let closes = parse_time(until)?;
    let opens = opens.map(parse_time).transpose()?;
    let year = newest_or(ctx, year).await?;
    use services::campaign::schedule::{self, MoveError};
    match schedule::move_phase(ctx, year, phase, opens, closes).await {
        Ok(moved) => {
            println!(
                "Đã dời giai đoạn {} năm {}: {} – {} (trước đây {} – {}); đã báo {} người. \
                 Nhắc hạn tự tính theo hạn mới. / {} {} moved; {} people told; reminders follow the new deadline.",
                crate::texts::refusal::phase_name(crate::domain::language::Lang::Vi, phase),
                moved.year,
                format_local(moved.after.opens),
                format_local(moved.after.closes),
                format_local(moved.before.opens),
                format_local(moved.before.closes),
                moved.told,
                phase.as_str(),
                moved.year,
                moved.told
            );
            Ok(())
        }
        Err(MoveError::Database(error)) => Err(error.into()),
        Err(error) => Err(InputRejected(error.to_string()).into()),
    }
}

async fn reopen(
    ctx: &Ctx,
    phase: &str,
    scope: &services::campaign::schedule::ReopenFor,
    until: &str,
    reason: &str,
    year: Option<i32>,
) -> anyhow::Result<()> {
    use services::campaign::schedule::{self, MoveError};
    let phase = parse_phase(phase)?;
    let until = parse_time(until)?;
    let year = newest_or(ctx, year).await?;
    match schedule::reopen_for(ctx, year, phase, scope, until, reason).await {
        Ok(reopened) => {
            println!(
                "Đã mở lại giai đoạn {} năm {year} cho {} đến {}; đã báo {} người. / reopened for {} until then; {} people told.",
                crate::texts::refusal::phase_name(crate::domain::language::Lang::Vi, phase),
                reopened.name,
                format_local(until),
                reopened.told,
                reopened.name,
                reopened.told
            );
            Ok(())
        }
        Err(MoveError::Database(error)) => Err(error.into()),
        Err(error) => Err(InputRejected(error.to_string()).into()),
    }
}

async fn new_year(
    ctx: &Ctx,
    year: i32,
    from: Option<i32>,
    out: Option<PathBuf>,
) -> anyhow::Result<()> {
    let from = newest_or(ctx, from).await?;
    let Some(campaign) = services::campaign::show(ctx, from).await? else {
        return Err(InputRejected(format!(
            "Không có đợt thi đua năm {from} / no campaign for {from}."
        ))
        .into());
    };
    let text = campaign.file_for_year(year).map_err(|error| {
        InputRejected(format!(
            "Không tạo được tệp cho năm {year} / cannot write the {year} file: {error}"
        ))
    })?;
    match out {
        Some(path) => {
            std::fs::write(&path, &text).map_err(|error| {
                InputRejected(format!(
                    "Không ghi được {} / cannot write: {error}",
                    path.display()
                ))
            })?;
            println!(
                "Đã ghi {} từ đợt năm {from}; hãy xem lại rồi mở bằng `thidua campaign open {}` / written; check it, then open it.",
                path.display(),
                path.display()
            );
        }
        None => print!("{text}"),
    }
    Ok(())
}

fn parse_phase(raw: &str) -> Result<Phase, InputRejected> {
    crate::domain::campaign::phase_named(raw).ok_or_else(|| {
        InputRejected(format!(
            "Không có giai đoạn `{raw}`; dùng registration (dangky), self_assessment (tudanhgia), \
             unit_review (binhxet), appraisal (thamdinh), ballot (bophieu) hoặc decision (quyetdinh) / unknown phase `{raw}`"
        ))
    })
}

fn parse_time(raw: &str) -> Result<chrono::DateTime<chrono::Utc>, InputRejected> {
    crate::domain::campaign::parse_deadline(raw).map_err(|reason| {
        InputRejected(format!(
            "Thời điểm `{raw}` không đọc được; viết như 31/03/2026 17:00 / {reason}"
        ))
    })
}

fn print_campaign(campaign: &crate::domain::campaign::Campaign) {
    println!("Năm / year: {}", campaign.year);
    println!("Tên / name: {}", campaign.name);
    println!("Bộ tiêu chí / rule set: {}", campaign.rule_set.as_str());
    let titles: Vec<&str> = campaign.titles.iter().map(|title| title.code()).collect();
    println!("Danh hiệu / titles: {}", titles.join(", "));
    println!("Giai đoạn / phases (giờ Việt Nam / Asia/Ho_Chi_Minh):");
    for phase in Phase::ALL {
        if let Some(window) = campaign.window(phase) {
            println!(
                "  {:<16} {} → {}",
                phase.as_str(),
                format_local(window.opens),
                format_local(window.closes)
            );
        }
    }
}
