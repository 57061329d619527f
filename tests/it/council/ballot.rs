//! The secret ballot in chat: papers, a final vote acknowledged without its choice, refusals
//! that change nothing, 100 concurrent presses, thresholds of the total membership, paper
//! votes (see `attendance`), the secretary's count-only view and the close at the phase's end.

use super::*;
use thidua::domain::ballot::Choice;
use thidua::services::Refusal;
use thidua::services::ServiceError;

pub(super) const MAI: &str = "Nguyễn Thị Mai";
pub(super) const LAN: &str = "Phạm Thị Lan";

/// Council of 4 (secretary, director, two extra); Mai proposed CSTĐCS, Lan CSTĐ cấp tỉnh, both
/// valid; the ballot open and its papers delivered.
pub(super) async fn open_ballot() -> (Council, i64, i64) {
    let council = Council::new(2).await;
    council.in_appraisal();
    let mai = council.propose(Some("VP02"), "VP", Title::Cstdcs).await;
    let lan = council.propose(Some("TT01"), "TT", Title::CstdTinh).await;
    // LĐTT needs no ballot: it must not be on the paper.
    let hung = council.propose(Some("VP01"), "VP", Title::Ldtt).await;
    for id in [mai, lan, hung] {
        council.make_valid(id).await;
    }
    council.in_ballot();
    council.open_ballot().await;
    (council, mai, lan)
}

pub(super) async fn roll_and_box(council: &Council) -> (i64, i64) {
    (
        council.table_count("ballot_roll").await,
        council.table_count("ballot_box").await,
    )
}

#[tokio::test]
async fn each_member_gets_one_paper_per_nominee_and_a_vote_is_acknowledged_without_the_choice() {
    let (council, _, _) = open_ballot().await;
    for user in [SECRETARY, DIRECTOR, 7001, 7002] {
        let papers: Vec<_> = council
            .shown_to(user)
            .into_iter()
            .filter(|message| message.text.contains("PHIẾU BẦU KÍN"))
            .collect();
        assert_eq!(papers.len(), 2, "two papers for {user}");
        assert!(
            papers
                .iter()
                .all(|paper| !paper.text.contains("Trần Văn Hùng"))
        );
    }
    let paper = council.paper(7001, MAI);
    let second = council.paper(7001, LAN);
    assert!(
        council
            .shown_to(7001)
            .iter()
            .any(|m| m.text.contains("Đơn vị: Văn phòng")),
        "{:?}",
        council.shown_to(7001)
    );
    council.fake.clear();
    council.press_raw(7001, paper.0, &paper.1).await;
    let shown = council.shown_to(7001);
    let edited = shown
        .iter()
        .find(|m| m.message_id == paper.0)
        .expect("paper edited");
    assert!(edited.reply_markup.is_none(), "the paper loses its buttons");
    let ack = council.last_text(7001);
    assert!(
        ack.contains("Đã ghi nhận phiếu") && ack.contains("còn 1/2 phiếu"),
        "{ack}"
    );
    for message in &shown {
        let lower = message.text.to_lowercase();
        assert!(
            !lower.contains("đồng ý") && !lower.contains("agree"),
            "{}",
            message.text
        );
    }
    // Audited with the nomination only, never the choice.
    let audit: Vec<String> = sqlx::query_scalar(
        "SELECT coalesce(detail, '') FROM audit_log WHERE action LIKE 'ballot.%'",
    )
    .fetch_all(council.ctx().db.sqlite_pool())
    .await
    .unwrap();
    assert!(
        audit
            .iter()
            .all(|detail| !detail.contains("yes") && !detail.contains("choice")),
        "{audit:?}"
    );
    // The last paper finishes the ballot for this member.
    council.press_raw(7001, second.0, &second.2).await;
    assert!(council.last_text(7001).contains("đã bỏ phiếu đủ 2 đề nghị"));
    assert_eq!(roll_and_box(&council).await, (2, 2));
}

