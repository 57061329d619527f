//! What the bot is waiting for in each private chat. Every waiting state carries a `nonce` that
//! is also written into its buttons, so a press on an older message is recognised as stale.

use crate::domain::title::Title;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    #[default]
    Idle,
    /// /dangky: waiting for the individual title (or withdraw / cancel).
    ReceiveIndividualTitle { nonce: u32 },
    /// A unit head chose an individual title; waiting for the unit's collective title.
    ReceiveCollectiveTitle { nonce: u32, individual: TitleCode },
    /// Waiting for Confirm / Choose again / Cancel.
    ReceiveConfirmation {
        nonce: u32,
        individual: TitleCode,
        collective: Option<TitleCode>,
    },
}

impl State {
    pub fn nonce(&self) -> Option<u32> {
        match self {
            State::Idle => None,
            State::ReceiveIndividualTitle { nonce }
            | State::ReceiveCollectiveTitle { nonce, .. }
            | State::ReceiveConfirmation { nonce, .. } => Some(*nonce),
        }
    }
}

/// A title stored by its code, so the stored state does not depend on Rust variant names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TitleCode(pub Title);

impl TryFrom<String> for TitleCode {
    type Error = crate::domain::UnknownValue;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Title::parse(&raw).map(TitleCode)
    }
}

impl From<TitleCode> for String {
    fn from(code: TitleCode) -> Self {
        code.0.code().to_owned()
    }
}

pub fn new_nonce() -> u32 {
    rand::random()
}
