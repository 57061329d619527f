//! What goes to those who follow others' progress: the unit head's digest, the secretary's
//! escalation and the periodic report.

use super::tasks;
use crate::domain::phase::{Phase, WindowState};
use crate::domain::reminders::Task;
use crate::domain::time::{format_date, format_local};
use crate::texts::refusal::phase_name;
use crate::texts::{Lang, pick};
use chrono::{DateTime, NaiveDate, Utc};

/// A unit's name and its people who owe something: (full name, tasks).
pub type UnitOwing<'a> = (&'a str, Vec<(&'a str, &'a [Task])>);

/// One phase of a digest or an escalation: who owes what, by name.
pub struct OwingLines<'a> {
    pub phase: Phase,
    pub deadline: DateTime<Utc>,
    /// (unit name, [(full name, tasks)]).
    pub units: Vec<UnitOwing<'a>>,
}

fn owing_lines(lang: Lang, block: &OwingLines<'_>, with_unit_names: bool) -> String {
    let mut text = String::new();
    for (unit_name, people) in &block.units {
        if with_unit_names {
            text.push_str(&format!("\n{unit_name} ({}):\n", people.len()));
        }
        for (name, owed) in people {
            text.push_str(&format!("• {name}: {}\n", tasks(lang, owed, unit_name)));
        }
    }
    text
}

pub fn digest_subject(lang: Lang, unit_name: &str, date: NaiveDate) -> String {
    pick(
        lang,
        format!("Tình hình thi đua {unit_name} ngày {}", format_date(date)),
        format!("Emulation progress of {unit_name}, {}", format_date(date)),
    )
}

pub fn digest(lang: Lang, unit_name: &str, date: NaiveDate, blocks: &[OwingLines<'_>]) -> String {
    let mut text = pick(
        lang,
        format!(
            "Tổng hợp ngày {} — {unit_name}\nCác việc cán bộ trong đơn vị còn phải hoàn thành:",
            format_date(date)
        ),
        format!(
            "Digest for {} — {unit_name}\nWhat members of your unit still have to do:",
            format_date(date)
        ),
    );
    for block in blocks {
        text.push_str(&pick(
            lang,
            format!(
                "\n\n{} (hạn {}):\n",
                capitalise(phase_name(lang, block.phase)),
                format_local(block.deadline)
            ),
            format!(
                "\n\n{} (due {}):\n",
                capitalise(phase_name(lang, block.phase)),
                format_local(block.deadline)
            ),
        ));
        text.push_str(&owing_lines(lang, block, false));
    }
    text.push_str(&pick(
        lang,
        "\nAnh/chị vui lòng đôn đốc các đồng chí trên. Gõ /trangthai để xem chi tiết, /nhacnho để điều chỉnh việc nhận tin tổng hợp.".into(),
        "\nPlease follow up with them. Send /status for details, /reminders to adjust this digest.".into(),
    ));
    text
}

pub fn escalation_subject(lang: Lang, phase: Phase, deadline: DateTime<Utc>) -> String {
    pick(
        lang,
        format!(
            "Quá hạn {} ({})",
            phase_name(lang, phase),
            format_local(deadline)
        ),
        format!(
            "Missed deadline: {} ({})",
            phase_name(lang, phase),
            format_local(deadline)
        ),
    )
}

pub fn escalation(lang: Lang, block: &OwingLines<'_>) -> String {
    let count: usize = block.units.iter().map(|(_, people)| people.len()).sum();
    let mut text = pick(
        lang,
        format!(
            "Kính gửi Thường trực Hội đồng Thi đua – Khen thưởng,\nThời hạn {} đã kết thúc lúc {}. Còn {count} người thuộc {} đơn vị chưa hoàn thành:\n",
            phase_name(lang, block.phase),
            format_local(block.deadline),
            block.units.len()
        ),
        format!(
            "To the council's standing body,\nThe {} deadline passed at {}. {count} people in {} units have not completed it:\n",
            phase_name(lang, block.phase),
            format_local(block.deadline),
            block.units.len()
        ),
    );
    text.push_str(&owing_lines(lang, block, true));
    text.push_str(&pick(
        lang,
        "\nĐề nghị Thường trực đôn đốc các đơn vị, hoặc gia hạn nếu cần.".into(),
        "\nPlease follow up with these units, or extend the deadline if needed.".into(),
    ));
    text
}

/// One line of the report: phase, its state, unit name, done, concerned.
pub struct ReportLine<'a> {
    pub phase: Phase,
    pub state: WindowState,
    pub unit_name: &'a str,
    pub done: usize,
    pub concerned: usize,
}

pub fn report_subject(lang: Lang, year: i32, date: NaiveDate) -> String {
    pick(
        lang,
        format!(
            "Báo cáo tiến độ thi đua năm {year} (đến ngày {})",
            format_date(date)
        ),
        format!(
            "Emulation campaign {year}: progress report as of {}",
            format_date(date)
        ),
    )
}

pub fn report(
    lang: Lang,
    campaign_name: &str,
    date: NaiveDate,
    lines: &[ReportLine<'_>],
) -> String {
    let mut text = pick(
        lang,
        format!(
            "Kính gửi Hội đồng Thi đua – Khen thưởng,\nBáo cáo tiến độ {campaign_name}, số liệu đến ngày {}.\n",
            format_date(date)
        ),
        format!(
            "To the Emulation–Commendation Council,\nProgress of {campaign_name} as of {}.\n",
            format_date(date)
        ),
    );
    if lines.is_empty() {
        text.push_str(&pick(
            lang,
            "\nChưa có giai đoạn nào có số liệu để báo cáo.\n".into(),
            "\nNo phase has data to report yet.\n".into(),
        ));
    }
    let mut current: Option<Phase> = None;
    for line in lines {
        if current != Some(line.phase) {
            current = Some(line.phase);
            let state = match (lang, line.state) {
                (Lang::Vi, WindowState::Open) => "đang diễn ra",
                (Lang::Vi, _) => "đã kết thúc",
                (Lang::En, WindowState::Open) => "open",
                (Lang::En, _) => "closed",
            };
            text.push_str(&format!(
                "\n{} ({state}):\n",
                capitalise(phase_name(lang, line.phase))
            ));
        }
        let percent = (line.done * 100).checked_div(line.concerned).unwrap_or(0);
        text.push_str(&pick(
            lang,
            format!(
                "• {}: {}/{} người đã hoàn thành ({percent}%)\n",
                line.unit_name, line.done, line.concerned
            ),
            format!(
                "• {}: {}/{} people done ({percent}%)\n",
                line.unit_name, line.done, line.concerned
            ),
        ));
    }
    text.push_str(&pick(
        lang,
        "\nBáo cáo do hệ thống thi đua – khen thưởng gửi tự động.".into(),
        "\nSent automatically by the emulation and commendation system.".into(),
    ));
    text
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