#[tokio::test]
async fn a_second_vote_a_non_member_a_forged_button_and_a_late_vote_are_refused_changing_nothing() {
    let (council, mai, _) = open_ballot().await;
    council.vote(7001, MAI, true).await;
    assert_eq!(roll_and_box(&council).await, (1, 1));

    // A second vote on the same paper (both buttons).
    council.vote(7001, MAI, false).await;
    assert!(
        council.callback_answers()[0].contains("đã bỏ phiếu cho đề nghị này"),
        "{:?}",
        council.callback_answers()
    );
    assert_eq!(roll_and_box(&council).await, (1, 1));

    // A staff member who is not on the council replays a member's button.
    let (_, agree, _) = council.paper(7002, MAI);
    council.press_raw(MEMBER, 1, &agree).await;
    assert!(
        council.callback_answers()[0].contains("Thành viên Hội đồng")
            || council.callback_answers()[0].contains("chỉ dành cho"),
        "{:?}",
        council.callback_answers()
    );
    assert_eq!(roll_and_box(&council).await, (1, 1));

    // A forged button: the right shape, the wrong ballot nonce.
    let nonce = council.ballot_nonce().await;
    let forged = thidua::ui::callback_data::Payload::new(
        nonce.wrapping_add(1),
        thidua::ui::callback_data::Action::Vote {
            nomination: mai,
            yes: true,
        },
    )
    .encode();
    council.press_raw(7002, 1, &forged).await;
    assert!(
        council.callback_answers()[0].contains("không còn hiệu lực"),
        "{:?}",
        council.callback_answers()
    );
    // A button for a nomination that is not on the paper.
    let off_paper = thidua::ui::callback_data::Payload::new(
        nonce,
        thidua::ui::callback_data::Action::Vote {
            nomination: 999,
            yes: true,
        },
    )
    .encode();
    council.press_raw(7002, 1, &off_paper).await;
    assert_eq!(roll_and_box(&council).await, (1, 1));

    // After the secretary closes it (a second vote on Mai first: one alone would be read off
    // the count, so an early close is refused then), nobody can vote.
    council.vote(DIRECTOR, MAI, false).await;
    council.close_ballot().await;
    assert!(
        council
            .last_text(SECRETARY)
            .contains("Đã kết thúc bỏ phiếu"),
        "{}",
        council.last_text(SECRETARY)
    );
    council.vote(7002, MAI, true).await;
    assert!(
        council.callback_answers()[0].contains("đã kết thúc"),
        "{:?}",
        council.callback_answers()
    );
    // The close counted the papers and emptied the box; the roll (who voted) stays.
    assert_eq!(roll_and_box(&council).await, (2, 0));
    let refused = council.audit_actions("ballot.refused").await;
    assert!(refused.len() >= 4, "{refused:?}");
}

#[tokio::test]
async fn a_hundred_concurrent_presses_of_one_button_record_exactly_one_vote() {
    let (council, mai, _) = open_ballot().await;
    let nonce = council.ballot_nonce().await;
    let mut tasks = Vec::new();
    for n in 0..100 {
        let ctx = council.ctx().clone();
        tasks.push(tokio::spawn(async move {
            let choice = if n % 2 == 0 { Choice::Yes } else { Choice::No };
            let caller = crate::harness::caller(&ctx, 7001).await;
            thidua::services::ballot::cast(&ctx, &caller, nonce, mai, choice).await
        }));
    }
    let mut recorded = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => recorded += 1,
            Err(ServiceError::Refused(Refusal::AlreadyVoted)) => {}
            Err(other) => panic!("unexpected: {other:?}"),
        }
    }
    assert_eq!(recorded, 1);
    assert_eq!(roll_and_box(&council).await, (1, 1));
}

#[tokio::test]
async fn thresholds_count_the_whole_membership_at_80_and_90_percent() {
    // Ten members: the secretary, the director and eight more.
    let council = Council::new(8).await;
    council.in_appraisal();
    let at_80 = council.propose(Some("VP02"), "VP", Title::Cstdcs).await; // 8 yes → passes
    let below_80 = council.propose(Some("VP01"), "VP", Title::Cstdcs).await; // 7 yes → fails
    let at_90 = council.propose(Some("TT01"), "TT", Title::CstdTinh).await; // 9 yes → passes
    let below_90 = council.propose(Some("VP03"), "VP", Title::CstdTinh).await; // 8 yes → fails
    for id in [at_80, below_80, at_90, below_90] {
        council.make_valid(id).await;
    }
    council.in_ballot();
    council.open_ballot().await;
    let nonce = council.ballot_nonce().await;
    let members: Vec<u64> = [SECRETARY, DIRECTOR]
        .into_iter()
        .chain(7001..=7008)
        .collect();
    for (nomination, yes_votes, voters) in [
        (at_80, 8, 10),
        (below_80, 7, 10),
        (at_90, 9, 9),
        (below_90, 8, 9),
    ] {
        for (index, user) in members.iter().take(voters).enumerate() {
            let choice = if index < yes_votes {
                Choice::Yes
            } else {
                Choice::No
            };
            thidua::services::ballot::cast(
                council.ctx(),
                &crate::harness::caller(council.ctx(), *user as i64).await,
                nonce,
                nomination,
                choice,
            )
            .await
            .expect("vote recorded");
        }
    }
    // The secretary sees counts only, never a running tally.
    council.send(SECRETARY, "/bophieu").await;
    let view = council.last_text(SECRETARY);
    assert!(
        view.contains("Đã bỏ phiếu đủ: 9/10") && view.contains("Đã bắt đầu bỏ phiếu: 10/10"),
        "{view}"
    );
    assert!(
        !view.contains("Đồng ý") && !view.contains("Không đồng ý") && !view.contains("Mai"),
        "{view}"
    );

    // Ballots counted = members marked as voted, per nomination and in total.
    assert_eq!(roll_and_box(&council).await, (38, 38));
    let per_nomination: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT n.id, (SELECT count(*) FROM ballot_roll r WHERE r.nomination_id = n.id),
                (SELECT count(*) FROM ballot_box b WHERE b.nomination_id = n.id) FROM nominations n",
    )
    .fetch_all(council.ctx().db.sqlite_pool())
    .await
    .unwrap();
    assert!(per_nomination.iter().all(|(_, roll, boxed)| roll == boxed));

    // Not tallied before the close.
    assert_eq!(council.status(at_80).await, "valid");
    council.press(SECRETARY, "Kết thúc bỏ phiếu").await;
    council.press(SECRETARY, "Xác nhận kết thúc").await;
    assert_eq!(council.status(at_80).await, "passed");
    assert_eq!(council.status(below_80).await, "failed");
    assert_eq!(council.status(at_90).await, "passed");
    assert_eq!(council.status(below_90).await, "failed");
    let figures: (i64, i64) =
        sqlx::query_as("SELECT ballot_yes, ballot_no FROM nominations WHERE id = ?1")
            .bind(below_90)
            .fetch_one(council.ctx().db.sqlite_pool())
            .await
            .unwrap();
    assert_eq!(figures, (8, 1));
}

