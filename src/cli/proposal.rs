//! `thidua proposal show|sent|decided --campaign YEAR`: the proposal to the provincial council
//! (titles the director cannot decide), when it was sent, and the province's decision entered
//! back — which writes the history and tells each person.

use super::InputRejected;
use crate::domain::tabular::parse_date;
use crate::services::Ctx;
use crate::services::proposal::{self, DecisionPlan, ProposalError, holder_code};
use crate::storage::proposals::Item;
use crate::texts::{Lang, titles};
use chrono::NaiveDate;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ProposalCommand {
    /// Xem tờ trình đề nghị cấp trên và trạng thái. Show the proposal and its status.
    Show {
        #[arg(long)]
        campaign: i32,
    },
    /// Ghi nhận đã gửi tờ trình (số, ngày). Record that it was sent (number, date).
    Sent {
        #[arg(long)]
        campaign: i32,
        #[arg(long)]
        number: String,
        /// dd/mm/yyyy
        #[arg(long, value_parser = date_arg)]
        date: NaiveDate,
    },
    /// Nhập quyết định của Chủ tịch UBND tỉnh. Enter the province's decision: the codes it
    /// awards (employee or unit codes); the others are not awarded. Without --yes it only shows
    /// what would be written.
    Decided {
        #[arg(long)]
        campaign: i32,
        #[arg(long)]
        number: String,
        #[arg(long, value_parser = date_arg)]
        date: NaiveDate,
        #[arg(long = "awarded", value_name = "CODE")]
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

fn line(item: &Item) -> String {
    let title = crate::domain::title::Title::parse(&item.title)
        .map(|title| titles::name(Lang::Vi, title))
        .unwrap_or("?");
    let holder = item
        .full_name
        .clone()
        .unwrap_or_else(|| item.unit_code.clone());
    let result = match item.result.as_str() {
        "awarded" => "được tặng / awarded",
        "not_awarded" => "không được tặng / not awarded",
        _ => "chờ quyết định / pending",
    };
    format!("  {} {holder} — {title}: {result}", holder_code(item))
}

fn rejected(error: ProposalError) -> anyhow::Error {
    match error {
        ProposalError::Refused(message) => InputRejected(message).into(),
        ProposalError::Database(error) => error.into(),
    }
}

pub async fn dispatch(ctx: Ctx, command: ProposalCommand) -> anyhow::Result<()> {
    match command {
        ProposalCommand::Show { campaign } => {
            let (proposal, items) = proposal::show(&ctx, campaign).await.map_err(rejected)?;
            let status = match proposal.status.as_str() {
                "prepared" => "đã lập, chưa gửi / prepared".to_owned(),
                "sent" => format!(
                    "đã gửi / sent: {} ({})",
                    proposal.sent_number.unwrap_or_default(),
                    proposal
                        .sent_on
                        .map(crate::domain::time::format_date)
                        .unwrap_or_default()
                ),
                _ => format!(
                    "đã có quyết định / decided: {} ({})",
                    proposal.decision_number.unwrap_or_default(),
                    proposal
                        .decision_date
                        .map(crate::domain::time::format_date)
                        .unwrap_or_default()
                ),
            };
            println!("Tờ trình đề nghị cấp trên năm {campaign} / proposal upward: {status}");
            for item in &items {
                println!("{}", line(item));
            }
            Ok(())
        }
        ProposalCommand::Sent {
            campaign,
            number,
            date,
        } => {
            proposal::mark_sent(&ctx, campaign, &number, date)
                .await
                .map_err(rejected)?;
            println!("Đã ghi nhận gửi tờ trình / recorded as sent: {number}");
            Ok(())
        }
        ProposalCommand::Decided {
            campaign,
            number,
            date,
            awarded,
            yes,
        } => {
            let plan: DecisionPlan =
                proposal::enter_decision(&ctx, campaign, &number, date, &awarded, yes)
                    .await
                    .map_err(rejected)?;
            let verb = if yes {
                "Đã ghi quyết định / decision entered"
            } else {
                "Sẽ ghi (chưa ghi gì; thêm --yes để ghi) / would write (nothing written; add --yes)"
            };
            println!("{verb}: {number}");
            // The items were read before their results were written: the plan's partition is
            // what the decision says, with or without --yes.
            let planned = |items: &[Item], result: &str| {
                for item in items {
                    let shown = Item {
                        result: result.to_owned(),
                        ..item.clone()
                    };
                    println!("{}", line(&shown));
                }
            };
            planned(&plan.awarded, "awarded");
            planned(&plan.not_awarded, "not_awarded");
            Ok(())
        }
    }
}
