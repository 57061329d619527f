//! A person's báo cáo thành tích for the dossier of a title that needs one (CSTĐ cơ sở and
//! above), in the parts of the individual achievement report appended to the decree detailing
//! the law: I. a short curriculum vitae, II. the achievements (from the self-assessment),
//! III. the titles and awards already received (from the history). What the product does not
//! hold (date of birth, home town, duties) is left as a line to fill in by hand.

use super::quoted_title;
use crate::domain::assessment::{Answers, Discipline};
use crate::domain::history::{Entry, Kind};
use crate::domain::person::Gender;
use crate::domain::rules::InitiativeScope;
use crate::texts::Lang;
use crate::texts::export::date;
use crate::texts::paper::{self, BLANK, Block, Paper, Row, Run, Signer, Table};
use chrono::NaiveDate;

pub struct Report<'a> {
    pub year: i32,
    pub place: &'a str,
    pub department: &'a str,
    pub name: &'a str,
    pub gender: Gender,
    pub position: &'a str,
    pub unit: &'a str,
    pub hire_date: NaiveDate,
    /// The title the report backs (the highest one proposed).
    pub title: &'a str,
    /// The submitted self-assessment, if there is one.
    pub answers: Option<&'a Answers>,
    /// The person's history, oldest first (the years before `year` are printed).
    pub history: &'a [Entry],
    /// The unit's head, who confirms the report.
    pub head: Option<&'a str>,
}

fn line(label: &str, value: &str) -> Block {
    Block::runs(vec![Run::plain(format!("{label}: ")), Run::plain(value)])
}

pub fn paper(report: &Report<'_>) -> Paper {
    let fill = "…………………………";
    let gender = match report.gender {
        Gender::Male => "Nam",
        Gender::Female => "Nữ",
    };
    let mut body = vec![
        Block::Heading("I. SƠ LƯỢC LÝ LỊCH".to_owned()),
        line("Họ và tên", report.name),
        line("Giới tính", gender),
        line("Ngày, tháng, năm sinh", fill),
        line("Quê quán", fill),
        line("Chức vụ", report.position),
        line(
            "Đơn vị công tác",
            &format!("{}, {}", report.unit, report.department),
        ),
        line("Ngày vào cơ quan", &date(report.hire_date)),
        line("Trình độ chuyên môn, nghiệp vụ", fill),
        Block::Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC".to_owned()),
        Block::runs(vec![
            Run::bold("1. Quyền hạn, nhiệm vụ được giao: "),
            Run::plain(fill),
        ]),
        Block::runs(vec![Run::bold("2. Thành tích đạt được:")]),
    ];
    match report.answers {
        None => body.push(Block::text(
            "(Chưa có bản tự đánh giá đã nộp trong hệ thống.)",
        )),
        Some(answers) => achievements(answers, &mut body),
    }
    body.push(Block::Heading(
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG".to_owned(),
    ));
    let rows: Vec<Row> = report
        .history
        .iter()
        // What came before the year reported on: this year's titles are what the dossier asks.
        .filter(|entry| entry.year < report.year)
        .filter(|entry| matches!(entry.kind, Kind::Title(_) | Kind::Award(_)))
        .map(|entry| {
            Row::Cells(vec![
                entry.year.to_string(),
                crate::texts::history::kind_name(Lang::Vi, entry.kind),
                format!(
                    "{} ngày {}",
                    entry.decision_number,
                    date(entry.decision_date)
                ),
            ])
        })
        .collect();
    if rows.is_empty() {
        body.push(Block::text(
            "Chưa có danh hiệu, hình thức khen thưởng nào được ghi nhận.",
        ));
    } else {
        body.push(Block::Table(Table {
            header: [
                "Năm",
                "Danh hiệu thi đua, hình thức khen thưởng",
                "Số, ngày quyết định",
            ]
            .map(str::to_owned)
            .to_vec(),
            widths: vec![12, 50, 38],
            rows,
        }));
    }
    Paper {
        issuer: Vec::new(),
        number: String::new(),
        place_date: paper::place_date(report.place, None, report.year),
        kind: "BÁO CÁO THÀNH TÍCH".to_owned(),
        subject: vec![format!(
            "Đề nghị công nhận danh hiệu {} năm {}",
            quoted_title(report.title),
            report.year
        )],
        body,
        recipients: Vec::new(),
        signers: vec![
            Signer {
                capacity: vec![
                    "THỦ TRƯỞNG ĐƠN VỊ".to_owned(),
                    "XÁC NHẬN, ĐỀ NGHỊ".to_owned(),
                ],
                name: report.head.unwrap_or(BLANK).to_owned(),
            },
            Signer {
                capacity: vec!["NGƯỜI BÁO CÁO THÀNH TÍCH".to_owned()],
                name: report.name.to_owned(),
            },
        ],
        annexes: Vec::new(),
    }
}

fn achievements(answers: &Answers, body: &mut Vec<Block>) {
    if let Some(summary) = answers
        .summary
        .as_deref()
        .filter(|text| !text.trim().is_empty())
    {
        for part in summary.split('\n').filter(|part| !part.trim().is_empty()) {
            body.push(Block::text(part.trim()));
        }
    }
    if let Some(rating) = answers.rating {
        body.push(Block::text(format!(
            "- Kết quả đánh giá, xếp loại: {}.",
            crate::texts::assessment::rating(Lang::Vi, rating)
        )));
    }
    match answers.initiatives.as_deref() {
        Some([]) | None => body.push(Block::text("- Sáng kiến: không có.")),
        Some(initiatives) => {
            body.push(Block::text("- Sáng kiến được công nhận:"));
            body.push(Block::Table(Table {
                header: [
                    "STT",
                    "Tên sáng kiến",
                    "Phạm vi ảnh hưởng",
                    "Quyết định công nhận",
                ]
                .map(str::to_owned)
                .to_vec(),
                widths: vec![8, 44, 18, 30],
                rows: initiatives
                    .iter()
                    .enumerate()
                    .map(|(index, initiative)| {
                        Row::Cells(vec![
                            (index + 1).to_string(),
                            initiative.title.clone(),
                            match initiative.scope {
                                Some(InitiativeScope::Province) => "Toàn tỉnh",
                                _ => "Cơ sở",
                            }
                            .to_owned(),
                            format!(
                                "Số {} ngày {}",
                                initiative.decision_number,
                                date(initiative.decision_date)
                            ),
                        ])
                    })
                    .collect(),
            }));
        }
    }
    if let Some(count) = answers.research_projects.filter(|count| *count > 0) {
        body.push(Block::text(format!(
            "- Đề tài nghiên cứu khoa học đã nghiệm thu: {count}."
        )));
    }
    if !answers.evidence.is_empty() {
        let listed: Vec<String> = answers
            .evidence
            .iter()
            .enumerate()
            .map(|(index, file)| format!("{}. {}", index + 1, file.file_name))
            .collect();
        body.push(Block::text(format!(
            "- Tài liệu minh chứng kèm theo: {}.",
            listed.join("; ")
        )));
    }
    if let Some(discipline) = answers.discipline {
        let text = match discipline {
            Discipline::None => "không".to_owned(),
            other => crate::texts::assessment::discipline(Lang::Vi, other).to_lowercase(),
        };
        body.push(Block::text(format!("- Kỷ luật trong năm: {text}.")));
    }
}
