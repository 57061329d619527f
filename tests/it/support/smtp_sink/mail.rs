//! A received mail and just enough MIME decoding to assert on what a person would read.
//!
//! lettre picks the transfer encoding itself (quoted-printable or base64 for Vietnamese text,
//! whichever is shorter) and encodes non-ASCII headers as RFC 2047 encoded-words, so asserting
//! on raw `data` would tie tests to lettre's choices. These helpers undo the encodings instead.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// One accepted mail: the SMTP envelope and the message exactly as transmitted (after
/// dot-unstuffing, CRLF line endings).
#[derive(Clone, Debug, PartialEq)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
    /// The user name given to `AUTH`, if the client logged in.
    pub authenticated_as: Option<String>,
}

impl ReceivedMail {
    /// The first header named `name` (case-insensitive), unfolded, still encoded.
    pub fn header(&self, name: &str) -> Option<String> {
        header(split_entity(&self.data).0, name)
    }

    /// The decoded `Subject`, or "" when absent.
    pub fn subject(&self) -> String {
        self.header("Subject")
            .map(|raw| decode_encoded_words(&raw))
            .unwrap_or_default()
    }

    /// The decoded `text/plain` part (the whole body for a single-part mail), with CRLF turned
    /// into `\n` and trailing line breaks trimmed. Panics with the raw mail if there is none.
    pub fn text_body(&self) -> String {
        find_part(&self.data, "text/plain")
            .unwrap_or_else(|| panic!("mail has no text/plain part:\n{}", self.data))
    }

    /// The decoded `text/html` part, if the mail has one.
    pub fn html_body(&self) -> Option<String> {
        find_part(&self.data, "text/html")
    }
}

/// Splits a MIME entity into its header block and body.
fn split_entity(entity: &str) -> (&str, &str) {
    for separator in ["\r\n\r\n", "\n\n"] {
        if let Some(at) = entity.find(separator) {
            return (&entity[..at], &entity[at + separator.len()..]);
        }
    }
    (entity, "")
}

/// Looks a header up in a header block, joining folded continuation lines.
fn header(block: &str, name: &str) -> Option<String> {
    let mut found: Option<String> = None;
    for line in block.lines() {
        let continuation = line.starts_with([' ', '\t']);
        match (&mut found, continuation) {
            (Some(value), true) => value.push_str(line),
            (Some(_), false) => break,
            (None, false) => {
                let matches = line
                    .split_once(':')
                    .filter(|(key, _)| key.trim().eq_ignore_ascii_case(name));
                found = matches.map(|(_, value)| value.trim().to_owned());
            }
            (None, true) => {}
        }
    }
    found
}

/// `key=value` or `key="value"` out of a `;`-separated header value.
fn param(value: &str, key: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|item| {
        let (k, v) = item.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(key)
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// Depth-first search for the first non-attachment part of type `mime`.
fn find_part(entity: &str, mime: &str) -> Option<String> {
    let (headers, body) = split_entity(entity);
    let content_type = header(headers, "Content-Type").unwrap_or_else(|| "text/plain".to_owned());
    let kind = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if kind.starts_with("multipart/") {
        let boundary = param(&content_type, "boundary")?;
        return parts(body, &boundary).find_map(|part| find_part(part, mime));
    }
    let attachment = header(headers, "Content-Disposition").is_some_and(|d| {
        d.trim_start()
            .to_ascii_lowercase()
            .starts_with("attachment")
    });
    if kind != mime || attachment {
        return None;
    }
    let encoding = header(headers, "Content-Transfer-Encoding")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let bytes = match encoding.as_str() {
        "quoted-printable" => decode_quoted_printable(body),
        "base64" => decode_base64(body),
        _ => body.as_bytes().to_vec(),
    };
    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    Some(text.trim_end_matches('\n').to_owned())
}

/// The body parts between `--boundary` lines, without preamble and epilogue.
fn parts<'a>(body: &'a str, boundary: &str) -> impl Iterator<Item = &'a str> {
    let delimiter = format!("--{boundary}");
    let pieces: Vec<&str> = body.split(delimiter.as_str()).skip(1).collect();
    pieces
        .into_iter()
        .take_while(|piece| !piece.starts_with("--"))
        .map(|piece| {
            // The line break after a delimiter starts the part; the one before the next ends it.
            let piece = piece
                .strip_prefix("\r\n")
                .or_else(|| piece.strip_prefix('\n'))
                .unwrap_or(piece);
            piece
                .strip_suffix("\r\n")
                .or_else(|| piece.strip_suffix('\n'))
                .unwrap_or(piece)
        })
}

