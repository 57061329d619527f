//! The words verdicts and rule descriptions share: ratings, penalties, quantities, shares.

use super::t;
use crate::domain::language::Lang;
use crate::domain::rules::{
    Comparator, LeaveKind, Means, PenaltyLevel, Quantity, Ratio, Rounding, Share, TaskRating,
};
/// `5 tháng 20 ngày`, `6 tháng`, `20 ngày`.
pub fn span(lang: Lang, months: u32, days: u32) -> String {
    match lang {
        Lang::Vi => match (months, days) {
            (0, days) => format!("{days} ngày"),
            (months, 0) => format!("{months} tháng"),
            (months, days) => format!("{months} tháng {days} ngày"),
        },
        Lang::En => {
            let plural = |n: u32, word: &str| {
                if n == 1 {
                    format!("1 {word}")
                } else {
                    format!("{n} {word}s")
                }
            };
            match (months, days) {
                (0, days) => plural(days, "day"),
                (months, 0) => plural(months, "month"),
                (months, days) => format!("{} {}", plural(months, "month"), plural(days, "day")),
            }
        }
    }
}

/// The rating in lower case, for use inside a sentence.
pub fn rating(lang: Lang, rating: TaskRating) -> &'static str {
    match (lang, rating) {
        (Lang::Vi, TaskRating::Excellent) => "hoàn thành xuất sắc nhiệm vụ",
        (Lang::Vi, TaskRating::Good) => "hoàn thành tốt nhiệm vụ",
        (Lang::Vi, TaskRating::Completed) => "hoàn thành nhiệm vụ",
        (Lang::Vi, TaskRating::NotCompleted) => "không hoàn thành nhiệm vụ",
        (Lang::En, TaskRating::Excellent) => "\"excellent\"",
        (Lang::En, TaskRating::Good) => "\"good\"",
        (Lang::En, TaskRating::Completed) => "\"completed\"",
        (Lang::En, TaskRating::NotCompleted) => "\"not completed\"",
    }
}

pub fn penalty(lang: Lang, level: PenaltyLevel) -> &'static str {
    match (lang, level) {
        (Lang::Vi, PenaltyLevel::Reprimand) => "khiển trách",
        (Lang::Vi, PenaltyLevel::Warning) => "cảnh cáo",
        (Lang::Vi, PenaltyLevel::Heavier) => "hình thức nặng hơn cảnh cáo",
        (Lang::En, PenaltyLevel::Reprimand) => "reprimand",
        (Lang::En, PenaltyLevel::Warning) => "warning",
        (Lang::En, PenaltyLevel::Heavier) => "penalty heavier than a warning",
    }
}

pub fn means_name(lang: Lang, means: Means) -> &'static str {
    match (lang, means) {
        (Lang::Vi, Means::ExcellentRating) => "hoàn thành xuất sắc nhiệm vụ",
        (Lang::Vi, Means::Initiative) => "sáng kiến được công nhận",
        (Lang::Vi, Means::Research) => "đề tài khoa học được nghiệm thu",
        (Lang::En, Means::ExcellentRating) => "an excellent task rating",
        (Lang::En, Means::Initiative) => "a recognised initiative",
        (Lang::En, Means::Research) => "an accepted research project",
    }
}

