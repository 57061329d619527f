//! The compact payload of inline buttons: `<nonce hex>:<action>`, well under Telegram's 64 bytes.
//! A payload is only a request; the handler re-authorises it against the person and the current
//! dialogue state on every press.

use crate::domain::title::Title;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Individual(Title),
    Collective(Option<Title>),
    Confirm,
    ChooseAgain,
    Withdraw,
    Cancel,
    /// The n-th choice of the current question; the dialogue state says what the choices are.
    Pick(u8),
    Submit,
    ChangeAnswer,
    /// Appraisal: return a nomination; decision: send the results back.
    Return,
    /// A council member's secret vote on one nomination. The nonce is the ballot's, not the
    /// dialogue's: a ballot paper stays valid until the ballot closes.
    Vote {
        nomination: i64,
        yes: bool,
    },
    /// The secretary lists the ballot papers still open for an absent member.
    WrittenFor {
        member: i64,
    },
    /// The secretary enters an absent member's paper vote (nonce: the ballot's).
    Written {
        member: i64,
        nomination: i64,
        yes: bool,
    },
    /// The secretary opens (nonce 0) the ballot, or asks to close it (nonce: the ballot's),
    /// which shows the turnout and what closing does.
    OpenBallot,
    CloseBallot,
    /// The secretary confirms the close; `seen` is the roll the preview showed.
    ConfirmClose {
        seen: u32,
    },
    /// The secretary asks to record a member absent (shows what it does), then confirms.
    MarkAbsent {
        member: i64,
    },
    ConfirmAbsent {
        member: i64,
    },
    /// Back to the ballot's overview from one of its previews.
    BallotOverview,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payload {
    pub nonce: u32,
    pub action: Action,
}

impl Payload {
    pub fn new(nonce: u32, action: Action) -> Self {
        Self { nonce, action }
    }

    pub fn encode(&self) -> String {
        let action = match self.action {
            Action::Individual(title) => format!("i:{}", title.code()),
            Action::Collective(Some(title)) => format!("c:{}", title.code()),
            Action::Collective(None) => "c:-".to_owned(),
            Action::Confirm => "ok".to_owned(),
            Action::ChooseAgain => "back".to_owned(),
            Action::Withdraw => "w".to_owned(),
            Action::Cancel => "x".to_owned(),
            Action::Pick(index) => format!("p:{index}"),
            Action::Submit => "send".to_owned(),
            Action::ChangeAnswer => "edit".to_owned(),
            Action::Return => "ret".to_owned(),
            Action::Vote { nomination, yes } => format!("v:{nomination}:{}", yes_no(yes)),
            Action::WrittenFor { member } => format!("pf:{member}"),
            Action::Written {
                member,
                nomination,
                yes,
            } => format!("pv:{member}:{nomination}:{}", yes_no(yes)),
            Action::OpenBallot => "bo".to_owned(),
            Action::CloseBallot => "bc".to_owned(),
            Action::ConfirmClose { seen } => format!("bk:{seen}"),
            Action::MarkAbsent { member } => format!("pa:{member}"),
            Action::ConfirmAbsent { member } => format!("pc:{member}"),
            Action::BallotOverview => "bv".to_owned(),
        };
        format!("{:08x}:{action}", self.nonce)
    }

