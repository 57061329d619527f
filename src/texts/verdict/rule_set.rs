//! A whole rule set in words, one line per rule with its legal reference, for
//! `thidua rules show`; and the command's refusals.

use super::names::{
    comparator_text, leave_kind, means_name, penalty, quantity, rating, rounding_text, share,
    threshold,
};
use super::t;
use crate::domain::language::Lang;
use crate::domain::rules::{
    AfterPenalty, InitiativeScope, Ratio, RuleFileError, Rules, Scope, TieBreak,
};
use crate::domain::title::{Holder, Title};
use crate::texts::titles;
/// A whole rule set, one line per rule with its reference: `thidua rules show`.
pub fn rule_set(lang: Lang, rules: &Rules) -> String {
    rule_set_text(lang, rules)
}

pub(super) fn rule_set_text(lang: Lang, rules: &Rules) -> String {
    let mut out = Vec::new();
    let meta = &rules.rule_set;
    out.push(t(
        lang,
        &format!("Bộ tiêu chí {} — {}", meta.name, meta.title),
        &format!("Rule set {} — {}", meta.name, meta.title),
    ));
    out.push(t(lang, "Căn cứ: ", "Legal basis: ") + &meta.basis.join("; "));
    out.push(t(lang, "Tệp: ", "Files: ") + &rules.files.join(", "));
    let line = |text: String, legal_ref: &str| format!("  • {text} — {legal_ref}");

    let ind = &rules.individual;
    out.push(String::new());
    out.push(heading(lang, Title::Ldtt));
    let required = rating(lang, ind.ldtt.min_rating);
    out.push(line(
        t(
            lang,
            &format!("Xếp loại từ {required} trở lên"),
            &format!("Task rating {required} or better"),
        ),
        &ind.ldtt.legal_ref,
    ));
    let leave: Vec<&str> = rules
        .tenure
        .counted_leave
        .iter()
        .map(|kind| leave_kind(lang, *kind))
        .collect();
    let months = rules.tenure.min_months;
    out.push(line(
        t(
            lang,
            &format!("Thời gian công tác trong năm ít nhất {months} tháng (tính tròn tháng dương lịch); nghỉ được tính là thời gian công tác: {}", leave.join(", ")),
            &format!("At least {months} months worked in the year (whole calendar months); leave counted as worked time: {}", leave.join(", ")),
        ),
        &rules.tenure.legal_ref,
    ));
    out.push(line(
        discipline_rule(lang, rules),
        &rules.discipline.legal_ref,
    ));

    out.push(String::new());
    out.push(heading(lang, Title::Cstdcs));
    let any: Vec<&str> = ind
        .cstdcs
        .any_of
        .iter()
        .map(|means| means_name(lang, *means))
        .collect();
    out.push(line(
        t(
            lang,
            &format!("Đạt Lao động tiên tiến và có một trong: {}", any.join("; ")),
            &format!("Advanced Worker and one of: {}", any.join("; ")),
        ),
        &ind.cstdcs.legal_ref,
    ));
    if rules.initiatives.single_use {
        out.push(line(
            t(
                lang,
                "Mỗi sáng kiến chỉ làm căn cứ cho một danh hiệu hoặc một hình thức khen thưởng",
                "Each initiative backs one title or award only",
            ),
            &rules.initiatives.legal_ref,
        ));
    }
    title_limits(lang, rules, Title::Cstdcs, &mut out);

    out.push(String::new());
    out.push(heading(lang, Title::CstdTinh));
    let years = ind.cstd_tinh.consecutive_cstdcs_years;
    let scope = match (lang, ind.cstd_tinh.initiative_scope) {
        (Lang::Vi, InitiativeScope::Province) => "trong toàn tỉnh",
        (Lang::Vi, InitiativeScope::Grassroots) => "ở cấp cơ sở",
        (Lang::En, InitiativeScope::Province) => "province-wide",
        (Lang::En, InitiativeScope::Grassroots) => "at grassroots level",
    };
    let (counted_vi, counted_en) = if ind.cstd_tinh.counts_campaign_year {
        ("kể cả năm xét", "this year included")
    } else {
        (
            "đã được công nhận bằng quyết định, tính đến năm trước năm xét; chỉ tính từ khi chấp hành xong kỷ luật",
            "recognised by decisions up to the year before, counted only from the end of any penalty",
        )
    };
    out.push(line(
        t(
            lang,
            &format!("{years} năm liên tục đạt Chiến sĩ thi đua cơ sở ({counted_vi}) và có sáng kiến có phạm vi ảnh hưởng {scope}"),
            &format!("Grassroots Emulation Fighter {years} years running ({counted_en}) and an initiative with effect {scope}"),
        ),
        &ind.cstd_tinh.legal_ref,
    ));
    title_limits(lang, rules, Title::CstdTinh, &mut out);

    for title in [Title::Tldtt, Title::Tldxs] {
        let rule = match title {
            Title::Tldxs => &rules.collective.tldxs,
            _ => &rules.collective.tldtt,
        };
        out.push(String::new());
        out.push(heading(lang, title));
        let required = rating(lang, rule.min_unit_rating);
        out.push(line(
            t(
                lang,
                &format!("Tập thể xếp loại từ {required} trở lên"),
                &format!("Unit rating {required} or better"),
            ),
            &rule.legal_ref,
        ));
        for ratio in &rule.ratios {
            let what = capitalised(quantity(lang, ratio.numerator));
            out.push(line(
                format!("{what}: {}", threshold(lang, ratio)),
                &rule.legal_ref,
            ));
        }
        for count in &rule.counts {
            let what = capitalised(quantity(lang, count.of));
            let cmp = comparator_text(lang, count.comparator);
            out.push(line(
                format!("{what}: {cmp} {}", count.value),
                &rule.legal_ref,
            ));
        }
        if let Some(from) = rule.no_member_penalty_from {
            let level = penalty(lang, from);
            out.push(line(
                t(
                    lang,
                    &format!("Không có thành viên bị kỷ luật từ {level} trở lên"),
                    &format!("No member disciplined with a {level} or heavier"),
                ),
                &rule.legal_ref,
            ));
        }
        title_limits(lang, rules, title, &mut out);
    }

    if let Some(flag) = &rules.ballot.flag {
        out.push(String::new());
        out.push(t(lang, "Cờ thi đua", "Emulation flag"));
        out.push(line(ballot_text(lang, &flag.approval), &flag.legal_ref));
    }

    if let Some(rule) = &rules.awards.bang_khen_tinh {
        out.push(String::new());
        out.push(t(
            lang,
            "Bằng khen của Chủ tịch UBND tỉnh (BK_TINH) — theo lịch sử khen thưởng đến năm trước năm xét",
            "Certificate of Merit of the provincial chairman (BK_TINH) — on the award history up to the year before",
        ));
        for path in &rule.individual_any_of {
            out.push(line(
                crate::texts::history::path_rule(lang, *path),
                &rule.legal_ref,
            ));
        }
        let years = rule.collective_tldxs_years;
        out.push(line(
            t(
                lang,
                &format!("Tập thể: {years} năm liên tục đạt Tập thể lao động xuất sắc"),
                &format!("A collective: Excellent Collective {years} years running"),
            ),
            &rule.legal_ref,
        ));
    }

    if let Some(basis) = &rules.awards.block_flag {
        out.push(String::new());
        out.push(t(
            lang,
            "Cờ thi đua của UBND tỉnh (CO_TINH) — khối thi đua",
            "Emulation flag of the Provincial People's Committee (CO_TINH) — emulation blocks",
        ));
        out.push(line(
            t(
                lang,
                "Đề nghị cho thành viên dẫn đầu bảng xếp hạng khối đã được Hội đồng xác nhận; các thành viên kế tiếp đề nghị Bằng khen (số lượng theo tệp khối của năm)",
                "Proposed for the leading members of a block's ranking as the council confirmed it; the next ones for the Certificate of Merit (how many: the year's block file)",
            ),
            &basis.legal_ref,
        ));
    }
    if let Some(basis) = &rules.awards.giay_khen {
        out.push(String::new());
        out.push(t(
            lang,
            "Giấy khen của Giám đốc Sở (GK)",
            "Certificate of Commendation of the director (GK)",
        ));
        out.push(line(
            t(
                lang,
                "Theo định kỳ hoặc đột xuất; khen thưởng đột xuất không làm căn cứ xét khen thưởng cấp cao hơn",
                "Periodic or ad hoc; an ad-hoc one is no basis for a higher award",
            ),
            &basis.legal_ref,
        ));
    }

    let meeting = &rules.unit_meeting;
    out.push(String::new());
    out.push(t(lang, "Họp bình xét tại đơn vị", "Unit review meeting"));
    out.push(line(
        t(
            lang,
            &format!(
                "Cuộc họp hợp lệ khi số người dự họp {}",
                threshold(lang, &meeting.quorum)
            ),
            &format!(
                "Valid when people present number {}",
                threshold(lang, &meeting.quorum)
            ),
        ),
        &meeting.legal_ref,
    ));
    out.push(line(
        t(
            lang,
            &format!(
                "Người được đề nghị cần số phiếu đồng ý {}",
                threshold(lang, &meeting.nominee)
            ),
            &format!(
                "A nominee needs yes-votes {}",
                threshold(lang, &meeting.nominee)
            ),
        ),
        &meeting.legal_ref,
    ));

    let tie = &rules.tie_break;
    let order: Vec<String> = tie
        .order
        .iter()
        .map(|tie_break| match tie_break {
            TieBreak::Woman => t(lang, "ưu tiên nữ", "prefer a woman"),
            TieBreak::WomenCollective => t(
                lang,
                &format!(
                    "ưu tiên tập thể có thành viên nữ {}",
                    threshold(lang, &tie.women_collective)
                ),
                &format!(
                    "prefer a collective whose women members are {}",
                    threshold(lang, &tie.women_collective)
                ),
            ),
        })
        .collect();
    out.push(String::new());
    out.push(t(lang, "Khi vượt số lượng tối đa", "When a quota binds"));
    out.push(line(
        t(
            lang,
            &format!("Xếp theo số phiếu, sau đó: {}", order.join("; ")),
            &format!("Ranked by votes, then: {}", order.join("; ")),
        ),
        &tie.legal_ref,
    ));
    out.join("\n")
}

