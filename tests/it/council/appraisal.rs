//! /thamdinh: the automatic checks beside each proposed nomination, marking valid, and a return
//! whose reason reaches the unit head.

use super::*;
use chrono::NaiveDate;
use thidua::domain::assessment::{Answers, Discipline, Initiative, TaskRating};

fn initiative(title: &str, number: &str) -> Initiative {
    Initiative {
        title: title.to_owned(),
        decision_number: number.to_owned(),
        decision_date: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        scope: None,
    }
}

pub async fn submit(
    council: &Council,
    employee_code: &str,
    rating: TaskRating,
    discipline: Discipline,
    initiatives: Vec<Initiative>,
) {
    let person = council.person(employee_code).await;
    let answers = Answers {
        rating: Some(rating),
        leave: Some(Vec::new()),
        discipline: Some(discipline),
        initiatives: Some(initiatives),
        research_projects: Some(0),
        summary: Some("Hoàn thành xuất sắc nhiệm vụ chuyên môn được giao trong năm.".to_owned()),
        ..Answers::default()
    };
    let mut conn = council.ctx().db.read().await.unwrap();
    thidua::storage::assessments::submit(
        &mut conn,
        2026,
        person,
        &answers,
        &serde_json::json!([]),
        council.ctx().now(),
    )
    .await
    .unwrap();
}

