//! The department's tờ trình to the provincial council for the titles the director cannot
//! decide (TLĐXS, CSTĐ cấp tỉnh), with the list; once the province decided, the list shows
//! each result.

use super::{Letterhead, Listed, blank_paper, counts, grouped_table};
use crate::texts::paper::{self, Annex, Block, Paper, Run, Signer};
use chrono::NaiveDate;

pub struct Proposal<'a> {
    pub letterhead: Letterhead<'a>,
    pub year: i32,
    /// The number and day it was sent under, once recorded (`thidua proposal sent`).
    pub number: Option<&'a str>,
    pub day: Option<NaiveDate>,
    /// The director's decision for the year, which the proposal follows.
    pub decision: Option<(&'a str, NaiveDate)>,
    pub director: Option<&'a str>,
    pub listed: &'a [Listed],
    pub unit_name: &'a dyn Fn(&str) -> String,
}

pub fn paper(proposal: &Proposal<'_>) -> Paper {
    let letterhead = &proposal.letterhead;
    let year = proposal.year;
    let department = letterhead.department;
    let mut paper = blank_paper(
        letterhead,
        letterhead.number(proposal.number, "TTr"),
        paper::place_date(letterhead.place, proposal.day, year),
        "TỜ TRÌNH",
        vec![format!(
            "Về việc đề nghị công nhận danh hiệu thi đua năm {year}"
        )],
    );
    let following = match proposal.decision {
        Some((number, day)) => format!(
            "Căn cứ kết quả bình xét thi đua năm {year} và Quyết định số {number} ngày {} của Giám đốc {department}",
            crate::texts::export::date(day)
        ),
        None => format!("Căn cứ kết quả bình xét thi đua năm {year} của {department}"),
    };
    let mut body = vec![
        Block::centred(Run::plain("Kính gửi: Hội đồng Thi đua – Khen thưởng tỉnh.")),
        Block::text(format!(
            "{following}, {department} kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét, công nhận:"
        )),
    ];
    body.extend(counts(proposal.listed));
    body.push(Block::text(
        "(Có danh sách và hồ sơ kèm theo.) Kính đề nghị Hội đồng Thi đua – Khen thưởng tỉnh xem xét, trình Chủ tịch Ủy ban nhân dân tỉnh quyết định./.",
    ));
    paper.body = body;
    paper.recipients = vec![
        "Như trên;".to_owned(),
        "Ban Thi đua – Khen thưởng tỉnh;".to_owned(),
        "Lưu: VT, VP.".to_owned(),
    ];
    paper.signers = vec![Signer {
        capacity: vec!["GIÁM ĐỐC".to_owned()],
        name: proposal.director.unwrap_or(paper::BLANK).to_owned(),
    }];
    paper.annexes = vec![Annex {
        heading: vec![
            "DANH SÁCH".to_owned(),
            format!("Cá nhân, tập thể đề nghị công nhận danh hiệu thi đua năm {year}"),
            format!("(Kèm theo Tờ trình của {department})"),
        ],
        body: vec![Block::Table(grouped_table(
            proposal.listed,
            proposal.unit_name,
        ))],
    }];
    paper
}
