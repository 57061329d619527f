//! The director's Giấy khen (/giaykhen) in words: the proposer's steps, the standing body's
//! appraisal, the director's decision, and the notices each step sends.

use super::{Lang, pick};
use crate::domain::commendation::{DecisionInputError, Occasion, Status, TypedError};
use crate::domain::limits::Limits;
use crate::domain::time::format_date;
use crate::services::commendation::{Decided, Line, Offer};
use chrono::NaiveDate;

const GIAY_KHEN_VI: &str = "Giấy khen của Giám đốc Sở";
const GIAY_KHEN_EN: &str = "Certificate of Commendation of the director";

pub fn occasion(lang: Lang, occasion: Occasion) -> &'static str {
    match (lang, occasion) {
        (Lang::Vi, Occasion::Periodic) => "theo định kỳ",
        (Lang::Vi, Occasion::AdHoc) => "đột xuất",
        (Lang::En, Occasion::Periodic) => "periodic",
        (Lang::En, Occasion::AdHoc) => "ad hoc",
    }
}

/// What an ad-hoc Giấy khen does not do (Decree 152/2025 Art. 4), said wherever it is shown.
fn ad_hoc_note(lang: Lang, occasion: Occasion) -> String {
    match occasion {
        Occasion::Periodic => String::new(),
        Occasion::AdHoc => format!("\n{}", super::history::not_a_basis_sentence(lang)),
    }
}

fn whom(lang: Lang, recipient: &str, unit: &str, collective: bool) -> String {
    if collective {
        pick(
            lang,
            format!("tập thể {recipient}"),
            format!("the collective {recipient}"),
        )
    } else {
        format!("{recipient} ({unit})")
    }
}

// --- the menu ---

pub fn menu(lang: Lang, offer: &Offer) -> String {
    let mut text = pick(
        lang,
        format!("{GIAY_KHEN_VI} (Điều 75 Luật Thi đua, khen thưởng 2022) — anh/chị muốn làm gì?"),
        format!(
            "{GIAY_KHEN_EN} (Art. 75, Law on Emulation and Commendation 2022) — what would you like to do?"
        ),
    );
    if let Some(count) = offer.to_appraise {
        text.push_str(&pick(
            lang,
            format!("\n• Chờ thẩm định: {count} đề nghị"),
            format!("\n• Waiting for appraisal: {count}"),
        ));
    }
    if let Some(count) = offer.to_decide {
        text.push_str(&pick(
            lang,
            format!("\n• Chờ quyết định: {count} đề nghị"),
            format!("\n• Waiting for the decision: {count}"),
        ));
    }
    text
}

pub fn propose_button(lang: Lang) -> String {
    pick(lang, "➕ Đề nghị Giấy khen".into(), "➕ Propose one".into())
}

pub fn appraise_button(lang: Lang, count: usize) -> String {
    pick(
        lang,
        format!("🔎 Thẩm định ({count})"),
        format!("🔎 Appraise ({count})"),
    )
}

pub fn decide_button(lang: Lang, count: usize) -> String {
    pick(
        lang,
        format!("✍️ Quyết định ({count})"),
        format!("✍️ Decide ({count})"),
    )
}

/// Under one opened proposal.
pub fn decide_one_button(lang: Lang) -> String {
    pick(lang, "✍️ Quyết định".into(), "✍️ Decide".into())
}

pub fn cancel_button(lang: Lang) -> String {
    pick(lang, "✖️ Hủy".into(), "✖️ Cancel".into())
}

// --- proposing ---

pub fn choose_unit(lang: Lang) -> String {
    pick(
        lang,
        "Anh/chị đề nghị Giấy khen cho cá nhân hoặc tập thể thuộc đơn vị nào? Vui lòng chọn đơn vị.".into(),
        "Which unit is the person or collective you propose in? Please choose the unit.".into(),
    )
}

pub fn choose_recipient(lang: Lang, unit_name: &str) -> String {
    pick(
        lang,
        format!(
            "Đề nghị Giấy khen cho ai? Chọn cả tập thể {unit_name} hoặc một thành viên của đơn vị."
        ),
        format!("Who is it for? Choose the whole collective {unit_name} or one of its members."),
    )
}

pub fn collective_button(lang: Lang, unit_name: &str) -> String {
    pick(
        lang,
        format!("🏢 Tập thể {unit_name}"),
        format!("🏢 The collective {unit_name}"),
    )
}

pub fn back_button(lang: Lang) -> String {
    pick(lang, "⬅️ Quay lại".into(), "⬅️ Back".into())
}

pub fn ask_occasion(lang: Lang, recipient: &str) -> String {
    pick(
        lang,
        format!(
            "Giấy khen cho {recipient} là khen thưởng theo định kỳ hay đột xuất?\nLưu ý: khen thưởng đột xuất không làm căn cứ xét khen thưởng cấp cao hơn (Điều 4 Nghị định 152/2025/NĐ-CP)."
        ),
        format!(
            "Is the commendation for {recipient} periodic or ad hoc?\nNote: an ad-hoc commendation is not a basis for higher awards (Decree 152/2025, Art. 4)."
        ),
    )
}

