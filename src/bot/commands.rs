//! The chat commands, their Vietnamese names with English aliases, and which roles see them.

use crate::domain::language::Lang;
use crate::domain::role::{Role, Roles};
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
}

/// A command as listed in /help and in Telegram's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuCommand {
    Start,
    Help,
    Register,
    Assess,
    Review,
    Meeting,
    Reopen,
    Status,
    Cancel,
    Lang,
    Reminders,
    Appraise,
    Ballot,
    Approve,
}

impl MenuCommand {
    pub fn vi_name(self) -> &'static str {
        match self {
            MenuCommand::Start => "start",
            MenuCommand::Help => "help",
            MenuCommand::Register => "dangky",
            MenuCommand::Assess => "tudanhgia",
            MenuCommand::Review => "duyet",
            MenuCommand::Meeting => "binhxet",
            MenuCommand::Reopen => "mohop",
            MenuCommand::Status => "trangthai",
            MenuCommand::Cancel => "huy",
            MenuCommand::Lang => "lang",
            MenuCommand::Reminders => "nhacnho",
            MenuCommand::Appraise => "thamdinh",
            MenuCommand::Ballot => "bophieu",
            MenuCommand::Approve => "pheduyet",
        }
    }

    pub fn en_name(self) -> &'static str {
        match self {
            MenuCommand::Start => "start",
            MenuCommand::Help => "help",
            MenuCommand::Register => "register",
            MenuCommand::Assess => "assess",
            MenuCommand::Review => "review",
            MenuCommand::Meeting => "meeting",
            MenuCommand::Reopen => "reopen",
            MenuCommand::Status => "status",
            MenuCommand::Cancel => "cancel",
            MenuCommand::Lang => "lang",
            MenuCommand::Reminders => "reminders",
            MenuCommand::Appraise => "appraise",
            MenuCommand::Ballot => "ballot",
            MenuCommand::Approve => "approve",
        }
    }
}

/// Exactly the commands a person's roles allow; `None` is someone not linked yet.
pub fn allowed(roles: Option<&Roles>) -> Vec<MenuCommand> {
    let Some(roles) = roles else {
        return vec![MenuCommand::Start, MenuCommand::Help];
    };
    let mut commands = vec![MenuCommand::Help];
    if crate::domain::registration::may_register(roles) {
        commands.push(MenuCommand::Register);
        commands.push(MenuCommand::Assess);
    }
    if roles.has(Role::UnitHead) || roles.has(Role::Secretary) {
        commands.push(MenuCommand::Review);
    }
    if roles.has(Role::UnitHead) {
        commands.push(MenuCommand::Meeting);
    }
    if roles.has(Role::Secretary) {
        commands.push(MenuCommand::Reopen);
    }
    if roles.has(Role::Secretary) {
        commands.push(MenuCommand::Appraise);
        commands.push(MenuCommand::Ballot);
    }
    if roles.has(Role::Director) {
        commands.push(MenuCommand::Approve);
    }
    commands.extend([
        MenuCommand::Status,
        MenuCommand::Reminders,
        MenuCommand::Cancel,
        MenuCommand::Lang,
    ]);
    commands
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
