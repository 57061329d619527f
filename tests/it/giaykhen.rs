//! The director's Giấy khen (issue 12 part 3, Law 06/2022 Art. 75), from proposal to
//! publication, at any time of the year (here 20 October, outside every campaign phase):
//! - the head of Văn phòng proposes an ad-hoc one for a member (bad achievements refused, nothing
//!   saved); the standing body agrees; the director types the number and date (a future date and
//!   a missing date refused), sees what confirming does, confirms; the group gets the post, the
//!   member a private message and an e-mail, and the history a GK that is no basis for higher
//!   awards (Decree 152/2025 Art. 4); old and forged buttons change nothing;
//! - the standing body proposes a periodic one for the Inspectorate as a collective; its head is
//!   told, and the history's GK counts.

use crate::full_campaign::cast::Member;
use crate::full_campaign::drive::{Campaign, GROUP};
use thidua::domain::language::Lang;

fn member<'a>(campaign: &'a Campaign, code: &str) -> &'a Member {
    campaign
        .staff
        .iter()
        .find(|member| member.code == code)
        .unwrap()
}

async fn linked(campaign: &Campaign, codes: &[&str]) -> Vec<Member> {
    let mut people = Vec::new();
    for code in codes {
        let person = member(campaign, code).clone();
        campaign.link(person.tg, code).await;
        people.push(person);
    }
    campaign.fake.clear();
    people
}

async fn commendations(campaign: &Campaign) -> Vec<(String, String)> {
    sqlx::query_as("SELECT status, occasion FROM commendations ORDER BY id")
        .fetch_all(campaign.ctx().db.sqlite_pool())
        .await
        .unwrap()
}

/// (kind, basis, decision number, description) of the GK rows of an employee or a unit.
async fn giay_khen_history(campaign: &Campaign, holder: &str) -> Vec<(String, bool, String)> {
    sqlx::query_as(
        "SELECT h.kind, h.basis, h.decision_number FROM award_history h
           LEFT JOIN people p ON p.id = h.person_id
          WHERE (p.employee_code = ?1 OR h.unit_code = ?1) AND h.kind = 'GK'",
    )
    .bind(holder)
    .fetch_all(campaign.ctx().db.sqlite_pool())
    .await
    .unwrap()
}

const ACHIEVEMENT: &str = "Phát hiện và xử lý kịp thời sự cố sập giàn giáo tại công trình trường học ngày 05/10/2026, không để xảy ra thiệt hại về người.";

