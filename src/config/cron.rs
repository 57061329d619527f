//! Cron expressions in the settings, checked at load time the way the scheduler will read them,
//! so a typo stops the start with the key's name instead of failing at the first wake-up.

use super::ConfigError;
use crate::domain::time::LOCAL_TZ;
use tokio_cron_scheduler::Job;

/// Checks a 6-field cron expression (with seconds).
pub(super) fn check_cron(key: &str, expression: &str) -> Result<(), ConfigError> {
    Job::new_tz(expression, LOCAL_TZ, |_, _| {}).map(|_| ()).map_err(|_| {
        ConfigError::new(
            key,
            format!("`{expression}` is not a 6-field cron expression with seconds, like \"0 0 8 1 * *\""),
        )
    })
}
