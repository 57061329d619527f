//! The year's papers from the whole campaign: each kind is generated from what the chat
//! recorded, its structure pinned by a golden outline (`tests/golden/papers/KIND.txt`; rewrite
//! them with `THIDUA_BLESS=1` after a deliberate change and read the diff), and the Word files
//! opened by LibreOffice, turned into PDF and read back: the number, the date line, the signer
//! and the right people in the right order.

use super::drive::Campaign;
use crate::harness::repo_file;
use crate::support::office;
use thidua::domain::collation::compare_names;
use thidua::export::documents::{self, Made, PaperKind};
use thidua::storage;

/// The text without white space: PDF text breaks lines where the page does, and a justified
/// line's wide spaces come back in odd places ("t ổng số"); needles are squeezed the same way.
fn flat(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn holds(text: &str, needle: &str) -> bool {
    text.contains(&flat(needle))
}

/// Every needle is in the paper's (flattened) text.
fn holds_all(paper: &str, text: &str, needles: &[&str]) {
    for needed in needles {
        assert!(holds(text, needed), "{paper} lacks “{needed}”:\n{text}");
    }
}

fn golden(kind: PaperKind, outline: &str) {
    let path = repo_file(&format!("tests/golden/papers/{}.txt", kind.slug()));
    if std::env::var_os("THIDUA_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, outline).unwrap();
        return;
    }
    let pinned = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with THIDUA_BLESS=1", path.display()));
    assert!(
        pinned == outline,
        "{} changed; if that is meant, run with THIDUA_BLESS=1 and read the diff.\n--- now:\n{outline}",
        path.display()
    );
}

/// The names under one group of an outline's list, in order ("|= Văn phòng" up to the next
/// group line).
fn names_under(outline: &str, group: &str) -> Vec<String> {
    outline
        .lines()
        .skip_while(|line| *line != format!("|= {group}"))
        .skip(1)
        .take_while(|line| !line.starts_with("|= "))
        .filter_map(|line| line.split(" | ").nth(1).map(str::to_owned))
        .collect()
}

pub async fn check(campaign: &Campaign) {
    let ctx = campaign.ctx();
    let mut conn = ctx.db.read().await.unwrap();
    let record = storage::campaigns::find(&mut conn, 2026)
        .await
        .unwrap()
        .unwrap();
    let rules = ctx.rules.rules(&record).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut outlines = Vec::new();
    for kind in PaperKind::ALL {
        let made = documents::make(&mut conn, &ctx.org, &record, &rules, kind, None)
            .await
            .unwrap_or_else(|error| panic!("{}: {error}", kind.slug()));
        let document = documents::document(&mut conn, &ctx.org, &record, &rules, kind, None)
            .await
            .unwrap();
        let path = dir.path().join(&document.file_name);
        std::fs::write(&path, &document.content).unwrap();
        match made {
            Made::Papers(papers) => {
                let outline: String = papers.iter().map(|paper| paper.outline()).collect();
                golden(kind, &outline);
                files.push(path);
                outlines.push((kind, outline));
            }
            Made::Sheets(_) => statistics(&path),
        }
    }
    let texts = office::pdf_texts(&files, dir.path());
    let text = |kind: PaperKind| {
        let index = outlines.iter().position(|(k, _)| *k == kind).unwrap();
        (flat(&texts[index]), outlines[index].1.clone())
    };

    // The decision: its number, its date line, the director, and the list by title and unit,
    // names in Vietnamese order.
    let (decision, outline) = text(PaperKind::Decision);
    holds_all(
        "quyết định",
        &decision,
        &[
            "UBND TỈNH TÂY NINH",
            "SỞ XÂY DỰNG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 125/QĐ-SXD",
            "Tây Ninh, ngày 15 tháng 12 năm 2026",
            "QUYẾT ĐỊNH",
            "Về việc công nhận danh hiệu thi đua năm 2026",
            "GIÁM ĐỐC SỞ XÂY DỰNG",
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;",
            "Nơi nhận:",
            "Phạm Quốc Hùng",
            "DANH SÁCH",
            "(Kèm theo Quyết định số 125/QĐ-SXD ngày 15/12/2026 của Giám đốc Sở Xây dựng tỉnh Tây Ninh)",
        ],
    );
    assert!(
        !holds(&decision, "98/2023"),
        "a superseded decree is not cited"
    );
    let ldtt = outline.find("Danh hiệu “Lao động tiên tiến”").unwrap();
    let cstdcs = outline.find("Danh hiệu “Chiến sĩ thi đua cơ sở”").unwrap();
    assert!(ldtt < cstdcs, "titles in the law's order");
    let units: Vec<usize> = [
        "|= Văn phòng",
        "|= Thanh tra",
        "|= Phòng Quy hoạch và Phát triển đô thị",
    ]
    .iter()
    .map(|unit| outline[ldtt..].find(unit).unwrap())
    .collect();
    assert!(
        units.windows(2).all(|pair| pair[0] < pair[1]),
        "units in the org file's order"
    );
    let names = names_under(&outline[ldtt..], "Văn phòng");
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| compare_names(a, b));
    assert!(names.len() >= 4, "{names:?}");
    assert_eq!(names, sorted, "Vietnamese order within a unit");
    assert!(!outline.contains(super::cast::FAILS_BALLOT));

    // The minutes: counts per nominee, the chair and the secretary, never a voter.
    let (minutes, _) = text(PaperKind::Minutes);
    holds_all(
        "biên bản",
        &minutes,
        &[
            "BIÊN BẢN",
            "Số: ……/BB-HĐTĐKT",
            "Chủ trì: Phạm Quốc Hùng, Chủ tịch Hội đồng. Thư ký: Lê Minh Khoa.",
            "Kết quả kiểm phiếu",
            "Không đạt",
            "THƯ KÝ HỘI ĐỒNG",
            "CHỦ TỊCH HỘI ĐỒNG",
        ],
    );

    // The standing body's submission to the director.
    let (submission, _) = text(PaperKind::Submission);
    holds_all(
        "tờ trình",
        &submission,
        &[
            "TỜ TRÌNH",
            "Số: ……/TTr-HĐTĐKT",
            "Kính gửi: Giám đốc Sở Xây dựng tỉnh Tây Ninh.",
            "TM. THƯỜNG TRỰC HỘI ĐỒNG",
            "Lê Minh Khoa",
        ],
    );

    // One achievement report per person recognised as CSTĐ cơ sở, each with its two signers.
    let (reports, outline) = text(PaperKind::Reports);
    let rows = storage::exports::nominations(&mut conn, 2026)
        .await
        .unwrap();
    let cstdcs: Vec<&str> = rows
        .iter()
        .filter(|row| row.title == "CSTDCS" && row.status == "approved")
        .filter_map(|row| row.full_name.as_deref())
        .collect();
    assert!(!cstdcs.is_empty());
    assert_eq!(
        outline.matches("# BÁO CÁO THÀNH TÍCH").count(),
        cstdcs.len(),
        "{outline}"
    );
    assert_eq!(
        reports.matches(&flat("BÁO CÁO THÀNH TÍCH")).count(),
        cstdcs.len() * 2,
        "each title and its signer"
    );
    for name in cstdcs {
        assert!(holds(&reports, name), "no report for {name}");
    }
    assert!(
        holds(
            &reports,
            "Tài liệu minh chứng kèm theo: 1. Quyet-dinh-sang-kien-NV004.pdf."
        ),
        "the dossier names the evidence"
    );
    assert!(holds(&reports, "NGƯỜI BÁO CÁO THÀNH TÍCH") && holds(&reports, "I. SƠ LƯỢC LÝ LỊCH"));

    // The export's self-assessment sheet carries what each person reported, as submitted.
    let sheets = thidua::export::campaign_sheets(&mut conn, &ctx.org, 2026)
        .await
        .unwrap();
    let sheet = sheets
        .iter()
        .find(|sheet| sheet.name == "Tự đánh giá")
        .unwrap();
    assert_eq!(
        sheet.headers[8..],
        ["Tóm tắt thành tích", "Sáng kiến", "Minh chứng"]
    );
    let nv004 = sheet
        .rows
        .iter()
        .find(|row| row[0] == thidua::export::Cell::from("NV004"))
        .unwrap();
    assert_eq!(
        nv004[8..],
        [
            "Hoàn thành tốt các nhiệm vụ chuyên môn được giao trong năm 2026.".into(),
            "Số hóa hồ sơ lưu trữ của Văn phòng (QĐ số 45/QĐ-SXD ngày 15/09/2026, cấp cơ sở)"
                .into(),
            "Quyet-dinh-sang-kien-NV004.pdf".into(),
        ]
    );

    // The proposal to the province, with the list decided upward.
    let (proposal, outline) = text(PaperKind::Proposal);
    assert!(
        holds(&proposal, "Kính gửi: Hội đồng Thi đua – Khen thưởng tỉnh."),
        "{proposal}"
    );
    assert!(holds(&proposal, "Quyết định số 125/QĐ-SXD ngày 15/12/2026"));
    assert_eq!(outline.matches("|= I. Danh hiệu").count(), 1, "{outline}");
}

