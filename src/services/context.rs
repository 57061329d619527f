//! What every service needs: the database, the clock, the settings and the organisation.

use crate::clock::SharedClock;
use crate::config::Settings;
use crate::org::Org;
use crate::services::present::Present;
use crate::services::rule_book::RuleBook;
use crate::storage::Db;
use std::sync::Arc;

#[derive(Clone)]
pub struct Ctx {
    pub db: Db,
    pub clock: SharedClock,
    pub settings: Arc<Settings>,
    pub org: Arc<Org>,
    /// The words and files written for the record (see [`Present`]).
    pub present: Arc<dyn Present>,
    /// The campaigns' rules, loaded at the start.
    pub rules: Arc<RuleBook>,
    /// Poked after a commit that queued outbox rows, so the notifier sends them now instead of
    /// at its next idle wake-up.
    pub outbox_waker: Arc<tokio::sync::Notify>,
}

impl Ctx {
    /// The context every entry point (the bot, the CLI, tests) builds: the rule book of the
    /// campaigns in `db` is loaded here, once.
    pub async fn start(
        db: Db,
        clock: SharedClock,
        settings: Arc<Settings>,
        org: Arc<Org>,
        present: Arc<dyn Present>,
    ) -> Result<Self, crate::storage::StorageError> {
        let rules = Arc::new(RuleBook::at_start(&db).await?);
        Ok(Self {
            db,
            clock,
            settings,
            org,
            present,
            rules,
            outbox_waker: Arc::new(tokio::sync::Notify::new()),
        })
    }

    /// Call after committing a transaction that queued outbox rows.
    pub fn wake_outbox(&self) {
        self.outbox_waker.notify_one();
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
