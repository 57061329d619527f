//! Emulation blocks (issue 12 part 2): the year's block file imported with the real binary, the
//! five members of Khối thi đua các phòng Kinh tế, Hạ tầng và Đô thị scoring themselves in chat
//! criterion by criterion, the leader cross-checking (an adjustment with its reason, an old
//! button refused), the deputy checking the leader, the standing body confirming the ranking
//! (published to the block's group and by e-mail), and the proposal to the province recorded and
//! its decision entered back with the real binary.

use crate::full_campaign::drive::Campaign;
use crate::harness::repo_file;
use std::path::Path;
use std::process::Output;
use thidua::services;

const BLOCK_GROUP: i64 = -1_002_000_000_001;

/// The KTHT contacts' Telegram accounts, in the block file's order.
const TANNINH: u64 = 7001;
const TRANGBANG: u64 = 7002;
const HOATHANH: u64 = 7003;
const GODAU: u64 = 7004;
const CHAUTHANH: u64 = 7005;

const CONTACTS: [(u64, &str); 5] = [
    (TANNINH, "K-TANNINH"),
    (TRANGBANG, "K-TRANGBANG"),
    (HOATHANH, "K-HOATHANH"),
    (GODAU, "K-GODAU"),
    (CHAUTHANH, "K-CHAUTHANH"),
];

