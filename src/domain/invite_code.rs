//! Invite codes: 144 random bits written as 24 URL-safe characters, so they fit Telegram's deep
//! link payload (`A-Za-z0-9_-`, at most 64). Only the SHA-256 of a code is ever stored.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

const CODE_BYTES: usize = 18;
const CODE_CHARS: usize = 24;
// The issue asks for at least 128 bits of entropy; checked when compiling.
const _: () = assert!(CODE_BYTES * 8 >= 128);

#[derive(Clone, PartialEq, Eq)]
pub struct InviteCode(String);

impl std::fmt::Debug for InviteCode {
    // A code is a bearer secret until used: keep it out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InviteCode(…)")
    }
}

impl InviteCode {
    pub fn from_random_bytes(bytes: [u8; CODE_BYTES]) -> Self {
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    pub fn generate() -> Self {
        Self::from_random_bytes(rand::random())
    }

    /// A `/start` payload that could be a code; anything else is rejected before any lookup.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        let well_formed = raw.len() == CODE_CHARS
            && raw
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_');
        well_formed.then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> String {
        let digest = Sha256::digest(self.0.as_bytes());
        digest.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    pub fn deep_link(&self, bot_username: &str) -> String {
        format!("https://t.me/{bot_username}?start={}", self.0)
    }
}

/// What a stored invite means at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteState {
    Usable,
    Used,
    Revoked,
    Expired,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteStatus {
    Pending,
    Used,
    Revoked,
}

impl InviteStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InviteStatus::Pending => "pending",
            InviteStatus::Used => "used",
            InviteStatus::Revoked => "revoked",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, super::UnknownValue> {
        match raw {
            "pending" => Ok(InviteStatus::Pending),
            "used" => Ok(InviteStatus::Used),
            "revoked" => Ok(InviteStatus::Revoked),
            other => Err(super::UnknownValue::new("invite status", other)),
        }
    }
}

pub fn invite_state(
    status: InviteStatus,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> InviteState {
    match status {
        InviteStatus::Used => InviteState::Used,
        InviteStatus::Revoked => InviteState::Revoked,
        InviteStatus::Pending if now >= expires_at => InviteState::Expired,
        InviteStatus::Pending => InviteState::Usable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn codes_fit_a_deep_link_and_carry_at_least_128_bits() {
        let code = InviteCode::generate();
        assert_eq!(code.as_str().len(), CODE_CHARS);
        assert_eq!(InviteCode::parse(code.as_str()), Some(code.clone()));
        assert!(
            code.deep_link("thidua_bot")
                .starts_with("https://t.me/thidua_bot?start=")
        );
        assert_ne!(InviteCode::generate(), code);
    }

    #[test]
    fn malformed_payloads_are_not_codes() {
        for raw in [
            "",
            "short",
            "has space in it 123456789",
            "ÂÂÂÂÂÂÂÂÂÂÂÂ",
            &"a".repeat(25),
        ] {
            assert_eq!(InviteCode::parse(raw), None, "{raw}");
        }
    }

    #[test]
    fn the_hash_is_stable_and_not_the_code() {
        let code = InviteCode::from_random_bytes([7; CODE_BYTES]);
        assert_eq!(code.hash(), code.hash());
        assert_eq!(code.hash().len(), 64);
        assert!(!code.hash().contains(code.as_str()));
    }

    #[test]
    fn a_pending_invite_expires_at_its_deadline() {
        let expires = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
        let before = expires - chrono::Duration::seconds(1);
        assert_eq!(
            invite_state(InviteStatus::Pending, expires, before),
            InviteState::Usable
        );
        assert_eq!(
            invite_state(InviteStatus::Pending, expires, expires),
            InviteState::Expired
        );
        assert_eq!(
            invite_state(InviteStatus::Used, expires, before),
            InviteState::Used
        );
        assert_eq!(
            invite_state(InviteStatus::Revoked, expires, before),
            InviteState::Revoked
        );
    }
}
