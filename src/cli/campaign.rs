//! `thidua campaign open FILE.toml | list | show YEAR`.

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
    }
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