fn thidua(campaign: &Campaign, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("TELOXIDE_API_URL")
        .env(
            "THIDUA__DATABASE__PATH",
            &campaign.ctx().settings.database.path,
        )
        .env("THIDUA__ORG__FILE", repo_file("config/org.toml"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The shipped block file with the KTHT block's group chat, beside its scoring table.
fn block_files(dir: &Path) -> std::path::PathBuf {
    let year = std::fs::read_to_string(repo_file("config/blocks/2026.toml")).unwrap();
    let year = year.replacen(
        "code = \"KTHT\"\n",
        &format!("code = \"KTHT\"\ngroup_chat_id = {BLOCK_GROUP}\n"),
        1,
    );
    std::fs::write(dir.join("2026.toml"), year).unwrap();
    std::fs::copy(
        repo_file("config/blocks/scoring-2026.toml"),
        dir.join("scoring-2026.toml"),
    )
    .unwrap();
    dir.join("2026.toml")
}

async fn import_and_link(campaign: &Campaign, dir: &Path) {
    let file = block_files(dir);
    let file = file.to_str().unwrap();
    assert!(stdout(&thidua(campaign, &["block", "check", file])).contains("Tệp hợp lệ"));
    let imported = stdout(&thidua(campaign, &["block", "import", file]));
    assert!(
        imported.contains("năm 2026, 2 khối, 8 thành viên"),
        "{imported}"
    );
    for (user, code) in CONTACTS {
        campaign.link(user, code).await;
    }
    campaign.fake.clear();
}

/// /chamdiem, then each criterion's points typed in order (the table has seven).
async fn score(campaign: &Campaign, user: u64, points: [&str; 7]) {
    campaign.send(user, "/chamdiem").await;
    for value in points {
        campaign.send(user, value).await;
    }
    assert!(
        campaign.last_text(user).contains("chấm đủ các tiêu chí"),
        "{}",
        campaign.last_text(user)
    );
}

async fn send_sheet(campaign: &Campaign, user: u64) {
    campaign.press(user, "Gửi trưởng khối").await;
    assert!(campaign.last_text(user).contains("không tự sửa được nữa"));
    campaign.press(user, "Xác nhận gửi").await;
    assert!(
        campaign.last_text(user).starts_with("Đã gửi bảng tự chấm"),
        "{}",
        campaign.last_text(user)
    );
}

async fn sheet_status(campaign: &Campaign, code: &str) -> String {
    sqlx::query_scalar("SELECT sheet_status FROM block_members WHERE code = ?1")
        .bind(code)
        .fetch_one(campaign.ctx().db.sqlite_pool())
        .await
        .unwrap()
}

async fn scores_saved(campaign: &Campaign, code: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM block_scores s JOIN block_members m ON m.id = s.member_id
          WHERE m.code = ?1",
    )
    .bind(code)
    .fetch_one(campaign.ctx().db.sqlite_pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn a_block_of_five_scores_itself_is_cross_checked_ranked_and_its_leader_goes_up_for_the_flag()
{
    let campaign = Campaign::start().await;
    let dir = tempfile::tempdir().unwrap();
    campaign.at(11, 2);
    import_and_link(&campaign, dir.path()).await;
    let secretary = campaign.with_role("secretary")[0].clone();
    let staff = campaign.with_role("staff")[0].clone();
    campaign.link(secretary.tg, &secretary.code).await;
    campaign.link(staff.tg, &staff.code).await;

    // A contact sees the block's commands only; department staff cannot score a block.
    campaign.send(GODAU, "/help").await;
    let help = campaign.last_text(GODAU);
    assert!(
        help.contains("/chamdiem") && !help.contains("/dangky"),
        "{help}"
    );
    campaign.send(staff.tg, "/chamdiem").await;
    assert!(
        campaign
            .last_text(staff.tg)
            .contains("người liên hệ của các thành viên khối")
    );

    // Bad points are refused with the reason and save nothing; the draft survives a pause.
    campaign.send(GODAU, "/chamdiem").await;
    assert!(campaign.last_text(GODAU).contains("Tiêu chí 1/7"));
    campaign.send(GODAU, "hai mươi").await;
    assert!(campaign.last_text(GODAU).contains("Số điểm chưa hợp lệ"));
    campaign.send(GODAU, "35").await;
    assert!(
        campaign
            .last_text(GODAU)
            .contains("vượt mức tối đa của tiêu chí (30 điểm)")
    );
    campaign.send(GODAU, "8,55").await;
    assert_eq!(scores_saved(&campaign, "GODAU").await, 0);
    campaign.send(GODAU, "25").await;
    campaign.send(GODAU, "17").await;
    assert!(campaign.last_text(GODAU).contains("Tiêu chí 3/7"));
    campaign.press(GODAU, "Lưu nháp").await;
    assert!(campaign.last_text(GODAU).contains("Đã lưu nháp"));
    assert_eq!(scores_saved(&campaign, "GODAU").await, 2);
    // /chamdiem again continues at the first criterion without points.
    campaign.send(GODAU, "/chamdiem").await;
    assert!(campaign.last_text(GODAU).contains("Tiêu chí 3/7"));
    for value in ["8", "12", "6", "9", "4"] {
        campaign.send(GODAU, value).await;
    }
    let summary = campaign.last_text(GODAU);
    assert!(summary.contains("Tổng cộng: 81/100 điểm"), "{summary}");
    send_sheet(&campaign, GODAU).await;

    score(&campaign, TANNINH, ["28", "19", "10", "14", "9", "10", "5"]).await;
    send_sheet(&campaign, TANNINH).await;
    score(
        &campaign,
        TRANGBANG,
        ["29", "20", "9", "15", "8", "10", "5"],
    )
    .await;
    send_sheet(&campaign, TRANGBANG).await;
    score(&campaign, HOATHANH, ["27", "18", "9", "13", "7", "9", "4"]).await;
    send_sheet(&campaign, HOATHANH).await;
    score(
        &campaign,
        CHAUTHANH,
        ["26", "18", "8,5", "12", "7", "9", "4"],
    )
    .await;
    send_sheet(&campaign, CHAUTHANH).await;
    // A sent sheet is no longer the contact's to change.
    campaign.send(CHAUTHANH, "/chamdiem").await;
    assert!(
        campaign
            .last_text(CHAUTHANH)
            .contains("đã gửi, chờ kiểm tra")
    );
    campaign.drain().await;
    let to_leader = campaign.fake.texts_to(TANNINH as i64);
    assert!(
        to_leader
            .iter()
            .any(|text| text.contains("phường Trảng Bàng") && text.contains("96 điểm")),
        "{to_leader:#?}"
    );

    // A member cannot cross-check; the leader checks the others but not their own sheet.
    campaign.send(GODAU, "/kiemtra").await;
    assert!(
        campaign
            .last_text(GODAU)
            .contains("do trưởng khối kiểm tra")
    );
    campaign.send(TANNINH, "/kiemtra").await;
    let list = campaign.last_text(TANNINH);
    assert!(
        list.contains("phường Trảng Bàng (Khối thi đua các phòng Kinh tế, Hạ tầng và Đô thị): đã gửi, chờ kiểm tra"),
        "{list}"
    );
    assert!(!list.contains("phường Tân Ninh"), "{list}");
    campaign.press(TANNINH, "phường Trảng Bàng").await;
    assert!(
        campaign
            .last_text(TANNINH)
            .contains("Tổng cộng: 96/100 điểm")
    );
    let old_check = campaign.button(TANNINH, "Xác nhận đã kiểm tra");
    campaign.press(TANNINH, "Điều chỉnh điểm").await;
    campaign.send(TANNINH, "2.1").await;
    assert!(campaign.last_text(TANNINH).contains("Vui lòng gõ theo mẫu"));
    campaign.send(TANNINH, "9.9 5 Không có tiêu chí này").await;
    assert!(
        campaign
            .last_text(TANNINH)
            .contains("không có tiêu chí “9.9”")
    );
    campaign.send(TANNINH, "2.1 16 Quá mức tối đa").await;
    assert!(
        campaign
            .last_text(TANNINH)
            .contains("vượt mức tối đa của tiêu chí (15 điểm)")
    );
    campaign
        .send(TANNINH, "2.1 12 Chưa có báo cáo sơ kết 6 tháng")
        .await;
    let shown = campaign.shown_to(TANNINH);
    assert!(
        shown
            .iter()
            .any(|message| message.text.contains("Đã điều chỉnh tiêu chí 2.1")),
        "{shown:#?}"
    );
    // The Confirm under the sheet as it was before the adjustment changes nothing.
    campaign.press_raw(TANNINH, old_check.0, &old_check.1).await;
    assert_eq!(sheet_status(&campaign, "TRANGBANG").await, "submitted");
    campaign.send(TANNINH, "/kiemtra").await;
    campaign.press(TANNINH, "phường Trảng Bàng").await;
    let adjusted = campaign.last_text(TANNINH);
    assert!(
        adjusted
            .contains("12/15 (tự chấm 15; kiểm tra điều chỉnh: Chưa có báo cáo sơ kết 6 tháng)")
            && adjusted.contains("Tổng cộng: 93/100 điểm"),
        "{adjusted}"
    );
    campaign.press(TANNINH, "Xác nhận đã kiểm tra").await;
    for member in ["phường Hòa Thành", "xã Gò Dầu", "xã Châu Thành"] {
        campaign.press(TANNINH, member).await;
        campaign.press(TANNINH, "Xác nhận đã kiểm tra").await;
    }
    campaign.drain().await;
    assert!(
        campaign.fake.texts_to(TRANGBANG as i64).iter().any(|text| text
            .contains("tiêu chí 2.1 của Phòng Kinh tế, Hạ tầng và Đô thị phường Trảng Bàng được điều chỉnh từ 15 thành 12 điểm. Lý do: Chưa có báo cáo sơ kết 6 tháng")),
        "{:#?}",
        campaign.fake.texts_to(TRANGBANG as i64)
    );

    // The ranking cannot be confirmed before the leader's own sheet is checked — by the deputy.
    campaign.send(secretary.tg, "/ketquakhoi").await;
    campaign
        .press(secretary.tg, "Khối thi đua các phòng Kinh tế")
        .await;
    assert!(
        campaign
            .last_text(secretary.tg)
            .contains("Phòng Kinh tế, Hạ tầng và Đô thị phường Tân Ninh chưa được kiểm tra"),
        "{}",
        campaign.last_text(secretary.tg)
    );
    campaign.send(TRANGBANG, "/kiemtra").await;
    campaign.press(TRANGBANG, "phường Tân Ninh").await;
    campaign.press(TRANGBANG, "Xác nhận đã kiểm tra").await;

    // Department staff cannot confirm; the standing body reads the ranking, then what
    // confirming sends, and confirms.
    campaign.send(staff.tg, "/ketquakhoi").await;
    assert!(!campaign.last_text(staff.tg).contains("Xếp hạng"));
    campaign.fake.clear();
    campaign.smtp.clear();
    campaign.send(secretary.tg, "/ketquakhoi").await;
    campaign
        .press(secretary.tg, "Khối thi đua các phòng Kinh tế")
        .await;
    let ranking = campaign.last_text(secretary.tg);
    let expected = [
        "1. Phòng Kinh tế, Hạ tầng và Đô thị phường Tân Ninh: 95 điểm — đề nghị Cờ thi đua của Ủy ban nhân dân tỉnh",
        "2. Phòng Kinh tế, Hạ tầng và Đô thị phường Trảng Bàng: 93 điểm — đề nghị Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "3. Phòng Kinh tế, Hạ tầng và Đô thị phường Hòa Thành: 87 điểm — đề nghị Bằng khen",
        "4. Phòng Kinh tế xã Châu Thành: 84,5 điểm\n5. Phòng Kinh tế xã Gò Dầu: 81 điểm",
    ];
    for line in expected {
        assert!(ranking.contains(line), "{line}\n{ranking}");
    }
    campaign.press(secretary.tg, "Xác nhận kết quả").await;
    let preview = campaign.last_text(secretary.tg);
    assert!(
        preview.contains("đăng lên nhóm của khối") && preview.contains("không hoàn tác được"),
        "{preview}"
    );
    assert!(campaign.fake.texts_to(BLOCK_GROUP).is_empty());
    campaign.press(secretary.tg, "Xác nhận kết quả").await;
    assert!(
        campaign
            .last_text(secretary.tg)
            .starts_with("Đã xác nhận kết quả")
    );
    // Pressing the confirmation again changes nothing.
    let (message, data) = campaign.button(secretary.tg, "Xác nhận kết quả");
    campaign.press_raw(secretary.tg, message, &data).await;
    campaign.drain().await;
    let posts = campaign.fake.texts_to(BLOCK_GROUP);
    assert_eq!(posts.len(), 1, "{posts:#?}");
    assert!(posts[0].contains(expected[0]), "{}", posts[0]);
    let mails = campaign.smtp.mails();
    for mailbox in [
        "kthtdt.tanninh@tayninh.gov.vn",
        "kinhte.godau@tayninh.gov.vn",
    ] {
        assert!(
            mails
                .iter()
                .any(|mail| mail.to.iter().any(|to| to == mailbox)),
            "{mailbox}: {:#?}",
            mails.iter().map(|mail| mail.to.clone()).collect::<Vec<_>>()
        );
    }

    // The proposal to the province: recorded as sent, then its decision entered back.
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    services::block::province::mark_sent(campaign.ctx(), 2026, "KTHT", "61/TTr-SXD", day(1))
        .await
        .unwrap();
    let args = |yes: bool| {
        let mut args = vec![
            "block",
            "proposal",
            "decided",
            "--year",
            "2026",
            "--block",
            "KTHT",
            "--number",
            "2750/QĐ-UBND",
            "--date",
            "20/12/2026",
            "--awarded",
            "TANNINH",
            "--awarded",
            "TRANGBANG",
        ];
        if yes {
            args.push("--yes");
        }
        args
    };
    let dry = stdout(&thidua(&campaign, &args(false)));
    assert!(
        dry.contains("chưa ghi gì")
            && dry.contains(
                "HOATHANH Phòng Kinh tế, Hạ tầng và Đô thị phường Hòa Thành: không được tặng"
            ),
        "{dry}"
    );
    campaign.fake.clear();
    stdout(&thidua(&campaign, &args(true)));
    let shown = stdout(&thidua(
        &campaign,
        &["block", "show", "--year", "2026", "--block", "KTHT"],
    ));
    assert!(
        shown.contains("đã có quyết định / decided 2750/QĐ-UBND (20/12/2026)")
            && shown.contains("TANNINH Phòng Kinh tế, Hạ tầng và Đô thị phường Tân Ninh (đã kiểm tra) — hạng 1, 95 điểm — đề nghị Cờ thi đua của Ủy ban nhân dân tỉnh: được tặng"),
        "{shown}"
    );
    // The binary queued its messages due at the wall clock's now; the story's clock is its own,
    // so they are made due at the story's instant (whatever year the suite runs in).
    campaign.at(12, 21);
    sqlx::query("UPDATE outbox SET next_attempt_at = ?1 WHERE status = 'pending'")
        .bind(campaign.ctx().now())
        .execute(campaign.ctx().db.sqlite_pool())
        .await
        .unwrap();
    campaign.drain().await;
    assert!(
        campaign
            .fake
            .texts_to(TANNINH as i64)
            .iter()
            .any(|text| text.starts_with("Chúc mừng Phòng Kinh tế, Hạ tầng và Đô thị phường Tân Ninh được tặng Cờ thi đua của Ủy ban nhân dân tỉnh theo Quyết định số 2750/QĐ-UBND")),
        "{:#?}",
        campaign.fake.texts_to(TANNINH as i64)
    );

    // The export carries the block's ranking and every criterion's points with the reasons.
    let mut conn = campaign.ctx().db.read().await.unwrap();
    let sheets = thidua::export::campaign_sheets(&mut conn, &campaign.ctx().org, 2026)
        .await
        .unwrap();
    drop(conn);
    let written =
        thidua::cli::export::write(&sheets, "csv", Some(dir.path().join("export")), 2026).unwrap();
    let ranking_csv = written
        .iter()
        .find(|path| path.to_string_lossy().contains("khoi-thi-dua-xep-hang"))
        .map(|path| std::fs::read_to_string(path).unwrap())
        .unwrap();
    assert!(
        ranking_csv.contains("TANNINH,\"Phòng Kinh tế, Hạ tầng và Đô thị phường Tân Ninh\",Trưởng khối,Lê Văn Hùng,đã kiểm tra,95,1,Cờ thi đua của Ủy ban nhân dân tỉnh,Được tặng"),
        "{ranking_csv}"
    );
    let scores_csv = written
        .iter()
        .find(|path| path.to_string_lossy().contains("khoi-thi-dua-bang-diem"))
        .map(|path| std::fs::read_to_string(path).unwrap())
        .unwrap();
    assert!(
        scores_csv.contains(",15,15,12,Chưa có báo cáo sơ kết 6 tháng"),
        "{scores_csv}"
    );

    // The block's composition is fixed once scoring started: a re-import is refused.
    let again = thidua(
        &campaign,
        &[
            "block",
            "import",
            dir.path().join("2026.toml").to_str().unwrap(),
        ],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("đã bắt đầu chấm điểm"));
}

#[tokio::test]
async fn scoring_closes_on_the_files_day_and_a_staff_import_leaves_the_contacts_alone() {
    let campaign = Campaign::start().await;
    let dir = tempfile::tempdir().unwrap();
    campaign.at(11, 2);
    import_and_link(&campaign, dir.path()).await;
    // The staff file never lists contacts: importing it again deactivates none of them.
    let csv = std::fs::read(repo_file("config/staff.example.csv")).unwrap();
    let summary = services::staff_import::import(campaign.ctx(), csv.as_slice())
        .await
        .unwrap();
    assert_eq!(summary.deactivated, 0, "{summary:?}");
    campaign.send(HOATHANH, "/chamdiem").await;
    assert!(campaign.last_text(HOATHANH).contains("Tiêu chí 1/7"));
    campaign.at(11, 16);
    campaign.send(HOATHANH, "27").await;
    assert!(
        campaign
            .last_text(HOATHANH)
            .contains("Thời hạn gửi bảng tự chấm điểm của khối đã kết thúc ngày 15/11/2026"),
        "{}",
        campaign.last_text(HOATHANH)
    );
    assert_eq!(scores_saved(&campaign, "HOATHANH").await, 0);
    // A staff file that names a contact's role is refused: contacts come from the block file.
    let bad = String::from_utf8(csv)
        .unwrap()
        .replacen(",staff\n", ",block_contact\n", 1);
    assert!(
        services::staff_import::import(campaign.ctx(), bad.as_bytes())
            .await
            .is_err()
    );
}
