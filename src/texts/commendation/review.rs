//! The standing body's appraisal, the director's decision and the operator's view of
//! proposals, in words.

use super::{GIAY_KHEN_EN, GIAY_KHEN_VI, ad_hoc_note, occasion, whom};
use crate::domain::commendation::{DecisionInputError, Status};
use crate::domain::limits::Limits;
use crate::domain::time::format_date;
use crate::services::commendation::{Decided, Line};
use crate::texts::{Lang, pick};
use chrono::NaiveDate;

fn list_line(lang: Lang, index: usize, line: &Line) -> String {
    format!(
        "{}. {} — {} — {}",
        index + 1,
        whom(lang, &line.recipient, &line.unit, line.collective),
        occasion(lang, line.commendation.occasion),
        pick(
            lang,
            format!("đề nghị: {}", line.proposer),
            format!("proposed by {}", line.proposer)
        )
    )
}

pub fn appraisal_list(lang: Lang, lines: &[Line]) -> String {
    let mut text = pick(
        lang,
        format!(
            "Đề nghị {GIAY_KHEN_VI} chờ thẩm định — {} đề nghị:",
            lines.len()
        ),
        format!(
            "Commendation proposals waiting for appraisal — {}:",
            lines.len()
        ),
    );
    for (index, line) in lines.iter().enumerate() {
        text.push('\n');
        text.push_str(&list_line(lang, index, line));
    }
    text
}

pub fn decision_list(lang: Lang, lines: &[Line]) -> String {
    let mut text = pick(
        lang,
        format!(
            "Đề nghị {GIAY_KHEN_VI} đã được Thường trực Hội đồng thẩm định, chờ Giám đốc quyết định — {} đề nghị:",
            lines.len()
        ),
        format!(
            "Appraised commendation proposals waiting for your decision — {}:",
            lines.len()
        ),
    );
    for (index, line) in lines.iter().enumerate() {
        text.push('\n');
        text.push_str(&list_line(lang, index, line));
    }
    text
}

pub fn detail(lang: Lang, line: &Line) -> String {
    let c = &line.commendation;
    let whom = whom(lang, &line.recipient, &line.unit, line.collective);
    let occasion_name = occasion(lang, c.occasion);
    let note = ad_hoc_note(lang, c.occasion);
    let proposed_on = format_date(crate::domain::time::local_date(c.proposed_at));
    pick(
        lang,
        format!(
            "Đề nghị số {}: {GIAY_KHEN_VI}, khen thưởng {occasion_name}\n• Đề nghị tặng: {whom}\n• Thành tích: {}\n• Người đề nghị: {}, ngày {proposed_on}{note}",
            c.id, c.achievement, line.proposer
        ),
        format!(
            "Proposal no. {}: {GIAY_KHEN_EN}, {occasion_name}\n• For: {whom}\n• Achievement: {}\n• Proposed by {} on {proposed_on}{note}",
            c.id, c.achievement, line.proposer
        ),
    )
}

pub fn agree_button(lang: Lang) -> String {
    pick(lang, "✅ Đồng ý".into(), "✅ Agree".into())
}

pub fn refuse_button(lang: Lang) -> String {
    pick(lang, "↩️ Không đồng ý".into(), "↩️ Refuse".into())
}

pub fn list_button(lang: Lang) -> String {
    pick(lang, "⬅️ Danh sách".into(), "⬅️ The list".into())
}

pub fn ask_refusal_reason(lang: Lang, recipient: &str) -> String {
    pick(
        lang,
        format!(
            "Vui lòng gõ lý do không đồng ý đề nghị Giấy khen cho {recipient} (từ {} đến {} ký tự). Lý do sẽ được gửi cho người đề nghị.",
            Limits::RETURN_REASON_MIN_CHARS,
            Limits::RETURN_REASON_MAX_CHARS
        ),
        format!(
            "Please type why you refuse the proposal for {recipient} ({} to {} characters). The proposer will be told.",
            Limits::RETURN_REASON_MIN_CHARS,
            Limits::RETURN_REASON_MAX_CHARS
        ),
    )
}

pub fn agreed(lang: Lang, line: &Line) -> String {
    pick(
        lang,
        format!(
            "Đã thẩm định đồng ý đề nghị Giấy khen cho {}. Đề nghị được chuyển Giám đốc Sở quyết định.",
            line.recipient
        ),
        format!(
            "You agreed to the proposal for {}. It goes to the director for the decision.",
            line.recipient
        ),
    )
}

pub fn refused(lang: Lang, line: &Line) -> String {
    pick(
        lang,
        format!(
            "Đã ghi nhận không đồng ý đề nghị Giấy khen cho {} và báo lý do cho người đề nghị.",
            line.recipient
        ),
        format!(
            "The proposal for {} is refused; the proposer is told why.",
            line.recipient
        ),
    )
}

// --- the director's decision ---

pub fn ask_decision(lang: Lang, recipient: &str) -> String {
    pick(
        lang,
        format!(
            "Vui lòng gõ số quyết định tặng Giấy khen cho {recipient} và ngày ký (dd/mm/yyyy, không sau hôm nay), cách nhau một khoảng trắng, ví dụ: 15/QĐ-SXD 20/10/2026"
        ),
        format!(
            "Please type the number of the decision awarding {recipient} and its signing date (dd/mm/yyyy, not after today), separated by a space, e.g. 15/QĐ-SXD 20/10/2026"
        ),
    )
}

