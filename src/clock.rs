//! "Now" is an input. Production code asks a [`Clock`]; tests inject a [`ManualClock`] they move
//! by hand, so nothing depends on the wall clock or on sleeping.

use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The real wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to. Cloning shares the same instant.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self(Arc::new(Mutex::new(start)))
    }

    pub fn set(&self, instant: DateTime<Utc>) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = instant;
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The wall clock moved forward by a settable amount: the sandbox's, so a person trying the
/// product can jump to the next phase while everything else (timeouts, the scheduler's ticks)
/// keeps running in real time.
#[derive(Debug, Clone, Default)]
pub struct OffsetClock(Arc<Mutex<chrono::Duration>>);

impl OffsetClock {
    /// Moves "now" to `instant` (forward or back) from here on.
    pub fn jump_to(&self, instant: DateTime<Utc>) {
        let offset = instant - Utc::now();
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = offset;
    }
}

impl Clock for OffsetClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
            + *self
                .0
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The shared handle services receive.
pub type SharedClock = Arc<dyn Clock>;
