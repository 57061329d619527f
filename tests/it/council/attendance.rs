//! Written votes are for absent members only. The secretary records a member absent through a
//! preview and a confirmation; the member is told on Telegram and by e-mail; their own press is
//! then refused; a member present in chat can be neither voted for nor recorded absent.

use super::ballot::{LAN, MAI, open_ballot, roll_and_box};
use super::*;
use thidua::domain::ballot::Choice;
use thidua::services::{Refusal, ServiceError};
use thidua::ui::callback_data::{Action, Payload};

const SECOND: &str = "Thành viên Hội đồng 02";
const SECOND_TG: u64 = 7002;

async fn absent_flag(council: &Council, employee_code: &str) -> i64 {
    sqlx::query_scalar("SELECT absent FROM ballot_electorate WHERE person_id = ?1")
        .bind(council.person(employee_code).await.0)
        .fetch_one(council.ctx().db.sqlite_pool())
        .await
        .unwrap()
}

fn forged(nonce: u32, action: Action) -> String {
    Payload::new(nonce, action).encode()
}

#[tokio::test]
async fn a_member_present_in_chat_cannot_be_voted_for_by_the_secretary() {
    let (council, mai, _) = open_ballot().await;
    let member = council.person("HD02").await.0;
    council.send(SECRETARY, "/bophieu").await;
    let overview = council.shown_to(SECRETARY).last().cloned().unwrap();
    let labels = overview.reply_markup.unwrap().to_string();
    assert!(
        labels.contains(&format!("Ghi vắng mặt: {SECOND}")),
        "{labels}"
    );
    assert!(
        !labels.contains("Nhập phiếu giấy"),
        "linked members get no paper-vote button: {labels}"
    );

    // The old button shape, forged with the live nonce: refused, nothing recorded.
    let nonce = council.ballot_nonce().await;
    for action in [
        Action::WrittenFor { member },
        Action::Written {
            member,
            nomination: mai,
            yes: true,
        },
    ] {
        council
            .press_raw(SECRETARY, overview.message_id, &forged(nonce, action))
            .await;
        assert!(
            council.callback_answers()[0].contains("Chỉ nhập phiếu bằng văn bản"),
            "{:?}",
            council.callback_answers()
        );
    }
    let direct = thidua::services::ballot::cast_written(
        council.ctx(),
        &crate::harness::caller(council.ctx(), SECRETARY as i64).await,
        nonce,
        PersonId(member),
        mai,
        Choice::No,
    )
    .await;
    assert!(
        matches!(
            direct,
            Err(ServiceError::Refused(Refusal::WrittenVoteNeedsAbsence))
        ),
        "{direct:?}"
    );
    assert_eq!(roll_and_box(&council).await, (0, 0));

    // The member votes themself; once they have, nobody can record them absent.
    council.vote(SECOND_TG, MAI, true).await;
    assert_eq!(roll_and_box(&council).await, (1, 1));
    council
        .press_raw(
            SECRETARY,
            overview.message_id,
            &forged(nonce, Action::MarkAbsent { member }),
        )
        .await;
    assert!(
        council.callback_answers()[0].contains("đã tự bỏ phiếu qua Telegram"),
        "{:?}",
        council.callback_answers()
    );
    assert_eq!(absent_flag(&council, "HD02").await, 0);
}