async fn note(council: &Council, nomination: i64) -> Option<String> {
    sqlx::query_scalar("SELECT appraisal_note FROM nominations WHERE id = ?1")
        .bind(nomination)
        .fetch_one(council.ctx().db.sqlite_pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_secretary_sees_the_checks_marks_valid_and_returns_with_a_reason_the_head_receives() {
    let council = Council::new(0).await;
    council.at(2026, 11, 10, 3);
    submit(
        &council,
        "VP02",
        TaskRating::Excellent,
        Discipline::None,
        vec![initiative("Phần mềm quản lý hồ sơ", "")],
    )
    .await;
    submit(
        &council,
        "TT01",
        TaskRating::Good,
        Discipline::UnderReview,
        vec![],
    )
    .await;
    let shared = initiative("Sổ tay an toàn lao động", "12/QĐ-SXD");
    submit(
        &council,
        "VP01",
        TaskRating::Good,
        Discipline::None,
        vec![shared.clone()],
    )
    .await;
    submit(
        &council,
        "VP03",
        TaskRating::Good,
        Discipline::None,
        vec![shared],
    )
    .await;
    let lan = council.propose(Some("TT01"), "TT", Title::Ldtt).await;
    let mai = council.propose(Some("VP02"), "VP", Title::Cstdcs).await;
    let hung = council.propose(Some("VP01"), "VP", Title::Cstdcs).await;
    let bao = council.propose(Some("VP03"), "VP", Title::Cstdcs).await;

    // Outside the appraisal window: refused.
    council.send(SECRETARY, "/thamdinh").await;
    assert!(
        council.last_text(SECRETARY).contains("thẩm định"),
        "{}",
        council.last_text(SECRETARY)
    );
    // Only the secretary appraises.
    council.in_appraisal();
    council.send(MEMBER, "/appraise").await;
    assert!(
        council.last_text(MEMBER).contains("chỉ dành cho"),
        "{}",
        council.last_text(MEMBER)
    );

    council.send(SECRETARY, "/thamdinh").await;
    let list = council.last_text(SECRETARY);
    assert!(
        // Bảo (the secretary) does not appraise his own nomination.
        list.contains("3 đề nghị chờ thẩm định")
            && list.contains("1 đề nghị của chính anh do thành viên khác")
            && list.contains("▪️ Thanh tra")
            && list.contains("▪️ Văn phòng"),
        "{list}"
    );
    assert!(
        list.contains("1. Phạm Thị Lan — Lao động tiên tiến: ⚠️"),
        "{list}"
    );

    // Lan: under discipline review.
    council.press(SECRETARY, "1").await;
    let detail = council.last_text(SECRETARY);
    assert!(detail.contains("xem xét kỷ luật"), "{detail}");
    council.press(SECRETARY, "Hợp lệ").await;
    assert_eq!(council.status(lan).await, "valid");

    // Mai: the initiative has no decision number; returned with a reason.
    council.press(SECRETARY, "1").await;
    let detail = council.last_text(SECRETARY);
    assert!(
        detail.contains("Nguyễn Thị Mai") && detail.contains("thiếu số quyết định công nhận"),
        "{detail}"
    );
    council.press(SECRETARY, "Trả lại").await;
    council.send(SECRETARY, "ok").await;
    assert!(
        council.last_text(SECRETARY).contains("lý do"),
        "too short: asked again"
    );
    assert_eq!(council.status(mai).await, "proposed");
    council
        .send(
            SECRETARY,
            "Đề nghị bổ sung số quyết định công nhận sáng kiến.",
        )
        .await;
    assert!(
        council
            .last_text(SECRETARY)
            .contains("Đã trả lại đề nghị của Nguyễn Thị Mai"),
        "{}",
        council.last_text(SECRETARY)
    );
    assert_eq!(council.status(mai).await, "returned");
    assert_eq!(
        note(&council, mai).await.as_deref(),
        Some("Đề nghị bổ sung số quyết định công nhận sáng kiến.")
    );
    council.drain().await;
    let told = council.fake.texts_to(HEAD as i64);
    assert!(
        told.iter().any(|text| text
            .contains("trả lại đề nghị danh hiệu Chiến sĩ thi đua cơ sở của Nguyễn Thị Mai")
            && text.contains("Đề nghị bổ sung số quyết định")),
        "{told:?}"
    );

    // Hùng and Bảo claim the same initiative.
    council.send(SECRETARY, "/thamdinh").await;
    council.press(SECRETARY, "1").await;
    let detail = council.last_text(SECRETARY);
    assert!(
        detail.contains("cũng được dùng cho đề nghị Chiến sĩ thi đua cơ sở của"),
        "{detail}"
    );
    // A second appraisal of an appraised nomination is refused.
    let again = thidua::services::appraisal::mark_valid(
        council.ctx(),
        &crate::harness::caller(council.ctx(), SECRETARY as i64).await,
        lan,
    )
    .await;
    assert!(again.is_err());
    let _ = (hung, bao);
    assert_eq!(
        council.audit_actions("nomination.").await,
        ["nomination.valid", "nomination.returned"]
    );
}

/// Nobody appraises their own nomination: the secretary's goes to the council's chair.
#[tokio::test]
async fn the_secretarys_own_nomination_is_appraised_by_the_chair_not_by_the_secretary() {
    let council = Council::new(0).await;
    council.in_appraisal();
    submit(
        &council,
        "VP03",
        TaskRating::Excellent,
        Discipline::None,
        Vec::new(),
    )
    .await;
    let own = council.propose(Some("VP03"), "VP", Title::Ldtt).await;
    let other = council.propose(Some("VP02"), "VP", Title::Ldtt).await;

    // The secretary's list leaves their own out, and says where it went.
    council.send(SECRETARY, "/thamdinh").await;
    let list = council.last_text(SECRETARY);
    assert!(
        list.contains("1 đề nghị chờ thẩm định")
            && list.contains("Nguyễn Thị Mai")
            && list.contains("1 đề nghị của chính anh do thành viên khác"),
        "{list}"
    );
    assert!(!list.contains("Lê Quốc Bảo"), "{list}");
    // A call with their own nomination's id is refused and changes nothing.
    let secretary = crate::harness::caller(council.ctx(), SECRETARY as i64).await;
    let refused = services::appraisal::mark_valid(council.ctx(), &secretary, own).await;
    assert!(
        matches!(
            refused,
            Err(services::ServiceError::Refused(
                services::Refusal::OwnNomination
            ))
        ),
        "{refused:?}"
    );
    assert_eq!(council.status(own).await, "proposed");

    // The director, as the council's chair, sees only that one and marks it valid.
    council.send(DIRECTOR, "/thamdinh").await;
    let chair = council.last_text(DIRECTOR);
    assert!(
        chair.contains("1 đề nghị chờ thẩm định") && chair.contains("Lê Quốc Bảo"),
        "{chair}"
    );
    assert!(!chair.contains("Nguyễn Thị Mai"), "{chair}");
    council.press(DIRECTOR, "1").await;
    council.press(DIRECTOR, "Hợp lệ").await;
    assert_eq!(council.status(own).await, "valid");
    // The chair appraises the standing body's own only.
    let director = crate::harness::caller(council.ctx(), DIRECTOR as i64).await;
    let refused = services::appraisal::mark_valid(council.ctx(), &director, other).await;
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(council.status(other).await, "proposed");
}
