//! A year's campaign: its rule set, the titles offered and the window of every phase.
//! [`CampaignSpec::parse_toml`] turns the secretary's file into a validated [`Campaign`] or an
//! error naming the offending field.

use super::UnknownValue;
use super::phase::{Phase, Window, WindowState};
use super::time::LOCAL_TZ;
use super::title::{Holder, Title};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleSet {
    Nd91_2017,
    Luat2022,
}

impl RuleSet {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleSet::Nd91_2017 => "nd91-2017",
            RuleSet::Luat2022 => "luat-2022",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownValue> {
        match raw {
            "nd91-2017" => Ok(RuleSet::Nd91_2017),
            "luat-2022" => Ok(RuleSet::Luat2022),
            other => Err(UnknownValue::new("rule set", other)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    pub year: i32,
    pub name: String,
    pub rule_set: RuleSet,
    pub titles: Vec<Title>,
    pub windows: BTreeMap<Phase, Window>,
    /// Local rule files (a province's cap, the department's meeting vote share) merged over the
    /// rule set, as paths written in the campaign file; empty for the rule set as shipped.
    pub local_rules: Vec<String>,
}

impl Campaign {
    pub fn window(&self, phase: Phase) -> Option<Window> {
        self.windows.get(&phase).copied()
    }

    pub fn phase_state(&self, phase: Phase, now: DateTime<Utc>) -> WindowState {
        // A campaign always has every phase (checked at parse), but a missing one reads as closed
        // rather than panicking.
        self.window(phase)
            .map_or(WindowState::Closed, |window| window.state_at(now))
    }

    pub fn offers(&self, title: Title) -> bool {
        self.titles.contains(&title)
    }

    pub fn offered(&self, holder: Holder) -> impl Iterator<Item = Title> + '_ {
        self.titles
            .iter()
            .copied()
            .filter(move |title| title.holder() == holder)
    }
}

/// A problem in a campaign file, naming the field (`phases.ballot.closes`) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct CampaignFileError {
    pub field: String,
    pub reason: String,
}

fn field_error(field: impl Into<String>, reason: impl Into<String>) -> CampaignFileError {
    CampaignFileError {
        field: field.into(),
        reason: reason.into(),
    }
}

/// The file as written by the secretary.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignSpec {
    pub year: i32,
    pub name: String,
    pub rule_set: String,
    pub titles: Vec<String>,
    /// `local_rules = ["config/rules/local/tay-ninh.toml"]`: files merged over the rule set.
    #[serde(default)]
    pub local_rules: Vec<String>,
    pub phases: BTreeMap<String, WindowSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowSpec {
    pub opens: String,
    pub closes: String,
}

impl CampaignSpec {
    pub fn parse_toml(text: &str) -> Result<Campaign, CampaignFileError> {
        let deserializer = toml::Deserializer::parse(text)
            .map_err(|error| field_error("(file)", error.message().to_owned()))?;
        let spec: CampaignSpec =
            serde_path_to_error::deserialize(deserializer).map_err(|error| {
                let path = error.path().to_string();
                field_error(
                    if path == "." {
                        "(file)".to_owned()
                    } else {
                        path
                    },
                    error.inner().message().to_owned(),
                )
            })?;
        spec.validate()
    }

    fn validate(self) -> Result<Campaign, CampaignFileError> {
        if !(2000..=2100).contains(&self.year) {
            return Err(field_error("year", "must be between 2000 and 2100"));
        }
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            return Err(field_error("name", "must not be empty"));
        }
        let rule_set = RuleSet::parse(&self.rule_set)
            .map_err(|_| field_error("rule_set", "must be \"nd91-2017\" or \"luat-2022\""))?;
        let mut titles = Vec::new();
        for (index, raw) in self.titles.iter().enumerate() {
            let title = Title::parse(raw).map_err(|_| {
                field_error(
                    format!("titles[{index}]"),
                    format!("unknown title `{raw}` (known: LDTT, CSTDCS, CSTD_TINH, TLDTT, TLDXS)"),
                )
            })?;
            if titles.contains(&title) {
                return Err(field_error(
                    format!("titles[{index}]"),
                    format!("`{raw}` is listed twice"),
                ));
            }
            titles.push(title);
        }
        if titles.is_empty() {
            return Err(field_error("titles", "must offer at least one title"));
        }
        let mut local_rules: Vec<String> = Vec::new();
        for (index, raw) in self.local_rules.iter().enumerate() {
            let path = raw.trim();
            if path.is_empty() || local_rules.iter().any(|known| known == path) {
                return Err(field_error(
                    format!("local_rules[{index}]"),
                    "must be a file path, each listed once",
                ));
            }
            local_rules.push(path.to_owned());
        }
        for (key, _) in self.phases.iter() {
            Phase::parse(key).map_err(|_| field_error(format!("phases.{key}"), "unknown phase"))?;
        }
        let mut windows = BTreeMap::new();
        let mut previous: Option<(Phase, Window)> = None;
        for phase in Phase::ALL {
            let key = phase.as_str();
            let spec = self
                .phases
                .get(key)
                .ok_or_else(|| field_error(format!("phases.{key}"), "missing"))?;
            let opens = parse_local(&spec.opens)
                .map_err(|reason| field_error(format!("phases.{key}.opens"), reason))?;
            let closes = parse_local(&spec.closes)
                .map_err(|reason| field_error(format!("phases.{key}.closes"), reason))?;
            if closes <= opens {
                return Err(field_error(
                    format!("phases.{key}.closes"),
                    format!("must be after phases.{key}.opens"),
                ));
            }
            let window = Window { opens, closes };
            if let Some((before, before_window)) = previous {
                let name = before.as_str();
                if window.opens < before_window.opens {
                    return Err(field_error(
                        format!("phases.{key}.opens"),
                        format!("must not be before phases.{name}.opens"),
                    ));
                }
                if window.closes < before_window.closes {
                    return Err(field_error(
                        format!("phases.{key}.closes"),
                        format!("must not be before phases.{name}.closes"),
                    ));
                }
            }
            previous = Some((phase, window));
            windows.insert(phase, window);
        }
        let registration_year = windows[&Phase::Registration]
            .opens
            .with_timezone(&LOCAL_TZ)
            .format("%Y")
            .to_string();
        if registration_year != self.year.to_string() {
            return Err(field_error(
                "phases.registration.opens",
                format!("must fall in the campaign's year {}", self.year),
            ));
        }
        Ok(Campaign {
            year: self.year,
            name,
            rule_set,
            titles,
            windows,
            local_rules,
        })
    }
}

/// Accepts a local `2026-03-25T17:00` / `2026-03-25 17:00:00` (Asia/Ho_Chi_Minh) or an RFC 3339
/// instant with an explicit offset.
pub fn parse_local(raw: &str) -> Result<DateTime<Utc>, String> {
    let raw = raw.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(raw) {
        return Ok(instant.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(raw, format) {
            return LOCAL_TZ
                .from_local_datetime(&naive)
                .single()
                .map(|local| local.with_timezone(&Utc))
                .ok_or_else(|| format!("`{raw}` is not a valid local time"));
        }
    }
    Err(format!(
        "`{raw}` is not a date and time like 2026-03-25T17:00 (Asia/Ho_Chi_Minh)"
    ))
}

mod schedule;
pub use schedule::{parse_deadline, phase_named};
#[cfg(test)]
mod tests;