pub fn decision_refused(lang: Lang, error: DecisionInputError) -> String {
    let why = match error {
        DecisionInputError::Incomplete => pick(
            lang,
            "cần gõ cả số quyết định và ngày ký".into(),
            "both the number and the date are needed".into(),
        ),
        DecisionInputError::BadNumber => pick(
            lang,
            format!(
                "số quyết định cần từ 1 đến {} ký tự",
                Limits::COMMENDATION_NUMBER_MAX_CHARS
            ),
            format!(
                "the number takes 1 to {} characters",
                Limits::COMMENDATION_NUMBER_MAX_CHARS
            ),
        ),
        DecisionInputError::NotADate => pick(
            lang,
            "ngày ký cần viết theo dạng dd/mm/yyyy".into(),
            "the date is written dd/mm/yyyy".into(),
        ),
        DecisionInputError::InTheFuture => pick(
            lang,
            "ngày ký không được sau ngày hôm nay".into(),
            "the signing date cannot be after today".into(),
        ),
    };
    pick(
        lang,
        format!("Chưa ghi nhận: {why}. Vui lòng gõ lại, ví dụ: 15/QĐ-SXD 20/10/2026"),
        format!("Not saved: {why}. Please type it again, e.g. 15/QĐ-SXD 20/10/2026"),
    )
}

pub fn decision_preview(lang: Lang, line: &Line, number: &str, date: NaiveDate) -> String {
    let whom = whom(lang, &line.recipient, &line.unit, line.collective);
    let date = format_date(date);
    let told = if line.collective {
        pick(lang, "trưởng đơn vị".into(), "the unit's head".into())
    } else {
        line.recipient.clone()
    };
    let note = ad_hoc_note(lang, line.commendation.occasion);
    pick(
        lang,
        format!(
            "Xác nhận quyết định tặng {GIAY_KHEN_VI} cho {whom}?\n• Quyết định số {number} ngày {date}\n• Thành tích: {}{note}\n\nKhi xác nhận: kết quả được công bố trong nhóm chung của Sở, {told} được báo qua tin nhắn riêng và e-mail, và Giấy khen được ghi vào lịch sử khen thưởng. Thao tác này không hoàn tác được.",
            line.commendation.achievement
        ),
        format!(
            "Confirm the decision awarding the {GIAY_KHEN_EN} to {whom}?\n• Decision {number} of {date}\n• Achievement: {}{note}\n\nOn confirming: it is published in the department's group, {told} is told in private and by e-mail, and it is written into the award history. This cannot be undone.",
            line.commendation.achievement
        ),
    )
}

pub fn confirm_decision_button(lang: Lang) -> String {
    pick(
        lang,
        "✅ Xác nhận quyết định và công bố".into(),
        "✅ Confirm and publish".into(),
    )
}

pub fn decided(lang: Lang, decided: &Decided) -> String {
    let line = &decided.line;
    let number = line.commendation.decision_number.as_deref().unwrap_or("—");
    let date = line
        .commendation
        .decision_date
        .map(format_date)
        .unwrap_or_default();
    let group = if decided.posted_to_group {
        pick(
            lang,
            " Kết quả đã được đưa vào hàng gửi nhóm chung của Sở.".into(),
            " It is queued for the department's group.".into(),
        )
    } else {
        String::new()
    };
    pick(
        lang,
        format!(
            "Đã quyết định tặng Giấy khen cho {} (Quyết định số {number} ngày {date}) và ghi vào lịch sử khen thưởng.{group}",
            line.recipient
        ),
        format!(
            "The commendation of {} is decided (decision {number} of {date}) and recorded in the award history.{group}",
            line.recipient
        ),
    )
}

// --- the operator's view ---

pub fn status_name(lang: Lang, status: Status) -> &'static str {
    match (lang, status) {
        (Lang::Vi, Status::Proposed) => "chờ thẩm định",
        (Lang::Vi, Status::Agreed) => "đã thẩm định, chờ Giám đốc quyết định",
        (Lang::Vi, Status::Refused) => "Thường trực không đồng ý",
        (Lang::Vi, Status::Published) => "đã quyết định và công bố",
        (Lang::En, Status::Proposed) => "waiting for appraisal",
        (Lang::En, Status::Agreed) => "appraised, waiting for the director",
        (Lang::En, Status::Refused) => "refused by the standing body",
        (Lang::En, Status::Published) => "decided and published",
    }
}

/// Where it stands, with the decision or the refusal's reason.
pub fn status_line(lang: Lang, line: &Line) -> String {
    let c = &line.commendation;
    let mut text = pick(
        lang,
        format!("Trạng thái: {}", status_name(lang, c.status)),
        format!("Status: {}", status_name(lang, c.status)),
    );
    if let Some(reason) = &c.refusal_reason {
        text.push_str(&pick(
            lang,
            format!(" — lý do: {reason}"),
            format!(" — reason: {reason}"),
        ));
    }
    if let (Some(number), Some(date)) = (&c.decision_number, c.decision_date) {
        text.push_str(&pick(
            lang,
            format!(" — Quyết định số {number} ngày {}", format_date(date)),
            format!(" — decision {number} of {}", format_date(date)),
        ));
    }
    text
}

/// One line of `thidua giaykhen list`.
pub fn cli_line(lang: Lang, line: &Line) -> String {
    format!(
        "{:>4}  {}  {}  {}",
        line.commendation.id,
        whom(lang, &line.recipient, &line.unit, line.collective),
        occasion(lang, line.commendation.occasion),
        status_line(lang, line)
    )
}