#[tokio::test]
async fn an_ad_hoc_giay_khen_goes_from_a_heads_proposal_to_publication() {
    let campaign = Campaign::start().await;
    let people = linked(&campaign, &["NV002", "NV004", "NV003", "NV001", "NV005"]).await;
    let [head, anh, secretary, director, staff] = &people[..] else {
        unreachable!()
    };
    campaign.at(10, 20);

    // A staff member has no part in it.
    campaign.send(staff.tg, "/giaykhen").await;
    assert!(
        campaign
            .last_text(staff.tg)
            .contains("do trưởng đơn vị hoặc Thường trực Hội đồng Thi đua – Khen thưởng đề nghị"),
        "{}",
        campaign.last_text(staff.tg)
    );

    // The head chooses among the unit (she is not on her own list) and its members.
    campaign.send(head.tg, "/giaykhen").await;
    let screen = campaign.last_text(head.tg);
    assert!(screen.contains("Đề nghị Giấy khen cho ai?"), "{screen}");
    campaign.button(head.tg, "Tập thể Văn phòng");
    assert!(
        !campaign
            .shown_to(head.tg)
            .last()
            .unwrap()
            .reply_markup
            .as_ref()
            .unwrap()
            .to_string()
            .contains(&head.name),
        "the head does not propose herself"
    );
    campaign.press(head.tg, &anh.name).await;
    assert!(campaign.last_text(head.tg).contains("định kỳ hay đột xuất"));
    campaign.press(head.tg, "Đột xuất").await;
    assert!(
        campaign
            .last_text(head.tg)
            .contains("Vui lòng gõ thành tích")
    );

    // Empty, too short, too long: each refused with its reason, nothing saved.
    campaign.send(head.tg, "   ").await;
    assert!(campaign.last_text(head.tg).contains("để trống"));
    campaign.send(head.tg, "Tốt").await;
    assert!(campaign.last_text(head.tg).contains("quá ngắn"));
    campaign.send(head.tg, &"Thành tích ".repeat(100)).await;
    assert!(
        campaign
            .last_text(head.tg)
            .contains("quá dài (tối đa 1000 ký tự)")
    );
    assert!(commendations(&campaign).await.is_empty());

    campaign.send(head.tg, ACHIEVEMENT).await;
    let summary = campaign.last_text(head.tg);
    assert!(
        summary.contains("khen thưởng đột xuất")
            && summary.contains(&format!("Đề nghị tặng: {} (Văn phòng)", anh.name))
            && summary.contains("không làm căn cứ xét khen thưởng cấp cao hơn")
            && summary.contains("không sửa được nữa"),
        "{summary}"
    );
    campaign.press(head.tg, "Gửi đề nghị").await;
    assert!(campaign.last_text(head.tg).starts_with("Đã gửi đề nghị"));
    assert_eq!(
        commendations(&campaign).await,
        [("proposed".to_owned(), "ad_hoc".to_owned())]
    );
    campaign.drain().await;
    assert!(
        (campaign.fake.texts_to(secretary.tg as i64).iter())
            .any(|text| text.contains("chờ thẩm định")
                || text.contains("thẩm định bằng lệnh /giaykhen")),
        "the standing body is told"
    );

    // The standing body (who may also propose) picks the appraisal and agrees.
    campaign.send(secretary.tg, "/giaykhen").await;
    assert!(
        campaign
            .last_text(secretary.tg)
            .contains("Chờ thẩm định: 1")
    );
    campaign.press(secretary.tg, "Thẩm định (1)").await;
    campaign.press_exact(secretary.tg, "1").await;
    assert!(campaign.last_text(secretary.tg).contains(ACHIEVEMENT));
    // A staff member pressing the secretary's Agree is refused: the button is not theirs.
    let (message, agree) = campaign.button(secretary.tg, "Đồng ý");
    campaign.press_raw(staff.tg, message, &agree).await;
    assert!(campaign.callback_answers()[0].contains("không còn hiệu lực"));
    assert_eq!(
        commendations(&campaign).await[0].0,
        "proposed",
        "a forged press changes nothing"
    );
    campaign.press(secretary.tg, "Đồng ý").await;
    assert!(
        (campaign.shown_to(secretary.tg).iter())
            .any(|shown| shown.text.contains("Đã thẩm định đồng ý")),
    );
    assert_eq!(commendations(&campaign).await[0].0, "agreed");

    // The director: straight to the list; the number and date typed, checked, previewed.
    campaign.send(director.tg, "/giaykhen").await;
    assert!(
        campaign
            .last_text(director.tg)
            .contains("chờ Giám đốc quyết định — 1")
    );
    campaign.press_exact(director.tg, "1").await;
    campaign.press(director.tg, "Quyết định").await;
    assert!(campaign.last_text(director.tg).contains("số quyết định"));
    campaign.send(director.tg, "15/QĐ-SXD 21/10/2026").await;
    assert!(
        campaign
            .last_text(director.tg)
            .contains("không được sau ngày hôm nay")
    );
    campaign.send(director.tg, "15/QĐ-SXD").await;
    assert!(
        campaign
            .last_text(director.tg)
            .contains("cả số quyết định và ngày ký")
    );
    campaign.send(director.tg, "15/QĐ-SXD 20/10/2026").await;
    let preview = campaign.last_text(director.tg);
    assert!(
        preview.contains("Quyết định số 15/QĐ-SXD ngày 20/10/2026")
            && preview.contains("nhóm chung của Sở")
            && preview.contains("không hoàn tác được"),
        "{preview}"
    );
    assert_eq!(
        commendations(&campaign).await[0].0,
        "agreed",
        "a preview changes nothing"
    );
    let (preview_message, confirm) = campaign.button(director.tg, "Xác nhận quyết định");
    // Forged: a staff member presses the director's confirmation.
    campaign
        .press_raw(staff.tg, preview_message, &confirm)
        .await;
    assert!(campaign.callback_answers()[0].contains("không còn hiệu lực"));
    assert_eq!(commendations(&campaign).await[0].0, "agreed");
    campaign.press(director.tg, "Xác nhận quyết định").await;
    assert!(
        campaign
            .last_text(director.tg)
            .starts_with("Đã quyết định tặng Giấy khen")
    );
    assert_eq!(
        commendations(&campaign).await,
        [("published".to_owned(), "ad_hoc".to_owned())]
    );

    // The old confirmation pressed again decides nothing a second time; nor does the service
    // called directly for the published proposal.
    campaign
        .press_raw(director.tg, preview_message, &confirm)
        .await;
    assert!(campaign.callback_answers()[0].contains("không còn hiệu lực"));
    let caller = crate::harness::caller(campaign.ctx(), director.tg as i64).await;
    let again = thidua::services::commendation::decide(
        campaign.ctx(),
        &caller,
        1,
        "99/QĐ-SXD",
        chrono::NaiveDate::from_ymd_opt(2026, 10, 20).unwrap(),
    )
    .await;
    assert!(
        matches!(
            again,
            Err(thidua::services::ServiceError::Refused(
                thidua::services::Refusal::CommendationNotPending
            ))
        ),
        "{again:?}"
    );
    assert_eq!(
        giay_khen_history(&campaign, "NV004").await,
        [("GK".to_owned(), false, "15/QĐ-SXD".to_owned())],
        "one GK, no basis for higher awards"
    );
    assert_eq!(
        campaign.audit_actions("commendation.").await,
        [
            "commendation.proposed",
            "commendation.agreed",
            "commendation.decided"
        ]
    );

    // Published: the group, the member in private and by e-mail.
    campaign.smtp.clear();
    campaign.drain().await;
    let posts = campaign.fake.texts_to(GROUP);
    let post = posts
        .iter()
        .find(|text| text.contains("CÔNG BỐ KHEN THƯỞNG"))
        .unwrap_or_else(|| panic!("no group post: {posts:#?}"));
    assert!(
        post.contains("Quyết định số 15/QĐ-SXD ngày 20/10/2026")
            && post.contains(&anh.name)
            && post.contains("khen thưởng đột xuất")
            && post.contains("không làm căn cứ xét khen thưởng cấp cao hơn"),
        "{post}"
    );
    assert!(
        (campaign.fake.texts_to(anh.tg as i64).iter())
            .any(|text| text.contains("Xin chúc mừng") && text.contains("15/QĐ-SXD")),
        "the member is told in private"
    );
    let mails = campaign.smtp.mails();
    let mail = mails
        .iter()
        .find(|mail| mail.to.iter().any(|to| to == &anh.email))
        .unwrap_or_else(|| panic!("no e-mail to {}: {mails:#?}", anh.email));
    assert!(mail.subject().contains("Giấy khen"), "{}", mail.subject());
    assert!(
        mail.text_body().contains("15/QĐ-SXD"),
        "{}",
        mail.text_body()
    );

    // The history shows it with what it does not count for.
    let mut conn = campaign.ctx().db.read().await.unwrap();
    let person = thidua::storage::people::find_by_employee_code(&mut conn, "NV004")
        .await
        .unwrap()
        .unwrap();
    let history = thidua::storage::history::for_person(&mut conn, person.id.0)
        .await
        .unwrap();
    let line = thidua::texts::history::entry_line(Lang::Vi, &history.entries[0]);
    assert!(
        line.starts_with("2026: Giấy khen của Giám đốc Sở")
            && line.ends_with("khen thưởng đột xuất, không làm căn cứ xét khen thưởng cấp cao hơn"),
        "{line}"
    );
}