pub fn occasion_button(lang: Lang, value: Occasion) -> String {
    match value {
        Occasion::Periodic => pick(lang, "📅 Theo định kỳ".into(), "📅 Periodic".into()),
        Occasion::AdHoc => pick(lang, "⚡ Đột xuất".into(), "⚡ Ad hoc".into()),
    }
}

pub fn ask_achievement(lang: Lang, recipient: &str) -> String {
    pick(
        lang,
        format!(
            "Vui lòng gõ thành tích của {recipient} làm căn cứ đề nghị (từ {} đến {} ký tự), ví dụ: “Phát hiện và xử lý kịp thời sự cố sập giàn giáo tại công trình trường học ngày 05/10/2026.”",
            Limits::ACHIEVEMENT_MIN_CHARS,
            Limits::ACHIEVEMENT_MAX_CHARS
        ),
        format!(
            "Please type {recipient}'s achievement that the proposal rests on ({} to {} characters).",
            Limits::ACHIEVEMENT_MIN_CHARS,
            Limits::ACHIEVEMENT_MAX_CHARS
        ),
    )
}

/// A typed text that was not taken, and why; nothing was saved.
pub fn typed_refused(lang: Lang, error: TypedError) -> String {
    match error {
        TypedError::Empty => pick(
            lang,
            "Nội dung đang để trống nên chưa được ghi nhận. Vui lòng gõ lại.".into(),
            "The text is empty, so nothing was saved. Please type it again.".into(),
        ),
        TypedError::TooShort { min } => pick(
            lang,
            format!("Nội dung quá ngắn (cần ít nhất {min} ký tự) nên chưa được ghi nhận. Vui lòng gõ cụ thể hơn."),
            format!("That is too short (at least {min} characters), so nothing was saved. Please be more specific."),
        ),
        TypedError::TooLong { max } => pick(
            lang,
            format!("Nội dung quá dài (tối đa {max} ký tự) nên chưa được ghi nhận. Vui lòng gõ ngắn gọn hơn."),
            format!("That is too long (at most {max} characters), so nothing was saved. Please shorten it."),
        ),
        TypedError::Garbled => pick(
            lang,
            "Nội dung có ký tự không hợp lệ nên chưa được ghi nhận. Vui lòng gõ lại.".into(),
            "The text holds characters that cannot be used, so nothing was saved. Please type it again.".into(),
        ),
    }
}

pub struct Summary<'a> {
    pub recipient: &'a str,
    pub unit: &'a str,
    pub collective: bool,
    pub occasion: Occasion,
    pub achievement: &'a str,
}

pub fn summary(lang: Lang, summary: &Summary<'_>) -> String {
    let whom = whom(lang, summary.recipient, summary.unit, summary.collective);
    let occasion_name = occasion(lang, summary.occasion);
    let note = ad_hoc_note(lang, summary.occasion);
    pick(
        lang,
        format!(
            "Xin anh/chị kiểm tra lại đề nghị trước khi gửi:\n• Hình thức: {GIAY_KHEN_VI}, khen thưởng {occasion_name}\n• Đề nghị tặng: {whom}\n• Thành tích: {}{note}\n\nSau khi gửi, đề nghị được chuyển Thường trực Hội đồng Thi đua – Khen thưởng thẩm định và không sửa được nữa.",
            summary.achievement
        ),
        format!(
            "Please check the proposal before sending it:\n• Form: {GIAY_KHEN_EN}, {occasion_name}\n• For: {whom}\n• Achievement: {}{note}\n\nOnce sent, it goes to the council's standing body for appraisal and cannot be changed.",
            summary.achievement
        ),
    )
}

pub fn send_button(lang: Lang) -> String {
    pick(lang, "✅ Gửi đề nghị".into(), "✅ Send the proposal".into())
}

pub fn retype_button(lang: Lang) -> String {
    pick(
        lang,
        "✏️ Nhập lại thành tích".into(),
        "✏️ Retype the achievement".into(),
    )
}

pub fn proposed(lang: Lang, line: &Line) -> String {
    let whom = whom(lang, &line.recipient, &line.unit, line.collective);
    pick(
        lang,
        format!(
            "Đã gửi đề nghị {GIAY_KHEN_VI} cho {whom} (số {}). Thường trực Hội đồng sẽ thẩm định; anh/chị sẽ được báo kết quả.",
            line.commendation.id
        ),
        format!(
            "The proposal for {whom} is sent (no. {}). The standing body will appraise it; you will be told the outcome.",
            line.commendation.id
        ),
    )
}

// --- appraisal and decision lists ---

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

// --- notices ---

