//! Appraisal (/thamdinh): the list of proposed nominations, one nomination's checks, and the
//! notice a unit head receives when a nomination is returned.

use super::{Lang, pick, titles};
use crate::domain::appraisal::Check;
use crate::domain::limits::Limits;
use crate::domain::person::Gender;
use crate::domain::title::Title;
use crate::services::appraisal::{Line, Overview};

pub fn list(lang: Lang, overview: &Overview) -> String {
    let own = match overview.own_elsewhere {
        0 => String::new(),
        n => pick(
            lang,
            format!(
                "\n\n({n} đề nghị của chính anh/chị do thành viên khác của Thường trực Hội đồng hoặc Chủ tịch Hội đồng thẩm định.)"
            ),
            format!(
                "\n\n({n} nomination(s) of your own are appraised by another member of the standing body or the council's chair.)"
            ),
        ),
    };
    if overview.lines.is_empty() {
        return pick(
            lang,
            "Hiện không có đề nghị nào chờ thẩm định.".into(),
            "No nomination is waiting for appraisal.".into(),
        ) + &own;
    }
    list_lines(lang, overview) + &own
}

fn list_lines(lang: Lang, overview: &Overview) -> String {
    let mut text = pick(
        lang,
        format!(
            "Thẩm định đề nghị khen thưởng năm {} — {} đề nghị chờ thẩm định:\n",
            overview.campaign.year,
            overview.lines.len()
        ),
        format!(
            "Appraisal {} — {} nominations waiting:\n",
            overview.campaign.year,
            overview.lines.len()
        ),
    );
    let mut unit = "";
    for (index, line) in overview.lines.iter().enumerate() {
        if line.unit != unit {
            unit = &line.unit;
            text.push_str(&format!("\n▪️ {unit}\n"));
        }
        let flag = match line.problems() {
            0 => pick(
                lang,
                "✅ không phát hiện vấn đề".into(),
                "✅ no issue found".into(),
            ),
            n => pick(
                lang,
                format!("⚠️ {n} điểm cần xem"),
                format!("⚠️ {n} point(s) to check"),
            ),
        };
        text.push_str(&format!(
            "{}. {} — {}: {flag}\n",
            index + 1,
            line.nominee,
            titles::name(lang, line.nomination.title)
        ));
    }
    text.push_str(&pick(
        lang,
        "\nBấm số thứ tự để xem chi tiết và thẩm định.".into(),
        "\nPress a number to see the details and appraise.".into(),
    ));
    text
}

pub fn detail(lang: Lang, line: &Line) -> String {
    let mut text = pick(
        lang,
        format!(
            "{} — {}\nĐơn vị: {}\n\nKết quả kiểm tra tự động:\n",
            line.nominee,
            titles::name(lang, line.nomination.title),
            line.unit
        ),
        format!(
            "{} — {}\nUnit: {}\n\nAutomatic checks:\n",
            line.nominee,
            titles::name(lang, line.nomination.title),
            line.unit
        ),
    );
    if let Some(note) = &line.nomination.appraisal_note {
        // Only a resent nomination waits for appraisal with a note: the head's.
        text.insert_str(
            0,
            &pick(
                lang,
                format!("📎 Đơn vị đã bổ sung khi gửi lại: {note}\n\n"),
                format!("📎 The unit resent it, completing: {note}\n\n"),
            ),
        );
    }
    if line.checks.is_empty() {
        text.push_str(&pick(
            lang,
            "• Không có dữ liệu để kiểm tra.\n".into(),
            "• Nothing to check.\n".into(),
        ));
    }
    for check in &line.checks {
        text.push_str(&check_text(lang, check));
        text.push('\n');
    }
    text
}

pub fn check_text(lang: Lang, check: &Check) -> String {
    match check {
        Check::Criteria(verdict) | Check::Collective(verdict) => super::verdict::verdict(lang, verdict),
        Check::NoAssessment => pick(
            lang,
            "⚠️ Chưa có bản tự đánh giá đã nộp để đối chiếu tiêu chuẩn.".into(),
            "⚠️ No submitted self-assessment to check the criteria against.".into(),
        ),
        Check::UnderDisciplineReview => pick(
            lang,
            "⚠️ Đang trong thời gian xem xét kỷ luật, điều tra hoặc có khiếu nại chưa giải quyết: chưa được khen thưởng.".into(),
            "⚠️ Under discipline review, investigation or an unresolved complaint: cannot be awarded yet.".into(),
        ),
        Check::MissingDecisionNumber { initiative } => pick(
            lang,
            format!("⚠️ Sáng kiến \"{initiative}\" thiếu số quyết định công nhận."),
            format!("⚠️ Initiative \"{initiative}\" lacks the number of its recognition decision."),
        ),
        Check::InitiativeUsedTwice { initiative, other, other_nominee } => pick(
            lang,
            format!("⚠️ Sáng kiến \"{initiative}\" cũng được dùng cho đề nghị {} của {other_nominee} (mỗi sáng kiến chỉ dùng cho một danh hiệu).", titles::name(lang, *other)),
            format!("⚠️ Initiative \"{initiative}\" also backs the {} nomination of {other_nominee} (one initiative, one title).", titles::name(lang, *other)),
        ),
        Check::QuotaExceeded { title, quota, proposed, achievers } => pick(
            lang,
            format!("⚠️ Vượt tỷ lệ toàn Sở: {proposed} đề nghị {} trong khi tối đa {quota} (trên {achievers} người đạt Lao động tiên tiến).", titles::name(lang, *title)),
            format!("⚠️ Over the department-wide quota: {proposed} {} nominations, at most {quota} (of {achievers} Advanced Workers).", titles::name(lang, *title)),
        ),
        Check::Evidence { employee_code, count } => {
            super::evidence::how_to_get(lang, employee_code, *count)
        }
        Check::NoUnitRating => pick(
            lang,
            "⚠️ Cuộc họp bình xét chưa ghi xếp loại tập thể nên chưa đối chiếu được tiêu chuẩn tập thể.".into(),
            "⚠️ The unit meeting recorded no collective rating, so the collective criteria cannot be checked.".into(),
        ),
    }
}

