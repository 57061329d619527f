//! The year's block file: which blocks run, their members (outside collectives), each member's
//! contact person, the leader and deputy, the block's group chat, how many members are proposed
//! for each award, and the scoring table (a file of its own, named relative to this one).
//!
//! ```toml
//! year = 2026
//! scoring_table = "scoring-2026.toml"
//! scoring_until = "15/11/2026"
//!
//! [[blocks]]
//! code = "KTHT"
//! name = "Khối thi đua các phòng Kinh tế, Hạ tầng và Đô thị"
//! group_chat_id = -1002000000001
//! leader = "TANNINH"
//! deputy = "TRANGBANG"
//! flags = 1
//! bang_khen = 2
//!
//! [[blocks.members]]
//! code = "TANNINH"
//! name = "Phòng Kinh tế, Hạ tầng và Đô thị phường Tân Ninh"
//! email = "kthtdt.tanninh@tayninh.gov.vn"
//! contact = { code = "K-TANNINH", full_name = "Lê Văn Hùng", gender = "male", position = "Trưởng phòng", email = "hung.lv@tayninh.gov.vn" }
//! ```
//! Parsing is pure: the caller reads the scoring table and passes its text.

use super::Duty;
use super::scoring::{ScoringTable, TableProblem, parse_table};
use crate::domain::person::Gender;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub code: String,
    pub full_name: String,
    pub gender: Gender,
    pub position: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub code: String,
    pub name: String,
    pub email: String,
    pub duty: Duty,
    pub contact: Contact,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub code: String,
    pub name: String,
    pub group_chat_id: Option<i64>,
    pub flags: u32,
    pub bang_khen: u32,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockYear {
    pub year: i32,
    /// The last day members may send their sheets.
    pub scoring_until: NaiveDate,
    pub table: ScoringTable,
    pub blocks: Vec<Block>,
}

