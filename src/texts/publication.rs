//! Publishing the approved results: the group post (by unit and title, split under Telegram's
//! 4,096 characters with numbered parts), each person's private result, and the e-mail that
//! carries the result files.

use super::{Lang, pick, titles};
use crate::domain::title::Title;
use crate::org::Org;
use crate::storage::decisions::Decision;
use crate::storage::exports::NominationRow;
use chrono::NaiveDate;

/// Telegram's limit for one message.
pub const TELEGRAM_LIMIT: usize = 4096;
/// Room kept for the part header "(12/12)\n".
const HEADER_ROOM: usize = 16;

fn decision_line(decision: &Decision) -> String {
    decision_line_of(decision.number.as_deref(), decision.decided_on)
}

fn decision_line_of(number: Option<&str>, decided_on: Option<NaiveDate>) -> String {
    format!(
        "Quyết định số {} ngày {} của Giám đốc Sở",
        number.unwrap_or("—"),
        decided_on.map(super::export::date).unwrap_or_default()
    )
}

/// The approved nominations by unit, then title, as one text (Vietnamese: the group is
/// public): first what the director recognises, then what the department proposes to the
/// provincial chairman (TLĐXS, CSTĐ cấp tỉnh), never called recognised. Names only: who failed
/// and how anyone was voted are not public.
pub fn group_text(org: &Org, year: i32, decision: &Decision, rows: &[NominationRow]) -> String {
    let mut text = format!(
        "📣 KẾT QUẢ THI ĐUA – KHEN THƯỞNG NĂM {year}\n{}\n",
        decision_line(decision)
    );
    let (upward, recognised): (Vec<&NominationRow>, Vec<&NominationRow>) = rows
        .iter()
        .filter(|row| row.status == "approved")
        .partition(|row| Title::code_decided_upward(&row.title));
    if !recognised.is_empty() {
        text.push_str("\nCÔNG NHẬN DANH HIỆU THI ĐUA\n");
        push_by_unit(&mut text, org, &recognised);
    }
    if !upward.is_empty() {
        text.push_str("\nĐỀ NGHỊ CẤP TRÊN XÉT TẶNG (Chủ tịch Ủy ban nhân dân tỉnh quyết định)\n");
        push_by_unit(&mut text, org, &upward);
    }
    text.push_str(&format!(
        "\nTổng cộng: {} danh hiệu được công nhận",
        recognised.len()
    ));
    if !upward.is_empty() {
        text.push_str(&format!("; {} đề nghị cấp trên xét tặng", upward.len()));
    }
    text.push_str(". Xin chúc mừng các cá nhân và tập thể!");
    text
}

/// A unit's titles in the order they are announced: the higher individual title first, so a
/// person recognised for both CSTĐ cơ sở and LĐTT is named once, under the higher one.
const ANNOUNCED: [Title; 5] = [
    Title::CstdTinh,
    Title::Cstdcs,
    Title::Ldtt,
    Title::Tldxs,
    Title::Tldtt,
];
/// Names run on one line up to about this many characters, then continue on the next (so a
/// large unit's list never has to be cut inside a name when the post is split).
const LINE_CHARS: usize = 600;

/// Each unit (in the rows' order) with its titles, every person named once: under the highest
/// title they received in this part; the LĐTT line says the higher ones are not repeated.
fn push_by_unit(text: &mut String, org: &Org, rows: &[&NominationRow]) {
    let mut units: Vec<&str> = Vec::new();
    for row in rows {
        if !units.contains(&row.unit_code.as_str()) {
            units.push(&row.unit_code);
        }
    }
    for unit in units {
        text.push_str(&format!("\n▪️ {}\n", org.unit_name(unit)));
        let in_unit: Vec<&NominationRow> = rows
            .iter()
            .copied()
            .filter(|row| row.unit_code == unit)
            .collect();
        let mut named_higher: Vec<i64> = Vec::new();
        for title in ANNOUNCED {
            let of_title = in_unit
                .iter()
                .copied()
                .filter(|row| row.title == title.code());
            let (repeated, named): (Vec<&NominationRow>, Vec<&NominationRow>) =
                of_title.partition(|row| {
                    title == Title::Ldtt
                        && row.person_id.is_some_and(|id| named_higher.contains(&id))
                });
            if title != Title::Ldtt {
                named_higher.extend(named.iter().filter_map(|row| row.person_id));
            }
            if named.is_empty() {
                continue;
            }
            let mut label = super::export::title(title.code());
            if !repeated.is_empty() {
                label.push_str(" (ngoài các đồng chí đạt danh hiệu cao hơn nêu trên)");
            }
            // Names only: who failed and how anyone was voted are not public.
            let names: Vec<String> = named
                .iter()
                .map(|row| {
                    row.full_name
                        .clone()
                        .unwrap_or_else(|| format!("Tập thể {}", org.unit_name(&row.unit_code)))
                })
                .collect();
            text.push_str(&format!("  {label}: "));
            let mut line = 0;
            for (index, name) in names.iter().enumerate() {
                if index > 0 {
                    if line > LINE_CHARS {
                        text.push_str(",\n    ");
                        line = 0;
                    } else {
                        text.push_str(", ");
                    }
                }
                text.push_str(name);
                line += name.chars().count() + 2;
            }
            text.push_str(".\n");
        }
    }
}

