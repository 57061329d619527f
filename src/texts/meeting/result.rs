//! The meeting's decided result: quorum, each nomination and why, quotas, the collective title.

use super::super::{Lang, pick, titles};
use crate::domain::meeting::{QuotaNote, Standing};
use crate::domain::rules::Scope;
use crate::domain::title::Title;
use crate::services::meeting::Preview;

fn standing(lang: Lang, standing: Standing, title: Title, quota: Option<&QuotaNote>) -> String {
    match standing {
        Standing::Stands => pick(lang, "được đề nghị".into(), "proposed".into()),
        Standing::NoQuorum => pick(lang, "không xét vì cuộc họp chưa đủ số người dự".into(), "not considered: no quorum".into()),
        Standing::BelowVoteShare => pick(
            lang,
            "không được đề nghị: số phiếu đồng ý chưa đạt tỷ lệ theo quy định".into(),
            "not proposed: too few yes-votes under the rule".into(),
        ),
        Standing::IncludedTitleFails(lower) => pick(
            lang,
            format!("không được đề nghị: chưa được đề nghị danh hiệu {}", titles::name(lang, lower)),
            format!("not proposed: not proposed for {}", titles::name(lang, lower)),
        ),
        Standing::OverQuota => {
            let available = quota.map_or(0, |note| note.available);
            pick(
                lang,
                format!("không được đề nghị: vượt số lượng tối đa ({available} suất {} còn lại cho đơn vị), xếp sau người có nhiều phiếu hơn", titles::name(lang, title)),
                format!("not proposed: over the quota ({available} {} place(s) left for the unit), ranked below those with more votes", titles::name(lang, title)),
            )
        }
        Standing::TiedAtQuota => pick(
            lang,
            "không được đề nghị: bằng phiếu với người được chọn ở suất cuối, quy định không phân định được; vui lòng trao đổi với Thường trực Hội đồng".into(),
            "not proposed: tied with the last one admitted and the rules cannot choose; please consult the standing body".into(),
        ),
    }
}

fn quota_line(lang: Lang, note: &QuotaNote) -> String {
    let name = titles::name(lang, note.title);
    match note.scope {
        Scope::Unit => pick(
            lang,
            format!(
                "• Số lượng {name} (phạm vi đơn vị): tối đa {} trên {} người đạt Lao động tiên tiến.",
                note.quota, note.achievers
            ),
            format!(
                "• {name} quota (unit scope): at most {} for {} Advanced Workers.",
                note.quota, note.achievers
            ),
        ),
        Scope::Department => pick(
            lang,
            format!(
                "• Số lượng {name} (phạm vi toàn Sở): tối đa {} trên {} người đạt Lao động tiên tiến tính đến nay (gồm các đơn vị đã gửi); các đơn vị khác đã dùng {}, đơn vị còn {}.",
                note.quota, note.achievers, note.held_elsewhere, note.available
            ),
            format!(
                "• {name} quota (department scope): at most {} for {} Advanced Workers so far (units already submitted included); other units hold {}, {} left for this unit.",
                note.quota, note.achievers, note.held_elsewhere, note.available
            ),
        ),
    }
}

