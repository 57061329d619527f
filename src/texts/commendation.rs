//! The director's Giấy khen (/giaykhen) in words: the proposer's steps, the standing body's
//! appraisal, the director's decision, and the notices each step sends.

mod notices;
mod review;

pub use notices::*;
pub use review::*;

use super::{Lang, pick};
use crate::domain::commendation::{Occasion, TypedError};
use crate::domain::limits::Limits;
use crate::services::commendation::{Line, Offer};

const GIAY_KHEN_VI: &str = "Giấy khen của Giám đốc Sở";
const GIAY_KHEN_EN: &str = "Certificate of Commendation of the director";

pub fn occasion(lang: Lang, occasion: Occasion) -> &'static str {
    match (lang, occasion) {
        (Lang::Vi, Occasion::Periodic) => "theo định kỳ",
        (Lang::Vi, Occasion::AdHoc) => "đột xuất",
        (Lang::En, Occasion::Periodic) => "periodic",
        (Lang::En, Occasion::AdHoc) => "ad hoc",
    }
}

/// What an ad-hoc Giấy khen does not do (Decree 152/2025 Art. 4), said wherever it is shown.
fn ad_hoc_note(lang: Lang, occasion: Occasion) -> String {
    match occasion {
        Occasion::Periodic => String::new(),
        Occasion::AdHoc => format!("\n{}", super::history::not_a_basis_sentence(lang)),
    }
}

fn whom(lang: Lang, recipient: &str, unit: &str, collective: bool) -> String {
    if collective {
        pick(
            lang,
            format!("tập thể {recipient}"),
            format!("the collective {recipient}"),
        )
    } else {
        format!("{recipient} ({unit})")
    }
}

// --- the menu ---

pub fn menu(lang: Lang, offer: &Offer) -> String {
    let mut text = pick(
        lang,
        format!("{GIAY_KHEN_VI} (Điều 75 Luật Thi đua, khen thưởng 2022) — anh/chị muốn làm gì?"),
        format!(
            "{GIAY_KHEN_EN} (Art. 75, Law on Emulation and Commendation 2022) — what would you like to do?"
        ),
    );
    if let Some(count) = offer.to_appraise {
        text.push_str(&pick(
            lang,
            format!("\n• Chờ thẩm định: {count} đề nghị"),
            format!("\n• Waiting for appraisal: {count}"),
        ));
    }
    if let Some(count) = offer.to_decide {
        text.push_str(&pick(
            lang,
            format!("\n• Chờ quyết định: {count} đề nghị"),
            format!("\n• Waiting for the decision: {count}"),
        ));
    }
    text
}

pub fn propose_button(lang: Lang) -> String {
    pick(lang, "➕ Đề nghị Giấy khen".into(), "➕ Propose one".into())
}

pub fn appraise_button(lang: Lang, count: usize) -> String {
    pick(
        lang,
        format!("🔎 Thẩm định ({count})"),
        format!("🔎 Appraise ({count})"),
    )
}

pub fn decide_button(lang: Lang, count: usize) -> String {
    pick(
        lang,
        format!("✍️ Quyết định ({count})"),
        format!("✍️ Decide ({count})"),
    )
}

/// Under one opened proposal.
pub fn decide_one_button(lang: Lang) -> String {
    pick(lang, "✍️ Quyết định".into(), "✍️ Decide".into())
}

pub fn cancel_button(lang: Lang) -> String {
    pick(lang, "✖️ Hủy".into(), "✖️ Cancel".into())
}

// --- proposing ---

pub fn choose_unit(lang: Lang) -> String {
    pick(
        lang,
        "Anh/chị đề nghị Giấy khen cho cá nhân hoặc tập thể thuộc đơn vị nào? Vui lòng chọn đơn vị.".into(),
        "Which unit is the person or collective you propose in? Please choose the unit.".into(),
    )
}

pub fn choose_recipient(lang: Lang, unit_name: &str) -> String {
    pick(
        lang,
        format!(
            "Đề nghị Giấy khen cho ai? Chọn cả tập thể {unit_name} hoặc một thành viên của đơn vị."
        ),
        format!("Who is it for? Choose the whole collective {unit_name} or one of its members."),
    )
}

pub fn collective_button(lang: Lang, unit_name: &str) -> String {
    pick(
        lang,
        format!("🏢 Tập thể {unit_name}"),
        format!("🏢 The collective {unit_name}"),
    )
}

pub fn back_button(lang: Lang) -> String {
    pick(lang, "⬅️ Quay lại".into(), "⬅️ Back".into())
}

