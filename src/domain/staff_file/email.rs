//! A staff e-mail address that has been checked once, at the edge. Holding a [`StaffEmail`] means
//! the address is syntactically deliverable, so the invite mailer never meets a malformed one.
//!
//! The check is the practical subset of RFC 5321 that government mail servers accept: an ASCII
//! dot-atom local part and a dotted domain of letters, digits and hyphens. Quoted local parts and
//! IP-literal domains are legal but never appear in an HR spreadsheet; refusing them is safer
//! than mailing a typo.

use std::fmt;

const MAX_LEN: usize = 254;
const LOCAL_SPECIALS: &str = "!#$%&'*+/=?^_`{|}~-.";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StaffEmail(String);

impl StaffEmail {
    /// Trims the value and lower-cases it: mailboxes are case-insensitive in practice and the
    /// database's uniqueness index compares `lower(email)`, so one spelling is kept.
    pub fn parse(raw: &str) -> Option<Self> {
        let value = raw.trim().to_lowercase();
        if value.len() > MAX_LEN {
            return None;
        }
        let (local, domain) = value.split_once('@')?;
        (valid_local(local) && valid_domain(domain)).then_some(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StaffEmail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn valid_local(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c))
}

fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let top = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && top.len() >= 2
        && top.chars().all(|c| c.is_ascii_alphabetic())
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_are_kept_lower_cased() {
        let email = StaffEmail::parse("  Nguyen.Van_An+hr@Example.GOV.vn ").expect("valid");
        assert_eq!(email.as_str(), "nguyen.van_an+hr@example.gov.vn");
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for raw in [
            "",
            "an",
            "an@",
            "@example.gov.vn",
            "an@example",
            "an@@example.gov.vn",
            "an@example..gov.vn",
            ".an@example.gov.vn",
            "an.@example.gov.vn",
            "a..n@example.gov.vn",
            "an @example.gov.vn",
            "nguyễn@example.gov.vn",
            "an@-example.gov.vn",
            "an@example.gov.v1",
            "an@example.gov.vn;binh@example.gov.vn",
        ] {
            assert_eq!(StaffEmail::parse(raw), None, "{raw:?}");
        }
        assert_eq!(
            StaffEmail::parse(&format!("{}@example.gov.vn", "a".repeat(65))),
            None
        );
    }
}