/// The scoring table's file name as the block file gives it.
pub fn table_name(text: &str) -> Result<String, Vec<TableProblem>> {
    #[derive(Deserialize)]
    struct Only {
        scoring_table: String,
    }
    toml::from_str::<Only>(text)
        .map(|only| only.scoring_table)
        .map_err(|error| vec![problem("(file)", error.message())])
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    year: i32,
    /// Read before parsing by [`table_name`]; named here so the file may not misspell it.
    #[serde(rename = "scoring_table")]
    _scoring_table: String,
    scoring_until: String,
    blocks: Vec<RawBlock>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    code: String,
    name: String,
    group_chat_id: Option<i64>,
    leader: String,
    deputy: Option<String>,
    flags: u32,
    bang_khen: u32,
    members: Vec<RawMember>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMember {
    code: String,
    name: String,
    email: String,
    contact: RawContact,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    code: String,
    full_name: String,
    gender: String,
    position: String,
    email: String,
}

fn problem(place: &str, reason: &str) -> TableProblem {
    TableProblem {
        place: place.to_owned(),
        reason: reason.to_owned(),
    }
}

/// A block needs enough members for a ranking to mean something.
pub const MIN_MEMBERS: usize = 3;

/// Parses the block file against the organisation's block codes and the department's employee
/// codes (a contact is not one of the department's people); every problem is listed, the
/// scoring table's under `scoring_table`.
pub fn parse(
    text: &str,
    table_text: &str,
    block_codes: &[&str],
    staff_codes: &HashSet<String>,
) -> Result<BlockYear, Vec<TableProblem>> {
    let raw: RawYear =
        toml::from_str(text).map_err(|error| vec![problem("(file)", error.message())])?;
    let mut problems = Vec::new();
    let table = match parse_table(table_text) {
        Ok(table) => Some(table),
        Err(found) => {
            problems.extend(found.into_iter().map(|found| TableProblem {
                place: format!("scoring_table: {}", found.place),
                reason: found.reason,
            }));
            None
        }
    };
    if !(2000..=2100).contains(&raw.year) {
        problems.push(problem("year", "a year between 2000 and 2100"));
    }
    let scoring_until = crate::domain::tabular::parse_date(&raw.scoring_until);
    if scoring_until.is_none() {
        problems.push(problem("scoring_until", "a date, dd/mm/yyyy"));
    }
    if raw.blocks.is_empty() {
        problems.push(problem("blocks", "at least one block"));
    }
    let mut member_codes = HashSet::new();
    let mut contact_codes = HashSet::new();
    let mut block_seen = HashSet::new();
    let mut blocks = Vec::new();
    for (b, block) in raw.blocks.into_iter().enumerate() {
        let place = format!("blocks[{b}]");
        if !block_codes.contains(&block.code.as_str()) {
            problems.push(problem(
                &format!("{place}.code"),
                &format!("`{}` is not a block of config/org.toml", block.code),
            ));
        }
        if !block_seen.insert(block.code.clone()) {
            problems.push(problem(
                &format!("{place}.code"),
                "each block is listed once",
            ));
        }
        if block.name.trim().is_empty() || block.name.chars().count() > 300 {
            problems.push(problem(&format!("{place}.name"), "1 to 300 characters"));
        }
        if block.members.len() < MIN_MEMBERS {
            problems.push(problem(
                &format!("{place}.members"),
                &format!("a block has at least {MIN_MEMBERS} members"),
            ));
        }
        let proposed = (block.flags + block.bang_khen) as usize;
        if block.flags == 0 || proposed >= block.members.len().max(1) {
            problems.push(problem(
                &format!("{place}.flags"),
                "at least one flag, and fewer proposals than members",
            ));
        }
        let codes: Vec<&str> = block.members.iter().map(|m| m.code.as_str()).collect();
        if !codes.contains(&block.leader.as_str()) {
            problems.push(problem(
                &format!("{place}.leader"),
                "the leader is one of the block's members",
            ));
        }
        if let Some(deputy) = &block.deputy
            && (!codes.contains(&deputy.as_str()) || *deputy == block.leader)
        {
            problems.push(problem(
                &format!("{place}.deputy"),
                "the deputy is another of the block's members",
            ));
        }
        let mut members = Vec::new();
        for (m, member) in block.members.into_iter().enumerate() {
            let place = format!("{place}.members[{m}]");
            if !member_codes.insert(member.code.clone())
                || member.code.is_empty()
                || member.code.chars().count() > 20
            {
                problems.push(problem(
                    &format!("{place}.code"),
                    "codes are unique across blocks, 1 to 20 characters",
                ));
            }
            if member.name.trim().is_empty() || member.name.chars().count() > 300 {
                problems.push(problem(&format!("{place}.name"), "1 to 300 characters"));
            }
            if !looks_like_email(&member.email) {
                problems.push(problem(
                    &format!("{place}.email"),
                    "the member's official mailbox",
                ));
            }
            let contact = member.contact;
            if !contact_codes.insert(contact.code.clone()) || contact.code.is_empty() {
                problems.push(problem(
                    &format!("{place}.contact.code"),
                    "each contact is listed once",
                ));
            }
            if staff_codes.contains(&contact.code) {
                problems.push(problem(
                    &format!("{place}.contact.code"),
                    "already an employee code of the department's staff file",
                ));
            }
            if contact.full_name.trim().is_empty() || contact.full_name.chars().count() > 100 {
                problems.push(problem(
                    &format!("{place}.contact.full_name"),
                    "1 to 100 characters",
                ));
            }
            let gender = Gender::parse(&contact.gender);
            if gender.is_none() {
                problems.push(problem(
                    &format!("{place}.contact.gender"),
                    "male or female (nam / nữ)",
                ));
            }
            if !looks_like_email(&contact.email) {
                problems.push(problem(
                    &format!("{place}.contact.email"),
                    "an e-mail address",
                ));
            }
            let duty = if member.code == block.leader {
                Duty::Leader
            } else if block.deputy.as_ref() == Some(&member.code) {
                Duty::Deputy
            } else {
                Duty::Member
            };
            members.push(Member {
                code: member.code,
                name: member.name,
                email: member.email,
                duty,
                contact: Contact {
                    code: contact.code,
                    full_name: contact.full_name.trim().to_owned(),
                    gender: gender.unwrap_or(Gender::Female),
                    position: contact.position.trim().to_owned(),
                    email: contact.email,
                },
            });
        }
        blocks.push(Block {
            code: block.code,
            name: block.name.trim().to_owned(),
            group_chat_id: block.group_chat_id,
            flags: block.flags,
            bang_khen: block.bang_khen,
            members,
        });
    }
    match (problems.is_empty(), table, scoring_until) {
        (true, Some(table), Some(scoring_until)) => Ok(BlockYear {
            year: raw.year,
            scoring_until,
            table,
            blocks,
        }),
        _ => Err(problems),
    }
}

fn looks_like_email(raw: &str) -> bool {
    let raw = raw.trim();
    match raw.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !raw.contains(char::is_whitespace)
        }
        None => false,
    }
}
