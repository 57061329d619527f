//! The secret ballot's sentences: the paper, the acknowledgement (which never repeats the
//! choice), the secretary's turnout view (counts only) and the closing notice.

mod absence;
mod closing;

pub use absence::*;
pub use closing::*;

use super::{Lang, pick, titles};
use crate::domain::ballot::BallotStatus;
use crate::services::ballot::{Cast, Overview, Paper};
use crate::services::status::BallotProgress;

pub fn choice_labels(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Vi => ("Đồng ý", "Không đồng ý"),
        Lang::En => ("Agree", "Disagree"),
    }
}

pub fn paper(lang: Lang, paper: &Paper, index: usize, total: usize) -> String {
    let title = titles::name(lang, paper.title);
    let summary = if paper.summary.is_empty() {
        pick(lang, "(không có tóm tắt)".into(), "(no summary)".into())
    } else {
        paper.summary.clone()
    };
    pick(
        lang,
        format!(
            "🗳 PHIẾU BẦU KÍN {index}/{total}\nĐề nghị danh hiệu: {title}\nNgười được đề nghị: {}\nĐơn vị: {}\nTóm tắt thành tích: {summary}\n\nAnh/chị vui lòng chọn một trong hai nút dưới đây. Phiếu đã bỏ không thể thay đổi và được giữ bí mật.",
            paper.nominee, paper.unit
        ),
        format!(
            "🗳 SECRET BALLOT {index}/{total}\nProposed title: {title}\nNominee: {}\nUnit: {}\nAchievements: {summary}\n\nPlease choose one of the two buttons below. A cast vote is final and kept secret.",
            paper.nominee, paper.unit
        ),
    )
}

/// The acknowledgement: the vote is recorded; how many papers are left. Never the choice.
/// /trangthai's line for a council member while the secret ballot is open: counts only.
pub fn status_line(lang: Lang, progress: BallotProgress) -> String {
    let BallotProgress { cast, total } = progress;
    if cast >= total {
        pick(
            lang,
            format!("\n\nBỏ phiếu kín: anh/chị đã bỏ phiếu đủ {total}/{total} đề nghị."),
            format!("\n\nSecret ballot: you have voted on all {total} nominations."),
        )
    } else {
        pick(
            lang,
            format!(
                "\n\nBỏ phiếu kín: anh/chị đã bỏ {cast}/{total} phiếu; các phiếu còn lại đang chờ trong cuộc trò chuyện này."
            ),
            format!(
                "\n\nSecret ballot: you have cast {cast} of {total} ballots; the others are waiting in this chat."
            ),
        )
    }
}

pub fn recorded(lang: Lang, cast: Cast) -> String {
    if cast.left == 0 {
        pick(
            lang,
            format!(
                "✅ Đã ghi nhận phiếu. Anh/chị đã bỏ phiếu đủ {} đề nghị. Xin cảm ơn!",
                cast.total
            ),
            format!(
                "✅ Vote recorded. You have voted on all {} nominations. Thank you!",
                cast.total
            ),
        )
    } else {
        pick(
            lang,
            format!(
                "✅ Đã ghi nhận phiếu. Anh/chị còn {}/{} phiếu chưa bỏ.",
                cast.left, cast.total
            ),
            format!(
                "✅ Vote recorded. You have {} of {} ballots left.",
                cast.left, cast.total
            ),
        )
    }
}

/// What a paper shows once voted: the same paper without buttons, marked as cast.
pub fn paper_done(lang: Lang) -> String {
    pick(
        lang,
        "🗳 Phiếu này đã được bỏ. Nội dung lựa chọn được giữ bí mật.".into(),
        "🗳 This ballot has been cast. The choice is kept secret.".into(),
    )
}

pub fn written_recorded(lang: Lang, member: &str, cast: Cast) -> String {
    pick(
        lang,
        format!(
            "✅ Đã nhập phiếu bằng văn bản của {member}. Còn {}/{} phiếu chưa nhập.",
            cast.left, cast.total
        ),
        format!(
            "✅ {member}'s written vote entered. {} of {} ballots left.",
            cast.left, cast.total
        ),
    )
}

pub fn written_intro(lang: Lang, member: &str, left: usize) -> String {
    pick(
        lang,
        format!(
            "Nhập phiếu bằng văn bản của {member} (vắng mặt): còn {left} phiếu. Vui lòng chọn đúng như phiếu giấy đã ký."
        ),
        format!(
            "Entering the written vote of {member} (absent): {left} ballots left. Please choose exactly as on the signed paper."
        ),
    )
}

