//! The commands a person may see in /help and Telegram's menu, by role. Their names are the
//! identifiers typed after the slash (Vietnamese first, English aliases); their descriptions are
//! texts.

use crate::domain::role::{Role, Roles};

/// A command as listed in /help and in Telegram's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuCommand {
    Start,
    Help,
    Register,
    Assess,
    Review,
    Meeting,
    Resend,
    Reopen,
    Status,
    Cancel,
    Lang,
    Reminders,
    Appraise,
    Ballot,
    Approve,
    Commendation,
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
            MenuCommand::Resend => "guilai",
            MenuCommand::Reopen => "mohop",
            MenuCommand::Status => "trangthai",
            MenuCommand::Cancel => "huy",
            MenuCommand::Lang => "lang",
            MenuCommand::Reminders => "nhacnho",
            MenuCommand::Appraise => "thamdinh",
            MenuCommand::Ballot => "bophieu",
            MenuCommand::Approve => "pheduyet",
            MenuCommand::Commendation => "giaykhen",
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
            MenuCommand::Resend => "resend",
            MenuCommand::Reopen => "reopen",
            MenuCommand::Status => "status",
            MenuCommand::Cancel => "cancel",
            MenuCommand::Lang => "lang",
            MenuCommand::Reminders => "reminders",
            MenuCommand::Appraise => "appraise",
            MenuCommand::Ballot => "ballot",
            MenuCommand::Approve => "approve",
            MenuCommand::Commendation => "commendation",
        }
    }
}

/// Exactly the commands a person's roles allow; `None` is someone not linked yet.
pub fn allowed(roles: Option<&Roles>) -> Vec<MenuCommand> {
    let Some(roles) = roles else {
        return vec![MenuCommand::Start, MenuCommand::Help];
    };
    let mut commands = vec![MenuCommand::Help];
    if super::registration::may_register(roles) {
        commands.push(MenuCommand::Register);
        commands.push(MenuCommand::Assess);
    }
    if roles.has(Role::UnitHead) || roles.has(Role::Secretary) {
        commands.push(MenuCommand::Review);
    }
    if roles.has(Role::UnitHead) {
        commands.push(MenuCommand::Meeting);
        commands.push(MenuCommand::Resend);
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
    // The director's Giấy khen, at any time: heads and the standing body propose, the standing
    // body appraises, the director decides.
    if [Role::UnitHead, Role::Secretary, Role::Director]
        .into_iter()
        .any(|role| roles.has(role))
    {
        commands.push(MenuCommand::Commendation);
    }
    commands.extend([
        MenuCommand::Status,
        MenuCommand::Reminders,
        MenuCommand::Cancel,
        MenuCommand::Lang,
    ]);
    commands
}
