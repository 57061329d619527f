//! Building the tables from storage rows, worded in Vietnamese.

use super::{Cell, Sheet};
use crate::org::Org;
use crate::storage::Connection;
use crate::storage::StorageResult;
use crate::storage::decisions::Decision;
use crate::storage::exports::{self, NominationRow};
use crate::texts::export as words;

fn holder(row: &NominationRow, org: &Org) -> String {
    row.full_name
        .clone()
        .unwrap_or_else(|| format!("{} {}", words::COLLECTIVE, org.unit_name(&row.unit_code)))
}

/// Every table of a campaign, in the cycle's order.
pub async fn campaign_sheets(
    conn: &mut Connection,
    org: &Org,
    year: i32,
) -> StorageResult<Vec<Sheet>> {
    let mut registrations = Sheet::new(words::REGISTRATIONS);
    for row in exports::registrations(conn, year).await? {
        let kind = if row.employee_code.is_some() {
            words::INDIVIDUAL
        } else {
            words::COLLECTIVE
        };
        registrations.rows.push(vec![
            row.employee_code.into(),
            kind.into(),
            row.holder.into(),
            org.unit_name(&row.unit_code).into(),
            words::title(&row.title).into(),
            words::registration_status(&row.status).into(),
            Cell::Date(words::local_day(row.updated_at)),
        ]);
    }
    let mut assessments = Sheet::new(words::ASSESSMENTS);
    for row in exports::assessments(conn, year).await? {
        assessments.rows.push(vec![
            row.employee_code.into(),
            row.full_name.into(),
            org.unit_name(&row.unit_code).into(),
            words::assessment_status(&row.status).into(),
            row.submitted_version.into(),
            row.submitted_at.map(words::local_day).into(),
            row.rating.as_deref().map(words::rating).into(),
            row.reviewed_at.map(words::local_day).into(),
        ]);
        // What the person reported, as submitted.
        let answers: crate::domain::assessment::Answers =
            serde_json::from_str(&row.answers).map_err(crate::storage::StorageError::Json)?;
        let evidence: Vec<&str> = answers
            .evidence
            .iter()
            .map(|file| file.file_name.as_str())
            .collect();
        if let Some(cells) = assessments.rows.last_mut() {
            cells.extend([
                answers.summary.clone().into(),
                words::initiatives(answers.initiatives.as_deref().unwrap_or_default()).into(),
                evidence.join("\n").into(),
            ]);
        }
    }
    let mut meetings = Sheet::new(words::MEETINGS);
    for row in exports::meetings(conn, year).await? {
        meetings.rows.push(vec![
            org.unit_name(&row.unit_code).into(),
            Cell::Date(row.held_on),
            row.member_count.into(),
            row.present_count.into(),
            words::meeting_status(&row.status).into(),
            row.unit_rating.as_deref().map(words::rating).into(),
        ]);
    }
    let rows = exports::nominations(conn, year).await?;
    let mut nominations = Sheet::new(words::NOMINATIONS);
    let mut ballot = Sheet::new(words::BALLOT);
    for row in &rows {
        nominations.rows.push(vec![
            org.unit_name(&row.unit_code).into(),
            row.employee_code.clone().into(),
            holder(row, org).into(),
            words::title(&row.title).into(),
            row.meeting_yes_votes.into(),
            words::nomination_outcome(&row.title, &row.status).into(),
            row.appraisal_note.clone().into(),
        ]);
        if let (Some(membership), Some(yes), Some(no)) =
            (row.membership, row.ballot_yes, row.ballot_no)
        {
            let share = if membership > 0 {
                (yes as f64) * 100.0 / membership as f64
            } else {
                0.0
            };
            ballot.rows.push(vec![
                org.unit_name(&row.unit_code).into(),
                holder(row, org).into(),
                words::title(&row.title).into(),
                membership.into(),
                yes.into(),
                no.into(),
                Cell::Number((share * 100.0).round() / 100.0),
                words::nomination_outcome(&row.title, &row.status).into(),
            ]);
        }
    }
    let mut decisions = Sheet::new(words::DECISIONS);
    for row in exports::decisions(conn, year).await? {
        decisions.rows.push(vec![
            words::decision_outcome(&row.outcome).into(),
            row.number.into(),
            row.decided_on.into(),
            row.comment.into(),
            row.decided_by.into(),
            Cell::Date(words::local_day(row.decided_at)),
        ]);
    }
    let mut history = Sheet::new(words::HISTORY);
    for listed in crate::storage::history::list_all(conn).await? {
        let code = match &listed.holder {
            crate::domain::history::file::Holder::Person(code)
            | crate::domain::history::file::Holder::Unit(code) => code.clone(),
        };
        let entry = &listed.entry;
        history.rows.push(vec![
            code.into(),
            listed.name.into(),
            i64::from(entry.year).into(),
            crate::texts::history::kind_name(crate::texts::Lang::Vi, entry.kind).into(),
            entry.decision_number.clone().into(),
            Cell::Date(entry.decision_date),
            entry.until.into(),
            entry.description.clone().into(),
            entry.backs.clone().into(),
            words::history_source(entry.source).into(),
        ]);
    }
    let (block_ranking, block_scores) = block_sheets(conn, year).await?;
    Ok(vec![
        registrations,
        assessments,
        meetings,
        nominations,
        ballot,
        decisions,
        history,
        block_ranking,
        block_scores,
    ])
}