fn decode_base64(text: &str) -> Vec<u8> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    STANDARD
        .decode(compact)
        .unwrap_or_else(|err| panic!("invalid base64 in mail ({err}): {text}"))
}

/// RFC 2045 6.7: `=XX` is a byte, `=` at a line end is a soft break.
fn decode_quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1..i + 3)) {
            (b'=', Some(b"\r\n")) => i += 3,
            (b'=', _) if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            (b'=', Some(&[hi, lo])) if hex(hi).is_some() && hex(lo).is_some() => {
                out.push(hex(hi).unwrap_or_default() << 4 | hex(lo).unwrap_or_default());
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

fn hex(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|d| d as u8)
}

/// RFC 2047: decodes `=?charset?B|Q?text?=` words (UTF-8 assumed, as lettre writes), dropping
/// the whitespace between adjacent words. Bytes are joined before UTF-8 decoding because an
/// encoder may split a multi-byte character across two words.
fn decode_encoded_words(value: &str) -> String {
    let mut out = Vec::new();
    let mut rest = value;
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        let (before, candidate) = rest.split_at(start);
        match encoded_word(candidate) {
            Some((decoded, used)) => {
                if !(after_word && before.trim().is_empty()) {
                    out.extend_from_slice(before.as_bytes());
                }
                out.extend(decoded);
                rest = &candidate[used..];
                after_word = true;
            }
            None => {
                out.extend_from_slice(before.as_bytes());
                out.extend_from_slice(b"=?");
                rest = &candidate[2..];
                after_word = false;
            }
        }
    }
    out.extend_from_slice(rest.as_bytes());
    String::from_utf8_lossy(&out).into_owned()
}

/// One encoded word at the start of `text`: its bytes and how many characters it used.
fn encoded_word(text: &str) -> Option<(Vec<u8>, usize)> {
    let inner = text.strip_prefix("=?")?;
    let (charset, rest) = inner.split_once('?')?;
    let (encoding, rest) = rest.split_once('?')?;
    let encoded = &rest[..rest.find("?=")?];
    if encoded.contains(char::is_whitespace) {
        return None;
    }
    let bytes = match encoding {
        "B" | "b" => STANDARD.decode(encoded).ok()?,
        "Q" | "q" => decode_quoted_printable(&encoded.replace('_', " ")),
        _ => return None,
    };
    Some((
        bytes,
        2 + charset.len() + 1 + encoding.len() + 1 + encoded.len() + 2,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_b_and_q_joined() {
        let subject = "=?utf-8?b?VGjGsCBt4budaQ==?= =?UTF-8?Q?_tham_gia?= plain";
        assert_eq!(decode_encoded_words(subject), "Thư mời tham gia plain");
        assert_eq!(decode_encoded_words("no =? words"), "no =? words");
    }

    #[test]
    fn quoted_printable_with_soft_breaks() {
        let body = "K=C3=ADnh g=E1=BB=ADi=\r\n anh\r\n";
        assert_eq!(
            String::from_utf8(decode_quoted_printable(body)).unwrap(),
            "Kính gửi anh\r\n"
        );
    }

    #[test]
    fn multipart_alternative_finds_plain_text() {
        let data = "Subject: x\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n\
            --b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\
            VGjGsCBt4budaQ==\r\n--b1\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--b1--\r\n";
        let mail = ReceivedMail {
            from: String::new(),
            to: Vec::new(),
            data: data.to_owned(),
            authenticated_as: None,
        };
        assert_eq!(mail.text_body(), "Thư mời");
        assert_eq!(mail.html_body().as_deref(), Some("<p>x</p>"));
    }
}
