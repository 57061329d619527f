//! Emulation blocks: the year's file imported (`thidua block import`), each member's contact
//! scoring its sheet in chat (/chamdiem), the cross-check (/kiemtra), the council's confirmation
//! of the ranking (/ketquakhoi), and the proposal to the province (`thidua block proposal`).
//!
//! Every step re-reads the caller, the block and the sheet inside its own transaction: the ids a
//! dialogue keeps are requests, and a sheet's `revision` makes a step about what was shown.

pub mod check;
pub mod confirm;
pub mod import;
pub mod province;
pub mod sheet;

use crate::domain::block::{Duty, Points, Sheet};
use crate::domain::person::Person;
use crate::domain::role::Role;
use crate::storage::blocks::{self, BlockYear, Member, Scores};
use crate::storage::{Connection, StorageResult};

/// One member's sheet as a screen shows it.
#[derive(Debug, Clone)]
pub struct SheetView {
    pub block: BlockYear,
    pub member: Member,
    pub scores: Scores,
}

impl SheetView {
    pub fn total(&self) -> Points {
        self.ranking_sheet().total(&self.block.table)
    }

    pub fn own_total(&self) -> Points {
        self.scores.points.values().map(|(own, _)| *own).sum()
    }

    /// Criteria without points yet, in the table's order.
    pub fn missing(&self) -> Vec<String> {
        self.block
            .table
            .criteria()
            .filter(|criterion| !self.scores.points.contains_key(&criterion.code))
            .map(|criterion| criterion.code.clone())
            .collect()
    }

    pub fn ranking_sheet(&self) -> Sheet {
        Sheet {
            member: self.member.code.clone(),
            status: self.member.status,
            submitted_at: self.member.submitted_at,
            points: self.scores.points.clone(),
        }
    }
}

async fn view(conn: &mut Connection, block: BlockYear, member: Member) -> StorageResult<SheetView> {
    let scores = blocks::scores(conn, member.id).await?;
    Ok(SheetView {
        block,
        member,
        scores,
    })
}

/// Who checks `member`'s sheet: the leader's contact for the members, the deputy's for the
/// leader's own (the standing body always may). Never the member's own contact.
pub fn may_check(person: &Person, member: &Member, members: &[Member]) -> bool {
    if member.contact_id == person.id {
        return false;
    }
    if person.has(Role::Secretary) {
        return true;
    }
    let duty_of_person = members
        .iter()
        .find(|candidate| candidate.contact_id == person.id)
        .map(|candidate| candidate.duty);
    matches!(
        (duty_of_person, member.duty),
        (Some(Duty::Leader), Duty::Deputy | Duty::Member) | (Some(Duty::Deputy), Duty::Leader)
    )
}

/// The contacts who check `member`'s sheet (the standing body when the block has none).
pub async fn checkers_of(
    conn: &mut Connection,
    member: &Member,
    members: &[Member],
) -> StorageResult<Vec<Person>> {
    let wanted = match member.duty {
        Duty::Leader => Duty::Deputy,
        Duty::Deputy | Duty::Member => Duty::Leader,
    };
    let mut checkers = Vec::new();
    if let Some(checker) = members.iter().find(|candidate| candidate.duty == wanted)
        && let Some(person) = crate::storage::people::find_by_id(conn, checker.contact_id).await?
        && person.active
    {
        checkers.push(person);
    }
    if checkers.is_empty() {
        checkers = crate::storage::people::list_active_with_role(conn, Role::Secretary).await?;
    }
    Ok(checkers)
}
