//! Sealing a ballot paper for the box, so the box on disk says nothing about any choice.
//!
//! Threat model. The attacker holds a copy of every file the product writes — the database with
//! its WAL and shared-memory files, logs, queued e-mails, exports and backups — taken at any
//! moment during or after a ballot (a PostgreSQL DBA with a dump and the WAL archive is the same
//! attacker). Who voted and when is on the roll and in the audit trail, and a page-level reading
//! of the files (WAL frames per commit, cell offsets, rowids) lets the attacker match each entry
//! of the box to the member whose roll row was written in the same commit. So the box entry
//! itself must carry nothing readable: its choice is sealed with XChaCha20-Poly1305 under the
//! ballot key, which the operator provides in the configuration (`ballot.secrecy_key`, or
//! `THIDUA__BALLOT__SECRECY_KEY`) and which the product never writes anywhere. Every sealed
//! paper has the same length and a fresh random nonce, so neither its size nor its bytes
//! distinguish "yes" from "no"; the nominee and the year are bound as associated data, so a
//! paper cannot be moved to another nominee. At the close the papers are opened, counted and
//! destroyed, and only the per-nominee totals remain — which the published result shows anyway.
//!
//! Out of scope, said plainly: someone who holds the key (the operator's shell, or a copy of
//! the configuration) together with a mid-ballot copy of the files can open the papers that copy
//! holds. The key lives with the operator, beside the bot token, for that reason.

use super::Choice;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

/// Bytes in a sealed paper: a 24-byte nonce, one byte of choice, a 16-byte tag.
pub const SEALED_LEN: usize = 24 + 1 + 16;

/// The key that seals and opens ballot papers; never printed.
#[derive(Clone)]
pub struct BallotKey([u8; 32]);

impl std::fmt::Debug for BallotKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BallotKey(<redacted>)")
    }
}

/// Why a configured key was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the ballot key must be 64 hexadecimal characters (32 bytes), got {0} characters")]
    WrongLength(usize),
    #[error("the ballot key must be hexadecimal (0-9, a-f)")]
    NotHex,
}

impl BallotKey {
    /// Reads the key from its hexadecimal form (`openssl rand -hex 32`).
    pub fn from_hex(raw: &str) -> Result<Self, KeyError> {
        let raw = raw.trim();
        if raw.len() != 64 {
            return Err(KeyError::WrongLength(raw.chars().count()));
        }
        let mut key = [0u8; 32];
        for (index, byte) in key.iter_mut().enumerate() {
            let pair = raw.get(index * 2..index * 2 + 2).ok_or(KeyError::NotHex)?;
            *byte = u8::from_str_radix(pair, 16).map_err(|_| KeyError::NotHex)?;
        }
        Ok(Self(key))
    }

    /// A fresh random key (tests, and the sandbox, which keeps it in memory).
    pub fn random() -> Self {
        Self(rand::random())
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.0).into())
    }
}

/// A paper that did not open: another key, another nominee, or bytes changed on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a sealed ballot paper did not open (wrong key, moved between nominees, or altered)")]
pub struct Unsealable;

fn associated(year: i32, nomination: i64) -> [u8; 12] {
    let mut data = [0u8; 12];
    data[..4].copy_from_slice(&year.to_be_bytes());
    data[4..].copy_from_slice(&nomination.to_be_bytes());
    data
}

fn choice_byte(choice: Choice) -> u8 {
    match choice {
        Choice::Yes => 1,
        Choice::No => 0,
    }
}

/// Seals one choice on one nominee of one year's ballot.
pub fn seal(key: &BallotKey, year: i32, nomination: i64, choice: Choice) -> Vec<u8> {
    let nonce: [u8; 24] = rand::random();
    let aad = associated(year, nomination);
    let sealed = key
        .cipher()
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: &[choice_byte(choice)],
                aad: &aad,
            },
        )
        // Encryption fails only for messages longer than the cipher's limit; ours is one byte.
        .unwrap_or_default();
    let mut paper = Vec::with_capacity(SEALED_LEN);
    paper.extend_from_slice(&nonce);
    paper.extend_from_slice(&sealed);
    paper
}

/// Opens a sealed paper at the close.
pub fn open(
    key: &BallotKey,
    year: i32,
    nomination: i64,
    paper: &[u8],
) -> Result<Choice, Unsealable> {
    if paper.len() != SEALED_LEN {
        return Err(Unsealable);
    }
    let (nonce, sealed) = paper.split_at(24);
    let nonce: [u8; 24] = nonce.try_into().map_err(|_| Unsealable)?;
    let aad = associated(year, nomination);
    let plain = key
        .cipher()
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: sealed,
                aad: &aad,
            },
        )
        .map_err(|_| Unsealable)?;
    match plain.as_slice() {
        [1] => Ok(Choice::Yes),
        [0] => Ok(Choice::No),
        _ => Err(Unsealable),
    }
}

