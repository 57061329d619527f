//! Reading rule files: a base file (`config/rules/<name>.toml`) with any number of local files
//! merged over it, key by key. A local file changes only what it names, and every rule it
//! touches must carry its own `ref` (the provincial or departmental decision that sets it).
//!
//! Parsing is pure (text plus a label for messages); [`load_from_dir`] only reads the files.
//! Anything wrong is refused with the file, the rule (`quota.CSTDCS`) and the reason.

use super::key_path::{Seg, key};
use super::schema::Rules;
use super::validate::validate;
use crate::domain::campaign::RuleSet;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {rule}: {reason}")]
pub struct RuleFileError {
    /// The file's label: its path, or the name a caller gave the text.
    pub file: String,
    /// The rule (`tenure`, `individual.LDTT`, `quota.CSTDCS`), or `(file)` when the file as a
    /// whole is unreadable.
    pub rule: String,
    pub reason: String,
}

/// One rule file's text and the label its errors carry.
#[derive(Debug, Clone, Copy)]
pub struct RuleSource<'a> {
    pub label: &'a str,
    pub text: &'a str,
}

/// Top-level sections whose entries are each a rule of their own.
const GROUPS: [&str; 4] = ["individual", "collective", "quota", "ballot"];

/// The file name a rule set is read from: `luat-2022.toml`.
pub fn file_name(rule_set: RuleSet) -> String {
    format!("{}.toml", rule_set.as_str())
}

/// The shipped rule files, compiled in: the same text as `config/rules/`.
pub fn builtin_text(rule_set: RuleSet) -> &'static str {
    match rule_set {
        RuleSet::Nd91_2017 => include_str!("../../../config/rules/nd91-2017.toml"),
        RuleSet::Luat2022 => include_str!("../../../config/rules/luat-2022.toml"),
    }
}

/// The shipped rule set with no local files.
pub fn builtin(rule_set: RuleSet) -> Result<Rules, RuleFileError> {
    let label = format!("config/rules/{}", file_name(rule_set));
    parse_named(
        rule_set,
        RuleSource {
            label: &label,
            text: builtin_text(rule_set),
        },
        &[],
    )
}

/// Reads `<dir>/<name>.toml` and the local files, then [`parse_named`].
pub fn load_from_dir(
    dir: &Path,
    rule_set: RuleSet,
    local_paths: &[PathBuf],
) -> Result<Rules, RuleFileError> {
    let read = |path: &Path| {
        let label = path.display().to_string();
        std::fs::read_to_string(path)
            .map(|text| (label.clone(), text))
            .map_err(|error| RuleFileError {
                file: label,
                rule: "(file)".into(),
                reason: error.to_string(),
            })
    };
    let base = read(&dir.join(file_name(rule_set)))?;
    let locals = local_paths
        .iter()
        .map(|path| read(path))
        .collect::<Result<Vec<_>, _>>()?;
    let locals: Vec<RuleSource<'_>> = locals
        .iter()
        .map(|(label, text)| RuleSource { label, text })
        .collect();
    parse_named(
        rule_set,
        RuleSource {
            label: &base.0,
            text: &base.1,
        },
        &locals,
    )
}

/// [`parse`], then checks the base file is the rule set asked for.
pub fn parse_named(
    rule_set: RuleSet,
    base: RuleSource<'_>,
    locals: &[RuleSource<'_>],
) -> Result<Rules, RuleFileError> {
    let rules = parse(base, locals)?;
    if rules.rule_set.name != rule_set.as_str() {
        return Err(RuleFileError {
            file: base.label.to_owned(),
            rule: "rule_set".into(),
            reason: format!(
                "`name` is \"{}\" but this file should hold \"{}\"",
                rules.rule_set.name,
                rule_set.as_str()
            ),
        });
    }
    Ok(rules)
}

/// Merges `locals` over `base` in order and checks the result.
pub fn parse(base: RuleSource<'_>, locals: &[RuleSource<'_>]) -> Result<Rules, RuleFileError> {
    let mut tables = Vec::with_capacity(locals.len() + 1);
    for source in std::iter::once(&base).chain(locals) {
        tables.push((source.label, parse_table(source)?));
    }
    for (label, table) in &tables[1..] {
        check_local(label, table)?;
    }
    let mut merged = Table::new();
    for (_, table) in &tables {
        merge(&mut merged, table);
    }
    let mut rules: Rules =
        serde_path_to_error::deserialize(Value::Table(merged)).map_err(|error| {
            let path = error
                .path()
                .iter()
                .filter_map(|segment| match segment {
                    serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
                    serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
                    _ => None,
                })
                .collect::<Vec<_>>();
            located(&tables, &path, error.inner().message())
        })?;
    validate(&rules).map_err(|(path, reason)| located(&tables, &path, &reason))?;
    rules.files = tables.iter().map(|(label, _)| label.to_string()).collect();
    Ok(rules)
}

