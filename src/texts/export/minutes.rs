//! The council meeting's minutes (biên bản họp Hội đồng Thi đua – Khen thưởng) as a paper (a
//! printable HTML page or a Word document): the administrative header, the ballot's frame, the count per nominee
//! against the threshold of the whole membership, and the signature blocks. Counts only: the
//! minutes never say who voted how.

use super::{date, nomination_status, title};
use crate::domain::title::Title;
use crate::storage::exports::{BallotFrame, DecisionRow, NominationRow};
use crate::texts::paper::{self, Block, Paper, Row, Run, Signer, Table};

/// Everything the minutes show, gathered by the caller.
pub struct Minutes<'a> {
    pub department: &'a str,
    pub year: i32,
    pub frame: Option<&'a BallotFrame>,
    pub members: &'a [String],
    /// Each ballot title with its approval share in percent, e.g. (CSTĐCS, 80.0).
    pub thresholds: &'a [(Title, f64)],
    pub rows: &'a [NominationRow],
    pub unit_name: &'a dyn Fn(&str) -> String,
    pub approval: Option<&'a DecisionRow>,
    /// The place line's place ("Tây Ninh"); empty leaves a line to fill in.
    pub place: &'a str,
    /// The council's chair (the director) and secretary, for the signature blocks.
    pub chair: Option<&'a str>,
    pub secretary: Option<&'a str>,
}

/// What the council decided about a nominee, as its minutes say it: the council only
/// recommends; recognising is the director's (or the province's) decision.
fn council_result(row: &NominationRow) -> &'static str {
    match (row.membership.is_some(), row.status.as_str()) {
        (true, "failed") => "Không đạt",
        (true, "passed" | "approved" | "rejected") => "Đạt, đề nghị công nhận",
        (false, "valid" | "approved" | "rejected") => "Hợp lệ, đề nghị công nhận",
        (_, other) => nomination_status(other),
    }
}

/// "ngày 08/12/2026, từ 08:00 đến 10:30", or the two days with their times.
fn ballot_span(
    opened: chrono::DateTime<chrono::Utc>,
    closed: Option<chrono::DateTime<chrono::Utc>>,
) -> String {
    let local = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh);
    let opened = local(opened);
    match closed.map(local) {
        None => format!(
            "từ {} ngày {} (chưa kết thúc)",
            opened.format("%H:%M"),
            opened.format("%d/%m/%Y")
        ),
        Some(closed) if closed.date_naive() == opened.date_naive() => format!(
            "ngày {}, từ {} đến {}",
            opened.format("%d/%m/%Y"),
            opened.format("%H:%M"),
            closed.format("%H:%M")
        ),
        Some(closed) => format!(
            "từ {} ngày {} đến {} ngày {}",
            opened.format("%H:%M"),
            opened.format("%d/%m/%Y"),
            closed.format("%H:%M"),
            closed.format("%d/%m/%Y")
        ),
    }
}

fn who(row: &NominationRow, unit_name: &dyn Fn(&str) -> String) -> String {
    row.full_name
        .clone()
        .unwrap_or_else(|| format!("Tập thể {}", unit_name(&row.unit_code)))
}

/// The minutes as a printable HTML page.
pub fn html(minutes: &Minutes<'_>) -> String {
    paper::html::page(&paper(minutes))
}

