//! Verdicts in words: each finding as one sentence ending with its legal reference, e.g.
//! "Chưa đủ thời gian công tác: 5 tháng 20 ngày, cần ít nhất 6 tháng (Điều 24 Luật Thi đua,
//! khen thưởng 2022)". [`rule_set`] words a whole rule set for `thidua rules show`; [`names`]
//! holds the words both share.

mod names;
mod rule_set;

pub use names::{leave_kind, means_name, penalty, quantity, rating, share, span, threshold};
pub use rule_set::{rule_file_refused, rule_set, unknown_rule_set};

use super::Lang;
use super::titles;
use crate::domain::rules::{
    Discipline, DisciplineOutcome, Finding, FindingDetail, Means, PenaltyLevel, TenureCount,
    Verdict,
};
use crate::domain::time::format_date;
use names::{comparator_text, percent_text};

fn t(lang: Lang, vi: &str, en: &str) -> String {
    match lang {
        Lang::Vi => vi.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// A verdict for the person: the headline, then why — every unmet finding, or when eligible,
/// every finding it rests on.
pub fn verdict(lang: Lang, verdict: &Verdict) -> String {
    let name = titles::name(lang, verdict.title);
    let mut text = if verdict.eligible {
        t(
            lang,
            &format!("Đủ điều kiện đề nghị danh hiệu {name}:"),
            &format!("Meets the criteria for {name}:"),
        )
    } else {
        t(
            lang,
            &format!("Chưa đủ điều kiện đề nghị danh hiệu {name}:"),
            &format!("Does not yet meet the criteria for {name}:"),
        )
    };
    for item in &verdict.findings {
        if verdict.eligible || !item.met {
            text.push_str("\n• ");
            text.push_str(&finding(lang, item));
        }
    }
    text
}

/// One finding: the sentence, then its legal reference in brackets, then any note.
pub fn finding(lang: Lang, finding: &Finding) -> String {
    let (sentence, note) = sentence(lang, finding);
    let mut text = format!("{sentence} ({})", finding.legal_ref);
    if let Some(note) = note {
        text.push_str(". ");
        text.push_str(note.trim_end_matches('.'));
        text.push('.');
    }
    text
}

fn sentence(lang: Lang, finding: &Finding) -> (String, Option<String>) {
    let met = finding.met;
    match &finding.detail {
        FindingDetail::WrongHolder { title } => (
            t(
                lang,
                &format!(
                    "Danh hiệu {} không áp dụng cho đối tượng này",
                    titles::name(lang, *title)
                ),
                &format!("{} does not apply here", titles::name(lang, *title)),
            ),
            None,
        ),
        FindingDetail::Rating { actual, required } => {
            let (actual, required) = (rating(lang, *actual), rating(lang, *required));
            let text = match (lang, met) {
                (Lang::Vi, true) => {
                    format!("Xếp loại {actual}, đạt yêu cầu (từ {required} trở lên)")
                }
                (Lang::Vi, false) => {
                    format!("Xếp loại {actual}, chưa đạt yêu cầu: cần từ {required} trở lên")
                }
                (Lang::En, true) => {
                    format!("Task rating {actual}, meeting the minimum of {required}")
                }
                (Lang::En, false) => {
                    format!("Task rating {actual}; at least {required} is required")
                }
            };
            (text, None)
        }
        FindingDetail::Tenure(count) => tenure(lang, met, count),
        FindingDetail::Discipline {
            status,
            outcome,
            lowest_blocking,
        } => (
            discipline(lang, met, *status, *outcome, *lowest_blocking),
            None,
        ),
        FindingDetail::Achievement {
            accepted,
            satisfied_by,
            initiative,
            not_reusable,
        } => {
            let text = match satisfied_by {
                Some(Means::Initiative) => t(
                    lang,
                    &format!(
                        "Có sáng kiến được công nhận: {}",
                        initiative.clone().unwrap_or_default()
                    ),
                    &format!(
                        "Has a recognised initiative: {}",
                        initiative.clone().unwrap_or_default()
                    ),
                ),
                Some(means) => t(
                    lang,
                    &format!("Có thành tích: {}", means_name(lang, *means)),
                    &format!("Has the achievement: {}", means_name(lang, *means)),
                ),
                None => {
                    let list: Vec<&str> = accepted.iter().map(|m| means_name(lang, *m)).collect();
                    t(
                        lang,
                        &format!(
                            "Chưa có thành tích cần thiết (một trong: {})",
                            list.join("; ")
                        ),
                        &format!(
                            "Lacks the required achievement (one of: {})",
                            list.join("; ")
                        ),
                    )
                }
            };
            (text, not_reused(lang, not_reusable))
        }
        FindingDetail::ConsecutiveYears {
            years,
            required,
            through,
            cut_by_penalty,
        } => (
            t(
                lang,
                &format!(
                    "Số năm liên tục đạt Chiến sĩ thi đua cơ sở tính đến năm {through}: {years}, cần {required}"
                ),
                &format!(
                    "Consecutive years as Grassroots Emulation Fighter up to {through}: {years}, {required} required"
                ),
            ),
            cut_by_penalty.then(|| {
                t(
                    lang,
                    "Các năm trước khi chấp hành xong kỷ luật không được tính",
                    "Years before a discipline penalty ended do not count",
                )
            }),
        ),
        FindingDetail::ProvinceInitiative {
            found,
            not_reusable,
            taken_by_cstdcs,
        } => {
            let text = match found {
                Some(label) => t(
                    lang,
                    &format!("Có sáng kiến có phạm vi ảnh hưởng trong toàn tỉnh: {label}"),
                    &format!("Has an initiative with province-wide effect: {label}"),
                ),
                None => t(
                    lang,
                    "Chưa có sáng kiến có phạm vi ảnh hưởng trong toàn tỉnh",
                    "No initiative with province-wide effect",
                ),
            };
            let note = match taken_by_cstdcs {
                Some(label) => Some(t(
                    lang,
                    &format!(
                        "Sáng kiến {label} đã là căn cứ xét Chiến sĩ thi đua cơ sở năm nay nên không dùng lại được"
                    ),
                    &format!(
                        "The initiative {label} already backs this year's Grassroots Emulation Fighter and cannot be used again"
                    ),
                )),
                None => not_reused(lang, not_reusable),
            };
            (text, note)
        }
        FindingDetail::UnitRating { actual, required } => {
            let (actual, required) = (rating(lang, *actual), rating(lang, *required));
            let text = match (lang, met) {
                (Lang::Vi, true) => {
                    format!("Tập thể xếp loại {actual}, đạt yêu cầu (từ {required} trở lên)")
                }
                (Lang::Vi, false) => {
                    format!(
                        "Tập thể xếp loại {actual}, chưa đạt yêu cầu: cần từ {required} trở lên"
                    )
                }
                (Lang::En, true) => {
                    format!("Unit rating {actual}, meeting the minimum of {required}")
                }
                (Lang::En, false) => {
                    format!("Unit rating {actual}; at least {required} is required")
                }
            };
            (text, None)
        }
        FindingDetail::MemberShare {
            count,
            members,
            ratio,
        } => {
            let percent = if *members == 0 {
                "—".to_owned()
            } else {
                percent_text(lang, f64::from(*count) * 100.0 / f64::from(*members))
            };
            let what = quantity(lang, ratio.numerator);
            let need = threshold(lang, ratio);
            (
                t(
                    lang,
                    &format!("Tỷ lệ {what}: {count}/{members} ({percent}), cần {need}"),
                    &format!("Share of {what}: {count}/{members} ({percent}); needs {need}"),
                ),
                None,
            )
        }
        FindingDetail::MemberCount {
            of,
            count,
            comparator,
            required,
        } => {
            let what = quantity(lang, *of);
            let cmp = comparator_text(lang, *comparator);
            (
                t(
                    lang,
                    &format!("Số {what}: {count}, cần {cmp} {required}"),
                    &format!("Number of {what}: {count}; needs {cmp} {required}"),
                ),
                None,
            )
        }
        FindingDetail::MemberDiscipline { disciplined, from } => {
            let level = penalty(lang, *from);
            let text = if *disciplined == 0 {
                t(
                    lang,
                    &format!("Không có thành viên bị kỷ luật từ {level} trở lên"),
                    &format!("No member disciplined with a {level} or heavier"),
                )
            } else {
                t(
                    lang,
                    &format!("Có {disciplined} thành viên bị kỷ luật từ {level} trở lên"),
                    &format!("{disciplined} member(s) disciplined with a {level} or heavier"),
                )
            };
            (text, None)
        }
    }
}

fn tenure(lang: Lang, met: bool, count: &TenureCount) -> (String, Option<String>) {
    let worked = span(lang, count.months, count.days);
    let required = count.required_months;
    let text = match (lang, met) {
        (Lang::Vi, true) => {
            format!("Đủ thời gian công tác: {worked}, cần ít nhất {required} tháng")
        }
        (Lang::Vi, false) => {
            format!("Chưa đủ thời gian công tác: {worked}, cần ít nhất {required} tháng")
        }
        (Lang::En, true) => {
            format!("Enough time worked: {worked}, at least {required} months required")
        }
        (Lang::En, false) => {
            format!("Not enough time worked: {worked}, at least {required} months required")
        }
    };
    let (from, until) = (format_date(count.counted_from), format_date(count.until));
    let mut note = t(
        lang,
        &format!("Thời gian tính từ {from} đến {until}"),
        &format!("Counted from {from} to {until}"),
    );
    if count.counted_leave_days > 0 {
        note.push_str(&t(
            lang,
            &format!(
                "; đã tính {} ngày nghỉ được coi là thời gian công tác",
                count.counted_leave_days
            ),
            &format!(
                "; {} days of leave counted as worked time",
                count.counted_leave_days
            ),
        ));
    }
    if count.uncounted_leave_days > 0 {
        note.push_str(&t(
            lang,
            &format!(
                "; đã trừ {} ngày nghỉ không được tính",
                count.uncounted_leave_days
            ),
            &format!("; {} days of leave not counted", count.uncounted_leave_days),
        ));
    }
    (text, Some(note))
}

fn discipline(
    lang: Lang,
    met: bool,
    status: Discipline,
    outcome: DisciplineOutcome,
    lowest: PenaltyLevel,
) -> String {
    let (level, ends) = match status {
        Discipline::Penalty { level, ends } => (
            penalty(lang, level),
            ends.map(format_date).unwrap_or_default(),
        ),
        _ => ("", String::new()),
    };
    let lowest = penalty(lang, lowest);
    match outcome {
        DisciplineOutcome::Clear => t(lang, "Không bị kỷ luật", "No disciplinary record"),
        DisciplineOutcome::UnderReview if met => t(
            lang,
            "Đang bị xem xét kỷ luật, điều tra hoặc có khiếu nại chưa giải quyết; bộ tiêu chí này không coi đó là căn cứ loại trừ",
            "Under discipline review, investigation or an open complaint; this rule set does not exclude on that ground",
        ),
        DisciplineOutcome::UnderReview => t(
            lang,
            "Đang trong thời gian bị xem xét kỷ luật, điều tra hoặc có khiếu nại, tố cáo chưa được giải quyết nên chưa được xét khen thưởng",
            "Under discipline review, investigation or an unresolved complaint, so no title can be considered",
        ),
        DisciplineOutcome::BelowThreshold => t(
            lang,
            &format!("Hình thức kỷ luật {level} nhẹ hơn mức loại trừ (từ {lowest} trở lên)"),
            &format!("A {level} is lighter than what excludes (a {lowest} or heavier)"),
        ),
        DisciplineOutcome::EndedBeforeYear => t(
            lang,
            &format!("Kỷ luật {level} đã chấp hành xong ngày {ends}, trước năm xét"),
            &format!("The {level} ended on {ends}, before the campaign year"),
        ),
        DisciplineOutcome::InForce if ends.is_empty() => t(
            lang,
            &format!("Bị kỷ luật {level} trong năm (từ {lowest} trở lên) nên không được xét"),
            &format!("Disciplined with a {level} in the year (a {lowest} or heavier excludes)"),
        ),
        DisciplineOutcome::InForce => t(
            lang,
            &format!(
                "Bị kỷ luật {level}, hiệu lực đến {ends}, trong năm xét (từ {lowest} trở lên) nên không được xét"
            ),
            &format!(
                "Disciplined with a {level} in force until {ends}, within the campaign year (a {lowest} or heavier excludes)"
            ),
        ),
        DisciplineOutcome::CountsFrom { from } => t(
            lang,
            &format!(
                "Kỷ luật {level} chấp hành xong ngày {ends}; thành tích chỉ được tính từ {}",
                format_date(from)
            ),
            &format!(
                "The {level} ended on {ends}; achievements count only from {}",
                format_date(from)
            ),
        ),
    }
}

fn not_reused(lang: Lang, labels: &[String]) -> Option<String> {
    (!labels.is_empty()).then(|| {
        t(
            lang,
            &format!(
                "Sáng kiến đã làm căn cứ cho danh hiệu hoặc hình thức khen thưởng khác nên không được tính lại: {}",
                labels.join("; ")
            ),
            &format!(
                "Initiatives already backing another title or award do not count again: {}",
                labels.join("; ")
            ),
        )
    })
}

#[cfg(test)]
mod tests;
