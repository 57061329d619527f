//! `thidua document KIND --campaign YEAR [--person CODE] [--out PATH]`: one of the year's papers
//! as a Word document (the statistics as a workbook): to-trinh, bien-ban, quyet-dinh,
//! bao-cao-thanh-tich, de-nghi-cap-tren, thong-ke.

use super::InputRejected;
use crate::export::documents::{self, DocumentError, PaperKind};
use crate::services::Ctx;
use crate::storage;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct DocumentArgs {
    /// to-trinh | bien-ban | quyet-dinh | bao-cao-thanh-tich | de-nghi-cap-tren | thong-ke
    #[arg(value_parser = kind)]
    pub kind: PaperKind,
    /// The campaign's year.
    #[arg(long)]
    pub campaign: i32,
    /// For bao-cao-thanh-tich: one person's report (employee code) instead of every nominee's.
    #[arg(long)]
    pub person: Option<String>,
    /// Where to write the file; defaults to its own name (e.g. quyet-dinh-2026.docx).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn kind(raw: &str) -> Result<PaperKind, String> {
    PaperKind::parse(raw).ok_or_else(|| {
        let known: Vec<&str> = PaperKind::ALL.iter().map(|kind| kind.slug()).collect();
        format!(
            "không có loại văn bản “{raw}”; có: {} / no such paper; known: the same",
            known.join(", ")
        )
    })
}

pub async fn dispatch(ctx: Ctx, args: DocumentArgs) -> anyhow::Result<()> {
    let mut conn = ctx.db.read().await?;
    let Some(campaign) = storage::campaigns::find(&mut conn, args.campaign).await? else {
        let message = crate::texts::export::no_such_campaign(args.campaign);
        eprintln!("{message}");
        return Err(InputRejected(message).into());
    };
    let rules = ctx.rules.rules(&campaign).await?;
    let made = documents::document(
        &mut conn,
        &ctx.org,
        &campaign,
        &rules,
        args.kind,
        args.person.as_deref(),
    )
    .await;
    let document = match made {
        Ok(document) => document,
        Err(DocumentError::NotYet(missing)) => {
            let message = crate::texts::papers::missing_both(campaign.year, &missing);
            eprintln!("{message}");
            return Err(InputRejected(message).into());
        }
        Err(other) => return Err(other.into()),
    };
    let path = args
        .out
        .unwrap_or_else(|| PathBuf::from(&document.file_name));
    crate::private_files::write(&path, &document.content)?;
    println!("{}", path.display());
    Ok(())
}
