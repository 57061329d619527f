//! The director's quyết định recognising the year's titles, with its danh sách kèm theo.
//! Before the director approves, the same paper is the draft the secretary hands in: the
//! council's recommendation, with the number and the day left to fill in.

use super::{Letterhead, Listed, blank_paper, counts, grouped_table};
use crate::texts::export::date;
use crate::texts::paper::{self, Annex, Block, Paper, Run, Signer};
use chrono::NaiveDate;

pub struct Decision<'a> {
    pub letterhead: Letterhead<'a>,
    pub year: i32,
    /// The legal texts the decision rests on (the rule set's basis).
    pub basis: &'a [String],
    /// The decision's number and day once the director approved; `None` for the draft.
    pub number: Option<&'a str>,
    pub day: Option<NaiveDate>,
    pub director: Option<&'a str>,
    /// The titles the director recognises, in print order.
    pub listed: &'a [Listed],
    pub unit_name: &'a dyn Fn(&str) -> String,
}

pub fn paper(decision: &Decision<'_>) -> Paper {
    let letterhead = &decision.letterhead;
    let year = decision.year;
    let department = letterhead.department;
    let mut paper = blank_paper(
        letterhead,
        letterhead.number(decision.number, "QĐ"),
        paper::place_date(letterhead.place, decision.day, year),
        "QUYẾT ĐỊNH",
        vec![format!("Về việc công nhận danh hiệu thi đua năm {year}")],
    );
    let mut body = vec![Block::centred(Run::bold(format!(
        "GIÁM ĐỐC {}",
        letterhead.issuer().last().cloned().unwrap_or_default()
    )))];
    for text in in_force(decision.basis, decision.day.unwrap_or_else(|| end_of(year))) {
        body.push(Block::runs(vec![Run::italic(format!("Căn cứ {text};"))]));
    }
    body.push(Block::runs(vec![Run::italic(format!(
        "Xét đề nghị của Thường trực Hội đồng Thi đua – Khen thưởng {department}."
    ))]));
    body.push(Block::centred(Run::bold("QUYẾT ĐỊNH:")));
    let individuals = decision
        .listed
        .iter()
        .filter(|item| item.name.is_some())
        .map(|item| item.name.as_deref())
        .collect::<std::collections::HashSet<_>>()
        .len();
    let collectives = decision
        .listed
        .iter()
        .filter(|item| item.name.is_none())
        .map(|item| item.unit_code.as_str())
        .collect::<std::collections::HashSet<_>>()
        .len();
    body.push(Block::runs(vec![
        Run::bold("Điều 1. "),
        Run::plain(format!(
            "Công nhận danh hiệu thi đua năm {year} cho {individuals:02} cá nhân và {collectives:02} tập thể thuộc {department} (có danh sách kèm theo), gồm:"
        )),
    ]));
    body.extend(counts(decision.listed));
    body.push(Block::runs(vec![
        Run::bold("Điều 2. "),
        Run::plain("Quyết định này có hiệu lực kể từ ngày ký."),
    ]));
    body.push(Block::runs(vec![
        Run::bold("Điều 3. "),
        Run::plain(format!(
            "Chánh Văn phòng, Thủ trưởng các phòng, đơn vị thuộc {department} và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
        )),
    ]));
    paper.body = body;
    paper.recipients = vec![
        "Như Điều 3;".to_owned(),
        "Hội đồng Thi đua – Khen thưởng Sở;".to_owned(),
        "Lưu: VT, VP.".to_owned(),
    ];
    paper.signers = vec![Signer {
        capacity: vec!["GIÁM ĐỐC".to_owned()],
        name: decision.director.unwrap_or(paper::BLANK).to_owned(),
    }];
    let of = match (decision.number, decision.day) {
        (Some(number), Some(day)) => format!(
            "(Kèm theo Quyết định số {number} ngày {} của Giám đốc {department})",
            date(day)
        ),
        _ => format!(
            "(Kèm theo Quyết định số {b}/QĐ-{} ngày {b} của Giám đốc {department})",
            letterhead.symbol,
            b = paper::BLANK
        ),
    };
    paper.annexes = vec![Annex {
        heading: vec![
            "DANH SÁCH".to_owned(),
            format!("Cá nhân, tập thể được công nhận danh hiệu thi đua năm {year}"),
            of,
        ],
        body: vec![Block::Table(grouped_table(
            decision.listed,
            decision.unit_name,
        ))],
    }];
    paper
}

fn end_of(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MIN)
}

/// The rule set's legal texts in force on `day`, as a decision cites them: "Nghị định
/// 98/2023/NĐ-CP (đến 30/6/2025)" is left out after that day, and "(từ 01/7/2025)" is dropped
/// from a text already in force.
pub fn in_force(basis: &[String], day: NaiveDate) -> Vec<String> {
    let bound = |text: &str, word: &str| {
        let start = text.find(&format!("({word} "))? + word.len() + 2;
        let end = start + text[start..].find(')')?;
        NaiveDate::parse_from_str(text[start..end].trim(), "%d/%m/%Y").ok()
    };
    basis
        .iter()
        .filter(|text| bound(text, "đến").is_none_or(|until| day <= until))
        .filter(|text| bound(text, "từ").is_none_or(|from| from <= day))
        .map(|text| match text.find(" (") {
            Some(at) if bound(text, "từ").is_some() || bound(text, "đến").is_some() => {
                text[..at].to_owned()
            }
            _ => text.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_cites_the_texts_in_force_on_its_day() {
        let basis = [
            "Luật Thi đua, khen thưởng số 06/2022/QH15".to_owned(),
            "Nghị định 98/2023/NĐ-CP (đến 30/6/2025)".to_owned(),
            "Nghị định 152/2025/NĐ-CP (từ 01/7/2025)".to_owned(),
        ];
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            in_force(&basis, day(2026, 12, 15)),
            [
                "Luật Thi đua, khen thưởng số 06/2022/QH15",
                "Nghị định 152/2025/NĐ-CP"
            ]
        );
        assert_eq!(
            in_force(&basis, day(2025, 1, 10)),
            [
                "Luật Thi đua, khen thưởng số 06/2022/QH15",
                "Nghị định 98/2023/NĐ-CP"
            ]
        );
    }
}
