//! What each step of a Giấy khen tells the next person, and the publication itself.

use super::{GIAY_KHEN_EN, GIAY_KHEN_VI, ad_hoc_note, occasion, whom};
use crate::domain::commendation::Occasion;
use crate::domain::time::format_date;
use crate::texts::{Lang, pick};
use chrono::NaiveDate;

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
