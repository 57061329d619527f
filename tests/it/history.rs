//! Years that add up (issue 12): past years imported with `thidua history import`, judged in
//! the chat. Three people of Phòng Quy hoạch và Phát triển đô thị register the provincial title
//! (CSTĐ cấp tỉnh, Law 06/2022 Art. 22: three consecutive CSTĐCS years and a province-wide
//! initiative), each with a province-level initiative this year:
//! - NV010 has CSTĐCS 2023–2025 on record: eligible, nominated, and on the secret ballot, where
//!   the title needs 90% of the council (8 of 8) while CSTĐCS needs 80% (7 of 8);
//! - NV011 has only 2024–2025: told "2, cần 3" with the article, and not nominated for it;
//! - NV012 has 2023–2025 but was reprimanded until 31/12/2024: only 2025 counts.
//!
//! Everything is done in chat against the fake Bot API, as people would; the director's
//! decision then writes 2026 into the history by itself.

use crate::full_campaign::cast::{Member, vi};
use crate::full_campaign::drive::Campaign;
use thidua::domain::title::Title;
use thidua::services;

const UNIT: &str = "QHPTDT";

const HISTORY: &str = "\
employee_code,unit_code,year,kind,decision_number,decision_date,until,description,backs
NV010,,2023,CSTDCS,15/QĐ-SXD,18/01/2024,,,
NV010,,2024,CSTDCS,12/QĐ-SXD,20/01/2025,,,
NV010,,2025,CSTDCS,9/QĐ-SXD,19/01/2026,,,
NV011,,2024,CSTDCS,12/QĐ-SXD,20/01/2025,,,
NV011,,2025,CSTDCS,9/QĐ-SXD,19/01/2026,,,
NV012,,2023,CSTDCS,15/QĐ-SXD,18/01/2024,,,
NV012,,2024,KHIEN_TRACH,31/QĐ-SXD,01/03/2024,31/12/2024,,
NV012,,2024,CSTDCS,12/QĐ-SXD,20/01/2025,,,
NV012,,2025,CSTDCS,9/QĐ-SXD,19/01/2026,,,
,QHPTDT,2025,TLDXS,88/QĐ-UBND,15/02/2026,,,
";

fn member<'a>(campaign: &'a Campaign, code: &str) -> &'a Member {
    campaign
        .staff
        .iter()
        .find(|member| member.code == code)
        .unwrap()
}

/// /dangky CSTĐ cấp tỉnh.
async fn register_provincial(campaign: &Campaign, who: &Member) {
    campaign.send(who.tg, "/dangky").await;
    campaign.press(who.tg, vi(Title::CstdTinh)).await;
    campaign.press(who.tg, "Xác nhận").await;
    assert!(campaign.last_text(who.tg).starts_with("Đã lưu"));
}

/// /tudanhgia: excellent rating (CSTĐCS this year) and one province-level initiative; returns
/// the summary before submitting.
async fn self_assess_provincial(campaign: &Campaign, who: &Member, initiative: &str) -> String {
    let user = who.tg;
    campaign.send(user, "/tudanhgia").await;
    campaign.press(user, "Hoàn thành xuất sắc nhiệm vụ").await;
    campaign.press(user, "Không nghỉ dài ngày").await;
    campaign.press(user, "Không bị kỷ luật").await;
    campaign.press(user, "Có").await;
    campaign.send(user, initiative).await;
    campaign.send(user, "40/QĐ-UBND").await;
    campaign.send(user, "15/09/2026").await;
    assert!(
        campaign.last_text(user).contains("cấp nào"),
        "the level is asked: {}",
        campaign.last_text(user)
    );
    campaign.press(user, "Cấp tỉnh (ảnh hưởng toàn tỉnh)").await;
    campaign.press(user, "Xong").await;
    campaign.press(user, "Không có").await;
    campaign
        .send(user, "Hoàn thành xuất sắc nhiệm vụ chuyên môn năm 2026.")
        .await;
    let summary = campaign.last_text(user);
    campaign.press(user, "Nộp").await;
    assert!(campaign.last_text(user).starts_with("Đã nộp"));
    summary
}

async fn nomination_status(campaign: &Campaign, code: &str, title: &str) -> String {
    sqlx::query_scalar(
        "SELECT n.status FROM nominations n JOIN people p ON p.id = n.person_id
          WHERE p.employee_code = ?1 AND n.title = ?2",
    )
    .bind(code)
    .bind(title)
    .fetch_optional(campaign.ctx().db.sqlite_pool())
    .await
    .unwrap()
    .unwrap_or_else(|| "none".to_owned())
}

