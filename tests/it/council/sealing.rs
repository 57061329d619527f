//! The ballot key: without one no ballot opens, and a paper that does not open under it stops the
//! count instead of being skipped.

use super::*;
use std::sync::Arc;
use thidua::services::{Refusal, ServiceError};

const MAI: &str = "Nguyễn Thị Mai";

async fn with_valid_nominee() -> (Council, i64) {
    let council = Council::new(2).await;
    council.in_appraisal();
    let mai = council.propose(Some("VP02"), "VP", Title::Cstdcs).await;
    council.make_valid(mai).await;
    council.in_ballot();
    (council, mai)
}

#[tokio::test]
async fn without_a_key_the_ballot_does_not_open_and_the_secretary_is_told_why() {
    let (council, _) = with_valid_nominee().await;
    let mut settings = (*council.ctx().settings).clone();
    settings.ballot.secrecy_key = thidua::config::Secret::new("");
    let keyless = services::Ctx {
        settings: Arc::new(settings),
        ..council.ctx().clone()
    };
    let caller = crate::harness::caller(&keyless, SECRETARY as i64).await;
    let opened = services::ballot::open(&keyless, &caller).await;
    let Err(ServiceError::Refused(refusal)) = opened else {
        panic!("expected a refusal, got {opened:?}");
    };
    assert_eq!(refusal, Refusal::BallotKeyMissing);
    assert_eq!(council.table_count("ballots").await, 0, "nothing opened");
    let told = thidua::texts::refusal::explain(thidua::domain::language::Lang::Vi, &refusal, "");
    assert!(told.contains("khoá niêm phong phiếu bầu"), "{told}");
}

#[tokio::test]
async fn a_paper_altered_on_disk_stops_the_count_and_the_ballot_stays_open() {
    let (council, _) = with_valid_nominee().await;
    council.open_ballot().await;
    council.vote(SECRETARY, MAI, true).await;
    council.vote(DIRECTOR, MAI, false).await;
    // Someone with the file flips one byte of one paper.
    sqlx::query(
        "UPDATE ballot_box SET sealed = zeroblob(41) WHERE token = (SELECT min(token) FROM ballot_box)",
    )
    .execute(council.ctx().db.sqlite_pool())
    .await
    .unwrap();
    let caller = crate::harness::caller(council.ctx(), SECRETARY as i64).await;
    let seen = services::ballot::close_preview(council.ctx(), &caller)
        .await
        .unwrap()
        .seen;
    let closed = services::ballot::close(council.ctx(), &caller, seen).await;
    assert!(
        matches!(closed, Err(ServiceError::Internal(_))),
        "{closed:?}"
    );
    let status: String = sqlx::query_scalar("SELECT status FROM ballots")
        .fetch_one(council.ctx().db.sqlite_pool())
        .await
        .unwrap();
    assert_eq!(status, "open", "the failed close changed nothing");
    assert_eq!(council.table_count("ballot_box").await, 2, "no paper lost");
}
