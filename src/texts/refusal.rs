//! Explaining a refused action: what was refused, why, and what to do next.

use super::{Lang, pick};
use crate::domain::phase::{Phase, WindowState};
use crate::domain::time::format_local;
use crate::services::Refusal;

pub fn phase_name(lang: Lang, phase: Phase) -> &'static str {
    match (lang, phase) {
        (Lang::Vi, Phase::Registration) => "đăng ký danh hiệu thi đua",
        (Lang::Vi, Phase::SelfAssessment) => "tự đánh giá",
        (Lang::Vi, Phase::UnitReview) => "bình xét tại đơn vị",
        (Lang::Vi, Phase::Appraisal) => "thẩm định",
        (Lang::Vi, Phase::Ballot) => "bỏ phiếu kín",
        (Lang::Vi, Phase::Decision) => "quyết định và công bố",
        (Lang::En, Phase::Registration) => "title registration",
        (Lang::En, Phase::SelfAssessment) => "self-assessment",
        (Lang::En, Phase::UnitReview) => "unit review",
        (Lang::En, Phase::Appraisal) => "appraisal",
        (Lang::En, Phase::Ballot) => "secret ballot",
        (Lang::En, Phase::Decision) => "decision and publication",
    }
}

/// `contact` names who to ask when a phase is closed (the council's standing body).
pub fn explain(lang: Lang, refusal: &Refusal, contact: &str) -> String {
    match refusal {
        Refusal::NotLinked => pick(
            lang,
            "Tài khoản Telegram này chưa được liên kết với hồ sơ cán bộ nào. Vui lòng mở đường liên kết mời mà Văn phòng Sở đã gửi cho anh/chị (qua e-mail) để bắt đầu.".into(),
            "This Telegram account is not linked to any staff record yet. Please open the invitation link the Office sent you (by e-mail) to start.".into(),
        ),
        Refusal::NoCampaign => pick(
            lang,
            format!("Hiện chưa có đợt thi đua nào được mở. Vui lòng liên hệ {contact} nếu cần hỗ trợ."),
            format!("No campaign has been opened yet. Please contact {contact} if you need help."),
        ),
        Refusal::PhaseNotOpen { phase, state, window } => {
            let name = phase_name(lang, *phase);
            match state {
                WindowState::NotYetOpen => pick(
                    lang,
                    format!("Thời gian {name} chưa bắt đầu: mở từ {} đến {}.", format_local(window.opens), format_local(window.closes)),
                    format!("The {name} window has not opened yet: it runs from {} to {}.", format_local(window.opens), format_local(window.closes)),
                ),
                _ => pick(
                    lang,
                    format!("Thời gian {name} đã kết thúc lúc {}. Nếu cần điều chỉnh, vui lòng liên hệ {contact}.", format_local(window.closes)),
                    format!("The {name} window closed at {}. For any change, please contact {contact}.", format_local(window.closes)),
                ),
            }
        }
        Refusal::RoleRequired(role) => pick(
            lang,
            format!("Thao tác này chỉ dành cho {}. Yêu cầu của anh/chị không được thực hiện và đã được ghi nhận.", super::titles::role_name(lang, *role)),
            format!("Only a {} may do this. Your request was not carried out and has been recorded.", super::titles::role_name(lang, *role)),
        ),
        Refusal::TitleNotOffered => pick(
            lang,
            "Danh hiệu này không có trong đợt thi đua năm nay. Vui lòng gõ /dangky để chọn lại.".into(),
            "This title is not offered in this year's campaign. Send /register to choose again.".into(),
        ),
        Refusal::NothingToWithdraw => pick(
            lang,
            "Anh/chị chưa đăng ký danh hiệu nào nên không có gì để rút.".into(),
            "You have not registered any title, so there is nothing to withdraw.".into(),
        ),
        Refusal::NotRegistered => pick(
            lang,
            "Anh/chị chưa đăng ký danh hiệu thi đua nào trong năm nên chưa có gì để tự đánh giá. Nếu cần bổ sung đăng ký, vui lòng liên hệ Thường trực Hội đồng Thi đua – Khen thưởng.".into(),
            "You have not registered any title this year, so there is nothing to assess. To add a registration, please contact the council's standing body.".into(),
        ),
        Refusal::AssessmentApproved => pick(
            lang,
            "Bản tự đánh giá của anh/chị đã được trưởng đơn vị duyệt nên không thể sửa nữa. Nếu cần điều chỉnh, vui lòng trao đổi với trưởng đơn vị.".into(),
            "Your self-assessment has already been approved by your unit head and can no longer be changed. Please talk to your unit head if something must change.".into(),
        ),
        Refusal::AssessmentIncomplete => pick(
            lang,
            "Bản tự đánh giá chưa trả lời đủ các câu hỏi nên chưa nộp được. Gõ /tudanhgia để tiếp tục.".into(),
            "The self-assessment is not complete yet, so it cannot be submitted. Send /assess to continue.".into(),
        ),
        Refusal::NothingToReview => pick(
            lang,
            "Không có bản tự đánh giá nào đang chờ duyệt ở đây (có thể đã được duyệt, đã trả lại, hoặc chưa nộp).".into(),
            "There is no submitted self-assessment waiting here (it may already be decided, or not submitted yet).".into(),
        ),
        Refusal::StaleButton => pick(
            lang,
            "Nút này thuộc một tin nhắn cũ hoặc không còn hiệu lực. Vui lòng dùng tin nhắn mới nhất, hoặc gõ lại lệnh.".into(),
            "This button belongs to an old message or is no longer valid. Please use the latest message, or send the command again.".into(),
        ),
        Refusal::InviteUnknown => pick(
            lang,
            "Mã mời không đúng. Vui lòng mở lại đường liên kết trong e-mail mời (không gõ tay), hoặc liên hệ Văn phòng Sở để được cấp mã mới.".into(),
            "This invitation code is not valid. Please open the link from the invitation e-mail again (do not type it), or ask the Office for a new one.".into(),
        ),
        Refusal::InviteUsed => pick(
            lang,
            "Mã mời này đã được sử dụng. Mỗi mã chỉ dùng được một lần; nếu anh/chị cần liên kết lại, vui lòng liên hệ Văn phòng Sở để được cấp mã mới.".into(),
            "This invitation code has already been used. Each code works once; to link again, please ask the Office for a new one.".into(),
        ),
        Refusal::InviteExpired => pick(
            lang,
            "Mã mời này đã hết hạn. Vui lòng liên hệ Văn phòng Sở để được cấp mã mới.".into(),
            "This invitation code has expired. Please ask the Office for a new one.".into(),
        ),
        Refusal::InviteRevoked => pick(
            lang,
            "Mã mời này đã bị thu hồi (có thể đã có mã mới thay thế). Vui lòng dùng đường liên kết trong e-mail mời mới nhất.".into(),
            "This invitation code was revoked (a newer one may have replaced it). Please use the link from the latest invitation e-mail.".into(),
        ),
        Refusal::AccountBoundToOther => pick(
            lang,
            "Tài khoản Telegram này đã được liên kết với một cán bộ khác. Mỗi tài khoản chỉ liên kết với một người; vui lòng liên hệ Văn phòng Sở nếu có nhầm lẫn.".into(),
            "This Telegram account is already linked to another person. An account links to one person only; please contact the Office if this is a mistake.".into(),
        ),
        Refusal::TooManyAttempts { retry_after } => pick(
            lang,
            format!("Anh/chị đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau {}.", format_local(*retry_after)),
            format!("Too many wrong codes. Please try again after {}.", format_local(*retry_after)),
        ),
    }
}
