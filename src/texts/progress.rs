//! /trangthai's progress part: a unit's members by state and its meeting (for its head), and
//! every unit's counts and nominations under way (for the secretary and the director).

use super::{Lang, pick};
use crate::domain::meeting::MeetingStatus;
use crate::domain::time::format_date;
use crate::services::status::{NominationsWaiting, UnitProgress};

pub fn meeting(lang: Lang, progress: &UnitProgress) -> String {
    match progress.meeting {
        None | Some((MeetingStatus::Recorded, _)) => {
            pick(lang, "chưa gửi".into(), "not submitted".into())
        }
        Some((MeetingStatus::Submitted, held_on)) => pick(
            lang,
            format!("đã gửi (họp ngày {})", format_date(held_on)),
            format!("submitted (held on {})", format_date(held_on)),
        ),
        Some((MeetingStatus::Reopened, _)) => pick(
            lang,
            "đã được mở lại, chờ đơn vị gửi lại".into(),
            "reopened, waiting for the unit to submit again".into(),
        ),
    }
}

/// For a head: each state with the members in it, then the meeting.
pub fn unit(lang: Lang, progress: &UnitProgress) -> String {
    let mut text = pick(
        lang,
        format!(
            "\n\nTiến độ của {} ({} thành viên):",
            progress.unit_name,
            progress.members.len()
        ),
        format!(
            "\n\nProgress of {} ({} members):",
            progress.unit_name,
            progress.members.len()
        ),
    );
    for state in UnitProgress::STATES {
        let names: Vec<&str> = progress
            .in_state(state)
            .map(|person| person.full_name.as_str())
            .collect();
        if names.is_empty() {
            continue;
        }
        text.push_str(&format!(
            "\n• {} ({}): {}",
            capitalised(super::review::state(lang, state)),
            names.len(),
            names.join(", ")
        ));
    }
    text.push_str(&pick(
        lang,
        format!("\nHọp bình xét: {}.", meeting(lang, progress)),
        format!("\nReview meeting: {}.", meeting(lang, progress)),
    ));
    text
}

/// For the secretary: one line of counts per unit.
pub fn department(lang: Lang, units: &[UnitProgress]) -> String {
    let mut text = pick(
        lang,
        "\n\nTiến độ các đơn vị (chưa đăng ký / đã đăng ký / đang tự đánh giá / đã nộp / đã duyệt / đã trả lại):".into(),
        "\n\nUnits' progress (not registered / registered / assessing / submitted / approved / returned):".into(),
    );
    for unit in units {
        let counts: Vec<String> = UnitProgress::STATES
            .iter()
            .map(|state| unit.count(*state).to_string())
            .collect();
        text.push_str(&pick(
            lang,
            format!(
                "\n• {} — {} ({} người): {}; họp bình xét: {}{}.",
                unit.unit_code,
                unit.unit_name,
                unit.members.len(),
                counts.join(" / "),
                meeting(lang, unit),
                nominations(lang, unit.nominations)
            ),
            format!(
                "\n• {} — {} ({} people): {}; review meeting: {}{}.",
                unit.unit_code,
                unit.unit_name,
                unit.members.len(),
                counts.join(" / "),
                meeting(lang, unit),
                nominations(lang, unit.nominations)
            ),
        ));
    }
    text
}

/// "; đề nghị: 2 chờ thẩm định, 1 chờ bỏ phiếu, 0 chờ quyết định", once the unit proposed any
/// still on their way.
fn nominations(lang: Lang, waiting: NominationsWaiting) -> String {
    if waiting.total() == 0 {
        return String::new();
    }
    pick(
        lang,
        format!(
            "; đề nghị: {} chờ thẩm định, {} chờ bỏ phiếu, {} chờ quyết định",
            waiting.appraisal, waiting.ballot, waiting.decision
        ),
        format!(
            "; nominations: {} awaiting appraisal, {} awaiting the ballot, {} awaiting the decision",
            waiting.appraisal, waiting.ballot, waiting.decision
        ),
    )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `thidua rules check`: the heading, then every registrant's verdicts with their reasons.
pub fn rules_check(
    lang: Lang,
    campaign: &crate::domain::campaign::Campaign,
    lines: &[crate::services::status::RegistrantCheck],
    unit_name: impl Fn(&str) -> String,
) -> String {
    let locals = if campaign.local_rules.is_empty() {
        String::new()
    } else {
        pick(
            lang,
            format!(" + quy định riêng: {}", campaign.local_rules.join(", ")),
            format!(" + local rules: {}", campaign.local_rules.join(", ")),
        )
    };
    let mut text = pick(
        lang,
        format!(
            "Đợt thi đua {} — {}\nBộ tiêu chí: {}{locals}\nSố người đăng ký: {}\n",
            campaign.year,
            campaign.name,
            campaign.rule_set.as_str(),
            lines.len()
        ),
        format!(
            "Campaign {} — {}\nRule set: {}{locals}\nRegistrants: {}\n",
            campaign.year,
            campaign.name,
            campaign.rule_set.as_str(),
            lines.len()
        ),
    );
    for line in lines {
        let person = &line.person;
        text.push_str(&pick(
            lang,
            format!(
                "\n{} {} ({}) — đăng ký: {} — ",
                person.employee_code,
                person.full_name,
                unit_name(&person.unit_code),
                super::titles::name(lang, line.title)
            ),
            format!(
                "\n{} {} ({}) — registered: {} — ",
                person.employee_code,
                person.full_name,
                unit_name(&person.unit_code),
                super::titles::name(lang, line.title)
            ),
        ));
        match line.submitted {
            None => text.push_str(&pick(lang, "chưa nộp\n".into(), "not submitted\n".into())),
            Some((version, state)) => {
                text.push_str(&pick(
                    lang,
                    format!(
                        "bản nộp lần {version} ({}):\n",
                        super::review::state(lang, state)
                    ),
                    format!(
                        "submitted version {version} ({}):\n",
                        super::review::state(lang, state)
                    ),
                ));
                if line.verdicts.is_empty() {
                    text.push_str(&pick(
                        lang,
                        "  (chưa xét được: bộ tiêu chí không đọc được)\n".into(),
                        "  (no verdict: the rule set cannot be read)\n".into(),
                    ));
                }
                for verdict in &line.verdicts {
                    for (index, row) in super::verdict::verdict(lang, verdict).lines().enumerate() {
                        text.push_str(if index == 0 { "  " } else { "    " });
                        text.push_str(row);
                        text.push('\n');
                    }
                }
            }
        }
    }
    text
}
