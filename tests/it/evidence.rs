//! Evidence with the self-assessment, through the fake Bot API: a PDF sent as a document (or a
//! photo) during /tudanhgia is fetched with getFile, checked, stored once by its hash and named
//! in the summary; it goes with the submission, the head sees it listed and fetches it with
//! /minhchung, and someone outside the unit cannot. Files that are not evidence are refused
//! with the limits stated, and nothing is stored.

use crate::bot_assessment::{answer_all, registered};
use crate::chat::*;

const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 0xFF, 0xD9,
];

async fn stored_files(test: &ChatTest) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM evidence_files")
        .fetch_one(test.app.ctx.db.sqlite_pool())
        .await
        .unwrap()
}

async fn send_pdf(test: &ChatTest, user: u64, name: &str, bytes: &[u8]) {
    test.run(
        test.fake
            .private_document(user, name, "application/pdf", bytes, None),
    )
    .await;
}

#[tokio::test]
async fn a_pdf_attached_to_the_self_assessment_goes_with_it_to_the_head_and_no_further() {
    let test = registered(MEMBER, "Chiến sĩ thi đua cơ sở").await;
    answer_all(&test, MEMBER).await;
    send_pdf(&test, MEMBER, "Quyết định 125 sáng kiến.pdf", PDF).await;
    let shown = test.shown_to(MEMBER);
    let attached = &shown[shown.len() - 2].text;
    assert!(
        attached.starts_with("📎 Đã đính kèm “Quyết định 125 sáng kiến.pdf” (1 KB)"),
        "{attached}"
    );
    // Back on the summary, which lists the file.
    let summary = test.last_text(MEMBER);
    assert!(
        summary.contains("• Minh chứng: Quyết định 125 sáng kiến.pdf (1 KB)"),
        "{summary}"
    );
    assert_eq!(test.fake.requests_for("GetFile").len(), 1);
    test.press(MEMBER, "Nộp").await;
    assert!(
        test.last_text(MEMBER)
            .starts_with("Đã nộp bản tự đánh giá (lần 1)")
    );
    let version: String = sqlx::query_scalar(
        "SELECT v.answers FROM assessment_versions v JOIN people p ON p.id = v.person_id
          WHERE p.employee_code = 'VP02' AND v.version = 1",
    )
    .fetch_one(test.app.ctx.db.sqlite_pool())
    .await
    .unwrap();
    let key = thidua::storage::evidence::key_of(PDF);
    assert!(
        version.contains(&key),
        "the version names its file: {version}"
    );
    assert_eq!(stored_files(&test).await, 1);

    // The head reads it and fetches the file.
    test.send(HEAD, "/duyet").await;
    test.press(HEAD, "Nguyễn Thị Mai").await;
    let review = test.last_text(HEAD);
    assert!(
        review.contains("Quyết định 125 sáng kiến.pdf")
            && review.contains("📎 1 tệp minh chứng: gõ /minhchung VP02 để nhận."),
        "{review}"
    );
    for (viewer, may) in [
        (HEAD, true),
        (SECRETARY, true),
        (DIRECTOR, true),
        (MEMBER, true),
        (OTHER_UNIT, false),
    ] {
        let before = test.fake.requests_for("SendDocument").len();
        test.send(viewer, "/minhchung vp02").await;
        let sent = test.fake.requests_for("SendDocument");
        if may {
            assert_eq!(sent.len(), before + 1, "{viewer}");
            let file = sent.last().unwrap();
            assert_eq!(file.chat_id(), Some(viewer as i64));
            assert_eq!(
                file.body["document"]["file_name"],
                "Quyết định 125 sáng kiến.pdf"
            );
            assert_eq!(file.body["document"]["size"], PDF.len());
            assert_eq!(file.body["caption"], "Minh chứng của Nguyễn Thị Mai (1/1)");
        } else {
            assert_eq!(sent.len(), before, "nothing sent to {viewer}");
            assert!(
                test.last_text(viewer)
                    .starts_with("Minh chứng của một người chỉ được xem bởi chính người đó"),
                "{}",
                test.last_text(viewer)
            );
        }
    }
    test.send(HEAD, "/minhchung").await;
    assert_eq!(
        test.last_text(HEAD),
        "Vui lòng gõ kèm mã nhân viên, ví dụ: /minhchung NV004"
    );
    test.send(HEAD, "/minhchung XX99").await;
    assert!(
        test.last_text(HEAD)
            .starts_with("Không có ai mang mã nhân viên “XX99”")
    );
}

