//! The chat commands, their Vietnamese names with English aliases, and which roles see them.

use crate::domain::language::Lang;
pub use crate::domain::menu::{MenuCommand, allowed};
use teloxide::macros::BotCommands;
use teloxide::types::BotCommand;

/// Parsed commands. Descriptions for people live in `texts::commands`; these doc strings are
/// for developers.
#[derive(Debug, Clone, PartialEq, Eq, BotCommands)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    /// /start, or /start <invite code> from a deep link.
    Start(String),
    Help,
    #[command(rename = "dangky", alias = "register")]
    Register,
    #[command(rename = "tudanhgia", alias = "assess")]
    Assess,
    #[command(rename = "duyet", alias = "review")]
    Review,
    #[command(rename = "binhxet", alias = "meeting")]
    Meeting,
    /// /mohop <unit code>: a secretary reopens a unit's submitted meeting.
    #[command(rename = "mohop", alias = "reopen")]
    Reopen(String),
    /// /giahan <phase> <dd/mm/yyyy [HH:MM]>: a secretary extends (or moves) a phase's close.
    #[command(rename = "giahan", alias = "extend")]
    Extend(String),
    /// /guilai: a unit head resends a nomination the standing body returned.
    #[command(rename = "guilai", alias = "resend")]
    Resend,
    #[command(rename = "trangthai", alias = "status")]
    Status,
    #[command(rename = "huy", alias = "cancel")]
    Cancel,
    Lang,
    #[command(rename = "nhacnho", alias = "reminders")]
    Reminders,
    #[command(rename = "thamdinh", alias = "appraise")]
    Appraise,
    #[command(rename = "bophieu", alias = "ballot")]
    Ballot,
    #[command(rename = "pheduyet", alias = "approve")]
    Approve,
    /// /giaykhen: the director's Giấy khen, at any time.
    #[command(rename = "giaykhen", alias = "commendation")]
    Commendation,
    /// /chamdiem: a block member's contact scores the member's sheet.
    #[command(rename = "chamdiem", alias = "score")]
    Score,
    /// /kiemtra: the block's leader or the standing body cross-checks sent sheets.
    #[command(rename = "kiemtra", alias = "crosscheck")]
    CrossCheck,
    /// /ketquakhoi: the council confirms a block's ranking.
    #[command(rename = "ketquakhoi", alias = "blockresults")]
    BlockResults,
    /// /vanban [KIND [CODE]]: the secretary or the director gets one of the year's papers.
    #[command(rename = "vanban", alias = "papers")]
    Papers(String),
    /// /minhchung <employee code>: a person's evidence files.
    #[command(rename = "minhchung", alias = "evidence")]
    Evidence(String),
}

/// The menu for Telegram's setMyCommands, in the reader's language.
pub fn menu(lang: Lang, commands: &[MenuCommand]) -> Vec<BotCommand> {
    commands
        .iter()
        .map(|command| {
            let name = match lang {
                Lang::Vi => command.vi_name(),
                Lang::En => command.en_name(),
            };
            BotCommand::new(name, crate::texts::commands::description(lang, *command))
        })
        .collect()
}
