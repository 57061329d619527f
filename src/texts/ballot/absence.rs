//! Recording a council member absent from the ballot, and telling them.

use super::super::{Lang, pick};
use crate::services::notifications::Channel;

pub fn absent_button(lang: Lang, member: &str) -> String {
    pick(
        lang,
        format!("Ghi vắng mặt: {member}"),
        format!("Record absent: {member}"),
    )
}

pub fn confirm_absent_button(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "✅ Xác nhận ghi vắng mặt",
        Lang::En => "✅ Confirm: record absent",
    }
}

/// Back to the ballot's overview from a preview; never on the row of a confirmation.
pub fn back_button(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "⬅️ Quay lại, chưa thực hiện",
        Lang::En => "⬅️ Back, do nothing",
    }
}

fn channels(lang: Lang, on: &[Channel]) -> String {
    let names: Vec<&str> = on
        .iter()
        .map(|channel| match channel {
            Channel::Telegram => "Telegram",
            Channel::Email => "e-mail",
        })
        .collect();
    match (lang, names.is_empty()) {
        (Lang::Vi, true) => "(thành viên chưa có Telegram và e-mail trong hồ sơ)".into(),
        (Lang::En, true) => "(the member has neither Telegram nor e-mail on file)".into(),
        (Lang::Vi, false) => names.join(" và "),
        (Lang::En, false) => names.join(" and "),
    }
}

/// What recording `member` absent does, before the secretary confirms it.
pub fn absence_preview(lang: Lang, member: &str, told_on: &[Channel]) -> String {
    let told = channels(lang, told_on);
    pick(
        lang,
        format!(
            "Ghi nhận {member} vắng mặt tại cuộc bỏ phiếu kín?\n\nSau khi ghi nhận:\n• {member} không tự bỏ phiếu qua Telegram được nữa; phiếu của {member} chỉ được nhập từ phiếu bằng văn bản có chữ ký.\n• {member} được thông báo ngay qua {told}.\n• Việc ghi nhận được lưu vào nhật ký và không hủy được trong chat.\n\nChỉ ghi vắng mặt khi thành viên thực sự không dự cuộc bỏ phiếu."
        ),
        format!(
            "Record {member} as absent from the secret ballot?\n\nOnce recorded:\n• {member} can no longer vote in chat; their vote is entered only from their signed paper.\n• {member} is told at once by {told}.\n• The record is kept in the audit log and cannot be undone in chat.\n\nRecord a member absent only if they really are not taking part."
        ),
    )
}

pub fn absence_recorded(lang: Lang, member: &str, told_on: &[Channel]) -> String {
    let told = channels(lang, told_on);
    pick(
        lang,
        format!(
            "Đã ghi nhận {member} vắng mặt và đã thông báo qua {told}. Khi nhận được phiếu bằng văn bản có chữ ký, anh/chị bấm “Nhập phiếu giấy: {member}” trong /bophieu để nhập."
        ),
        format!(
            "{member} is recorded absent and was told by {told}. Once the signed paper arrives, press “Enter paper vote: {member}” in /ballot."
        ),
    )
}

/// To the member recorded absent, on every channel they have: (subject, body).
pub fn absence_notice(lang: Lang, year: i32, secretary: &str) -> (String, String) {
    (
        pick(
            lang,
            format!("Ghi nhận vắng mặt tại cuộc bỏ phiếu kín năm {year}"),
            format!("Recorded absent from the {year} secret ballot"),
        ),
        pick(
            lang,
            format!(
                "Thư ký Hội đồng {secretary} đã ghi nhận anh/chị vắng mặt tại cuộc bỏ phiếu kín năm {year} của Hội đồng Thi đua – Khen thưởng. Phiếu của anh/chị sẽ được nhập từ phiếu bằng văn bản có chữ ký của anh/chị.\n\nNếu anh/chị đang có mặt hoặc không gửi phiếu bằng văn bản, kính đề nghị báo ngay với Chủ tịch hoặc Thư ký Hội đồng trước khi kết thúc bỏ phiếu."
            ),
            format!(
                "The council's secretary {secretary} recorded you as absent from the {year} secret ballot of the Emulation and Commendation Council. Your vote will be entered from your signed paper.\n\nIf you are present, or did not send a signed paper, please tell the council's chair or secretary before the ballot closes."
            ),
        ),
    )
}

/// To an absent member once all their written votes are entered: (subject, body). Never the
/// choice.
pub fn written_entered_notice(
    lang: Lang,
    year: i32,
    secretary: &str,
    items: usize,
) -> (String, String) {
    (
        pick(
            lang,
            format!("Phiếu bằng văn bản của anh/chị đã được nhập (bỏ phiếu kín năm {year})"),
            format!("Your written vote was entered ({year} secret ballot)"),
        ),
        pick(
            lang,
            format!(
                "Thư ký Hội đồng {secretary} đã nhập phiếu bằng văn bản của anh/chị cho {items} đề nghị trong cuộc bỏ phiếu kín năm {year}. Nội dung lựa chọn được giữ bí mật.\n\nNếu anh/chị không gửi phiếu bằng văn bản, kính đề nghị báo ngay với Chủ tịch Hội đồng."
            ),
            format!(
                "The council's secretary {secretary} entered your written vote on {items} nominations in the {year} secret ballot. The choices are kept secret.\n\nIf you did not send a written vote, please tell the council's chair at once."
            ),
        ),
    )
}
