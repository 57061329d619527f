//! Inline keyboards of queued messages, as Bot API JSON (the outbox stores and sends them as such).

use super::callback_data::{Action, Payload};
use crate::domain::language::Lang;
use crate::texts;

/// "Đồng ý" / "Không đồng ý" for `action(yes)`, both carrying the ballot's nonce.
pub fn ballot_paper(lang: Lang, nonce: u32, action: impl Fn(bool) -> Action) -> serde_json::Value {
    let (yes, no) = texts::ballot::choice_labels(lang);
    serde_json::json!({ "inline_keyboard": [[
        { "text": yes, "callback_data": Payload::new(nonce, action(true)).encode() },
        { "text": no, "callback_data": Payload::new(nonce, action(false)).encode() },
    ]]})
}
