//! Gathers what the council meeting's minutes show and renders them (`texts::export::minutes`).

use crate::domain::campaign::Campaign;
use crate::domain::rules::Rules;
use crate::domain::title::Title;
use crate::org::Org;
use crate::storage::Connection;
use crate::storage::StorageResult;
use crate::storage::exports;
use crate::texts::export::minutes::{Minutes, paper};
use crate::texts::paper::{Paper, html::page};

/// The minutes of `campaign`'s council meeting as a printable HTML page.
pub async fn minutes_html(
    conn: &mut Connection,
    org: &Org,
    campaign: &Campaign,
    rules: &Rules,
) -> StorageResult<String> {
    Ok(page(&minutes_paper(conn, org, campaign, rules).await?))
}

/// The minutes as a paper, for the HTML page and the Word document alike.
pub async fn minutes_paper(
    conn: &mut Connection,
    org: &Org,
    campaign: &Campaign,
    rules: &Rules,
) -> StorageResult<Paper> {
    let year = campaign.year;
    let frame = exports::ballot_frame(conn, year).await?;
    let members = exports::electorate_names(conn, year).await?;
    let rows = exports::nominations(conn, year).await?;
    let approval = exports::decisions(conn, year)
        .await?
        .into_iter()
        .find(|decision| decision.outcome == "approved");
    let thresholds: Vec<(Title, f64)> = Title::ALL
        .into_iter()
        .filter_map(|title| {
            rules
                .ballot
                .get(title)
                .map(|rule| (title, rule.approval.value.percent()))
        })
        .collect();
    let unit_name = |code: &str| org.unit_name(code);
    // The council's chair is the director; its secretary, the standing body's.
    let first_with = async |conn: &mut Connection, role| -> StorageResult<Option<String>> {
        Ok(crate::storage::people::list_active_with_role(conn, role)
            .await?
            .into_iter()
            .next()
            .map(|person| person.full_name))
    };
    let chair = first_with(conn, crate::domain::role::Role::Director).await?;
    let secretary = first_with(conn, crate::domain::role::Role::Secretary).await?;
    // The council's header names the department as its papers do, without the province.
    let department = super::documents::letterhead(org)
        .issuer()
        .pop()
        .unwrap_or_default();
    Ok(paper(&Minutes {
        department: &department,
        year,
        frame: frame.as_ref(),
        members: &members,
        thresholds: &thresholds,
        rows: &rows,
        unit_name: &unit_name,
        approval: approval.as_ref(),
        place: &org.place,
        chair: chair.as_deref(),
        secretary: secretary.as_deref(),
    }))
}
