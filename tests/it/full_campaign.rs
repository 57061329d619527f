//! The whole yearly cycle for the six units of the example department, acted out in chat from
//! registration to publication: the 24 people of `config/staff.example.csv` invited and linked,
//! the example campaign's phases walked through with the clock, and at the end the group posts,
//! the private results and the e-mails at a real SMTP sink checked against what everyone did,
//! and the year's papers generated and opened in LibreOffice.

pub mod cast;
pub mod checks;
pub mod drive;
pub mod papers;

use cast::{FAILS_BALLOT, LOSES_COLLECTIVE, Member};
use checks::{expected_group, invariants, parse_group, results_by_mail};
use drive::{Campaign, GROUP};
use std::time::Duration;
use thidua::domain::title::Title;
use thidua::services::invite::{self, Selector};

#[tokio::test]
async fn a_whole_campaign_for_six_units_ends_in_the_group_the_inboxes_and_the_mail() {
    let campaign = Campaign::start().await;
    let staff = campaign.staff.clone();
    assert_eq!((staff.len(), campaign.units().len()), (24, 6));
    let secretary = campaign.with_role("secretary")[0].clone();
    let director = campaign.with_role("director")[0].clone();
    let council: Vec<Member> = campaign
        .with_role("council_member")
        .into_iter()
        .cloned()
        .collect();

    // Invites for everyone, by e-mail; each person opens their link in Telegram.
    let issued = invite::issue(campaign.ctx(), &Selector::All, true)
        .await
        .expect("invites issued");
    assert_eq!(issued.len(), staff.len());
    campaign.drain().await;
    let invites = campaign
        .smtp
        .wait_for_mails(staff.len(), Duration::from_secs(10))
        .await;
    for member in &staff {
        let code = &issued
            .iter()
            .find(|invite| invite.employee_code == member.code)
            .unwrap()
            .code;
        assert!(
            invites.iter().any(|mail| mail.to == [member.email.clone()]
                && mail.text_body().contains(code.as_str())),
            "no invite mail for {}",
            member.code
        );
        campaign
            .send(member.tg, &format!("/start {}", code.as_str()))
            .await;
        assert!(
            campaign.last_text(member.tg).contains(&member.name),
            "{}: {}",
            member.code,
            campaign.last_text(member.tg)
        );
    }
    campaign.smtp.clear();

    // Registration (1 March): LĐTT or CSTĐCS; heads add the unit's collective title.
    for member in &staff {
        campaign.register(member).await;
    }

    // Self-assessment (5 November), reviewed by the head — or, for a head, by the secretary.
    campaign.at(11, 5);
    for member in &staff {
        campaign.self_assess(member).await;
    }
    campaign.at(11, 18);
    for member in &staff {
        let reviewer = if member.is_head() {
            &secretary
        } else {
            campaign.head_of(&member.unit)
        };
        campaign.approve_assessment(reviewer, member).await;
    }
    campaign.drain().await;

    // Unit meetings (25 November): one vote per nominee and title.
    campaign.at(11, 25);
    for unit in campaign.units() {
        let members: Vec<&Member> = staff.iter().filter(|m| m.unit == unit).collect();
        let cstdcs = members
            .iter()
            .filter(|m| m.title() == Title::Cstdcs)
            .count();
        assert_eq!(
            campaign.hold_meeting(&unit).await,
            members.len() + cstdcs,
            "{unit}"
        );
    }
    campaign.drain().await;
    // The secretary gives one unit its meeting back (26 November); the head records it again,
    // and the resubmission replaces that unit's proposals rather than adding to them.
    campaign.at(11, 26);
    let qlxd = campaign.head_of("QLXD").clone();
    campaign.send(secretary.tg, "/mohop QLXD").await;
    assert!(
        campaign
            .last_text(secretary.tg)
            .starts_with("Đã mở lại cuộc họp bình xét của Phòng Quản lý xây dựng"),
        "{}",
        campaign.last_text(secretary.tg)
    );
    campaign.drain().await;
    assert!(
        campaign
            .fake
            .texts_to(qlxd.tg as i64)
            .iter()
            .any(|text| text.contains("đã mở lại cuộc họp bình xét")),
        "the head is told"
    );
    let qlxd_votes = staff
        .iter()
        .filter(|m| m.unit == "QLXD")
        .map(|m| if m.title() == Title::Cstdcs { 2 } else { 1 })
        .sum::<usize>();
    assert_eq!(campaign.hold_meeting("QLXD").await, qlxd_votes);
    campaign.drain().await;

    // Appraisal (4 December): every nomination valid.
    campaign.at(12, 4);
    let cstdcs = staff.iter().filter(|m| m.title() == Title::Cstdcs).count();
    let nominations = staff.len() + cstdcs + 6;
    assert_eq!(campaign.appraise_all(&secretary).await, nominations);
    // The appraiser saw the evidence NV004 attached, and how to open it.
    let pointer = "📎 1 tệp minh chứng: gõ /minhchung NV004 để nhận.";
    assert!(
        campaign
            .fake
            .requests()
            .iter()
            .filter(|request| request.chat_id() == Some(secretary.tg as i64))
            .any(|request| request.body["text"]
                .as_str()
                .is_some_and(|text| text.contains(pointer))),
        "the appraisal shows NV004's evidence"
    );
    campaign.drain().await;

    // The secret ballot (9 December): papers to every council member, votes, close.
    campaign.at(12, 9);
    campaign.send(secretary.tg, "/bophieu").await;
    campaign.press(secretary.tg, "Mở bỏ phiếu").await;
    campaign.drain().await;
    for voter in &council {
        let papers = campaign.papers(voter.tg);
        assert_eq!(papers.len(), cstdcs, "papers for {}", voter.code);
        for (message, nominee, yes, no) in papers {
            let data = if cast::votes_against(&nominee, &voter.code) {
                no
            } else {
                yes
            };
            campaign.press_raw(voter.tg, message, &data).await;
        }
        let thanks = campaign.last_text(voter.tg);
        assert!(
            thanks.contains(&format!("đã bỏ phiếu đủ {cstdcs} đề nghị")),
            "{}: {thanks}",
            voter.code
        );
    }
    campaign.send(secretary.tg, "/bophieu").await;
    campaign.press(secretary.tg, "Kết thúc bỏ phiếu").await;
    let preview = campaign.last_text(secretary.tg);
    assert!(
        preview.contains("Đã bỏ phiếu đủ") && !preview.contains("Kết thúc sớm"),
        "everyone voted, so the close is not early: {preview}"
    );
    campaign.press(secretary.tg, "Xác nhận kết thúc").await;
    campaign.drain().await;
    assert!(
        campaign.fake.texts_to(GROUP).is_empty(),
        "nothing is public before the decision"
    );

    // The decision (15 December) publishes.
    campaign.at(12, 15);
    campaign.send(director.tg, "/pheduyet").await;
    let list = campaign.last_text(director.tg);
    assert!(
        list.contains("Sẽ công nhận")
            && list.contains("Tập thể lao động xuất sắc — không cần bỏ phiếu: ❌ không đạt"),
        "the collective that lost its CSTĐCS is shown as failed: {list}"
    );
    campaign.press(director.tg, "Phê duyệt").await;
    campaign.send(director.tg, "125/QĐ-SXD 15/12/2026").await;
    assert!(
        campaign.shown_to(director.tg).iter().any(|m| m
            .text
            .contains("Xem trước khi phê duyệt Quyết định số 125/QĐ-SXD")),
        "the director sees what will be sent first"
    );
    // What follows counts only what the publication sends.
    let (message, confirm) = campaign.button(director.tg, "Xác nhận phê duyệt và công bố");
    campaign.fake.clear();
    campaign.press_raw(director.tg, message, &confirm).await;
    // The council refused one CSTĐCS, and with it the TLĐXS of the unit it was the only one of;
    // the other TLĐXS are the provincial chairman's to decide: proposed upward, not recognised.
    let upward = campaign
        .units()
        .into_iter()
        .filter(|unit| unit != LOSES_COLLECTIVE && cast::collective(unit).decided_upward())
        .count();
    assert_eq!(upward, 2);
    let recognised = nominations - 2 - upward;
    let approved = campaign.last_text(director.tg);
    assert!(
        approved.contains(&format!(
            "Đã phê duyệt Quyết định số 125/QĐ-SXD ngày 15/12/2026: {recognised} danh hiệu được công nhận, {upward} danh hiệu đề nghị cấp trên xét tặng"
        )),
        "{approved}"
    );
    let report = campaign.drain().await;
    assert_eq!((report.retrying, report.dead, report.unknown), (0, 0, 0));

    // The group: every recognised person under their unit and title, in order, each post within
    // Telegram's limit; the one CSTĐCS the council did not pass is not there.
    let posts = campaign.fake.texts_to(GROUP);
    let queued: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM outbox WHERE logical_key LIKE 'publication:2026:group:%' ORDER BY id",
    )
    .fetch_all(campaign.ctx().db.sqlite_pool())
    .await
    .unwrap();
    assert_eq!(posts, queued, "every part posted once, in order");
    for post in &posts {
        assert!(
            post.chars().count() <= 4096,
            "{} chars",
            post.chars().count()
        );
    }
    assert!(
        posts[0].contains("KẾT QUẢ THI ĐUA – KHEN THƯỞNG NĂM 2026")
            && posts[0].contains("Quyết định số 125/QĐ-SXD ngày 15/12/2026")
    );
    assert!(posts.last().unwrap().contains(&format!(
        "Tổng cộng: {recognised} danh hiệu được công nhận; {upward} đề nghị cấp trên xét tặng"
    )));
    let mut published = parse_group(&posts);
    for names in published.values_mut() {
        names.sort();
    }
    assert_eq!(published, expected_group(&campaign));

    // Each person's own result, privately: one message per nomination.
    for member in &staff {
        let told: Vec<String> = campaign
            .fake
            .texts_to(member.tg as i64)
            .into_iter()
            .filter(|text| {
                text.contains("Quyết định số 125/QĐ-SXD") && !text.starts_with("Đã phê duyệt")
            })
            .collect();
        let expected = if member.title() == Title::Cstdcs {
            2
        } else {
            1
        };
        assert_eq!(told.len(), expected, "{}: {told:?}", member.code);
        assert!(
            told.iter()
                .any(|text| text.contains("Xin chúc mừng") && text.contains("Lao động tiên tiến")),
            "{}: {told:?}",
            member.code
        );
        if member.title() == Title::Cstdcs {
            let cstdcs_told = told
                .iter()
                .find(|text| text.contains("Chiến sĩ thi đua cơ sở"))
                .unwrap_or_else(|| panic!("{}: {told:?}", member.code));
            let recognised = member.code != FAILS_BALLOT;
            assert_eq!(
                cstdcs_told.contains("Xin chúc mừng"),
                recognised,
                "{cstdcs_told}"
            );
            assert_eq!(
                cstdcs_told.contains("chưa được công nhận"),
                !recognised,
                "{cstdcs_told}"
            );
        }
    }

    // Every unit head and the provincial council: one e-mail with the results as XLSX and CSV.
    let mails = results_by_mail(&campaign, recognised, upward).await;

    // Drained again: nothing is sent twice.
    let (group_count, mail_count) = (posts.len(), mails.len());
    let again = campaign.drain().await;
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(campaign.fake.texts_to(GROUP).len(), group_count);
    assert_eq!(campaign.smtp.mails().len(), mail_count);

    // Every button the year showed fits one full-width line of a phone.
    assert_eq!(
        campaign
            .fake
            .long_buttons(thidua::texts::assessment::BUTTON_CHARS),
        Vec::<String>::new()
    );

    // The year's papers, opened in LibreOffice.
    papers::check(&campaign).await;
    papers::in_chat(&campaign).await;

    invariants(&campaign).await;
}
