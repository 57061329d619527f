//! The language a person reads the bot in: Vietnamese by default, English on request (/lang).

use super::UnknownValue;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownValue> {
        match raw {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            other => Err(UnknownValue::new("language", other)),
        }
    }

    pub fn toggled(self) -> Self {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}