/// Splits at line breaks into parts under Telegram's limit and numbers them "(1/3)" when
/// there is more than one, so readers can follow the order.
pub fn numbered_parts(text: &str) -> Vec<String> {
    let limit = TELEGRAM_LIMIT - HEADER_ROOM;
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut count = 0;
    // Telegram counts UTF-16 units, and so do we.
    for line in text.split_inclusive('\n') {
        let chars = line.encode_utf16().count();
        if count + chars > limit && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
            count = 0;
        }
        if chars > limit {
            let (mut chunk, mut units) = (String::new(), 0);
            for c in line.chars() {
                if units + c.len_utf16() > limit {
                    parts.push(std::mem::take(&mut chunk));
                    units = 0;
                }
                chunk.push(c);
                units += c.len_utf16();
            }
            if !chunk.is_empty() {
                parts.push(chunk);
            }
            continue;
        }
        current.push_str(line);
        count += chars;
    }
    if !current.is_empty() {
        parts.push(current);
    }
    let total = parts.len();
    if total <= 1 {
        return parts;
    }
    parts
        .into_iter()
        .enumerate()
        .map(|(index, part)| format!("({}/{total})\n{}", index + 1, part.trim_end()))
        .collect()
}

/// One person's own result, privately.
pub fn private_result(
    lang: Lang,
    title: Title,
    status: &str,
    number: Option<&str>,
    decided_on: Option<NaiveDate>,
) -> (String, String) {
    let name = titles::name(lang, title);
    let number = number.unwrap_or("—");
    let date = decided_on.map(super::export::date).unwrap_or_default();
    let subject = pick(
        lang,
        "Kết quả thi đua của anh/chị".into(),
        "Your emulation result".into(),
    );
    let body = if status == "approved" && title.decided_upward() {
        pick(
            lang,
            format!(
                "🎉 Xin chúc mừng! Theo Quyết định số {number} ngày {date} của Giám đốc Sở, Sở đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng anh/chị danh hiệu {name}. Danh hiệu do cấp tỉnh quyết định; kết quả sẽ được thông báo khi có quyết định của cấp trên."
            ),
            format!(
                "🎉 Congratulations! By the Director's Decision No. {number} of {date}, the department proposes you to the chairman of the provincial People's Committee for {name}. The province decides this title; you will be told once it has."
            ),
        )
    } else if status == "approved" {
        pick(
            lang,
            format!(
                "🎉 Xin chúc mừng! Anh/chị được công nhận danh hiệu {name} theo Quyết định số {number} ngày {date} của Giám đốc Sở."
            ),
            format!(
                "🎉 Congratulations! You are recognised as {name} by the Director's Decision No. {number} of {date}."
            ),
        )
    } else {
        pick(
            lang,
            format!(
                "Kết quả xét danh hiệu {name} của anh/chị: chưa được công nhận trong đợt này (Quyết định số {number} ngày {date}). Nếu cần trao đổi, anh/chị vui lòng liên hệ Thường trực Hội đồng Thi đua – Khen thưởng."
            ),
            format!(
                "Your {name} nomination was not recognised this time (Decision No. {number} of {date}). For questions, please contact the council's standing body."
            ),
        )
    };
    (subject, body)
}

