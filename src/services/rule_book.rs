//! The campaigns' rules, loaded when the application starts and kept in its context.
//!
//! Keyed per campaign (year, rule set and local file list): an edited local file takes effect at
//! the next start — the same moment a campaign file would. A campaign opened after the start (by
//! `thidua campaign open`, another process) is loaded the first time it is needed, once.

use crate::domain::campaign::{Campaign, RuleSet};
use crate::domain::rules::{self, RuleFileError, Rules};
use crate::storage::{self, Db};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

type Key = (i32, RuleSet, Vec<String>);

fn key(campaign: &Campaign) -> Key {
    (
        campaign.year,
        campaign.rule_set,
        campaign.local_rules.clone(),
    )
}

#[derive(Debug, Default)]
pub struct RuleBook {
    loaded: RwLock<HashMap<Key, Arc<Rules>>>,
}

impl RuleBook {
    /// Every campaign in the database, loaded now. A campaign whose local file does not load
    /// is logged and left out: it was checked when the campaign was opened, and each use will
    /// try again (and refuse while it fails), so a fixed file needs no restart.
    pub async fn at_start(db: &Db) -> Result<Self, crate::storage::StorageError> {
        let mut conn = db.read().await?;
        let mut campaigns = Vec::new();
        for year in storage::campaigns::list_years(&mut conn).await? {
            if let Some(campaign) = storage::campaigns::find(&mut conn, year).await? {
                campaigns.push(campaign);
            }
        }
        drop(conn);
        let book = Self::default();
        for campaign in &campaigns {
            if let Err(error) = book.rules(campaign).await {
                tracing::error!(%error, year = campaign.year, "the campaign's rules do not load");
            }
        }
        Ok(book)
    }

    /// The campaign's rules, read from disk only the first time.
    pub async fn rules(&self, campaign: &Campaign) -> Result<Arc<Rules>, RuleFileError> {
        let key = key(campaign);
        if let Some(found) = self.read_lock().get(&key) {
            return Ok(found.clone());
        }
        let loaded = Arc::new(read(campaign.rule_set, &campaign.local_rules).await?);
        // Two first uses at once both read; either result is the same.
        Ok(self.write_lock().entry(key).or_insert(loaded).clone())
    }

    fn read_lock(&self) -> std::sync::RwLockReadGuard<'_, HashMap<Key, Arc<Rules>>> {
        // The map holds finished values only, so a panicked writer left nothing half-made.
        self.loaded
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write_lock(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<Key, Arc<Rules>>> {
        self.loaded
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The shipped rule set merged with local files (paths relative to the working directory, as
/// written in the campaign file), uncached: what opening a campaign checks.
pub async fn read(rule_set: RuleSet, local_rules: &[String]) -> Result<Rules, RuleFileError> {
    let mut texts = Vec::with_capacity(local_rules.len());
    for path in local_rules {
        let text = tokio::fs::read_to_string(path)
            .await
            .map_err(|error| RuleFileError {
                file: path.clone(),
                rule: "(file)".into(),
                reason: error.to_string(),
            })?;
        texts.push((path.as_str(), text));
    }
    let locals: Vec<rules::RuleSource<'_>> = texts
        .iter()
        .map(|(label, text)| rules::RuleSource { label, text })
        .collect();
    let label = format!("config/rules/{}.toml", rule_set.as_str());
    rules::parse_named(
        rule_set,
        rules::RuleSource {
            label: &label,
            text: rules::load::builtin_text(rule_set),
        },
        &locals,
    )
}

/// The campaign's rules for a service. A rule file that stopped loading is an operator's
/// problem: logged with its cause, and the user is told the rules are unavailable — the one way
/// every service handles it.
pub async fn rules_for(
    ctx: &super::Ctx,
    campaign: &Campaign,
) -> Result<Arc<Rules>, super::Refusal> {
    ctx.rules.rules(campaign).await.map_err(|error| {
        tracing::error!(%error, year = campaign.year, "the campaign's rules do not load");
        super::Refusal::RulesUnavailable
    })
}
