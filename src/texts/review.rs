//! The review of self-assessments (/duyet).

use super::{Lang, pick};
use crate::domain::assessment::Limits;
use crate::services::review::{MemberState, Overview};

pub fn state(lang: Lang, state: MemberState) -> &'static str {
    match (lang, state) {
        (Lang::Vi, MemberState::NotRegistered) => "chưa đăng ký",
        (Lang::Vi, MemberState::Registered) => "đã đăng ký, chưa tự đánh giá",
        (Lang::Vi, MemberState::Assessing) => "đang tự đánh giá",
        (Lang::Vi, MemberState::Submitted) => "đã nộp, chờ duyệt",
        (Lang::Vi, MemberState::Approved) => "đã duyệt",
        (Lang::Vi, MemberState::Returned) => "đã trả lại để sửa",
        (Lang::En, MemberState::NotRegistered) => "not registered",
        (Lang::En, MemberState::Registered) => "registered, not assessed",
        (Lang::En, MemberState::Assessing) => "assessing",
        (Lang::En, MemberState::Submitted) => "submitted, waiting for review",
        (Lang::En, MemberState::Approved) => "approved",
        (Lang::En, MemberState::Returned) => "returned for correction",
    }
}

pub fn overview(lang: Lang, overview: &Overview) -> String {
    if overview.members.is_empty() {
        return pick(
            lang,
            "Hiện không có ai thuộc phạm vi anh/chị duyệt.".into(),
            "There is nobody for you to review.".into(),
        );
    }
    let mut text = pick(
        lang,
        format!("{} — tình hình tự đánh giá:\n", overview.campaign.name),
        format!("{} — self-assessment progress:\n", overview.campaign.name),
    );
    for line in &overview.members {
        let unit = line
            .unit_name
            .as_ref()
            .map_or(String::new(), |unit| format!(" ({unit})"));
        text.push_str(&format!(
            "• {}{unit}: {}\n",
            line.person.full_name,
            state(lang, line.state)
        ));
    }
    text.push_str(&pick(
        lang,
        "\nChọn một người đã nộp để xem và duyệt.".into(),
        "\nChoose someone who submitted to read and review.".into(),
    ));
    text
}

pub fn opened_header(lang: Lang, name: &str, version: i64) -> String {
    pick(
        lang,
        format!("{name} — bản tự đánh giá lần {version}.\n"),
        format!("{name} — self-assessment, version {version}.\n"),
    )
}

pub fn ask_comment(lang: Lang) -> String {
    let (min, max) = (
        Limits::REVIEW_COMMENT_MIN_CHARS,
        Limits::REVIEW_COMMENT_MAX_CHARS,
    );
    pick(
        lang,
        format!("Vui lòng gõ ý kiến để người nộp biết cần sửa gì (từ {min} đến {max} ký tự)."),
        format!("Please type what needs correcting ({min} to {max} characters)."),
    )
}

pub fn approved(lang: Lang, name: &str) -> String {
    pick(
        lang,
        format!("Đã duyệt bản tự đánh giá của {name}. Người nộp đã được thông báo."),
        format!("Approved {name}'s self-assessment; they have been told."),
    )
}

pub fn returned(lang: Lang, name: &str) -> String {
    pick(
        lang,
        format!("Đã trả lại bản tự đánh giá của {name} kèm ý kiến. Người nộp đã được thông báo."),
        format!("Returned {name}'s self-assessment with your comment; they have been told."),
    )
}

/// After a decision, when nobody else's submission waits.
pub fn none_left(lang: Lang) -> String {
    pick(
        lang,
        "\nKhông còn bản tự đánh giá nào chờ anh/chị duyệt.".into(),
        "\nNo other self-assessment is waiting for your review.".into(),
    )
}

/// The button that opens the next submission waiting for review.
pub fn next_button(lang: Lang, name: &str) -> String {
    let label = pick(
        lang,
        format!("➡️ Người tiếp theo: {name}"),
        format!("➡️ Next: {name}"),
    );
    // A button is held to one line of a phone (40 characters): a long name goes alone.
    if label.chars().count() > 40 {
        format!("➡️ {name}")
    } else {
        label
    }
}

/// To the member: (e-mail subject, message).
pub fn decision_notice(
    lang: Lang,
    reviewer: &str,
    returned_with: Option<&str>,
) -> (String, String) {
    match returned_with {
        None => (
            pick(
                lang,
                "Bản tự đánh giá đã được duyệt".into(),
                "Your self-assessment was approved".into(),
            ),
            pick(
                lang,
                format!("{reviewer} đã duyệt bản tự đánh giá của anh/chị."),
                format!("{reviewer} approved your self-assessment."),
            ),
        ),
        Some(comment) => (
            pick(
                lang,
                "Bản tự đánh giá được trả lại để sửa".into(),
                "Your self-assessment was returned".into(),
            ),
            pick(
                lang,
                format!(
                    "{reviewer} đã trả lại bản tự đánh giá của anh/chị với ý kiến: “{comment}”. Vui lòng sửa và nộp lại bằng /tudanhgia."
                ),
                format!(
                    "{reviewer} returned your self-assessment: “{comment}”. Please correct it and resubmit with /assess."
                ),
            ),
        ),
    }
}

pub struct Buttons {
    pub approve: String,
    pub return_it: String,
    pub back: String,
    pub close: String,
}

pub fn buttons(lang: Lang) -> Buttons {
    Buttons {
        approve: pick(lang, "✅ Duyệt".into(), "✅ Approve".into()),
        return_it: pick(lang, "↩️ Trả lại".into(), "↩️ Return".into()),
        back: pick(lang, "⬅️ Danh sách".into(), "⬅️ List".into()),
        close: pick(lang, "✖️ Đóng".into(), "✖️ Close".into()),
    }
}
