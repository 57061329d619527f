use super::*;

#[test]
fn questions_are_asked_in_order_and_one_can_be_asked_again() {
    let mut answers = Answers::default();
    assert_eq!(answers.next_question(), Some(Question::Rating));
    answers.rating = Some(TaskRating::Good);
    answers.leave = Some(vec![]);
    assert_eq!(answers.next_question(), Some(Question::Discipline));
    answers.discipline = Some(Discipline::None);
    answers.initiatives = Some(vec![]);
    answers.research_projects = Some(0);
    answers.summary = Some("Hoàn thành tốt các nhiệm vụ được giao trong năm.".into());
    assert!(answers.is_complete());
    answers.clear(Question::Leave);
    assert_eq!(answers.next_question(), Some(Question::Leave));
}

#[test]
fn editing_follows_the_window_and_the_review() {
    use Status::*;
    let cases = [
        (None, true, false, Ok(())),
        (Some(Draft), true, false, Ok(())),
        (Some(Submitted), true, false, Ok(())),
        (Some(Submitted), false, true, Err(Locked::WindowClosed)),
        (Some(Draft), false, false, Err(Locked::WindowClosed)),
        (Some(Approved), true, false, Err(Locked::AlreadyApproved)),
        (Some(Returned), false, true, Ok(())),
        (Some(Returned), false, false, Err(Locked::WindowClosed)),
    ];
    for (status, assessing, reviewing, expected) in cases {
        assert_eq!(
            editable(status, assessing, reviewing),
            expected,
            "{status:?} {assessing} {reviewing}"
        );
    }
}

#[test]
fn typed_answers_are_parsed_or_explained() {
    assert_eq!(parse_days("180"), Ok(180));
    assert_eq!(parse_days("một trăm"), Err(InputError::NotANumber));
    assert_eq!(
        parse_days("0"),
        Err(InputError::OutOfRange { min: 1, max: 366 })
    );
    assert_eq!(
        parse_days("400"),
        Err(InputError::OutOfRange { min: 1, max: 366 })
    );
    assert_eq!(parse_research_count(" 2 "), Ok(2));
    assert_eq!(parse_summary("   "), Err(InputError::Empty));
    assert_eq!(
        parse_summary("ngắn"),
        Err(InputError::TooShort { min: 20, got: 4 })
    );
    let long = "ă".repeat(2001);
    assert_eq!(
        parse_summary(&long),
        Err(InputError::TooLong {
            max: 2000,
            got: 2001
        })
    );
    assert_eq!(
        parse_decision_date("05/06/2026", 2026),
        Ok(chrono::NaiveDate::from_ymd_opt(2026, 6, 5).unwrap())
    );
    assert_eq!(
        parse_decision_date("31/02/2026", 2026),
        Err(InputError::NotADate)
    );
    assert_eq!(
        parse_decision_date("05/06/2019", 2026),
        Err(InputError::DateOutsideYear { year: 2026 })
    );
}

#[test]
fn answers_survive_a_round_trip_through_json() {
    let answers = Answers {
        rating: Some(TaskRating::Excellent),
        leave: Some(vec![Leave {
            kind: LeaveKind::Maternity,
            days: 180,
        }]),
        discipline: Some(Discipline::None),
        initiatives: Some(vec![Initiative {
            title: "Số hóa hồ sơ cấp phép xây dựng".into(),
            decision_number: "125/QĐ-SXD".into(),
            decision_date: chrono::NaiveDate::from_ymd_opt(2026, 9, 12).unwrap(),
            scope: None,
        }]),
        research_projects: Some(1),
        summary: None,
        evidence: vec![crate::domain::evidence::EvidenceRef {
            sha256: "ab".repeat(32),
            file_name: "Quyết định 125.pdf".into(),
            file_type: crate::domain::evidence::FileType::Pdf,
            size: 120_000,
        }],
    };
    let json = serde_json::to_string(&answers).unwrap();
    assert!(json.contains("\"maternity\""));
    assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), answers);
}