/// In chat: the secretary and the director get the same files as the command line; anyone
/// else is refused and nothing is sent; a mistyped kind or a code after a kind that takes none
/// is explained.
pub async fn in_chat(campaign: &Campaign) {
    let secretary = campaign.with_role("secretary")[0].clone();
    let director = campaign.with_role("director")[0].clone();
    let staff = campaign
        .staff
        .iter()
        .find(|member| member.roles_are_only("staff"))
        .unwrap()
        .clone();
    let ctx = campaign.ctx();
    let mut conn = ctx.db.read().await.unwrap();
    let record = storage::campaigns::find(&mut conn, 2026)
        .await
        .unwrap()
        .unwrap();
    let rules = ctx.rules.rules(&record).await.unwrap();
    let expected = |kind, person: Option<&'static str>| {
        let (org, record, rules) = (ctx.org.clone(), record.clone(), rules.clone());
        async move {
            let mut conn = ctx.db.read().await.unwrap();
            documents::document(&mut conn, &org, &record, &rules, kind, person)
                .await
                .unwrap()
        }
    };
    drop(conn);
    let sent = || campaign.fake.requests_for("SendDocument");

    campaign.send(director.tg, "/vanban").await;
    let menu = campaign.last_text(director.tg);
    assert!(
        menu.contains("/vanban quyet-dinh") && menu.contains("/vanban thong-ke"),
        "{menu}"
    );

    for (asker, command, kind, person) in [
        (&secretary, "/vanban quyet-dinh", PaperKind::Decision, None),
        (&director, "/vanban thong-ke", PaperKind::Statistics, None),
        (
            &secretary,
            "/vanban bao-cao-thanh-tich nv004",
            PaperKind::Reports,
            Some("NV004"),
        ),
    ] {
        let before = sent().len();
        campaign.send(asker.tg, command).await;
        let requests = sent();
        assert_eq!(requests.len(), before + 1, "{command}: one file");
        let file = &requests[before];
        let document = expected(kind, person).await;
        assert_eq!(file.chat_id(), Some(asker.tg as i64));
        assert_eq!(
            file.body["document"]["file_name"],
            document.file_name.as_str()
        );
        assert_eq!(
            file.body["document"]["size"],
            document.content.len(),
            "{command}: the same paper"
        );
        assert!(file.body["caption"].as_str().unwrap().contains("năm 2026"));
    }

    let before = sent().len();
    campaign.send(staff.tg, "/vanban quyet-dinh").await;
    assert!(
        campaign
            .last_text(staff.tg)
            .contains("Thao tác này chỉ dành cho"),
        "{}",
        campaign.last_text(staff.tg)
    );
    campaign.send(secretary.tg, "/vanban giay-moi").await;
    assert!(
        campaign
            .last_text(secretary.tg)
            .contains("Không có văn bản “giay-moi”")
    );
    campaign
        .send(secretary.tg, "/vanban quyet-dinh NV004")
        .await;
    assert!(
        campaign
            .last_text(secretary.tg)
            .starts_with("Chỉ báo cáo thành tích mới kèm mã nhân viên")
    );
    campaign
        .send(secretary.tg, "/vanban bao-cao-thanh-tich NV999")
        .await;
    assert_eq!(
        campaign.last_text(secretary.tg),
        "Mã nhân viên NV999 không có đề nghị danh hiệu nào năm 2026."
    );
    assert_eq!(
        sent().len(),
        before,
        "nothing sent for a refused or mistyped request"
    );
}

/// The statistics workbook: counts by title agree with the approved nominations.
fn statistics(path: &std::path::Path) {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let sheet = workbook.worksheet_range("Thống kê theo danh hiệu").unwrap();
    let ldtt = sheet
        .rows()
        .find(|row| row.get(1) == Some(&Data::String("Lao động tiên tiến".into())))
        .expect("an LĐTT row");
    // STT, kind, level, holder, proposed, recognised, women, front-line.
    assert_eq!(ldtt[2], Data::String("Giám đốc Sở".into()));
    let recognised = match &ldtt[5] {
        Data::Float(value) => *value,
        other => panic!("{other:?}"),
    };
    assert_eq!(recognised, 24.0, "everyone is a Lao động tiên tiến");
    let units = workbook.worksheet_range("Thống kê theo đơn vị").unwrap();
    assert_eq!(units.rows().count(), 7, "a header and six units");
}