fn parse_table(source: &RuleSource<'_>) -> Result<Table, RuleFileError> {
    toml::from_str::<Table>(source.text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        let line = source.text[..offset.min(source.text.len())]
            .matches('\n')
            .count()
            + 1;
        RuleFileError {
            file: source.label.to_owned(),
            rule: rule_near(source.text, offset),
            reason: format!("line {line}: {}", error.message().trim()),
        }
    })
}

/// The rule whose table header comes last before `offset`, for a file that does not parse.
fn rule_near(text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    before
        .lines()
        .rev()
        .map(str::trim)
        .find(|line| line.starts_with('[') && line.contains(']'))
        .map(|header| {
            let inner = header.trim_start_matches('[');
            let inner = &inner[..inner.find(']').unwrap_or(inner.len())];
            let path: Vec<Seg> = inner.split('.').map(|part| key(part.trim())).collect();
            rule_name(&path).0
        })
        .unwrap_or_else(|| "(file)".into())
}

/// A local file may not rename the rule set, and must give the source of every rule it changes.
fn check_local(label: &str, table: &Table) -> Result<(), RuleFileError> {
    let refuse = |rule: String, reason: &str| RuleFileError {
        file: label.to_owned(),
        rule,
        reason: reason.to_owned(),
    };
    for (name, value) in table {
        if name == "rule_set" {
            return Err(refuse(
                name.clone(),
                "a local file overrides rules; it cannot change the rule set's name, title or basis",
            ));
        }
        let rules: Vec<(String, &Value)> = match (GROUPS.contains(&name.as_str()), value) {
            (true, Value::Table(group)) => group
                .iter()
                .map(|(entry, value)| (format!("{name}.{entry}"), value))
                .collect(),
            _ => vec![(name.clone(), value)],
        };
        for (rule, value) in rules {
            let has_ref = value
                .get("ref")
                .and_then(Value::as_str)
                .is_some_and(|legal_ref| !legal_ref.trim().is_empty());
            if !has_ref {
                return Err(refuse(
                    rule,
                    "a local file that changes a rule must give its own `ref` (the decision or regulation that sets it)",
                ));
            }
        }
    }
    Ok(())
}

/// Tables merge key by key; any other value (arrays included) replaces what was there.
fn merge(into: &mut Table, from: &Table) {
    for (name, value) in from {
        match (into.get_mut(name), value) {
            (Some(Value::Table(existing)), Value::Table(update)) => merge(existing, update),
            _ => {
                into.insert(name.clone(), value.clone());
            }
        }
    }
}

/// Splits a key path into the rule it belongs to and the rest (`ratios[0].value`).
fn rule_name(path: &[Seg]) -> (String, String) {
    let keys: Vec<String> = path
        .iter()
        .map(|segment| match segment {
            Seg::Key(name) => name.clone(),
            Seg::Index(index) => format!("[{index}]"),
        })
        .collect();
    let split = match keys.first() {
        None => return ("(file)".into(), String::new()),
        Some(first) if GROUPS.contains(&first.as_str()) && keys.len() > 1 => 2,
        Some(_) => 1,
    };
    let rest = keys[split..].iter().fold(String::new(), |mut out, part| {
        if !out.is_empty() && !part.starts_with('[') {
            out.push('.');
        }
        out.push_str(part);
        out
    });
    (keys[..split].join("."), rest)
}

/// Blames the file that set the deepest part of `path`; on a tie, the later file (it won the
/// merge).
fn located(tables: &[(&str, Table)], path: &[Seg], reason: &str) -> RuleFileError {
    let depth = |table: &Table| {
        let mut value = None::<&Value>;
        let mut found = 0;
        for segment in path {
            let next = match (value, segment) {
                (None, Seg::Key(name)) => table.get(name),
                (Some(Value::Table(inner)), Seg::Key(name)) => inner.get(name),
                (Some(Value::Array(items)), Seg::Index(index)) => items.get(*index),
                _ => None,
            };
            match next {
                Some(next) => {
                    value = Some(next);
                    found += 1;
                }
                None => break,
            }
        }
        found
    };
    let mut blamed = 0;
    let mut deepest = 0;
    for (index, (_, table)) in tables.iter().enumerate() {
        let found = depth(table);
        if found >= deepest {
            deepest = found;
            blamed = index;
        }
    }
    let (rule, rest) = rule_name(path);
    RuleFileError {
        file: tables[blamed].0.to_owned(),
        rule,
        reason: if rest.is_empty() {
            reason.to_owned()
        } else {
            format!("`{rest}`: {reason}")
        },
    }
}