pub fn proposed_notice(
    lang: Lang,
    recipient: &str,
    unit: &str,
    value: Occasion,
    proposer: &str,
) -> (String, String) {
    let occasion_name = occasion(lang, value);
    (
        pick(
            lang,
            format!("Đề nghị Giấy khen chờ thẩm định: {recipient}"),
            format!("Commendation proposal to appraise: {recipient}"),
        ),
        pick(
            lang,
            format!(
                "{proposer} đề nghị tặng {GIAY_KHEN_VI} ({occasion_name}) cho {recipient} — {unit}. Kính đề nghị Thường trực Hội đồng thẩm định bằng lệnh /giaykhen."
            ),
            format!(
                "{proposer} proposes the {GIAY_KHEN_EN} ({occasion_name}) for {recipient} — {unit}. Please appraise it with /commendation."
            ),
        ),
    )
}

pub fn agreed_notice(
    lang: Lang,
    recipient: &str,
    unit: &str,
    value: Occasion,
    secretary: &str,
) -> (String, String) {
    let occasion_name = occasion(lang, value);
    (
        pick(
            lang,
            format!("Đề nghị Giấy khen chờ Giám đốc quyết định: {recipient}"),
            format!("Commendation waiting for your decision: {recipient}"),
        ),
        pick(
            lang,
            format!(
                "Thường trực Hội đồng ({secretary}) đã thẩm định đồng ý đề nghị tặng {GIAY_KHEN_VI} ({occasion_name}) cho {recipient} — {unit}. Kính trình đồng chí Giám đốc xem xét, quyết định bằng lệnh /giaykhen."
            ),
            format!(
                "The standing body ({secretary}) agreed to the proposed {GIAY_KHEN_EN} ({occasion_name}) for {recipient} — {unit}. Please decide it with /commendation."
            ),
        ),
    )
}

pub fn refused_notice(
    lang: Lang,
    recipient: &str,
    reason: &str,
    secretary: &str,
) -> (String, String) {
    (
        pick(
            lang,
            format!("Đề nghị Giấy khen chưa được đồng ý: {recipient}"),
            format!("Commendation proposal refused: {recipient}"),
        ),
        pick(
            lang,
            format!(
                "Thường trực Hội đồng Thi đua – Khen thưởng ({secretary}) chưa đồng ý đề nghị Giấy khen cho {recipient}.\nLý do: {reason}\n\nNếu cần, anh/chị có thể bổ sung thành tích và đề nghị lại bằng lệnh /giaykhen."
            ),
            format!(
                "The council's standing body ({secretary}) refused the commendation proposal for {recipient}.\nReason: {reason}\n\nIf needed, you may propose again with /commendation."
            ),
        ),
    )
}

pub struct Published<'a> {
    pub recipient: &'a str,
    pub unit: &'a str,
    pub collective: bool,
    pub occasion: Occasion,
    pub achievement: &'a str,
    pub decision_number: &'a str,
    pub decided_on: NaiveDate,
}

pub fn group_post(lang: Lang, post: &Published<'_>) -> (String, String) {
    let whom = whom(lang, post.recipient, post.unit, post.collective);
    let date = format_date(post.decided_on);
    let occasion_name = occasion(lang, post.occasion);
    let note = ad_hoc_note(lang, post.occasion);
    (
        pick(
            lang,
            "Công bố Giấy khen".into(),
            "Commendation published".into(),
        ),
        pick(
            lang,
            format!(
                "📣 CÔNG BỐ KHEN THƯỞNG\nTheo Quyết định số {} ngày {date} của Giám đốc Sở, tặng {GIAY_KHEN_VI} (khen thưởng {occasion_name}) cho {whom}.\nThành tích: {}{note}",
                post.decision_number, post.achievement
            ),
            format!(
                "📣 COMMENDATION\nBy the director's decision {} of {date}, the {GIAY_KHEN_EN} ({occasion_name}) is awarded to {whom}.\nAchievement: {}{note}",
                post.decision_number, post.achievement
            ),
        ),
    )
}

pub fn awarded_notice(
    lang: Lang,
    unit: Option<&str>,
    value: Occasion,
    achievement: &str,
    number: &str,
    decided_on: NaiveDate,
) -> (String, String) {
    let date = format_date(decided_on);
    let occasion_name = occasion(lang, value);
    let note = ad_hoc_note(lang, value);
    let (whom_vi, whom_en) = match unit {
        Some(unit) => (format!("tập thể {unit}"), format!("the collective {unit}")),
        None => ("anh/chị".to_owned(), "you".to_owned()),
    };
    (
        pick(
            lang,
            format!("Chúc mừng: {GIAY_KHEN_VI}"),
            format!("Congratulations: {GIAY_KHEN_EN}"),
        ),
        pick(
            lang,
            format!(
                "🎉 Xin chúc mừng! Theo Quyết định số {number} ngày {date} của Giám đốc Sở, {whom_vi} được tặng {GIAY_KHEN_VI} (khen thưởng {occasion_name}).\nThành tích: {achievement}{note}"
            ),
            format!(
                "🎉 Congratulations! By the director's decision {number} of {date}, {whom_en} received the {GIAY_KHEN_EN} ({occasion_name}).\nAchievement: {achievement}{note}"
            ),
        ),
    )
}
