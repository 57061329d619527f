//! The verdict for each registered title under the campaign's rule set, and the frozen form kept
//! with every submitted version.

use crate::domain::assessment::Answers;
use crate::domain::campaign::{Campaign, RuleSet};
use crate::domain::language::Lang;
use crate::domain::person::Person;
use crate::domain::rules::{self, AssessmentFacts, Rules, Verdict};
use crate::domain::title::Title;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The rules a campaign runs under: its rule set (compiled in, the same text as
/// `config/rules/`) with the campaign's local files merged over it, read from disk (paths
/// relative to the working directory, as written in the campaign file).
///
/// Cached per campaign (year, rule set and file list): files are read once per process, so an
/// edited local file takes effect at the next start — the same moment a campaign file would.
/// A local file that does not load was refused when the campaign was opened; if it has since
/// become unreadable the error is returned (and callers show no verdict rather than a wrong one).
pub fn campaign_rules(campaign: &Campaign) -> Result<Arc<Rules>, rules::RuleFileError> {
    type Key = (i32, RuleSet, Vec<String>);
    static CACHE: OnceLock<Mutex<HashMap<Key, Arc<Rules>>>> = OnceLock::new();
    let key = (
        campaign.year,
        campaign.rule_set,
        campaign.local_rules.clone(),
    );
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|map| map.get(&key).cloned()) {
        return Ok(found);
    }
    let loaded = Arc::new(load(campaign.rule_set, &campaign.local_rules)?);
    if let Ok(mut map) = cache.lock() {
        map.insert(key, loaded.clone());
    }
    Ok(loaded)
}

/// The shipped rule set merged with local files (no cache): what opening a campaign checks.
pub fn load(rule_set: RuleSet, local_rules: &[String]) -> Result<Rules, rules::RuleFileError> {
    let mut texts = Vec::with_capacity(local_rules.len());
    for path in local_rules {
        let text = std::fs::read_to_string(path).map_err(|error| rules::RuleFileError {
            file: path.clone(),
            rule: "(file)".into(),
            reason: error.to_string(),
        })?;
        texts.push((path.as_str(), text));
    }
    let locals: Vec<rules::RuleSource<'_>> = texts
        .iter()
        .map(|(label, text)| rules::RuleSource { label, text })
        .collect();
    let label = format!("config/rules/{}.toml", rule_set.as_str());
    rules::parse_named(
        rule_set,
        rules::RuleSource {
            label: &label,
            text: rules::load::builtin_text(rule_set),
        },
        &locals,
    )
}

fn rules_for(campaign: &Campaign) -> Option<Arc<Rules>> {
    match campaign_rules(campaign) {
        Ok(rules) => Some(rules),
        Err(error) => {
            tracing::error!(%error, year = campaign.year, "the campaign's rules do not load");
            None
        }
    }
}

/// Verdicts for `titles` from the answers; empty while the answers are incomplete.
///
/// The answers carry no history, so a provincial title's "three consecutive CSTĐCS years" is
/// checked against zero prior years until past campaigns' results are recorded.
pub fn evaluate(
    campaign: &Campaign,
    person: &Person,
    answers: &Answers,
    titles: &[Title],
) -> Vec<Verdict> {
    let Some(rules) = rules_for(campaign) else {
        return Vec::new();
    };
    let Some(facts) = AssessmentFacts::from_answers(answers, campaign.year, person.hire_date, 0)
    else {
        return Vec::new();
    };
    titles
        .iter()
        .map(|title| rules::individual_verdict(&rules, &facts, *title))
        .collect()
}

/// What is stored with a submitted version: each title's verdict as the person read it (in
/// Vietnamese, the record's language), so later rule changes cannot rewrite history.
pub fn snapshot(verdicts: &[Verdict]) -> serde_json::Value {
    serde_json::Value::Array(
        verdicts
            .iter()
            .map(|verdict| {
                serde_json::json!({
                    "title": verdict.title.code(),
                    "eligible": verdict.eligible,
                    "text": crate::texts::verdict::verdict(Lang::Vi, verdict),
                })
            })
            .collect(),
    )
}
