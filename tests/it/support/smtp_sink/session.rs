//! One SMTP conversation (RFC 5321 without TLS): what lettre says and what the sink answers.
//!
//! ```text
//! S: 220 thidua-smtp-sink ESMTP ready
//! C: EHLO host            S: 250-… 8BITMIME, AUTH PLAIN LOGIN, SMTPUTF8
//! C: MAIL FROM:<a@x> BODY=8BITMIME   S: 250
//! C: RCPT TO:<b@y>        S: 250 (451 in TempFail, 550 in PermFail)
//! C: DATA                 S: 354 … C: message, "." … S: 250 (the mail is recorded here)
//! C: QUIT                 S: 221
//! ```

use std::io;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::watch;

use super::{ReceivedMail, Shared, SmtpMode};

/// One client connection, until QUIT, EOF or an I/O error. The accept loop aborts it for
/// `RefuseConnections` and when the sink is dropped.
pub(super) async fn run(stream: TcpStream, shared: Arc<Shared>, mode: watch::Receiver<SmtpMode>) {
    let _ = converse(stream, &shared, &mode).await;
}

#[derive(Default)]
struct Envelope {
    from: Option<String>,
    to: Vec<String>,
}

async fn converse(
    stream: TcpStream,
    shared: &Shared,
    mode: &watch::Receiver<SmtpMode>,
) -> io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    write
        .write_all(b"220 thidua-smtp-sink ESMTP ready\r\n")
        .await?;
    let mut envelope = Envelope::default();
    let mut authenticated_as = None;
    while let Some(line) = read_line(&mut read).await? {
        let line = String::from_utf8_lossy(&line);
        let (verb, argument) = line.split_once(' ').unwrap_or((line.as_ref(), ""));
        let current = *mode.borrow();
        let reply: String = match verb.to_ascii_uppercase().as_str() {
            // 8BITMIME: lettre refuses to send non-ASCII message bytes without it.
            "EHLO" => {
                envelope = Envelope::default();
                format!(
                    "250-thidua-smtp-sink greets {argument}\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 SMTPUTF8"
                )
            }
            "AUTH" => {
                let (reply, user) = authenticate(argument, &mut read, &mut write).await?;
                authenticated_as = user.or(authenticated_as);
                reply
            }
            "HELO" => {
                envelope = Envelope::default();
                "250 thidua-smtp-sink".into()
            }
            "MAIL" => match address(argument, "FROM:") {
                Some(from) => {
                    envelope = Envelope {
                        from: Some(from),
                        to: Vec::new(),
                    };
                    "250 2.1.0 Ok".into()
                }
                None => "501 5.5.4 Syntax: MAIL FROM:<address>".into(),
            },
            "RCPT" if envelope.from.is_none() => "503 5.5.1 Error: need MAIL command".into(),
            "RCPT" => match (current, address(argument, "TO:")) {
                (SmtpMode::PermFail, _) => "550 5.1.1 Mailbox unavailable".into(),
                (SmtpMode::TempFail, _) => "451 4.3.0 Temporary failure, try again later".into(),
                (_, Some(to)) => {
                    envelope.to.push(to);
                    "250 2.1.5 Ok".into()
                }
                (_, None) => "501 5.5.4 Syntax: RCPT TO:<address>".into(),
            },
            "DATA" if envelope.to.is_empty() => "503 5.5.1 Error: need RCPT command".into(),
            "DATA" if current == SmtpMode::TempFail => {
                "451 4.3.0 Temporary failure, try again later".into()
            }
            "DATA" => {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let data = read_data(&mut read).await?;
                let Envelope { from, to } = std::mem::take(&mut envelope);
                let authenticated_as = authenticated_as.clone();
                let mail = ReceivedMail {
                    from: from.unwrap_or_default(),
                    to,
                    data,
                    authenticated_as,
                };
                shared
                    .mails
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(mail);
                shared.received.notify_waiters();
                "250 2.0.0 Ok: queued".into()
            }
            "RSET" => {
                envelope = Envelope::default();
                "250 2.0.0 Ok".into()
            }
            "NOOP" => "250 2.0.0 Ok".into(),
            "VRFY" => "252 2.0.0 Cannot VRFY user".into(),
            "QUIT" => {
                write.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            }
            _ => "502 5.5.2 Error: command not recognized".into(),
        };
        write.write_all(format!("{reply}\r\n").as_bytes()).await?;
    }
    Ok(())
}

/// `AUTH PLAIN` (with or without initial response) and `AUTH LOGIN`, accepting any password:
/// the point is to see that the app logs in, and as whom.
async fn authenticate(
    argument: &str,
    read: &mut BufReader<OwnedReadHalf>,
    write: &mut OwnedWriteHalf,
) -> io::Result<(String, Option<String>)> {
    let (mechanism, initial) = argument.split_once(' ').unwrap_or((argument, ""));
    let mut challenge = async |prompt: &str| -> io::Result<Vec<u8>> {
        write
            .write_all(format!("334 {prompt}\r\n").as_bytes())
            .await?;
        let answer = read_line(read).await?.unwrap_or_default();
        Ok(STANDARD.decode(answer.trim_ascii()).unwrap_or_default())
    };
    let user = match mechanism.to_ascii_uppercase().as_str() {
        "PLAIN" => {
            let response = match initial {
                "" => challenge("").await?,
                initial => STANDARD.decode(initial.trim()).unwrap_or_default(),
            };
            // authzid \0 authcid \0 password
            response
                .split(|b| *b == 0)
                .nth(1)
                .map(|user| String::from_utf8_lossy(user).into_owned())
        }
        "LOGIN" => {
            let user = challenge("VXNlcm5hbWU6").await?; // "Username:"
            challenge("UGFzc3dvcmQ6").await?; // "Password:"
            Some(String::from_utf8_lossy(&user).into_owned())
        }
        _ => return Ok(("504 5.5.4 Unrecognized authentication type".into(), None)),
    };
    match user {
        Some(user) => Ok(("235 2.7.0 Authentication successful".into(), Some(user))),
        None => Ok(("501 5.5.2 Cannot decode response".into(), None)),
    }
}

/// `<addr>` out of `FROM:<addr> BODY=8BITMIME`; the null sender `<>` gives "".
fn address(argument: &str, keyword: &str) -> Option<String> {
    let head = argument.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let path = argument[keyword.len()..].trim_start();
    let path = path.strip_prefix('<')?;
    Some(path[..path.find('>')?].to_owned())
}

/// A line without its line ending, or `None` at end of stream.
async fn read_line(read: &mut BufReader<OwnedReadHalf>) -> io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    if read.read_until(b'\n', &mut line).await? == 0 {
        return Ok(None);
    }
    while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        line.pop();
    }
    Ok(Some(line))
}

/// The message up to the lone `.` line, dot-unstuffed, line endings kept (RFC 5321 4.5.2).
async fn read_data(read: &mut BufReader<OwnedReadHalf>) -> io::Result<String> {
    let mut data = Vec::new();
    loop {
        let mut line = Vec::new();
        if read.read_until(b'\n', &mut line).await? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "connection closed in DATA",
            ));
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(String::from_utf8_lossy(&data).into_owned());
        }
        let unstuffed = line.strip_prefix(b".").unwrap_or(&line);
        data.extend_from_slice(unstuffed);
    }
}
