//! Verdict sentences and rule-set descriptions as a reader sees them.
use super::names::percent_text;
use super::rule_set::rule_set_text;
use super::*;

use crate::domain::campaign::RuleSet;
use crate::domain::rules::{self, AssessmentFacts, Discipline, TaskRating, individual_verdict};
use crate::domain::title::Title;
use chrono::NaiveDate;

fn facts(hire_date: NaiveDate) -> AssessmentFacts {
    AssessmentFacts {
        year: 2026,
        rating: TaskRating::Good,
        hire_date,
        leave: Vec::new(),
        discipline: Discipline::None,
        initiatives: Vec::new(),
        accepted_research: 0,
        prior_consecutive_cstdcs_years: 0,
        prior_streak_cut_by_penalty: false,
    }
}

#[test]
fn a_short_tenure_reads_with_months_days_and_the_article() {
    let rules = rules::builtin(RuleSet::Luat2022).unwrap();
    let hired = NaiveDate::from_ymd_opt(2026, 7, 12).unwrap();
    let verdict = individual_verdict(&rules, &facts(hired), Title::Ldtt);
    let vi = super::verdict(Lang::Vi, &verdict);
    assert!(
        vi.starts_with("Chưa đủ điều kiện đề nghị danh hiệu Lao động tiên tiến:"),
        "{vi}"
    );
    assert!(
        vi.contains("Chưa đủ thời gian công tác: 5 tháng 20 ngày, cần ít nhất 6 tháng (Điều 24 Luật Thi đua, khen thưởng 2022)"),
        "{vi}"
    );
    assert_eq!(vi.lines().count(), 2, "only the reason that fails: {vi}");
    let en = super::verdict(Lang::En, &verdict);
    assert!(
        en.contains("Not enough time worked: 5 months 20 days, at least 6 months required"),
        "{en}"
    );
}

#[test]
fn under_review_and_an_eligible_verdict_read_in_both_languages() {
    let rules = rules::builtin(RuleSet::Luat2022).unwrap();
    let mut reviewed = facts(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
    reviewed.discipline = Discipline::UnderReview;
    let vi = super::verdict(
        Lang::Vi,
        &individual_verdict(&rules, &reviewed, Title::Ldtt),
    );
    assert!(
        vi.contains("xem xét kỷ luật, điều tra hoặc có khiếu nại"),
        "{vi}"
    );
    reviewed.discipline = Discipline::None;
    let verdict = individual_verdict(&rules, &reviewed, Title::Cstdcs);
    let vi = super::verdict(Lang::Vi, &verdict);
    assert!(vi.contains("Chưa có thành tích cần thiết (một trong: hoàn thành xuất sắc nhiệm vụ; sáng kiến được công nhận; đề tài khoa học được nghiệm thu)"), "{vi}");
    reviewed.rating = TaskRating::Excellent;
    let verdict = individual_verdict(&rules, &reviewed, Title::Cstdcs);
    let en = super::verdict(Lang::En, &verdict);
    assert!(
        en.starts_with("Meets the criteria for Grassroots Emulation Fighter:"),
        "{en}"
    );
    assert_eq!(en.lines().count(), 5, "every finding it rests on: {en}");
}

#[test]
fn both_rule_sets_describe_themselves_in_both_languages() {
    for rule_set in [RuleSet::Nd91_2017, RuleSet::Luat2022] {
        let rules = rules::builtin(rule_set).unwrap();
        for lang in [Lang::Vi, Lang::En] {
            let text = rule_set_text(lang, &rules);
            assert!(text.contains(&rules.tenure.legal_ref), "{text}");
            assert!(text.contains(&rules.unit_meeting.legal_ref), "{text}");
        }
    }
    let nd91 = rules::builtin(RuleSet::Nd91_2017).unwrap();
    let text = rule_set_text(Lang::Vi, &nd91);
    assert!(text.contains("Số lượng không quá 15% số người đạt Lao động tiên tiến (phạm vi: toàn Sở, làm tròn xuống)"), "{text}");
    assert!(
        text.contains("Người đạt Lao động tiên tiến: trên 50% số thành viên của đơn vị"),
        "{text}"
    );
}

#[test]
fn spans_and_percentages_read_naturally() {
    assert_eq!(span(Lang::Vi, 5, 20), "5 tháng 20 ngày");
    assert_eq!(span(Lang::Vi, 6, 0), "6 tháng");
    assert_eq!(span(Lang::En, 1, 1), "1 month 1 day");
    assert_eq!(percent_text(Lang::Vi, 50.0), "50%");
    assert_eq!(percent_text(Lang::Vi, 200.0 / 3.0), "66,67%");
    assert_eq!(percent_text(Lang::Vi, 62.5), "62,5%");
    assert_eq!(percent_text(Lang::En, 62.5), "62.5%");
}
