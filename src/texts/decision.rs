//! The director's decision (/pheduyet): the result list with ballot figures, the prompts, and
//! the notice the secretaries receive when the list is sent back.

mod preview;

pub use preview::{PreviewButtons, Shown, approval_preview, preview_buttons};

use super::{Lang, pick};
use crate::domain::limits::Limits;
use crate::services::decision::{Approved, Results};

pub fn results(lang: Lang, org: &crate::org::Org, results: &Results) -> String {
    let mut text = pick(
        lang,
        format!(
            "Kết quả xét thi đua – khen thưởng năm {}:\n",
            results.campaign.year
        ),
        format!("Emulation results {}:\n", results.campaign.year),
    );
    if let Some(members) = results.membership {
        text.push_str(&pick(
            lang,
            format!("(Hội đồng có {members} thành viên; tỷ lệ tính trên tổng số thành viên.)\n"),
            format!("(The council has {members} members; shares are of the whole membership.)\n"),
        ));
    }
    let mut unit = String::new();
    for line in &results.lines {
        let unit_name = org.unit_name(&line.unit_code);
        if unit_name != unit {
            text.push_str(&format!("\n▪️ {unit_name}\n"));
            unit = unit_name;
        }
        let who = line
            .full_name
            .clone()
            .unwrap_or_else(|| pick(lang, "Tập thể".into(), "Collective".into()));
        let figures = match (line.ballot_yes, line.ballot_no) {
            (Some(yes), Some(no)) => pick(
                lang,
                format!(" — đồng ý {yes}, không đồng ý {no}"),
                format!(" — {yes} for, {no} against"),
            ),
            _ => pick(
                lang,
                " — không cần bỏ phiếu".into(),
                " — no ballot needed".into(),
            ),
        };
        let upward = crate::domain::title::Title::code_decided_upward(&line.title);
        let status = match (lang, line.status.as_str()) {
            (Lang::Vi, "failed") => "❌ không đạt",
            (Lang::Vi, "approved") if upward => "📨 đã đề nghị cấp trên xét tặng",
            (Lang::En, "approved") if upward => "📨 proposed to the province",
            (Lang::Vi, _) if upward => "✅ đạt — đề nghị cấp trên xét tặng",
            (Lang::En, _) if upward => "✅ passed — to be proposed to the province",
            (Lang::En, "failed") => "❌ not passed",
            (Lang::Vi, "approved") => "🏅 đã công nhận",
            (Lang::En, "approved") => "🏅 recognised",
            (Lang::Vi, _) => "✅ đạt",
            (Lang::En, _) => "✅ passed",
        };
        text.push_str(&format!(
            "• {who} — {}{figures}: {status}\n",
            super::export::title(&line.title)
        ));
    }
    if let Some(approval) = &results.approval {
        text.push_str(&pick(
            lang,
            format!(
                "\nĐã phê duyệt: Quyết định số {}.",
                approval.number.as_deref().unwrap_or("")
            ),
            format!(
                "\nApproved: Decision No. {}.",
                approval.number.as_deref().unwrap_or("")
            ),
        ));
    } else {
        let upward = match results.proposed_upward() {
            0 => (String::new(), String::new()),
            n => (
                format!(" và đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng {n} danh hiệu"),
                format!(" and {n} proposed to the provincial chairman"),
            ),
        };
        text.push_str(&pick(
            lang,
            format!(
                "\nSẽ công nhận {} danh hiệu{} nếu anh/chị phê duyệt.",
                results.recognised(),
                upward.0
            ),
            format!(
                "\n{} titles will be recognised{} if you approve.",
                results.recognised(),
                upward.1
            ),
        ));
    }
    text
}

pub fn approve_button(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "✅ Phê duyệt",
        Lang::En => "✅ Approve",
    }
}

pub fn send_back_button(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "↩️ Trả lại Thường trực",
        Lang::En => "↩️ Send back",
    }
}

pub fn ask_number(lang: Lang) -> String {
    pick(
        lang,
        "Vui lòng gõ số quyết định và ngày ký (dd/mm/yyyy), ví dụ: 125/QĐ-SXD 15/12/2026".into(),
        "Please type the decision's number and its date (dd/mm/yyyy), e.g. 125/QĐ-SXD 15/12/2026"
            .into(),
    )
}

pub fn ask_comment(lang: Lang) -> String {
    let (min, max) = (
        Limits::SEND_BACK_COMMENT_MIN_CHARS,
        Limits::SEND_BACK_COMMENT_MAX_CHARS,
    );
    pick(
        lang,
        format!("Vui lòng gõ ý kiến gửi Thường trực Hội đồng (từ {min} đến {max} ký tự)."),
        format!(
            "Please type your comment for the council's standing body ({min} to {max} characters)."
        ),
    )
}

pub fn approved(lang: Lang, approved: &Approved) -> String {
    let date = super::export::date(approved.decided_on);
    pick(
        lang,
        format!(
            "Đã phê duyệt Quyết định số {} ngày {date}: {} danh hiệu được công nhận, {} danh hiệu đề nghị cấp trên xét tặng. Kết quả đang được công bố trong nhóm, gửi riêng từng người và gửi e-mail đến các đơn vị ({} tin nhóm, {} tin cá nhân, {} e-mail).",
            approved.number,
            approved.recognised,
            approved.proposed_upward,
            approved.queued.group_posts,
            approved.queued.private_results,
            approved.queued.emails
        ),
        format!(
            "Decision No. {} of {date} approved: {} titles recognised, {} proposed to the province. Results are being published to the group, to each person and by e-mail to the units ({} group posts, {} private messages, {} e-mails).",
            approved.number,
            approved.recognised,
            approved.proposed_upward,
            approved.queued.group_posts,
            approved.queued.private_results,
            approved.queued.emails
        ),
    )
}

pub fn sent_back(lang: Lang) -> String {
    pick(
        lang,
        "Đã trả lại kết quả cho Thường trực Hội đồng kèm ý kiến của anh/chị.".into(),
        "The results were sent back to the standing body with your comment.".into(),
    )
}

pub fn sent_back_notice(lang: Lang, director: &str, comment: &str) -> (String, String) {
    (
        pick(
            lang,
            "Giám đốc trả lại kết quả thi đua".into(),
            "The director sent the results back".into(),
        ),
        pick(
            lang,
            format!(
                "Giám đốc {director} đã trả lại danh sách kết quả thi đua – khen thưởng.\nÝ kiến: {comment}"
            ),
            format!("Director {director} sent the results list back.\nComment: {comment}"),
        ),
    )
}

/// Why a collective nomination failed at approval (kept as its note, in Vietnamese).
pub fn collective_unsupported_note(title: crate::domain::title::Title) -> String {
    format!(
        "Khi phê duyệt, đơn vị không còn đáp ứng tiêu chuẩn danh hiệu {}: số thành viên đạt danh hiệu cá nhân sau thẩm định và bỏ phiếu chưa đủ tỷ lệ theo quy định.",
        super::titles::name(Lang::Vi, title)
    )
}