#[tokio::test]
async fn three_recorded_cstdcs_years_and_a_provincial_initiative_reach_the_ninety_percent_ballot() {
    let campaign = Campaign::start().await;
    let summary = services::history::import(campaign.ctx(), HISTORY.as_bytes())
        .await
        .expect("the history imports");
    assert_eq!((summary.added, summary.updated), (10, 0));
    // Importing the same file again doubles nothing.
    let again = services::history::import(campaign.ctx(), HISTORY.as_bytes())
        .await
        .unwrap();
    assert_eq!((again.added, again.updated), (0, 10));

    let secretary = member(&campaign, "NV003").clone();
    let director = member(&campaign, "NV001").clone();
    let head = campaign.head_of(UNIT).clone();
    let (giang, ngan, phuoc) = (
        member(&campaign, "NV010").clone(),
        member(&campaign, "NV011").clone(),
        member(&campaign, "NV012").clone(),
    );
    let council: Vec<Member> = campaign
        .with_role("council_member")
        .into_iter()
        .cloned()
        .collect();
    assert_eq!(council.len(), 8);
    let mut linked: Vec<&Member> = vec![&head, &giang, &ngan, &phuoc, &secretary, &director];
    linked.extend(council.iter());
    for person in linked {
        if campaign.telegram_id_of(&person.code).await.is_none() {
            campaign.link(person.tg, &person.code).await;
        }
    }

    campaign.at(3, 1);
    campaign.register(&head).await;
    for who in [&giang, &ngan, &phuoc] {
        register_provincial(&campaign, who).await;
    }

    campaign.at(11, 5);
    campaign.self_assess(&head).await;
    let giang_summary = self_assess_provincial(&campaign, &giang, "Bản đồ số quy hoạch").await;
    assert!(
        giang_summary.contains("✅ Đủ điều kiện đề nghị danh hiệu Chiến sĩ thi đua cấp tỉnh"),
        "{giang_summary}"
    );
    let ngan_summary = self_assess_provincial(&campaign, &ngan, "Cổng tra cứu quy hoạch").await;
    assert!(
        ngan_summary.contains(
            "Số năm liên tục đạt Chiến sĩ thi đua cơ sở tính đến năm 2025: 2, cần 3 (Điều 22 Luật Thi đua, khen thưởng 2022)"
        ),
        "told why, with the article: {ngan_summary}"
    );
    let phuoc_summary = self_assess_provincial(&campaign, &phuoc, "Số hóa hồ sơ quy hoạch").await;
    assert!(
        phuoc_summary.contains("tính đến năm 2025: 1, cần 3")
            && phuoc_summary.contains("Các năm trước khi chấp hành xong kỷ luật không được tính"),
        "the years before the reprimand ended do not count: {phuoc_summary}"
    );
    // /trangthai shows the years on record.
    campaign.send(ngan.tg, "/trangthai").await;
    let status = campaign.last_text(ngan.tg);
    assert!(
        status.contains("2025: Chiến sĩ thi đua cơ sở")
            && status.contains("2024: Chiến sĩ thi đua cơ sở")
            && status.contains("2023: chưa ghi nhận"),
        "{status}"
    );
    // The provincial Bằng khen (Art. 74, the province's criteria as rule data): two recorded
    // CSTĐCS years are enough; one (after the reprimand) is not; the unit has one TLĐXS year.
    assert!(
        status.contains("Bằng khen của Chủ tịch UBND tỉnh: đủ điều kiện đề nghị — Chiến sĩ thi đua cơ sở liên tục đến năm 2025: 2/2 năm (2024, 2025) (Điều 74 Luật Thi đua, khen thưởng 2022"),
        "{status}"
    );
    campaign.send(phuoc.tg, "/trangthai").await;
    let status = campaign.last_text(phuoc.tg);
    assert!(
        status.contains("Bằng khen của Chủ tịch UBND tỉnh: chưa đủ điều kiện đề nghị — Chiến sĩ thi đua cơ sở liên tục đến năm 2025: 1/2 năm (2025); hoặc hoàn thành xuất sắc nhiệm vụ liên tục đến năm 2025: 0/2 năm, sáng kiến chưa dùng: 0/2"),
        "{status}"
    );
    campaign.send(head.tg, "/trangthai").await;
    let status = campaign.last_text(head.tg);
    assert!(
        status.contains("Bằng khen của Chủ tịch UBND tỉnh: chưa đủ điều kiện đề nghị — Tập thể lao động xuất sắc liên tục đến năm 2025: 1/2 năm (2025)"),
        "{status}"
    );

    campaign.at(11, 18);
    // The head reviewing a member sees the years on record above the answers.
    campaign.send(head.tg, "/duyet").await;
    campaign.press(head.tg, &ngan.name).await;
    let opened = campaign.last_text(head.tg);
    assert!(
        opened.contains("Khen thưởng các năm trước — 2025: Chiến sĩ thi đua cơ sở; 2024: Chiến sĩ thi đua cơ sở; 2023: chưa ghi nhận"),
        "{opened}"
    );
    campaign.press(head.tg, "Duyệt").await;
    for who in [&giang, &phuoc] {
        campaign.approve_assessment(&head, who).await;
    }
    campaign.approve_assessment(&secretary, &head).await;

    // The meeting votes on LĐTT for all four, CSTĐCS for the three, CSTĐ cấp tỉnh for Giang.
    campaign.at(11, 25);
    assert_eq!(campaign.hold_meeting(UNIT).await, 4 + 3 + 1);
    assert_eq!(
        nomination_status(&campaign, "NV010", "CSTD_TINH").await,
        "proposed"
    );
    assert_eq!(
        nomination_status(&campaign, "NV011", "CSTD_TINH").await,
        "none"
    );
    assert_eq!(
        nomination_status(&campaign, "NV012", "CSTD_TINH").await,
        "none"
    );

    campaign.at(12, 4);
    assert_eq!(campaign.appraise_all(&secretary).await, 4 + 3 + 1 + 1);

    // The ballot: one member votes against Giang's provincial title and Ngân's CSTĐCS; 7 of 8
    // passes CSTĐCS (80%) and not the provincial title (90%).
    campaign.at(12, 9);
    campaign.send(secretary.tg, "/bophieu").await;
    campaign.press(secretary.tg, "Mở bỏ phiếu").await;
    campaign.drain().await;
    let against = &council[0].code;
    for voter in &council {
        let shown = campaign.shown_to(voter.tg);
        let papers = campaign.papers(voter.tg);
        assert_eq!(papers.len(), 4, "three CSTĐCS and one provincial paper");
        for (message, nominee, yes, no) in papers {
            let text = &shown
                .iter()
                .find(|shown| shown.message_id == message)
                .unwrap()
                .text;
            let provincial = text.contains(vi(Title::CstdTinh));
            let no_vote = &voter.code == against
                && ((nominee == "NV010" && provincial) || (nominee == "NV011" && !provincial));
            campaign
                .press_raw(voter.tg, message, if no_vote { &no } else { &yes })
                .await;
        }
    }
    campaign.send(secretary.tg, "/bophieu").await;
    campaign.press(secretary.tg, "Kết thúc bỏ phiếu").await;
    campaign.press(secretary.tg, "Xác nhận kết thúc").await;
    assert_eq!(
        nomination_status(&campaign, "NV010", "CSTD_TINH").await,
        "failed"
    );
    assert_eq!(
        nomination_status(&campaign, "NV011", "CSTDCS").await,
        "passed"
    );
    assert_eq!(
        nomination_status(&campaign, "NV010", "CSTDCS").await,
        "passed"
    );

    // The decision makes 2026 history: Giang's fourth CSTĐCS year is on record.
    campaign.at(12, 15);
    campaign.send(director.tg, "/pheduyet").await;
    campaign.press(director.tg, "Phê duyệt").await;
    campaign.send(director.tg, "125/QĐ-SXD 15/12/2026").await;
    campaign
        .press(director.tg, "Xác nhận phê duyệt và công bố")
        .await;
    let recorded: Vec<(String, i64, String, String)> = sqlx::query_as(
        "SELECT p.employee_code, h.year, h.kind, h.decision_number FROM award_history h
           JOIN people p ON p.id = h.person_id
          WHERE h.source = 'campaign' AND p.employee_code = 'NV010' ORDER BY h.kind",
    )
    .fetch_all(campaign.ctx().db.sqlite_pool())
    .await
    .unwrap();
    assert_eq!(
        recorded,
        vec![
            (
                "NV010".to_owned(),
                2026,
                "CSTDCS".to_owned(),
                "125/QĐ-SXD".to_owned()
            ),
            (
                "NV010".to_owned(),
                2026,
                "LDTT".to_owned(),
                "125/QĐ-SXD".to_owned()
            ),
        ]
    );
    let mut conn = campaign.ctx().db.read().await.unwrap();
    let person = thidua::storage::people::find_by_employee_code(&mut conn, "NV010")
        .await
        .unwrap()
        .unwrap();
    let history = services::history::of_person(&mut conn, person.id)
        .await
        .unwrap();
    assert_eq!(
        history.cstdcs_streak(2026).years,
        vec![2023, 2024, 2025, 2026]
    );
    drop(conn);

    // The unit's TLĐXS is the provincial chairman's to decide: it went up as the proposal.
    let (proposal, items) = services::proposal::show(campaign.ctx(), 2026)
        .await
        .unwrap();
    assert_eq!(proposal.status, "prepared");
    let upward: Vec<(String, String)> = items
        .iter()
        .map(|item| {
            (
                services::proposal::holder_code(item).to_owned(),
                item.title.clone(),
            )
        })
        .collect();
    assert_eq!(upward, vec![(UNIT.to_owned(), "TLDXS".to_owned())]);
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    let awarded = [UNIT.to_owned()];
    // A decision cannot be entered before the proposal is recorded as sent.
    let early = services::proposal::enter_decision(
        campaign.ctx(),
        2026,
        "301/QĐ-UBND",
        day(28),
        &awarded,
        true,
    )
    .await;
    assert!(matches!(
        early,
        Err(services::proposal::ProposalError::Refused(_))
    ));
    services::proposal::mark_sent(campaign.ctx(), 2026, "55/TTr-SXD", day(18))
        .await
        .unwrap();
    // Unknown codes are refused; without confirmation nothing is written.
    let unknown = services::proposal::enter_decision(
        campaign.ctx(),
        2026,
        "301/QĐ-UBND",
        day(28),
        &["NV099".to_owned()],
        true,
    )
    .await;
    assert!(
        matches!(unknown, Err(services::proposal::ProposalError::Refused(message)) if message.contains("NV099"))
    );
    // The operator enters it with the real binary: first the dry run, then --yes.
    let cli = |yes: bool| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"));
        command
            .env_remove("TELOXIDE_TOKEN")
            .env_remove("TELOXIDE_API_URL")
            .env(
                "THIDUA__DATABASE__PATH",
                &campaign.ctx().settings.database.path,
            )
            .env(
                "THIDUA__ORG__FILE",
                crate::harness::repo_file("config/org.toml"),
            )
            .args([
                "proposal",
                "decided",
                "--campaign",
                "2026",
                "--number",
                "301/QĐ-UBND",
            ])
            .args(["--date", "28/12/2026", "--awarded", UNIT]);
        if yes {
            command.arg("--yes");
        }
        let output = command.output().expect("the binary runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let shown = cli(false);
    assert!(
        shown.starts_with("Sẽ ghi (chưa ghi gì; thêm --yes để ghi)")
            && shown.contains("QHPTDT QHPTDT — Tập thể lao động xuất sắc: được tặng / awarded"),
        "{shown}"
    );
    let status = services::proposal::show(campaign.ctx(), 2026)
        .await
        .unwrap()
        .0
        .status;
    assert_eq!(status, "sent", "a dry run writes nothing");
    campaign.fake.clear();
    let written = cli(true);
    assert!(
        written.starts_with("Đã ghi quyết định / decision entered: 301/QĐ-UBND")
            && written.contains("Tập thể lao động xuất sắc: được tặng / awarded"),
        "{written}"
    );
    campaign.drain().await;
    let told = campaign.fake.texts_to(head.tg as i64);
    assert!(
        told.iter().any(|text| text.contains("Theo Quyết định số 301/QĐ-UBND ngày 28/12/2026 của Chủ tịch UBND tỉnh, Phòng Quy hoạch và Phát triển đô thị được tặng danh hiệu Tập thể lao động xuất sắc")),
        "{told:?}"
    );
    // Recorded: with 2025 on file, the unit now has two TLĐXS years for the Bằng khen.
    let mut conn = campaign.ctx().db.read().await.unwrap();
    let unit_history = thidua::storage::history::for_unit(&mut conn, UNIT)
        .await
        .unwrap();
    let rules =
        thidua::domain::rules::builtin(thidua::domain::campaign::RuleSet::Luat2022).unwrap();
    let verdict = thidua::domain::history::awards::bang_khen_collective(
        rules.awards.bang_khen_tinh.as_ref().unwrap(),
        &unit_history,
        2027,
    );
    assert!(verdict.eligible, "{verdict:?}");
}

#[tokio::test]
async fn a_history_file_with_bad_lines_is_refused_whole_and_writes_nothing() {
    let campaign = Campaign::start().await;
    let file = "\
employee_code,unit_code,year,kind,decision_number,decision_date,until,description,backs
NV010,,2025,CSTDCS,9/QĐ-SXD,19/01/2026,,,
NV999,,2025,CSTDCS,9/QĐ-SXD,19/01/2026,,,
NV011,,2025,CANH_CAO,3/QĐ-SXD,19/01/2025,,,
";
    let Err(services::history::ImportError::Rejected(errors)) =
        services::history::import(campaign.ctx(), file.as_bytes()).await
    else {
        panic!("a bad file must be refused");
    };
    let lines: Vec<usize> = errors.iter().map(|error| error.line).collect();
    assert_eq!(lines, vec![3, 4]);
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM award_history")
        .fetch_one(campaign.ctx().db.sqlite_pool())
        .await
        .unwrap();
    assert_eq!(rows, 0, "not even the good line");
}
