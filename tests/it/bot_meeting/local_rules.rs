//! A campaign naming local rule files: the shipped example (vote share two thirds) changes the
//! meeting's outcome, and a missing file is refused when the campaign is opened.

use super::*;

#[tokio::test]
async fn a_local_rule_file_raises_the_vote_share_to_two_thirds() {
    let local = "local_rules = [\"config/rules/local/tay-ninh.toml\"]\n";
    let test = ChatTest::linked_with_campaign(|text| {
        text.replace(
            "rule_set = \"luat-2022\"\n",
            &format!("rule_set = \"luat-2022\"\n{local}"),
        )
    })
    .await;
    // Two more VP members, so 3 yes-votes of 5 present (60%) separate "> 1/2" from "≥ 2/3".
    let staff = format!(
        "{STAFF_CSV}VP04,Đỗ Văn Nam,VP,Chuyên viên,nam.dv@example.gov.vn,nam,2016-04-01,staff\nVP05,Hồ Thị Thu,VP,Chuyên viên,thu.ht@example.gov.vn,nữ,2017-04-01,staff\n"
    );
    thidua::services::staff_import::import(test.ctx(), staff.as_bytes())
        .await
        .unwrap();
    register(&test, HEAD, "Lao động tiên tiến", None).await;
    register(&test, MEMBER, "Lao động tiên tiến", None).await;
    test.app.clock.set(november(5));
    assess(&test, HEAD, 0).await;
    assess(&test, MEMBER, 0).await;
    approve(&test, HEAD, "Nguyễn Thị Mai").await;
    approve(&test, SECRETARY, "Trần Văn Hùng").await;
    test.app.clock.set(november(25));
    hold_meeting(
        &test,
        &[
            "Đỗ Văn Nam",
            "Hồ Thị Thu",
            "Lê Quốc Bảo",
            "Nguyễn Thị Mai",
            "Trần Văn Hùng",
        ],
        None,
        // Hùng, then Mai.
        &[4, 3],
    )
    .await;
    let result = test.last_text(HEAD);
    assert!(
        result.contains(
            "❌ Nguyễn Thị Mai — Lao động tiên tiến: 3/5 phiếu đồng ý — không được đề nghị"
        ),
        "{result}"
    );
    assert!(
        result.contains("✅ Trần Văn Hùng — Lao động tiên tiến: 4/5 phiếu đồng ý — được đề nghị"),
        "{result}"
    );
}

#[tokio::test]
async fn a_campaign_naming_a_missing_local_file_is_refused() {
    let test = ChatTest::new().await;
    let text = std::fs::read_to_string(crate::harness::repo_file("config/campaign.example.toml"))
        .unwrap()
        .replace(
            "year = 2026",
            "year = 2027\nlocal_rules = [\"config/rules/local/khong-co.toml\"]",
        )
        .replace("2026-", "2027-");
    let error = thidua::services::campaign::open(test.ctx(), &text)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("local_rules") && error.contains("khong-co.toml"),
        "{error}"
    );
}
