//! Closing the ballot is never one tap: a preview with the turnout, a warning when early, a
//! refusal when a nominee's count would be one member's vote, and a confirmation bound to the
//! roll it showed. The secretary then reads the tally once.

use super::ballot::{LAN, MAI, open_ballot};
use super::*;
use thidua::ui::callback_data::{Action, Payload};

async fn ballot_status(council: &Council) -> String {
    sqlx::query_scalar("SELECT status FROM ballots")
        .fetch_one(council.ctx().db.sqlite_pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_close_that_would_show_one_members_vote_is_refused() {
    let (council, _, _) = open_ballot().await;
    council.vote(7001, MAI, true).await;
    council.send(SECRETARY, "/bophieu").await;
    council.press(SECRETARY, "Kết thúc bỏ phiếu").await;
    let preview = council.shown_to(SECRETARY).last().cloned().unwrap();
    assert!(
        preview.text.contains("⛔ Chưa thể kết thúc sớm"),
        "{}",
        preview.text
    );
    let labels = preview.reply_markup.unwrap().to_string();
    assert!(
        !labels.contains("Xác nhận"),
        "no confirmation offered: {labels}"
    );

    // A forged confirmation with the right nonce and roll is refused by the service too.
    let nonce = council.ballot_nonce().await;
    let data = Payload::new(nonce, Action::ConfirmClose { seen: 1 }).encode();
    council
        .press_raw(SECRETARY, preview.message_id, &data)
        .await;
    assert!(
        council.callback_answers()[0].contains("Chưa thể kết thúc sớm"),
        "{:?}",
        council.callback_answers()
    );
    assert_eq!(ballot_status(&council).await, "open");
}

#[tokio::test]
async fn an_early_close_shows_turnout_warns_and_stops_if_a_vote_arrived_since() {
    let (council, mai, lan) = open_ballot().await;
    for user in [SECRETARY, DIRECTOR] {
        council.vote(user, MAI, true).await;
    }
    council.vote(7001, MAI, false).await;
    council.send(SECRETARY, "/bophieu").await;
    council.press(SECRETARY, "Kết thúc bỏ phiếu").await;
    let preview = council.shown_to(SECRETARY).last().cloned().unwrap();
    assert!(
        preview.text.contains("Đã bỏ phiếu đủ: 0/4")
            && preview.text.contains("Đã bắt đầu bỏ phiếu: 3/4")
            && preview.text.contains("⚠️ Kết thúc sớm")
            && preview.text.contains("còn 4 thành viên chưa bỏ phiếu đủ"),
        "{}",
        preview.text
    );
    let rows = preview.reply_markup.clone().unwrap()["inline_keyboard"]
        .as_array()
        .cloned()
        .unwrap();
    assert_eq!(
        rows.len(),
        2,
        "confirm and back on rows of their own: {rows:?}"
    );
    assert!(rows.iter().all(|row| row.as_array().unwrap().len() == 1));
    assert_eq!(
        council.status(mai).await,
        "valid",
        "a preview changes nothing"
    );

    // A vote arrives while the preview is on screen: its confirmation no longer closes.
    let (message, confirm) = council.button(SECRETARY, "Xác nhận kết thúc");
    council.vote(7002, LAN, true).await;
    council.press_raw(SECRETARY, message, &confirm).await;
    assert!(
        council.callback_answers()[0].contains("Đã có phiếu mới được bỏ"),
        "{:?}",
        council.callback_answers()
    );
    assert_eq!(ballot_status(&council).await, "open");

    // Lan now has one vote: closing would read it off the count.
    council.send(SECRETARY, "/bophieu").await;
    council.press(SECRETARY, "Kết thúc bỏ phiếu").await;
    assert!(council.last_text(SECRETARY).contains("⛔"));
    council.vote(SECRETARY, LAN, true).await;

    // Looked at again, confirmed: closed, and the secretary reads the tally it closed, once.
    council.fake.clear();
    council.close_ballot().await;
    council.drain().await;
    let closed: Vec<String> = council
        .shown_to(SECRETARY)
        .into_iter()
        .map(|m| m.text)
        .filter(|text| text.contains("kiểm phiếu năm 2026") || text.contains("Kết quả bỏ phiếu"))
        .collect();
    assert_eq!(closed.len(), 1, "{closed:?}");
    assert!(
        closed[0].contains("Nguyễn Thị Mai — Chiến sĩ thi đua cơ sở: 2 đồng ý, 1 không đồng ý")
            && closed[0].contains("→ không đạt"),
        "{}",
        closed[0]
    );
    assert_eq!(council.status(mai).await, "failed");
    assert_eq!(council.status(lan).await, "failed");
    // The director, who did not close it, is told.
    assert!(
        council
            .shown_to(DIRECTOR)
            .iter()
            .any(|m| m.text.contains("Đã kết thúc bỏ phiếu")),
        "{:?}",
        council.shown_to(DIRECTOR)
    );
}

#[tokio::test]
async fn once_everyone_has_voted_the_close_is_not_early() {
    let (council, mai, _) = open_ballot().await;
    for user in [SECRETARY, DIRECTOR, 7001, 7002] {
        council.vote(user, MAI, true).await;
        council.vote(user, LAN, true).await;
    }
    council.send(SECRETARY, "/bophieu").await;
    council.press(SECRETARY, "Kết thúc bỏ phiếu").await;
    let preview = council.last_text(SECRETARY);
    assert!(
        preview.contains("Đã bỏ phiếu đủ: 4/4") && !preview.contains("Kết thúc sớm"),
        "{preview}"
    );
    council.press(SECRETARY, "Xác nhận kết thúc").await;
    assert_eq!(council.status(mai).await, "passed");
}
