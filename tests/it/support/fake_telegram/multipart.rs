//! Just enough `multipart/form-data` parsing to record what a `SendDocument` carried.
//!
//! teloxide sends every field of a file-bearing request as a form part (numbers as text,
//! `reply_markup` as a JSON string); tests want to assert on `chat_id`, `caption` and the
//! file name, not on bytes, so files are summarised as `{"file_name": .., "size": ..}`.

use serde_json::{Map, Value, json};

/// Parses a form body into a JSON object. `content_type` is the full header value.
pub(super) fn parse(content_type: &str, body: &[u8]) -> Value {
    let Some(boundary) = param(content_type, "boundary") else {
        return json!({ "multipart": "missing boundary" });
    };
    let delimiter = format!("--{boundary}");
    let mut fields = Map::new();
    for part in split(body, delimiter.as_bytes()).skip(1) {
        // The closing delimiter is followed by "--".
        if part.starts_with(b"--") {
            break;
        }
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let Some(split_at) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let (head, content) = (
            String::from_utf8_lossy(&part[..split_at]),
            &part[split_at + 4..],
        );
        let Some(disposition) = head
            .lines()
            .find_map(|line| {
                line.split_once(':')
                    .filter(|(k, _)| k.eq_ignore_ascii_case("content-disposition"))
            })
            .map(|(_, v)| v.to_owned())
        else {
            continue;
        };
        let Some(name) = param(&disposition, "name") else {
            continue;
        };
        let value = match param(&disposition, "filename") {
            Some(file_name) => json!({ "file_name": file_name, "size": content.len() }),
            None => Value::String(String::from_utf8_lossy(content).into_owned()),
        };
        fields.insert(name, value);
    }
    resolve_attachments(fields)
}

/// teloxide sends a file as `"document": "attach://<id>"` plus a part named `<id>`; put the
/// file where the field names it, so tests read `body["document"]["file_name"]`.
fn resolve_attachments(mut fields: Map<String, Value>) -> Value {
    let references: Vec<(String, String)> = fields
        .iter()
        .filter_map(|(name, value)| {
            Some((
                name.clone(),
                value.as_str()?.strip_prefix("attach://")?.to_owned(),
            ))
        })
        .collect();
    for (name, id) in references {
        if let Some(file) = fields.remove(&id) {
            fields.insert(name, file);
        }
    }
    Value::Object(fields)
}

/// `key=value` or `key="value"` from a `;`-separated header value.
fn param(header: &str, key: &str) -> Option<String> {
    header.split(';').skip(1).find_map(|item| {
        let (k, v) = item.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(key)
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn split<'a>(mut rest: &'a [u8], delimiter: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match find(rest, delimiter) {
            Some(at) => {
                let piece = &rest[..at];
                rest = &rest[at + delimiter.len()..];
                Some(piece)
            }
            None => {
                done = true;
                Some(rest)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_fields_and_files() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n-1001\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"document\"\r\n\r\nattach://f1\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"f1\"; filename=\"ket-qua.csv\"\r\n\
Content-Type: text/csv\r\n\r\na,b\r\n1,2\r\n--XyZ--\r\n";
        let parsed = super::parse("multipart/form-data; boundary=XyZ", body);
        assert_eq!(parsed["chat_id"], "-1001");
        assert_eq!(parsed["document"]["file_name"], "ket-qua.csv");
        assert_eq!(parsed["document"]["size"], 8);
    }
}
