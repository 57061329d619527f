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
            // Most often a command tried from the menu or /help of someone else: say whose it
            // is and where to find one's own, without sounding like a warning.
            format!("Thao tác này chỉ dành cho {}. Anh/chị có thể gõ /help để xem các lệnh dành cho mình.", super::titles::role_name(lang, *role)),
            format!("Only a {} can use this. Send /help to see the commands open to you.", super::titles::role_name(lang, *role)),
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
        Refusal::ResubmittedSinceRead { version } => pick(
            lang,
            format!("Bản tự đánh giá vừa được nộp lại (lần {version}) sau khi anh/chị mở bản trước, nên chưa ghi nhận quyết định. Vui lòng gõ /duyet để xem bản mới rồi quyết định."),
            format!("The self-assessment was submitted again (version {version}) after you opened the earlier one, so nothing was recorded. Please send /review to read the new version, then decide."),
        ),
        Refusal::MeetingAlreadySubmitted => pick(
            lang,
            "Biên bản họp bình xét của đơn vị đã được gửi Thường trực Hội đồng Thi đua – Khen thưởng nên không thể ghi lại. Nếu cần điều chỉnh, vui lòng đề nghị Thường trực mở lại.".into(),
            "Your unit's review meeting has already been submitted to the council's standing body, so it cannot be recorded again. To change it, please ask the standing body to reopen it.".into(),
        ),
        Refusal::UnitReviewLocked => pick(
            lang,
            "Đơn vị đã gửi kết quả họp bình xét nên việc duyệt bản tự đánh giá đã khóa. Nếu cần duyệt lại, vui lòng đề nghị Thường trực Hội đồng Thi đua – Khen thưởng mở lại cuộc họp.".into(),
            "The unit has submitted its review meeting, so reviews are locked. To review again, please ask the council's standing body to reopen the meeting.".into(),
        ),
        Refusal::MeetingWithoutQuorum { present, members } => pick(
            lang,
            format!("Cuộc họp chưa đủ số người dự theo quy định ({present}/{members} thành viên có mặt) nên không thể gửi đề nghị. Chưa có đề nghị nào được gửi; vui lòng tổ chức họp lại khi đủ số người dự."),
            format!("The meeting did not reach its quorum ({present} of {members} members present), so nothing can be proposed. Nothing was submitted; please hold the meeting again with enough members."),
        ),
        Refusal::MeetingChanged => pick(
            lang,
            "Dữ liệu của đơn vị đã thay đổi trong lúc anh/chị ghi biên bản (có bản tự đánh giá vừa được duyệt hoặc thành viên thay đổi), hoặc thông tin nhập không còn hợp lệ. Vui lòng gõ /binhxet để ghi lại từ đầu.".into(),
            "The unit's data changed while you were recording the meeting (an assessment was just approved or the members changed), or an entry is no longer valid. Please send /meeting to start again.".into(),
        ),
        Refusal::CollectiveNotSupported => pick(
            lang,
            "Kết quả của các thành viên chưa đáp ứng tiêu chuẩn danh hiệu tập thể đã đăng ký nên không thể đề nghị danh hiệu này.".into(),
            "The members' results do not meet the registered collective title's criteria, so it cannot be proposed.".into(),
        ),
        Refusal::NothingToReopen(unit) => pick(
            lang,
            format!("{unit} chưa gửi kết quả họp bình xét nên không có gì để mở lại."),
            format!("{unit} has not submitted its review meeting, so there is nothing to reopen."),
        ),
        Refusal::NominationsAlreadyAppraised(unit) => pick(
            lang,
            format!("Không thể mở lại cuộc họp bình xét của {unit}: đã có đề nghị của đơn vị được thẩm định (hoặc đã qua bỏ phiếu, phê duyệt). Mở lại sẽ xóa kết quả đó. Nếu cần thay đổi một đề nghị, vui lòng trả lại đúng đề nghị đó trong /thamdinh."),
            format!("The review meeting of {unit} cannot be reopened: some of its nominations are already appraised (or balloted, or decided), and reopening would erase that. To change one nomination, return that nomination in /appraise."),
        ),
        Refusal::UnknownUnit(code) => pick(
            lang,
            format!("Không tìm thấy đơn vị có mã “{code}”. Vui lòng gõ theo mẫu: /mohop VP"),
            format!("There is no unit with the code “{code}”. Please type it like: /reopen VP"),
        ),
        Refusal::RulesUnavailable => pick(
            lang,
            format!("Hiện chưa đọc được bộ tiêu chí của đợt thi đua nên chưa thể xét. Vui lòng liên hệ {contact}."),
            format!("The campaign's rule set cannot be read right now, so nothing can be decided. Please contact {contact}."),
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
        Refusal::NothingToAppraise => pick(
            lang,
            "Đề nghị này không còn chờ thẩm định (có thể đã được đánh dấu hợp lệ hoặc đã trả lại). Gõ /thamdinh để xem danh sách mới nhất.".into(),
            "This nomination is no longer waiting for appraisal (it may already be marked valid or returned). Send /appraise for the latest list.".into(),
        ),
        Refusal::CommendationRoleRequired => pick(
            lang,
            "Giấy khen của Giám đốc Sở do trưởng đơn vị hoặc Thường trực Hội đồng Thi đua – Khen thưởng đề nghị, Thường trực Hội đồng thẩm định và Giám đốc Sở quyết định, nên anh/chị chưa thể dùng lệnh này.".into(),
            "The director's Certificate of Commendation is proposed by a unit head or the council's standing body, appraised by the standing body and decided by the director, so this command is not open to you.".into(),
        ),
        Refusal::CommendationRecipientNotAllowed => pick(
            lang,
            "Anh/chị không thể đề nghị Giấy khen cho người hoặc đơn vị này: trưởng đơn vị chỉ đề nghị cho đơn vị mình và thành viên của đơn vị, và không ai tự đề nghị cho chính mình. Gõ /giaykhen để chọn lại.".into(),
            "You cannot propose a Certificate of Commendation for this person or unit: a unit head proposes only for their own unit and its members, and nobody proposes for themself. Send /commendation to choose again.".into(),
        ),
        Refusal::CommendationNotPending => pick(
            lang,
            "Đề nghị Giấy khen này không còn chờ bước này (đã được thẩm định hoặc quyết định rồi). Không có gì thay đổi. Gõ /giaykhen để xem danh sách mới nhất.".into(),
            "This Certificate of Commendation proposal no longer waits for this step (it was appraised or decided already). Nothing changed. Send /commendation for the latest list.".into(),
        ),
        Refusal::NoCommendationWaiting => pick(
            lang,
            "Hiện không có đề nghị Giấy khen nào đang chờ anh/chị xử lý.".into(),
            "No Certificate of Commendation proposal is waiting for you now.".into(),
        ),
        Refusal::NotABlockContact => pick(
            lang,
            "Lệnh này dành cho người liên hệ của các thành viên khối thi đua năm nay (hoặc trưởng khối, Thường trực Hội đồng khi kiểm tra, Hội đồng khi xác nhận kết quả). Nếu anh/chị là người liên hệ, vui lòng báo Thường trực Hội đồng Thi đua – Khen thưởng Sở.".into(),
            "This command is for the contacts of this year's emulation block members (or the block's leader and the standing body when cross-checking, the council when confirming). If you are a contact, please tell the council's standing body.".into(),
        ),
        Refusal::BlockSheetSent => pick(
            lang,
            "Bảng tự chấm điểm của đơn vị đã được gửi trưởng khối nên không sửa được nữa. Nếu cần điều chỉnh, vui lòng đề nghị trưởng khối khi kiểm tra.".into(),
            "Your unit's scoring sheet was sent to the block's leader and can no longer be changed. Ask the leader to adjust it when cross-checking.".into(),
        ),
        Refusal::BlockScoringClosed(until) => pick(
            lang,
            format!("Thời hạn gửi bảng tự chấm điểm của khối đã kết thúc ngày {}. Không có gì thay đổi; vui lòng liên hệ trưởng khối.", until.format("%d/%m/%Y")),
            format!("The block's scoring closed on {}. Nothing changed; please contact the block's leader.", until.format("%d/%m/%Y")),
        ),
        Refusal::BlockSheetIncomplete(missing) => pick(
            lang,
            format!("Bảng chấm điểm còn thiếu điểm ở tiêu chí {}. Vui lòng chấm đủ trước khi gửi.", missing.join(", ")),
            format!("The sheet still lacks points for criteria {}. Please score them before sending.", missing.join(", ")),
        ),
        Refusal::NotBlockChecker => pick(
            lang,
            "Bảng chấm điểm do trưởng khối kiểm tra (bảng của trưởng khối do phó khối kiểm tra), hoặc Thường trực Hội đồng Thi đua – Khen thưởng Sở. Anh/chị không kiểm tra được bảng này.".into(),
            "Sheets are cross-checked by the block's leader (the leader's own by the deputy) or the council's standing body; you cannot check this one.".into(),
        ),
        Refusal::BlockSheetChanged => pick(
            lang,
            "Bảng chấm điểm này đã thay đổi (hoặc đã được kiểm tra) sau khi hiển thị. Không có gì thay đổi; gõ /kiemtra để xem bản mới nhất.".into(),
            "This sheet changed (or was checked) after it was shown. Nothing changed; send /crosscheck for the latest.".into(),
        ),
        Refusal::BlockNotChecked(names) => pick(
            lang,
            format!("Chưa thể xác nhận kết quả: bảng chấm điểm của {} chưa được kiểm tra.", names.join(", ")),
            format!("The results cannot be confirmed yet: the sheets of {} are not cross-checked.", names.join(", ")),
        ),
        Refusal::BlockUnresolvedTie(names) => pick(
            lang,
            format!("Chưa thể xác nhận kết quả: {} bằng điểm sau mọi tiêu chí phụ của bảng chấm điểm, mà ở ranh giới giữa hai mức đề nghị. Vui lòng bổ sung tiêu chí phụ trong bảng chấm điểm hoặc để trưởng khối rà soát lại điểm.", names.join(", ")),
            format!("The results cannot be confirmed yet: {} tie after every tie-break of the scoring table, across the line between two awards. Add a tie-break to the table or have the leader review the points.", names.join(", ")),
        ),
        Refusal::EvidenceRejected(rejected) => super::evidence::rejected(lang, rejected),
        Refusal::EvidenceAlreadyAttached(name) => pick(
            lang,
            format!("Tệp “{name}” đã được đính kèm trước đó. Không có gì thay đổi."),
            format!("The file “{name}” is attached already. Nothing changed."),
        ),
        Refusal::UnknownPerson(code) => pick(
            lang,
            format!("Không có ai mang mã nhân viên “{code}”. Vui lòng kiểm tra lại mã."),
            format!("Nobody has the employee code “{code}”. Please check the code."),
        ),
        Refusal::EvidenceNotYours => pick(
            lang,
            "Minh chứng của một người chỉ được xem bởi chính người đó, trưởng đơn vị của họ, Thường trực Hội đồng và Giám đốc.".into(),
            "A person's evidence is seen only by them, their unit head, the standing body and the director.".into(),
        ),
        Refusal::NoEvidence(name) => pick(
            lang,
            format!("{name} chưa đính kèm tệp minh chứng nào."),
            format!("{name} has attached no evidence."),
        ),
        Refusal::BlockAlreadyConfirmed => pick(
            lang,
            "Kết quả của khối này đã được xác nhận trước đó. Không có gì thay đổi.".into(),
            "This block's results were confirmed already. Nothing changed.".into(),
        ),
        Refusal::NothingToResend => pick(
            lang,
            "Đơn vị không có đề nghị nào bị trả lại đang chờ gửi lại (hoặc đề nghị này đã được gửi lại). Gõ /guilai để xem danh sách mới nhất.".into(),
            "Your unit has no returned nomination waiting to be resent (or this one was resent already). Send /resend for the latest list.".into(),
        ),
        Refusal::InputInvalid => pick(
            lang,
            "Nội dung chưa hợp lệ. Vui lòng nhập lại theo hướng dẫn.".into(),
            "That input is not valid. Please enter it again as shown.".into(),
        ),
        Refusal::NothingToBallot => pick(
            lang,
            "Chưa có đề nghị hợp lệ nào thuộc danh hiệu phải bỏ phiếu kín, nên chưa thể mở bỏ phiếu.".into(),
            "No valid nomination for a title that needs a secret ballot yet, so the ballot cannot open.".into(),
        ),
        Refusal::BallotAlreadyOpened => pick(
            lang,
            "Cuộc bỏ phiếu năm nay đã được mở trước đó.".into(),
            "This year's ballot has already been opened.".into(),
        ),
        Refusal::BallotKeyMissing => pick(
            lang,
            "Hệ thống chưa được cấu hình khoá niêm phong phiếu bầu, nên chưa thể mở bỏ phiếu kín hay ghi nhận phiếu. Kính đề nghị liên hệ bộ phận quản trị hệ thống để thiết lập khoá (ballot.secrecy_key), sau đó thực hiện lại.".into(),
            "No ballot sealing key is configured, so the secret ballot cannot open or record a vote. Please ask the system administrator to set one (ballot.secrecy_key), then try again.".into(),
        ),
        Refusal::NoBallot => pick(
            lang,
            "Cuộc bỏ phiếu kín năm nay chưa được mở.".into(),
            "This year's secret ballot has not been opened.".into(),
        ),
        Refusal::BallotClosed => pick(
            lang,
            "Cuộc bỏ phiếu đã kết thúc; không thể bỏ phiếu hoặc thay đổi phiếu nữa.".into(),
            "The ballot has closed; no vote can be cast or changed any more.".into(),
        ),
        Refusal::AlreadyVoted => pick(
            lang,
            "Anh/chị đã bỏ phiếu cho đề nghị này. Phiếu đã bỏ là phiếu cuối cùng, không thể thay đổi.".into(),
            "You have already voted on this nomination. A cast vote is final and cannot be changed.".into(),
        ),
        Refusal::OwnNomination => pick(
            lang,
            "Anh/chị không thể tự thẩm định đề nghị của chính mình. Đề nghị này do thành viên khác của Thường trực Hội đồng hoặc Chủ tịch Hội đồng thẩm định.".into(),
            "You cannot appraise your own nomination. Another member of the standing body or the council's chair appraises it.".into(),
        ),
        Refusal::MemberVotingInChat => pick(
            lang,
            "Thành viên này đã tự bỏ phiếu qua Telegram, tức là đang có mặt, nên không thể ghi vắng mặt. Thành viên tự bỏ các phiếu còn lại.".into(),
            "This member has already voted in chat, so they are present and cannot be recorded absent. They cast their remaining votes themselves.".into(),
        ),
        Refusal::AlreadyRecordedAbsent => pick(
            lang,
            "Thành viên này đã được ghi vắng mặt trước đó. Anh/chị có thể nhập phiếu bằng văn bản của thành viên từ màn hình /bophieu.".into(),
            "This member was already recorded absent. You can enter their written vote from /ballot.".into(),
        ),
        Refusal::WrittenVoteNeedsAbsence => pick(
            lang,
            "Chỉ nhập phiếu bằng văn bản cho thành viên đã được ghi vắng mặt hoặc chưa liên kết Telegram; thành viên có mặt tự bỏ phiếu của mình. Nếu thành viên vắng mặt, vui lòng bấm “Ghi vắng mặt” trong /bophieu trước.".into(),
            "Written votes are entered only for members recorded absent or without Telegram; a present member votes themselves. If the member is absent, press “Record absent” in /ballot first.".into(),
        ),
        Refusal::RecordedAbsent => pick(
            lang,
            "Thư ký Hội đồng đã ghi nhận anh/chị vắng mặt tại cuộc bỏ phiếu này, nên phiếu của anh/chị được nhập từ phiếu bằng văn bản anh/chị đã ký. Nếu anh/chị đang có mặt, kính đề nghị báo ngay với Thư ký Hội đồng.".into(),
            "The council's secretary recorded you as absent from this ballot, so your vote is entered from the paper you signed. If you are present, please tell the secretary at once.".into(),
        ),
        Refusal::BallotChangedSinceShown => pick(
            lang,
            "Đã có phiếu mới được bỏ sau khi anh/chị xem màn hình xác nhận, nên chưa kết thúc bỏ phiếu. Vui lòng xem lại tình hình bỏ phiếu và xác nhận lại.".into(),
            "New votes arrived after you saw the confirmation, so the ballot is still open. Please look at the turnout again and confirm again.".into(),
        ),
        Refusal::CloseWouldRevealAVote => pick(
            lang,
            "Chưa thể kết thúc sớm: có đề nghị mới chỉ có một thành viên bỏ phiếu, nên kết quả kiểm phiếu sẽ cho biết lựa chọn của thành viên đó. Vui lòng chờ thêm phiếu hoặc đến hết thời hạn bỏ phiếu.".into(),
            "The ballot cannot close early: a nomination has a single member's vote, so its count would show how that member voted. Please wait for more votes or for the end of the ballot phase.".into(),
        ),
        Refusal::BallotStillOpen => pick(
            lang,
            "Cuộc bỏ phiếu kín chưa kết thúc nên chưa có kết quả để phê duyệt.".into(),
            "The secret ballot has not closed yet, so there are no results to approve.".into(),
        ),
        Refusal::AlreadyDecided => pick(
            lang,
            "Kết quả thi đua năm nay đã được phê duyệt.".into(),
            "This year's results have already been approved.".into(),
        ),
        Refusal::NothingToDecide => pick(
            lang,
            "Chưa có kết quả nào qua thẩm định và bỏ phiếu để phê duyệt.".into(),
            "Nothing has passed appraisal and ballot yet, so there is nothing to approve.".into(),
        ),
    }
}
