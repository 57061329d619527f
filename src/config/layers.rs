//! Merging the configuration layers into one TOML table, then deserializing it with the path of
//! any bad key.

use super::ConfigError;
use toml::{Table, Value};

const ENV_PREFIX: &str = "THIDUA__";

pub fn merge(
    defaults: &str,
    overlay: Option<&str>,
    env: impl IntoIterator<Item = (String, String)>,
) -> Result<Table, ConfigError> {
    let mut merged: Table = defaults
        .parse()
        .map_err(|error: toml::de::Error| ConfigError::new("(defaults)", error.message()))?;
    if let Some(text) = overlay {
        let layer: Table = text
            .parse()
            .map_err(|error: toml::de::Error| ConfigError::new("(file)", error.message()))?;
        merge_tables(&mut merged, layer, "")?;
    }
    let mut env: Vec<(String, String)> = env
        .into_iter()
        .filter(|(name, _)| name.starts_with(ENV_PREFIX))
        .collect();
    env.sort();
    for (name, raw) in env {
        apply_env(&mut merged, &name, &raw)?;
    }
    Ok(merged)
}

fn merge_tables(base: &mut Table, layer: Table, prefix: &str) -> Result<(), ConfigError> {
    for (key, value) in layer {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match (base.get_mut(&key), value) {
            (Some(Value::Table(inner)), Value::Table(layer_inner)) => {
                merge_tables(inner, layer_inner, &path)?
            }
            (Some(Value::Table(_)), _) => {
                return Err(ConfigError::new(path, "must be a section, not a value"));
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
    Ok(())
}

/// `THIDUA__MAIL__SMTP_PORT=25` sets `mail.smtp_port` to the integer 25. Values are read as TOML
/// scalars when they parse as one (numbers, booleans) and as plain strings otherwise.
fn apply_env(merged: &mut Table, name: &str, raw: &str) -> Result<(), ConfigError> {
    let path: Vec<String> = name[ENV_PREFIX.len()..]
        .split("__")
        .map(|part| part.to_lowercase())
        .collect();
    let key_path = path.join(".");
    if path.len() != 2 || path.iter().any(String::is_empty) {
        return Err(ConfigError::new(
            key_path,
            format!("environment variable {name} must look like THIDUA__SECTION__KEY"),
        ));
    }
    match merged.get_mut(&path[0]) {
        Some(Value::Table(section)) => {
            // The default decides the type: a key whose default is a string (a password, a
            // path, a key) stays a string even when it is all digits, so `83920174` is a
            // usable password instead of "an integer where a string was expected".
            let value = match section.get(&path[1]) {
                Some(Value::String(_)) => Value::String(raw.to_owned()),
                _ => scalar(raw),
            };
            section.insert(path[1].clone(), value);
            Ok(())
        }
        _ => Err(ConfigError::new(
            key_path,
            format!("unknown section `{}`", path[0]),
        )),
    }
}

fn scalar(raw: &str) -> Value {
    if let Ok(integer) = raw.parse::<i64>() {
        return Value::Integer(integer);
    }
    match raw {
        "true" => Value::Boolean(true),
        "false" => Value::Boolean(false),
        _ => Value::String(raw.to_owned()),
    }
}

pub fn deserialize<T: serde::de::DeserializeOwned>(table: Table) -> Result<T, ConfigError> {
    serde_path_to_error::deserialize(Value::Table(table)).map_err(|error| {
        let path = error.path().to_string();
        let message = error.inner().to_string();
        // serde names a missing field inside its section; join them into one key path.
        if let Some(field) = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
        {
            let key = if path == "." {
                field.to_owned()
            } else {
                format!("{path}.{field}")
            };
            return ConfigError::new(key, "missing");
        }
        if message.starts_with("unknown field") {
            // serde_path_to_error's path already ends with the unknown key itself.
            return ConfigError::new(path, "unknown key (is it misspelt?)");
        }
        ConfigError::new(path, without_value(&message))
    })
}

/// serde quotes the offending value ("invalid type: integer `83920174`, expected a string");
/// the value may be a secret, so the message keeps only what was expected.
fn without_value(message: &str) -> String {
    match (message.find('`'), message.find(", expected")) {
        (Some(_), Some(expected)) => format!("wrong kind of value{}", &message[expected..]),
        (Some(_), None) => "this value is not accepted here".to_owned(),
        _ => message.to_owned(),
    }
}
