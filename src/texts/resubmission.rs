//! /guilai: the unit head's list of returned nominations, one of them with its return reason,
//! the note the head types, the preview before resending, and the standing body's notice.

use super::{Lang, pick, titles};
use crate::domain::limits::Limits;
use crate::domain::title::Title;
use crate::services::resubmission::ReturnedLine;

fn item(lang: Lang, line: &ReturnedLine) -> String {
    format!(
        "{} — {}",
        line.nominee,
        titles::name(lang, line.nomination.title)
    )
}

pub fn list(lang: Lang, lines: &[ReturnedLine]) -> String {
    let mut text = pick(
        lang,
        format!(
            "Đề nghị của đơn vị bị Thường trực Hội đồng trả lại — {} đề nghị có thể bổ sung và gửi lại trong thời gian thẩm định:\n",
            lines.len()
        ),
        format!(
            "Your unit's nominations returned by the standing body — {} can be completed and resent while appraisal is open:\n",
            lines.len()
        ),
    );
    for (index, line) in lines.iter().enumerate() {
        text.push_str(&format!("\n{}. {}", index + 1, item(lang, line)));
    }
    text.push_str(&pick(
        lang,
        "\n\nBấm số thứ tự để xem lý do trả lại và gửi lại.".into(),
        "\n\nPress a number to read why it was returned and resend it.".into(),
    ));
    text
}

pub fn detail(lang: Lang, line: &ReturnedLine) -> String {
    pick(
        lang,
        format!(
            "{}\n\nLý do Thường trực Hội đồng trả lại: {}\n\nSau khi bổ sung (giấy tờ, số quyết định, thông tin còn thiếu…), bấm “Gửi lại” và ghi ngắn gọn nội dung đã bổ sung.",
            item(lang, line),
            line.reason
        ),
        format!(
            "{}\n\nWhy the standing body returned it: {}\n\nOnce completed (papers, decision number, missing details…), press “Resend” and say briefly what was completed.",
            item(lang, line),
            line.reason
        ),
    )
}

pub fn ask_note(lang: Lang, nominee: &str) -> String {
    pick(
        lang,
        format!(
            "Vui lòng gõ nội dung đã bổ sung cho đề nghị của {nominee} (từ {} đến {} ký tự), ví dụ: “Đã bổ sung Quyết định số 45/QĐ-SXD ngày 12/6/2026 công nhận sáng kiến.”",
            Limits::RESEND_NOTE_MIN_CHARS,
            Limits::RESEND_NOTE_MAX_CHARS
        ),
        format!(
            "Please type what was completed for the nomination of {nominee} ({} to {} characters), for example: “Added Decision No. 45/QĐ-SXD of 12/6/2026 recognising the initiative.”",
            Limits::RESEND_NOTE_MIN_CHARS,
            Limits::RESEND_NOTE_MAX_CHARS
        ),
    )
}

pub fn preview(lang: Lang, line: &ReturnedLine, note: &str) -> String {
    pick(
        lang,
        format!(
            "Gửi lại đề nghị {} để Thường trực Hội đồng thẩm định lại?\n\nLý do đã trả lại: {}\nNội dung bổ sung: {note}\n\nSau khi gửi lại, đề nghị trở về danh sách chờ thẩm định, nội dung bổ sung hiển thị cho người thẩm định và Thường trực Hội đồng được thông báo.",
            item(lang, line),
            line.reason
        ),
        format!(
            "Resend the nomination {} for the standing body to appraise again?\n\nReturned because: {}\nCompleted: {note}\n\nOnce resent, it waits for appraisal again, the appraiser sees what was completed, and the standing body is told.",
            item(lang, line),
            line.reason
        ),
    )
}

pub fn resent(lang: Lang, line: &ReturnedLine) -> String {
    pick(
        lang,
        format!(
            "Đã gửi lại đề nghị {}. Thường trực Hội đồng sẽ thẩm định lại.",
            item(lang, line)
        ),
        format!(
            "The nomination {} was resent. The standing body will appraise it again.",
            item(lang, line)
        ),
    )
}

pub fn resend_button(lang: Lang) -> String {
    pick(lang, "📤 Gửi lại".into(), "📤 Resend".into())
}

pub fn confirm_button(lang: Lang) -> String {
    pick(
        lang,
        "✅ Xác nhận gửi lại".into(),
        "✅ Confirm resending".into(),
    )
}

pub fn back_button(lang: Lang) -> String {
    pick(lang, "⬅️ Danh sách".into(), "⬅️ List".into())
}

/// To the standing body: a unit resent a returned nomination.
pub fn resent_notice(
    lang: Lang,
    unit_name: &str,
    nominee: &str,
    title: Title,
    head: &str,
    note: &str,
) -> (String, String) {
    let name = titles::name(lang, title);
    (
        pick(
            lang,
            format!("Đề nghị được gửi lại: {nominee}"),
            format!("Nomination resent: {nominee}"),
        ),
        pick(
            lang,
            format!(
                "{head} ({unit_name}) đã bổ sung và gửi lại đề nghị danh hiệu {name} của {nominee}.\nNội dung bổ sung: {note}\n\nĐề nghị đã trở về danh sách chờ thẩm định (/thamdinh)."
            ),
            format!(
                "{head} ({unit_name}) completed and resent the {name} nomination of {nominee}.\nCompleted: {note}\n\nIt is waiting for appraisal again (/appraise)."
            ),
        ),
    )
}
