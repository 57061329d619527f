//! /pheduyet: the director's decision and the publication it queues — group posts split and
//! numbered in order, private results, e-mails with XLSX and CSV attachments — sent once only.

use super::*;
use thidua::services::{Refusal, ServiceError};

/// Many LĐTT nominees across the six units, so the group post needs several parts.
async fn crowd(council: &Council, count: usize) {
    let units: Vec<String> =
        sqlx::query_scalar("SELECT code FROM units WHERE kind = 'unit' ORDER BY code")
            .fetch_all(council.ctx().db.sqlite_pool())
            .await
            .unwrap();
    assert_eq!(units.len(), 6, "{units:?}");
    for n in 0..count {
        let unit = &units[n % units.len()];
        let code = format!("X{n:03}");
        sqlx::query(
            "INSERT INTO people (employee_code, full_name, unit_code, position, email, gender, hire_date,
                                 telegram_user_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'Chuyên viên', ?4, 'female', '2015-01-01', ?6, ?5, ?5)",
        )
        .bind(&code)
        .bind(format!("Nguyễn Thị Phương Thảo Số {n:03}"))
        .bind(unit)
        .bind(format!("x{n:03}@example.gov.vn"))
        .bind(chrono::Utc::now())
        .bind(8000 + n as i64)
        .execute(council.ctx().db.sqlite_pool())
        .await
        .unwrap();
        let id = council.propose(Some(&code), unit, Title::Ldtt).await;
        council.make_valid(id).await;
    }
}

/// Appraised and balloted: Mai (CSTĐCS) passes 4/4, Lan (CSTĐ cấp tỉnh) fails 3/4, Hùng and 150
/// more LĐTT need no ballot. The clock in the decision window.
pub(super) async fn ready_for_decision() -> (Council, i64, i64, i64) {
    let council = Council::new(2).await;
    council.in_appraisal();
    let mai = council.propose(Some("VP02"), "VP", Title::Cstdcs).await;
    let lan = council.propose(Some("TT01"), "TT", Title::CstdTinh).await;
    let hung = council.propose(Some("VP01"), "VP", Title::Ldtt).await;
    for id in [mai, lan, hung] {
        council.make_valid(id).await;
    }
    crowd(&council, 150).await;
    council.in_ballot();
    council.open_ballot().await;
    for user in [SECRETARY, DIRECTOR, 7001, 7002] {
        council.vote(user, "Nguyễn Thị Mai", true).await;
        council.vote(user, "Phạm Thị Lan", user != 7001).await;
    }
    council.close_ballot().await;
    council.drain().await;
    council.at(2026, 12, 12, 3);
    council.fake.clear();
    council.smtp.clear();
    (council, mai, lan, hung)
}

