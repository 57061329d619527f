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
    Extend,
    Status,
    Cancel,
    Lang,
    Reminders,
    Appraise,
    Ballot,
    Approve,
    Commendation,
    Score,
    CrossCheck,
    BlockResults,
    Papers,
    Evidence,
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
            MenuCommand::Extend => "giahan",
            MenuCommand::Status => "trangthai",
            MenuCommand::Cancel => "huy",
            MenuCommand::Lang => "lang",
            MenuCommand::Reminders => "nhacnho",
            MenuCommand::Appraise => "thamdinh",
            MenuCommand::Ballot => "bophieu",
            MenuCommand::Approve => "pheduyet",
            MenuCommand::Commendation => "giaykhen",
            MenuCommand::Score => "chamdiem",
            MenuCommand::CrossCheck => "kiemtra",
            MenuCommand::BlockResults => "ketquakhoi",
            MenuCommand::Papers => "vanban",
            MenuCommand::Evidence => "minhchung",
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
            MenuCommand::Extend => "extend",
            MenuCommand::Status => "status",
            MenuCommand::Cancel => "cancel",
            MenuCommand::Lang => "lang",
            MenuCommand::Reminders => "reminders",
            MenuCommand::Appraise => "appraise",
            MenuCommand::Ballot => "ballot",
            MenuCommand::Approve => "approve",
            MenuCommand::Commendation => "commendation",
            MenuCommand::Score => "score",
            MenuCommand::CrossCheck => "crosscheck",
            MenuCommand::BlockResults => "blockresults",
            MenuCommand::Papers => "papers",
            MenuCommand::Evidence => "evidence",
        }
    }
}

/// Exactly the commands a person's roles allow; `None` is someone not linked yet.
pub fn allowed(roles: Option<&Roles>) -> Vec<MenuCommand> {
    let Some(roles) = roles else {
        return vec![MenuCommand::Start, MenuCommand::Help];
    };
    // A block member's contact is outside the department: the block's commands only.
    if roles.iter().all(|role| role == Role::BlockContact) && roles.has(Role::BlockContact) {
        return vec![
            MenuCommand::Help,
            MenuCommand::Score,
            MenuCommand::CrossCheck,
            MenuCommand::Status,
            MenuCommand::Cancel,
            MenuCommand::Lang,
        ];
    }
    let mut commands = vec![MenuCommand::Help];
    if super::registration::may_register(roles) {
        commands.push(MenuCommand::Register);
        commands.push(MenuCommand::Assess);
    }
    if roles.has(Role::UnitHead) || roles.has(Role::Secretary) {
        commands.push(MenuCommand::Review);
    }
    // Reviewers, appraisers and the director open the evidence people attached.
    if [Role::UnitHead, Role::Secretary, Role::Director]
        .into_iter()
        .any(|role| roles.has(role))
    {
        commands.push(MenuCommand::Evidence);
    }
    if roles.has(Role::UnitHead) {
        commands.push(MenuCommand::Meeting);
        commands.push(MenuCommand::Resend);
    }
    if roles.has(Role::Secretary) {
        commands.push(MenuCommand::Reopen);
        commands.push(MenuCommand::Extend);
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
    // Emulation blocks: the standing body may cross-check any sheet; it and the council's
    // chair confirm the rankings.
    if roles.has(Role::Secretary) {
        commands.push(MenuCommand::CrossCheck);
    }
    if roles.has(Role::Secretary) || roles.has(Role::Director) {
        commands.push(MenuCommand::BlockResults);
        // The year's papers, for the standing body to prepare and the director to sign.
        commands.push(MenuCommand::Papers);
    }
    commands.extend([
        MenuCommand::Status,
        MenuCommand::Reminders,
        MenuCommand::Cancel,
        MenuCommand::Lang,
    ]);
    commands
}
