//! The e-mails the product wrote, read back for the page: with no SMTP server configured the
//! mailer writes each message as an `.eml` file (lettre's file transport), so the sandbox shows
//! exactly those files — headers decoded (RFC 2047), the plain-text body decoded from base64 or
//! quoted-printable. Attachments are named, not shown.

use base64::Engine as _;
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// When the file was written, local time.
    pub at: String,
    #[serde(skip)]
    modified: std::time::SystemTime,
}

/// Every `.eml` file in `dir`, oldest first; unreadable files are skipped.
pub fn read_all(dir: &Path) -> Vec<Mail> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut mails: Vec<Mail> = entries
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "eml"))
        .filter_map(|entry| {
            let modified = entry.metadata().ok()?.modified().ok()?;
            let raw = std::fs::read_to_string(entry.path()).ok()?;
            Some(parse(&raw, modified))
        })
        .collect();
    mails.sort_by_key(|mail| mail.modified);
    mails
}

fn parse(raw: &str, modified: std::time::SystemTime) -> Mail {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    let headers = unfold(head);
    let to = header(&headers, "to")
        .map(|v| decode_words(&v))
        .unwrap_or_default();
    let subject = header(&headers, "subject")
        .map(|v| decode_words(&v))
        .unwrap_or_default();
    let at = chrono::DateTime::<chrono::Utc>::from(modified)
        .with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
        .format("%d/%m/%Y %H:%M")
        .to_string();
    Mail {
        to,
        subject,
        body: plain_text(&headers, body),
        at,
        modified,
    }
}

/// Header lines with their continuations joined.
fn unfold(head: &str) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    headers
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.clone())
}

/// The first text/plain part (the whole body when not multipart), decoded.
fn plain_text(headers: &[(String, String)], body: &str) -> String {
    let content_type = header(headers, "content-type").unwrap_or_default();
    if let Some(boundary) = boundary(&content_type) {
        let marker = format!("--{boundary}");
        for part in body.split(&marker).skip(1) {
            let part = part.trim_start_matches('\n');
            let (head, content) = part.split_once("\n\n").unwrap_or((part, ""));
            let part_headers = unfold(head);
            let kind = header(&part_headers, "content-type").unwrap_or_default();
            if kind.to_ascii_lowercase().starts_with("text/plain") {
                return plain_text(&part_headers, content);
            }
        }
        return String::new();
    }
    let encoding = header(headers, "content-transfer-encoding")
        .unwrap_or_default()
        .to_ascii_lowercase();
    match encoding.as_str() {
        "base64" => {
            let joined: String = body.split_whitespace().collect();
            base64::engine::general_purpose::STANDARD
                .decode(joined)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .unwrap_or_default()
        }
        "quoted-printable" => quoted_printable(body),
        _ => body.to_owned(),
    }
    .trim_end()
    .to_owned()
}

fn boundary(content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    if !lower.starts_with("multipart/") {
        return None;
    }
    let at = lower.find("boundary=")? + "boundary=".len();
    let value = &content_type[at..];
    let value = value.split(';').next()?.trim().trim_matches('"');
    Some(value.to_owned())
}

fn quoted_printable(body: &str) -> String {
    let mut bytes = Vec::with_capacity(body.len());
    let mut lines = body.split('\n').peekable();
    while let Some(line) = lines.next() {
        let (line, soft) = match line.strip_suffix('=') {
            Some(line) => (line, true),
            None => (line, false),
        };
        let raw = line.as_bytes();
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'='
                && i + 2 < raw.len() + 1
                && let Some(byte) = raw
                    .get(i + 1..i + 3)
                    .and_then(|hex| std::str::from_utf8(hex).ok())
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            {
                bytes.push(byte);
                i += 3;
            } else {
                bytes.push(raw[i]);
                i += 1;
            }
        }
        if !soft && lines.peek().is_some() {
            bytes.push(b'\n');
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) decoded; whitespace between two
/// encoded words dropped, as the RFC says.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut last_was_word = false;
    while let Some(start) = rest.find("=?") {
        let before = &rest[..start];
        let Some(word) = rest[start + 2..].split_once("?=").map(|(word, _)| word) else {
            break;
        };
        let mut pieces = word.splitn(3, '?');
        let (Some(_charset), Some(kind), Some(text)) =
            (pieces.next(), pieces.next(), pieces.next())
        else {
            break;
        };
        if !(last_was_word && before.trim().is_empty()) {
            out.push_str(before);
        }
        let decoded = if kind.eq_ignore_ascii_case("b") {
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .ok()
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        } else {
            Some(quoted_printable(&text.replace('_', " ")))
        };
        out.push_str(&decoded.unwrap_or_else(|| word.to_owned()));
        rest = &rest[start + 2 + word.len() + 2..];
        last_was_word = true;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lettre_style_message_reads_back_decoded() {
        let raw = "From: thidua@example.gov.vn\r\nTo: \"=?utf-8?b?VHLhuqduIFbEg24gSMO5bmc=?=\" <hung@example.gov.vn>\r\n\
                   Subject: =?utf-8?b?Tmjhuq9jIGjhuqFu?=\r\nMIME-Version: 1.0\r\n\
                   Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
                   K=C3=ADnh g=E1=BB=ADi anh,=\r\n h=E1=BA=A1n ch=C3=B3t\r\nd=C3=B2ng hai\r\n";
        let mail = parse(raw, std::time::SystemTime::UNIX_EPOCH);
        assert_eq!(mail.to, "\"Trần Văn Hùng\" <hung@example.gov.vn>");
        assert_eq!(mail.subject, "Nhắc hạn");
        assert_eq!(mail.body, "Kính gửi anh, hạn chót\ndòng hai");
    }

    #[test]
    fn a_multipart_message_shows_its_plain_part() {
        let raw = "To: a@b.vn\nSubject: x\nContent-Type: multipart/mixed; boundary=\"XYZ\"\n\n\
                   --XYZ\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n\
                   WGluIGNow6Bv\n--XYZ\nContent-Type: application/pdf\n\nJVBERi0=\n--XYZ--\n";
        let mail = parse(raw, std::time::SystemTime::UNIX_EPOCH);
        assert_eq!(mail.body, "Xin chào");
    }
}
