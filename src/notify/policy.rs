//! What to do with a row after an attempt: a pure function of the row's kind, its failures so
//! far, the failure and the time, so the rules can be read (and tested) in one place.

use super::mailer::MailError;
use super::telegram::TelegramFailure;
use crate::config::NotifySettings;
use crate::storage::outbox::Kind;
use chrono::{DateTime, Utc};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base: Duration,
    pub max: Duration,
}

impl RetryPolicy {
    pub fn from_settings(settings: &NotifySettings) -> RetryPolicy {
        RetryPolicy {
            max_attempts: settings.max_attempts,
            base: Duration::from_secs(settings.backoff_base_seconds),
            max: Duration::from_secs(settings.backoff_max_seconds),
        }
    }

    /// The wait after the `failures`-th failure: base, 2×base, 4×base, … capped. No jitter: one
    /// worker sends, so there is no herd to spread, and tests can predict the instant.
    pub fn backoff(&self, failures: u32) -> Duration {
        let exponent = failures.saturating_sub(1).min(30);
        self.base.saturating_mul(1u32 << exponent).min(self.max)
    }
}

/// The outcome to record for a row whose attempt failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Retry {
        at: DateTime<Utc>,
        attempts: u32,
        reason: String,
    },
    /// Given up. The secretary is told (unless the row is itself a notice to them).
    Dead { attempts: u32, reason: String },
    /// The request may have reached Telegram; a publication is not re-posted automatically.
    Unknown { attempts: u32, reason: String },
    /// The person cannot be reached on Telegram: mark them, send the text by e-mail instead.
    Unreachable { attempts: u32, reason: String },
    /// The chat moved: record it and send again, at once, to the new id (not a failed attempt).
    Redirect { to_chat_id: i64 },
}

pub fn after_telegram_failure(
    policy: &RetryPolicy,
    kind: Kind,
    failures_before: u32,
    failure: TelegramFailure,
    now: DateTime<Utc>,
) -> Decision {
    let attempts = failures_before.saturating_add(1);
    match failure {
        // Telegram's own wait, to the second: never earlier. A flood is not the message's fault,
        // so it does not spend the attempt budget.
        TelegramFailure::RetryAfter(wait) => Decision::Retry {
            at: now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX),
            attempts: failures_before,
            reason: format!(
                "Telegram: too many requests, retry after {} s",
                wait.as_secs()
            ),
        },
        TelegramFailure::Migrated(to_chat_id) => Decision::Redirect { to_chat_id },
        TelegramFailure::Unreachable(reason) => Decision::Unreachable {
            attempts,
            reason: format!("Telegram: {reason}"),
        },
        TelegramFailure::Permanent(reason) => Decision::Dead {
            attempts,
            reason: format!("Telegram: {reason}"),
        },
        TelegramFailure::Transient {
            reason,
            maybe_delivered: true,
        } if kind == Kind::Publication => Decision::Unknown {
            attempts,
            reason: format!(
                "Telegram: no answer after the request went out ({reason}); not re-posted"
            ),
        },
        TelegramFailure::Transient { reason, .. } => {
            retry_or_give_up(policy, attempts, format!("Telegram: {reason}"), now)
        }
    }
}

pub fn after_mail_failure(
    policy: &RetryPolicy,
    failures_before: u32,
    failure: MailError,
    now: DateTime<Utc>,
) -> Decision {
    let attempts = failures_before.saturating_add(1);
    match failure {
        MailError::Permanent(reason) => Decision::Dead {
            attempts,
            reason: format!("SMTP: {reason}"),
        },
        MailError::Transient(reason) => {
            retry_or_give_up(policy, attempts, format!("SMTP: {reason}"), now)
        }
    }
}

fn retry_or_give_up(
    policy: &RetryPolicy,
    attempts: u32,
    reason: String,
    now: DateTime<Utc>,
) -> Decision {
    if attempts >= policy.max_attempts {
        return Decision::Dead {
            attempts,
            reason: format!("gave up after {attempts} attempts; last: {reason}"),
        };
    }
    let wait =
        chrono::Duration::from_std(policy.backoff(attempts)).unwrap_or(chrono::Duration::MAX);
    Decision::Retry {
        at: now + wait,
        attempts,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 4,
            base: Duration::from_secs(30),
            max: Duration::from_secs(100),
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 3, 0, 0).unwrap()
    }

    fn transient(maybe_delivered: bool) -> TelegramFailure {
        TelegramFailure::Transient {
            reason: "network".into(),
            maybe_delivered,
        }
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let waits: Vec<u64> = (1..=5)
            .map(|failures| policy().backoff(failures).as_secs())
            .collect();
        assert_eq!(waits, [30, 60, 100, 100, 100]);
    }

    #[test]
    fn retry_after_is_honoured_exactly_and_never_exhausts_the_budget() {
        let decision = after_telegram_failure(
            &policy(),
            Kind::Direct,
            10,
            TelegramFailure::RetryAfter(Duration::from_secs(7)),
            now(),
        );
        assert!(
            matches!(decision, Decision::Retry { at, attempts: 10, .. } if at == now() + chrono::Duration::seconds(7))
        );
    }

    #[test]
    fn transient_failures_back_off_then_die() {
        let first = after_telegram_failure(&policy(), Kind::Reminder, 0, transient(false), now());
        assert!(
            matches!(first, Decision::Retry { at, attempts: 1, .. } if at == now() + chrono::Duration::seconds(30))
        );
        let last = after_telegram_failure(&policy(), Kind::Reminder, 3, transient(false), now());
        assert!(matches!(last, Decision::Dead { attempts: 4, .. }));
    }

    #[test]
    fn an_uncertain_send_is_retried_for_people_but_flagged_for_publications() {
        let direct = after_telegram_failure(&policy(), Kind::Direct, 0, transient(true), now());
        assert!(matches!(direct, Decision::Retry { .. }));
        let publication =
            after_telegram_failure(&policy(), Kind::Publication, 0, transient(true), now());
        assert!(matches!(publication, Decision::Unknown { attempts: 1, .. }));
        let refused =
            after_telegram_failure(&policy(), Kind::Publication, 0, transient(false), now());
        assert!(
            matches!(refused, Decision::Retry { .. }),
            "a refused connection never reached Telegram"
        );
    }

    #[test]
    fn smtp_permanent_is_dead_and_transient_is_retried() {
        let dead = after_mail_failure(&policy(), 0, MailError::Permanent("550".into()), now());
        assert!(matches!(dead, Decision::Dead { attempts: 1, .. }));
        let retry = after_mail_failure(&policy(), 1, MailError::Transient("refused".into()), now());
        assert!(
            matches!(retry, Decision::Retry { at, attempts: 2, .. } if at == now() + chrono::Duration::seconds(60))
        );
    }
}