fn heading(lang: Lang, title: Title) -> String {
    format!("{} ({})", titles::name(lang, title), title.code())
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The quota and ballot lines of a title, if it has them.
fn title_limits(lang: Lang, rules: &Rules, title: Title, out: &mut Vec<String>) {
    if let Some(quota) = rules.quota.get(title) {
        let scope = match (lang, quota.scope) {
            (Lang::Vi, Scope::Department) => "toàn Sở",
            (Lang::Vi, Scope::Unit) => "từng đơn vị",
            (Lang::En, Scope::Department) => "the whole department",
            (Lang::En, Scope::Unit) => "each unit",
        };
        let value = share(lang, quota.share);
        let of = quantity(lang, quota.of);
        let rounding = rounding_text(lang, quota.rounding);
        out.push(format!(
            "  • {} — {}",
            t(
                lang,
                &format!("Số lượng không quá {value} số {of} (phạm vi: {scope}{rounding})"),
                &format!("At most {value} of {of} (counted across {scope}{rounding})"),
            ),
            quota.legal_ref
        ));
    } else if title.holder() == Holder::Individual {
        out.push(format!(
            "  • {}",
            t(
                lang,
                "Không giới hạn số lượng trong bộ tiêu chí này",
                "No cap in this rule set"
            )
        ));
    }
    if let Some(ballot) = rules.ballot.get(title) {
        out.push(format!(
            "  • {} — {}",
            ballot_text(lang, &ballot.approval),
            ballot.legal_ref
        ));
    }
}

fn ballot_text(lang: Lang, approval: &Ratio) -> String {
    t(
        lang,
        &format!(
            "Hội đồng bỏ phiếu kín; cần số phiếu đồng ý {}",
            threshold(lang, approval)
        ),
        &format!(
            "Secret council ballot; needs yes-votes {}",
            threshold(lang, approval)
        ),
    )
}

fn discipline_rule(lang: Lang, rules: &Rules) -> String {
    let rule = &rules.discipline;
    let level = penalty(lang, rule.lowest_blocking);
    let mut text = match rule.after_penalty {
        AfterPenalty::ExcludedIfInForce => t(
            lang,
            &format!("Không xét nếu trong năm bị kỷ luật từ {level} trở lên"),
            &format!("Excluded if disciplined with a {level} or heavier during the year"),
        ),
        AfterPenalty::CountFromEnd => t(
            lang,
            &format!(
                "Bị kỷ luật từ {level} trở lên: thành tích chỉ tính từ ngày chấp hành xong kỷ luật"
            ),
            &format!(
                "After a {level} or heavier, achievements count only from the day the penalty ends"
            ),
        ),
    };
    if rule.under_review_blocks {
        text.push_str(&t(
            lang,
            "; không xét khi đang bị xem xét kỷ luật, điều tra hoặc có khiếu nại chưa giải quyết",
            "; nobody under discipline review, investigation or an open complaint is considered",
        ));
    }
    text
}

/// `thidua rules show` with a name that is not a rule set.
pub fn unknown_rule_set(raw: &str) -> String {
    format!(
        "Không có bộ tiêu chí \"{raw}\"; các bộ hiện có: nd91-2017, luat-2022.\n\
         There is no rule set \"{raw}\"; known: nd91-2017, luat-2022."
    )
}

/// A rule file refused at load.
pub fn rule_file_refused(error: &RuleFileError) -> String {
    format!(
        "Tệp tiêu chí {} không hợp lệ ở mục [{}]: {}\n\
         Rule file {} refused at [{}]: {}",
        error.file, error.rule, error.reason, error.file, error.rule, error.reason
    )
}
