//! The verdict for each registered title under the campaign's rule set, and the frozen form kept
//! with every submitted version.

use crate::domain::assessment::Answers;
use crate::domain::campaign::Campaign;
use crate::domain::history::History;
use crate::domain::person::Person;
use crate::domain::rules::{self, AssessmentFacts, Rules, Verdict};
use crate::domain::title::Title;
use crate::services::present::Present;
/// Verdicts for `titles` from the answers and the person's award history (the CSTĐCS years
/// before, a recorded penalty's period, initiatives' levels and earlier use); empty while the
/// answers are incomplete.
pub fn evaluate(
    rules: &Rules,
    campaign: &Campaign,
    person: &Person,
    history: &History,
    answers: &Answers,
    titles: &[Title],
) -> Vec<Verdict> {
    let Some(facts) = AssessmentFacts::from_answers(answers, campaign.year, person.hire_date, 0)
    else {
        return Vec::new();
    };
    let facts = facts.with_history(history);
    titles
        .iter()
        .map(|title| rules::individual_verdict(rules, &facts, *title))
        .collect()
}

/// What is stored with a submitted version: each title's verdict as the person read it (in
/// Vietnamese, the record's language), so later rule changes cannot rewrite history.
pub fn snapshot(present: &dyn Present, verdicts: &[Verdict]) -> serde_json::Value {
    serde_json::Value::Array(
        verdicts
            .iter()
            .map(|verdict| {
                serde_json::json!({
                    "title": verdict.title.code(),
                    "eligible": verdict.eligible,
                    "text": present.verdict_record(verdict),
                })
            })
            .collect(),
    )
}
