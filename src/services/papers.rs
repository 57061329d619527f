//! /vanban: the standing body (the secretary) and the director ask for one of the year's papers
//! in chat. The paper is written by `export::documents` (a layer above); this service decides
//! who may have one: it re-reads the caller, requires the secretary's or the director's role,
//! and finds the current campaign with its rules. Only [`authorise`] builds a [`PaperLicence`],
//! so the code that writes a paper for the chat cannot be reached without passing here.
//!
//! The papers hold every nominee's name and, in the reports, their achievements; they are not
//! for unit heads or staff, who see their own records in /trangthai.

use super::caller::Caller;
use super::error::{Refusal, ServiceResult};
use super::{Ctx, identity, rule_book};
use crate::domain::campaign::Campaign;
use crate::domain::person::Person;
use crate::domain::role::Role;
use crate::domain::rules::Rules;
use std::sync::Arc;

/// Leave to write the current campaign's papers for its holder. Its fields are private, so
/// nothing outside this module can make one.
#[derive(Debug)]
pub struct PaperLicence {
    holder: Person,
    campaign: Campaign,
    rules: Arc<Rules>,
}

impl PaperLicence {
    pub fn holder(&self) -> &Person {
        &self.holder
    }

    pub fn campaign(&self) -> &Campaign {
        &self.campaign
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }
}

pub async fn authorise(ctx: &Ctx, caller: &Caller) -> ServiceResult<PaperLicence> {
    let mut conn = ctx.db.read().await?;
    let holder = identity::linked_person(&mut conn, caller).await?;
    if !(holder.has(Role::Secretary) || holder.has(Role::Director)) {
        return Err(Refusal::RoleRequired(Role::Secretary).into());
    }
    let campaign = identity::current_campaign(&mut conn, ctx.now()).await?;
    drop(conn);
    let rules = rule_book::rules_for(ctx, &campaign).await?;
    Ok(PaperLicence {
        holder,
        campaign,
        rules,
    })
}