/// The year's emulation blocks: each member's standing and ranking, and every criterion's
/// points with the cross-check's adjustments and reasons.
async fn block_sheets(conn: &mut Connection, year: i32) -> StorageResult<(Sheet, Sheet)> {
    use crate::storage::blocks;
    let points = |points: crate::domain::block::Points| Cell::Number(f64::from(points.0) / 10.0);
    let mut ranking = Sheet::new(words::BLOCK_RANKING);
    let mut scores = Sheet::new(words::BLOCK_SCORES);
    for block in blocks::years(conn, year).await? {
        for member in blocks::members(conn, block.id).await? {
            let contact = crate::storage::people::find_by_id(conn, member.contact_id)
                .await?
                .map(|person| person.full_name)
                .unwrap_or_default();
            ranking.rows.push(vec![
                block.name.clone().into(),
                member.code.clone().into(),
                member.name.clone().into(),
                words::block_duty(member.duty).into(),
                contact.into(),
                crate::texts::block::status(crate::texts::Lang::Vi, member.status).into(),
                member.total.map_or(Cell::Empty, points),
                member.rank.map_or(Cell::Empty, Cell::from),
                member
                    .proposed
                    .map(|proposed| {
                        crate::texts::block::proposed_name(crate::texts::Lang::Vi, proposed)
                    })
                    .unwrap_or_default()
                    .into(),
                words::block_result(member.result.as_deref()).into(),
            ]);
            let sheet = blocks::scores(conn, member.id).await?;
            for criterion in block.table.criteria() {
                let (own, checked) = match sheet.points.get(&criterion.code) {
                    Some((own, checked)) => (points(*own), checked.map_or(Cell::Empty, points)),
                    None => (Cell::Empty, Cell::Empty),
                };
                scores.rows.push(vec![
                    block.name.clone().into(),
                    member.code.clone().into(),
                    member.name.clone().into(),
                    criterion.code.clone().into(),
                    criterion.text.clone().into(),
                    points(criterion.max),
                    own,
                    checked,
                    sheet
                        .reasons
                        .get(&criterion.code)
                        .cloned()
                        .unwrap_or_default()
                        .into(),
                ]);
            }
        }
    }
    Ok((ranking, scores))
}

/// The approved titles only, without vote figures: what every unit and the province receive,
/// each marked recognised by the director or proposed to the provincial chairman. Who failed,
/// and every count, stay with the council, the director and each person concerned.
pub fn public_results_sheet(rows: &[NominationRow], org: &Org, decision: &Decision) -> Sheet {
    let mut sheet = Sheet::new(words::PUBLIC_RESULTS);
    let recognised = rows.iter().filter(|row| row.status == "approved");
    for (index, row) in recognised.enumerate() {
        sheet.rows.push(vec![
            ((index + 1) as i64).into(),
            org.unit_name(&row.unit_code).into(),
            holder(row, org).into(),
            words::title(&row.title).into(),
            words::nomination_outcome(&row.title, &row.status).into(),
            decision.number.clone().into(),
            decision.decided_on.into(),
        ]);
    }
    sheet
}