#[tokio::test]
async fn files_that_are_not_evidence_are_refused_with_the_limits_and_nothing_is_stored() {
    let test = registered(MEMBER, "Chiến sĩ thi đua cơ sở").await;
    // Outside the self-assessment: how to attach one, nothing fetched.
    send_pdf(&test, MEMBER, "qd.pdf", PDF).await;
    assert!(
        test.last_text(MEMBER)
            .starts_with("Để đính kèm minh chứng (quyết định công nhận sáng kiến, giấy chứng nhận…), vui lòng gõ /tudanhgia rồi gửi tệp."),
        "{}",
        test.last_text(MEMBER)
    );
    test.send(MEMBER, "/tudanhgia").await;
    let question = test.last_text(MEMBER);
    let limits = "Bot nhận tệp PDF hoặc ảnh (JPG, PNG), mỗi tệp tối đa 10 MB, tối đa 5 tệp.";

    test.run(test.fake.private_document(
        MEMBER,
        "ho-so.zip",
        "application/zip",
        b"PK\x03\x04",
        None,
    ))
    .await;
    assert_eq!(
        test.last_text(MEMBER),
        format!("Tệp này không phải PDF hoặc ảnh nên không được đính kèm. {limits}")
    );
    test.run(test.fake.private_document(
        MEMBER,
        "scan.pdf",
        "application/pdf",
        PDF,
        Some(11 * 1024 * 1024),
    ))
    .await;
    assert_eq!(
        test.last_text(MEMBER),
        format!("Tệp nặng 11 MB, vượt quá giới hạn nên không được đính kèm. {limits}")
    );
    assert!(
        test.fake.requests_for("GetFile").is_empty(),
        "refused on what Telegram said, before fetching anything"
    );
    send_pdf(&test, MEMBER, "giay-khen.pdf", b"MZ\x90\x00 not a pdf").await;
    assert!(
        test.last_text(MEMBER)
            .starts_with("Nội dung tệp không đúng định dạng như tên tệp"),
        "{}",
        test.last_text(MEMBER)
    );
    assert_eq!(stored_files(&test).await, 0);

    // A photo is taken (its largest size), and the same bytes twice are not.
    test.run(test.fake.private_photo(MEMBER, JPEG)).await;
    let shown = test.shown_to(MEMBER);
    assert!(
        shown[shown.len() - 2]
            .text
            .starts_with("📎 Đã đính kèm “Ảnh minh chứng "),
        "{}",
        shown[shown.len() - 2].text
    );
    assert_eq!(
        test.last_text(MEMBER),
        question,
        "the question it was on, again"
    );
    test.run(test.fake.private_photo(MEMBER, JPEG)).await;
    assert!(
        test.last_text(MEMBER)
            .contains("đã được đính kèm trước đó. Không có gì thay đổi.")
    );
    for index in 0..4 {
        let bytes = format!("%PDF-1.4 file {index}");
        send_pdf(&test, MEMBER, &format!("tep-{index}.pdf"), bytes.as_bytes()).await;
    }
    send_pdf(&test, MEMBER, "tep-6.pdf", b"%PDF-1.4 one too many").await;
    assert_eq!(
        test.last_text(MEMBER),
        format!("Bản tự đánh giá đã có đủ 5 tệp minh chứng, không nhận thêm. {limits}")
    );
    assert_eq!(stored_files(&test).await, 5);
}
