//! A real SMTP server on `127.0.0.1:0` that keeps what it receives.
//!
//! Why a server and not lettre's `AsyncStubTransport`: the outbox's e-mail path must be tested
//! through the real SMTP conversation (connection pool, 4xx vs 5xx classification by
//! `is_transient()`/`is_permanent()`, refused connections, 8BITMIME for Vietnamese text), which a
//! stub skips entirely. It speaks the plain-text subset of RFC 5321 lettre uses without TLS.
//!
//! ```ignore
//! let smtp = SmtpSink::start().await;
//! // configure the app with host `smtp.host()`, port `smtp.port()`, no TLS; or use:
//! smtp.transport().send(message).await?;
//! let mails = smtp.wait_for_mails(1, Duration::from_secs(5)).await;
//! assert_eq!(mails[0].subject(), "Thư mời tham gia hệ thống thi đua");
//! assert!(mails[0].text_body().contains("Kính gửi"));
//! smtp.set_mode(SmtpMode::RefuseConnections).await; // outage: the port refuses connects
//! ```

mod mail;
mod session;

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use lettre::{AsyncSmtpTransport, Tokio1Executor};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::{Notify, mpsc, oneshot, watch};
use tokio::task::JoinSet;

pub use mail::ReceivedMail;

/// How the sink treats clients; switch with [`SmtpSink::set_mode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpMode {
    /// Accept and record every mail.
    Accept,
    /// The listener is closed (connects are refused) and open sessions are dropped, so even a
    /// pooled lettre connection sees the outage. `Accept` re-binds the same port.
    RefuseConnections,
    /// `451` at `RCPT TO` and at `DATA`: lettre reports `is_transient()`.
    TempFail,
    /// `550` at `RCPT TO`: lettre reports `is_permanent()`.
    PermFail,
}

/// Handle on a running sink. Cheap to clone; the server stops when the last clone is dropped.
#[derive(Clone)]
pub struct SmtpSink {
    shared: Arc<Shared>,
    /// Mode changes go to the accept loop, which owns the listener; when every handle (and so
    /// every sender) is gone the loop ends, and with it every session.
    control: mpsc::UnboundedSender<ModeChange>,
    port: u16,
}

struct Shared {
    mails: Mutex<Vec<ReceivedMail>>,
    received: Notify,
}

struct ModeChange {
    mode: SmtpMode,
    done: oneshot::Sender<io::Result<()>>,
}

pub const HOST: &str = "127.0.0.1";

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = bind(0).expect("SMTP sink binds 127.0.0.1:0");
        let port = listener
            .local_addr()
            .expect("bound listener has an address")
            .port();
        let shared = Arc::new(Shared {
            mails: Mutex::new(Vec::new()),
            received: Notify::new(),
        });
        let (control, requests) = mpsc::unbounded_channel();
        tokio::spawn(accept_loop(listener, port, shared.clone(), requests));
        SmtpSink {
            shared,
            control,
            port,
        }
    }

    pub fn host(&self) -> &'static str {
        HOST
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A lettre transport pointed at the sink: plain text, no TLS, 5 s command timeout.
    pub fn transport(&self) -> AsyncSmtpTransport<Tokio1Executor> {
        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(HOST)
            .port(self.port)
            .timeout(Some(Duration::from_secs(5)))
            .build()
    }

    /// Switches mode; when this returns the listener is already closed or re-bound.
    pub async fn set_mode(&self, mode: SmtpMode) {
        let (done, applied) = oneshot::channel();
        self.control
            .send(ModeChange { mode, done })
            .expect("SMTP sink accept loop is running");
        match applied.await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => panic!(
                "SMTP sink could not switch to {mode:?} on port {}: {err}",
                self.port
            ),
            Err(_) => panic!("SMTP sink accept loop ended while switching to {mode:?}"),
        }
    }

    /// Every mail accepted so far, oldest first.
    pub fn mails(&self) -> Vec<ReceivedMail> {
        self.lock().clone()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Waits until at least `n` mails were accepted and returns all of them. Panics after
    /// `timeout` with the count seen, so a test never hangs.
    pub async fn wait_for_mails(&self, n: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let received = self.shared.received.notified();
            tokio::pin!(received);
            received.as_mut().enable();
            let mails = self.mails();
            if mails.len() >= n {
                return mails;
            }
            if tokio::time::timeout_at(deadline, received).await.is_err() {
                panic!(
                    "SMTP sink: expected {n} mail(s) within {timeout:?}, got {}",
                    mails.len()
                );
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, Vec<ReceivedMail>> {
        self.shared
            .mails
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// `SO_REUSEADDR` lets `Accept` re-bind the port while closed sessions sit in TIME_WAIT.
fn bind(port: u16) -> io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from(([127, 0, 0, 1], port)))?;
    socket.listen(128)
}

/// Owns the listener and every session, so a mode change takes effect completely before
/// `set_mode` returns: for `RefuseConnections` the listener is closed *and* every open session
/// (a pooled lettre connection included) is aborted and its socket closed.
async fn accept_loop(
    listener: TcpListener,
    port: u16,
    shared: Arc<Shared>,
    mut requests: mpsc::UnboundedReceiver<ModeChange>,
) {
    let (mode_tx, _) = watch::channel(SmtpMode::Accept);
    let mut listener = Some(listener);
    let mut sessions = JoinSet::new();
    loop {
        tokio::select! {
            request = requests.recv() => {
                // Every handle is gone: dropping `sessions` aborts the open ones.
                let Some(ModeChange { mode, done }) = request else { return };
                let result = match (mode, &listener) {
                    (SmtpMode::RefuseConnections, _) => {
                        listener = None;
                        sessions.abort_all();
                        while sessions.join_next().await.is_some() {}
                        Ok(())
                    }
                    (_, None) => bind(port).map(|bound| listener = Some(bound)),
                    (_, Some(_)) => Ok(()),
                };
                mode_tx.send_replace(if result.is_ok() { mode } else { SmtpMode::RefuseConnections });
                let _ = done.send(result);
            }
            accepted = accept(listener.as_ref()) => {
                if let Ok((stream, _)) = accepted {
                    sessions.spawn(session::run(stream, shared.clone(), mode_tx.subscribe()));
                }
            }
            // Reap finished sessions so the set does not grow with every connection.
            Some(_) = sessions.join_next(), if !sessions.is_empty() => {}
        }
    }
}

async fn accept(listener: Option<&TcpListener>) -> io::Result<(TcpStream, SocketAddr)> {
    match listener {
        Some(listener) => listener.accept().await,
        None => std::future::pending().await,
    }
}