/// The e-mail that carries the result files, for the decision numbered `number`.
pub fn email(
    year: i32,
    number: Option<&str>,
    decided_on: Option<NaiveDate>,
    recognised: usize,
    proposed_upward: usize,
) -> (String, String) {
    let upward = match proposed_upward {
        0 => String::new(),
        n => format!(" và {n} danh hiệu đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng"),
    };
    (
        format!(
            "Kết quả thi đua – khen thưởng năm {year} ({})",
            number.unwrap_or("")
        ),
        format!(
            "Kính gửi Quý đơn vị,\n\nThường trực Hội đồng Thi đua – Khen thưởng Sở trân trọng gửi kết quả thi đua – khen thưởng năm {year} theo {}: {recognised} danh hiệu được công nhận{upward}.\n\nKết quả chi tiết theo đơn vị và danh hiệu có trong các tệp đính kèm (XLSX và CSV).\n\nTrân trọng.",
            decision_line_of(number, decided_on)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_the_province_decides_is_told_as_proposed_never_as_recognised() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 15);
        let (_, upward) = private_result(Lang::Vi, Title::CstdTinh, "approved", Some("125"), date);
        assert!(
            upward.contains("Sở đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng anh/chị danh hiệu Chiến sĩ thi đua cấp tỉnh"),
            "{upward}"
        );
        assert!(!upward.contains("được công nhận"), "{upward}");
        let (_, own) = private_result(Lang::Vi, Title::Cstdcs, "approved", Some("125"), date);
        assert!(
            own.contains("được công nhận danh hiệu Chiến sĩ thi đua cơ sở"),
            "{own}"
        );
        let (_, mail) = email(2026, Some("125"), date, 12, 0);
        assert!(mail.contains("12 danh hiệu được công nhận."), "{mail}");
        let (_, mail) = email(2026, Some("125"), date, 12, 2);
        assert!(
            mail.contains("12 danh hiệu được công nhận và 2 danh hiệu đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng."),
            "{mail}"
        );
    }

    #[test]
    fn a_large_unit_names_each_person_once_under_the_highest_title() {
        let org =
            Org::parse("department = \"Sở\"\n[[units]]\ncode = \"VP\"\nname = \"Văn phòng\"\n")
                .unwrap();
        let row = |id: i64, title: &str| NominationRow {
            id,
            unit_code: "VP".into(),
            employee_code: Some(format!("X{id:03}")),
            full_name: Some(format!("Nguyễn Thị Phương Thảo {id:03}")),
            person_id: Some(id),
            position: None,
            gender: None,
            title: title.into(),
            meeting_yes_votes: None,
            status: "approved".into(),
            appraisal_note: None,
            ballot_yes: None,
            ballot_no: None,
            membership: None,
        };
        // 153 people recognised LĐTT, 20 of them CSTĐCS as well.
        let mut rows: Vec<NominationRow> = (0..153).map(|id| row(id, "LDTT")).collect();
        rows.extend((0..20).map(|id| row(id, "CSTDCS")));
        let decision = Decision {
            id: 1,
            campaign_year: 2026,
            outcome: "approved".into(),
            number: Some("125/QĐ-SXD".into()),
            decided_on: NaiveDate::from_ymd_opt(2026, 12, 15),
            comment: None,
            decided_by: 1,
            decided_at: chrono::Utc::now(),
        };
        let text = group_text(&org, 2026, &decision, &rows);
        for id in 0..153 {
            assert_eq!(
                text.matches(&format!("Thảo {id:03}")).count(),
                1,
                "{id}: {text}"
            );
        }
        assert!(text.contains("  Chiến sĩ thi đua cơ sở: Nguyễn Thị Phương Thảo 000, "));
        assert!(text.contains(
            "  Lao động tiên tiến (ngoài các đồng chí đạt danh hiệu cao hơn nêu trên): Nguyễn Thị Phương Thảo 020, "
        ));
        let parts = numbered_parts(&text);
        assert_eq!(parts.len(), 2, "{} characters", text.chars().count());
        assert!(
            text.chars().count() < 5200,
            "{} characters",
            text.chars().count()
        );
        // No name is cut between two parts.
        for id in 0..153 {
            let name = format!("Nguyễn Thị Phương Thảo {id:03}");
            let holding = parts.iter().filter(|part| part.contains(&name)).count();
            assert_eq!(holding, 1, "{name} is whole in exactly one part");
        }
        assert!(text.contains("Tổng cộng: 173 danh hiệu được công nhận"));
    }

    #[test]
    fn long_results_are_split_under_the_limit_in_numbered_order() {
        let text = "   • Nguyễn Thị Bích Ngọc (9/10 phiếu đồng ý)\n".repeat(400);
        let parts = numbered_parts(&text);
        assert!(parts.len() > 2);
        for (index, part) in parts.iter().enumerate() {
            assert!(part.chars().count() <= TELEGRAM_LIMIT);
            assert!(part.starts_with(&format!("({}/{})\n", index + 1, parts.len())));
        }
        assert_eq!(numbered_parts("ngắn\n"), vec!["ngắn\n".to_owned()]);
    }
}