#[tokio::test]
async fn the_ballot_closes_at_the_phases_end_and_is_tallied_only_then() {
    let (council, mai, lan) = open_ballot().await;
    for user in [SECRETARY, DIRECTOR, 7001, 7002] {
        council.vote(user, MAI, true).await;
    }
    council.vote(7001, LAN, true).await;
    // Still open: nothing to close yet.
    assert!(
        thidua::services::ballot::close_due(council.ctx())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(council.status(mai).await, "valid");
    council.after_ballot();
    let closed = thidua::services::ballot::close_due(council.ctx())
        .await
        .unwrap();
    assert_eq!(closed.len(), 1);
    assert_eq!(council.status(mai).await, "passed");
    assert_eq!(council.status(lan).await, "failed", "1 of 4 is below 90%");
    // A second sweep does nothing.
    assert!(
        thidua::services::ballot::close_due(council.ctx())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_ballot_button_pressed_in_a_group_changes_nothing_and_points_to_the_private_chat() {
    let (council, _, _) = open_ballot().await;
    let (message, agree, _) = council.paper(7001, MAI);
    council
        .run(council.fake.callback_in(GROUP, 7001, message, &agree))
        .await;
    assert_eq!(roll_and_box(&council).await, (0, 0), "no vote from a group");
    assert!(
        council.callback_answers()[0].contains("vui lòng nhắn tin riêng cho bot"),
        "{:?}",
        council.callback_answers()
    );
    assert_eq!(
        council
            .audit_actions("callback.outside_private_chat")
            .await
            .len(),
        1
    );
    // The same paper in the member's private chat still counts.
    council.press_raw(7001, message, &agree).await;
    assert_eq!(roll_and_box(&council).await, (1, 1));
}

/// The note after an interrupted vote sends a member to /trangthai: while the ballot is open it
/// says how many papers they cast (never how), and nothing about the ballot to anyone else.
#[tokio::test]
async fn trangthai_tells_a_council_member_how_many_papers_they_cast_and_nothing_more() {
    let (council, _, _) = open_ballot().await;
    council.send(7001, "/trangthai").await;
    let before = council.last_text(7001);
    assert!(
        before.contains("Bỏ phiếu kín: anh đã bỏ 0/2 phiếu"),
        "{before}"
    );
    let paper = council.paper(7001, MAI);
    council.press_raw(7001, paper.0, &paper.1).await;
    council.send(7001, "/trangthai").await;
    let after = council.last_text(7001);
    assert!(after.contains("đã bỏ 1/2 phiếu"), "{after}");
    assert!(
        !after.contains(MAI) && !after.to_lowercase().contains("đồng ý"),
        "counts only: {after}"
    );
    let second = council.paper(7001, LAN);
    council.press_raw(7001, second.0, &second.2).await;
    council.send(7001, "/trangthai").await;
    assert!(
        council
            .last_text(7001)
            .contains("Bỏ phiếu kín: anh đã bỏ phiếu đủ 2/2 đề nghị"),
        "{}",
        council.last_text(7001)
    );
    // Not on the electorate: no ballot line.
    council.send(MEMBER, "/trangthai").await;
    assert!(
        !council.last_text(MEMBER).contains("Bỏ phiếu kín"),
        "{}",
        council.last_text(MEMBER)
    );
}
