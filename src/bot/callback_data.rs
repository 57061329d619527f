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
            _ => return None,
        };
        Some(Self { nonce, action })
    }
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
        ] {
            assert_eq!(Payload::decode(raw), None, "{raw}");
        }
    }
}