pub fn ask_occasion(lang: Lang, recipient: &str) -> String {
    pick(
        lang,
        format!(
            "Giấy khen cho {recipient} là khen thưởng theo định kỳ hay đột xuất?\nLưu ý: khen thưởng đột xuất không làm căn cứ xét khen thưởng cấp cao hơn (Điều 4 Nghị định 152/2025/NĐ-CP)."
        ),
        format!(
            "Is the commendation for {recipient} periodic or ad hoc?\nNote: an ad-hoc commendation is not a basis for higher awards (Decree 152/2025, Art. 4)."
        ),
    )
}

pub fn occasion_button(lang: Lang, value: Occasion) -> String {
    match value {
        Occasion::Periodic => pick(lang, "📅 Theo định kỳ".into(), "📅 Periodic".into()),
        Occasion::AdHoc => pick(lang, "⚡ Đột xuất".into(), "⚡ Ad hoc".into()),
    }
}

pub fn ask_achievement(lang: Lang, recipient: &str) -> String {
    pick(
        lang,
        format!(
            "Vui lòng gõ thành tích của {recipient} làm căn cứ đề nghị (từ {} đến {} ký tự), ví dụ: “Phát hiện và xử lý kịp thời sự cố sập giàn giáo tại công trình trường học ngày 05/10/2026.”",
            Limits::ACHIEVEMENT_MIN_CHARS,
            Limits::ACHIEVEMENT_MAX_CHARS
        ),
        format!(
            "Please type {recipient}'s achievement that the proposal rests on ({} to {} characters).",
            Limits::ACHIEVEMENT_MIN_CHARS,
            Limits::ACHIEVEMENT_MAX_CHARS
        ),
    )
}

/// A typed text that was not taken, and why; nothing was saved.
pub fn typed_refused(lang: Lang, error: TypedError) -> String {
    match error {
        TypedError::Empty => pick(
            lang,
            "Nội dung đang để trống nên chưa được ghi nhận. Vui lòng gõ lại.".into(),
            "The text is empty, so nothing was saved. Please type it again.".into(),
        ),
        TypedError::TooShort { min } => pick(
            lang,
            format!("Nội dung quá ngắn (cần ít nhất {min} ký tự) nên chưa được ghi nhận. Vui lòng gõ cụ thể hơn."),
            format!("That is too short (at least {min} characters), so nothing was saved. Please be more specific."),
        ),
        TypedError::TooLong { max } => pick(
            lang,
            format!("Nội dung quá dài (tối đa {max} ký tự) nên chưa được ghi nhận. Vui lòng gõ ngắn gọn hơn."),
            format!("That is too long (at most {max} characters), so nothing was saved. Please shorten it."),
        ),
        TypedError::Garbled => pick(
            lang,
            "Nội dung có ký tự không hợp lệ nên chưa được ghi nhận. Vui lòng gõ lại.".into(),
            "The text holds characters that cannot be used, so nothing was saved. Please type it again.".into(),
        ),
    }
}

pub struct Summary<'a> {
    pub recipient: &'a str,
    pub unit: &'a str,
    pub collective: bool,
    pub occasion: Occasion,
    pub achievement: &'a str,
}

pub fn summary(lang: Lang, summary: &Summary<'_>) -> String {
    let whom = whom(lang, summary.recipient, summary.unit, summary.collective);
    let occasion_name = occasion(lang, summary.occasion);
    let note = ad_hoc_note(lang, summary.occasion);
    pick(
        lang,
        format!(
            "Xin anh/chị kiểm tra lại đề nghị trước khi gửi:\n• Hình thức: {GIAY_KHEN_VI}, khen thưởng {occasion_name}\n• Đề nghị tặng: {whom}\n• Thành tích: {}{note}\n\nSau khi gửi, đề nghị được chuyển Thường trực Hội đồng Thi đua – Khen thưởng thẩm định và không sửa được nữa.",
            summary.achievement
        ),
        format!(
            "Please check the proposal before sending it:\n• Form: {GIAY_KHEN_EN}, {occasion_name}\n• For: {whom}\n• Achievement: {}{note}\n\nOnce sent, it goes to the council's standing body for appraisal and cannot be changed.",
            summary.achievement
        ),
    )
}

pub fn send_button(lang: Lang) -> String {
    pick(lang, "✅ Gửi đề nghị".into(), "✅ Send the proposal".into())
}

pub fn retype_button(lang: Lang) -> String {
    pick(
        lang,
        "✏️ Nhập lại thành tích".into(),
        "✏️ Retype the achievement".into(),
    )
}

pub fn proposed(lang: Lang, line: &Line) -> String {
    let whom = whom(lang, &line.recipient, &line.unit, line.collective);
    pick(
        lang,
        format!(
            "Đã gửi đề nghị {GIAY_KHEN_VI} cho {whom} (số {}). Thường trực Hội đồng sẽ thẩm định; anh/chị sẽ được báo kết quả.",
            line.commendation.id
        ),
        format!(
            "The proposal for {whom} is sent (no. {}). The standing body will appraise it; you will be told the outcome.",
            line.commendation.id
        ),
    )
}