/// The minutes as a paper: the same words for the HTML page and the Word document.
pub fn paper(minutes: &Minutes<'_>) -> Paper {
    let unit_name = minutes.unit_name;
    // The number is the secretary's to give when the minutes are registered; the date is the
    // ballot's close (or left to fill in).
    let day = minutes
        .frame
        .and_then(|frame| frame.closed_at)
        .map(|at| at.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh).date_naive());
    let chair = minutes.chair.unwrap_or(paper::BLANK).to_owned();
    let secretary = minutes.secretary.unwrap_or(paper::BLANK).to_owned();
    let mut body = vec![
        Block::text("Địa điểm: ……………………"),
        Block::text(format!(
            "Chủ trì: {chair}, Chủ tịch Hội đồng. Thư ký: {secretary}."
        )),
    ];
    match minutes.frame {
        Some(frame) => {
            let written = if frame.written_voters > 0 {
                format!(
                    " (trong đó {} thành viên vắng mặt gửi phiếu bằng văn bản)",
                    frame.written_voters
                )
            } else {
                String::new()
            };
            body.push(Block::text(format!(
                "Thời gian bỏ phiếu kín: {}.",
                ballot_span(frame.opened_at, frame.closed_at)
            )));
            body.push(Block::runs(vec![
                Run::plain("Tổng số thành viên Hội đồng: "),
                Run::bold(frame.membership.to_string()),
                Run::plain(". Số thành viên tham gia bỏ phiếu: "),
                Run::bold(frame.voters.to_string()),
                Run::plain(format!("{written}.")),
            ]));
        }
        None => body.push(Block::text(
            "Năm nay không có danh hiệu nào phải bỏ phiếu kín.",
        )),
    }
    if !minutes.members.is_empty() {
        body.push(Block::text(format!(
            "Thành viên Hội đồng: {}.",
            minutes.members.join("; ")
        )));
    }
    let heading = if minutes.frame.is_some() {
        // The ballot's form and thresholds, and its count, only when there was a ballot.
        body.push(Block::text(
            "Hình thức: bỏ phiếu kín. Tỷ lệ đồng ý được tính trên tổng số thành viên Hội đồng:",
        ));
        for (threshold_title, percent) in minutes.thresholds {
            body.push(Block::text(format!(
                "- {}: từ {} tổng số thành viên trở lên;",
                title(threshold_title.code()),
                crate::texts::common::percent(crate::texts::Lang::Vi, *percent)
            )));
        }
        body.push(Block::Heading("I. Kết quả kiểm phiếu".to_owned()));
        let balloted = minutes
            .rows
            .iter()
            .filter(|row| row.membership.is_some() && row.ballot_yes.is_some());
        let rows = balloted
            .enumerate()
            .map(|(index, row)| {
                let membership = row.membership.unwrap_or(0);
                let yes = row.ballot_yes.unwrap_or(0);
                let share = if membership > 0 {
                    yes as f64 * 100.0 / membership as f64
                } else {
                    0.0
                };
                Row::Cells(vec![
                    (index + 1).to_string(),
                    who(row, unit_name),
                    unit_name(&row.unit_code),
                    title(&row.title),
                    yes.to_string(),
                    row.ballot_no.unwrap_or(0).to_string(),
                    crate::texts::common::percent(crate::texts::Lang::Vi, share),
                    council_result(row).to_owned(),
                ])
            })
            .collect();
        body.push(Block::Table(Table {
            header: [
                "STT",
                "Cá nhân / Tập thể",
                "Đơn vị",
                "Danh hiệu",
                "Đồng ý",
                "Không đồng ý",
                "Tỷ lệ đồng ý",
                "Kết quả",
            ]
            .map(str::to_owned)
            .to_vec(),
            widths: vec![7, 18, 16, 14, 8, 11, 10, 16],
            rows,
        }));
        "II. Các danh hiệu không phải bỏ phiếu kín (hợp lệ sau thẩm định)"
    } else {
        "Các danh hiệu đề nghị công nhận (hợp lệ sau thẩm định)"
    };
    body.push(Block::Heading(heading.to_owned()));
    let others = minutes.rows.iter().filter(|row| {
        row.membership.is_none() && matches!(row.status.as_str(), "valid" | "approved" | "rejected")
    });
    let rows = others
        .enumerate()
        .map(|(index, row)| {
            Row::Cells(vec![
                (index + 1).to_string(),
                who(row, unit_name),
                unit_name(&row.unit_code),
                title(&row.title),
                council_result(row).to_owned(),
            ])
        })
        .collect();
    body.push(Block::Table(Table {
        header: ["STT", "Cá nhân / Tập thể", "Đơn vị", "Danh hiệu", "Kết quả"]
            .map(str::to_owned)
            .to_vec(),
        widths: vec![7, 30, 26, 19, 18],
        rows,
    }));
    if let Some(approval) = minutes.approval {
        body.push(Block::text(format!(
            "Kết quả đã được Giám đốc Sở phê duyệt tại Quyết định số {} ngày {}.",
            approval.number.as_deref().unwrap_or(""),
            approval.decided_on.map(date).unwrap_or_default()
        )));
    }
    body.push(Block::text(
        "Biên bản được lập thành 02 bản, có giá trị như nhau.",
    ));
    Paper {
        issuer: vec![
            minutes.department.to_uppercase(),
            "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG".to_owned(),
        ],
        number: "Số: ……/BB-HĐTĐKT".to_owned(),
        place_date: paper::place_date(minutes.place, day, minutes.year),
        kind: "BIÊN BẢN".to_owned(),
        subject: vec![format!(
            "Họp Hội đồng Thi đua – Khen thưởng xét danh hiệu thi đua năm {}",
            minutes.year
        )],
        body,
        recipients: Vec::new(),
        signers: vec![
            Signer {
                capacity: vec!["THƯ KÝ HỘI ĐỒNG".to_owned()],
                name: secretary,
            },
            Signer {
                capacity: vec!["CHỦ TỊCH HỘI ĐỒNG".to_owned()],
                name: chair,
            },
        ],
        annexes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn row(name: &str, title: &str, status: &str, ballot: Option<(i64, i64)>) -> NominationRow {
        NominationRow {
            id: 1,
            unit_code: "VP".into(),
            employee_code: Some("VP02".into()),
            full_name: Some(name.into()),
            person_id: Some(2),
            position: None,
            gender: None,
            title: title.into(),
            meeting_yes_votes: Some(3),
            status: status.into(),
            appraisal_note: None,
            ballot_yes: ballot.map(|(yes, _)| yes),
            ballot_no: ballot.map(|(_, no)| no),
            membership: ballot.map(|(yes, no)| yes + no),
        }
    }

    fn page(frame: Option<&BallotFrame>, rows: &[NominationRow]) -> String {
        html(&Minutes {
            department: "Sở Xây dựng tỉnh Tây Ninh",
            year: 2026,
            frame,
            members: &[],
            thresholds: &[(Title::Cstdcs, 80.0)],
            rows,
            unit_name: &|_| "Văn phòng".to_owned(),
            approval: None,
            place: "Tây Ninh",
            chair: Some("Võ Minh Đức"),
            secretary: Some("Lê Quốc Bảo"),
        })
    }

    #[test]
    fn a_one_day_ballot_reads_as_one_day_and_the_council_only_recommends() {
        // 08:00 to 10:30 in Vietnam on 8 December.
        let frame = BallotFrame {
            membership: 4,
            opened_at: chrono::Utc.with_ymd_and_hms(2026, 12, 8, 1, 0, 0).unwrap(),
            closed_at: Some(chrono::Utc.with_ymd_and_hms(2026, 12, 8, 3, 30, 0).unwrap()),
            voters: 4,
            written_voters: 0,
        };
        let rows = [
            row("Nguyễn Thị Mai", "CSTDCS", "approved", Some((4, 0))),
            row("Phạm Thị Lan", "CSTDCS", "failed", Some((2, 2))),
        ];
        let page = page(Some(&frame), &rows);
        assert!(
            page.contains("Thời gian bỏ phiếu kín: ngày 08/12/2026, từ 08:00 đến 10:30."),
            "{page}"
        );
        assert!(!page.contains("đến ngày"));
        assert!(
            !page.contains("trong đó 0"),
            "no written votes: nothing to say"
        );
        assert!(page.contains("Tây Ninh, ngày 08 tháng 12 năm 2026"));
        assert!(page.contains("Chủ trì: Võ Minh Đức, Chủ tịch Hội đồng. Thư ký: Lê Quốc Bảo."));
        assert!(
            page.contains("<td>100%</td><td>Đạt, đề nghị công nhận</td>"),
            "{page}"
        );
        assert!(page.contains("<td>50%</td><td>Không đạt</td>"));
        assert!(!page.contains("Được công nhận"));
    }

    #[test]
    fn without_a_ballot_the_minutes_say_so_once_and_show_no_ballot_form() {
        let rows = [row("Nguyễn Thị Mai", "LDTT", "approved", None)];
        let page = page(None, &rows);
        assert!(page.contains("Năm nay không có danh hiệu nào phải bỏ phiếu kín."));
        assert!(!page.contains("Hình thức: bỏ phiếu kín"), "{page}");
        assert!(!page.contains("Kết quả kiểm phiếu"));
        assert!(page.contains("<h3>Các danh hiệu đề nghị công nhận (hợp lệ sau thẩm định)</h3>"));
        assert!(page.contains("Hợp lệ, đề nghị công nhận"));
        assert!(page.contains("Tây Ninh, ngày …… tháng …… năm 2026"));
    }
}
