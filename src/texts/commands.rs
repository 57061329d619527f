//! Descriptions of the chat commands, for /help and Telegram's command menu (setMyCommands).

use super::Lang;
use crate::domain::menu::MenuCommand;

pub fn description(lang: Lang, command: MenuCommand) -> &'static str {
    match (lang, command) {
        (Lang::Vi, MenuCommand::Start) => "Bắt đầu / liên kết tài khoản bằng mã mời",
        (Lang::Vi, MenuCommand::Help) => "Xem các lệnh anh/chị có thể dùng",
        (Lang::Vi, MenuCommand::Register) => "Đăng ký, thay đổi hoặc rút danh hiệu thi đua",
        (Lang::Vi, MenuCommand::Assess) => "Tự đánh giá, báo cáo thành tích trong năm",
        (Lang::Vi, MenuCommand::Review) => "Duyệt bản tự đánh giá của thành viên",
        (Lang::Vi, MenuCommand::Meeting) => "Ghi kết quả họp bình xét của đơn vị",
        (Lang::Vi, MenuCommand::Resend) => "Bổ sung và gửi lại đề nghị bị Thường trực trả lại",
        (Lang::Vi, MenuCommand::Reopen) => {
            "Mở lại cuộc họp bình xét của một đơn vị (kèm mã đơn vị)"
        }
        (Lang::Vi, MenuCommand::Extend) => {
            "Gia hạn một giai đoạn, ví dụ /giahan dangky 31/03/2026 17:00"
        }
        (Lang::Vi, MenuCommand::Status) => "Xem tình hình đăng ký và tiến độ thi đua",
        (Lang::Vi, MenuCommand::Cancel) => "Thoát thao tác đang thực hiện",
        (Lang::Vi, MenuCommand::Lang) => "Chuyển ngôn ngữ Việt / Anh",
        (Lang::Vi, MenuCommand::Reminders) => "Chọn cách nhận nhắc hạn và tin tổng hợp",
        (Lang::Vi, MenuCommand::Appraise) => "Thẩm định các đề nghị khen thưởng của đơn vị",
        (Lang::Vi, MenuCommand::Ballot) => "Mở, theo dõi và kết thúc bỏ phiếu kín của Hội đồng",
        (Lang::Vi, MenuCommand::Approve) => "Xem kết quả và phê duyệt quyết định công nhận",
        (Lang::Vi, MenuCommand::Commendation) => {
            "Đề nghị, thẩm định, quyết định Giấy khen của Giám đốc Sở"
        }
        (Lang::Vi, MenuCommand::Score) => "Chấm điểm thi đua của đơn vị trong khối",
        (Lang::Vi, MenuCommand::CrossCheck) => "Kiểm tra bảng chấm điểm của các thành viên khối",
        (Lang::Vi, MenuCommand::Evidence) => "Xem tệp minh chứng của một người (kèm mã nhân viên)",
        (Lang::Vi, MenuCommand::Papers) => "Tải văn bản: tờ trình, biên bản, quyết định, thống kê",
        (Lang::Vi, MenuCommand::BlockResults) => {
            "Xem và xác nhận kết quả xếp hạng các khối thi đua"
        }
        (Lang::En, MenuCommand::Start) => "Start / link your account with an invitation code",
        (Lang::En, MenuCommand::Help) => "See the commands you can use",
        (Lang::En, MenuCommand::Register) => "Register, change or withdraw emulation titles",
        (Lang::En, MenuCommand::Assess) => "Self-assess your year's achievements",
        (Lang::En, MenuCommand::Review) => "Review members' self-assessments",
        (Lang::En, MenuCommand::Meeting) => "Record the unit's review meeting",
        (Lang::En, MenuCommand::Resend) => "Complete and resend a nomination the council returned",
        (Lang::En, MenuCommand::Reopen) => "Reopen a unit's review meeting (with the unit's code)",
        (Lang::En, MenuCommand::Extend) => {
            "Extend a phase, e.g. /extend registration 31/03/2026 17:00"
        }
        (Lang::En, MenuCommand::Status) => "See registration and progress",
        (Lang::En, MenuCommand::Cancel) => "Leave the current action",
        (Lang::En, MenuCommand::Lang) => "Switch language Vietnamese / English",
        (Lang::En, MenuCommand::Reminders) => "Choose how you receive reminders and digests",
        (Lang::En, MenuCommand::Appraise) => "Appraise the units' nominations",
        (Lang::En, MenuCommand::Ballot) => "Open, follow and close the council's secret ballot",
        (Lang::En, MenuCommand::Approve) => "See the results and approve the decision",
        (Lang::En, MenuCommand::Score) => "Score your unit in its emulation block",
        (Lang::En, MenuCommand::CrossCheck) => "Cross-check the block members' scoring sheets",
        (Lang::En, MenuCommand::Evidence) => {
            "See a person's evidence files (with the employee code)"
        }
        (Lang::En, MenuCommand::Papers) => {
            "Get the papers: submission, minutes, decision, statistics"
        }
        (Lang::En, MenuCommand::BlockResults) => "See and confirm the emulation blocks' rankings",
        (Lang::En, MenuCommand::Commendation) => {
            "Propose, appraise or decide the director's Certificate of Commendation"
        }
    }
}

pub fn help(lang: Lang, commands: &[MenuCommand], linked: bool) -> String {
    let mut text = match lang {
        Lang::Vi => String::from("Các lệnh anh/chị có thể dùng:\n"),
        Lang::En => String::from("Commands you can use:\n"),
    };
    for command in commands {
        let names = match lang {
            Lang::Vi => format!("/{}", command.vi_name()),
            Lang::En => format!("/{}", command.en_name()),
        };
        text.push_str(&format!("{names} — {}\n", description(lang, *command)));
    }
    if !linked {
        text.push_str(match lang {
            Lang::Vi => "\nĐể dùng đầy đủ, vui lòng mở đường liên kết mời mà Văn phòng Sở đã gửi qua e-mail.",
            Lang::En => "\nTo use everything, please open the invitation link the Office sent you by e-mail.",
        });
    }
    text.trim_end().to_owned()
}