#[tokio::test]
async fn the_standing_body_proposes_a_periodic_giay_khen_for_a_collective() {
    let campaign = Campaign::start().await;
    let people = linked(&campaign, &["NV003", "NV001", "NV006"]).await;
    let [secretary, director, inspector_head] = &people[..] else {
        unreachable!()
    };
    campaign.at(10, 20);

    campaign.send(secretary.tg, "/giaykhen").await;
    campaign.press(secretary.tg, "Đề nghị Giấy khen").await;
    assert!(
        campaign
            .last_text(secretary.tg)
            .contains("thuộc đơn vị nào")
    );
    campaign.press(secretary.tg, "Thanh tra").await;
    campaign.press(secretary.tg, "Tập thể Thanh tra").await;
    campaign.press(secretary.tg, "Theo định kỳ").await;
    campaign
        .send(
            secretary.tg,
            "Hoàn thành xuất sắc đợt thanh tra chuyên đề về trật tự xây dựng 6 tháng đầu năm 2026.",
        )
        .await;
    let summary = campaign.last_text(secretary.tg);
    assert!(
        summary.contains("khen thưởng theo định kỳ")
            && summary.contains("Đề nghị tặng: tập thể Thanh tra")
            && !summary.contains("không làm căn cứ"),
        "{summary}"
    );
    campaign.press(secretary.tg, "Gửi đề nghị").await;
    campaign.send(secretary.tg, "/giaykhen").await;
    campaign.press(secretary.tg, "Thẩm định (1)").await;
    campaign.press_exact(secretary.tg, "1").await;
    campaign.press(secretary.tg, "Đồng ý").await;

    campaign.drain().await;
    assert!(
        (campaign.fake.texts_to(director.tg as i64).iter())
            .any(|text| text.contains("Kính trình đồng chí Giám đốc")),
        "the director is told it waits"
    );
    campaign.send(director.tg, "/giaykhen").await;
    campaign.press_exact(director.tg, "1").await;
    campaign.press(director.tg, "Quyết định").await;
    campaign.send(director.tg, "16/QĐ-SXD 19/10/2026").await;
    campaign.press(director.tg, "Xác nhận quyết định").await;
    assert!(
        campaign
            .last_text(director.tg)
            .starts_with("Đã quyết định tặng Giấy khen")
    );

    campaign.drain().await;
    let posts = campaign.fake.texts_to(GROUP);
    assert!(
        posts.iter().any(|post| post.contains("tập thể Thanh tra")
            && post.contains("khen thưởng theo định kỳ")
            && !post.contains("không làm căn cứ")),
        "{posts:#?}"
    );
    assert!(
        (campaign.fake.texts_to(inspector_head.tg as i64).iter())
            .any(|text| text.contains("tập thể Thanh tra được tặng Giấy khen")),
        "the unit's head is told"
    );
    assert!(
        (campaign.smtp.mails().iter()).any(|mail| mail.to.contains(&inspector_head.email)),
        "and e-mailed"
    );
    assert_eq!(
        giay_khen_history(&campaign, "TT").await,
        [("GK".to_owned(), true, "16/QĐ-SXD".to_owned())],
        "a periodic GK counts"
    );

    // The operator reads it with the real binary.
    let cli = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
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
            .args(args)
            .output()
            .expect("the binary runs");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (code, listed, _) = cli(&["giaykhen", "list"]);
    assert_eq!(code, Some(0));
    assert!(
        listed.contains("tập thể Thanh tra  theo định kỳ  Trạng thái: đã quyết định và công bố — Quyết định số 16/QĐ-SXD ngày 19/10/2026"),
        "{listed}"
    );
    let (code, shown, _) = cli(&["giaykhen", "show", "1"]);
    assert_eq!(code, Some(0));
    assert!(
        shown.contains("Hoàn thành xuất sắc đợt thanh tra chuyên đề"),
        "{shown}"
    );
    let (code, _, error) = cli(&["giaykhen", "show", "7"]);
    assert_eq!(code, Some(1), "{error}");
    assert!(error.contains("Không có đề nghị Giấy khen số 7"), "{error}");
}

