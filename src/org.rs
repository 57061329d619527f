//! The organisation file (`config/org.toml`): the department's units and emulation blocks.

use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Org {
    pub department: String,
    /// Where the department's papers are dated from: "Tây Ninh, ngày … tháng … năm …".
    #[serde(default)]
    pub place: String,
    /// The body the department answers to, first line of its papers' header ("UBND TỈNH TÂY
    /// NINH"); empty leaves the header with the department alone.
    #[serde(default)]
    pub superior: String,
    /// The department's symbol in document numbers ("SXD" in "125/QĐ-SXD").
    #[serde(default)]
    pub symbol: String,
    pub units: Vec<OrgUnit>,
    #[serde(default)]
    pub blocks: Vec<OrgUnit>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgUnit {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {key}: {reason}")]
pub struct OrgError {
    pub file: String,
    pub key: String,
    pub reason: String,
}

impl Org {
    pub fn load(path: &Path) -> Result<Self, OrgError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| OrgError {
            file: file.clone(),
            key: "(file)".into(),
            reason: error.to_string(),
        })?;
        Self::parse(&text).map_err(|(key, reason)| OrgError { file, key, reason })
    }

    pub fn parse(text: &str) -> Result<Self, (String, String)> {
        let deserializer = toml::Deserializer::parse(text)
            .map_err(|error| ("(file)".to_owned(), error.message().to_owned()))?;
        let org: Org = serde_path_to_error::deserialize(deserializer)
            .map_err(|error| (error.path().to_string(), error.inner().message().to_owned()))?;
        let mut seen = HashSet::new();
        for (section, list) in [("units", &org.units), ("blocks", &org.blocks)] {
            for (index, unit) in list.iter().enumerate() {
                let valid = !unit.code.is_empty()
                    && unit.code.bytes().all(|byte| {
                        byte.is_ascii_uppercase() || byte.is_ascii_digit() || byte == b'_'
                    });
                if !valid {
                    return Err((
                        format!("{section}[{index}].code"),
                        "must be upper-case ASCII letters, digits or _".into(),
                    ));
                }
                if !seen.insert(unit.code.clone()) {
                    return Err((
                        format!("{section}[{index}].code"),
                        format!("`{}` is used twice", unit.code),
                    ));
                }
                if unit.name.trim().is_empty() {
                    return Err((
                        format!("{section}[{index}].name"),
                        "must not be empty".into(),
                    ));
                }
            }
        }
        if org.units.is_empty() {
            return Err(("units".into(), "at least one unit is needed".into()));
        }
        Ok(org)
    }

    pub fn unit(&self, code: &str) -> Option<&OrgUnit> {
        self.units.iter().find(|unit| unit.code == code)
    }

    pub fn unit_name(&self, code: &str) -> String {
        self.unit(code)
            .map_or_else(|| code.to_owned(), |unit| unit.name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_org_file_has_six_units_and_two_blocks() {
        let org = Org::parse(include_str!("../config/org.toml")).expect("valid");
        let codes: Vec<_> = org.units.iter().map(|unit| unit.code.as_str()).collect();
        assert_eq!(codes, ["VP", "TT", "QHPTDT", "QLXD", "QLNVLXD", "TTQHGD"]);
        assert_eq!(org.blocks.len(), 2);
    }

    #[test]
    fn duplicate_and_malformed_codes_are_refused_with_their_key() {
        let duplicate = "department = \"S\"\n[[units]]\ncode = \"VP\"\nname = \"A\"\n[[blocks]]\ncode = \"VP\"\nname = \"B\"\n";
        assert_eq!(Org::parse(duplicate).unwrap_err().0, "blocks[0].code");
        let malformed = "department = \"S\"\n[[units]]\ncode = \"vp\"\nname = \"A\"\n";
        assert_eq!(Org::parse(malformed).unwrap_err().0, "units[0].code");
    }
}
