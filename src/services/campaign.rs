//! Opening a year's campaign from the secretary's file, and reading campaigns back; moving a
//! phase is in [`schedule`].

pub mod schedule;

use super::Ctx;
use crate::domain::campaign::{Campaign, CampaignFileError, CampaignSpec};
use crate::storage;
use crate::storage::audit::{self, Actor};
use crate::storage::{StorageError, StorageResult};

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("tệp đợt thi đua không hợp lệ / invalid campaign file: {0}")]
    File(#[from] CampaignFileError),
    #[error(
        "đợt thi đua năm {0} đã được mở. Muốn đổi thời hạn một giai đoạn, dùng `thidua campaign extend`; \
         muốn tạo tệp cho năm sau, dùng `thidua campaign new --year …` / a campaign for {0} already exists: \
         `campaign extend` moves a phase, `campaign new` writes next year's file"
    )]
    YearTaken(i32),
    #[error("database: {0}")]
    Database(#[from] StorageError),
}

pub async fn open(ctx: &Ctx, file_text: &str) -> Result<Campaign, OpenError> {
    let campaign = CampaignSpec::parse_toml(file_text)?;
    // Local rule files must load now, not at the first verdict months later.
    super::rule_book::read(campaign.rule_set, &campaign.local_rules)
        .await
        .map_err(|error| CampaignFileError {
            field: "local_rules".into(),
            reason: error.to_string(),
        })?;
    let now = ctx.now();
    // Not an `Intent`: opened from the CLI, on nobody's behalf in the bot.
    let mut tx = ctx.db.write().await?;
    if storage::campaigns::exists(&mut tx, campaign.year).await? {
        return Err(OpenError::YearTaken(campaign.year));
    }
    storage::campaigns::insert(&mut tx, &campaign, now).await?;
    audit::record(
        &mut tx,
        now,
        Actor::cli(),
        "campaign.opened",
        Some(&campaign.year.to_string()),
        Some(&serde_json::json!({ "name": campaign.name, "rule_set": campaign.rule_set.as_str(), "local_rules": campaign.local_rules })),
    )
    .await?;
    tx.commit().await?;
    Ok(campaign)
}

pub async fn list(ctx: &Ctx) -> StorageResult<Vec<Campaign>> {
    let mut conn = ctx.db.read().await?;
    let years = storage::campaigns::list_years(&mut conn).await?;
    let mut campaigns = Vec::with_capacity(years.len());
    for year in years {
        if let Some(campaign) = storage::campaigns::find(&mut conn, year).await? {
            campaigns.push(campaign);
        }
    }
    Ok(campaigns)
}

pub async fn show(ctx: &Ctx, year: i32) -> StorageResult<Option<Campaign>> {
    let mut conn = ctx.db.read().await?;
    storage::campaigns::find(&mut conn, year).await
}