#[tokio::test]
async fn a_head_proposes_only_within_the_unit_and_a_refusal_reaches_the_head_with_its_reason() {
    use thidua::domain::commendation::{Occasion, Recipient};
    use thidua::services::{Refusal, ServiceError, commendation};
    let campaign = Campaign::start().await;
    let people = linked(&campaign, &["NV006", "NV007", "NV003"]).await;
    let [head, duyen, secretary] = &people[..] else {
        unreachable!()
    };
    campaign.at(10, 20);

    // Outside the unit, the service refuses whatever the buttons said.
    let caller = crate::harness::caller(campaign.ctx(), head.tg as i64).await;
    let refused = |result: Result<_, ServiceError>| {
        matches!(
            result,
            Err(ServiceError::Refused(
                Refusal::CommendationRecipientNotAllowed
            ))
        )
    };
    assert!(refused(
        commendation::choices(campaign.ctx(), &caller, "VP")
            .await
            .map(|_| ())
    ));
    let mut conn = campaign.ctx().db.read().await.unwrap();
    let outsider = thidua::storage::people::find_by_employee_code(&mut conn, "NV004")
        .await
        .unwrap()
        .unwrap();
    let own = thidua::storage::people::find_by_employee_code(&mut conn, "NV006")
        .await
        .unwrap()
        .unwrap();
    drop(conn);
    for recipient in [
        Recipient::Person(outsider.id.0),
        Recipient::Unit("VP".to_owned()),
        Recipient::Person(own.id.0),
    ] {
        let result = commendation::propose(
            campaign.ctx(),
            &caller,
            &recipient,
            Occasion::Periodic,
            ACHIEVEMENT,
        )
        .await;
        assert!(refused(result.map(|_| ())), "{recipient:?}");
    }
    // The director's own Giấy khen never goes to the director, who would decide it: not even
    // the standing body may propose it.
    let mut conn = campaign.ctx().db.read().await.unwrap();
    let director = thidua::storage::people::find_by_employee_code(&mut conn, "NV001")
        .await
        .unwrap()
        .unwrap();
    drop(conn);
    let by_secretary = crate::harness::caller(campaign.ctx(), secretary.tg as i64).await;
    let result = commendation::propose(
        campaign.ctx(),
        &by_secretary,
        &Recipient::Person(director.id.0),
        Occasion::AdHoc,
        ACHIEVEMENT,
    )
    .await;
    assert!(refused(result.map(|_| ())));
    let offered = commendation::choices(campaign.ctx(), &by_secretary, &director.unit_code)
        .await
        .unwrap();
    assert!(!format!("{offered:?}").contains(&director.full_name));
    assert!(commendations(&campaign).await.is_empty());

    campaign.send(head.tg, "/commendation").await;
    campaign.press(head.tg, &duyen.name).await;
    campaign.press(head.tg, "Theo định kỳ").await;
    campaign.send(head.tg, ACHIEVEMENT).await;
    campaign.press(head.tg, "Gửi đề nghị").await;

    campaign.send(secretary.tg, "/giaykhen").await;
    campaign.press(secretary.tg, "Thẩm định (1)").await;
    campaign.press_exact(secretary.tg, "1").await;
    campaign.press(secretary.tg, "Không đồng ý").await;
    assert!(
        campaign
            .last_text(secretary.tg)
            .contains("lý do không đồng ý")
    );
    campaign.send(secretary.tg, "Ngắn").await;
    assert!(campaign.last_text(secretary.tg).contains("quá ngắn"));
    assert_eq!(commendations(&campaign).await[0].0, "proposed");
    campaign
        .send(
            secretary.tg,
            "Thành tích chưa có xác nhận của chủ đầu tư công trình.",
        )
        .await;
    assert!(
        campaign
            .last_text(secretary.tg)
            .starts_with("Đã ghi nhận không đồng ý")
    );
    assert_eq!(commendations(&campaign).await[0].0, "refused");

    campaign.drain().await;
    assert!(
        (campaign.fake.texts_to(head.tg as i64).iter())
            .any(|text| text.contains("chưa đồng ý đề nghị Giấy khen")
                && text.contains("Lý do: Thành tích chưa có xác nhận của chủ đầu tư công trình.")),
        "the head is told why"
    );
    assert!(giay_khen_history(&campaign, "NV007").await.is_empty());

    // In English for whoever chose it.
    campaign.send(head.tg, "/lang").await;
    campaign.send(head.tg, "/commendation").await;
    assert!(
        campaign
            .last_text(head.tg)
            .starts_with("Who is it for? Choose the whole collective Thanh tra"),
        "{}",
        campaign.last_text(head.tg)
    );
}
