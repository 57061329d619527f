//! `thidua minutes --campaign YEAR [--out PATH]`: the council meeting's minutes (biên bản) with
//! the ballot results, as a printable HTML page (open it in a browser and print).

use super::InputRejected;
use crate::services::Ctx;
use crate::storage;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct MinutesArgs {
    /// The campaign's year.
    #[arg(long)]
    pub campaign: i32,
    /// Where to write the page; defaults to bien-ban-hdtdkt-YEAR.html.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub async fn dispatch(ctx: Ctx, args: MinutesArgs) -> anyhow::Result<()> {
    let mut conn = ctx.db.read().await?;
    let Some(campaign) = storage::campaigns::find(&mut conn, args.campaign).await? else {
        let message = crate::texts::export::no_such_campaign(args.campaign);
        eprintln!("{message}");
        return Err(InputRejected(message).into());
    };
    // The operator reads the rule file's own error here, as before.
    let rules = ctx.rules.rules(&campaign).await?;
    let page = crate::export::minutes_html(&mut conn, &ctx.org, &campaign, &rules).await?;
    let path = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("bien-ban-hdtdkt-{}.html", args.campaign)));
    crate::private_files::write(&path, page.as_bytes())?;
    println!("{}", path.display());
    Ok(())
}
