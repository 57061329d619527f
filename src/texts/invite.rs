//! The invite e-mail, Vietnamese first and English below. A pure function of its inputs so it can
//! be read and tested without a database.

use crate::domain::person::Gender;
use chrono::{DateTime, Utc};

pub struct InviteEmailInput<'a> {
    pub full_name: &'a str,
    pub gender: Gender,
    pub link: &'a str,
    pub expires_at: DateTime<Utc>,
    pub bot_username: &'a str,
    pub department: &'a str,
    /// Who to ask for a new link: the secretaries by name and address, or the configured office.
    pub contact: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteEmail {
    pub subject: String,
    pub body: String,
}

pub const SUBJECT: &str = "Thư mời tham gia hệ thống thi đua – khen thưởng trên Telegram / Invitation to the emulation bot on Telegram";

pub fn render(input: &InviteEmailInput<'_>) -> InviteEmail {
    let InviteEmailInput {
        full_name,
        gender,
        link,
        expires_at,
        bot_username,
        department,
        contact,
    } = input;
    // Official Vietnamese letters address people as Ông (Mr) or Bà (Ms).
    let (ong_ba, mr_ms) = match gender {
        Gender::Male => ("Ông", "Mr"),
        Gender::Female => ("Bà", "Ms"),
    };
    let (time, date) = crate::domain::time::local_time_and_date(*expires_at);
    let body = format!(
        "Kính gửi {ong_ba} {full_name},

{department} sử dụng trợ lý Telegram @{bot_username} cho phong trào thi đua – khen thưởng hằng năm: \
đăng ký danh hiệu thi đua, tự đánh giá thành tích, theo dõi kết quả bình xét và nhận thông báo của \
Hội đồng Thi đua – Khen thưởng.

Để bắt đầu, xin {ong_ba} mở đường dẫn dưới đây trên điện thoại hoặc máy tính đã cài Telegram, rồi \
bấm “Bắt đầu” (Start):

{link}

Đường dẫn này dành riêng cho {ong_ba}, chỉ dùng được một lần và có hiệu lực đến {time} ngày {date} \
(giờ Việt Nam). Xin đừng chuyển tiếp thư này cho người khác. Nếu đường dẫn đã hết hạn hoặc không dùng \
được, xin liên hệ {contact} để được cấp đường dẫn mới.

Trân trọng,
Thường trực Hội đồng Thi đua – Khen thưởng
{department}

------------------------------------------------------------

Dear {mr_ms} {full_name},

{department} uses the Telegram assistant @{bot_username} for its yearly emulation and commendation \
campaign: registering emulation titles, self-assessment, following the review and receiving the \
notices of the Emulation and Commendation Council.

To begin, open the link below on a phone or computer with Telegram installed and press Start:

{link}

This link is personal, works only once and is valid until {time} on {date} (Vietnam time). Please do \
not forward this e-mail. If the link has expired or does not work, please contact {contact} for a new one.

Kind regards,
The standing body of the Emulation and Commendation Council
{department}
"
    );
    InviteEmail {
        subject: SUBJECT.to_owned(),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_email_greets_by_name_and_carries_the_link_and_the_local_expiry() {
        // 17:00 UTC on 14 March is 00:00 on 15 March in Hồ Chí Minh City.
        let expires_at = Utc.with_ymd_and_hms(2026, 3, 14, 17, 0, 0).unwrap();
        let email = render(&InviteEmailInput {
            full_name: "Trần Thị Bình",
            gender: Gender::Female,
            link: "https://t.me/thidua_bot?start=abc",
            expires_at,
            bot_username: "thidua_bot",
            department: "Sở Xây dựng tỉnh Tây Ninh",
            contact: "Lê Văn Chánh (chanh@example.gov.vn)",
        });
        assert!(
            email.body.starts_with("Kính gửi Bà Trần Thị Bình,"),
            "{}",
            email.body
        );
        assert!(email.body.contains("Dear Ms Trần Thị Bình,"));
        assert_eq!(
            email
                .body
                .matches("https://t.me/thidua_bot?start=abc")
                .count(),
            2
        );
        assert!(email.body.contains("00:00 ngày 15/03/2026"));
        assert!(email.body.contains("chỉ dùng được một lần"));
        assert!(email.body.contains("Lê Văn Chánh (chanh@example.gov.vn)"));
        assert!(email.subject.starts_with("Thư mời"));
    }
}