    /// Anything that is not exactly what `encode` writes is `None`: a forged or garbled payload.
    pub fn decode(raw: &str) -> Option<Self> {
        let (nonce, action) = raw.split_once(':')?;
        if nonce.len() != 8 {
            return None;
        }
        let nonce = u32::from_str_radix(nonce, 16).ok()?;
        let action = match action.split_once(':') {
            Some(("i", code)) => Action::Individual(Title::parse(code).ok()?),
            Some(("c", "-")) => Action::Collective(None),
            Some(("c", code)) => Action::Collective(Some(Title::parse(code).ok()?)),
            // Only canonical decimal: "p:01" or "p:+1" would be a second spelling of one button.
            Some(("p", index)) if index == "0" || !index.starts_with('0') => Action::Pick(
                index
                    .parse()
                    .ok()
                    .filter(|_| index.bytes().all(|b| b.is_ascii_digit()))?,
            ),
            None if action == "ok" => Action::Confirm,
            None if action == "back" => Action::ChooseAgain,
            None if action == "w" => Action::Withdraw,
            None if action == "x" => Action::Cancel,
            None if action == "send" => Action::Submit,
            None if action == "edit" => Action::ChangeAnswer,
            None if action == "ret" => Action::Return,
            None if action == "bo" => Action::OpenBallot,
            None if action == "bc" => Action::CloseBallot,
            None if action == "bv" => Action::BallotOverview,
            Some(("bk", seen)) => Action::ConfirmClose { seen: count(seen)? },
            Some(("pa", member)) => Action::MarkAbsent {
                member: id(member)?,
            },
            Some(("pc", member)) => Action::ConfirmAbsent {
                member: id(member)?,
            },
            Some(("v", rest)) => {
                let (nomination, choice) = rest.split_once(':')?;
                Action::Vote {
                    nomination: id(nomination)?,
                    yes: parse_yes_no(choice)?,
                }
            }
            Some(("pf", member)) => Action::WrittenFor {
                member: id(member)?,
            },
            Some(("pv", rest)) => {
                let mut parts = rest.split(':');
                let (member, nomination, choice) = (parts.next()?, parts.next()?, parts.next()?);
                if parts.next().is_some() {
                    return None;
                }
                Action::Written {
                    member: id(member)?,
                    nomination: id(nomination)?,
                    yes: parse_yes_no(choice)?,
                }
            }
            _ => return None,
        };
        Some(Self { nonce, action })
    }
}

fn yes_no(yes: bool) -> &'static str {
    if yes { "y" } else { "n" }
}

fn parse_yes_no(raw: &str) -> Option<bool> {
    match raw {
        "y" => Some(true),
        "n" => Some(false),
        _ => None,
    }
}

/// A count in canonical decimal: "0", or digits without a leading zero.
fn count(raw: &str) -> Option<u32> {
    if raw.is_empty() || (raw.len() > 1 && raw.starts_with('0')) {
        return None;
    }
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok()
}

/// A positive database id in canonical decimal (no sign, no leading zero).
fn id(raw: &str) -> Option<i64> {
    if raw.is_empty() || raw.starts_with('0') || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_telegrams_limit() {
        let actions = [
            Action::Individual(Title::CstdTinh),
            Action::Collective(Some(Title::Tldxs)),
            Action::Collective(None),
            Action::Confirm,
            Action::ChooseAgain,
            Action::Withdraw,
            Action::Cancel,
            Action::Pick(0),
            Action::Pick(255),
            Action::Submit,
            Action::ChangeAnswer,
            Action::Return,
            Action::Vote {
                nomination: i64::MAX,
                yes: false,
            },
            Action::WrittenFor { member: 12 },
            Action::Written {
                member: i64::MAX,
                nomination: i64::MAX,
                yes: true,
            },
            Action::OpenBallot,
            Action::CloseBallot,
            Action::ConfirmClose { seen: 0 },
            Action::ConfirmClose { seen: u32::MAX },
            Action::MarkAbsent { member: i64::MAX },
            Action::ConfirmAbsent { member: 1 },
            Action::BallotOverview,
        ];
        for action in actions {
            let payload = Payload::new(u32::MAX, action);
            let encoded = payload.encode();
            assert!(encoded.len() <= 64, "{encoded}");
            assert_eq!(Payload::decode(&encoded), Some(payload));
        }
    }

    #[test]
    fn garbled_payloads_are_refused() {
        for raw in [
            "",
            "ok",
            "zzzzzzzz:ok",
            "0000000a:i:NOPE",
            "0000000a:delete",
            "0000000a:c:",
            "1:ok",
            "0000000a:ok:extra",
            "0000000a:v:1:maybe",
            "0000000a:v:01:y",
            "0000000a:v:-1:y",
            "0000000a:pv:1:2:y:z",
            "0000000a:pf:",
            "0000000a:bk:",
            "0000000a:bk:01",
            "0000000a:bk:-1",
            "0000000a:bk:4294967296",
            "0000000a:pa:0",
            "0000000a:pc:x",
        ] {
            assert_eq!(Payload::decode(raw), None, "{raw}");
        }
    }
}
