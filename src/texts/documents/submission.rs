//! The standing body's tờ trình to the director: what the council recommends after its
//! meeting, the titles the director recognises and those to propose to the province, with the
//! list attached.

use super::{Letterhead, Listed, blank_paper, counts, grouped_table};
use crate::texts::paper::{self, Annex, Block, Paper, Run, Signer};
use chrono::NaiveDate;

pub struct Submission<'a> {
    pub letterhead: Letterhead<'a>,
    pub year: i32,
    /// The council's meeting (the ballot's close), when it was held.
    pub meeting_day: Option<NaiveDate>,
    pub secretary: Option<&'a str>,
    /// Recommended for the director's recognition, in print order.
    pub recognised: &'a [Listed],
    /// Recommended for the province (TLĐXS, CSTĐ cấp tỉnh), in print order.
    pub upward: &'a [Listed],
    pub unit_name: &'a dyn Fn(&str) -> String,
}

pub fn paper(submission: &Submission<'_>) -> Paper {
    let letterhead = &submission.letterhead;
    let year = submission.year;
    let department = letterhead.department;
    let mut issuer = letterhead.issuer();
    issuer.push("HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG".to_owned());
    let mut paper = blank_paper(
        letterhead,
        format!("Số: {}/TTr-HĐTĐKT", paper::BLANK),
        paper::place_date(letterhead.place, submission.meeting_day, year),
        "TỜ TRÌNH",
        vec![format!(
            "Về việc đề nghị công nhận danh hiệu thi đua năm {year}"
        )],
    );
    paper.issuer = issuer;
    let meeting = match submission.meeting_day {
        Some(day) => format!("ngày {}", crate::texts::export::date(day)),
        None => format!("ngày {}", paper::BLANK),
    };
    let mut body = vec![
        Block::centred(Run::plain(format!("Kính gửi: Giám đốc {department}."))),
        Block::text(format!(
            "Căn cứ kết quả bình xét của các phòng, đơn vị, kết quả thẩm định của Thường trực Hội đồng và kết quả họp Hội đồng Thi đua – Khen thưởng {meeting}, Thường trực Hội đồng kính trình Giám đốc {department} xem xét:"
        )),
        Block::runs(vec![
            Run::bold("1. "),
            Run::plain(format!("Công nhận danh hiệu thi đua năm {year}:")),
        ]),
    ];
    if submission.recognised.is_empty() {
        body.push(Block::text("- Không có."));
    } else {
        body.extend(counts(submission.recognised));
    }
    body.push(Block::runs(vec![
        Run::bold("2. "),
        Run::plain("Trình Chủ tịch Ủy ban nhân dân tỉnh xét, công nhận:"),
    ]));
    if submission.upward.is_empty() {
        body.push(Block::text("- Không có."));
    } else {
        body.extend(counts(submission.upward));
    }
    body.push(Block::text(
        "(Có danh sách kèm theo.) Thường trực Hội đồng Thi đua – Khen thưởng kính trình Giám đốc xem xét, quyết định./.",
    ));
    paper.body = body;
    paper.recipients = vec![
        "Như trên;".to_owned(),
        "Thành viên Hội đồng;".to_owned(),
        "Lưu: VT, HĐTĐKT.".to_owned(),
    ];
    paper.signers = vec![Signer {
        capacity: vec![
            "TM. THƯỜNG TRỰC HỘI ĐỒNG".to_owned(),
            "THƯ KÝ HỘI ĐỒNG".to_owned(),
        ],
        name: submission.secretary.unwrap_or(paper::BLANK).to_owned(),
    }];
    let mut annexes = Vec::new();
    for (listed, what) in [
        (submission.recognised, "đề nghị công nhận danh hiệu thi đua"),
        (
            submission.upward,
            "đề nghị Chủ tịch Ủy ban nhân dân tỉnh công nhận",
        ),
    ] {
        if listed.is_empty() {
            continue;
        }
        annexes.push(Annex {
            heading: vec![
                "DANH SÁCH".to_owned(),
                format!("Cá nhân, tập thể {what} năm {year}"),
                format!(
                    "(Kèm theo Tờ trình của Thường trực Hội đồng Thi đua – Khen thưởng {department})"
                ),
            ],
            body: vec![Block::Table(grouped_table(listed, submission.unit_name))],
        });
    }
    paper.annexes = annexes;
    paper
}