pub fn valid_button(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "✅ Hợp lệ",
        Lang::En => "✅ Valid",
    }
}

pub fn return_button(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "↩️ Trả lại",
        Lang::En => "↩️ Return",
    }
}

pub fn back_button(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "⬅️ Danh sách",
        Lang::En => "⬅️ List",
    }
}

pub fn ask_reason(lang: Lang, nominee: &str) -> String {
    let (min, max) = (
        Limits::RETURN_REASON_MIN_CHARS,
        Limits::RETURN_REASON_MAX_CHARS,
    );
    pick(
        lang,
        format!(
            "Vui lòng gõ lý do trả lại đề nghị của {nominee} (từ {min} đến {max} ký tự). Lý do sẽ được gửi đến trưởng đơn vị."
        ),
        format!(
            "Please type why the nomination of {nominee} is returned ({min} to {max} characters). The unit head will receive it."
        ),
    )
}

pub fn marked_valid(lang: Lang, nominee: &str) -> String {
    pick(
        lang,
        format!("Đã đánh dấu hợp lệ đề nghị của {nominee}."),
        format!("The nomination of {nominee} is marked valid."),
    )
}

pub fn returned(lang: Lang, nominee: &str) -> String {
    pick(
        lang,
        format!("Đã trả lại đề nghị của {nominee} và thông báo cho trưởng đơn vị."),
        format!("The nomination of {nominee} was returned and the unit head told."),
    )
}

pub fn returned_notice(
    lang: Lang,
    nominee: &str,
    title: Title,
    reason: &str,
    secretary: &str,
) -> (String, String) {
    let name = titles::name(lang, title);
    (
        pick(
            lang,
            format!("Đề nghị khen thưởng được trả lại: {nominee}"),
            format!("Nomination returned: {nominee}"),
        ),
        pick(
            lang,
            format!(
                "Thường trực Hội đồng Thi đua – Khen thưởng ({secretary}) đã trả lại đề nghị danh hiệu {name} của {nominee}.\nLý do: {reason}\n\nĐề nghị anh/chị xem xét, bổ sung và gửi lại bằng lệnh /guilai trong thời gian thẩm định."
            ),
            format!(
                "The council's standing body ({secretary}) returned the {name} nomination of {nominee}.\nReason: {reason}\n\nPlease review, complete and resend it with /resend while appraisal is open."
            ),
        ),
    )
}

/// To the nominee whose nomination went back to the unit, addressed as a colleague by gender.
pub fn own_returned_notice(
    lang: Lang,
    gender: Gender,
    title: Title,
    reason: &str,
    secretary: &str,
) -> (String, String) {
    let name = titles::name(lang, title);
    let you = match gender {
        Gender::Female => "chị",
        Gender::Male => "anh",
    };
    (
        pick(
            lang,
            format!("Đề nghị danh hiệu {name} của {you} được trả lại"),
            format!("Your {name} nomination was returned"),
        ),
        pick(
            lang,
            format!(
                "Thường trực Hội đồng Thi đua – Khen thưởng ({secretary}) đã trả lại đơn vị đề nghị danh hiệu {name} của {you}.\nLý do: {reason}\n\nTrưởng đơn vị sẽ xem xét, bổ sung và gửi lại trong thời gian thẩm định. Nếu cần bổ sung giấy tờ hoặc thông tin, {you} vui lòng trao đổi với trưởng đơn vị."
            ),
            format!(
                "The council's standing body ({secretary}) returned your {name} nomination to your unit.\nReason: {reason}\n\nYour unit head will review, complete and resend it while appraisal is open. If papers or details are missing, please talk to your unit head."
            ),
        ),
    )
}

/// The note kept on a unit's collective nomination that a member's return took from under it
/// (in Vietnamese, the record's language).
pub fn collective_unsupported_note(title: Title, member: &str, member_title: Title) -> String {
    format!(
        "Sau khi đề nghị danh hiệu {} của {member} được trả lại, đơn vị không còn đủ tỷ lệ thành viên đạt danh hiệu theo tiêu chuẩn {}; đề nghị tập thể được trả lại cùng.",
        titles::name(Lang::Vi, member_title),
        titles::name(Lang::Vi, title)
    )
}
