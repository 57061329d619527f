//! Layered, typed settings: the documented defaults in `config/default.toml` (built in), an
//! optional file, then `THIDUA__SECTION__KEY` environment variables. Every problem names the key.

mod cron;
mod layers;
pub mod reminder_policy;
mod secret;

pub use secret::Secret;

use serde::Deserialize;
use std::path::PathBuf;

pub const DEFAULTS: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub database: DatabaseSettings,
    pub telegram: TelegramSettings,
    pub mail: MailSettings,
    pub org: OrgSettings,
    pub invites: InviteSettings,
    pub linking: LinkingSettings,
    pub campaign: CampaignSettings,
    pub notify: NotifySettings,
    pub reminders: ReminderSettings,
    pub ballot: BallotSettings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotSettings {
    /// 64 hex digits; the key ballot papers are sealed with. Empty: no ballot can be opened.
    pub secrecy_key: Secret,
}

impl BallotSettings {
    /// The key, when one is set (a malformed one never gets past [`Settings::from_layers`]).
    pub fn key(&self) -> Option<crate::domain::ballot::seal::BallotKey> {
        crate::domain::ballot::seal::BallotKey::from_hex(self.secrecy_key.expose()).ok()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    pub path: PathBuf,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TelegramSettings {
    #[serde(default)]
    pub token: Option<Secret>,
    pub api_url: String,
    pub bot_username: String,
    pub group_chat_id: i64,
    pub webhook_url: String,
    pub webhook_listen: String,
    pub webhook_secret: Secret,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    Starttls,
    Tls,
    None,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    pub from: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_security: SmtpSecurity,
    pub smtp_username: String,
    pub smtp_password: Secret,
    pub file_dir: PathBuf,
    pub timeout_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgSettings {
    pub file: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteSettings {
    pub ttl_days: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkingSettings {
    pub max_failures: u32,
    pub failure_window_minutes: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignSettings {
    pub contact: String,
}

/// The outbox worker (`notify`): retries, backoff and crash recovery. See `[notify]` in
/// config/default.toml for what each key means.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifySettings {
    pub batch_size: u32,
    pub max_attempts: u32,
    pub backoff_base_seconds: u64,
    pub backoff_max_seconds: u64,
    pub claim_lease_seconds: u64,
    pub idle_wake_seconds: u64,
}

/// Deadline reminders, unit heads' digests, escalations and periodic reports (issue 5). See
/// `[reminders]` in config/default.toml for each key; parsed into a
/// [`crate::domain::reminders::Policy`] by [`reminder_policy::policy`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderSettings {
    pub offsets: Vec<String>,
    pub send_time: String,
    pub digest_time: String,
    pub grace_hours: u32,
    pub holidays: Vec<String>,
    pub wake_cron: String,
    pub report_cron: String,
    pub provincial_council_email: String,
}

/// A configuration problem, always naming the key (`mail.smtp_port`) it is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("configuration key `{key}`: {reason}")]
pub struct ConfigError {
    pub key: String,
    pub reason: String,
}

impl ConfigError {
    pub fn new(key: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            reason: reason.into(),
        }
    }
}

impl Settings {
    /// Loads the layers from the real environment.
    pub fn load(file: Option<&std::path::Path>) -> Result<Self, ConfigError> {
        let overlay = match file {
            Some(path) => Some(std::fs::read_to_string(path).map_err(|error| {
                ConfigError::new("(file)", format!("cannot read {}: {error}", path.display()))
            })?),
            None => None,
        };
        let mut settings = Self::from_layers(overlay.as_deref(), std::env::vars())?;
        if let Some(home) = std::env::var_os("THIDUA_HOME").filter(|home| !home.is_empty()) {
            settings.resolve_against(std::path::Path::new(&home));
        }
        Ok(settings)
    }

    /// Relative paths (the database, the mail folder, the organisation file) taken from `home`
    /// instead of the current folder, so the product runs from anywhere (`THIDUA_HOME`).
    pub fn resolve_against(&mut self, home: &std::path::Path) {
        for path in [
            &mut self.database.path,
            &mut self.mail.file_dir,
            &mut self.org.file,
        ] {
            if path.is_relative() {
                *path = home.join(&*path);
            }
        }
    }

    /// The webhook's address, its listening socket and its secret, when webhook mode is on.
    fn validate_webhook(&self) -> Result<(), ConfigError> {
        let telegram = &self.telegram;
        if telegram.webhook_url.is_empty() {
            return Ok(());
        }
        let url = url::Url::parse(&telegram.webhook_url)
            .map_err(|error| ConfigError::new("telegram.webhook_url", error.to_string()))?;
        let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
        if url.scheme() != "https" && !(url.scheme() == "http" && loopback) {
            return Err(ConfigError::new(
                "telegram.webhook_url",
                "must be https:// (http:// only for a loopback host)",
            ));
        }
        telegram
            .webhook_listen
            .parse::<std::net::SocketAddr>()
            .map_err(|error| ConfigError::new("telegram.webhook_listen", error.to_string()))?;
        let secret = telegram.webhook_secret.expose();
        let valid = (1..=256).contains(&secret.len())
            && secret
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-');
        if !valid {
            return Err(ConfigError::new(
                "telegram.webhook_secret",
                "required with webhook_url: 1–256 characters of A–Z a–z 0–9 _ -",
            ));
        }
        Ok(())
    }

    /// Builds settings from the built-in defaults, an optional overlay file's text and a set of
    /// environment variables (passed in so tests need not touch the process environment).
    pub fn from_layers(
        overlay: Option<&str>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let merged = layers::merge(DEFAULTS, overlay, env)?;
        let settings: Settings = layers::deserialize(merged)?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        self.validate_webhook()?;
        if self.database.max_connections == 0 {
            return Err(ConfigError::new(
                "database.max_connections",
                "must be at least 1",
            ));
        }
        if self.mail.from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError::new(
                "mail.from",
                "must be an address like `Name <user@example.gov.vn>`",
            ));
        }
        let username = &self.telegram.bot_username;
        if username.is_empty()
            || !username
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
        {
            return Err(ConfigError::new(
                "telegram.bot_username",
                "must be the bot's username without @ (letters, digits, _)",
            ));
        }
        if reqwest_url_is_valid(&self.telegram.api_url).is_err() {
            return Err(ConfigError::new(
                "telegram.api_url",
                "must be an http(s) URL",
            ));
        }
        if self.invites.ttl_days == 0 {
            return Err(ConfigError::new("invites.ttl_days", "must be at least 1"));
        }
        if self.linking.max_failures == 0 || self.linking.failure_window_minutes == 0 {
            return Err(ConfigError::new(
                "linking.max_failures",
                "the limit and its window must both be at least 1",
            ));
        }
        if self.mail.timeout_seconds == 0 {
            return Err(ConfigError::new(
                "mail.timeout_seconds",
                "must be at least 1",
            ));
        }
        if !self.ballot.secrecy_key.is_empty()
            && let Err(error) =
                crate::domain::ballot::seal::BallotKey::from_hex(self.ballot.secrecy_key.expose())
        {
            return Err(ConfigError::new("ballot.secrecy_key", error.to_string()));
        }
        self.validate_notify()?;
        reminder_policy::policy(&self.reminders)?;
        cron::check_cron("reminders.wake_cron", &self.reminders.wake_cron)?;
        cron::check_cron("reminders.report_cron", &self.reminders.report_cron)?;
        Ok(())
    }

    fn validate_notify(&self) -> Result<(), ConfigError> {
        let notify = &self.notify;
        let at_least_one = [
            ("notify.batch_size", u64::from(notify.batch_size)),
            ("notify.max_attempts", u64::from(notify.max_attempts)),
            ("notify.backoff_base_seconds", notify.backoff_base_seconds),
            ("notify.idle_wake_seconds", notify.idle_wake_seconds),
        ];
        if let Some((key, _)) = at_least_one.iter().find(|(_, value)| *value == 0) {
            return Err(ConfigError::new(*key, "must be at least 1"));
        }
        if notify.backoff_max_seconds < notify.backoff_base_seconds {
            return Err(ConfigError::new(
                "notify.backoff_max_seconds",
                "must be at least notify.backoff_base_seconds",
            ));
        }
        // A lease shorter than one SMTP conversation would let recovery re-send a mail still in flight.
        if notify.claim_lease_seconds < 2 * self.mail.timeout_seconds {
            return Err(ConfigError::new(
                "notify.claim_lease_seconds",
                "must be at least twice mail.timeout_seconds",
            ));
        }
        Ok(())
    }

    pub fn smtp_configured(&self) -> bool {
        !self.mail.smtp_host.trim().is_empty()
    }
}

fn reqwest_url_is_valid(raw: &str) -> Result<(), ()> {
    let url = url::Url::parse(raw).map_err(|_| ())?;
    matches!(url.scheme(), "http" | "https")
        .then_some(())
        .ok_or(())
}

#[cfg(test)]
mod tests;
