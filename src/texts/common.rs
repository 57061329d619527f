//! Sentences shared by every dialogue.

use super::{Lang, pick};
use chrono::{DateTime, Utc};

pub fn internal_error(lang: Lang) -> String {
    pick(
        lang,
        "Xin lỗi, hệ thống đang gặp sự cố nên chưa xử lý được yêu cầu của anh/chị. Vui lòng thử lại sau ít phút; thông tin đã lưu trước đó vẫn được giữ nguyên.".into(),
        "Sorry, something went wrong on our side and your request was not processed. Please try again in a few minutes; everything saved before is kept.".into(),
    )
}

pub fn group_pointer(lang: Lang, bot_username: &str) -> String {
    pick(
        lang,
        format!(
            "Để bảo đảm riêng tư, vui lòng nhắn tin riêng cho bot tại https://t.me/{bot_username} để thực hiện thao tác này."
        ),
        format!(
            "For privacy, please message the bot privately at https://t.me/{bot_username} to do this."
        ),
    )
}

pub fn use_the_buttons(lang: Lang) -> String {
    pick(
        lang,
        "Vui lòng chọn bằng các nút bên dưới tin nhắn trước, hoặc gõ /huy để thoát. Lựa chọn đang dở của anh/chị vẫn được giữ.".into(),
        "Please choose with the buttons under the previous message, or send /cancel to leave. Your unfinished choice is kept.".into(),
    )
}

pub fn not_understood(lang: Lang) -> String {
    pick(
        lang,
        "Bot chỉ nhận tin nhắn văn bản và các nút bấm. Gõ /help để xem các lệnh anh/chị có thể dùng.".into(),
        "The bot only understands text messages and buttons. Send /help to see the commands you can use.".into(),
    )
}

pub fn idle_hint(lang: Lang) -> String {
    pick(
        lang,
        "Anh/chị hiện không có thao tác nào đang dở. Gõ /help để xem các lệnh có thể dùng.".into(),
        "Nothing is in progress. Send /help to see the commands you can use.".into(),
    )
}

pub fn unknown_command(lang: Lang) -> String {
    pick(
        lang,
        "Lệnh này không có hoặc viết chưa đúng. Gõ /help để xem các lệnh anh/chị có thể dùng."
            .into(),
        "Unknown or malformed command. Send /help to see the commands you can use.".into(),
    )
}

pub fn cancelled(lang: Lang) -> String {
    pick(
        lang,
        "Đã thoát thao tác đang thực hiện. Những gì đã lưu trước đó không thay đổi.".into(),
        "Left the current action. Nothing saved before has changed.".into(),
    )
}

/// The alert on a button of an earlier screen while a dialogue is open: nothing was taken from
/// it, and the screen the dialogue waits on follows as a new message.
pub fn stale_in_dialogue(lang: Lang) -> String {
    pick(
        lang,
        "Nút này thuộc một câu hỏi trước nên không được ghi nhận. Câu hỏi hiện tại được gửi lại ngay bên dưới.".into(),
        "That button belongs to an earlier question, so nothing was recorded. The current question is sent again below.".into(),
    )
}

pub fn nothing_to_cancel(lang: Lang) -> String {
    pick(
        lang,
        "Hiện không có thao tác nào để thoát.".into(),
        "There is nothing to cancel.".into(),
    )
}

pub fn language_switched(lang: Lang) -> String {
    pick(
        lang,
        "Đã chuyển sang tiếng Việt.".into(),
        "Switched to English. Send /lang again to return to Vietnamese.".into(),
    )
}

/// After a restart, to a chat whose last action was saved while its answer was lost.
pub fn interrupted_notice(lang: Lang, at: DateTime<Utc>) -> (String, String) {
    let (time, date) = crate::domain::time::local_time_and_date(at);
    (
        pick(
            lang,
            "Thao tác của anh/chị đã được lưu".into(),
            "Your last action was saved".into(),
        ),
        pick(
            lang,
            format!(
                "Xin lỗi anh/chị: hệ thống vừa gián đoạn đúng lúc xử lý thao tác anh/chị gửi lúc {time} ngày {date}. \
                 Thao tác đó đã được lưu đầy đủ, chỉ là hệ thống chưa kịp trả lời. \
                 Kính mời anh/chị gõ /trangthai để xem kết quả, rồi tiếp tục công việc đang làm."
            ),
            format!(
                "Sorry: the system was interrupted while handling what you sent at {time} on {date}. \
                 It was saved in full; only the answer was lost. \
                 Please send /status to see the result, then carry on."
            ),
        ),
    )
}

/// A percentage to at most two decimals without trailing zeros, with the reader's decimal mark:
/// "62,5%" in Vietnamese, "62.5%" in English.
pub fn percent(lang: Lang, percent: f64) -> String {
    let rounded = (percent * 100.0).round() / 100.0;
    let digits = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.2}").trim_end_matches('0').to_owned()
    };
    match lang {
        Lang::Vi => format!("{}%", digits.replace('.', ",")),
        Lang::En => format!("{digits}%"),
    }
}
