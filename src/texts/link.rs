//! Greeting people when they link their account or come back.

use super::{Lang, pick, titles};
use crate::domain::person::Person;
use crate::domain::role::Role;

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
