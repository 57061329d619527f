//! `thidua giaykhen list` and `thidua giaykhen show ID`: the director's Giấy khen proposals
//! for the operator (read only; proposing, appraising and deciding happen in chat, where the
//! person and their role are known).

use super::InputRejected;
use crate::services::Ctx;
use crate::services::commendation;
use crate::texts::{self, Lang};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum GiayKhenCommand {
    /// Liệt kê các đề nghị Giấy khen, mới nhất trước. List the Giấy khen proposals, newest
    /// first.
    List,
    /// Xem một đề nghị Giấy khen. Show one proposal.
    Show { id: i64 },
}

pub async fn dispatch(ctx: Ctx, command: GiayKhenCommand) -> anyhow::Result<()> {
    match command {
        GiayKhenCommand::List => {
            let lines = commendation::list_all(&ctx).await?;
            if lines.is_empty() {
                println!("Chưa có đề nghị Giấy khen nào / no Giấy khen proposal yet");
            }
            for line in &lines {
                println!("{}", texts::commendation::cli_line(Lang::Vi, line));
            }
            Ok(())
        }
        GiayKhenCommand::Show { id } => match commendation::show(&ctx, id).await? {
            Some(line) => {
                println!("{}", texts::commendation::detail(Lang::Vi, &line));
                println!("{}", texts::commendation::status_line(Lang::Vi, &line));
                Ok(())
            }
            None => Err(InputRejected(format!(
                "Không có đề nghị Giấy khen số {id} / no Giấy khen proposal {id}"
            ))
            .into()),
        },
    }
}
