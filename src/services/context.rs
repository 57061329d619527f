//! What every service needs: the database, the clock, the settings and the organisation.

use crate::clock::SharedClock;
use crate::config::Settings;
use crate::org::Org;
use crate::storage::Db;
use std::sync::Arc;

#[derive(Clone)]
pub struct Ctx {
    pub db: Db,
    pub clock: SharedClock,
    pub settings: Arc<Settings>,
    pub org: Arc<Org>,
}

impl Ctx {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