#[tokio::test]
async fn an_absent_member_is_recorded_after_a_preview_told_everywhere_and_votes_only_on_paper() {
    let (council, _, _) = open_ballot().await;
    council.send(SECRETARY, "/bophieu").await;
    council
        .press(SECRETARY, &format!("Ghi vắng mặt: {SECOND}"))
        .await;

    // The preview says what happens and changes nothing; confirm and back are on separate rows.
    let preview = council.shown_to(SECRETARY).last().cloned().unwrap();
    assert!(
        preview.text.contains(&format!(
            "Ghi nhận {SECOND} vắng mặt tại cuộc bỏ phiếu kín?"
        )) && preview.text.contains("Telegram và e-mail")
            && preview
                .text
                .contains("không tự bỏ phiếu qua Telegram được nữa"),
        "{}",
        preview.text
    );
    let rows = preview.reply_markup.clone().unwrap()["inline_keyboard"]
        .as_array()
        .cloned()
        .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|row| row.as_array().unwrap().len() == 1));
    assert_eq!(absent_flag(&council, "HD02").await, 0);

    // Back shows the overview again; nothing was recorded.
    council.press(SECRETARY, "Quay lại").await;
    assert!(
        council
            .last_text(SECRETARY)
            .contains("Bỏ phiếu kín năm 2026")
    );
    assert_eq!(absent_flag(&council, "HD02").await, 0);

    council
        .press(SECRETARY, &format!("Ghi vắng mặt: {SECOND}"))
        .await;
    let (confirm_message, confirm) = council.button(SECRETARY, "Xác nhận ghi vắng mặt");
    council
        .press_raw(SECRETARY, confirm_message, &confirm)
        .await;
    assert!(
        council
            .last_text(SECRETARY)
            .contains(&format!("Đã ghi nhận {SECOND} vắng mặt")),
        "{}",
        council.last_text(SECRETARY)
    );
    assert_eq!(absent_flag(&council, "HD02").await, 1);
    // The same confirmation pressed again records nothing twice.
    council
        .press_raw(SECRETARY, confirm_message, &confirm)
        .await;
    assert!(council.callback_answers()[0].contains("đã được ghi vắng mặt trước đó"));
    assert_eq!(
        council.audit_actions("ballot.absent_recorded").await.len(),
        1
    );

    // The member is told in chat and by e-mail.
    council.drain().await;
    assert!(
        council
            .shown_to(SECOND_TG)
            .iter()
            .any(|m| m.text.contains("đã ghi nhận anh vắng mặt")),
        "{:?}",
        council.shown_to(SECOND_TG)
    );
    let mails = council.smtp.mails();
    let told = mails
        .iter()
        .find(|mail| mail.to.iter().any(|to| to == "hd02@example.gov.vn"))
        .expect("an e-mail to the member");
    assert!(
        told.subject().contains("Ghi nhận vắng mặt"),
        "{}",
        told.subject()
    );

    // Their own paper is refused now, saying why.
    council.vote(SECOND_TG, MAI, true).await;
    assert!(
        council.callback_answers()[0].contains("ghi nhận anh vắng mặt"),
        "{:?}",
        council.callback_answers()
    );
    assert_eq!(roll_and_box(&council).await, (0, 0));

    // The secretary enters the signed paper; the roll records it as written.
    council.fake.clear();
    council.smtp.clear();
    council.send(SECRETARY, "/bophieu").await;
    council
        .press(SECRETARY, &format!("Nhập phiếu giấy: {SECOND}"))
        .await;
    assert!(council.last_text(SECRETARY).contains("PHIẾU BẦU KÍN 2/2"));
    for nominee in [MAI, LAN] {
        let (message, agree, _) = council.paper(SECRETARY, nominee);
        council.press_raw(SECRETARY, message, &agree).await;
    }
    assert!(
        council
            .last_text(SECRETARY)
            .contains(&format!("Đã nhập phiếu bằng văn bản của {SECOND}")),
        "{}",
        council.last_text(SECRETARY)
    );
    let rows: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT mode, entered_by FROM ballot_roll")
            .fetch_all(council.ctx().db.sqlite_pool())
            .await
            .unwrap();
    let secretary = Some(council.person("VP03").await.0);
    assert_eq!(rows, vec![("written".to_owned(), secretary); 2]);

    // Told once all are in, on both channels, never with a choice.
    council.drain().await;
    let chat: Vec<String> = council
        .shown_to(SECOND_TG)
        .into_iter()
        .map(|m| m.text)
        .collect();
    let entered = chat
        .iter()
        .find(|text| text.contains("đã nhập phiếu bằng văn bản của anh cho 2 đề nghị"))
        .unwrap_or_else(|| panic!("{chat:?}"));
    assert!(
        !entered.contains("Đồng ý") && !entered.contains("đồng ý"),
        "{entered}"
    );
    let mail = council
        .smtp
        .mails()
        .into_iter()
        .find(|mail| mail.to.iter().any(|to| to == "hd02@example.gov.vn"))
        .expect("an e-mail to the member");
    assert!(!mail.text_body().to_lowercase().contains("đồng ý"));

    // Not a secretary: the director cannot record anyone absent.
    let nonce = council.ballot_nonce().await;
    let result = thidua::services::ballot::record_absence(
        council.ctx(),
        &crate::harness::caller(council.ctx(), DIRECTOR as i64).await,
        nonce,
        council.person("HD01").await,
    )
    .await;
    assert!(matches!(
        result,
        Err(ServiceError::Refused(Refusal::RoleRequired(_)))
    ));
    assert_eq!(absent_flag(&council, "HD01").await, 0);
}
