//! Greeting people when they link their account or come back.

use super::{Lang, pick, titles};
use crate::domain::person::Person;
use crate::domain::role::Role;
use chrono::{DateTime, Utc};

fn can_do(lang: Lang, role: Role) -> &'static str {
    match (lang, role) {
        (Lang::Vi, Role::Staff) => {
            "đăng ký danh hiệu thi đua (/dangky) và theo dõi tình hình (/trangthai)"
        }
        (Lang::Vi, Role::UnitHead) => {
            "đăng ký danh hiệu tập thể cho đơn vị và theo dõi đăng ký của các thành viên"
        }
        (Lang::Vi, Role::Secretary) => "theo dõi, đôn đốc các đơn vị và thẩm định hồ sơ thi đua",
        (Lang::Vi, Role::CouncilMember) => {
            "bỏ phiếu kín tại phiên họp Hội đồng Thi đua – Khen thưởng"
        }
        (Lang::Vi, Role::Director) => "phê duyệt kết quả thi đua – khen thưởng",
        (Lang::Vi, Role::BlockContact) => {
            "chấm điểm thi đua của đơn vị trong khối (/chamdiem) và, với trưởng khối, kiểm tra bảng điểm của các thành viên (/kiemtra)"
        }
        (Lang::En, Role::BlockContact) => {
            "score your unit in its emulation block (/score) and, for the block's leader, cross-check the members' sheets (/crosscheck)"
        }
        (Lang::En, Role::Staff) => {
            "register emulation titles (/register) and follow your status (/status)"
        }
        (Lang::En, Role::UnitHead) => {
            "register your unit's collective title and follow your members' registrations"
        }
        (Lang::En, Role::Secretary) => "follow up units and appraise nominations",
        (Lang::En, Role::CouncilMember) => "vote by secret ballot in council sessions",
        (Lang::En, Role::Director) => "approve the campaign's results",
    }
}

/// Sent once an account is linked, and again on a bare /start from a linked person.
pub fn greeting(lang: Lang, person: &Person, unit_name: &str) -> String {
    let mut roles = String::new();
    for role in person.roles.iter() {
        roles.push_str(&format!(
            "• {}: {}\n",
            titles::role_name(lang, role),
            can_do(lang, role)
        ));
    }
    pick(
        lang,
        format!(
            "Xin chào {}!\nTài khoản Telegram của anh/chị đã được liên kết với hồ sơ tại {}.\nAnh/chị có thể:\n{}Gõ /help để xem các lệnh, /lang để chuyển sang tiếng Anh.",
            person.full_name, unit_name, roles
        ),
        format!(
            "Hello {}!\nYour Telegram account is linked to your record at {}.\nYou can:\n{}Send /help for the commands, /lang to switch to Vietnamese.",
            person.full_name, unit_name, roles
        ),
    )
}

pub fn bare_start_unknown(lang: Lang) -> String {
    pick(
        lang,
        "Xin chào! Đây là bot Thi đua – Khen thưởng của Sở. Để bắt đầu, vui lòng mở đường liên kết mời riêng mà Văn phòng Sở đã gửi cho anh/chị qua e-mail; bot sẽ tự nhận ra anh/chị. Nếu chưa nhận được, vui lòng liên hệ Văn phòng Sở.".into(),
        "Hello! This is the department's emulation and commendation bot. To start, please open the personal invitation link the Office sent you by e-mail; the bot will recognise you. If you have not received one, please contact the Office.".into(),
    )
}

/// Asked of the new account before a linked record moves to it. `by_email`: the person has an
/// e-mail address on file, which is told too.
pub fn move_preview(lang: Lang, person: &Person, unit_name: &str, by_email: bool) -> String {
    let told_vi = if by_email {
        "tài khoản Telegram cũ và địa chỉ e-mail của hồ sơ"
    } else {
        "tài khoản Telegram cũ"
    };
    let told_en = if by_email {
        "the old Telegram account and the record's e-mail address"
    } else {
        "the old Telegram account"
    };
    let name = &person.full_name;
    pick(
        lang,
        format!(
            "Hồ sơ {name} ({unit_name}) đang liên kết với một tài khoản Telegram khác.\n\nNếu anh/chị xác nhận chuyển:\n• hồ sơ sẽ được liên kết với tài khoản Telegram này;\n• tài khoản cũ không còn thao tác được cho hồ sơ nữa;\n• {told_vi} sẽ nhận thông báo về việc chuyển.\n\nChỉ xác nhận khi chính anh/chị đổi tài khoản (đổi điện thoại, mất tài khoản)."
        ),
        format!(
            "The record of {name} ({unit_name}) is linked to another Telegram account.\n\nIf you confirm the move:\n• the record is linked to this Telegram account;\n• the old account can no longer act for it;\n• {told_en} will be told of the move.\n\nConfirm only if you yourself changed accounts (a new phone, a lost account)."
        ),
    )
}

pub struct MoveButtons {
    pub confirm: String,
    pub cancel: String,
}

pub fn move_buttons(lang: Lang) -> MoveButtons {
    MoveButtons {
        confirm: pick(
            lang,
            "✅ Xác nhận chuyển".into(),
            "✅ Confirm the move".into(),
        ),
        cancel: pick(lang, "✖️ Không chuyển".into(), "✖️ Do not move".into()),
    }
}

pub fn move_cancelled(lang: Lang) -> String {
    pick(
        lang,
        "Đã hủy: hồ sơ vẫn liên kết với tài khoản Telegram cũ, không có gì thay đổi. Đường liên kết mời vẫn dùng được đến khi hết hạn.".into(),
        "Cancelled: the record stays linked to the old Telegram account; nothing changed. The invite link still works until it expires.".into(),
    )
}

/// To the old account and the record's e-mail once the record moved: (subject, body).
pub fn moved_notice(lang: Lang, full_name: &str, at: DateTime<Utc>) -> (String, String) {
    let (time, date) = crate::domain::time::local_time_and_date(at);
    (
        pick(
            lang,
            "Hồ sơ của anh/chị đã được liên kết với tài khoản Telegram khác".into(),
            "Your record was linked to another Telegram account".into(),
        ),
        pick(
            lang,
            format!(
                "Kính gửi {full_name},\n\nLúc {time} ngày {date}, hồ sơ của anh/chị trên bot Thi đua – Khen thưởng của Sở đã được liên kết với một tài khoản Telegram khác bằng thư mời mới. Tài khoản Telegram cũ không còn thao tác được cho anh/chị nữa.\n\nNếu chính anh/chị đã đổi tài khoản, anh/chị không cần làm gì thêm. Nếu không phải anh/chị, kính đề nghị báo ngay cho Văn phòng Sở để thu hồi liên kết và cấp thư mời mới."
            ),
            format!(
                "Dear {full_name},\n\nAt {time} on {date}, your record on the department's emulation and commendation bot was linked to another Telegram account with a new invite. The old Telegram account can no longer act for you.\n\nIf you changed accounts yourself, nothing more is needed. If not, please tell the department's Office at once so the link is revoked and a new invite issued."
            ),
        ),
    )
}
