//! Sending one e-mail, and saying whether a failure is worth retrying.
//!
//! lettre never retries; the outbox does. So this module only classifies: a 4xx reply, a refused
//! connection, a timeout or any I/O trouble is transient (the worker retries with backoff); a 5xx
//! reply or an address that does not parse is permanent (dead-lettered and reported).
//! With no SMTP host configured the mail is written as an `.eml` file instead: the embedded
//! default, so a fresh install works and an operator can read what would have been sent.

use crate::config::{MailSettings, SmtpSecurity};
use crate::storage::outbox::Attachment;
use anyhow::Context as _;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// One e-mail to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    /// Plain UTF-8 text.
    pub body: String,
    pub attachments: Vec<Attachment>,
}

/// Why a send failed, and whether trying again can help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    /// Worth retrying later: 4xx, refused connection, timeout, I/O.
    #[error("transient: {0}")]
    Transient(String),
    /// Retrying cannot help: 5xx, an address that does not parse, a message lettre cannot build.
    #[error("permanent: {0}")]
    Permanent(String),
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// The transport and its folder (each mail is `<id>.eml` there).
    File(AsyncFileTransport<Tokio1Executor>, std::path::PathBuf),
}

/// Cheap to clone: the SMTP transport shares its connection pool.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

impl Mailer {
    /// The SMTP transport described by the settings, or the file transport when `smtp_host` is
    /// empty (its folder is created here, so a bad path shows at start, not at the first mail).
    pub fn from_settings(settings: &MailSettings) -> anyhow::Result<Mailer> {
        let from: Mailbox = settings
            .from
            .parse()
            .context("mail.from is not an address")?;
        let host = settings.smtp_host.trim();
        if host.is_empty() {
            return Mailer::to_files(from, &settings.file_dir);
        }
        let builder = match settings.smtp_security {
            SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                .with_context(|| format!("mail.smtp_host `{host}`: cannot set up STARTTLS"))?,
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                .with_context(|| format!("mail.smtp_host `{host}`: cannot set up TLS"))?,
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        };
        let timeout = Duration::from_secs(settings.timeout_seconds);
        let mut builder = builder
            .port(settings.smtp_port)
            .timeout(Some(timeout))
            // A few connections are plenty for a department; idle ones are closed before the
            // server's own idle timeout would cut them mid-use.
            .pool_config(
                PoolConfig::new()
                    .max_size(4)
                    .idle_timeout(Duration::from_secs(50)),
            );
        if !settings.smtp_username.is_empty() {
            builder = builder.credentials(Credentials::new(
                settings.smtp_username.clone(),
                settings.smtp_password.expose().to_owned(),
            ));
        }
        Ok(Mailer {
            transport: Transport::Smtp(builder.build()),
            from,
        })
    }

    /// The file transport: each mail becomes `<uuid>.eml` in `dir`.
    pub fn to_files(from: Mailbox, dir: &std::path::Path) -> anyhow::Result<Mailer> {
        crate::private_files::create_dir(dir)
            .with_context(|| format!("cannot create the mail folder {}", dir.display()))?;
        Ok(Mailer {
            transport: Transport::File(AsyncFileTransport::new(dir), dir.to_owned()),
            from,
        })
    }

    pub fn writes_files(&self) -> bool {
        matches!(self.transport, Transport::File(..))
    }

    pub async fn send(&self, email: &Email) -> Result<(), MailError> {
        let message = self.build(email)?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(classify_smtp),
            // The folder may have been removed or filled up since start: an operator can fix it.
            Transport::File(file, dir) => {
                let id = file.send(message).await.map_err(|error| {
                    MailError::Transient(format!("cannot write the .eml file: {error}"))
                })?;
                // lettre creates the file with the process's umask; it may hold an invite link.
                crate::private_files::narrow(&dir.join(format!("{id}.eml"))).map_err(|error| {
                    MailError::Transient(format!("cannot protect the .eml file: {error}"))
                })
            }
        }
    }

    fn build(&self, email: &Email) -> Result<Message, MailError> {
        let to: Mailbox = email.to.parse().map_err(|error| {
            MailError::Permanent(format!("bad recipient address `{}`: {error}", email.to))
        })?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.as_str());
        let text = SinglePart::plain(email.body.clone());
        let built = if email.attachments.is_empty() {
            builder.singlepart(text)
        } else {
            let mut parts = MultiPart::mixed().singlepart(text);
            for attachment in &email.attachments {
                let content_type = ContentType::parse(&attachment.mime_type).unwrap_or_else(|_| {
                    ContentType::parse("application/octet-stream").expect("a valid MIME type")
                });
                parts = parts.singlepart(
                    lettre::message::Attachment::new(attachment.file_name.clone())
                        .body(attachment.content.clone(), content_type),
                );
            }
            builder.multipart(parts)
        };
        built.map_err(|error| MailError::Permanent(format!("cannot build the message: {error}")))
    }
}

/// lettre's verdict, with the cause chain kept in the text for `thidua outbox status`.
fn classify_smtp(error: lettre::transport::smtp::Error) -> MailError {
    let text = error_chain(&error);
    if error.is_permanent() {
        MailError::Permanent(text)
    } else {
        // 4xx, refused connection, timeout, TLS hiccup, a pool shut down: all may heal.
        MailError::Transient(text)
    }
}

fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