/// Seals any record under the ballot key, bound to `context` (what it is and which one), for
/// the other places a vote can sit on disk before the box: the durable update inbox holds a
/// voter's button press, with the voter's Telegram id beside it, until it is processed.
pub fn seal_bytes(key: &BallotKey, context: &[u8], plain: &[u8]) -> Vec<u8> {
    let nonce: [u8; 24] = rand::random();
    let sealed = key
        .cipher()
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: plain,
                aad: context,
            },
        )
        // Encryption fails only past the cipher's limit (about 256 GiB); an update is kilobytes.
        .unwrap_or_default();
    let mut record = Vec::with_capacity(24 + sealed.len());
    record.extend_from_slice(&nonce);
    record.extend_from_slice(&sealed);
    record
}

/// Opens a record sealed by [`seal_bytes`] with the same context.
pub fn open_bytes(key: &BallotKey, context: &[u8], record: &[u8]) -> Result<Vec<u8>, Unsealable> {
    if record.len() < 24 + 16 {
        return Err(Unsealable);
    }
    let (nonce, sealed) = record.split_at(24);
    let nonce: [u8; 24] = nonce.try_into().map_err(|_| Unsealable)?;
    key.cipher()
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: sealed,
                aad: context,
            },
        )
        .map_err(|_| Unsealable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_paper_opens_to_its_choice_with_its_key_only() {
        let key = BallotKey::random();
        for choice in [Choice::Yes, Choice::No] {
            let paper = seal(&key, 2026, 7, choice);
            assert_eq!(paper.len(), SEALED_LEN);
            assert_eq!(open(&key, 2026, 7, &paper), Ok(choice));
            assert_eq!(open(&BallotKey::random(), 2026, 7, &paper), Err(Unsealable));
            assert_eq!(
                open(&key, 2026, 8, &paper),
                Err(Unsealable),
                "moved nominee"
            );
            assert_eq!(open(&key, 2025, 7, &paper), Err(Unsealable), "moved year");
        }
    }

    #[test]
    fn an_altered_or_truncated_paper_does_not_open() {
        let key = BallotKey::random();
        let mut paper = seal(&key, 2026, 1, Choice::Yes);
        assert_eq!(
            open(&key, 2026, 1, &paper[..SEALED_LEN - 1]),
            Err(Unsealable)
        );
        paper[24] ^= 1;
        assert_eq!(open(&key, 2026, 1, &paper), Err(Unsealable));
    }

    #[test]
    fn two_papers_with_one_choice_share_no_bytes_beyond_chance() {
        // Fresh nonces: sealing the same choice twice gives unrelated papers, so equal papers
        // cannot group voters who chose alike.
        let key = BallotKey::random();
        let a = seal(&key, 2026, 1, Choice::Yes);
        let b = seal(&key, 2026, 1, Choice::Yes);
        let equal = a.iter().zip(&b).filter(|(x, y)| x == y).count();
        assert!(equal < 8, "{equal} of {SEALED_LEN} bytes equal");
    }

    #[test]
    fn the_key_is_read_from_hex_and_never_printed() {
        let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let key = BallotKey::from_hex(hex).expect("a valid key");
        assert!(!format!("{key:?}").contains("0011"));
        assert!(matches!(
            BallotKey::from_hex("abc"),
            Err(KeyError::WrongLength(3))
        ));
        assert!(matches!(
            BallotKey::from_hex(&"zz".repeat(32)),
            Err(KeyError::NotHex)
        ));
    }

    #[test]
    fn a_sealed_record_opens_only_with_its_key_and_its_context() {
        let key = BallotKey::random();
        let record = seal_bytes(&key, b"inbox:7", b"{\"data\":\"yes\"}");
        assert!(!record.windows(3).any(|w| w == b"yes"));
        assert_eq!(
            open_bytes(&key, b"inbox:7", &record).unwrap(),
            b"{\"data\":\"yes\"}"
        );
        assert_eq!(open_bytes(&key, b"inbox:8", &record), Err(Unsealable));
        assert_eq!(
            open_bytes(&BallotKey::random(), b"inbox:7", &record),
            Err(Unsealable)
        );
        assert_eq!(open_bytes(&key, b"inbox:7", &record[..20]), Err(Unsealable));
    }
}
