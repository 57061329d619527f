//! After the tally, the units' collective titles are judged again with the council's results.
//!
//! At the unit meeting a member counts as CSTĐCS on their own verdict; but CSTĐCS is only held
//! once the council passes it. TLĐXS needs at least one CSTĐCS member: when a unit's only CSTĐCS
//! nominee fails the ballot, its TLĐXS no longer meets the rule set, so the nomination fails
//! here instead of being recognised by the same decision that refuses its basis. The judgement
//! itself is `services::collective_standing`'s, the same the appraisal screen shows.

use crate::domain::campaign::Campaign;
use crate::domain::nomination::NominationStatus;
use crate::domain::rules::Rules;
use crate::services::collective_standing::{self, Moment, Recheck};
use crate::services::present::Present;
use crate::storage::Connection;
use crate::storage::StorageResult;
use crate::storage::audit::Actor;
use chrono::{DateTime, Utc};

/// Fails each valid collective nomination the members' results no longer support; returns
/// their ids.
pub(super) async fn recheck(
    conn: &mut Connection,
    campaign: &Campaign,
    rules: &Rules,
    present: &dyn Present,
    actor: Actor,
    now: DateTime<Utc>,
) -> StorageResult<Vec<i64>> {
    let note = |title| present.collective_failed_note(title);
    let failed = collective_standing::recheck(
        conn,
        campaign,
        rules,
        Recheck {
            unit: None,
            from: &[NominationStatus::Valid],
            to: NominationStatus::Failed,
            moment: Moment::AfterAppraisal,
            note: &note,
            actor,
            now,
        },
    )
    .await?;
    Ok(failed.into_iter().map(|nomination| nomination.id).collect())
}