pub fn quantity(lang: Lang, quantity: Quantity) -> &'static str {
    match (lang, quantity) {
        (Lang::Vi, Quantity::UnitMembers) => "thành viên của đơn vị",
        (Lang::Vi, Quantity::LdttAchievers) => "người đạt Lao động tiên tiến",
        (Lang::Vi, Quantity::TaskCompleters) => "người hoàn thành nhiệm vụ",
        (Lang::Vi, Quantity::CstdcsAchievers) => "người đạt Chiến sĩ thi đua cơ sở",
        (Lang::Vi, Quantity::WomenMembers) => "thành viên nữ",
        (Lang::Vi, Quantity::Present) => "người dự họp",
        (Lang::Vi, Quantity::YesVotes) => "phiếu đồng ý",
        (Lang::Vi, Quantity::CouncilMembers) => "thành viên Hội đồng",
        (Lang::En, Quantity::UnitMembers) => "unit members",
        (Lang::En, Quantity::LdttAchievers) => "Advanced Workers",
        (Lang::En, Quantity::TaskCompleters) => "members completing their tasks",
        (Lang::En, Quantity::CstdcsAchievers) => "Grassroots Emulation Fighters",
        (Lang::En, Quantity::WomenMembers) => "women members",
        (Lang::En, Quantity::Present) => "people present",
        (Lang::En, Quantity::YesVotes) => "yes-votes",
        (Lang::En, Quantity::CouncilMembers) => "council members",
    }
}

pub(super) fn comparator_text(lang: Lang, comparator: Comparator) -> &'static str {
    match (lang, comparator) {
        (Lang::Vi, Comparator::Gt) => "trên",
        (Lang::Vi, Comparator::Ge) => "ít nhất",
        (Lang::Vi, Comparator::Lt) => "dưới",
        (Lang::Vi, Comparator::Le) => "không quá",
        (Lang::Vi, Comparator::Eq) => "đúng",
        (Lang::En, Comparator::Gt) => "more than",
        (Lang::En, Comparator::Ge) => "at least",
        (Lang::En, Comparator::Lt) => "less than",
        (Lang::En, Comparator::Le) => "at most",
        (Lang::En, Comparator::Eq) => "exactly",
    }
}

pub(super) fn rounding_text(lang: Lang, rounding: Rounding) -> &'static str {
    match (lang, rounding) {
        (_, Rounding::Exact) => "",
        (Lang::Vi, Rounding::Floor) => ", làm tròn xuống",
        (Lang::Vi, Rounding::Round) => ", làm tròn (từ 0,5 lên)",
        (Lang::Vi, Rounding::Ceil) => ", làm tròn lên",
        (Lang::En, Rounding::Floor) => ", rounded down",
        (Lang::En, Rounding::Round) => ", rounded half up",
        (Lang::En, Rounding::Ceil) => ", rounded up",
    }
}

/// `70%`, `66,67%` (`66.67%` in English), or `2/3` when the file wrote a fraction.
pub fn share(lang: Lang, share: Share) -> String {
    if share.as_fraction {
        format!("{}/{}", share.num, share.den)
    } else {
        percent_text(lang, share.percent())
    }
}

pub(super) fn percent_text(lang: Lang, percent: f64) -> String {
    crate::texts::common::percent(lang, percent)
}

/// `trên 50% số thành viên của đơn vị`.
pub fn threshold(lang: Lang, ratio: &Ratio) -> String {
    let cmp = comparator_text(lang, ratio.comparator);
    let value = share(lang, ratio.value);
    let of = quantity(lang, ratio.denominator);
    let rounding = rounding_text(lang, ratio.rounding);
    t(
        lang,
        &format!("{cmp} {value} số {of}{rounding}"),
        &format!("{cmp} {value} of {of}{rounding}"),
    )
}

pub fn leave_kind(lang: Lang, kind: LeaveKind) -> &'static str {
    match (lang, kind) {
        (Lang::Vi, LeaveKind::Maternity) => "thai sản",
        (Lang::Vi, LeaveKind::InjuryOnDutyTreatment) => "điều trị do bị thương khi làm nhiệm vụ",
        (Lang::Vi, LeaveKind::ApprovedTraining) => "đi học, bồi dưỡng được cử",
        (Lang::Vi, LeaveKind::Other) => "nghỉ khác",
        (Lang::En, LeaveKind::Maternity) => "maternity",
        (Lang::En, LeaveKind::InjuryOnDutyTreatment) => "treatment after injury on duty",
        (Lang::En, LeaveKind::ApprovedTraining) => "approved training",
        (Lang::En, LeaveKind::Other) => "other leave",
    }
}