#[tokio::test]
async fn approval_publishes_to_the_group_in_numbered_parts_privately_and_by_email_once() {
    let (council, mai, lan, hung) = ready_for_decision().await;
    council.send(SECRETARY, "/pheduyet").await;
    assert!(
        council.last_text(SECRETARY).contains("chỉ dành cho"),
        "only the director decides"
    );

    council.send(DIRECTOR, "/pheduyet").await;
    let list: String = council
        .shown_to(DIRECTOR)
        .iter()
        .map(|m| m.text.clone())
        .collect();
    assert!(
        list.contains("Nguyễn Thị Mai — Chiến sĩ thi đua cơ sở — đồng ý 4, không đồng ý 0: ✅ đạt"),
        "{list}"
    );
    assert!(
        list.contains(
            "Phạm Thị Lan — Chiến sĩ thi đua cấp tỉnh — đồng ý 3, không đồng ý 1: ❌ không đạt"
        ),
        "{list}"
    );
    council.press(DIRECTOR, "Phê duyệt").await;
    council.send(DIRECTOR, "quyết định hôm nay").await;
    assert!(
        council.last_text(DIRECTOR).contains("dd/mm/yyyy"),
        "asked again"
    );
    council.send(DIRECTOR, "125/QĐ-SXD 15/12/2026").await;

    // Nothing is approved yet: the preview shows every message word for word.
    let preview: String = council
        .shown_to(DIRECTOR)
        .iter()
        .rev()
        .take_while(|m| !m.text.contains("dd/mm/yyyy"))
        .map(|m| m.text.clone())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(
        preview.contains("Xem trước khi phê duyệt Quyết định số 125/QĐ-SXD ngày 15/12/2026")
            && preview.contains("152 danh hiệu được công nhận")
            && preview.contains("153 tin nhắn riêng, 2 e-mail"),
        "{preview:.800}"
    );
    for expected in [
        "— 1. Nhóm công bố kết quả —\n(1/2)\n📣 KẾT QUẢ THI ĐUA – KHEN THƯỞNG NĂM 2026",
        "🎉 Xin chúc mừng! Chị được công nhận danh hiệu Chiến sĩ thi đua cơ sở",
        ". Tin nhắn riêng tới Nguyễn Thị Mai —",
        "Tin nhắn riêng tới Phạm Thị Lan —\nKết quả xét danh hiệu Chiến sĩ thi đua cấp tỉnh của chị: chưa được công nhận",
        "E-mail, cùng nội dung, tới 2 địa chỉ: Trần Văn Hùng <hung.tv@example.gov.vn>, hdtdkt@tayninh.example.gov.vn",
        "Tiêu đề: Kết quả thi đua – khen thưởng năm 2026 (125/QĐ-SXD)",
        "Tệp đính kèm: ket-qua-thi-dua-2026.xlsx, ket-qua-thi-dua-2026.csv",
    ] {
        assert!(
            preview.contains(expected),
            "{expected:?} not in the preview"
        );
    }
    assert_eq!(
        council.status(mai).await,
        "passed",
        "a preview approves nothing"
    );
    let queued: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox WHERE logical_key LIKE 'publication:%'")
            .fetch_one(council.ctx().db.sqlite_pool())
            .await
            .unwrap();
    assert_eq!(queued, 0, "a preview queues nothing");
    assert!(council.audit_actions("decision.approved").await.is_empty());
    // Confirm sits alone on its row, away from Cancel.
    let last = council.shown_to(DIRECTOR).last().cloned().unwrap();
    let rows = last.reply_markup.unwrap()["inline_keyboard"]
        .as_array()
        .cloned()
        .unwrap();
    assert!(
        rows.iter().all(|row| row.as_array().unwrap().len() == 1),
        "{rows:?}"
    );

    // Typing again replaces the number; then the confirmation publishes.
    council.press(DIRECTOR, "Nhập lại số quyết định").await;
    assert!(council.last_text(DIRECTOR).contains("dd/mm/yyyy"));
    council.send(DIRECTOR, "125/QĐ-SXD 15/12/2026").await;
    let (confirm_message, confirm) = council.button(DIRECTOR, "Xác nhận phê duyệt và công bố");
    council.press_raw(DIRECTOR, confirm_message, &confirm).await;
    let done = council.last_text(DIRECTOR);
    assert!(
        done.contains("Đã phê duyệt Quyết định số 125/QĐ-SXD ngày 15/12/2026: 152 danh hiệu"),
        "{done}"
    );
    assert_eq!(council.status(mai).await, "approved");
    assert_eq!(council.status(lan).await, "failed");
    assert_eq!(council.status(hung).await, "approved");

    council.drain().await;
    let posts = council.fake.texts_to(GROUP);
    assert!(posts.len() >= 2, "split into parts: {}", posts.len());
    for (index, post) in posts.iter().enumerate() {
        assert!(post.chars().count() <= 4096);
        assert!(
            post.starts_with(&format!("({}/{})\n", index + 1, posts.len())),
            "in order: {post:.40}"
        );
    }
    let all = posts.concat();
    assert!(
        all.contains("KẾT QUẢ THI ĐUA – KHEN THƯỞNG NĂM 2026")
            && all.contains("Quyết định số 125/QĐ-SXD ngày 15/12/2026")
    );
    assert!(
        all.contains("▪️ Văn phòng") && all.contains("  Chiến sĩ thi đua cơ sở: Nguyễn Thị Mai.\n"),
        "{all:.600}"
    );
    assert!(
        !all.contains("phiếu đồng ý"),
        "vote figures are the council's: {all:.600}"
    );
    assert!(
        !all.contains("Phạm Thị Lan"),
        "only recognised titles are published"
    );

    let mai_told = council.fake.texts_to(MEMBER as i64).concat();
    assert!(
        mai_told.contains("Xin chúc mừng") && mai_told.contains("Chiến sĩ thi đua cơ sở"),
        "{mai_told}"
    );
    let lan_told = council.fake.texts_to(OTHER_UNIT as i64).concat();
    assert!(lan_told.contains("chưa được công nhận"), "{lan_told}");

    let mails = council.smtp.mails();
    assert!(
        council
            .fake
            .texts_to(8042)
            .concat()
            .contains("Xin chúc mừng")
    );
    let mut recipients: Vec<String> = mails.iter().flat_map(|mail| mail.to.clone()).collect();
    recipients.sort();
    assert_eq!(
        recipients,
        ["hdtdkt@tayninh.example.gov.vn", "hung.tv@example.gov.vn"]
    );
    for mail in &mails {
        assert!(
            mail.subject()
                .contains("Kết quả thi đua – khen thưởng năm 2026"),
            "{}",
            mail.subject()
        );
        assert!(
            mail.data.contains("ket-qua-thi-dua-2026.xlsx")
                && mail.data.contains("ket-qua-thi-dua-2026.csv")
        );
        assert!(mail.data.contains("spreadsheetml.sheet") && mail.data.contains("text/csv"));
        // Recognised titles only: Lan failed the ballot, and no count is sent out.
        let csv = crate::full_campaign::checks::attachment(mail, "text/csv");
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains("Nguyễn Thị Mai"), "{csv}");
        assert!(!csv.contains("Phạm Thị Lan"), "{csv}");
        assert!(!csv.contains("Đồng ý"), "{csv}");
    }

    // Drained again and approved again: nothing is sent twice.
    let (group_count, mail_count) = (posts.len(), mails.len());
    council.drain().await;
    let again = thidua::services::decision::approve(
        council.ctx(),
        &crate::harness::caller(council.ctx(), DIRECTOR as i64).await,
        "126/QĐ-SXD",
        chrono::NaiveDate::from_ymd_opt(2026, 12, 16).unwrap(),
    )
    .await;
    assert!(matches!(
        again,
        Err(ServiceError::Refused(Refusal::AlreadyDecided))
    ));
    council.drain().await;
    assert_eq!(council.fake.texts_to(GROUP).len(), group_count);
    assert_eq!(council.smtp.mails().len(), mail_count);
    let publication_rows: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE logical_key LIKE 'publication:2026:%' AND status = 'sent'")
        .fetch_one(council.ctx().db.sqlite_pool())
        .await
        .unwrap();
    assert_eq!(
        publication_rows as usize,
        group_count + 153 + mail_count,
        "every publication row sent once"
    );
}

#[tokio::test]
async fn the_director_sends_the_results_back_with_a_comment_for_the_secretary() {
    let (council, mai, _, _) = ready_for_decision().await;
    council.send(DIRECTOR, "/pheduyet").await;
    council.press(DIRECTOR, "Trả lại Thường trực").await;
    council
        .send(DIRECTOR, "Đề nghị rà soát lại tỷ lệ của khối văn phòng.")
        .await;
    assert!(
        council.last_text(DIRECTOR).contains("Đã trả lại kết quả"),
        "{}",
        council.last_text(DIRECTOR)
    );
    assert_eq!(council.status(mai).await, "passed", "nothing approved");
    council.drain().await;
    let told = council.fake.texts_to(SECRETARY as i64).concat();
    assert!(
        told.contains("đã trả lại danh sách") && told.contains("rà soát lại tỷ lệ"),
        "{told}"
    );
    assert_eq!(council.fake.texts_to(GROUP).len(), 0);
}