/// The secretary's view: turnout only, never a choice or a running tally.
pub fn overview(lang: Lang, overview: &Overview) -> String {
    let Some(ballot) = &overview.ballot else {
        return pick(
            lang,
            "Cuộc bỏ phiếu kín năm nay chưa mở. Khi các đề nghị đã được thẩm định hợp lệ, anh/chị bấm \"Mở bỏ phiếu\" để gửi phiếu đến các thành viên Hội đồng.".into(),
            "This year's secret ballot is not open yet. Once nominations are appraised as valid, press \"Open the ballot\" to send the papers to the council members.".into(),
        );
    };
    let turnout = overview.turnout.unwrap_or(crate::domain::ballot::Turnout {
        finished: 0,
        started: 0,
        roll_entries: 0,
        written_entries: 0,
    });
    let state = match (lang, ballot.status) {
        (Lang::Vi, BallotStatus::Open) => "đang mở",
        (Lang::Vi, BallotStatus::Closed) => "đã kết thúc",
        (Lang::En, BallotStatus::Open) => "open",
        (Lang::En, BallotStatus::Closed) => "closed",
    };
    pick(
        lang,
        format!(
            "🗳 Bỏ phiếu kín năm {}: {state}.\nSố đề nghị trên phiếu: {}\nĐã bỏ phiếu đủ: {}/{} thành viên\nĐã bắt đầu bỏ phiếu: {}/{} thành viên\n(Kết quả chỉ được kiểm sau khi kết thúc bỏ phiếu.)",
            overview.campaign.year,
            overview.items,
            turnout.finished,
            ballot.membership,
            turnout.started,
            ballot.membership
        ),
        format!(
            "🗳 Secret ballot {}: {state}.\nNominations on the paper: {}\nMembers who have voted on all: {}/{}\nMembers who have started: {}/{}\n(Results are counted only after the ballot closes.)",
            overview.campaign.year,
            overview.items,
            turnout.finished,
            ballot.membership,
            turnout.started,
            ballot.membership
        ),
    )
}

pub fn open_button(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Mở bỏ phiếu",
        Lang::En => "Open the ballot",
    }
}

pub fn close_button(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Kết thúc bỏ phiếu",
        Lang::En => "Close the ballot",
    }
}

pub fn written_button(lang: Lang, member: &str) -> String {
    pick(
        lang,
        format!("Nhập phiếu giấy: {member}"),
        format!("Enter paper vote: {member}"),
    )
}

pub fn opened(lang: Lang, items: usize, membership: usize, on_paper: &[String]) -> String {
    let paper = if on_paper.is_empty() {
        String::new()
    } else {
        pick(
            lang,
            format!(
                "\nThành viên chưa liên kết Telegram (bỏ phiếu bằng văn bản): {}.",
                on_paper.join(", ")
            ),
            format!(
                "\nMembers without Telegram (vote in writing): {}.",
                on_paper.join(", ")
            ),
        )
    };
    pick(
        lang,
        format!(
            "Đã mở bỏ phiếu kín: {items} đề nghị, {membership} thành viên Hội đồng. Phiếu đã được gửi riêng đến từng thành viên.{paper}"
        ),
        format!(
            "The secret ballot is open: {items} nominations, {membership} council members. Papers were sent privately to each member.{paper}"
        ),
    )
}

pub fn closed(lang: Lang, items: usize, passed: usize) -> String {
    pick(
        lang,
        format!(
            "Đã kết thúc bỏ phiếu và kiểm phiếu: {passed}/{items} đề nghị đạt tỷ lệ theo quy định. Gõ /pheduyet (Giám đốc) để xem kết quả."
        ),
        format!(
            "The ballot is closed and counted: {passed} of {items} nominations reached the threshold. The director sends /approve to see the results."
        ),
    )
}

/// Why a collective nomination failed once the ballot was tallied (kept as its appraisal note,
/// in Vietnamese like the notes the secretary types).
pub fn collective_failed_note(title: crate::domain::title::Title) -> String {
    format!(
        "Sau kết quả bỏ phiếu của Hội đồng, đơn vị không còn đáp ứng tiêu chuẩn danh hiệu {}: số thành viên được Hội đồng thông qua danh hiệu Chiến sĩ thi đua cơ sở chưa đạt yêu cầu.",
        titles::name(Lang::Vi, title)
    )
}

pub fn closed_notice(lang: Lang, items: usize, passed: usize) -> (String, String) {
    (
        pick(
            lang,
            "Kết quả bỏ phiếu kín".into(),
            "Secret ballot results".into(),
        ),
        closed(lang, items, passed),
    )
}
