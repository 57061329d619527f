//! What the notifier tells people about delivery itself: notices to the secretaries about
//! messages that could not be delivered, and the footer of an e-mail that replaces a Telegram
//! message.

use super::Lang;

pub fn publication_uncertain(lang: Lang, name: &str, row_id: i64) -> String {
    match lang {
        Lang::Vi => format!(
            "Kính gửi anh/chị {name},\n\n\
             Hệ thống không nhận được phản hồi từ Telegram khi đăng tin công bố (mã tin #{row_id}) lên nhóm, \
             nên chưa rõ tin đã được đăng hay chưa. Để tránh đăng trùng, hệ thống sẽ không tự gửi lại.\n\n\
             Xin anh/chị vui lòng kiểm tra nhóm; nếu chưa thấy tin, có thể gửi lại bằng lệnh \
             `thidua outbox retry {row_id}`.\n\nTrân trọng."
        ),
        Lang::En => format!(
            "Dear {name},\n\n\
             Telegram did not answer when the publication (message #{row_id}) was posted to the group, so it \
             is not known whether it appeared. To avoid posting it twice, it will not be re-sent automatically.\n\n\
             Please check the group; if the post is missing, re-send it with `thidua outbox retry {row_id}`."
        ),
    }
}

/// `by_email`: whether the failed message was an e-mail (otherwise a Telegram message).
pub fn delivery_failed(
    lang: Lang,
    name: &str,
    by_email: bool,
    id: i64,
    recipient: &str,
    reason: &str,
) -> String {
    match lang {
        Lang::Vi => {
            let what = if by_email {
                "thư điện tử"
            } else {
                "tin nhắn Telegram"
            };
            format!(
                "Kính gửi anh/chị {name},\n\n\
                 Hệ thống không gửi được {what} (mã tin #{id}) tới {recipient}.\nLý do: {reason}\n\n\
                 Xin anh/chị vui lòng kiểm tra lại địa chỉ người nhận; sau khi sửa, có thể gửi lại bằng lệnh \
                 `thidua outbox retry {id}`.\n\nTrân trọng."
            )
        }
        Lang::En => {
            let what = if by_email {
                "an e-mail"
            } else {
                "a Telegram message"
            };
            format!(
                "Dear {name},\n\n\
                 {what} (message #{id}) to {recipient} could not be delivered.\nReason: {reason}\n\n\
                 Please check the recipient's address; once corrected, re-send it with `thidua outbox retry {id}`."
            )
        }
    }
}

pub fn notice_subject(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Hệ thống thi đua: có tin nhắn chưa gửi được",
        Lang::En => "Emulation system: a message could not be delivered",
    }
}

/// (subject, footer) of the e-mail sent instead of an undeliverable Telegram message.
pub fn email_instead(lang: Lang, bot_username: &str, had_buttons: bool) -> (&'static str, String) {
    let (subject, mut footer, buttons) = match lang {
        Lang::Vi => (
            "Thông báo từ Hội đồng Thi đua – Khen thưởng",
            format!(
                "Thư này được gửi qua e-mail vì hệ thống không gửi được tin nhắn Telegram cho anh/chị \
                 (có thể anh/chị đã chặn bot hoặc chưa bấm Bắt đầu). Để nhận thông báo qua Telegram, \
                 xin mở https://t.me/{bot_username} và bấm Start."
            ),
            "Các nút bấm trong tin nhắn chỉ dùng được trên Telegram.",
        ),
        Lang::En => (
            "A message from the Emulation and Commendation Council",
            format!(
                "You are receiving this by e-mail because the Telegram message could not be delivered \
                 (the bot may be blocked or was never started). To get messages on Telegram again, open \
                 https://t.me/{bot_username} and press Start."
            ),
            "The message's buttons work only in Telegram.",
        ),
    };
    if had_buttons {
        footer.push(' ');
        footer.push_str(buttons);
    }
    (subject, footer)
}