/// The decided meeting: quorum, each nomination and why, quotas, the collective title.
pub fn preview(lang: Lang, preview: &Preview, propose_collective: bool) -> String {
    let outcome = &preview.outcome;
    let mut text = if outcome.quorum_met {
        pick(
            lang,
            format!(
                "Kết quả họp bình xét — {}\nCó mặt {}/{} thành viên: đủ số người dự theo quy định.",
                preview.view.unit_name, outcome.present, outcome.members
            ),
            format!(
                "Meeting result — {}\n{} of {} members present: quorum reached.",
                preview.view.unit_name, outcome.present, outcome.members
            ),
        )
    } else {
        pick(
            lang,
            format!(
                "Kết quả họp bình xét — {}\nCó mặt {}/{} thành viên: CHƯA đủ số người dự theo quy định, nên không thể gửi đề nghị nào.",
                preview.view.unit_name, outcome.present, outcome.members
            ),
            format!(
                "Meeting result — {}\n{} of {} members present: NO quorum, so nothing can be proposed.",
                preview.view.unit_name, outcome.present, outcome.members
            ),
        )
    };
    if preview.entries.is_empty() {
        text.push_str(&pick(
            lang,
            "\n\nKhông có ai để biểu quyết (chưa có bản tự đánh giá nào được duyệt và đủ điều kiện).".into(),
            "\n\nNobody to vote on (no approved self-assessment meets the criteria).".into(),
        ));
    } else {
        text.push_str(&pick(
            lang,
            "\n\nĐề nghị cá nhân:".into(),
            "\n\nIndividual nominations:".into(),
        ));
    }
    for ((entry, nominee), standing_now) in preview
        .entries
        .iter()
        .zip(&preview.view.nominees)
        .zip(&outcome.standings)
    {
        let quota = outcome.quotas.iter().find(|note| note.title == entry.title);
        let mark = if *standing_now == Standing::Stands {
            "✅"
        } else {
            "❌"
        };
        text.push_str(&pick(
            lang,
            format!(
                "\n{mark} {} — {}: {}/{} phiếu đồng ý — {}.",
                nominee.person.full_name,
                titles::name(lang, entry.title),
                entry.yes,
                outcome.present,
                standing(lang, *standing_now, entry.title, quota)
            ),
            format!(
                "\n{mark} {} — {}: {} of {} yes — {}.",
                nominee.person.full_name,
                titles::name(lang, entry.title),
                entry.yes,
                outcome.present,
                standing(lang, *standing_now, entry.title, quota)
            ),
        ));
    }
    if !outcome.quotas.is_empty() {
        text.push('\n');
        for note in &outcome.quotas {
            text.push('\n');
            text.push_str(&quota_line(lang, note));
        }
    }
    if let Some(check) = &preview.collective {
        let name = titles::name(lang, check.verdict.title);
        text.push_str("\n\n");
        if check.verdict.eligible {
            text.push_str(&pick(
                lang,
                format!(
                    "Danh hiệu tập thể {name}: kết quả của các thành viên đáp ứng tiêu chuẩn.\n{}",
                    crate::texts::verdict::verdict(lang, &check.verdict)
                ),
                format!(
                    "Collective title {name}: the members' results meet the criteria.\n{}",
                    crate::texts::verdict::verdict(lang, &check.verdict)
                ),
            ));
            text.push_str(&if propose_collective {
                pick(
                    lang,
                    "\n→ Sẽ đề nghị danh hiệu tập thể này.".into(),
                    "\n→ This collective title will be proposed.".into(),
                )
            } else {
                pick(
                    lang,
                    "\n→ Chưa chọn đề nghị danh hiệu tập thể (bấm nút bên dưới nếu muốn đề nghị)."
                        .into(),
                    "\n→ Not proposing it yet (tap the button below to propose it).".into(),
                )
            });
        } else {
            text.push_str(&pick(
                lang,
                format!("Danh hiệu tập thể {name}: dữ liệu không đủ căn cứ nên KHÔNG thể đề nghị.\n{}", crate::texts::verdict::verdict(lang, &check.verdict)),
                format!("Collective title {name}: the data does NOT support it, so it cannot be proposed.\n{}", crate::texts::verdict::verdict(lang, &check.verdict)),
            ));
            if propose_collective {
                text.push_str(&pick(
                    lang,
                    "\n→ Yêu cầu đề nghị danh hiệu tập thể này sẽ không được chấp nhận.".into(),
                    "\n→ A request to propose this collective title will be refused.".into(),
                ));
            }
        }
        if check.unassessed > 0 {
            text.push_str(&pick(
                lang,
                format!("\n(Có {} thành viên chưa có bản tự đánh giá được duyệt, được tính là chưa đạt tiêu chuẩn.)", check.unassessed),
                format!("\n({} member(s) have no approved self-assessment and count as not meeting the criteria.)", check.unassessed),
            ));
        }
    }
    if outcome.quorum_met {
        text.push_str(&pick(
            lang,
            "\n\nBấm “Gửi đề nghị” để gửi Thường trực Hội đồng Thi đua – Khen thưởng. Sau khi gửi, việc duyệt bản tự đánh giá của đơn vị sẽ khóa.".into(),
            "\n\nTap “Submit” to send this to the council's standing body. After that, the unit's reviews are locked.".into(),
        ));
    }
    text
}
